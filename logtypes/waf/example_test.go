package waf_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/waf"
)

// Example reads a Firehose object of two WAF records written back to
// back, the second one blocked by a SQL injection rule, and prints the
// ECS document of the blocked one. The pipeline adds ecs.version,
// event.dataset, event.module, event.original and the document id on top.
func Example() {
	object := `{"timestamp":1795773901234,"formatVersion":1,"webaclId":"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/a1b2c3d4","terminatingRuleId":"Default_Action","terminatingRuleType":"REGULAR","action":"ALLOW","httpSourceName":"ALB","httpSourceId":"alb","ruleGroupList":[],"rateBasedRuleList":[],"nonTerminatingMatchingRules":[],"httpRequest":{"clientIp":"198.51.100.7","country":"GB","headers":[{"name":"Host","value":"shop.example.com"}],"uri":"/","args":"","httpVersion":"HTTP/1.1","httpMethod":"GET","requestId":"1-a"}}` +
		`{"timestamp":1795773902345,"formatVersion":1,"webaclId":"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/a1b2c3d4","terminatingRuleId":"block-sqli","terminatingRuleType":"REGULAR","action":"BLOCK","terminatingRuleMatchDetails":[{"conditionType":"SQL_INJECTION","location":"QUERY_STRING","matchedData":["1","OR","1"]}],"httpSourceName":"ALB","httpSourceId":"alb","ruleGroupList":[],"rateBasedRuleList":[],"nonTerminatingMatchingRules":[],"httpRequest":{"clientIp":"203.0.113.77","country":"NL","headers":[{"name":"Host","value":"shop.example.com"},{"name":"User-Agent","value":"sqlmap/1.8"}],"uri":"/products","args":"id=1 OR 1","httpVersion":"HTTP/2.0","httpMethod":"GET","requestId":"1-b"}}`
	key := "2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz"

	records, err := waf.New().Open(siem.Object{Key: key}, strings.NewReader(object))
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := records.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		var ev ecs.Event
		if err := records.Normalize(siem.Record{Record: rec}, &ev); err != nil {
			fmt.Printf("record %d: %v\n", rec.Number, err)
			continue
		}
		if action, _ := ev.LookupString("event.action"); action == "BLOCK" {
			fmt.Printf("record %d: %s\n", rec.Number, ev.AppendJSON(nil))
		}
	}
	// Output:
	// record 2: {"@timestamp":"2026-11-27T10:05:02.345Z","aws":{"waf":{"format_version":1,"http_source":{"id":"alb","name":"ALB"},"request":{"client_ip":"203.0.113.77","country":"NL","header_list":[{"name":"Host","value":"shop.example.com"},{"name":"User-Agent","value":"sqlmap/1.8"}],"headers":{"host":"shop.example.com","user_agent":"sqlmap/1.8"}},"terminating_rule":{"match_details":[{"conditionType":"SQL_INJECTION","location":"QUERY_STRING","matchedData":["1","OR","1"]}],"type":"REGULAR"},"web_acl":{"id":"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/a1b2c3d4","name":"shop-web-acl","scope":"regional"}}},"cloud":{"account":{"id":"123456789012"},"provider":"aws","region":"eu-west-1","service":{"name":"wafv2"}},"event":{"action":"BLOCK","category":["web","network","intrusion_detection"],"kind":"alert","outcome":"failure","type":["access","denied"]},"http":{"request":{"id":"1-b","method":"GET"},"version":"2.0"},"network":{"protocol":"http","transport":"tcp"},"observer":{"product":"WAF","type":"waf","vendor":"AWS"},"related":{"hosts":["shop.example.com"],"ip":["203.0.113.77"]},"rule":{"id":"block-sqli","name":"block-sqli","ruleset":"shop-web-acl"},"source":{"address":"203.0.113.77","geo":{"country_iso_code":"NL"},"ip":"203.0.113.77"},"url":{"domain":"shop.example.com","original":"/products?id=1 OR 1","path":"/products","query":"id=1 OR 1"},"user_agent":{"original":"sqlmap/1.8"}}
}
