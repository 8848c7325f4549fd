package nginx_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/nginx"
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

// benchReader opens a benchmark object; siemtest.BenchNormalize reads
// its records.
func benchReader(tb testing.TB, lt siem.LogType, key string, data []byte) siem.ObjectReader {
	tb.Helper()
	or, err := lt.Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return or
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
			siemtest.BenchNormalize(b, benchReader(b, c.lt, c.key, c.data()), toJSON)
		})
	}
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
