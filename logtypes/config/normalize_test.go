package config_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/siemtest"
)

const (
	historyKey  = "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigHistory/123456789012_Config_us-east-1_ConfigHistory_AWS::EC2::Instance_20261127T040000Z_20261127T100000Z_1.json.gz"
	snapshotKey = "AWSLogs/123456789012/Config/eu-west-1/2026/1/5/ConfigSnapshot/123456789012_Config_eu-west-1_ConfigSnapshot_20260105T091300Z_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json.gz"
	firehoseKey = "AWSLogs/123456789012/ConfigRules/us-east-1/2026/11/27/10/siem-config-rules-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
)

// run processes data under key and returns the documents decoded, the
// result, and checks every document against ECS and the vendor schema.
func run(t *testing.T, key, data string) ([]map[string]any, *siemtest.Result) {
	t.Helper()
	res := siemtest.Run(t, config.New(), key, []byte(data))
	var docs []map[string]any
	for _, d := range res.Docs {
		if err := config.New().Info().CheckDocument(d.Body); err != nil {
			t.Errorf("record %d: %v\n%s", d.Source.Record, err, d.Body)
		}
		var m map[string]any
		if err := json.Unmarshal(d.Body, &m); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, m)
	}
	return docs, res
}

// get returns the value at a dotted path of a nested document.
func get(doc map[string]any, path string) any {
	var v any = doc
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

const item = `{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-11-27T07:40:02.118Z","configurationStateId":1795766402118,
"awsAccountId":"123456789012","configurationItemStatus":"OK","resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-1","awsRegion":"us-east-1",
"availabilityZone":"Not Applicable","configuration":CONF}`

func withConf(conf string) string { return strings.Replace(item, "CONF", conf, 1) }

// TestFreeFormForms checks which form each kind of configuration takes:
// an object as a flat_object, JSON text parsed, and objects OpenSearch's
// flat_object would refuse as text.
func TestFreeFormForms(t *testing.T) {
	long := strings.Repeat("x", 33000)
	for _, c := range []struct {
		name, conf string
		flat, text string // JSON of aws.config.configuration, and configuration_text
	}{
		{"object", `{"a":{"b":1},"c":"d"}`, `{"a":{"b":1},"c":"d"}`, ``},
		{"json text", `"{\"groupName\":\"web\",\"n\":2}"`, `{"groupName":"web","n":2}`, ``},
		{"plain text", `"not json at all"`, ``, `"not json at all"`},
		{"array", `[1,2]`, ``, `"[1,2]"`},
		{"empty key", `{"":1}`, ``, `"{\"\":1}"`},
		{"empty segment", `{"a..b":1}`, ``, `"{\"a..b\":1}"`},
		{"leading dot", `{".a":1}`, ``, `"{\".a\":1}"`},
		{"repeated key", `{"a":1,"a":2}`, ``, `"{\"a\":1,\"a\":2}"`},
		{"repeated key among many", `{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k1":2}`, ``, `"{\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,\"k5\":1,\"k6\":1,\"k7\":1,\"k8\":1,\"k9\":1,\"k1\":2}"`},
		{"long leaf", `{"policy":"` + long + `"}`, ``, `"{\"policy\":\"` + long + `\"}"`},
		{"invalid utf-8 keys", "{\"\xff\":1,\"\xfe\":2}", ``, "\"{\\\"\ufffd\\\":1,\\\"\ufffd\\\":2}\""},
		{"nan", `{"a":NaN,"b":[-Inf]}`, `{"a":"NaN","b":["-Inf"]}`, ``},
		{"empty object", `{}`, ``, ``},
		{"null", `null`, ``, ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, res := run(t, historyKey, withConf(c.conf))
			if len(docs) != 1 {
				t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
			}
			flat, text := get(docs[0], "aws.config.configuration"), get(docs[0], "aws.config.configuration_text")
			if got := jsonTextOrEmpty(flat); got != c.flat {
				t.Errorf("configuration = %s, want %s", got, c.flat)
			}
			if got := jsonTextOrEmpty(text); got != c.text {
				t.Errorf("configuration_text = %.80s, want %.80s", got, c.text)
			}
		})
	}
}

func jsonTextOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	return jsonText(v)
}

