package guardduty

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem/siemtest"
)

// TestLayouts reads the same two findings in every layout an object may
// hold them in, and expects the same documents.
func TestLayouts(t *testing.T) {
	a := finding("")
	b := strings.Replace(finding(""), "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 1)
	layouts := map[string]string{
		"lines":          a + "\n" + b + "\n",
		"back to back":   a + b,
		"array":          "[\n  " + a + ",\n  " + b + "\n]\n",
		"GetFindings":    `{"findings":[` + a + "," + b + `],"ResponseMetadata":{}}`,
		"pretty-printed": indent(t, a) + "\n" + indent(t, b) + "\n",
	}
	for name, data := range layouts {
		res := siemtest.Run(t, New(), keyExport, []byte(data))
		if res.Counts.Indexed != 2 || res.Counts.DeadLettered != 0 {
			t.Errorf("%s: counts %v, want 2 indexed", name, res.Counts)
			continue
		}
		if res.Docs[0].ID != "0123456789abcdef0123456789abcdef_2026-11-27T10:05:00.123Z" || !strings.HasPrefix(res.Docs[1].ID, "fedcba98") {
			t.Errorf("%s: ids %q, %q", name, res.Docs[0].ID, res.Docs[1].ID)
		}
	}
}

func indent(t *testing.T, s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(v, "", "    ")
	return string(out)
}

// TestEventBridgeAccount checks that the envelope's account and region
// stand in for a finding that lacks its own, and that the finding's win
// otherwise.
func TestEventBridgeAccount(t *testing.T) {
	withOwn := finding("")
	without := strings.Replace(strings.Replace(finding(""), `"accountId":"111122223333",`, "", 1), `"region":"eu-west-1",`, "", 1)
	var data string
	for i, f := range []string{withOwn, without} {
		data += `{"version":"0","id":"ev-` + string(rune('1'+i)) + `","detail-type":"GuardDuty Finding","source":"aws.guardduty","account":"999988887777",` +
			`"time":"2026-11-27T10:05:00Z","region":"ap-south-1","resources":[],"detail":` + f + `}`
	}
	res := siemtest.Run(t, New(), keyFirehose, []byte(data))
	if res.Counts.Indexed != 2 {
		t.Fatalf("counts %v", res.Counts)
	}
	for i, want := range [][2]string{{"111122223333", "eu-west-1"}, {"999988887777", "ap-south-1"}} {
		var doc struct {
			Cloud struct {
				Account struct{ ID string } `json:"account"`
				Region  string              `json:"region"`
			} `json:"cloud"`
			Event struct{ ID string } `json:"event"`
		}
		if err := json.Unmarshal(res.Docs[i].Body, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Cloud.Account.ID != want[0] || doc.Cloud.Region != want[1] || doc.Event.ID != "0123456789abcdef0123456789abcdef" {
			t.Errorf("event %d: account %q region %q event.id %q, want %v and the finding id", i+1, doc.Cloud.Account.ID, doc.Cloud.Region, doc.Event.ID, want)
		}
	}
}
