package awssource

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/valyala/fastjson"
)

// testEventName is the event S3 sends once when a notification is
// configured; it names no object.
const testEventName = "s3:TestEvent"

// maxNesting bounds how deep bodies may wrap one another (an SQS body
// holding an SNS notification holding an S3 notification is two levels),
// so a hostile body cannot make decoding recurse without end.
const maxNesting = 3

// malformedError reports a notification, or a part of one, that could not
// be decoded. Retrying never helps, so Classify says Permanent.
type malformedError struct {
	msg   string
	parts int // problems joined in msg
	more  int // problems left out of msg
}

func (e *malformedError) Error() string {
	if e.more > 0 {
		return fmt.Sprintf("%s; and %d more problems", e.msg, e.more)
	}
	return e.msg
}

func malformed(format string, args ...any) error {
	return &malformedError{msg: fmt.Sprintf(format, args...), parts: 1}
}

// Decode reads one Lambda invocation payload, the raw JSON bytes Lambda
// passes, in any of the shapes the package comment lists, and returns its
// units of delivery: one Message per SQS message, or a single Message for
// a direct S3, SNS or EventBridge event.
//
// Only created objects yield an ObjectRef; other events are Skipped with
// the reason. A part that cannot be decoded sets that Message's Err and
// leaves the other messages alone. A payload that is none of the supported
// shapes returns an error quoting its first 200 bytes.
func Decode(payload []byte) ([]Message, error) {
	var p fastjson.Parser
	v, err := p.ParseBytes(payload)
	if err != nil {
		return nil, fmt.Errorf("awssource: the invocation payload is not JSON (%v); it starts %s: invoke the function with an S3, SQS, SNS or EventBridge event", err, head(payload))
	}
	if v.Type() != fastjson.TypeObject {
		return nil, fmt.Errorf("awssource: the invocation payload is a JSON %s, not an event object; it starts %s", v.Type(), head(payload))
	}
	if recs := v.Get("Records"); recs != nil {
		return decodeRecords(recs, payload)
	}
	switch {
	case isTestEvent(v):
		return []Message{{Source: SourceS3, Skipped: testEventName}}, nil
	case isEventBridge(v):
		m := Message{Source: SourceEventBridge}
		addEventBridge(&m, v)
		return []Message{finish(m)}, nil
	}
	return nil, fmt.Errorf("awssource: the invocation payload is none of the supported events (S3, SQS or SNS \"Records\", an EventBridge event from aws.s3, an s3:TestEvent); it starts %s", head(payload))
}

// decodeRecords handles the three events that carry a "Records" array,
// told apart by the event source of the first record (Lambda never mixes
// sources within one invocation).
func decodeRecords(recs *fastjson.Value, payload []byte) ([]Message, error) {
	arr, err := recs.Array()
	if err != nil {
		return nil, fmt.Errorf("awssource: the invocation payload's \"Records\" is not an array; it starts %s", head(payload))
	}
	if len(arr) == 0 {
		return nil, fmt.Errorf("awssource: the invocation payload has an empty \"Records\" array, so its source cannot be told; it starts %s", head(payload))
	}
	switch {
	case str(arr[0], "eventSource") == "aws:sqs":
		msgs := make([]Message, 0, len(arr))
		for i, rec := range arr {
			msgs = append(msgs, decodeSQSRecord(i, rec))
		}
		return msgs, nil
	case str(arr[0], "EventSource") == "aws:sns":
		m := Message{Source: SourceSNS}
		for i, rec := range arr {
			addSNSRecord(&m, i, rec)
		}
		return []Message{finish(m)}, nil
	case str(arr[0], "eventSource") == "aws:s3":
		m := Message{Source: SourceS3}
		addS3Records(&m, arr, "")
		return []Message{finish(m)}, nil
	}
	return nil, fmt.Errorf("awssource: the invocation payload's Records[0] has eventSource %q, not aws:s3, aws:sqs or aws:sns; it starts %s", eventSourceOf(arr[0]), head(payload))
}

func decodeSQSRecord(i int, rec *fastjson.Value) Message {
	m := Message{Source: SourceSQS, ID: str(rec, "messageId")}
	where := fmt.Sprintf("SQS message %q", m.ID)
	switch {
	case m.ID == "":
		m.Err = malformed("SQS record %d has no messageId, so it cannot be retried alone", i)
	case str(rec, "eventSource") != "aws:sqs":
		m.Err = malformed("%s: eventSource is %q, not aws:sqs", where, eventSourceOf(rec))
	case rec.Get("body") == nil || rec.Get("body").Type() != fastjson.TypeString:
		m.Err = malformed("%s has no string body", where)
	default:
		addBody(&m, rec.GetStringBytes("body"), where, 0)
	}
	return finish(m)
}

