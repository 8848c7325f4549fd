package cloudhsm_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/cloudhsm"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.CloudHSM(5000)
	if !bytes.Equal(data, samplegen.CloudHSM(5000)) {
		t.Fatal("samplegen.CloudHSM is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, cloudhsm.New(), keyFile, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"failure"`, `"authentication"`, `"iam"`, `"configuration"`, `"deletion"`, `"target"`, `"local_time"`, `"priv_secret_key_handle"`, `"roles"`} {
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

// keyFile is an HSM's audit log file, its cluster and HSM in the key.
const keyFile = "archive/CloudHSM/cluster-2sdq3ftzp6a/hsm-kdnzrbdd5ks/audit.log"

// bench measures Normalize on samplegen's records (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := cloudhsm.New().Open(siem.Object{Key: keyFile}, bytes.NewReader(samplegen.CloudHSM(10000)))
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