// TestCaptureTime checks @timestamp and its fallbacks.
func TestCaptureTime(t *testing.T) {
	noTime := `{"configurationItemStatus":"OK","resourceType":"AWS::S3::Bucket","resourceId":"b","awsRegion":"eu-west-1"}`
	docs, _ := run(t, snapshotKey, noTime)
	if len(docs) != 1 || get(docs[0], "@timestamp") != "2026-01-05T09:13:00Z" {
		t.Errorf("snapshot item without capture time: want the key's snapshot time, got %v", docs)
	}
	_, res := run(t, historyKey, noTime)
	if res.Counts.DeadLettered != 1 || !strings.Contains(res.DeadLetters[0].Reason, "without configurationItemCaptureTime") {
		t.Errorf("history item without capture time: %v %v", res.Counts, res.DeadLetters)
	}
	for _, bad := range []string{`"2026-11-27 07:40:02"`, `1795766402118`, `"0000-01-01T00:00:00Z"`} {
		_, res := run(t, historyKey, strings.Replace(withConf("null"), `"2026-11-27T07:40:02.118Z"`, bad, 1))
		if res.Counts.DeadLettered != 1 || !strings.Contains(res.DeadLetters[0].Reason, "configurationItemCaptureTime") {
			t.Errorf("capture time %s: %v %v", bad, res.Counts, res.DeadLetters)
		}
	}
	// Snapshot items use their own capture time, not the snapshot's.
	docs, _ = run(t, snapshotKey, withConf("null"))
	if len(docs) != 1 || get(docs[0], "@timestamp") != "2026-11-27T07:40:02.118Z" {
		t.Errorf("snapshot item: %v", docs)
	}
}

// TestKindsAndTypes checks event.kind and event.type per source and status.
func TestKindsAndTypes(t *testing.T) {
	for _, c := range []struct {
		key, status, kind, typ string
	}{
		{snapshotKey, "ResourceDiscovered", "state", "info"},
		{snapshotKey, "OK", "state", "info"},
		{historyKey, "ResourceDiscovered", "state", "creation"},
		{historyKey, "OK", "state", "change"},
		{historyKey, "ResourceDeleted", "state", "deletion"},
		{historyKey, "ResourceDeletedNotRecorded", "state", "deletion"},
		{historyKey, "ResourceNotRecorded", "state", "info"},
	} {
		docs, _ := run(t, c.key, strings.Replace(withConf("null"), `"OK"`, `"`+c.status+`"`, 1))
		if len(docs) != 1 {
			t.Fatalf("%s: no document", c.status)
		}
		if k, ty := get(docs[0], "event.kind"), jsonText(get(docs[0], "event.type")); k != c.kind || ty != `["`+c.typ+`"]` {
			t.Errorf("%s in %s: kind %v type %s, want %s [%s]", c.status, filepath.Base(c.key), k, ty, c.kind, c.typ)
		}
		if get(docs[0], "event.action") != c.status {
			t.Errorf("event.action = %v, want %s", get(docs[0], "event.action"), c.status)
		}
	}
}

func compliance(ct string) string {
	return `{"version":"0","id":"e-1","detail-type":"Config Rules Compliance Change","source":"aws.config","account":"123456789012",` +
		`"time":"2026-11-27T10:04:12Z","region":"us-east-1","resources":[],"detail":{"resourceId":"AWS::EC2::Instance/i-0abc",` +
		`"resourceType":"AWS::Config::ResourceCompliance","awsRegion":"us-east-1","awsAccountId":"123456789012","configRuleName":"r",` +
		`"configRuleARN":"arn:aws:config:us-east-1:123456789012:config-rule/config-rule-1","messageType":"ComplianceChangeNotification",` +
		`"newEvaluationResult":{"complianceType":"` + ct + `","resultRecordedTime":"2026-11-27T10:04:11.732Z"}}}`
}

// TestCompliance checks kind and outcome by compliance type, and the
// ResourceCompliance target.
func TestCompliance(t *testing.T) {
	for _, c := range []struct{ ct, kind, outcome string }{
		{"NON_COMPLIANT", "alert", "failure"},
		{"COMPLIANT", "event", "success"},
		{"NOT_APPLICABLE", "event", "unknown"},
		{"INSUFFICIENT_DATA", "event", "unknown"},
	} {
		docs, res := run(t, firehoseKey, compliance(c.ct))
		if len(docs) != 1 {
			t.Fatalf("%s: %v %v", c.ct, res.Counts, res.DeadLetters)
		}
		d := docs[0]
		if get(d, "event.kind") != c.kind || get(d, "event.outcome") != c.outcome {
			t.Errorf("%s: kind %v outcome %v, want %s %s", c.ct, get(d, "event.kind"), get(d, "event.outcome"), c.kind, c.outcome)
		}
		if get(d, "cloud.instance.id") != "i-0abc" || get(d, "user.id") != nil {
			t.Errorf("%s: cloud.instance.id %v user.id %v", c.ct, get(d, "cloud.instance.id"), get(d, "user.id"))
		}
		if get(d, "event.id") != "e-1" || get(d, "rule.id") != "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-1" {
			t.Errorf("%s: event.id %v rule.id %v", c.ct, get(d, "event.id"), get(d, "rule.id"))
		}
	}
	// Each result of a rule on a resource is its own document; the same
	// result read twice is one.
	_, a := run(t, firehoseKey, compliance("NON_COMPLIANT"))
	_, b := run(t, firehoseKey, compliance("NON_COMPLIANT"))
	_, c := run(t, firehoseKey, strings.Replace(compliance("NON_COMPLIANT"), "10:04:11.732Z", "11:04:11.732Z", 1))
	if a.Docs[0].ID != b.Docs[0].ID || a.Docs[0].ID == c.Docs[0].ID {
		t.Errorf("compliance ids: %s %s %s", a.Docs[0].ID, b.Docs[0].ID, c.Docs[0].ID)
	}
}

