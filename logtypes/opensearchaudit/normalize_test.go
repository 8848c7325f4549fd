package opensearchaudit_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/opensearchaudit"
	"github.com/siem-go/siem/parser"
)

func normalize(t *testing.T, msg string) (*ecs.Event, error) {
	t.Helper()
	var ev ecs.Event
	err := opensearchaudit.Normalize(siem.Record{Record: parser.Record{Data: []byte(msg)}}, &ev)
	if err == nil {
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := opensearchaudit.New().Info().CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	}
	return &ev, err
}

func lookup(ev *ecs.Event, path string) string {
	v, _ := ev.Lookup(path)
	return string(v)
}

func TestFields(t *testing.T) {
	for _, c := range []struct {
		name, msg string
		want      map[string]string
	}{
		{"run-as: the initiating user acted, as the effective user",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"GRANTED_PRIVILEGES","audit_request_initiating_user":"admin","audit_request_effective_user":"bob"}`,
			map[string]string{"user.name": `"admin"`, "user.effective.name": `"bob"`, "related.user": `["admin","bob"]`, "event.outcome": `"success"`}},
		{"initiating user equal to the effective user",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_request_initiating_user":"bob","audit_request_effective_user":"bob"}`,
			map[string]string{"user.name": `"bob"`, "user.effective.name": "", "related.user": `["bob"]`}},
		{"Open Distro time, unknown category, offset converted to UTC",
			`{"audit_utc_timestamp":"2019-04-05T10:35:19.826+02:00","audit_category":"SOMETHING_NEW"}`,
			map[string]string{"@timestamp": `"2019-04-05T08:35:19.826Z"`, "event.action": `"SOMETHING_NEW"`, "event.category": `["database"]`, "event.type": `["info"]`, "event.outcome": ""}},
		{"both times: @timestamp wins, the other is kept",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_utc_timestamp":"2026-11-27T09:00:00Z","audit_category":"AUTHENTICATED"}`,
			map[string]string{"@timestamp": `"2026-11-27T10:00:00Z"`, "aws.opensearch_audit.other": `{"audit_utc_timestamp":"2026-11-27T09:00:00Z"}`}},
		{"wrong JSON types are kept aside, not mapped",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":7,"audit_trace_shard_id":"3","audit_request_effective_user":["x"],"audit_trace_indices":["a",1],"audit_rest_request_headers":"h","audit_format_version":4.5}`,
			map[string]string{"event.action": "", "user.name": "", "aws.opensearch_audit.audit_trace_shard_id": "",
				"aws.opensearch_audit.other": `{"audit_category":7,"audit_request_effective_user":["x"],"audit_trace_shard_id":"3","audit_trace_indices":["a",1],"audit_rest_request_headers":"h","audit_format_version":4.5}`}},
		{"a body written as JSON is kept as its text; IPv6 Host with port; header names in any case",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_request_body":{"query":{"match_all":{}}},"audit_rest_request_headers":{"host":"[2001:db8::1]:9200","user-agent":["", "ua/1"]}}`,
			map[string]string{"aws.opensearch_audit.audit_request_body": `"{\"query\":{\"match_all\":{}}}"`, "url.domain": `"[2001:db8::1]"`, "url.port": "9200", "related.ip": `["2001:db8::1"]`, "related.hosts": "", "user_agent.original": `"ua/1"`}},
		{"spoofed security headers are an alert",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"BAD_HEADERS"}`,
			map[string]string{"event.kind": `"alert"`, "event.outcome": `"failure"`}},
		{"a request to the security index is an alert",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"OPENSEARCH_SECURITY_INDEX_ATTEMPT"}`,
			map[string]string{"event.kind": `"alert"`, "event.category": `["configuration","database"]`}},
		{"a failed login is an event",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"FAILED_LOGIN"}`,
			map[string]string{"event.kind": `"event"`, "event.outcome": `"failure"`}},
		{"a REST-layer body is the HTTP request's",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_request_layer":"REST","audit_request_body":"{\"query\":{}}"}`,
			map[string]string{"http.request.body.content": `"{\"query\":{}}"`, "aws.opensearch_audit.audit_request_body": "", "aws.opensearch_audit.audit_request_layer": `"REST"`}},
		{"a REST-layer body written as JSON is the HTTP request's, as its text",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_request_layer":"REST","audit_request_body":{"size":0}}`,
			map[string]string{"http.request.body.content": `"{\"size\":0}"`, "aws.opensearch_audit.audit_request_body": ""}},
		{"a transport-layer body stays in the vendor field",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"GRANTED_PRIVILEGES","audit_request_layer":"TRANSPORT","audit_request_body":"{}"}`,
			map[string]string{"http.request.body.content": "", "aws.opensearch_audit.audit_request_body": `"{}"`}},
		{"the region of a domain endpoint in the Host header",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_rest_request_headers":{"Host":["search-logs-7xk2q4mbz3.eu-west-1.es.amazonaws.com"]}}`,
			map[string]string{"cloud.region": `"eu-west-1"`, "url.domain": `"search-logs-7xk2q4mbz3.eu-west-1.es.amazonaws.com"`}},
		{"the region of a VPC endpoint in China, with a port",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_rest_request_headers":{"Host":["VPC-logs-7xk2q4mbz3.cn-north-1.es.amazonaws.com.cn:443"]}}`,
			map[string]string{"cloud.region": `"cn-north-1"`, "url.port": "443"}},
		{"the region of a dual-stack endpoint",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_rest_request_headers":{"host":["search-logs-7xk2q4mbz3.aos.ap-northeast-1.on.aws"]}}`,
			map[string]string{"cloud.region": `"ap-northeast-1"`}},
		{"a custom endpoint names no region",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_rest_request_headers":{"Host":["search.us-east-1.example.com"]}}`,
			map[string]string{"cloud.region": "", "url.domain": `"search.us-east-1.example.com"`}},
		{"a cluster name that is not <account>:<domain>",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_cluster_name":"my-cluster"}`,
			map[string]string{"cloud.account.id": "", "service.name": "", "aws.opensearch_audit.audit_cluster_name": `"my-cluster"`}},
		{"an address that is not an IP stays in the vendor namespace",
			`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"FAILED_LOGIN","audit_request_remote_address":"localhost"}`,
			map[string]string{"source.ip": "", "related.ip": "", "aws.opensearch_audit.audit_request_remote_address": `"localhost"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev, err := normalize(t, c.msg)
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range c.want {
				if got := lookup(ev, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	truncated := `{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"GRANTED_PRIVILEGES","audit_request_body":"` + strings.Repeat("é", 10000)
	truncated = string([]rune(truncated)[:10000])
	for _, c := range []struct{ msg, want string }{
		{`{"audit_category":"AUTHENTICATED"}`, "no @timestamp"},
		{`{"@timestamp":1795773600000}`, "@timestamp is a JSON number, not a string"},
		{`{"@timestamp":"27/Nov/2026"}`, `@timestamp "27/Nov/2026"`},
		{`[1,2]`, "a JSON array, not an object"},
		{`{"@timestamp":"2026-11-27T10:00:00Z"`, "not valid JSON"},
		{truncated, "the size at which OpenSearch Service truncates audit messages"},
		{strings.Repeat("[", 100000), "not valid JSON"},
	} {
		_, err := normalize(t, c.msg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.60q: error %v, want it to say %q", c.msg, err, c.want)
		}
	}
}
