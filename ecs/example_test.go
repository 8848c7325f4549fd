package ecs_test

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/siem-go/siem/ecs"
)

// A normalizer sets dotted paths in any order; AppendJSON writes them as
// one nested document.
func ExampleEvent() {
	var ev ecs.Event
	ev.Date("@timestamp", time.Date(2024, 5, 1, 12, 0, 0, 250_000_000, time.UTC))
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "network")
	ev.Keyword("event.outcome", "success")
	ev.IP("source.ip", netip.MustParseAddr("10.0.0.1"))
	ev.Long("source.port", 443)
	ev.Keyword("aws.vpcflow.action", "ACCEPT")
	ev.SetID("vpc-0001") // becomes the OpenSearch _id, not a body field

	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"@timestamp":"2024-05-01T12:00:00.25Z","aws":{"vpcflow":{"action":"ACCEPT"}},"event":{"category":["network"],"kind":"event","outcome":"success"},"source":{"ip":"10.0.0.1","port":443}}
}

func ExampleLookup() {
	f, ok := ecs.Lookup("event.outcome")
	fmt.Println(ok, f.Type, f.Allowed)

	f, _ = ecs.Lookup("user.name")
	fmt.Println(f.Type, f.MultiFields[0].Name, f.MultiFields[0].Type)

	_, ok = ecs.Lookup("source") // an object implied by source.ip and others, not a field
	fmt.Println(ok)
	// Output:
	// true keyword [failure success unknown]
	// keyword text match_only_text
	// false
}

func ExampleValidate() {
	doc := []byte(`{
		"@timestamp": "2024-05-01T12:00:00Z",
		"event": {"kind": "event", "category": ["netwrk"]},
		"source": {"ip": "10.0.0.256", "port": 443},
		"aws": {"cloudtrail": {"event_version": "1.08"}, "cloudtrailx": 1}
	}`)
	err := ecs.Validate(doc, "aws.cloudtrail")
	fmt.Println(err)
	// Output:
	// ecs: not valid ECS 9.4.0 (3 problems):
	// 	event.category[0] = "netwrk": want one of the ECS allowed values of event.category: api, authentication, configuration, database, driver, email, file, host, iam, intrusion_detection, library, malware, network, package, process, registry, session, threat, vulnerability, web
	// 	source.ip = "10.0.0.256": want an IPv4 or IPv6 address (ECS ip)
	// 	aws.cloudtrailx = 1: not an ECS 9.4.0 field and not under the vendor prefixes aws.cloudtrail
}

func ExampleValidateAll() {
	ndjson := []byte(`{"@timestamp":"2024-05-01T12:00:00Z","event":{"outcome":"success"}}
{"@timestamp":"2024-05-01T12:00:01Z","event":{"outcome":"ok"}}
`)
	fmt.Println(ecs.ValidateAll(ndjson))
	// Output:
	// ecs: not valid ECS 9.4.0 (1 problem):
	// 	line 2: event.outcome = "ok": want one of the ECS allowed values of event.outcome: failure, success, unknown
}
