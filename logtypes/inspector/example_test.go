package inspector_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	finding := `{"awsAccountId":"123456789012","findingArn":"arn:aws:inspector2:eu-west-1:123456789012:finding/0f3c8e2a",` +
		`"type":"PACKAGE_VULNERABILITY","title":"CVE-2026-21413 - kernel","severity":"HIGH","status":"ACTIVE",` +
		`"firstObservedAt":"2026-11-20T03:12:45Z","updatedAt":"Nov 27, 2026, 10:05:00 AM",` +
		`"inspectorScoreDetails":{"adjustedCvss":{"score":7.8,"version":"3.1"}},` +
		`"packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2026-21413","vulnerablePackages":[{"name":"kernel","version":"5.10.227"}]},` +
		`"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-0a1b2c3d4e5f67890","details":{"awsEc2Instance":{"ipV4Addresses":["10.0.12.34"],"platform":"AMAZON_LINUX_2"}}}]}`

	var ev ecs.Event
	if err := inspector.Normalize(siem.Record{Record: parser.Record{Data: []byte(finding)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("id:", ev.ID())
	for _, path := range []string{"@timestamp", "event.kind", "rule.id", "vulnerability.id", "vulnerability.severity", "vulnerability.score.base", "package.name", "cloud.instance.id", "cloud.region", "related.ip"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// id: arn:aws:inspector2:eu-west-1:123456789012:finding/0f3c8e2a_2026-11-27T10:05:00Z
	// @timestamp: "2026-11-27T10:05:00Z"
	// event.kind: "alert"
	// rule.id: "PACKAGE_VULNERABILITY_CVE-2026-21413"
	// vulnerability.id: "CVE-2026-21413"
	// vulnerability.severity: "High"
	// vulnerability.score.base: 7.8
	// package.name: ["kernel"]
	// cloud.instance.id: "i-0a1b2c3d4e5f67890"
	// cloud.region: "eu-west-1"
	// related.ip: ["10.0.12.34"]
}
