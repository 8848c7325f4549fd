package envelope

import (
	"fmt"
	"io"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// CloudWatchLogsMeta is what a CloudWatch Logs subscription payload says
// about its messages: parser.Delivery.Meta of every message the
// CloudWatchLogs envelope delivers. All the messages of one payload share
// one *CloudWatchLogsMeta; a log type must not modify it.
type CloudWatchLogsMeta struct {
	// MessageType is DATA_MESSAGE, or CONTROL_MESSAGE for the health
	// check whose messages are excluded under RuleControlMessage.
	MessageType string
	// Owner is the AWS account id of the log group.
	Owner string
	// LogGroup and LogStream name where the messages were logged (empty
	// in control messages).
	LogGroup  string
	LogStream string
	// SubscriptionFilters names the filters that matched the messages.
	SubscriptionFilters []string
	// PolicyLevel is set by account-level subscription policies
	// (ACCOUNT_LEVEL_POLICY), empty otherwise.
	PolicyLevel string
}

// CloudWatchLogs returns the envelope of CloudWatch Logs subscription
// payloads: one per object, or many concatenated as Firehose writes them.
// See the package documentation.
func CloudWatchLogs() siem.Envelope { return cloudWatchLogs{} }

type cloudWatchLogs struct{}

func (cloudWatchLogs) Name() string { return NameCloudWatchLogs }

// The top-level keys sniffing looks for, in the order of their bits.
var cwlKeys = []string{"messageType", "logEvents", "logGroup", "owner", "logStream", "subscriptionFilters"}

const (
	cwlMessageType = 1 << iota
	cwlLogEvents
	cwlLogGroup
	cwlOwner
	cwlLogStream
	cwlFilters
)

// Sniff accepts an object whose first JSON value is an object with the
// top-level key messageType or logEvents, or logGroup together with owner,
// logStream or subscriptionFilters; or a Firehose error record (which
// Open reports as such). The key is not needed: the content decides.
func (cloudWatchLogs) Sniff(_ string, head []byte) bool {
	found, _ := topKeys(head, cwlKeys...)
	switch {
	case found&(cwlMessageType|cwlLogEvents) != 0:
		return true
	case found&cwlLogGroup != 0 && found&(cwlOwner|cwlLogStream|cwlFilters) != 0:
		return true
	}
	return isFirehoseErrorHead(head)
}

// isFirehoseErrorHead reports whether head starts a Firehose error record
// (attemptsMade with errorCode or rawData), which either envelope's
// stream may hold and its reader reports as such.
func isFirehoseErrorHead(head []byte) bool {
	const attempts, errorCode, rawData = 1, 2, 4
	found, _ := topKeys(head, "attemptsMade", "errorCode", "rawData")
	return found&attempts != 0 && found&(errorCode|rawData) != 0
}

func (cloudWatchLogs) Open(_ siem.Object, r io.Reader) (parser.Reader, error) {
	return &cwlReader{vals: parser.NewJSONValueReader(r, parser.JSONOptions{MaxRecordBytes: MaxPayloadBytes})}, nil
}

// Map sets, in path order: aws.cloudwatch.log_group, log_stream and
// subscription_filters, cloud.account.id (the owner), cloud.provider,
// event.created (the log event's timestamp) and event.id (the log event's
// id).
func (cloudWatchLogs) Map(d *parser.Delivery, ev *ecs.Event) {
	m, _ := d.Meta.(*CloudWatchLogsMeta)
	if m != nil {
		ev.Keyword("aws.cloudwatch.log_group", m.LogGroup)
		ev.Keyword("aws.cloudwatch.log_stream", m.LogStream)
		ev.Keywords("aws.cloudwatch.subscription_filters", m.SubscriptionFilters...)
		ev.Keyword("cloud.account.id", m.Owner)
	}
	ev.Keyword("cloud.provider", "aws")
	ev.Date("event.created", d.Time)
	ev.Keyword("event.id", d.ID)
}

// Vendor declares aws.cloudwatch, whose fields are all keywords.
func (cloudWatchLogs) Vendor() siem.VendorSchema {
	return siem.VendorSchema{Namespace: "aws.cloudwatch"}
}

// cwlReader yields the log events of the payloads in a stream, one
// payload parsed at a time.
type cwlReader struct {
	vals   *parser.JSONValueReader
	p      pooledParser
	number int64

	// The payload being read: its events, the next one to return, and
	// their deliveries (one allocation per payload).
	events     []*fastjson.Value
	next       int
	deliveries []parser.Delivery
	line       int64
	offset     int64
	// control is set for a CONTROL_MESSAGE payload; empty for one
	// without events, which still yields one excluded record.
	control bool
	empty   bool
}

func (r *cwlReader) Next() (parser.Record, error) {
	for {
		if r.next < len(r.events) {
			return r.event()
		}
		if r.empty {
			r.empty = false
			r.number++
			return parser.Record{Number: r.number, Line: r.line, Offset: r.offset, Delivery: &r.deliveries[0]}, nil
		}
		r.events, r.next = r.events[:0], 0
		rec, err := r.vals.Next()
		if err == io.EOF {
			r.p.release()
		}
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				r.number++
				return parser.Record{}, recordError(r.number, re.Line, re.Offset, "CloudWatch Logs payload: "+re.Reason, re.Raw, re.Size, nil)
			}
			return parser.Record{}, err
		}
		if err := r.load(rec); err != nil {
			return parser.Record{}, err
		}
	}
}

