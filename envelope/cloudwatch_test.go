package envelope_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/siemtest"
)

// payload builds a CloudWatch Logs subscription payload with the given
// messages, ids "<first+i>" and timestamps 1795860000000+i.
func payload(messageType string, first int, msgs ...string) string {
	type event struct {
		ID        string `json:"id"`
		Timestamp int64  `json:"timestamp"`
		Message   string `json:"message"`
	}
	p := struct {
		MessageType         string   `json:"messageType"`
		Owner               string   `json:"owner"`
		LogGroup            string   `json:"logGroup"`
		LogStream           string   `json:"logStream"`
		SubscriptionFilters []string `json:"subscriptionFilters"`
		LogEvents           []event  `json:"logEvents"`
	}{messageType, "123456789012", "/app/web", "web-1", []string{"to-firehose"}, []event{}}
	if messageType == "CONTROL_MESSAGE" {
		p.Owner, p.LogGroup, p.LogStream = "CloudwatchLogs", "", ""
	}
	for i, m := range msgs {
		p.LogEvents = append(p.LogEvents, event{fmt.Sprintf("%056d", first+i), 1795860000000 + int64(first+i), m})
	}
	b, _ := json.Marshal(p)
	return string(b)
}

const controlText = "CWL CONTROL MESSAGE: Checking health of destination Firehose."

func TestCloudWatchLogsConformanceSample(t *testing.T) {
	for _, name := range []string{"cwl-subscription-kinesis-decoded.json", "cwl-subscription-lambda-decoded.json"} {
		t.Run(name, func(t *testing.T) {
			data := sharedFile(t, "raw/aws_cloudwatch_logs_subscription/"+name)
			if !envelope.CloudWatchLogs().Sniff("x", data) {
				t.Fatal("not sniffed")
			}
			g := read(t, envelope.CloudWatchLogs(), "x", data)
			if len(g.errs) > 0 || len(g.recs) != 3 {
				t.Fatalf("got %d records, errors %v", len(g.recs), g.reasons())
			}
			checkNumbers(t, g)
			want := `{"eventVersion":"1.03","userIdentity":{"type":"Root"}`
			for i, r := range g.recs {
				if string(r.Data) != want {
					t.Errorf("record %d: %q", i, r.Data)
				}
				d := r.Delivery
				if d.Envelope != "cloudwatch-logs" || d.ID != fmt.Sprintf("31953106606966983378809025079804211143289615424298221%d", 568+i) || !d.Time.Equal(ms(1432826855000)) {
					t.Errorf("record %d: delivery %+v", i, d)
				}
				if d.Meta != g.recs[0].Delivery.Meta {
					t.Error("the messages of one payload do not share their metadata")
				}
			}
			m := g.recs[0].Delivery.Meta.(*envelope.CloudWatchLogsMeta)
			if m.LogStream == "" || m.LogGroup == "" || m.Owner == "" || !reflect.DeepEqual(m.SubscriptionFilters, []string{"Destination"}) || m.MessageType != "DATA_MESSAGE" {
				t.Errorf("meta %+v", m)
			}
		})
	}
}

func TestCloudWatchLogsMessagesUnescapedExactly(t *testing.T) {
	msgs := []string{
		`{"a":"b \"quoted\" \\ back"}`,
		"line one\nline two\ttabbed\r\n",
		"caf\u00e9 \U0001F600 \u2028 </script>",
		"",
		" leading and trailing spaces ",
	}
	g := read(t, envelope.CloudWatchLogs(), "k", []byte(payload("DATA_MESSAGE", 1, msgs...)))
	if !reflect.DeepEqual(g.data(), msgs) {
		t.Fatalf("data %q, want %q", g.data(), msgs)
	}
	// Escapes written out by hand, as other encoders do.
	raw := `{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"g","logStream":"s","subscriptionFilters":[],"logEvents":[` +
		`{"id":"1","timestamp":1,"message":"\u0041\u00e9\ud83d\ude00\/\b\f"}]}`
	g = read(t, envelope.CloudWatchLogs(), "k", []byte(raw))
	if got := g.data(); len(got) != 1 || got[0] != "A\u00e9\U0001F600/\b\f" {
		t.Fatalf("data %q", got)
	}
}

