package awssource

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDecodeShapes(t *testing.T) {
	put := ObjectRef{
		Bucket:    "example-logs",
		Key:       "AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/10/file name=1.json.gz",
		Size:      1024,
		ETag:      "d41d8cd98f00b204e9800998ecf8427e",
		VersionID: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH",
		Sequencer: "0066B1C2D3E4F50617",
		EventName: "ObjectCreated:Put",
		EventTime: mustTime(t, "2024-01-10T12:05:00.123Z"),
	}
	multipart := put
	multipart.Key = "sns/path/app+log.txt"
	multipart.Size = 77
	multipart.ETag = "abc123"
	multipart.EventName = "ObjectCreated:CompleteMultipartUpload"
	eb := ObjectRef{
		Bucket:    "example-logs",
		Key:       "vpc/flow logs/2024/01/10/a+b.log.gz", // EventBridge keys are not encoded
		Size:      5576,
		ETag:      "b1946ac92492d2347c6235b4d2611184",
		VersionID: "Wq7.tNc2LrV8mHbX4eKpZ1sJ0aDfGy3u",
		Sequencer: "0066B1C2D3E4F50700",
		EventName: "Object Created:PutObject",
		EventTime: mustTime(t, "2024-01-10T12:05:01Z"),
	}
	type want struct {
		id      string
		source  Source
		objects []ObjectRef
		skipped string
		errHas  string // "" means no error
	}
	tests := []struct {
		file string
		want []want
	}{
		{"s3_put.json", []want{{source: SourceS3, objects: []ObjectRef{put}}}},
		{"s3_test_event.json", []want{{source: SourceS3, skipped: "s3:TestEvent"}}},
		{"s3_delete.json", []want{{source: SourceS3, skipped: "ObjectRemoved:Delete ignored"}}},
		{"eventbridge.json", []want{{source: SourceEventBridge, objects: []ObjectRef{eb}}}},
		{"sns.json", []want{{source: SourceSNS, objects: []ObjectRef{multipart}}}},
		{"sqs_test_event.json", []want{{id: "msg-1", source: SourceSQS, skipped: "s3:TestEvent"}}},
		{"sqs_sns_raw.json", []want{{id: "msg-7", source: SourceSQS, objects: []ObjectRef{multipart}}}},
		{"sqs_three.json", []want{
			{id: "msg-1", source: SourceSQS, objects: []ObjectRef{put}},
			{id: "msg-2", source: SourceSQS, objects: []ObjectRef{multipart}},
			{id: "msg-3", source: SourceSQS, objects: []ObjectRef{eb}},
		}},
		{"sqs_malformed.json", []want{
			{id: "msg-1", source: SourceSQS, objects: []ObjectRef{put}},
			{id: "msg-2", source: SourceSQS, errHas: `SQS message "msg-2": the body is not JSON`},
			{id: "msg-3", source: SourceSQS, objects: []ObjectRef{eb}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			msgs, err := Decode(payload)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(msgs) != len(tt.want) {
				t.Fatalf("got %d messages, want %d: %+v", len(msgs), len(tt.want), msgs)
			}
			for i, w := range tt.want {
				m := msgs[i]
				if m.ID != w.id || m.Source != w.source || m.Skipped != w.skipped {
					t.Errorf("message %d: got id %q source %v skipped %q, want %q %v %q", i, m.ID, m.Source, m.Skipped, w.id, w.source, w.skipped)
				}
				if !reflect.DeepEqual(m.Objects, w.objects) {
					t.Errorf("message %d objects:\n got %+v\nwant %+v", i, m.Objects, w.objects)
				}
				switch {
				case w.errHas == "" && m.Err != nil:
					t.Errorf("message %d: unexpected error %v", i, m.Err)
				case w.errHas != "" && (m.Err == nil || !strings.Contains(m.Err.Error(), w.errHas)):
					t.Errorf("message %d: error %v, want one containing %q", i, m.Err, w.errHas)
				case w.errHas != "" && Classify(m.Err) != Permanent:
					t.Errorf("message %d: Classify(Err) = %v, want permanent", i, Classify(m.Err))
				}
			}
		})
	}
}

func TestDecodeBodies(t *testing.T) {
	sqs := func(body string) string {
		return `{"Records":[{"messageId":"m1","eventSource":"aws:sqs","body":` + jsonString(body) + `}]}`
	}
	tests := []struct {
		name    string
		payload string
		keys    []string
		skipped string
		errHas  string
	}{
		{"bad key escape", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"a%zz"}}}]}`, nil, "", "not URL-encoded"},
		{"no bucket", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"object":{"key":"k"}}}]}`, nil, "", "no s3.bucket.name"},
		{"no event name", `{"Records":[{"eventSource":"aws:s3","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}`, nil, "", "no eventName"},
		{"mixed created and removed", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"x"}}},{"eventSource":"aws:s3","eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},"object":{"key":"y%2Fz"}}}]}`, []string{"y/z"}, "", ""},
		{"good record beside a bad one", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"a%zz"}}},{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"ok+1"}}}]}`, []string{"ok 1"}, "", "S3 record 0: s3://b/a%zz: the key is not URL-encoded"},
		{"two skips", `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectRestore:Completed","s3":{"bucket":{"name":"b"},"object":{"key":"x"}}},{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"x"}}},{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"z"}}}]}`, nil, "ObjectRestore:Completed ignored; ObjectRemoved:Delete ignored", ""},
		{"eventbridge deleted", `{"source":"aws.s3","detail-type":"Object Deleted","detail":{"bucket":{"name":"b"},"object":{"key":"k"}}}`, nil, "Object Deleted ignored", ""},
		{"sqs body array", sqs(`[1,2]`), nil, "", "not an object"},
		{"sqs body unknown", sqs(`{"hello":"world"}`), nil, "", "none of the supported shapes"},
		{"sqs sns without message", sqs(`{"Type":"Notification","MessageId":"x"}`), nil, "", "no string Message"},
		{"sqs sns test event", sqs(`{"Type":"Notification","MessageId":"x","Message":"{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"}`), nil, "s3:TestEvent", ""},
		{"sqs no body", `{"Records":[{"messageId":"m1","eventSource":"aws:sqs"}]}`, nil, "", "no string body"},
		{"sqs no id", `{"Records":[{"eventSource":"aws:sqs","body":"{}"}]}`, nil, "", "no messageId"},
		{"split bad span", sqs(`{"siem_split":{"bucket":"b","key":"k","first":5,"last":2}}`), nil, "", "not a span"},
		{"split no last", sqs(`{"siem_split":{"bucket":"b","key":"k","first":5}}`), nil, "", `"last" is missing`},
		{"split inside sns", sqs(`{"Type":"Notification","Message":"{\"siem_split\":{\"bucket\":\"b\",\"key\":\"k\",\"first\":1,\"last\":2}}"}`), nil, "", "only valid as the body of an SQS message"},
		{"nesting bomb", sqs(`{"Type":"Notification","Message":"{\"Type\":\"Notification\",\"Message\":\"{\\\"Type\\\":\\\"Notification\\\",\\\"Message\\\":\\\"{}\\\"}\"}"}`), nil, "", "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := Decode([]byte(tt.payload))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(msgs) != 1 {
				t.Fatalf("got %d messages, want 1", len(msgs))
			}
			m := msgs[0]
			var keys []string
			for _, o := range m.Objects {
				keys = append(keys, o.Key)
			}
			if !reflect.DeepEqual(keys, tt.keys) || m.Skipped != tt.skipped {
				t.Errorf("got keys %q skipped %q, want %q %q", keys, m.Skipped, tt.keys, tt.skipped)
			}
			if tt.errHas == "" && m.Err != nil {
				t.Errorf("unexpected error %v", m.Err)
			}
			if tt.errHas != "" && (m.Err == nil || !strings.Contains(m.Err.Error(), tt.errHas)) {
				t.Errorf("error %v, want one containing %q", m.Err, tt.errHas)
			}
		})
	}
}

