package route53resolver_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	record := `{"version":"1.100000","account_id":"123456789012","region":"us-east-1","vpc_id":"vpc-0a1b2c3d4e5f60718",` +
		`"query_timestamp":"2026-11-27T10:00:09Z","query_name":"abcd.example.com.","query_type":"A","query_class":"IN","rcode":"NOERROR",` +
		`"answers":[{"Rdata":"test.example.com.","Type":"CNAME","Class":"IN"},{"Rdata":"198.51.100.4","Type":"A","Class":"IN"}],` +
		`"srcaddr":"10.0.12.34","srcport":"44871","transport":"UDP","srcids":{"instance":"i-0a1b2c3d4e5f67890"},` +
		`"firewall_rule_group_id":"rslvr-frg-0a1b2c3d4e5f6a7b8","firewall_rule_action":"ALERT","firewall_domain_list_id":"rslvr-fdl-0f1e2d3c4b5a69788"}`

	var ev ecs.Event
	if err := route53resolver.Normalize(siem.Record{Record: parser.Record{Data: []byte(record)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"@timestamp", "event.kind", "event.type", "event.action", "dns.question.name", "dns.answers", "dns.resolved_ip", "source.port", "rule.ruleset", "cloud.instance.id"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// @timestamp: "2026-11-27T10:00:09Z"
	// event.kind: "alert"
	// event.type: ["protocol","allowed"]
	// event.action: "alert"
	// dns.question.name: "abcd.example.com"
	// dns.answers: [{"class":"IN","data":"test.example.com","name":"abcd.example.com","type":"CNAME"},{"class":"IN","data":"198.51.100.4","name":"test.example.com","type":"A"}]
	// dns.resolved_ip: ["198.51.100.4"]
	// source.port: 44871
	// rule.ruleset: "rslvr-frg-0a1b2c3d4e5f6a7b8"
	// cloud.instance.id: "i-0a1b2c3d4e5f67890"
}
