package waf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/xff"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/waf"
	"github.com/siem-go/siem/siemtest"
)

const (
	directKey   = "AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log.gz"
	firehoseKey = "2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz"
	arnRegional = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/a1b2c3d4"
)

// record returns a WAFv2 record with the given members replacing or
// adding to a minimal allowed request.
func record(members map[string]any) string {
	r := map[string]any{
		"timestamp": 1795773901234, "formatVersion": 1, "webaclId": arnRegional,
		"terminatingRuleId": "Default_Action", "terminatingRuleType": "REGULAR", "action": "ALLOW",
		"httpSourceName": "ALB", "httpSourceId": "alb-1",
		"ruleGroupList": []any{}, "rateBasedRuleList": []any{}, "nonTerminatingMatchingRules": []any{},
		"httpRequest": map[string]any{
			"clientIp": "198.51.100.7", "country": "GB", "uri": "/", "args": "",
			"httpVersion": "HTTP/1.1", "httpMethod": "GET", "requestId": "r-1",
			"headers": []any{map[string]any{"name": "Host", "value": "shop.example.com"}},
		},
	}
	for k, v := range members {
		if v == nil {
			delete(r, k)
		} else {
			r[k] = v
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func headers(pairs ...string) []any {
	var out []any
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, map[string]any{"name": pairs[i], "value": pairs[i+1]})
	}
	return out
}

func request(hs []any) map[string]any {
	return map[string]any{
		"clientIp": "198.51.100.7", "country": "GB", "uri": "/login", "args": "",
		"httpVersion": "HTTP/2.0", "httpMethod": "POST", "requestId": "r-2", "headers": hs,
	}
}

// run processes data as one object and returns its documents, decoded,
// after checking each against ECS and the vendor schema.
func run(t *testing.T, opts siemtest.Options, key, data string) ([]map[string]any, []siem.DeadLetter) {
	t.Helper()
	res := opts.Run(t, waf.New(), key, []byte(data))
	info := waf.New().Info()
	var docs []map[string]any
	for _, d := range res.Docs {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Errorf("record %d: %v\n%s", d.Source.Record, err, d.Body)
		}
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(d.Body))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, m)
	}
	return docs, res.DeadLetters
}

