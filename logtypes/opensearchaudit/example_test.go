package opensearchaudit_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/opensearchaudit"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	message := `{"audit_cluster_name":"123456789012:search-prod","audit_category":"FAILED_LOGIN","audit_request_layer":"REST",` +
		`"audit_rest_request_method":"GET","audit_rest_request_path":"/_plugins/_security/authinfo","@timestamp":"2026-11-27T10:00:00.123+00:00",` +
		`"audit_format_version":4,"audit_request_remote_address":"198.51.100.23","audit_request_effective_user":"jdoe",` +
		`"audit_rest_request_headers":{"User-Agent":["curl/8.5.0"],"Host":["search-prod.example.com:443"]}}`

	var ev ecs.Event
	if err := opensearchaudit.Normalize(siem.Record{Record: parser.Record{Data: []byte(message)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"@timestamp", "event.category", "event.action", "event.outcome", "user.name", "source.ip", "http.request.method", "url.domain", "url.port", "user_agent.original", "cloud.account.id", "service.name"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// @timestamp: "2026-11-27T10:00:00.123Z"
	// event.category: ["authentication"]
	// event.action: "FAILED_LOGIN"
	// event.outcome: "failure"
	// user.name: "jdoe"
	// source.ip: "198.51.100.23"
	// http.request.method: "GET"
	// url.domain: "search-prod.example.com"
	// url.port: 443
	// user_agent.original: "curl/8.5.0"
	// cloud.account.id: "123456789012"
	// service.name: "search-prod"
}
