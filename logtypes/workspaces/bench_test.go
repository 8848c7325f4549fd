package workspaces_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/workspaces"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, access events and inventory alike.
func TestSampleGen(t *testing.T) {
	data := samplegen.WorkSpaces(2000)
	if !bytes.Equal(data, samplegen.WorkSpaces(2000)) {
		t.Fatal("samplegen.WorkSpaces is not deterministic")
	}
	res := siemtest.Run(t, workspaces.New(), eventKey, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want 2000 indexed", res.Counts, res.Err)
	}
	info := workspaces.New().Info()
	for _, want := range []string{`"kind":"state"`, `"kind":"event"`, `"outcome":"failure"`, `"outcome":"success"`, `"ip":["2001:db8:`, `"modification_states"`, `"error_code"`} {
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

// bench measures Normalize on samplegen.WorkSpaces, framed by the
// EventBridge envelope as the pipeline frames it
// (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	obj := siem.Object{Key: eventKey}
	msgs, err := envelope.EventBridge().Open(obj, bytes.NewReader(samplegen.WorkSpaces(5000)))
	if err != nil {
		b.Fatal(err)
	}
	or, err := workspaces.New().(siem.MessageOpener).OpenMessages(obj, msgs)
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen.WorkSpaces.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