// TestSameStateOneDocument checks that one captured state read from a
// history file and from a change notification (SNS, Message as text) has
// one document id, and that another capture has another.
func TestSameStateOneDocument(t *testing.T) {
	ci := withConf(`{"groupName":"web"}`)
	msg, _ := json.Marshal(`{"messageType":"ConfigurationItemChangeNotification","notificationCreationTime":"2026-11-27T07:40:03Z","configurationItem":` + ci + `}`)
	sns := `{"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":` + string(msg) + `}`
	hist, _ := run(t, historyKey, `{"fileVersion":"1.0","configurationItems":[`+ci+`]}`)
	docs, res := run(t, "AWSLogs/123456789012/Config/us-east-1/sns/x", sns)
	_, other := run(t, historyKey, strings.Replace(ci, "07:40:02.118Z", "07:40:02.119Z", 1))
	if len(hist) != 1 || len(docs) != 1 {
		t.Fatalf("history %d docs, SNS %v", len(hist), res.DeadLetters)
	}
	h1 := siemtest.Run(t, config.New(), historyKey, []byte(ci)).Docs[0].ID
	if res.Docs[0].ID != h1 || other.Docs[0].ID == h1 {
		t.Errorf("ids: history %s, notification %s, other capture %s", h1, res.Docs[0].ID, other.Docs[0].ID)
	}
	if get(docs[0], "event.kind") != "event" || get(docs[0], "aws.config.sns.message_id") != "m-1" || get(docs[0], "event.created") != "2026-11-27T07:40:03Z" {
		t.Errorf("SNS notification document: %v", docs[0])
	}
}

// TestRelatedIPs checks the addresses read from an instance's
// configuration: sorted, once each, IPv4-mapped addresses unmapped, junk
// ignored.
func TestRelatedIPs(t *testing.T) {
	conf := `{"privateIpAddress":"10.0.0.5","publicIpAddress":"198.51.100.7","privateDnsName":"ip-10-0-0-5.ec2.internal",
	"networkInterfaces":[{"privateIpAddress":"10.0.0.5","association":{"publicIp":"198.51.100.7"},
	"privateIpAddresses":[{"privateIpAddress":"10.0.0.6","association":{"publicIp":"::ffff:198.51.100.8"}},{"privateIpAddress":"not-an-ip"},{"privateIpAddress":42}],
	"ipv6Addresses":[{"ipv6Address":"2600:1f18::1"}]},"junk",null]}`
	in := strings.Replace(strings.Replace(withConf(conf), "AWS::EC2::SecurityGroup", "AWS::EC2::Instance", 1), `"sg-1"`, `"i-0abc"`, 1)
	docs, _ := run(t, historyKey, in)
	if len(docs) != 1 {
		t.Fatal("no document")
	}
	want := `["10.0.0.5","10.0.0.6","198.51.100.7","198.51.100.8","2600:1f18::1"]`
	if got := jsonText(get(docs[0], "related.ip")); got != want {
		t.Errorf("related.ip = %s, want %s", got, want)
	}
	if got := jsonText(get(docs[0], "related.hosts")); got != `["i-0abc","ip-10-0-0-5.ec2.internal"]` {
		t.Errorf("related.hosts = %s", got)
	}
}

