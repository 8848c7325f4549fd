package config_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/sink"
)

// A rule compliance change, as an EventBridge rule sends it to S3 through
// Firehose, becomes one alert document.
func Example() {
	event := `{"version":"0","id":"0f7e6d5c-4b3a-2910-8f7e-6d5c4b3a2910","detail-type":"Config Rules Compliance Change","source":"aws.config",` +
		`"account":"123456789012","time":"2026-11-27T10:04:12Z","region":"us-east-1","resources":[],"detail":{` +
		`"resourceId":"sg-0a1b2c3d4e5f60718","resourceType":"AWS::EC2::SecurityGroup","awsRegion":"us-east-1","awsAccountId":"123456789012",` +
		`"configRuleName":"restricted-ssh","configRuleARN":"arn:aws:config:us-east-1:123456789012:config-rule/config-rule-ab12cd",` +
		`"messageType":"ComplianceChangeNotification","notificationCreationTime":"2026-11-27T10:04:12.420Z",` +
		`"newEvaluationResult":{"complianceType":"NON_COMPLIANT","resultRecordedTime":"2026-11-27T10:04:11.732Z",` +
		`"configRuleInvokedTime":"2026-11-27T10:04:10.988Z","annotation":"Port 22 is open to 0.0.0.0/0."}}}`

	reg := siem.NewRegistry()
	if err := reg.Register(config.New()); err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: sink.NewNDJSON(&out), DeadLetters: sink.NewDeadLetters(os.Stderr)})
	if err != nil {
		fmt.Println(err)
		return
	}
	key := "AWSLogs/123456789012/ConfigRules/us-east-1/2026/11/27/10/siem-config-rules-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
	counts, err := p.Process(context.Background(), siem.Object{Key: key}, strings.NewReader(event))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(counts)
	var doc struct {
		Timestamp string `json:"@timestamp"`
		Event     struct{ Kind, Outcome, Action string }
		Rule      struct{ Name string }
		Entity    struct{ ID string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Timestamp, doc.Event.Kind, doc.Event.Outcome, doc.Event.Action)
	fmt.Println(doc.Rule.Name, doc.Entity.ID)
	// Output:
	// read 1, indexed 1, excluded 0, dead-lettered 0, retried 0
	// 2026-11-27T10:04:11.732Z alert failure ComplianceChangeNotification
	// restricted-ssh sg-0a1b2c3d4e5f60718
}
