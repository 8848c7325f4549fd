package envelope_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/envelope"
)

// Detail written with its own spacing, which the record keeps byte for
// byte.
const guardDutyDetail = `{ "schemaVersion": "2.0", "accountId": "123456789012",
  "type": "Recon:EC2/PortProbeUnprotectedPort", "severity": 2,
  "title": "Unprotected port on EC2 instance i-0abc is being probed.", "nested": {"a": [1, {"b": "}"}]} }`

const guardDutyEvent = `{"version":"0","id":"c8f9a2b1-7e6d-4c5b-9a8f-1e2d3c4b5a69","detail-type":"GuardDuty Finding","source":"aws.guardduty",` +
	`"account":"123456789012","time":"2026-11-27T10:05:00Z","region":"eu-west-1",` +
	`"resources":["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"],"detail":` + guardDutyDetail + `}`

func TestEventBridgeDetailIsTheMessage(t *testing.T) {
	replay := strings.Replace(guardDutyEvent, `"version":"0",`, `"version":"0","replay-name":"replay-2026-11-28",`, 1)
	for name, input := range map[string]string{
		"one":          guardDutyEvent,
		"back to back": guardDutyEvent + replay + guardDutyEvent,
		"lines":        guardDutyEvent + "\n" + replay + "\r\n" + guardDutyEvent + "\n",
		"pretty":       "\xef\xbb\xbf" + pretty(t, guardDutyEvent),
	} {
		t.Run(name, func(t *testing.T) {
			if !envelope.EventBridge().Sniff("k", []byte(input)) {
				t.Fatal("not sniffed")
			}
			g := read(t, envelope.EventBridge(), "k", []byte(input))
			if len(g.errs) > 0 || len(g.recs) == 0 {
				t.Fatalf("errors %q", g.reasons())
			}
			checkNumbers(t, g)
			for i, r := range g.recs {
				if name != "pretty" && string(r.Data) != guardDutyDetail {
					t.Errorf("record %d data %q, want the detail as written", i, r.Data)
				}
				if name == "pretty" && !json.Valid(r.Data) {
					t.Errorf("detail %q", r.Data)
				}
				d := r.Delivery
				m := d.Meta.(*envelope.EventBridgeMeta)
				want := envelope.EventBridgeMeta{Version: "0", ID: "c8f9a2b1-7e6d-4c5b-9a8f-1e2d3c4b5a69", DetailType: "GuardDuty Finding", Source: "aws.guardduty",
					Account: "123456789012", Region: "eu-west-1", Time: time.Date(2026, 11, 27, 10, 5, 0, 0, time.UTC),
					Resources: []string{"arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"}}
				if i == 1 && name != "one" {
					want.ReplayName = "replay-2026-11-28"
				}
				if !reflect.DeepEqual(*m, want) {
					t.Errorf("record %d meta\n%+v, want\n%+v", i, *m, want)
				}
				if d.Envelope != "eventbridge" || d.ID != want.ID || !d.Time.Equal(want.Time) || d.Exclude != "" {
					t.Errorf("delivery %+v", d)
				}
				if r.Offset == 0 && i > 0 {
					t.Errorf("record %d offset 0", i)
				}
			}
		})
	}
}

func pretty(t *testing.T, s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(v, "", "    ")
	return string(b)
}

func TestEventBridgeEscapedEnvelopeFields(t *testing.T) {
	in := `{"version":"0","id":"i\u0064","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"1","time":"2026-11-27T10:05:00Z","region":"us-east-1","resources":["a\/b",7,""],"detail":{}}`
	g := read(t, envelope.EventBridge(), "k", []byte(in))
	if len(g.recs) != 1 {
		t.Fatal(g.reasons())
	}
	m := g.recs[0].Delivery.Meta.(*envelope.EventBridgeMeta)
	if m.ID != "id" || !reflect.DeepEqual(m.Resources, []string{"a/b"}) || string(g.recs[0].Data) != "{}" {
		t.Errorf("meta %+v data %q", m, g.recs[0].Data)
	}
}