func TestDecodeRejectsOtherPayloads(t *testing.T) {
	long := `{"detail-type":"Object Created","source":"aws.ec2","detail":{},"pad":"` + strings.Repeat("x", 300) + `"}`
	tests := []struct {
		name, payload, errHas string
	}{
		{"not json", `hello`, "not JSON"},
		{"array", `[{"Records":[]}]`, "not an event object"},
		{"records not array", `{"Records":{}}`, "not an array"},
		{"empty records", `{"Records":[]}`, "empty \"Records\""},
		{"kinesis", `{"Records":[{"eventSource":"aws:kinesis"}]}`, `eventSource "aws:kinesis"`},
		{"other eventbridge source", long, `none of the supported events`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := Decode([]byte(tt.payload))
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("got %v, %v; want an error containing %q", msgs, err, tt.errHas)
			}
			if len(err.Error()) > 600 {
				t.Errorf("error quotes too much of the payload (%d bytes): %v", len(err.Error()), err)
			}
		})
	}
}

func TestSplitRoundTrip(t *testing.T) {
	refs := []ObjectRef{
		{Bucket: "b", Key: "dir/file name+1 \"quoted\"\n.json.gz", VersionID: "v1", ETag: "e1", Size: 123456, First: 1, Last: 5000},
		{Bucket: "b", Key: "plain", First: 5001, Last: 5001},
	}
	for _, ref := range refs {
		body := string(MarshalSplit(ref))
		msgs, err := Decode([]byte(`{"Records":[{"messageId":"s1","eventSource":"aws:sqs","body":` + jsonString(body) + `}]}`))
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		if len(msgs) != 1 || msgs[0].Err != nil || len(msgs[0].Objects) != 1 {
			t.Fatalf("split %s: got %+v", body, msgs)
		}
		if got := msgs[0].Objects[0]; got != ref {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", body, got, ref)
		}
	}
	want := `{"siem_split":{"bucket":"b","key":"plain","first":5001,"last":5001}}`
	if got := string(MarshalSplit(refs[1])); got != want {
		t.Errorf("MarshalSplit = %s, want %s", got, want)
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{SourceS3.String(), "s3"},
		{SourceSQS.String(), "sqs"},
		{SourceSNS.String(), "sns"},
		{SourceEventBridge.String(), "eventbridge"},
		{Source(9).String(), "source(9)"},
		{ObjectRef{Bucket: "b", Key: "k/x"}.String(), "s3://b/k/x"},
		{ObjectRef{Bucket: "b", Key: "k", First: 1, Last: 10}.String(), "s3://b/k records 1-10"},
		{Class(0).String(), "none"},
		{Retryable.String(), "retryable"},
		{Permanent.String(), "permanent"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestBatchResponse(t *testing.T) {
	var r BatchResponse
	b, err := r.MarshalJSON()
	if err != nil || string(b) != `{"batchItemFailures":[]}` {
		t.Fatalf("empty: %s, %v", b, err)
	}
	r.Fail("id-1")
	r.Fail(`id"2`)
	b, _ = r.MarshalJSON()
	if want := `{"batchItemFailures":[{"itemIdentifier":"id-1"},{"itemIdentifier":"id\"2"}]}`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
}

// jsonString quotes s as a JSON string, as an SQS body or SNS message is
// carried.
func jsonString(s string) string {
	return string(ecs.AppendString(nil, s))
}

// TestDecodeManyBadRecords checks that a notification with many bad or
// skipped records keeps its message short.
func TestDecodeManyBadRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Records":[`)
	for i := range 2000 {
		if i > 0 {
			b.WriteByte(',')
		}
		rec := `{"eventSource":"aws:s3","eventName":"ObjectRemoved:X%d","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}},{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"%%zz"}}}`
		b.WriteString(strings.Replace(rec, "%d", string(rune('a'+i%26))+strings.Repeat("x", i%7), 1))
	}
	b.WriteString(`]}`)
	msgs, err := Decode([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[0]
	if m.Err == nil || !strings.Contains(m.Err.Error(), "and 1995 more problems") || len(m.Err.Error()) > 2000 {
		t.Errorf("error is %d bytes: %.300v", len(m.Err.Error()), m.Err)
	}
	if strings.Count(m.Skipped, ";") != 5 || !strings.HasSuffix(m.Skipped, "; ...") {
		t.Errorf("Skipped = %q, want 5 reasons and a mark for more", m.Skipped)
	}
}
