package trustedadvisor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/sink"
)

// A check item refresh event, as an EventBridge rule sends it to S3
// through Firehose, becomes one alert on the resource.
func Example() {
	event := `{"version":"0","id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","detail-type":"Trusted Advisor Check Item Refresh Notification",` +
		`"source":"aws.trustedadvisor","account":"123456789012","time":"2026-11-27T10:06:02Z","region":"us-east-1","resources":[],` +
		`"detail":{"check-name":"Security Groups - Specific Ports Unrestricted","check-item-detail":{"Status":"Red","Region":"ap-northeast-1",` +
		`"Security Group ID":"sg-0a1b2c3d4e5f60718","Protocol":"tcp","Ports":"22"},"status":"ERROR",` +
		`"resource_id":"arn:aws:ec2:ap-northeast-1:123456789012:security-group/sg-0a1b2c3d4e5f60718","uuid":"aa12cb38-8e41-4c2b-9f06-1d2e3f4a5b6c"}}`

	reg := siem.NewRegistry()
	if err := reg.Register(trustedadvisor.New()); err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: sink.NewNDJSON(&out), DeadLetters: sink.NewDeadLetters(os.Stderr)})
	if err != nil {
		fmt.Println(err)
		return
	}
	key := "AWSLogs/123456789012/TrustedAdvisor/events/2026/11/27/10/siem-trustedadvisor-events-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
	counts, err := p.Process(context.Background(), siem.Object{Key: key}, strings.NewReader(event))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(counts)
	var doc struct {
		Event struct{ Kind, Outcome string }
		Rule  struct{ Name string }
		Cloud struct {
			Region  string
			Service struct{ Name string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Event.Kind, doc.Event.Outcome, doc.Rule.Name)
	fmt.Println(doc.Cloud.Region, doc.Cloud.Service.Name)
	// Output:
	// read 1, indexed 1, excluded 0, dead-lettered 0, retried 0
	// alert failure Security Groups - Specific Ports Unrestricted
	// ap-northeast-1 ec2
}
