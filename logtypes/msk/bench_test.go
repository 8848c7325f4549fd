package msk_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/msk"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.MSK(5000)
	if !bytes.Equal(data, samplegen.MSK(5000)) {
		t.Fatal("samplegen.MSK is not deterministic")
	}
	res := siemtest.Run(t, msk.New(), benchKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"stack_trace":"java.io.IOException`, `"sum_lag":`, `"logger":"state.change.logger"`, `"outcome":"failure"`, `"level":"ERROR"`, `"component":"Partition `} {
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
}

// bench measures Normalize on samplegen's records (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := msk.New().Open(siem.Object{Key: benchKey}, bytes.NewReader(samplegen.MSK(10000)))
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
