package envelope_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// fuzzEnvelope reads data in env and checks what every reader promises:
// no panic; records and errors numbered 1, 2, 3... in order; every record
// carries a Delivery of env, whose mapping is valid ECS; every error has
// a reason and at most MaxErrorRawBytes of raw bytes; the reader ends.
func fuzzEnvelope(t *testing.T, env siem.Envelope, key string, data []byte, check func(t *testing.T, rec parser.Record)) {
	env.Sniff(key, data[:min(len(data), siem.SniffBytes)])
	r, err := env.Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		if siem.IsNotEvents(err) {
			return
		}
		t.Fatalf("Open: %v", err)
	}
	var ev ecs.Event
	var n int64
	for range len(data) + 10 {
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		n++
		if re, ok := parser.AsRecordError(err); ok {
			if re.Number != n || re.Reason == "" || len(re.Raw) > envelope.MaxErrorRawBytes {
				t.Fatalf("record error %d: number %d, reason %q, %d raw bytes", n, re.Number, re.Reason, len(re.Raw))
			}
			continue
		}
		if err != nil {
			t.Fatalf("stream error on a bytes.Reader: %v", err)
		}
		if rec.Number != n {
			t.Fatalf("record %d numbered %d", n, rec.Number)
		}
		d := rec.Delivery
		if d == nil || d.Envelope != env.Name() {
			t.Fatalf("record %d without the envelope's delivery: %+v", n, d)
		}
		if check != nil {
			check(t, rec)
		}
		ev.Reset()
		env.Map(d, &ev)
		ev.Date("@timestamp", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
		if err := ev.Err(); err != nil {
			t.Fatalf("record %d: Map built an invalid event: %v", n, err)
		}
		doc := ev.AppendJSON(nil)
		if err := ecs.Validate(doc, env.Vendor().Namespace); err != nil {
			t.Fatalf("record %d: %v\n%s", n, err, doc)
		}
	}
	t.Fatalf("the reader yields more items than the %d bytes can hold", len(data))
}

func FuzzCloudWatchLogs(f *testing.F) {
	for _, s := range []string{
		payload("DATA_MESSAGE", 1, "a", `{"json":"in \"a\" message"}`) + payload("CONTROL_MESSAGE", 3, controlText),
		payload("CONTROL_MESSAGE", 1, controlText),
		`{"messageType":"CONTROL_MESSAGE","logEvents":[]}`,
		`{"messageType":"DATA_MESSAGE","logEvents":[{"id":1,"timestamp":1e300,"message":"\ud800\u00"}]}`,
		`{"messageType":"DATA_MESSAGE","logEvents":[{}, null, 3, {"message":7}]}{"logEvents":[`,
		`{"attemptsMade":1,"errorCode":"x","rawData":"eA=="}` + "\n[]\nnull\n\"s\"",
		`{"owner":"\u0000","logGroup":["x"],"subscriptionFilters":[1,"",null],"logEvents":[{"timestamp":-1,"message":""}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzEnvelope(t, envelope.CloudWatchLogs(), "k", data, func(t *testing.T, rec parser.Record) {
			m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta)
			if !ok {
				t.Fatalf("meta %T", rec.Delivery.Meta)
			}
			control := m.MessageType == "CONTROL_MESSAGE"
			if control != (rec.Delivery.Exclude == envelope.RuleControlMessage) || (!control && rec.Delivery.Exclude != "") {
				t.Fatalf("message type %q, exclude %q: control messages, and only they, are excluded", m.MessageType, rec.Delivery.Exclude)
			}
		})
	})
}

func FuzzEventBridge(f *testing.F) {
	for _, s := range []string{
		guardDutyEvent + "\n" + guardDutyEvent,
		`{"detail-type":"x","detail":{"a":[{"b":"}]"}]},"resources":["a",{"b":1}],"time":"2026-13-01T00:00:00Z"}`,
		`{"detail":{]}`,
		`{"detail-type":"\u0000","id":"\ud800","detail":{}}{"detail":[]}`,
		`{"attemptsMade":1,"rawData":"eA=="}`,
		`{"a" "b"}{"c":}{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzEnvelope(t, envelope.EventBridge(), "k", data, func(t *testing.T, rec parser.Record) {
			if len(rec.Data) < 2 || rec.Data[0] != '{' || rec.Data[len(rec.Data)-1] != '}' || !bytes.Contains(data, rec.Data) {
				t.Fatalf("detail %q is not an object span of the input", rec.Data)
			}
			if _, ok := rec.Delivery.Meta.(*envelope.EventBridgeMeta); !ok {
				t.Fatalf("meta %T", rec.Delivery.Meta)
			}
		})
	})
}

func FuzzCloudWatchLogsExport(f *testing.F) {
	for _, s := range []string{
		"2026-11-27T10:05:00.123Z a\n  b\n\n2026-11-27T10:05:01Z c\r\n",
		"orphan\n2026-11-27T10:05:00.1234567891Z x",
		"2026-02-30T10:05:00.000Z x\n9999-12-31T23:59:59.999999999Z y\n0000-01-01T00:00:00Z z",
		"\xef\xbb\xbf2026-11-27T10:05:00.000Z\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzEnvelope(t, envelope.CloudWatchLogsExport(), exportKey, data, nil)
	})
}

func FuzzFireLens(f *testing.F) {
	for _, s := range []string{
		flLine("a", "stdout", "x") + partial("a", "p", "1", 1, false) + partial("a", "q", "1", 2, true),
		partial("a", "p", "1", 2, false) + partial("b", "q", "2", 1, false) + `{"log":"x","partial_message":true,"partial_ordinal":1,"partial_last":true}`,
		`{"log":"x","container_id":"c","time":-1}` + "\n" + `{"log":"y","date":1e400}` + "\n" + `{"log":1}`,
		`{"log":"x","ecs_task_arn":"arn:aws:ecs:r:a:task/x","ecs_cluster":["x"]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzEnvelope(t, envelope.FireLens(), "k", data, func(t *testing.T, rec parser.Record) {
			if _, ok := rec.Delivery.Meta.(*envelope.FireLensMeta); !ok {
				t.Fatalf("meta %T", rec.Delivery.Meta)
			}
		})
	})
}