// TestNotRecords checks what is excluded and what is dead-lettered.
func TestNotRecords(t *testing.T) {
	for _, c := range []struct {
		name, data, reason string
		excluded           bool
	}{
		{"status", `{"messageType":"ConfigurationSnapshotDeliveryCompleted","s3Bucket":"b","notificationCreationTime":"2026-11-27T10:09:00Z"}`, "", true},
		{"unknown message type", `{"messageType":"SomethingNew"}`, `messageType "SomethingNew"`, false},
		{"other object", `{"hello":"world"}`, "not an AWS Config record", false},
		{"array", `[1]`, "not an AWS Config record: a JSON number", false},
		{"not json", `{"configurationItemStatus":x}`, "not valid JSON", false},
		{"sns message not json", `{"Type":"Notification","Message":"hi there"}`, "Message is not JSON", false},
		{"sns message number", `{"Type":"Notification","Message":7}`, "Message is a JSON number", false},
		{"two items", `{"messageType":"ConfigurationItemChangeNotification","configurationItem":[{},{}]}`, "array of 2 items", false},
		{"item not object", `{"messageType":"ConfigurationItemChangeNotification","configurationItem":"x"}`, "without a configurationItem object", false},
		{"evaluation not object", `{"messageType":"ComplianceChangeNotification","newEvaluationResult":[]}`, "without a newEvaluationResult object", false},
		{"compliance without time", `{"messageType":"ComplianceChangeNotification","newEvaluationResult":{"complianceType":"COMPLIANT"}}`, "resultRecordedTime", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, res := run(t, historyKey, c.data)
			switch {
			case c.excluded:
				if res.Counts.Excluded != 1 || res.Counts.Indexed != 0 {
					t.Errorf("counts %v, want 1 excluded", res.Counts)
				}
			case res.Counts.DeadLettered == 0 || !strings.Contains(res.DeadLetters[0].Reason, c.reason):
				t.Errorf("counts %v dead letters %v, want one saying %q", res.Counts, res.DeadLetters, c.reason)
			}
		})
	}
}

// TestEmailText checks that the e-mail rendering of an oversized change
// notification AWS documents (plain text with a JSON summary in it) is one
// dead letter saying it is no log record, not a document per embedded
// object nor a dead letter per line.
func TestEmailText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_config", "config-oversized-configuration-item-notification-email.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := siemtest.Run(t, config.New(), "AWSLogs/123456789012/Config/us-west-2/2016/10/6/notification.txt", data)
	if res.Counts.Read != 1 || res.Counts.DeadLettered != 1 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want one dead letter", res.Counts, res.Err)
	}
	if dl := res.DeadLetters[0]; !strings.Contains(dl.Reason, "text, not JSON") || !bytes.HasPrefix(dl.Raw, []byte("View the Timeline")) {
		t.Errorf("dead letter %q, raw %.40q", dl.Reason, dl.Raw)
	}
}

// TestWritabilityCheck checks that Config's bucket check file holds no
// events.
func TestWritabilityCheck(t *testing.T) {
	obj := siem.Object{Key: "AWSLogs/123456789012/Config/ConfigWritabilityCheckFile"}
	_, err := config.New().Open(obj, strings.NewReader(""))
	var ne *siem.NotEventsError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v, want a NotEventsError", err)
	}
}

// TestHostile feeds shapes no AWS record has: each gives a document or a
// dead letter, never a crash or an invalid document.
func TestHostile(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200)
	for _, data := range []string{
		withConf(deep),
		withConf(`{"k":"\ud800\udc00\u0000\xff"}`),
		strings.Replace(withConf("1"), `"awsAccountId":"123456789012"`, `"awsAccountId":123`, 1),
		strings.Replace(withConf("1"), `"resourceType":"AWS::EC2::SecurityGroup"`, `"resourceType":{"x":1}`, 1),
		`{"Type":"Notification","Message":"{\"Type\":\"Notification\",\"Message\":\"{}\"}"}`,
		`{"messageType":"ConfigurationItemChangeNotification","configurationItem":{"resourceType":"AWS::EC2::Instance","resourceId":"i-1","configurationItemCaptureTime":"2026-11-27T07:40:02Z","configuration":{"networkInterfaces":"x","privateIpAddress":["1.2.3.4"]},"tags":["a"],"relationships":{"a":1},"relatedEvents":[1,null,"e"]},"configurationItemDiff":{"changedProperties":[]}}`,
	} {
		res := siemtest.Run(t, config.New(), historyKey, []byte(data))
		if res.Counts.Read != 1 || res.Counts.Indexed+res.Counts.DeadLettered != 1 {
			t.Errorf("%.60s: counts %v", data, res.Counts)
		}
		for _, d := range res.Docs {
			if err := config.New().Info().CheckDocument(d.Body); err != nil {
				t.Errorf("%.60s: %v", data, err)
			}
		}
	}
}
