package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// keyFirehose is where a Firehose stream fed by a CloudWatch Logs
// subscription on CloudTrail's log group writes, under a prefix laid out
// like CloudTrail's own. The sample lives at that key under the
// repository's testdata, beside the directly delivered samples.
const keyFirehose = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/10/siem-cloudtrail-cwl-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"

var firehoseSample = filepath.Join(samples, keyFirehose)

// keyDirect is a log file key for the same events delivered directly.
const keyDirect = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Fh0seTw1nD1rect0.json"

// cloudWatchOnly are the fields a document gains from the CloudWatch Logs
// envelope and nothing else: every other field is the event's own, so it
// equals the directly delivered event's. cloud.account.id, cloud.provider
// and event.id are set by the envelope too, but overridden by the event's
// recipientAccountId, "aws" and eventID (every event of the sample has
// them: an event without recipientAccountId and userIdentity.accountId
// would keep the owner, one without eventID the log event id).
var cloudWatchOnly = []string{
	"aws.cloudwatch.log_group",
	"aws.cloudwatch.log_stream",
	"aws.cloudwatch.subscription_filters",
	"event.created",
}

// eventBridgeOnly is the same list for EventBridge: its account, region
// and id are overridden by the event's.
var eventBridgeOnly = []string{
	"aws.eventbridge.detail_type",
	"aws.eventbridge.id",
	"aws.eventbridge.resources",
	"aws.eventbridge.source",
	"aws.eventbridge.version",
}

// firehoseHarness runs the Firehose object (gzip members, each a
// CloudWatch Logs payload of CloudTrail events, a control message among
// them), detected by its key, against its golden file. Rewrite the file
// with SIEMTEST_UPDATE=1.
func firehoseHarness() siemtest.Harness {
	return siemtest.Harness{
		Type: New(),
		// The other built-in types, so that the Firehose key is checked
		// to be detected as CloudTrail alone.
		Others: []siem.LogType{vpcflow.New(), elb.NLB(), elb.ALB(), elb.CLB()},
		Goldens: []siemtest.Golden{{
			Name:     "firehose-cloudwatch-logs",
			Key:      keyFirehose,
			Input:    firehoseSample,
			File:     filepath.Join("testdata", "firehose-cloudwatch-logs.golden"),
			Indexed:  7,
			Excluded: 1,
			Check: func(t *testing.T, res *siemtest.Result) {
				checkIDs(t, res)
				if n := res.Counts.ExcludedByRule[envelope.RuleControlMessage]; n != 1 {
					t.Errorf("excluded by rule %v, want the control message under %s", res.Counts.ExcludedByRule, envelope.RuleControlMessage)
				}
				for _, d := range res.Docs {
					if !strings.HasPrefix(d.ID, "7f0c2a91-") {
						t.Errorf("record %d: id %s, want the event's eventID, not the CloudWatch Logs event id", d.Source.Record, d.ID)
					}
				}
			},
		}},
	}
}

func TestFirehoseGolden(t *testing.T) { firehoseHarness().Test(t) }

// FuzzFirehoseObject runs whole Firehose objects through the pipeline,
// seeded with the sample's payloads.
func FuzzFirehoseObject(f *testing.F) { firehoseHarness().Fuzz(f) }

// firehoseMessages returns the CloudTrail events of the sample's DATA
// payloads, in order, as the source wrote them.
func firehoseMessages(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(firehoseSample)
	if err != nil {
		t.Fatal(err)
	}
	plain, _, err := parser.Decompress(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(plain)
	var msgs []string
	for {
		var p struct {
			MessageType string
			LogEvents   []struct{ Message string }
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if p.MessageType == "DATA_MESSAGE" {
			for _, e := range p.LogEvents {
				msgs = append(msgs, e.Message)
			}
		}
	}
	if len(msgs) != 7 {
		t.Fatalf("%d messages in the sample, want 7", len(msgs))
	}
	return msgs
}

// directObject is a CloudTrail log file holding the events.
func directObject(msgs []string) []byte {
	return []byte(`{"Records":[` + "\n" + strings.Join(msgs, ",\n") + "\n]}\n")
}

// flatten turns a document into its dotted leaves; arrays are leaves.
func flatten(t *testing.T, body []byte) map[string]string {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, c := range m {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, c)
			}
			return
		}
		b, _ := json.Marshal(v)
		out[prefix] = string(b)
	}
	walk("", doc)
	return out
}