func TestCloudWatchLogsConcatenatedPayloads(t *testing.T) {
	p1 := payload("DATA_MESSAGE", 1, "a", "b")
	ctl := payload("CONTROL_MESSAGE", 3, controlText)
	p2 := payload("DATA_MESSAGE", 4, "c")
	for name, data := range map[string][]byte{
		"back to back":      []byte(p1 + ctl + p2),
		"newlines":          []byte(p1 + "\n" + ctl + "\r\n\n" + p2 + "\n"),
		"gzip members":      gz(p1, ctl, p2),
		"gzip over members": gz(string(gz(p1, ctl, p2))),
	} {
		t.Run(name, func(t *testing.T) {
			res := runPipeline(t, envelope.CloudWatchLogs(), "firehose/2026/11/27/10/stream-1-2026-11-27-10-05-00-uuid", data)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			c := res.Counts
			if c.Read != 4 || c.Indexed != 3 || c.ExcludedByRule[envelope.RuleControlMessage] != 1 || c.DeadLettered != 0 {
				t.Fatalf("counts %v", c)
			}
			var msgs, ids []string
			for _, d := range res.Docs {
				var doc struct {
					Message string
					Event   struct{ ID, Created string }
					Cloud   struct {
						Provider string
						Account  struct{ ID string }
					}
					AWS struct {
						CloudWatch struct {
							LogGroup            string   `json:"log_group"`
							LogStream           string   `json:"log_stream"`
							SubscriptionFilters []string `json:"subscription_filters"`
						}
					}
				}
				if err := json.Unmarshal(d.Body, &doc); err != nil {
					t.Fatal(err)
				}
				msgs = append(msgs, doc.Message)
				ids = append(ids, d.ID)
				cw := doc.AWS.CloudWatch
				if d.ID != doc.Event.ID || doc.Cloud.Provider != "aws" || doc.Cloud.Account.ID != "123456789012" ||
					cw.LogGroup != "/app/web" || cw.LogStream != "web-1" || !reflect.DeepEqual(cw.SubscriptionFilters, []string{"to-firehose"}) {
					t.Errorf("document %s:\n%s", d.ID, d.Body)
				}
				if !strings.HasPrefix(doc.Event.Created, "2026-11-28T") {
					t.Errorf("event.created %q, want the event timestamp", doc.Event.Created)
				}
			}
			if !reflect.DeepEqual(msgs, []string{"a", "b", "c"}) {
				t.Errorf("messages %q", msgs)
			}
			if ids[0] != fmt.Sprintf("%056d", 1) || ids[2] != fmt.Sprintf("%056d", 4) {
				t.Errorf("ids %q: the log event id is the document id", ids)
			}
			// Record numbers count every event, the excluded one too.
			if res.Docs[2].Source.Record != 4 {
				t.Errorf("record numbers: %d", res.Docs[2].Source.Record)
			}
		})
	}
}

func TestCloudWatchLogsControlMessages(t *testing.T) {
	// One excluded record per event, and one for a health check without
	// events, so that every control message is counted.
	empty := `{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[]}`
	noMsg := `{"messageType":"CONTROL_MESSAGE","logEvents":[{"id":"","timestamp":1}]}`
	g := read(t, envelope.CloudWatchLogs(), "k", []byte(payload("CONTROL_MESSAGE", 1, controlText, controlText)+empty+noMsg))
	if len(g.errs) != 0 || len(g.recs) != 4 {
		t.Fatalf("records %d, errors %q", len(g.recs), g.reasons())
	}
	checkNumbers(t, g)
	for _, r := range g.recs {
		if r.Delivery.Exclude != envelope.RuleControlMessage {
			t.Errorf("record %d not excluded: %+v", r.Number, r.Delivery)
		}
	}
	res := runPipeline(t, envelope.CloudWatchLogs(), "k", []byte(payload("CONTROL_MESSAGE", 1, controlText)+empty))
	if c := res.Counts; c.Read != 2 || c.Excluded != 2 || c.ExcludedByRule[envelope.RuleControlMessage] != 2 {
		t.Errorf("counts %v", c)
	}
}