func addSNSRecord(m *Message, i int, rec *fastjson.Value) {
	where := fmt.Sprintf("SNS record %d (MessageId %q)", i, str(rec, "Sns", "MessageId"))
	switch {
	case str(rec, "EventSource") != "aws:sns":
		addErr(m, malformed("%s: EventSource is %q, not aws:sns", where, eventSourceOf(rec)))
	case rec.Get("Sns", "Message") == nil || rec.Get("Sns", "Message").Type() != fastjson.TypeString:
		addErr(m, malformed("%s has no string Sns.Message", where))
	default:
		addBody(m, rec.GetStringBytes("Sns", "Message"), where, 1)
	}
}

// addBody decodes a JSON document carried as a string: an SQS body or an
// SNS message. Split messages are only accepted at the top of an SQS body,
// where the package's own producer puts them.
func addBody(m *Message, body []byte, where string, depth int) {
	if depth >= maxNesting {
		addErr(m, malformed("%s: notifications nested more than %d deep", where, maxNesting))
		return
	}
	var p fastjson.Parser
	v, err := p.ParseBytes(body)
	if err != nil {
		addErr(m, malformed("%s: the body is not JSON (%v); it starts %s", where, err, head(body)))
		return
	}
	if v.Type() != fastjson.TypeObject {
		addErr(m, malformed("%s: the body is a JSON %s, not an object; it starts %s", where, v.Type(), head(body)))
		return
	}
	switch {
	case v.Get(splitField) != nil:
		if depth != 0 || m.Source != SourceSQS {
			addErr(m, malformed("%s: a split message is only valid as the body of an SQS message", where))
			return
		}
		ref, err := decodeSplit(v.Get(splitField))
		if err != nil {
			addErr(m, malformed("%s: %v", where, err))
			return
		}
		m.Objects = append(m.Objects, ref)
	case v.Get("Records") != nil:
		arr, err := v.Get("Records").Array()
		if err != nil {
			addErr(m, malformed("%s: \"Records\" is not an array", where))
			return
		}
		addS3Records(m, arr, where+": ")
	case str(v, "Type") == "Notification":
		if msg := v.Get("Message"); msg == nil || msg.Type() != fastjson.TypeString {
			addErr(m, malformed("%s: the SNS notification has no string Message", where))
			return
		}
		addBody(m, v.GetStringBytes("Message"), where+" (SNS MessageId "+quote(str(v, "MessageId"))+")", depth+1)
	case isTestEvent(v):
		addSkip(m, testEventName)
	case isEventBridge(v):
		addEventBridge(m, v)
	default:
		addErr(m, malformed("%s: the body is none of the supported shapes (S3 notification, SNS notification, EventBridge event from aws.s3, s3:TestEvent, split message); it starts %s", where, head(body)))
	}
}

// addS3Records adds the created objects of an S3 event notification.
func addS3Records(m *Message, arr []*fastjson.Value, where string) {
	if len(arr) == 0 {
		addErr(m, malformed("%sthe S3 notification has an empty \"Records\" array", where))
		return
	}
	for i, rec := range arr {
		if err := addS3Record(m, rec); err != nil {
			addErr(m, malformed("%sS3 record %d: %v", where, i, err))
		}
	}
}

func addS3Record(m *Message, rec *fastjson.Value) error {
	if src := eventSourceOf(rec); src != "aws:s3" {
		return fmt.Errorf("eventSource is %q, not aws:s3", src)
	}
	name := str(rec, "eventName")
	if name == "" {
		return errors.New("no eventName")
	}
	if !strings.HasPrefix(name, "ObjectCreated:") {
		addSkip(m, name+" ignored")
		return nil
	}
	bucket := str(rec, "s3", "bucket", "name")
	if bucket == "" {
		return errors.New("no s3.bucket.name")
	}
	rawKey := str(rec, "s3", "object", "key")
	if rawKey == "" {
		return fmt.Errorf("bucket %q: no s3.object.key", bucket)
	}
	// Notification keys are form-encoded: '+' is a space, %XX a byte.
	key, err := url.QueryUnescape(rawKey)
	if err != nil || key == "" {
		return fmt.Errorf("s3://%s/%s: the key is not URL-encoded as S3 notifications are (%v)", bucket, rawKey, err)
	}
	m.Objects = append(m.Objects, ObjectRef{
		Bucket:    bucket,
		Key:       key,
		Size:      nonNegative(rec.Get("s3", "object", "size")),
		ETag:      strings.Trim(str(rec, "s3", "object", "eTag"), `"`),
		VersionID: str(rec, "s3", "object", "versionId"),
		Sequencer: str(rec, "s3", "object", "sequencer"),
		EventName: name,
		EventTime: parseTime(str(rec, "eventTime")),
	})
	return nil
}