// sameAsDirect checks that each enveloped document has the id of a
// directly delivered one and the same fields and values, the
// envelope-only fields aside, which every enveloped document must have
// and no direct one may.
func sameAsDirect(t *testing.T, enveloped, direct *siemtest.Result, envelopeOnly []string) {
	t.Helper()
	if enveloped.Err != nil || direct.Err != nil {
		t.Fatalf("object errors: %v / %v", enveloped.Err, direct.Err)
	}
	byID := map[string]siem.Document{}
	for _, d := range direct.Docs {
		byID[d.ID] = d
	}
	if len(enveloped.Docs) != len(direct.Docs) || len(byID) != len(direct.Docs) {
		t.Fatalf("%d enveloped documents, %d direct ones (%d distinct ids)", len(enveloped.Docs), len(direct.Docs), len(byID))
	}
	for _, e := range enveloped.Docs {
		d, ok := byID[e.ID]
		if !ok {
			t.Errorf("enveloped document %s has no direct twin: the ids differ, so an event delivered both ways would be indexed twice", e.ID)
			continue
		}
		ef, df := flatten(t, e.Body), flatten(t, d.Body)
		for _, f := range envelopeOnly {
			if _, ok := ef[f]; !ok {
				t.Errorf("%s: envelope field %s missing", e.ID, f)
			}
			if _, ok := df[f]; ok {
				t.Errorf("%s: %s is in the direct document too, so it is not the envelope's alone", e.ID, f)
			}
			delete(ef, f)
		}
		fields := slices.Sorted(func(yield func(string) bool) {
			seen := map[string]bool{}
			for _, m := range []map[string]string{ef, df} {
				for k := range m {
					if !seen[k] {
						seen[k] = true
						if !yield(k) {
							return
						}
					}
				}
			}
		})
		for _, f := range fields {
			ev, eok := ef[f]
			dv, dok := df[f]
			switch {
			case !eok:
				t.Errorf("%s: %s = %s directly, absent through the envelope", e.ID, f, dv)
			case !dok:
				t.Errorf("%s: %s = %s through the envelope, absent directly (add it to the envelope-only list if it is the envelope's)", e.ID, f, ev)
			case ev != dv:
				t.Errorf("%s: %s = %s through the envelope, %s directly", e.ID, f, ev, dv)
			}
		}
	}
}

// TestFirehoseMatchesDirectDelivery proves that an event read from the
// Firehose object yields the document its direct delivery yields: the
// same id (eventID), so that an event delivered both ways is indexed
// once, and the same fields and values apart from cloudWatchOnly.
func TestFirehoseMatchesDirectDelivery(t *testing.T) {
	msgs := firehoseMessages(t)
	data, err := os.ReadFile(firehoseSample)
	if err != nil {
		t.Fatal(err)
	}
	enveloped := siemtest.Run(t, New(), keyFirehose, data)
	direct := siemtest.Run(t, New(), keyDirect, directObject(msgs))
	if c := enveloped.Counts; c.Read != 8 || c.Indexed != 7 || c.ExcludedByRule[envelope.RuleControlMessage] != 1 {
		t.Errorf("enveloped counts %v", c)
	}
	if c := direct.Counts; c.Read != 7 || c.Indexed != 7 {
		t.Errorf("direct counts %v", c)
	}
	sameAsDirect(t, enveloped, direct, cloudWatchOnly)
}

