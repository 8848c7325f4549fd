package cloudtrail

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// TestConformanceFirehoseEnvelope looks at Elastic's Firehose fixture. Its
// expected documents only show how Elastic routes a Firehose record
// (envelope fields, data_stream); they hold no CloudTrail normalization
// to compare with, so the CloudTrail events inside are checked to
// normalize cleanly and the comparison is skipped.
func TestConformanceFirehoseEnvelope(t *testing.T) {
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "aws_firehose_envelope")
	data, err := os.ReadFile(filepath.Join(dir, "test-cloudtrail.json"))
	if err != nil {
		t.Fatal(err)
	}
	var input struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(data, &input); err != nil {
		t.Fatal(err)
	}
	if len(input.Events) == 0 {
		t.Fatal("no events in the Firehose fixture")
	}
	for i, e := range input.Events {
		message, ok := e["message"].(string)
		if !ok {
			t.Fatalf("event %d has no message string; the fixture's shape changed, revisit this test", i)
		}
		ev := &ecs.Event{}
		if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(message), Number: int64(i + 1)}}, ev); err != nil {
			t.Errorf("event %d: %v", i, err)
			continue
		}
		if err := ecs.Validate(ev.AppendJSON(nil), Dataset); err != nil {
			t.Errorf("event %d: %v", i, err)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "test-cloudtrail.json-expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	expected, err := siemtest.ParseExpected(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range expected {
		if _, ok := doc["event.action"]; ok {
			t.Fatal("the Firehose fixture now carries normalized CloudTrail fields; compare them instead of skipping")
		}
		if ev, ok := doc["event"].(map[string]any); ok && ev["action"] != nil {
			t.Fatal("the Firehose fixture now carries normalized CloudTrail fields; compare them instead of skipping")
		}
	}
	t.Log("Firehose fixture: its expected output holds Elastic's envelope routing only (message kept raw), no CloudTrail fields to compare; the embedded events normalize and validate")
}