func one(t *testing.T, data string) map[string]any {
	t.Helper()
	docs, dls := run(t, siemtest.Options{}, directKey, data)
	for _, dl := range dls {
		t.Errorf("dead letter: %s", dl.Reason)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	return docs[0]
}

// get returns the value at a dotted path, descending objects.
func get(doc map[string]any, path string) any {
	var v any = doc
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if v, ok = m[p]; !ok {
			return nil
		}
	}
	return v
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return "<absent>"
	case string:
		return x
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestHeaders(t *testing.T) {
	hs := headers(
		"Host", "api.example.com:8443",
		"X-Forwarded-For", "203.0.113.9, 10.0.0.5",
		"x-forwarded-for", "192.0.2.1",
		"User-Agent", "curl/8.11.0",
		"Referer", "https://example.com/a",
		"Authorization", "Basic dXNlcjpwYXNzd29yZA==",
		"proxy-authorization", "dXNlcjpwYXNzd29yZA==",
		"Cookie", "sid=s3cr3t-v4lue; prefs=compact; =novalue; justtoken",
		"X-Api-Key", "k3y-s3cr3t",
		"X.Dotted Name", "dots",
		"", "no name",
		strings.Repeat("n", 200), "long name",
	)
	rec := record(map[string]any{"httpRequest": request(hs)})
	doc := one(t, rec)

	for path, want := range map[string]string{
		"aws.waf.request.headers.x_forwarded_for":     `["203.0.113.9, 10.0.0.5","192.0.2.1"]`,
		"aws.waf.request.headers.host":                "api.example.com:8443",
		"aws.waf.request.headers.authorization":       "Basic [REDACTED]",
		"aws.waf.request.headers.proxy_authorization": "[REDACTED]",
		"aws.waf.request.headers.cookie":              "sid=[REDACTED]; prefs=[REDACTED]; [REDACTED]; [REDACTED]",
		"aws.waf.request.headers.x_api_key":           "[REDACTED]",
		"aws.waf.request.headers.x_dotted_name":       "dots",
		"url.domain":                                  "api.example.com",
		"url.port":                                    "8443",
		"user_agent.original":                         "curl/8.11.0",
		"http.request.referrer":                       "https://example.com/a",
		"http.version":                                "2.0",
	} {
		if got := str(get(doc, path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	list, _ := get(doc, "aws.waf.request.header_list").([]any)
	if len(list) != 12 {
		t.Errorf("header_list has %d entries, want 12", len(list))
	}
	if got := str(list[5]); got != `{"name":"Authorization","value":"Basic [REDACTED]"}` {
		t.Errorf("header_list[5] = %s", got)
	}
	if got := str(list[10]); got != `{"value":"no name"}` {
		t.Errorf("header_list[10] = %s", got)
	}
	body, _ := json.Marshal(doc)
	for _, secret := range []string{"dXNlcjpwYXNzd29yZA", "s3cr3t-v4lue", "k3y-s3cr3t"} {
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("document holds the secret %q", secret)
		}
	}
	// event.original is the record with the same redactions, and still
	// holds the rest.
	orig := str(get(doc, "event.original"))
	if !strings.Contains(orig, `"value":"Basic [REDACTED]"`) || !strings.Contains(orig, `"value":"203.0.113.9, 10.0.0.5"`) {
		t.Errorf("event.original = %s", orig)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(orig), &back); err != nil {
		t.Errorf("event.original is not JSON: %v", err)
	}

	// Without event.original, none is added back.
	docs, _ := run(t, siemtest.Options{OmitOriginal: true}, directKey, rec)
	if len(docs) != 1 || get(docs[0], "event.original") != nil {
		t.Errorf("event.original written with OmitOriginal: %v", docs)
	}

	// A record without credentials keeps its event.original verbatim.
	plain := " " + record(nil)
	docs, _ = run(t, siemtest.Options{}, directKey, plain)
	if len(docs) != 1 || str(get(docs[0], "event.original")) != strings.TrimSpace(plain) {
		t.Errorf("event.original of a record without credentials changed: %s", str(get(docs[0], "event.original")))
	}
}

// TestRepeatedNameMember: a header object naming a credential header in
// any of its repeated name members is redacted, everywhere.
func TestRepeatedNameMember(t *testing.T) {
	rec := strings.Replace(record(nil), `{"name":"Host","value":"shop.example.com"}`,
		`{"name":"X-Innocent","name":"Authorization","value":"Bearer abc.def.ghi","value":"second-secret"}`, 1)
	doc := one(t, rec)
	body, _ := json.Marshal(doc)
	rec = strings.Replace(rec, `"value":"second-secret"`, `"value":{"token":"third-secret"}`, 1)
	doc2 := one(t, rec)
	body2, _ := json.Marshal(doc2)
	body = append(body, body2...)
	rec = strings.Replace(record(nil), `{"name":"Host","value":"shop.example.com"}`, `{"name":"Cookie","value":{"token":"fourth-secret"}}`, 1)
	body3, _ := json.Marshal(one(t, rec))
	body = append(body, body3...)
	for _, secret := range []string{"abc.def.ghi", "second-secret", "third-secret", "fourth-secret"} {
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("document holds %q: %s", secret, body)
		}
	}
}

func TestCategorization(t *testing.T) {
	count := []any{map[string]any{"ruleId": "watch", "action": "COUNT", "ruleMatchDetails": []any{}}}
	for _, c := range []struct {
		name                 string
		members              map[string]any
		kind, types, outcome string
		categories           string
	}{
		{"allow", nil, "event", `["access","allowed"]`, "success", `["web","network"]`},
		{"block", map[string]any{"action": "BLOCK", "terminatingRuleId": "r"}, "alert", `["access","denied"]`, "failure", `["web","network","intrusion_detection"]`},
		{"captcha", map[string]any{"action": "CAPTCHA"}, "alert", `["access","denied"]`, "failure", `["web","network","intrusion_detection"]`},
		{"challenge", map[string]any{"action": "CHALLENGE"}, "alert", `["access","denied"]`, "failure", `["web","network","intrusion_detection"]`},
		{"count match", map[string]any{"nonTerminatingMatchingRules": count}, "alert", `["access","allowed"]`, "success", `["web","network","intrusion_detection"]`},
		{"count in group", map[string]any{"ruleGroupList": []any{map[string]any{"ruleGroupId": "g", "terminatingRule": nil, "nonTerminatingMatchingRules": count}}}, "alert", `["access","allowed"]`, "success", `["web","network","intrusion_detection"]`},
		{"excluded rule", map[string]any{"ruleGroupList": []any{map[string]any{"ruleGroupId": "g", "excludedRules": []any{map[string]any{"exclusionType": "EXCLUDED_AS_COUNT", "ruleId": "x"}}}}}, "alert", `["access","allowed"]`, "success", `["web","network","intrusion_detection"]`},
		{"accepted token", map[string]any{"nonTerminatingMatchingRules": []any{map[string]any{"ruleId": "c", "action": "CHALLENGE"}}}, "event", `["access","allowed"]`, "success", `["web","network"]`},
		{"unknown action", map[string]any{"action": "SOMETHING_NEW"}, "event", `["access"]`, "<absent>", `["web","network"]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := one(t, record(c.members))
			if got := str(get(doc, "event.kind")); got != c.kind {
				t.Errorf("event.kind = %s, want %s", got, c.kind)
			}
			if got := str(get(doc, "event.type")); got != c.types {
				t.Errorf("event.type = %s, want %s", got, c.types)
			}
			if got := str(get(doc, "event.outcome")); got != c.outcome {
				t.Errorf("event.outcome = %s, want %s", got, c.outcome)
			}
			if got := str(get(doc, "event.category")); got != c.categories {
				t.Errorf("event.category = %s, want %s", got, c.categories)
			}
		})
	}
}

func TestWebACL(t *testing.T) {
	for _, c := range []struct {
		name, key, acl                     string
		account, region, ruleset, ruleName string
		service                            string
	}{
		{"regional", firehoseKey, arnRegional, "123456789012", "eu-west-1", "shop-web-acl", "Default_Action", "wafv2"},
		{"cloudfront", firehoseKey, "arn:aws:wafv2:us-east-1:210987654321:global/webacl/cdn/0f1e", "210987654321", "global", "cdn", "Default_Action", "wafv2"},
		{"classic via firehose", firehoseKey, "2f1a3b4c-5d6e-4f70-8192-a3b4c5d6e7f8", "<absent>", "<absent>", "2f1a3b4c-5d6e-4f70-8192-a3b4c5d6e7f8", "<absent>", "waf"},
		{"classic, direct key", "AWSLogs/111122223333/WAFLogs/cloudfront/legacy-acl/2026/11/27/10/05/111122223333_waflogs_cloudfront_legacy-acl_20261127T1005Z_1a2b3c4d.log.gz",
			"2f1a3b4c-5d6e-4f70-8192-a3b4c5d6e7f8", "111122223333", "global", "legacy-acl", "<absent>", "waf"},
		{"ARN wins over key", directKey, "arn:aws:wafv2:us-west-2:444455556666:regional/webacl/other/1", "444455556666", "us-west-2", "other", "Default_Action", "wafv2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, dls := run(t, siemtest.Options{}, c.key, record(map[string]any{"webaclId": c.acl}))
			if len(docs) != 1 || len(dls) != 0 {
				t.Fatalf("%d documents, %d dead letters", len(docs), len(dls))
			}
			doc := docs[0]
			for path, want := range map[string]string{
				"cloud.account.id": c.account, "cloud.region": c.region, "rule.ruleset": c.ruleset,
				"rule.name": c.ruleName, "cloud.service.name": c.service, "aws.waf.web_acl.id": c.acl,
			} {
				if got := str(get(doc, path)); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

func TestTimestamp(t *testing.T) {
	for _, c := range []struct {
		value any
		want  string // @timestamp, or the start of the dead letter's reason
	}{
		{1795773901234, "2026-11-27T10:05:01.234Z"},
		{"1795773901234", "2026-11-27T10:05:01.234Z"},
		{0, "1970-01-01T00:00:00Z"},
		{1795773901234.0, "2026-11-27T10:05:01.234Z"},
		{nil, "record has no timestamp"},
		{-5, "timestamp -5 is outside"},
		{1e20, "timestamp 100000000000000000000 is not a number"},
		{"yesterday", `timestamp "yesterday" is not`},
		{true, "timestamp is a JSON true"},
		{map[string]any{"ms": 1}, "timestamp is a JSON object"},
	} {
		t.Run(fmt.Sprint(c.value), func(t *testing.T) {
			rec := record(map[string]any{"timestamp": c.value})
			if c.value == nil {
				rec = record(map[string]any{"timestamp": nil})
			}
			docs, dls := run(t, siemtest.Options{}, directKey, rec)
			switch {
			case len(docs) == 1:
				if got := str(get(docs[0], "@timestamp")); got != c.want {
					t.Errorf("@timestamp = %s, want %s", got, c.want)
				}
			case len(dls) == 1:
				if !strings.HasPrefix(dls[0].Reason, c.want) {
					t.Errorf("reason %q, want it to start %q", dls[0].Reason, c.want)
				}
			default:
				t.Fatalf("%d documents, %d dead letters", len(docs), len(dls))
			}
		})
	}
}

// TestHostile feeds records no WAF writes; each must give a valid
// document or a dead letter, never a crash.
func TestHostile(t *testing.T) {
	deep := strings.Repeat(`{"a":[`, 100) + `"x"` + strings.Repeat(`]}`, 100)
	huge := strings.Repeat("A", 100000)
	cases := map[string]string{
		"duplicate timestamp": strings.Replace(record(nil), `"timestamp":1795773901234`, `"timestamp":1795773901234,"timestamp":1`, 1),
		"wrong types":         `{"timestamp":1795773901234,"webaclId":7,"action":["BLOCK"],"terminatingRuleId":{},"ruleGroupList":{"a":1},"labels":"x","oversizeFields":[1,null,"BODY"],"httpRequest":{"clientIp":12,"country":"gb","headers":"Host: x","uri":["/"],"httpVersion":"HTTP/","requestBodySize":"big"},"responseCodeSent":"teapot","clientAsn":-1,"captchaResponse":[],"challengeResponse":{"responseCode":"x","solveTimestamp":1e300}}`,
		"odd numbers":         `{"timestamp":1795773901234,"ruleGroupList":[{"n":NaN,"m":01,"o":1.,"p":-Inf,"q":1e5}],"httpRequest":{}}`,
		"odd keys":            `{"timestamp":1795773901234,"ruleGroupList":[{"":1,"a.b":2,"a_b":3,"..":4,"x":{"y.z":[null,{},[]]}}],"httpRequest":null}`,
		"deep list":           `{"timestamp":1795773901234,"ruleGroupList":[` + deep + `],"labels":[` + deep + `]}`,
		"huge values":         record(map[string]any{"terminatingRuleMatchDetails": []any{map[string]any{"matchedData": []any{huge}}}, "httpRequest": request(headers("User-Agent", huge, "H", huge))}),
		"surrogates":          strings.Replace(record(nil), `"uri":"/"`, `"uri":"/\ud800\udfff\ud800x\u0000"`, 1),
		"invalid utf-8":       strings.Replace(record(nil), `"uri":"/"`, "\"uri\":\"/\xff\xfe\"", 1),
		"u2028":               strings.Replace(record(nil), `"uri":"/"`, "\"uri\":\"/\u2028\"", 1),
		"many headers":        record(map[string]any{"httpRequest": request(manyHeaders(5000))}),
		"not an object":       `[1,2,3]`,
		"string":              `"hello"`,
		"httpRequest string":  `{"timestamp":1795773901234,"httpRequest":"GET /"}`,
		"bad ip":              strings.Replace(record(nil), `"clientIp":"198.51.100.7"`, `"clientIp":"999.1.1.1"`, 1),
		"ipv6 zone":           strings.Replace(record(nil), `"clientIp":"198.51.100.7"`, `"clientIp":"fe80::1%eth0"`, 1),
		"host forms":          record(map[string]any{"httpRequest": request(headers("Host", "[2001:db8::1]:443"))}),
		"ipv6 host":           record(map[string]any{"httpRequest": request(headers("Host", "2001:db8::1"))}),
		"bad port":            record(map[string]any{"httpRequest": request(headers("Host", "example.com:99999"))}),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			docs, dls := run(t, siemtest.Options{}, directKey, data)
			if len(docs)+len(dls) != 1 {
				t.Fatalf("%d documents and %d dead letters, want one of them", len(docs), len(dls))
			}
			for _, dl := range dls {
				if strings.Contains(dl.Reason, "panic") || strings.Contains(dl.Reason, "invalid event") {
					t.Errorf("dead letter: %s", dl.Reason)
				}
			}
		})
	}
}

func manyHeaders(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"name": fmt.Sprintf("X-H%d", i%700), "value": fmt.Sprint(i)}
	}
	return out
}

// TestHostileValues pins what the hostile records give.
func TestHostileValues(t *testing.T) {
	doc := one(t, strings.Replace(record(nil), `"timestamp":1795773901234`, `"timestamp":1795773901234,"timestamp":1`, 1))
	if got := str(get(doc, "@timestamp")); got != "2026-11-27T10:05:01.234Z" {
		t.Errorf("a repeated timestamp: @timestamp = %s, want the first", got)
	}
	doc = one(t, `{"timestamp":1795773901234,"ruleGroupList":[{"n":NaN,"m":01,"o":1.,"q":1e5}]}`)
	if got := str(get(doc, "aws.waf.rule_group_list")); got != `[{"m":"01","n":"NaN","o":"1.","q":1e5}]` {
		t.Errorf("rule_group_list = %s", got)
	}
	doc = one(t, `{"timestamp":1795773901234,"ruleGroupList":[{"":1,"a.b":2,"a_b":3,"x":{"y.z":[null,{},[]],"w":null}}]}`)
	if got := str(get(doc, "aws.waf.rule_group_list")); got != `[{"_":1,"a_b":2}]` {
		t.Errorf("rule_group_list = %s", got)
	}
	doc = one(t, `{"timestamp":1795773901234,"ruleGroupList":"ALB","rateBasedRuleList":[1,"x",{"a":1},null],"nonTerminatingMatchingRules":[2]}`)
	if got := str(get(doc, "aws.waf.rule_group_list")) + " " + str(get(doc, "aws.waf.rate_based_rule_list")) + " " + str(get(doc, "aws.waf.non_terminating_matching_rules")); got != `<absent> [{"a":1}] <absent>` {
		t.Errorf("flat_object fields of scalars: %s", got)
	}
	doc = one(t, record(map[string]any{"terminatingRuleMatchDetails": []any{map[string]any{"matchedData": []any{strings.Repeat("é", 10000)}}}}))
	md, _ := get(doc, "aws.waf.terminating_rule.match_details").([]any)
	if len(md) != 1 {
		t.Fatalf("match_details = %v", md)
	}
	data, _ := md[0].(map[string]any)["matchedData"].([]any)
	if s, _ := data[0].(string); len(s) > 8192 || len(s) < 8180 || !strings.HasPrefix(s, "é") {
		t.Errorf("a long leaf is %d bytes, want it cut to 8 KiB at a character boundary", len(s))
	}
	doc = one(t, `{"timestamp":1795773901234,"httpRequest":{"clientIp":"fe80::1%eth0","headers":[{"name":"Host","value":"[2001:db8::1]:443"}]}}`)
	if got := str(get(doc, "source.ip")) + " " + str(get(doc, "url.domain")) + " " + str(get(doc, "url.port")); got != "fe80::1 2001:db8::1 443" {
		t.Errorf("source.ip url.domain url.port = %s", got)
	}
}

// TestFirehoseAndEnvelope: records written back to back, and records in
// CloudWatch Logs subscription payloads, are read alike.
func TestFirehoseAndEnvelope(t *testing.T) {
	recs := record(nil) + record(map[string]any{"action": "BLOCK"}) + "\n" + record(map[string]any{"action": "CAPTCHA"})
	docs, dls := run(t, siemtest.Options{}, firehoseKey, recs)
	if len(docs) != 3 || len(dls) != 0 {
		t.Fatalf("%d documents, %d dead letters, want 3 and 0", len(docs), len(dls))
	}
	var actions []string
	for _, d := range docs {
		actions = append(actions, str(get(d, "event.action")))
	}
	if !reflect.DeepEqual(actions, []string{"ALLOW", "BLOCK", "CAPTCHA"}) {
		t.Errorf("actions %v", actions)
	}

	payload, _ := json.Marshal(map[string]any{
		"messageType": "DATA_MESSAGE", "owner": "999999999999", "logGroup": "aws-waf-logs-shop",
		"logStream": "eu-west-1_shop-web-acl_0", "subscriptionFilters": []string{"to-firehose"},
		"logEvents": []any{
			map[string]any{"id": "1", "timestamp": 1795773902000, "message": record(nil)},
			map[string]any{"id": "2", "timestamp": 1795773902000, "message": "not json"},
		},
	})
	docs, dls = run(t, siemtest.Options{}, "cwl/2026/11/27/10/aws-waf-logs-cwl-1-2026-11-27-10-05-00-abc", string(payload))
	if len(docs) != 1 || len(dls) != 1 {
		t.Fatalf("%d documents, %d dead letters, want 1 and 1", len(docs), len(dls))
	}
	if got := str(get(docs[0], "cloud.account.id")); got != "123456789012" {
		t.Errorf("cloud.account.id = %s, want the ARN's account over the envelope's owner", got)
	}
	if got := str(get(docs[0], "event.original")); got != record(nil) {
		t.Errorf("event.original = %s", got)
	}

	// A Firehose error object, under the stream's error prefix.
	failed := `{"attemptsMade":4,"arrivalTimestamp":1795773902000,"errorCode":"Lambda.FunctionError","errorMessage":"The Lambda function was successfully invoked but it returned an error result.","attemptEndingTimestamp":1795773960000,"rawData":"eyJ0aW1lc3RhbXAiOjF9","lambdaArn":"arn:aws:lambda:eu-west-1:123456789012:function:waf-transform:$LATEST"}`
	docs, dls = run(t, siemtest.Options{}, "processing-failed/2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-abc", failed+"\n")
	if len(docs) != 0 || len(dls) != 1 || !strings.Contains(dls[0].Reason, "Lambda.FunctionError") {
		t.Errorf("a Firehose error record gave %d documents and dead letters %v", len(docs), dls)
	}
}

// TestXFFEnricher runs the X-Forwarded-For enricher configured as the
// package documentation says: behind a trusted load balancer, the client
// is the right-most untrusted address of the header lines, in order.
func TestXFFEnricher(t *testing.T) {
	e, err := xff.New(xff.Config{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		Fields:         enrich.Fields{ByType: map[string][]string{"waf": {"aws.waf.request.x_forwarded_for"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := headers("X-Forwarded-For", "198.51.100.200, 10.0.3.9", "X-Forwarded-For", "203.0.113.250")
	req := request(hs)
	req["clientIp"] = "10.0.3.17"
	docs, _ := run(t, siemtest.Options{Enrichers: []siem.Enricher{e}}, directKey, record(map[string]any{"httpRequest": req}))
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	for path, want := range map[string]string{
		"source.ip":                 "203.0.113.250",
		"aws.waf.request.client_ip": "10.0.3.17",
		"network.forwarded_ip":      `["198.51.100.200","10.0.3.9","203.0.113.250"]`,
	} {
		if got := str(get(docs[0], path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestGeoIPEnricher runs the GeoIP enricher over records whose country
// and ASN WAF wrote: where the databases place the address their objects
// replace WAF's whole (one consistent source.geo), elsewhere WAF's stay;
// no record is lost to the two writing the same objects.
func TestGeoIPEnricher(t *testing.T) {
	dir := shared.Dir(t, "geoip")
	e, err := geoip.Open(geoip.Config{
		CityPath: filepath.Join(dir, "GeoIP2-City-Test.mmdb"),
		ASNPath:  filepath.Join(dir, "GeoLite2-ASN-Test.mmdb"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	placed := request(nil)
	placed["clientIp"], placed["country"] = "89.160.20.156", "AU"
	private := request(nil)
	private["clientIp"], private["country"] = "10.0.3.17", "GB"
	data := record(map[string]any{"httpRequest": placed, "clientAsn": 64500}) + "\n" +
		record(map[string]any{"httpRequest": private, "clientAsn": 64501}) + "\n"
	docs, dls := run(t, siemtest.Options{Enrichers: []siem.Enricher{e}}, directKey, data)
	for _, dl := range dls {
		t.Errorf("dead letter: %s", dl.Reason)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	for i, want := range []map[string]string{
		{"source.geo.country_iso_code": "SE", "source.geo.city_name": "Linköping", "source.as.number": "29518", "aws.waf.request.country": "AU"},
		{"source.geo.country_iso_code": "GB", "source.geo.city_name": "<absent>", "source.as.number": "64501", "aws.waf.request.country": "GB"},
	} {
		for path, w := range want {
			if got := str(get(docs[i], path)); got != w {
				t.Errorf("record %d: %s = %s, want %s", i+1, path, got, w)
			}
		}
	}
}

// TestRequestMapping asserts, field by field, what an analyst searches a
// blocked request by: the terminating rule inside a managed rule group,
// the group's counted rules, labels, TLS fingerprints, the request and
// its client.
func TestRequestMapping(t *testing.T) {
	req := request(headers("Host", "shop.example.com:8443", "User-Agent", "sqlmap/1.8", "Referer", "https://shop.example.com/"))
	req["uri"], req["args"], req["scheme"], req["country"] = "/search", "q=%27%20OR%201%3D1", "https", "NL"
	doc := one(t, record(map[string]any{
		"action": "BLOCK", "terminatingRuleId": "AWS-AWSManagedRulesSQLiRuleSet", "terminatingRuleType": "MANAGED_RULE_GROUP",
		"ruleGroupList": []any{map[string]any{
			"ruleGroupId":                 "AWS#AWSManagedRulesSQLiRuleSet",
			"terminatingRule":             map[string]any{"ruleId": "SQLi_QUERYARGUMENTS", "action": "BLOCK"},
			"nonTerminatingMatchingRules": []any{map[string]any{"ruleId": "SQLiExtendedPatterns_QUERYARGUMENTS", "action": "COUNT", "overriddenAction": "BLOCK"}},
		}},
		"nonTerminatingMatchingRules": []any{map[string]any{"ruleId": "watch-search", "action": "COUNT"}},
		"labels":                      []any{map[string]any{"name": "awswaf:managed:aws:sql-database:SQLi_QueryArguments"}},
		"ja3Fingerprint":              "e7d705a3286e19ea42f587b344ee6865",
		"ja4Fingerprint":              "t13d1516h2_8daaf6152771_02713d6af862",
		"httpRequest":                 req,
	}))
	for path, want := range map[string]string{
		"event.kind":                             "alert",
		"event.action":                           "BLOCK",
		"rule.id":                                "AWS-AWSManagedRulesSQLiRuleSet",
		"rule.name":                              "AWS-AWSManagedRulesSQLiRuleSet",
		"rule.ruleset":                           "shop-web-acl",
		"aws.waf.terminating_rule.type":          "MANAGED_RULE_GROUP",
		"aws.waf.terminating_rule.rule_group_id": "AWS#AWSManagedRulesSQLiRuleSet",
		"aws.waf.terminating_rule.rule_group_rule_id": "SQLi_QUERYARGUMENTS",
		"aws.waf.rule_group_ids":                      `["AWS#AWSManagedRulesSQLiRuleSet"]`,
		"aws.waf.non_terminating_rule_ids":            `["watch-search","SQLiExtendedPatterns_QUERYARGUMENTS"]`,
		"aws.waf.labels":                              `["awswaf:managed:aws:sql-database:SQLi_QueryArguments"]`,
		"tls.client.ja3":                              "e7d705a3286e19ea42f587b344ee6865",
		"aws.waf.ja4_fingerprint":                     "t13d1516h2_8daaf6152771_02713d6af862",
		"source.ip":                                   "198.51.100.7",
		"source.geo.country_iso_code":                 "NL",
		"http.request.method":                         "POST",
		"http.version":                                "2.0",
		"http.request.referrer":                       "https://shop.example.com/",
		"user_agent.original":                         "sqlmap/1.8",
		"url.domain":                                  "shop.example.com",
		"url.port":                                    "8443",
		"url.path":                                    "/search",
		"url.query":                                   "q=%27%20OR%201%3D1",
		"url.full":                                    "https://shop.example.com:8443/search?q=%27%20OR%201%3D1",
		"related.hosts":                               `["shop.example.com"]`,
	} {
		if got := str(get(doc, path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}

	// WAF's "-" for a country it could not place is no value.
	req["country"] = "-"
	doc = one(t, record(map[string]any{"httpRequest": req}))
	if got := str(get(doc, "source.geo")) + " " + str(get(doc, "aws.waf.request.country")); got != "<absent> <absent>" {
		t.Errorf(`country "-" wrote %s`, got)
	}
}