// load parses one payload and prepares its events.
func (r *cwlReader) load(rec parser.Record) error {
	r.line, r.offset = rec.Line, rec.Offset
	fail := func(reason string) error {
		r.number++
		return recordError(r.number, rec.Line, rec.Offset, reason, rec.Data, 0, nil)
	}
	root, err := r.p.parse(rec.Data)
	if err != nil {
		return fail("CloudWatch Logs payload is not valid JSON: " + err.Error())
	}
	obj, err := root.Object()
	if err != nil {
		return fail(fmt.Sprintf("not a CloudWatch Logs payload: a %s, where a payload is an object with logEvents", describeJSON(rec.Data)))
	}
	var messageType, owner, group, stream, policy, filters, events *fastjson.Value
	obj.Visit(func(key []byte, v *fastjson.Value) {
		switch string(key) {
		case "messageType":
			messageType = v
		case "owner":
			owner = v
		case "logGroup":
			group = v
		case "logStream":
			stream = v
		case "policyLevel":
			policy = v
		case "subscriptionFilters":
			filters = v
		case "logEvents":
			events = v
		}
	})
	if events == nil {
		if reason, ok := firehoseError(rec.Data, "a CloudWatch Logs payload"); ok {
			return fail(reason)
		}
		return fail("not a CloudWatch Logs payload: the object has no logEvents member (a subscription payload has messageType, owner, logGroup, logStream, subscriptionFilters and logEvents)")
	}
	evs, err := events.Array()
	if err != nil {
		return fail(fmt.Sprintf("CloudWatch Logs payload: logEvents is a JSON %s, not an array", events.Type()))
	}

	// The payload's strings, then each event's id, go into one arena.
	a := r.p.arena()
	iType := a.add(messageType.GetStringBytes())
	iOwner := a.add(owner.GetStringBytes())
	iGroup := a.add(group.GetStringBytes())
	iStream := a.add(stream.GetStringBytes())
	iPolicy := a.add(policy.GetStringBytes())
	fs := filters.GetArray()
	iFilters := len(a.ends)
	for _, f := range fs {
		a.add(f.GetStringBytes())
	}
	iIDs := len(a.ends)
	for _, e := range evs {
		a.add(idBytes(e.Get("id")))
	}
	s := a.strings()
	meta := &CloudWatchLogsMeta{
		MessageType: s.get(iType),
		Owner:       s.get(iOwner),
		LogGroup:    s.get(iGroup),
		LogStream:   s.get(iStream),
		PolicyLevel: s.get(iPolicy),
	}
	if len(fs) > 0 {
		meta.SubscriptionFilters = make([]string, len(fs))
		for i := range fs {
			meta.SubscriptionFilters[i] = s.get(iFilters + i)
		}
	}
	r.control = meta.MessageType == "CONTROL_MESSAGE"
	exclude := ""
	if r.control {
		exclude = RuleControlMessage
	}
	// Fresh for every payload: the pipeline holds these pointers until
	// the records are written.
	r.deliveries = make([]parser.Delivery, max(len(evs), 1))
	for i, e := range evs {
		r.deliveries[i] = parser.Delivery{
			Envelope: NameCloudWatchLogs,
			ID:       s.get(iIDs + i),
			Time:     epochMillis(e.Get("timestamp")),
			Exclude:  exclude,
			Meta:     meta,
		}
	}
	if len(evs) == 0 && r.control {
		// A health check without events is still counted, as excluded.
		r.deliveries[0] = parser.Delivery{Envelope: NameCloudWatchLogs, Exclude: exclude, Meta: meta}
		r.empty = true
	}
	r.events = append(r.events[:0], evs...)
	return nil
}

// event returns the next log event of the payload.
func (r *cwlReader) event() (parser.Record, error) {
	i := r.next
	r.next++
	r.number++
	e, d := r.events[i], &r.deliveries[i]
	msg := e.Get("message")
	switch {
	case msg == nil && r.control:
		return parser.Record{Number: r.number, Line: r.line, Offset: r.offset, Delivery: d}, nil
	case msg == nil:
		return parser.Record{}, recordError(r.number, r.line, r.offset,
			fmt.Sprintf("log event %d of the CloudWatch Logs payload has no message", i+1), e.MarshalTo(nil), 0, d)
	case msg.Type() != fastjson.TypeString:
		return parser.Record{}, recordError(r.number, r.line, r.offset,
			fmt.Sprintf("log event %d of the CloudWatch Logs payload has a message that is a JSON %s, not a string", i+1, msg.Type()), e.MarshalTo(nil), 0, d)
	}
	return parser.Record{Data: msg.GetStringBytes(), Number: r.number, Line: r.line, Offset: r.offset, Delivery: d}, nil
}

// idBytes reads a log event id: a string (AWS writes a decimal string of
// about 56 digits), or a number as written.
func idBytes(v *fastjson.Value) []byte {
	if v == nil {
		return nil
	}
	switch v.Type() {
	case fastjson.TypeString:
		return v.GetStringBytes()
	case fastjson.TypeNumber:
		return v.MarshalTo(nil)
	}
	return nil
}

// epochMillis reads a timestamp in milliseconds since the epoch; zero
// when absent or out of the range of dates.
func epochMillis(v *fastjson.Value) time.Time {
	if v == nil || v.Type() != fastjson.TypeNumber {
		return time.Time{}
	}
	f, err := v.Float64()
	// Years 0000 to 9999 only: ecs.Event.Date skips anything else.
	if err != nil || f < -62167219200000 || f > 253402300799999 {
		return time.Time{}
	}
	ms, err := v.Int64()
	if err != nil {
		ms = int64(f)
	}
	return time.UnixMilli(ms).UTC()
}