func TestCloudWatchLogsBrokenPayloads(t *testing.T) {
	good := payload("DATA_MESSAGE", 1, "first")
	after := payload("DATA_MESSAGE", 9, "last")
	firehoseErr := `{"attemptsMade":4,"arrivalTimestamp":1795860000000,"errorCode":"Lambda.FunctionError","errorMessage":"The Lambda function was successfully invoked but it returned an error result.","attemptEndingTimestamp":1795860060000,"rawData":"H4sIAAAAAAAA","lambdaArn":"arn:aws:lambda:us-east-1:123456789012:function:transform:$LATEST"}`
	cases := []struct {
		name, input string
		reason      string
	}{
		{"not JSON", `{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","message":oops}]}`, "CloudWatch Logs payload is not valid JSON"},
		{"no logEvents", `{"messageType":"DATA_MESSAGE","owner":"1"}`, "has no logEvents member"},
		{"logEvents not an array", `{"messageType":"DATA_MESSAGE","logEvents":{"id":"1"}}`, "logEvents is a JSON object, not an array"},
		{"array", `[1,2]`, "not a CloudWatch Logs payload: a JSON array"},
		{"event without message", `{"messageType":"DATA_MESSAGE","logEvents":[{"id":"77","timestamp":5}]}`, "log event 1 of the CloudWatch Logs payload has no message"},
		{"message not a string", `{"messageType":"DATA_MESSAGE","logEvents":[{"id":"77","message":{"a":1}}]}`, "message that is a JSON object, not a string"},
		{"firehose error record", firehoseErr, `Firehose error record, not a CloudWatch Logs payload`},
		{"garbage", "this is not json\n", "CloudWatch Logs payload: not JSON"},
		{"truncated", `{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","message":"cut`, "CloudWatch Logs payload: "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sep := "\n"
			input := good + sep + tc.input + sep + after
			g := read(t, envelope.CloudWatchLogs(), "k", []byte(input))
			checkNumbers(t, g)
			if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, tc.reason) {
				t.Fatalf("errors %q, want one containing %q", g.reasons(), tc.reason)
			}
			e := g.errs[0]
			if e.Number != 2 || e.Line != 2 || e.Offset != int64(len(good)+1) {
				t.Errorf("error position: number %d line %d offset %d", e.Number, e.Line, e.Offset)
			}
			if len(e.Raw) == 0 || !strings.Contains(input, string(bytes.TrimSpace(e.Raw))) && !strings.Contains(tc.name, "without") && !strings.Contains(tc.name, "not a string") {
				t.Errorf("raw %q", e.Raw)
			}
			last := g.recs[len(g.recs)-1]
			if string(last.Data) != "last" {
				t.Errorf("reading did not go on after the broken payload: %q", g.data())
			}
		})
	}
	fh := envelope.CloudWatchLogs().Sniff("processing-failed/2026/11/27/x", []byte(firehoseErr))
	if !fh {
		t.Error("a Firehose error object is not sniffed, so it would reach the log type")
	}
	g := read(t, envelope.CloudWatchLogs(), "k", []byte(firehoseErr))
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, `errorCode "Lambda.FunctionError"`) || !strings.Contains(g.errs[0].Reason, "attemptsMade 4") {
		t.Errorf("firehose error: %q", g.reasons())
	}
}

func TestCloudWatchLogsPayloadLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a payload over the 8 MiB limit")
	}
	big := payload("DATA_MESSAGE", 1, strings.Repeat("x", envelope.MaxPayloadBytes))
	g := read(t, envelope.CloudWatchLogs(), "k", []byte(big+payload("DATA_MESSAGE", 2, "after")))
	checkNumbers(t, g)
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, "longer than") {
		t.Fatalf("errors %q", g.reasons())
	}
	if e := g.errs[0]; len(e.Raw) != envelope.MaxErrorRawBytes || e.Size < int64(envelope.MaxErrorRawBytes) {
		t.Errorf("raw %d bytes, size %d: the raw bytes are cut to MaxErrorRawBytes", len(e.Raw), e.Size)
	}
	if !reflect.DeepEqual(g.data(), []string{"after"}) {
		t.Errorf("data %q", g.data())
	}
}

