package securityhub

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/siemtest"
)

// benchmark measures Normalize on samplegen's findings, cut from their
// EventBridge events as the pipeline does (siemtest.BenchNormalize).
func benchmark(b *testing.B, toJSON bool) {
	obj := siem.Object{Key: keyFirehoseSamplegen}
	msgs, err := envelope.EventBridge().Open(obj, bytes.NewReader(samplegen.SecurityHub(1000)))
	if err != nil {
		b.Fatal(err)
	}
	or, err := New().(siem.MessageOpener).OpenMessages(obj, msgs)
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// keyFirehoseSamplegen is the key samplegen's objects are read under.
const keyFirehoseSamplegen = "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-00-00-samplegen"

// BenchmarkNormalize measures Normalize alone over samplegen.SecurityHub's
// mix of findings.
func BenchmarkNormalize(b *testing.B) { benchmark(b, false) }

// BenchmarkNormalizeToJSON adds the document encoding the pipeline does
// next.
func BenchmarkNormalizeToJSON(b *testing.B) { benchmark(b, true) }

// TestSampleGen proves that every record of the generator indexes, as
// a valid document, through the whole pipeline.
func TestSampleGen(t *testing.T) {
	const n = 300
	res := siemtest.Run(t, New(), keyFirehoseSamplegen, samplegen.SecurityHub(n))
	if res.Counts.Indexed != n || res.Counts.Read != n {
		t.Fatalf("counts %v, want %d read and indexed; dead letters: %v", res.Counts, n, res.DeadLetters)
	}
	// Every finding but a passed check is an alert; the generator's mix
	// of products gives threats (intrusion_detection) and posture
	// findings alike.
	categories := map[string]int{}
	for _, d := range res.Docs {
		if err := New().Info().CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
		passed := bytes.Contains(d.Body, []byte(`"outcome":"success"`))
		if alert := bytes.Contains(d.Body, []byte(`"kind":"alert"`)); alert == passed {
			t.Errorf("record %d: event.kind alert is %v for a passed check %v", d.Source.Record, alert, passed)
		}
		switch {
		case bytes.Contains(d.Body, []byte(`"category":["intrusion_detection"`)):
			categories["intrusion_detection"]++
		case bytes.Contains(d.Body, []byte(`"category":["configuration"`)), bytes.Contains(d.Body, []byte(`"category":["vulnerability"`)):
			categories["posture"]++
		}
	}
	if categories["intrusion_detection"] == 0 || categories["posture"] == 0 || categories["intrusion_detection"]+categories["posture"] != n {
		t.Errorf("categories %v, want a mix of threats and posture findings covering all %d", categories, n)
	}
}
