package trustedadvisor_test

import (
	"testing"

	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/siemtest"
)

// FuzzBare feeds bare records (no envelope) to the type: an error or a
// valid document, never a panic.
func FuzzBare(f *testing.F) {
	f.Add([]byte(`{"creation_date":"2026-11-27T10:00:00.1","check":{"id":"c","metadata":["a",""]},"result":{"flaggedResource":{"status":"warning","metadata":["1.2.3.4","arn:aws:ec2:r:1:instance/i-0123456789abcdef0",7]}}}`))
	f.Add([]byte(`{"creation_date":"2026-11-27T10:00:00Z","check":{"id":"c"},"result":{"flaggedResource":{"status":"error","isSuppressed":true}}}`))
	f.Add([]byte(`{"eventVersion":"1.08","eventSource":"trustedadvisor.amazonaws.com","eventName":"RefreshCheck"}`))
	f.Add([]byte(`{"check-name":"n","check-item-detail":{"Region":"x","a.b":null,"c":{"d":1}},"status":"WARN","resource_id":"arn:aws:s3:::b"}`))
	info := trustedadvisor.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		res := siemtest.Run(t, trustedadvisor.New(), "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/r.json", data)
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
