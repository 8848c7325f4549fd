package elb

import (
	"strings"
	"testing"
)

// The HTTP entry of the AWS documentation, with the fields added since.
const albHTTPLine = `http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward,redirect" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd`

func TestALBFullEntry(t *testing.T) {
	doc, err := normalizeLine(t, ALB(), albSampleKey, albHTTPLine)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"@timestamp":                           "2018-07-02T22:23:00.186641Z",
		"event.kind":                           "event",
		"event.category":                       []any{"web"},
		"event.type":                           []any{"access"},
		"event.outcome":                        "success",
		"event.start":                          "2018-07-02T22:22:48.364Z",
		"event.end":                            "2018-07-02T22:23:00.186641Z",
		"event.duration":                       11822641000.0,
		"cloud.provider":                       "aws",
		"cloud.account.id":                     "123456789012",
		"cloud.region":                         "us-east-1",
		"source.ip":                            "192.168.131.39",
		"source.address":                       "192.168.131.39",
		"source.port":                          2817.0,
		"destination.ip":                       "10.0.0.1",
		"destination.port":                     80.0,
		"related.ip":                           []any{"192.168.131.39", "10.0.0.1"},
		"http.request.method":                  "GET",
		"http.version":                         "1.1",
		"http.response.status_code":            200.0,
		"http.request.body.bytes":              34.0,
		"http.response.body.bytes":             366.0,
		"url.original":                         "http://www.example.com:80/",
		"url.full":                             "http://www.example.com:80/",
		"url.scheme":                           "http",
		"url.domain":                           "www.example.com",
		"url.port":                             80.0,
		"url.path":                             "/",
		"user_agent.original":                  "curl/7.46.0",
		"trace.id":                             "Root=1-58337262-36d228ad5d99923122bbe354",
		"aws.elb.type":                         "http",
		"aws.elb.protocol":                     "http",
		"aws.elb.name":                         "app/my-loadbalancer/50dc6c495c0c9188",
		"aws.elb.backend.ip":                   "10.0.0.1",
		"aws.elb.backend.port":                 "80",
		"aws.elb.target_group.arn":             "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
		"aws.elb.trace_id":                     "Root=1-58337262-36d228ad5d99923122bbe354",
		"aws.elb.matched_rule_priority":        "0",
		"aws.elb.action_executed":              []any{"forward", "redirect"},
		"aws.elb.target_port":                  []any{"10.0.0.1:80"},
		"aws.elb.target_status_code":           []any{"200"},
		"aws.elb.conn_trace_id":                "TID_1234abcd",
		"aws.elb.request_processing_time.sec":  0.0,
		"aws.elb.backend_processing_time.sec":  0.001,
		"aws.elb.response_processing_time.sec": 0.0,
		"aws.elb.backend.http.response.status_code": 200.0,
	}
	if !equalJSON(doc, want) {
		for k := range doc {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected field %s = %v", k, doc[k])
			}
		}
		checkFields(t, doc, want)
	}
}

