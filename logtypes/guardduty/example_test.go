package guardduty_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/guardduty"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	finding := `{"schemaVersion":"2.0","accountId":"210987654321","region":"eu-west-1","partition":"aws",` +
		`"id":"b5d3c2f1e0a94f8b8c7d6e5f4a3b2c1d","type":"UnauthorizedAccess:EC2/SSHBruteForce","severity":5.8,` +
		`"createdAt":"2026-11-27T09:20:03.514Z","updatedAt":"2026-11-27T09:40:19.027Z",` +
		`"title":"198.51.100.23 is performing SSH brute force attacks against i-0a1b2c3d4e5f60718.","description":"...",` +
		`"resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0a1b2c3d4e5f60718"}},` +
		`"service":{"serviceName":"guardduty","count":14,"action":{"actionType":"NETWORK_CONNECTION","networkConnectionAction":{` +
		`"connectionDirection":"INBOUND","protocol":"TCP","localIpDetails":{"ipAddressV4":"10.0.1.25"},"localPortDetails":{"port":22},` +
		`"remoteIpDetails":{"ipAddressV4":"198.51.100.23","organization":{"asn":"64498","asnOrg":"Example Telecom SA"}},"remotePortDetails":{"port":50122}}}}}`

	var ev ecs.Event
	if err := guardduty.Normalize(siem.Record{Record: parser.Record{Data: []byte(finding)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("id:", ev.ID())
	for _, path := range []string{"event.severity", "aws.guardduty.severity.value", "aws.guardduty.severity.label", "rule.id",
		"cloud.account.id", "network.direction", "source.ip", "source.port", "source.as.number", "destination.ip", "destination.port"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// id: b5d3c2f1e0a94f8b8c7d6e5f4a3b2c1d_2026-11-27T09:40:19.027Z
	// event.severity: 5
	// aws.guardduty.severity.value: 5.8
	// aws.guardduty.severity.label: "Medium"
	// rule.id: "UnauthorizedAccess:EC2/SSHBruteForce"
	// cloud.account.id: "210987654321"
	// network.direction: "inbound"
	// source.ip: "198.51.100.23"
	// source.port: 50122
	// source.as.number: 64498
	// destination.ip: "10.0.1.25"
	// destination.port: 22
}
