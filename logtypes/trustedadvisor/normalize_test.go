package trustedadvisor_test

import (
	"bytes"
	"encoding/json"
	"os"
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

// A flagged resource its owner suppressed still fails the check, but is
// no alert; the same resource not suppressed is.
func TestSuppressedResource(t *testing.T) {
	const rec = `{"creation_date":"2026-11-27T10:00:00Z","account":"123456789012","check":{"id":"c1","name":"n","metadata":["Region"]},` +
		`"result":{"checkId":"c1","status":"warning","flaggedResource":{"status":"warning","region":"eu-west-1","resourceId":"r","isSuppressed":SUPPRESSED,"metadata":["eu-west-1"]}}}`
	for _, c := range []struct{ suppressed, kind string }{{"true", "state"}, {"false", "alert"}} {
		res := siemtest.Run(t, trustedadvisor.New(), "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/r.json", []byte(strings.Replace(rec, "SUPPRESSED", c.suppressed, 1)))
		if res.Counts.Indexed != 1 {
			t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
		}
		b := res.Docs[0].Body
		if got := field(t, b, "event.kind"); got != c.kind {
			t.Errorf("isSuppressed %s: event.kind = %v, want %s", c.suppressed, got, c.kind)
		}
		if got := field(t, b, "event.outcome"); got != "failure" {
			t.Errorf("isSuppressed %s: event.outcome = %v, want failure", c.suppressed, got)
		}
	}
}

// CloudTrail records of Trusted Advisor API calls, bare (AWS's published
// sample) or as the detail of an "AWS API Call via CloudTrail" event that
// a rule on source aws.trustedadvisor delivers beside the refresh events,
// are excluded under their rule rather than dead-lettered.
func TestCloudTrailRecordExcluded(t *testing.T) {
	sample, err := os.ReadFile(cloudTrailSample(t))
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, sample); err != nil {
		t.Fatal(err)
	}
	wrapped := `{"version":"0","id":"7e1f0d2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f","detail-type":"AWS API Call via CloudTrail","source":"aws.trustedadvisor",` +
		`"account":"123456789012","time":"2020-10-21T22:06:33Z","region":"us-east-1","resources":[],"detail":` + compact.String() + "}\n"
	for name, data := range map[string][]byte{"bare": sample, "in an EventBridge event": []byte(wrapped)} {
		res := siemtest.Run(t, trustedadvisor.New(), eventsKey, data)
		if res.Counts.Indexed != 0 || res.Counts.DeadLettered != 0 || res.Counts.ExcludedByRule[trustedadvisor.RuleCloudTrailRecord] != 1 {
			t.Errorf("%s: counts %v, dead letters %v; want one record excluded under %s", name, res.Counts, res.DeadLetters, trustedadvisor.RuleCloudTrailRecord)
		}
	}
}