func TestALBEntries(t *testing.T) {
	// Each case replaces fields of albHTTPLine: field i (0-based) by value.
	tests := []struct {
		name    string
		replace map[int]string
		want    map[string]any
	}{
		{
			name:    "IPv6 client without brackets",
			replace: map[int]string{albClient: "2001:db8:85a3::8a2e:370:7334:51234"},
			want: map[string]any{
				"source.ip": "2001:db8:85a3::8a2e:370:7334", "source.address": "2001:db8:85a3::8a2e:370:7334", "source.port": 51234.0,
				"related.ip": []any{"2001:db8:85a3::8a2e:370:7334", "10.0.0.1"},
			},
		},
		{
			name: "no target: request not dispatched",
			replace: map[int]string{albTarget: "-", albRequestProcessingTime: "-1", albTargetProcessingTime: "-1",
				albResponseProcessingTime: "-1", albELBStatusCode: "503", albTargetStatusCode: "-", albTargetPortList: `"-"`, albTargetStatusCodeList: `"-"`},
			want: map[string]any{
				"destination.ip": nil, "destination.port": nil, "aws.elb.backend.ip": nil, "aws.elb.backend.port": nil,
				"aws.elb.request_processing_time.sec": nil, "aws.elb.backend_processing_time.sec": nil, "aws.elb.response_processing_time.sec": nil,
				"http.response.status_code": 503.0, "event.outcome": "failure", "aws.elb.backend.http.response.status_code": nil,
				"aws.elb.target_port": nil, "aws.elb.target_status_code": nil, "related.ip": []any{"192.168.131.39"},
			},
		},
		{
			name: "HTTPS with SNI and TLS",
			replace: map[int]string{albType: "https", albSSLCipher: "ECDHE-RSA-AES128-GCM-SHA256", albSSLProtocol: "TLSv1.2",
				albDomainName: `"www.example.com"`, albChosenCertARN: `"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012"`,
				albRequest: `"GET https://www.example.com:443/a/b.json?x=1 HTTP/1.1"`},
			want: map[string]any{
				"aws.elb.type": "https", "tls.cipher": "ECDHE-RSA-AES128-GCM-SHA256", "tls.version": "1.2", "tls.version_protocol": "tls",
				"aws.elb.ssl_cipher": "ECDHE-RSA-AES128-GCM-SHA256", "aws.elb.ssl_protocol": "TLSv1.2",
				"destination.domain": "www.example.com", "tls.client.server_name": "www.example.com",
				"aws.elb.chosen_cert.arn": "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012",
				"url.scheme":              "https", "url.port": 443.0, "url.path": "/a/b.json", "url.extension": "json", "url.query": "x=1",
			},
		},
		{
			name: "redirect",
			replace: map[int]string{albTarget: "-", albTargetGroupARN: "-", albELBStatusCode: "301", albTargetStatusCode: "-",
				albActionsExecuted: `"redirect"`, albRedirectURL: `"https://www.example.com:443/"`, albTargetPortList: `"-"`, albTargetStatusCodeList: `"-"`},
			want: map[string]any{
				"aws.elb.action_executed": []any{"redirect"}, "aws.elb.redirect_url": "https://www.example.com:443/",
				"aws.elb.target_group.arn": nil, "event.outcome": "success", "http.response.status_code": 301.0,
			},
		},
		{
			name: "failed Lambda target",
			replace: map[int]string{albTarget: "-", albELBStatusCode: "502", albTargetStatusCode: "-", albErrorReason: `"LambdaInvalidResponse"`,
				albTargetPortList: `"-"`, albTargetStatusCodeList: `"-"`},
			want: map[string]any{
				"aws.elb.error.reason": "LambdaInvalidResponse", "event.outcome": "failure", "destination.ip": nil,
				"aws.elb.backend_processing_time.sec": 0.001,
			},
		},
		{
			name:    "rule evaluation error keeps priority -1",
			replace: map[int]string{albMatchedRulePriority: "-1"},
			want:    map[string]any{"aws.elb.matched_rule_priority": "-1"},
		},
		{
			name:    "no user agent",
			replace: map[int]string{albUserAgent: `"-"`},
			want:    map[string]any{"user_agent.original": nil},
		},
		{
			name:    "empty quoted fields",
			replace: map[int]string{albUserAgent: `""`, albTraceID: `""`},
			want:    map[string]any{"user_agent.original": nil, "trace.id": nil, "aws.elb.trace_id": nil},
		},
		{
			name:    "classification",
			replace: map[int]string{albClassification: `"Ambiguous"`, albClassificationReason: `"UndefinedContentLengthSemantics"`},
			want:    map[string]any{"aws.elb.classification": "Ambiguous", "aws.elb.classification_reason": "UndefinedContentLengthSemantics"},
		},
		{
			name:    "retried targets keep their order",
			replace: map[int]string{albTargetPortList: `"10.0.0.2:80 10.0.0.1:80"`, albTargetStatusCodeList: `"- 200"`},
			want:    map[string]any{"aws.elb.target_port": []any{"10.0.0.2:80", "10.0.0.1:80"}, "aws.elb.target_status_code": []any{"-", "200"}},
		},
		{
			name:    "response before request creation has no duration",
			replace: map[int]string{albRequestCreationTime: "2018-07-02T22:23:01.000000Z"},
			want:    map[string]any{"event.duration": nil, "event.start": "2018-07-02T22:23:01Z"},
		},
		{
			// time.Sub saturates at the largest Duration: no duration at
			// all rather than a false one of 292 years.
			name:    "times too far apart for a duration",
			replace: map[int]string{albTime: "9999-12-31T23:59:59.999999Z", albRequestCreationTime: "0001-01-01T00:00:01.000000Z"},
			want:    map[string]any{"event.duration": nil, "event.start": "0001-01-01T00:00:01Z", "@timestamp": "9999-12-31T23:59:59.999999Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := replaceFields(t, albHTTPLine, tt.replace)
			doc, err := normalizeLine(t, ALB(), albSampleKey, line)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, doc, tt.want)
		})
	}
}