func TestCloudWatchLogsSniff(t *testing.T) {
	cwl := envelope.CloudWatchLogs()
	for _, tc := range []struct {
		name string
		head string
		want bool
	}{
		{"payload", payload("DATA_MESSAGE", 1, "x"), true},
		{"pretty with BOM", "\xef\xbb\xbf\n  {\n  \"owner\": \"1\",\n  \"logGroup\": \"g\",\n  \"logStream\": \"s\"", true},
		{"cut head", `{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"` + strings.Repeat("g", 5000), true},
		{"CloudTrail file", `{"Records":[{"eventVersion":"1.08","requestParameters":{"logGroup":"x","logEvents":[]}}]}`, false},
		{"CloudTrail line", `{"eventVersion":"1.08","requestParameters":{"messageType":"x","logGroup":"g"}}`, false},
		{"logGroup alone", `{"logGroup":"g","message":"x"}`, false},
		{"EventBridge", `{"version":"0","id":"1","detail-type":"x","source":"aws.x","detail":{"logGroup":"g"}}`, false},
		{"text", "2026-11-27T10:00:00.000Z hello\n", false},
		{"empty", "", false},
		{"array", `[{"messageType":"DATA_MESSAGE"}]`, false},
	} {
		if got := cwl.Sniff("AWSLogs/1/CloudTrail/x", []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCloudWatchLogsSharesMetaPerPayload(t *testing.T) {
	g := read(t, envelope.CloudWatchLogs(), "k", []byte(payload("DATA_MESSAGE", 1, "a", "b")+payload("DATA_MESSAGE", 3, "c")))
	if len(g.recs) != 3 {
		t.Fatal(g.reasons())
	}
	if g.recs[0].Delivery.Meta != g.recs[1].Delivery.Meta || g.recs[1].Delivery.Meta == g.recs[2].Delivery.Meta {
		t.Error("metadata is not shared per payload")
	}
	if g.recs[0].Delivery == g.recs[1].Delivery {
		t.Error("deliveries of two events are one")
	}
}

// TestCloudWatchLogsFollowsElastic rebuilds the subscription payload
// behind Elastic's Firehose fixture (aws_firehose_envelope: a CloudTrail
// event delivered through CloudWatch Logs) and compares the envelope's
// fields with Elastic's expected document. Elastic's other fields come
// from Firehose's HTTP headers, which an S3 object does not have
// (aws.firehose.*, aws.kinesis.*, cloud.region) or are Elastic's routing
// (data_stream.*); see the package documentation.
func TestCloudWatchLogsFollowsElastic(t *testing.T) {
	dir := "elastic-package/aws_firehose_envelope/"
	var input struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(sharedFile(t, dir+"test-cloudtrail.json"), &input); err != nil {
		t.Fatal(err)
	}
	expected, err := siemtest.ParseExpected(sharedFile(t, dir+"test-cloudtrail.json-expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var obj strings.Builder
	for _, e := range input.Events {
		str := func(k string) string { s, _ := e[k].(string); return s }
		filters := strings.Split(strings.Trim(str("aws.firehose.subscription_filters"), "[]"), ", ")
		p := map[string]any{
			"messageType": "DATA_MESSAGE", "owner": str("cloud.account.id"),
			"logGroup": str("aws.cloudwatch.log_group"), "logStream": str("aws.cloudwatch.log_stream"),
			"subscriptionFilters": filters,
			"logEvents":           []map[string]any{{"id": str("event.id"), "timestamp": 1690318875000, "message": str("message")}},
		}
		b, _ := json.Marshal(p)
		obj.Write(b)
	}
	res := runPipeline(t, envelope.CloudWatchLogs(), "k", gz(obj.String()))
	fields := []string{"aws.cloudwatch.log_group", "aws.cloudwatch.log_stream", "cloud.account.id", "cloud.provider", "event.id", "message"}
	report := siemtest.Compare(res.Docs, expected, fields, nil)
	t.Log(report.Summary())
	if err := report.Err(); err != nil {
		t.Error(err)
	}
	if report.Compared < len(fields) {
		t.Errorf("compared %d values, want at least %d", report.Compared, len(fields))
	}
}
