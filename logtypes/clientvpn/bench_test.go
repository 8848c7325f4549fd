package clientvpn_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/clientvpn"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.ClientVPN(5000)
	if !bytes.Equal(data, samplegen.ClientVPN(5000)) {
		t.Fatal("samplegen.ClientVPN is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, clientvpn.New(), keyJSON, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"failure"`, `"denied"`, `"end"`, `"start"`, `"connection-reset"`, `"tcp"`, `"ipv6"`, `"posture_compliance_statuses"`, `"duration"`, `"user"`} {
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
}

// bench measures Normalize on samplegen's records (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := clientvpn.New().Open(siem.Object{Key: keyJSON}, bytes.NewReader(samplegen.ClientVPN(10000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
