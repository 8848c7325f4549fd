package trustedadvisor_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/siemtest"
)

func field(t *testing.T, body []byte, path string) any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	var v any = m
	for _, p := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[p]
	}
	return v
}

// Metadata columns become one flat object: dots in names replaced, empty
// and repeated names numbered, values beyond the columns numbered, nulls
// left out; an over-long value sends the row to the text form.
func TestMetadataColumns(t *testing.T) {
	rec := `{"creation_date":"2026-11-27T10:00:00.5","account":"123456789012","check":{"id":"c1","name":"n","metadata":["a.b","","a_b","x"]},` +
		`"result":{"checkId":"c1","status":"error","flaggedResource":{"status":"error","metadata":["1","2","3",null,"192.0.2.9","arn:aws:rds:eu-west-1:123456789012:db:prod"],"number":3}}}`
	long := `{"creation_date":"2026-11-27T10:00:00Z","check":{"id":"c2","metadata":["v"]},"result":{"flaggedResource":{"status":"ok","metadata":["` + strings.Repeat("x", 40000) + `"]}}}`
	res := siemtest.Run(t, trustedadvisor.New(), "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/r.json", []byte(rec+"\n"+long))
	if res.Counts.Indexed != 2 {
		t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
	}
	b := res.Docs[0].Body
	md, _ := field(t, b, "aws.trustedadvisor.flagged_resource.metadata").(map[string]any)
	want := map[string]any{"a_b": "1", "column_2": "2", "a_b_2": "3", "column_5": "192.0.2.9", "column_6": "arn:aws:rds:eu-west-1:123456789012:db:prod"}
	if len(md) != len(want) {
		t.Errorf("metadata %v, want %v", md, want)
	}
	for k, v := range want {
		if md[k] != v {
			t.Errorf("metadata[%q] = %v, want %v", k, md[k], v)
		}
	}
	for path, want := range map[string]any{
		"@timestamp": "2026-11-27T10:00:00.5Z", "event.kind": "alert", "event.outcome": "failure", "rule.id": "c1",
		"cloud.region": "eu-west-1", "cloud.service.name": "rds", "aws.trustedadvisor.flagged_resource.number": 3.0,
	} {
		if got := field(t, b, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	if res.Docs[0].ID != "c1@2026-11-27T10:00:00.5#3" {
		t.Errorf("id %q", res.Docs[0].ID)
	}
	if ips := field(t, b, "related.ip").([]any); len(ips) != 1 || ips[0] != "192.0.2.9" {
		t.Errorf("related.ip = %v", ips)
	}
	b = res.Docs[1].Body
	if field(t, b, "aws.trustedadvisor.flagged_resource.metadata") != nil || field(t, b, "aws.trustedadvisor.flagged_resource.metadata_text") == nil {
		t.Errorf("an over-long value should send the row to metadata_text: %s", b[:200])
	}
	if got := field(t, b, "event.kind"); got != "state" {
		t.Errorf("event.kind = %v for an ok resource", got)
	}
}

// Records that are neither shape, or whose members have the wrong JSON
// type, are dead-lettered with a reason.
func TestBadRecords(t *testing.T) {
	in := `{"hello":1}
{"creation_date":"2026-11-27T10:00:00Z","check":[],"result":{}}
{"creation_date":"2026-11-27T10:00:00Z","check":{"id":"c"},"result":{"resourcesSummary":{"resourcesFlagged":"two"}}}
{"creation_date":"2026-11-27T10:00:00Z","check":{},"result":{}}
{"check-name":"n","check-item-detail":"text"}`
	res := siemtest.Run(t, trustedadvisor.New(), "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/r.json", []byte(in))
	if res.Counts.DeadLettered != 5 {
		t.Fatalf("counts %v", res.Counts)
	}
	for i, want := range []string{"neither", "check: want an object, got an array", "resourcesFlagged: want an integer, got a string", "no check id", "check-item-detail: want an object, got a string"} {
		if !strings.Contains(res.DeadLetters[i].Reason, want) {
			t.Errorf("dead letter %d: %q, want %q", i, res.DeadLetters[i].Reason, want)
		}
	}
}