// addEventBridge adds the object of an EventBridge event from aws.s3.
// EventBridge keys are not URL-encoded.
func addEventBridge(m *Message, v *fastjson.Value) {
	detailType := str(v, "detail-type")
	if detailType != "Object Created" {
		addSkip(m, detailType+" ignored")
		return
	}
	where := "EventBridge event " + quote(str(v, "id"))
	bucket := str(v, "detail", "bucket", "name")
	key := str(v, "detail", "object", "key")
	if bucket == "" || key == "" {
		addErr(m, malformed("%s: no detail.bucket.name or detail.object.key", where))
		return
	}
	name := detailType
	if reason := str(v, "detail", "reason"); reason != "" {
		name += ":" + reason
	}
	m.Objects = append(m.Objects, ObjectRef{
		Bucket:    bucket,
		Key:       key,
		Size:      nonNegative(v.Get("detail", "object", "size")),
		ETag:      strings.Trim(str(v, "detail", "object", "etag"), `"`),
		VersionID: str(v, "detail", "object", "version-id"),
		Sequencer: str(v, "detail", "object", "sequencer"),
		EventName: name,
		EventTime: parseTime(str(v, "time")),
	})
}

func isTestEvent(v *fastjson.Value) bool { return str(v, "Event") == testEventName }

func isEventBridge(v *fastjson.Value) bool {
	return str(v, "source") == "aws.s3" && v.Get("detail-type") != nil && v.Get("detail") != nil
}

// addSkip records why an event yields no object, once per reason. Past
// a few distinct reasons it only notes that there were more, so that a
// notification with many records cannot make this quadratic.
func addSkip(m *Message, reason string) {
	const maxReasons, more = 5, "; ..."
	if strings.HasSuffix(m.Skipped, more) {
		return
	}
	var reasons []string
	if m.Skipped != "" {
		reasons = strings.Split(m.Skipped, "; ")
	}
	for _, r := range reasons {
		if r == reason {
			return
		}
	}
	switch {
	case len(reasons) == maxReasons:
		m.Skipped += more
	case m.Skipped == "":
		m.Skipped = reason
	default:
		m.Skipped += "; " + reason
	}
}

// addErr adds a problem to the message's error. Past a few it only counts
// them, so that many bad records cannot make the message quadratic.
func addErr(m *Message, err error) {
	const maxParts = 5
	prev, ok := m.Err.(*malformedError)
	switch {
	case m.Err == nil:
		m.Err = err
	case !ok:
		m.Err = &malformedError{msg: m.Err.Error() + "; " + err.Error(), parts: 2}
	case prev.parts >= maxParts:
		prev.more++
	default:
		prev.msg += "; " + err.Error()
		prev.parts++
	}
}

// finish clears Skipped when the message holds objects after all: it only
// explains an empty message.
func finish(m Message) Message {
	if len(m.Objects) > 0 {
		m.Skipped = ""
	}
	return m
}

// str returns the string at path, or "" when it is missing or not a
// string.
func str(v *fastjson.Value, path ...string) string {
	return string(v.GetStringBytes(path...))
}

// eventSourceOf reads the event source in either spelling (SQS and S3 use
// eventSource, SNS EventSource).
func eventSourceOf(v *fastjson.Value) string {
	if s := str(v, "eventSource"); s != "" {
		return s
	}
	return str(v, "EventSource")
}

func nonNegative(v *fastjson.Value) int64 {
	if v == nil || v.Type() != fastjson.TypeNumber {
		return 0
	}
	n, err := v.Int64()
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// parseTime reads an RFC 3339 time; a time in another form is left zero
// rather than failing the object, which can be processed without it.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// head quotes the first 200 bytes of b for an error message.
func head(b []byte) string {
	const n = 200
	if len(b) > n {
		return fmt.Sprintf("%q...", b[:n])
	}
	return fmt.Sprintf("%q", b)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
