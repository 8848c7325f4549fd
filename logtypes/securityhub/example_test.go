package securityhub_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/securityhub"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	finding := `{"SchemaVersion":"2018-10-08","Id":"arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/finding/0b7e1b4c",` +
		`"ProductArn":"arn:aws:securityhub:eu-west-1::product/aws/securityhub","ProductName":"Security Hub","CompanyName":"AWS",` +
		`"GeneratorId":"security-control/EC2.19","AwsAccountId":"123456789012","Region":"eu-west-1",` +
		`"Types":["Software and Configuration Checks/Industry and Regulatory Standards"],` +
		`"CreatedAt":"2026-11-20T08:00:00.000Z","UpdatedAt":"2026-11-27T10:05:00.000Z",` +
		`"Severity":{"Label":"CRITICAL","Original":"CRITICAL"},"Title":"Security groups should not allow unrestricted access to ports with high risk.",` +
		`"Description":"This control checks whether unrestricted incoming traffic is accessible to high-risk ports.",` +
		`"ProductFields":{"aws/securityhub/ProductName":"Security Hub","RelatedAWSResources:0/name":"securityhub-vpc-sg-restricted-common-ports-1a2b3c"},` +
		`"Resources":[{"Type":"AwsEc2SecurityGroup","Id":"arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b2c3d","Partition":"aws","Region":"eu-west-1"}],` +
		`"Compliance":{"Status":"FAILED","SecurityControlId":"EC2.19"},"Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}`

	var ev ecs.Event
	if err := securityhub.Normalize(siem.Record{Record: parser.Record{Data: []byte(finding)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("id:", ev.ID())
	for _, path := range []string{"@timestamp", "event.kind", "event.category", "event.outcome", "event.risk_score",
		"rule.id", "rule.name", "aws.securityhub.product_fields"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// id: arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/finding/0b7e1b4c@2026-11-27T10:05:00Z
	// @timestamp: "2026-11-27T10:05:00Z"
	// event.kind: "alert"
	// event.category: ["configuration"]
	// event.outcome: "failure"
	// event.risk_score: 90
	// rule.id: "EC2.19"
	// rule.name: "Security groups should not allow unrestricted access to ports with high risk"
	// aws.securityhub.product_fields: {"aws/securityhub/ProductName":"Security Hub","RelatedAWSResources:0/name":"securityhub-vpc-sg-restricted-common-ports-1a2b3c"}
}
