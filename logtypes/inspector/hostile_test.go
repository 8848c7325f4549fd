package inspector_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/siemtest"
)

// TestBadFindings checks that findings that cannot be normalized are
// dead-lettered with a reason naming the problem, and that odd but
// readable ones give valid documents.
func TestBadFindings(t *testing.T) {
	base := `"findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/abc","updatedAt":"2026-11-27T10:05:00Z"`
	for _, c := range []struct {
		name, line, reason string // reason "" means indexed
	}{
		{"not json", `{"findingArn":`, "JSON"},
		{"array", `[1,2]`, "not an object"},
		{"no arn", `{"updatedAt":"2026-11-27T10:05:00Z"}`, "no findingArn"},
		{"arn number", `{"findingArn":5}`, "findingArn is a number"},
		{"no time", `{"findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/abc"}`, "no updatedAt"},
		{"bad time", `{` + base + `,"lastObservedAt":"soon"}`, `lastObservedAt "soon"`},
		{"resources object", `{` + base + `,"resources":{"id":"i-1"}}`, "resources is an object, want an array"},
		{"resource string", `{` + base + `,"resources":["i-1"]}`, "resources[0] is a string"},
		{"package string", `{` + base + `,"packageVulnerabilityDetails":"CVE-1"}`, "packageVulnerabilityDetails is a string"},
		{"score string", `{` + base + `,"inspectorScore":"high"}`, `inspectorScore "high" is not a number`},
		{"score as string", `{` + base + `,"inspectorScore":"7.5"}`, ""},
		{"duplicate keys", `{` + base + `,"resources":[{"id":"i-1","id":"i-2","tags":{"a":"1","a":"2","b.c":"3","":"4"}}]}`, ""},
		{"deep", `{` + base + `,"resources":[{"details":{"x":` + strings.Repeat(`{"a":`, 200) + `1` + strings.Repeat(`}`, 200) + `}}]}`, ""},
		{"too deep", `{` + base + `,"other":` + strings.Repeat(`[`, 400) + strings.Repeat(`]`, 400) + `}`, "too big depth"},
		{"huge title", `{` + base + `,"title":"` + strings.Repeat("x", 200000) + `"}`, ""},
		{"huge arn", `{"findingArn":"` + strings.Repeat("a", 2000) + `","updatedAt":"2026-11-27T10:05:00Z"}`, ""},
		{"unknown members", `{` + base + `,"newMember":{"k":1},"flag":true,"n":null,"weird.key":"v"}`, ""},
		{"nan", `{` + base + `,"epss":{"score":NaN},"resources":[{"details":{"n":inf}}]}`, "epss.score is not a finite number"},
		{"inf in details", `{` + base + `,"resources":[{"details":{"n":inf,"m":-nan}}]}`, ""},
		{"many references", `{` + base + `,"packageVulnerabilityDetails":{"referenceUrls":[` + strings.Repeat(`"u",`, 1000) + `"u"]}}`, "more than the 1000"},
		{"many addresses", `{` + base + `,"resources":[` + strings.Repeat(`{"type":"AWS_EC2_INSTANCE","details":{"awsEc2Instance":{"ipV4Addresses":["10.0.0.1","10.0.0.2"]}}},`, 600) + `{}]}`, "more than the 1000"},
		{"ports out of range", `{` + base + `,"type":"NETWORK_REACHABILITY","networkReachabilityDetails":{"protocol":"TCP","openPortRange":{"begin":70000,"end":1}}}`, ""},
		{"odd unicode", `{` + base + `,"title":"\u202e\ud83d\ude00\u0000 \ud800","description":"é\u2029"}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := siemtest.Options{Validate: true}.Run(t, inspector.New(), keyExport, []byte(c.line+"\n"))
			if c.reason == "" {
				if res.Counts.Indexed != 1 {
					t.Fatalf("counts %v, want 1 indexed; dead letters %v", res.Counts, res.DeadLetters)
				}
				return
			}
			if res.Counts.DeadLettered != 1 || len(res.DeadLetters) != 1 {
				t.Fatalf("counts %v, want 1 dead-lettered", res.Counts)
			}
			if r := res.DeadLetters[0].Reason; !strings.Contains(r, c.reason) || len(r) > 300 {
				t.Errorf("reason %.400q does not say %q in under 300 bytes", r, c.reason)
			}
		})
	}
}

// TestIDPerUpdate checks that each update of a finding is its own
// document and that re-reading one overwrites it.
func TestIDPerUpdate(t *testing.T) {
	a := `{"findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/abc","updatedAt":"2026-11-27T10:05:00Z","status":"ACTIVE"}`
	b := `{"findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/abc","updatedAt":"2026-11-27T11:05:00Z","status":"CLOSED"}`
	res := siemtest.Run(t, inspector.New(), keyExport, []byte(a+"\n"+b+"\n"+a+"\n"))
	if len(res.Docs) != 3 {
		t.Fatalf("got %d documents", len(res.Docs))
	}
	if res.Docs[0].ID == res.Docs[1].ID || res.Docs[0].ID != res.Docs[2].ID {
		t.Errorf("ids %q %q %q: want one per update, the same on re-reading", res.Docs[0].ID, res.Docs[1].ID, res.Docs[2].ID)
	}
	if want := "arn:aws:inspector2:us-east-1:123456789012:finding/abc_2026-11-27T10:05:00Z"; res.Docs[0].ID != want {
		t.Errorf("id %q, want %q", res.Docs[0].ID, want)
	}
}

// TestEventBridgeNonFinding checks that other Inspector events carried by
// EventBridge are excluded under the named rule, not dead-lettered.
func TestEventBridgeNonFinding(t *testing.T) {
	obj := `{"version":"0","id":"1","detail-type":"Inspector2 Coverage","source":"aws.inspector2","account":"123456789012","time":"2026-11-27T10:05:00Z","region":"us-east-1","resources":[],"detail":{"scanStatus":{"reason":"SUCCESSFUL","statusCodeValue":"ACTIVE"}}}` +
		`{"version":"0","id":"2","detail-type":"Inspector2 Finding","source":"aws.inspector2","account":"123456789012","time":"2026-11-27T10:05:00Z","region":"us-east-1","resources":[],"detail":{"title":"no arn"}}`
	res := siemtest.Run(t, inspector.New(), keyFirehose, []byte(obj))
	if res.Counts.Excluded != 1 || res.Counts.DeadLettered != 1 {
		t.Fatalf("counts %v, want 1 excluded and 1 dead-lettered", res.Counts)
	}
	if n := res.Counts.ExcludedByRule[inspector.RuleNotFinding]; n != 1 {
		t.Errorf("excluded by %s: %d, want 1 (%v)", inspector.RuleNotFinding, n, res.Counts)
	}
}
