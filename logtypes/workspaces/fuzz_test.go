package workspaces_test

import (
	"testing"

	"github.com/siem-go/siem/logtypes/workspaces"
	"github.com/siem-go/siem/siemtest"
)

// FuzzBare feeds bare records (no envelope) to the type: an error or a
// valid document, never a panic.
func FuzzBare(f *testing.F) {
	f.Add([]byte(`{"workspaceId":"ws-1","clientIpAddress":"::1","actionType":"failedLogin","loginTime":"2026-11-27T10:00:00Z"}`))
	f.Add([]byte(`{"eventVersion":"1.08","eventSource":"signin.amazonaws.com","eventName":"CredentialChallenge"}`))
	f.Add([]byte(`{"Workspaces":[{"WorkspaceId":"ws-a","WorkspaceProperties":{"Protocols":["WSP",1]}},{"WorkspaceId":"ws-b","x":{"y":[]}}]}`))
	info := workspaces.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		res := siemtest.Run(t, workspaces.New(), "AWSLogs/123456789012/WorkSpaces/Inventory/us-east-1/2026/11/27/p.json", data)
		for _, d := range res.Docs {
			if err := info.CheckDocument(d.Body); err != nil {
				t.Fatalf("%v\n%s", err, d.Body)
			}
		}
		for _, dl := range res.DeadLetters {
			if dl.Reason == "" {
				t.Fatal("dead letter without a reason")
			}
		}
	})
}
