package cloudfront_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/cloudfront"
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
			siemtest.BenchNormalize(b, benchReader(b, c.lt(), c.key, c.gen(10000)), toJSON)
		})
	}
}

// BenchmarkNormalize measures Normalize alone on varied samplegen records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