func TestALBFormVariants(t *testing.T) {
	fields := splitForTest(t, albHTTPLine)
	t.Run("2018 form without target lists", func(t *testing.T) {
		doc, err := normalizeLine(t, ALB(), albSampleKey, strings.Join(fields[:albMinFields], " "))
		if err != nil {
			t.Fatal(err)
		}
		checkFields(t, doc, map[string]any{"aws.elb.target_port": nil, "aws.elb.conn_trace_id": nil, "http.response.status_code": 200.0})
	})
	t.Run("fields appended after conn_trace_id are ignored", func(t *testing.T) {
		line := albHTTPLine + ` "www.example.com" "/v2/" "TransformSuccess" 42`
		doc, err := normalizeLine(t, ALB(), albSampleKey, line)
		if err != nil {
			t.Fatal(err)
		}
		base, _ := normalizeLine(t, ALB(), albSampleKey, albHTTPLine)
		if !equalJSON(doc, base) {
			t.Errorf("trailing fields changed the document:\n got %v\nwant %v", doc, base)
		}
	})
}

func TestALBErrors(t *testing.T) {
	tests := []struct {
		name   string
		line   string
		column int
		field  string
		want   string
	}{
		{"unterminated quote", albHTTPLine[:strings.Index(albHTTPLine, "curl")+4], 0, "", "the line is truncated"},
		{"too few fields", strings.Join(splitForTest(t, albHTTPLine)[:20], " "), 0, "", "20 fields, expected at least 25"},
		{"connection log entry", `2024-10-04T17:05:15.514108Z 192.168.131.39 36280 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 4.036 "CN=amazondomains.com,O=endEntity,L=Seattle,ST=Washington,C=US" NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-06-17T22:43:21Z FEF257372D5C14D4 Success TID_1`, 1, "type", "connection log"},
		{"NLB entry with an ALPN list", nlbTLSLine, 0, "", "not in the ALB access log format"},
		{"NLB entry", `tls 2.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com - - - 2020-04-01T08:51:20 a b c`, 2, "time", "ISO 8601"},
		{"bad type", replaceFields(t, albHTTPLine, map[int]string{albType: "HTTP/1.1"}), 1, "type", "request type"},
		{"bad time", replaceFields(t, albHTTPLine, map[int]string{albTime: "2018-07-02"}), 2, "time", "ISO 8601"},
		{"bad request creation time", replaceFields(t, albHTTPLine, map[int]string{albRequestCreationTime: "yesterday"}), 22, "request_creation_time", "ISO 8601"},
		{"bad client port", replaceFields(t, albHTTPLine, map[int]string{albClient: "192.168.131.39:99999"}), 4, "client:port", "port"},
		{"bad client address", replaceFields(t, albHTTPLine, map[int]string{albClient: "client.example.com:2817"}), 4, "client:port", "IP address"},
		{"client without port", replaceFields(t, albHTTPLine, map[int]string{albClient: "192.168.131.39"}), 4, "client:port", "ip:port"},
		{"bad target", replaceFields(t, albHTTPLine, map[int]string{albTarget: "10.0.0.1:http"}), 5, "target:port", "port"},
		{"bad processing time", replaceFields(t, albHTTPLine, map[int]string{albTargetProcessingTime: "fast"}), 7, "target_processing_time", "seconds"},
		{"bad status", replaceFields(t, albHTTPLine, map[int]string{albELBStatusCode: "OK"}), 9, "elb_status_code", "status code"},
		{"bad target status", replaceFields(t, albHTTPLine, map[int]string{albTargetStatusCode: "2000"}), 10, "target_status_code", "status code"},
		{"bad byte count", replaceFields(t, albHTTPLine, map[int]string{albSentBytes: "-5"}), 12, "sent_bytes", "integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := normalizeLine(t, ALB(), albSampleKey, tt.line)
			checkError(t, err, tt.column, tt.field, tt.want)
		})
	}
}

// splitForTest cuts a line into its fields, quotes kept.
func splitForTest(t testing.TB, line string) []string {
	t.Helper()
	var out []string
	for len(line) > 0 {
		line = strings.TrimLeft(line, " ")
		if line == "" {
			break
		}
		end := strings.IndexByte(line, ' ')
		if line[0] == '"' {
			q := strings.IndexByte(line[1:], '"')
			if q < 0 {
				t.Fatalf("unterminated quote in %q", line)
			}
			end = q + 2
		}
		if end < 0 {
			end = len(line)
		}
		out = append(out, line[:end])
		line = line[end:]
	}
	return out
}

func replaceFields(t testing.TB, line string, replace map[int]string) string {
	t.Helper()
	fields := splitForTest(t, line)
	for i, v := range replace {
		fields[i] = v
	}
	return strings.Join(fields, " ")
}
