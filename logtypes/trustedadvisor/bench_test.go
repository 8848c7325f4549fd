package trustedadvisor_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, check results and flagged resources alike.
func TestSampleGen(t *testing.T) {
	data := samplegen.TrustedAdvisor(2000)
	if !bytes.Equal(data, samplegen.TrustedAdvisor(2000)) {
		t.Fatal("samplegen.TrustedAdvisor is not deterministic")
	}
	res := siemtest.Run(t, trustedadvisor.New(), lambdaKey, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want 2000 indexed", res.Counts, res.Err)
	}
	info := trustedadvisor.New().Info()
	for _, want := range []string{`"kind":"state"`, `"kind":"alert"`, `"outcome":"failure"`, `"outcome":"success"`, `"instance":{"id":"i-`, `"flagged_resource":{`, `"related":{"hosts"`, `"estimated_monthly_savings"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no document with %s", want)
		}
	}
	for _, d := range res.Docs[:300] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
}

// bench measures Normalize on samplegen.TrustedAdvisor
// (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := trustedadvisor.New().Open(siem.Object{Key: lambdaKey}, bytes.NewReader(samplegen.TrustedAdvisor(5000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen.TrustedAdvisor.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
