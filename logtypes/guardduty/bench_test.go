package guardduty

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/siemtest"
)

// sampleRecords returns the lines of a samplegen.GuardDuty object.
func sampleRecords(tb testing.TB, n int) [][]byte {
	tb.Helper()
	recs := bytes.Split(bytes.TrimSuffix(samplegen.GuardDuty(n), []byte("\n")), []byte("\n"))
	if len(recs) != n {
		tb.Fatalf("samplegen.GuardDuty(%d) gave %d lines", n, len(recs))
	}
	return recs
}

// benchNormalize measures Normalize on samplegen's findings
// (siemtest.BenchNormalize).
func benchNormalize(b *testing.B, toJSON bool) {
	obj := siem.Object{Key: keyExport}
	or, err := New().Open(obj, bytes.NewReader(samplegen.GuardDuty(1000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone over the synthetic mix of
// samplegen.GuardDuty.
func BenchmarkNormalize(b *testing.B) { benchNormalize(b, false) }

// BenchmarkNormalizeToJSON adds the document encoding the pipeline does
// next.
func BenchmarkNormalizeToJSON(b *testing.B) { benchNormalize(b, true) }

// TestSampleGen checks that every generated finding is indexed and its
// document validates, so the benchmarks measure real work.
func TestSampleGen(t *testing.T) {
	data := samplegen.GuardDuty(500)
	res := siemtest.Run(t, New(), keyExport, data)
	if res.Counts.Indexed != 500 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want all 500 indexed", res.Counts)
	}
	info := New().Info()
	for _, d := range res.Docs {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
}
