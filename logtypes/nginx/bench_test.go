package nginx_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/nginx"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

const (
	benchAccessKey = "logs/web-01/nginx/access/2026/11/27/access.log"
	benchErrorKey  = "logs/web-01/nginx/error/2026/11/27/error.log"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.NginxAccess(5000)
	if !bytes.Equal(data, samplegen.NginxAccess(5000)) {
		t.Fatal("samplegen.NginxAccess is not deterministic")
	}
	res := siemtest.Run(t, nginx.Access(), benchAccessKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("access: counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"2001:db8:4a1f::`, `"x_forwarded_for"`, `"destination":{"domain"`, `"request":"\\x16`, `"user":{"name":"alice"}`, `"status_code":502`} {
		if n := count(res.Docs, want); n == 0 {
			t.Errorf("access: no record with %s", want)
		}
	}
	data = samplegen.NginxError(2000)
	res = siemtest.Run(t, nginx.Error(), benchErrorKey, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("error: counts %v, want 2000 indexed", res.Counts)
	}
	for _, want := range []string{`"level":"notice"`, `FastCGI`, `"upstream":"http`, `"port":8443`} {
		if n := count(res.Docs, want); n == 0 {
			t.Errorf("error: no record with %s", want)
		}
	}
}

func count(docs []siem.Document, s string) int {
	n := 0
	for _, d := range docs {
		if bytes.Contains(d.Body, []byte(s)) {
			n++
		}
	}
	return n
}

// records frames an object and copies out its records and reader, as the
// pipeline does before handing records to its workers.
func records(tb testing.TB, lt siem.LogType, key string, data []byte) (siem.ObjectReader, []parser.Record) {
	tb.Helper()
	or, err := lt.Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return or, recs
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
	}
}

var benchCases = []struct {
	name string
	lt   siem.LogType
	key  string
	data func() []byte
}{
	{"access", nginx.Access(), benchAccessKey, func() []byte { return samplegen.NginxAccess(10000) }},
	{"error", nginx.Error(), benchErrorKey, func() []byte { return samplegen.NginxError(5000) }},
}

func bench(b *testing.B, toJSON bool) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			or, recs := records(b, c.lt, c.key, c.data())
			size := 0
			for _, r := range recs {
				size += len(r.Data) + 1
			}
			var ev ecs.Event
			var out []byte
			b.SetBytes(int64(size / len(recs)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				ev.Reset()
				if err := or.Normalize(siem.Record{Record: recs[i]}, &ev); err != nil {
					b.Fatal(err)
				}
				if toJSON {
					out = ev.AppendJSON(out[:0])
				}
				i++
				if i == len(recs) {
					i = 0
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