func TestEventBridgeMapping(t *testing.T) {
	res := runPipeline(t, envelope.EventBridge(), "k", []byte(guardDutyEvent))
	if res.Err != nil || len(res.Docs) != 1 {
		t.Fatalf("%v %v", res.Err, res.Counts)
	}
	var doc map[string]any
	json.Unmarshal(res.Docs[0].Body, &doc)
	want := map[string]any{
		"detail_type": "GuardDuty Finding", "source": "aws.guardduty", "version": "0",
		"id":        "c8f9a2b1-7e6d-4c5b-9a8f-1e2d3c4b5a69",
		"resources": []any{"arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"},
	}
	if got := doc["aws"].(map[string]any)["eventbridge"]; !reflect.DeepEqual(got, want) {
		t.Errorf("aws.eventbridge %v", got)
	}
	cloud := doc["cloud"].(map[string]any)
	if cloud["region"] != "eu-west-1" || cloud["provider"] != "aws" || cloud["account"].(map[string]any)["id"] != "123456789012" {
		t.Errorf("cloud %v", cloud)
	}
	if res.Docs[0].ID != "c8f9a2b1-7e6d-4c5b-9a8f-1e2d3c4b5a69" || doc["event"].(map[string]any)["id"] != res.Docs[0].ID {
		t.Errorf("id %s, event %v", res.Docs[0].ID, doc["event"])
	}
	if doc["message"] != guardDutyDetail {
		t.Errorf("message %q", doc["message"])
	}
}

func TestEventBridgeBrokenEvents(t *testing.T) {
	cases := []struct{ name, input, reason string }{
		{"no detail", `{"version":"0","id":"1","detail-type":"x","source":"s"}`, "has no detail member"},
		{"detail not an object", `{"version":"0","detail-type":"x","detail":"text"}`, "detail is a JSON string, not an object"},
		{"detail null", `{"detail-type":"x","detail":null}`, "detail is a JSON null, not an object"},
		{"not an object", `["detail-type"]`, "not an EventBridge event: a JSON array"},
		{"malformed", `{"detail-type" "x","detail":{}}`, "EventBridge event is not valid JSON: malformed JSON at byte 15: want ':' after the key, found '\"'"},
		{"firehose error", `{"attemptsMade":1,"arrivalTimestamp":1,"errorCode":"S3.AccessDenied","errorMessage":"denied","rawData":"e30="}`, "Firehose error record, not an EventBridge event"},
		{"garbage", `nope`, "EventBridge event: not JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := read(t, envelope.EventBridge(), "k", []byte(guardDutyEvent+"\n"+tc.input+"\n"+guardDutyEvent))
			checkNumbers(t, g)
			if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, tc.reason) || len(g.recs) != 2 {
				t.Fatalf("records %d, errors %q, want one containing %q", len(g.recs), g.reasons(), tc.reason)
			}
			if e := g.errs[0]; e.Number != 2 || e.Line != int64(strings.Count(guardDutyEvent, "\n")+2) || string(e.Raw) != tc.input {
				t.Errorf("error %+v", e)
			}
		})
	}
}

func TestEventBridgeSniff(t *testing.T) {
	eb := envelope.EventBridge()
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"event", guardDutyEvent, true},
		{"detail beyond the head", `{"version":"0","detail-type":"x","source":"aws.x","resources":["` + strings.Repeat("a", 5000), true},
		{"complete without detail", `{"detail-type":"x","source":"aws.x"}`, false},
		{"nested keys only", `{"eventVersion":"1.08","requestParameters":{"detail-type":"x","detail":{}}}`, false},
		{"CloudWatch Logs payload", payload("DATA_MESSAGE", 1, `{"detail-type":"x","detail":{}}`), false},
		{"text", "detail-type detail", false},
	} {
		if got := eb.Sniff("k", []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}
