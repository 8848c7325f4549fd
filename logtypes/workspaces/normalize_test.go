package workspaces_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/workspaces"
	"github.com/siem-go/siem/siemtest"
)

func docs(t *testing.T, key, data string) *siemtest.Result {
	t.Helper()
	return siemtest.Run(t, workspaces.New(), key, []byte(data))
}

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

// A bare detail (no envelope) under the exporter's prefix takes the
// account and region from the key; without loginTime nor envelope it is
// dead-lettered.
func TestBareDetail(t *testing.T) {
	key := "AWSLogs/111122223333/WorkSpaces/Event/eu-west-1/2026/11/27/10/x"
	res := docs(t, key, `{"workspaceId":"ws-1","clientIpAddress":"not an ip","actionType":"somethingNew","loginTime":"2026-11-27T10:00:00+09:00"}
{"workspaceId":"ws-2","actionType":"successfulLogin"}`)
	if res.Counts.Indexed != 1 || res.Counts.DeadLettered != 1 {
		t.Fatalf("counts %v", res.Counts)
	}
	b := res.Docs[0].Body
	for path, want := range map[string]any{
		"@timestamp": "2026-11-27T01:00:00Z", "cloud.account.id": "111122223333", "cloud.region": "eu-west-1",
		"source.address": "not an ip", "event.action": "somethingNew", "host.id": "ws-1",
	} {
		if got := field(t, b, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	if got := field(t, b, "event.outcome"); got != nil {
		t.Errorf("event.outcome = %v for an unknown action, want none", got)
	}
	if got := field(t, b, "event.type"); len(got.([]any)) != 1 || got.([]any)[0] != "info" {
		t.Errorf("event.type = %v, want [info]", got)
	}
	if !strings.Contains(res.DeadLetters[0].Reason, "no loginTime") {
		t.Errorf("reason %q", res.DeadLetters[0].Reason)
	}
}

// A DescribeWorkspaces page without envelope gives one document per
// WorkSpace; an empty page none; wrong JSON types are dead-lettered.
func TestBarePage(t *testing.T) {
	key := "AWSLogs/111122223333/WorkSpaces/Inventory/eu-west-1/2026/11/27/p.json"
	res := docs(t, key, `{"Workspaces":[{"WorkspaceId":"ws-a","IpAddress":"10.0.0.1","Ipv6Address":"2001:db8::1"},{"WorkspaceId":"ws-b","UserVolumeEncryptionEnabled":"yes"},{"WorkspaceId":"ws-c","UserName":5}]}{"Workspaces":[]}[1]`)
	if res.Counts.Indexed != 1 || res.Counts.DeadLettered != 3 {
		t.Fatalf("counts %v", res.Counts)
	}
	ips := field(t, res.Docs[0].Body, "host.ip").([]any)
	if len(ips) != 2 || ips[0] != "10.0.0.1" || ips[1] != "2001:db8::1" {
		t.Errorf("host.ip = %v", ips)
	}
	if got := field(t, res.Docs[0].Body, "event.kind"); got != "state" {
		t.Errorf("event.kind = %v", got)
	}
	reasons := []string{"UserVolumeEncryptionEnabled: want true or false", "UserName: want a string", "want a JSON object"}
	for i, want := range reasons {
		if !strings.Contains(res.DeadLetters[i].Reason, want) {
			t.Errorf("dead letter %d: %q, want %q", i, res.DeadLetters[i].Reason, want)
		}
	}
}

// CloudTrail records (AWS's sign-in samples, and a WorkSpaces API call as
// the detail of an "AWS API Call via CloudTrail" event that a rule on
// source aws.workspaces delivers beside the access events) are excluded
// under their rule rather than dead-lettered.
func TestCloudTrailRecordsExcluded(t *testing.T) {
	var objects []string
	for _, input := range signinSamples(t) {
		b, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		objects = append(objects, string(b))
	}
	objects = append(objects, `{"version":"0","id":"0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a","detail-type":"AWS API Call via CloudTrail","source":"aws.workspaces",`+
		`"account":"123456789012","time":"2026-11-27T10:00:00Z","region":"ap-northeast-1","resources":[],"detail":{"eventVersion":"1.08",`+
		`"eventTime":"2026-11-27T10:00:00Z","eventSource":"workspaces.amazonaws.com","eventName":"RebootWorkspaces","awsRegion":"ap-northeast-1",`+
		`"requestParameters":{"rebootWorkspaceRequests":[{"workspaceId":"ws-0a1b2c3d4"}]},"eventID":"5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"}}`+"\n")
	for i, data := range objects {
		res := docs(t, eventKey, data)
		if res.Counts.Indexed != 0 || res.Counts.DeadLettered != 0 || res.Counts.ExcludedByRule[workspaces.RuleCloudTrailRecord] != 1 {
			t.Errorf("object %d: counts %v, dead letters %v; want one record excluded under %s", i+1, res.Counts, res.DeadLetters, workspaces.RuleCloudTrailRecord)
		}
	}
}
