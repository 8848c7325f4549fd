package cloudfront_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	for _, c := range []struct {
		name string
		lt   siem.LogType
		key  string
		gen  func(int) []byte
	}{
		{"standard", cloudfront.New(), legacyKey, samplegen.CloudFront},
		{"realtime", cloudfront.Realtime(), realtimeKey, samplegen.CloudFrontRealtime},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := c.gen(5000)
			if !bytes.Equal(data, c.gen(5000)) {
				t.Fatal("the generator is not deterministic")
			}
			res := siemtest.Run(t, c.lt, c.key, data)
			if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
				t.Fatalf("counts %v, want 5000 indexed", res.Counts)
			}
			for _, want := range []string{`"Hit"`, `"Miss"`, `"RefreshHit"`, `"Redirect"`, `"OriginConnectError"`, `"sc_status":"000"`,
				`"ipv6"`, `"version":"3.0"`, `"scheme":"http"`, `"x_forwarded_for"`, `"failure"`, `"query"`} {
				n := 0
				for _, d := range res.Docs {
					if bytes.Contains(d.Body, []byte(want)) {
						n++
					}
				}
				if n == 0 {
					t.Errorf("no record with %s", want)
				}
			}
		})
	}
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
	lt   func() siem.LogType
	key  string
	gen  func(int) []byte
}{
	{"standard", cloudfront.New, legacyKey, samplegen.CloudFront},
	{"realtime", func() siem.LogType { return cloudfront.Realtime() }, realtimeKey, samplegen.CloudFrontRealtime},
}

func bench(b *testing.B, toJSON bool) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			or, recs := records(b, c.lt(), c.key, c.gen(10000))
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

// BenchmarkNormalize measures Normalize alone on varied samplegen records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
