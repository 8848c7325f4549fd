package workspaces_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/workspaces"
	"github.com/siem-go/siem/sink"
)

// A WorkSpaces Access event, as an EventBridge rule sends it to S3 through
// Firehose, becomes one authentication document.
func Example() {
	event := `{"version":"0","id":"3f9c2a41-7d0e-4b8a-9c61-2e5d8f0a1b34","detail-type":"WorkSpaces Access","source":"aws.workspaces",` +
		`"account":"123456789012","time":"2026-11-27T10:01:14Z","region":"ap-northeast-1","resources":[],"detail":{` +
		`"clientIpAddress":"198.51.100.23","actionType":"failedLogin","workspacesClientProductName":"WorkSpaces Desktop client",` +
		`"loginTime":"2026-11-27T10:01:02.417Z","clientPlatform":"Windows","directoryId":"d-95671a2b3c","workspaceId":"ws-f7k2m9q1x"}}`

	reg := siem.NewRegistry()
	if err := reg.Register(workspaces.New()); err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: sink.NewNDJSON(&out), DeadLetters: sink.NewDeadLetters(os.Stderr)})
	if err != nil {
		fmt.Println(err)
		return
	}
	key := "AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
	counts, err := p.Process(context.Background(), siem.Object{Key: key}, strings.NewReader(event))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(counts)
	var doc struct {
		Timestamp string `json:"@timestamp"`
		Event     struct{ Action, Outcome string }
		Source    struct{ IP string }
		Host      struct{ ID string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Timestamp, doc.Event.Action, doc.Event.Outcome)
	fmt.Println(doc.Source.IP, doc.Host.ID)
	// Output:
	// read 1, indexed 1, excluded 0, dead-lettered 0, retried 0
	// 2026-11-27T10:01:02.417Z failedLogin failure
	// 198.51.100.23 ws-f7k2m9q1x
}
