package inspector_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// finding indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.Inspector(2000)
	if !bytes.Equal(data, samplegen.Inspector(2000)) {
		t.Fatal("samplegen.Inspector is not deterministic")
	}
	res := siemtest.Run(t, inspector.New(), keyFirehose, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 || res.Counts.Excluded != 0 {
		t.Fatalf("counts %v, want 2000 indexed", res.Counts)
	}
	for _, want := range []string{`"PACKAGE_VULNERABILITY_CVE-`, `"NETWORK_REACHABILITY_UDP_`, `"CODE_VULNERABILITY_`, `"container":`, `"faas":`, `"CLOSED"`, `"SUPPRESSED"`, `"Critical"`, `"Untriaged"`, `"last_known_exploit_at"`} {
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
	msgs, err := envelope.EventBridge().Open(siem.Object{Key: keyFirehose}, bytes.NewReader(samplegen.Inspector(2000)))
	if err != nil {
		b.Fatal(err)
	}
	or, err := inspector.New().(siem.MessageOpener).OpenMessages(siem.Object{Key: keyFirehose}, msgs)
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's findings.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