// TestEventBridgeMatchesDirectDelivery does the same for the events sent
// by an EventBridge rule ("AWS API Call via CloudTrail" and its kin),
// whose detail is the CloudTrail event as CloudTrail writes it to S3.
func TestEventBridgeMatchesDirectDelivery(t *testing.T) {
	msgs := firehoseMessages(t)
	var b strings.Builder
	for i, m := range msgs {
		var ev struct {
			EventID, EventTime, EventSource, EventType, AWSRegion, RecipientAccountID string
		}
		if err := json.Unmarshal([]byte(m), &ev); err != nil {
			t.Fatal(err)
		}
		detailType := "AWS API Call via CloudTrail"
		if ev.EventType == "AwsConsoleSignIn" {
			detailType = "AWS Console Sign In via CloudTrail"
		}
		source := "aws." + strings.TrimSuffix(ev.EventSource, ".amazonaws.com")
		fmt.Fprintf(&b, `{"version":"0","id":"0d6a6c5e-8b1f-4c2e-9a3d-%012d","detail-type":%q,"source":%q,"account":%q,"time":%q,"region":%q,"resources":[],"detail":%s}`+"\n",
			i, detailType, source, ev.RecipientAccountID, ev.EventTime, ev.AWSRegion, m)
	}
	key := "AWSLogs/123456789012/CloudTrail/eventbridge/2026/11/27/10/siem-cloudtrail-eb-1-2026-11-27-10-05-00-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	enveloped := siemtest.Run(t, New(), key, []byte(b.String()))
	direct := siemtest.Run(t, New(), keyDirect, directObject(msgs))
	if c := enveloped.Counts; c.Read != 7 || c.Indexed != 7 {
		t.Errorf("enveloped counts %v", c)
	}
	// resources is empty in these envelopes, so it is absent.
	sameAsDirect(t, enveloped, direct, slices.DeleteFunc(slices.Clone(eventBridgeOnly), func(f string) bool { return f == "aws.eventbridge.resources" }))
	for _, d := range enveloped.Docs {
		if !reflect.DeepEqual(flatten(t, d.Body)["aws.eventbridge.version"], `"0"`) {
			t.Errorf("%s: no aws.eventbridge.version", d.ID)
		}
	}
}

// TestDirectDeliveryIsNoEnvelope checks that a log file, and events one
// per line, are not taken for an envelope.
func TestDirectDeliveryIsNoEnvelope(t *testing.T) {
	msgs := firehoseMessages(t)
	for name, head := range map[string][]byte{
		"log file":       directObject(msgs),
		"one per line":   []byte(strings.Join(msgs, "\n")),
		"bundled sample": mustGunzip(t, filepath.Join(samples, keyRecords)),
	} {
		for _, env := range New().Info().Envelopes {
			if env.Sniff(keyRecords, head[:min(len(head), siem.SniffBytes)]) {
				t.Errorf("%s: taken for the %s envelope", name, env.Name())
			}
		}
	}
}

func mustGunzip(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := parser.Decompress(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

// discardSink counts what it is given and keeps nothing.
type discardSink struct{ dead int }

func (discardSink) Write(context.Context, []siem.Document) (siem.WriteResult, error) {
	return siem.WriteResult{}, nil
}

func (d *discardSink) DeadLetter(context.Context, siem.DeadLetter) error { d.dead++; return nil }

// BenchmarkDelivery measures whole objects of the same events, from gzip
// bytes to documents: a log file delivered directly, and what Firehose
// writes from a CloudWatch Logs subscription (gzip members of 50 events).
// SetBytes is the log file's uncompressed size in both, so MB/s compare.
func BenchmarkDelivery(b *testing.B) {
	file := samplegen.CloudTrail(5000)
	r := parser.NewJSONRecordsReader(bytes.NewReader(file), "Records", parser.JSONOptions{})
	var events [][]byte
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		events = append(events, bytes.Clone(rec.Data))
	}
	var firehose bytes.Buffer
	for i := 0; i < len(events); i += 50 {
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
		}{"DATA_MESSAGE", "123456789012", "aws-cloudtrail-logs", "123456789012_CloudTrail_us-east-1", []string{"to-firehose"}, nil}
		for j, e := range events[i:min(i+50, len(events))] {
			p.LogEvents = append(p.LogEvents, event{fmt.Sprintf("%056d", i+j), 1795773900000 + int64(i+j), string(e)})
		}
		payload, _ := json.Marshal(p)
		zw := gzip.NewWriter(&firehose)
		zw.Write(payload)
		zw.Close()
	}
	var direct bytes.Buffer
	zw := gzip.NewWriter(&direct)
	zw.Write(file)
	zw.Close()
	for _, bc := range []struct {
		name, key string
		data      []byte
	}{
		{"direct", keyRecords, direct.Bytes()},
		{"firehose-cloudwatch-logs", keyFirehose, firehose.Bytes()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			sink := &discardSink{}
			p, err := siem.NewPipeline(siem.Options{Sink: sink, DeadLetters: sink})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			var records int64
			for b.Loop() {
				c, err := p.ProcessAs(context.Background(), New(), siem.Object{Key: bc.key}, bytes.NewReader(bc.data))
				if err != nil || c.Indexed != int64(len(events)) || sink.dead > 0 {
					b.Fatalf("%v %v", err, c)
				}
				records += c.Indexed
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
