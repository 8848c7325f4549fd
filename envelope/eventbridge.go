package envelope

import (
	"fmt"
	"io"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// EventBridgeMeta is what an EventBridge event's envelope says about its
// detail: parser.Delivery.Meta of every message the EventBridge envelope
// delivers. A log type must not modify it.
type EventBridgeMeta struct {
	// Version is the envelope version, "0" today.
	Version string
	// ID is the event id (also Delivery.ID).
	ID string
	// DetailType says what the detail is, e.g. "GuardDuty Finding" or
	// "AWS API Call via CloudTrail".
	DetailType string
	// Source is the service or application that sent the event, e.g.
	// "aws.guardduty".
	Source string
	// Account and Region are where the event was emitted.
	Account string
	Region  string
	// Time is the event's time (also Delivery.Time), in whole seconds.
	Time time.Time
	// Resources lists the ARNs of the resources involved (may be empty).
	Resources []string
	// ReplayName names the archive replay that sent the event again,
	// empty for an original event.
	ReplayName string
}

// EventBridge returns the envelope of EventBridge events delivered to S3
// (through a Firehose target): one per object, or many written back to
// back or one per line. Each event's detail is one message. See the
// package documentation.
func EventBridge() siem.Envelope { return eventBridge{} }

type eventBridge struct{}

func (eventBridge) Name() string { return NameEventBridge }

var ebKeys = []string{"detail-type", "detail", "source"}

const (
	ebDetailType = 1 << iota
	ebDetail
	ebSource
)

// Sniff accepts an object whose first JSON value is an object with the
// top-level keys detail-type and detail; or with detail-type and source
// when the head ends before the object does (the detail comes last and
// may lie beyond it); or a Firehose error record.
func (eventBridge) Sniff(_ string, head []byte) bool {
	found, complete := topKeys(head, ebKeys...)
	switch {
	case found&ebDetailType != 0 && found&ebDetail != 0:
		return true
	case found&ebDetailType != 0 && found&ebSource != 0 && !complete:
		return true
	}
	return isFirehoseErrorHead(head)
}

func (eventBridge) Open(_ siem.Object, r io.Reader) (parser.Reader, error) {
	return &ebReader{vals: parser.NewJSONValueReader(r, parser.JSONOptions{MaxRecordBytes: MaxPayloadBytes})}, nil
}

// Map sets, in path order: aws.eventbridge.detail_type, id, replay_name,
// resources, source and version, cloud.account.id, cloud.provider,
// cloud.region and event.id (the event id).
func (eventBridge) Map(d *parser.Delivery, ev *ecs.Event) {
	m, _ := d.Meta.(*EventBridgeMeta)
	if m != nil {
		ev.Keyword("aws.eventbridge.detail_type", m.DetailType)
		// Also here, not only in event.id: a type whose records carry
		// their own id (a finding's) overwrites event.id, and the event id
		// is what ties a document to EventBridge's archive and replays.
		ev.Keyword("aws.eventbridge.id", m.ID)
		ev.Keyword("aws.eventbridge.replay_name", m.ReplayName)
		ev.Keywords("aws.eventbridge.resources", m.Resources...)
		ev.Keyword("aws.eventbridge.source", m.Source)
		ev.Keyword("aws.eventbridge.version", m.Version)
		ev.Keyword("cloud.account.id", m.Account)
	}
	ev.Keyword("cloud.provider", "aws")
	if m != nil {
		ev.Keyword("cloud.region", m.Region)
	}
	ev.Keyword("event.id", d.ID)
}

// Vendor declares aws.eventbridge, whose fields are all keywords.
func (eventBridge) Vendor() siem.VendorSchema {
	return siem.VendorSchema{Namespace: "aws.eventbridge"}
}

// ebMessage holds one event's delivery and metadata in one allocation.
type ebMessage struct {
	d parser.Delivery
	m EventBridgeMeta
}

// slabSize is how many deliveries are allocated at once by the readers
// that need one per message.
const slabSize = 64

type ebReader struct {
	vals   *parser.JSONValueReader
	p      pooledParser
	number int64
	slab   []ebMessage
}

func (r *ebReader) Next() (parser.Record, error) {
	rec, err := r.vals.Next()
	if err == io.EOF {
		r.p.release()
	}
	if err != nil {
		if re, ok := parser.AsRecordError(err); ok {
			r.number++
			return parser.Record{}, recordError(r.number, re.Line, re.Offset, "EventBridge event: "+re.Reason, re.Raw, re.Size, nil)
		}
		return parser.Record{}, err
	}
	r.number++
	fail := func(reason string) (parser.Record, error) {
		return parser.Record{}, recordError(r.number, rec.Line, rec.Offset, reason, rec.Data, 0, nil)
	}
	if first := skipBOMAndSpace(rec.Data); len(first) == 0 || first[0] != '{' {
		return fail(fmt.Sprintf("not an EventBridge event: a %s, where an event is an object with detail-type and detail", describeJSON(rec.Data)))
	}
	var version, id, detailType, source, account, tm, region, resources, replay, detail []byte
	err = members(rec.Data, func(key, v []byte) bool {
		switch string(key) {
		case "version":
			version = v
		case "id":
			id = v
		case "detail-type":
			detailType = v
		case "source":
			source = v
		case "account":
			account = v
		case "time":
			tm = v
		case "region":
			region = v
		case "resources":
			resources = v
		case "replay-name":
			replay = v
		case "detail":
			detail = v
		}
		return true
	})
	switch {
	case err != nil:
		return fail("EventBridge event is not valid JSON: " + err.Error())
	case detail == nil:
		if reason, ok := firehoseError(rec.Data, "an EventBridge event"); ok {
			return fail(reason)
		}
		return fail("not an EventBridge event: the object has no detail member (an event has version, id, detail-type, source, account, time, region, resources and detail)")
	case detail[0] != '{' || detail[len(detail)-1] != '}':
		return fail(fmt.Sprintf("EventBridge event's detail is a %s, not an object", describeJSON(detail)))
	}

	a := r.p.arena()
	iVersion := a.add(r.strBytes(version))
	iID := a.add(r.strBytes(id))
	iType := a.add(r.strBytes(detailType))
	iSource := a.add(r.strBytes(source))
	iAccount := a.add(r.strBytes(account))
	iRegion := a.add(r.strBytes(region))
	iReplay := a.add(r.strBytes(replay))
	iRes := len(a.ends)
	nres := 0
	if len(resources) > 0 && resources[0] == '[' {
		if v, err := r.p.parse(resources); err == nil {
			for _, e := range v.GetArray() {
				if b := e.GetStringBytes(); len(b) > 0 {
					a.add(b)
					nres++
				}
			}
		}
	}
	s := a.strings()

	if len(r.slab) == 0 {
		r.slab = make([]ebMessage, slabSize)
	}
	msg := &r.slab[0]
	r.slab = r.slab[1:]
	msg.m = EventBridgeMeta{
		Version:    s.get(iVersion),
		ID:         s.get(iID),
		DetailType: s.get(iType),
		Source:     s.get(iSource),
		Account:    s.get(iAccount),
		Region:     s.get(iRegion),
		ReplayName: s.get(iReplay),
		Time:       parseTimeRFC3339(r.strBytes(tm)),
	}
	if nres > 0 {
		msg.m.Resources = make([]string, nres)
		for i := range nres {
			msg.m.Resources[i] = s.get(iRes + i)
		}
	}
	msg.d = parser.Delivery{Envelope: NameEventBridge, ID: msg.m.ID, Time: msg.m.Time, Meta: &msg.m}
	return parser.Record{Data: detail, Number: r.number, Line: rec.Line, Offset: rec.Offset, Delivery: &msg.d}, nil
}

// strBytes returns the unescaped bytes of a JSON string span, nil for
// anything else. The bytes are valid until the next call.
func (r *ebReader) strBytes(v []byte) []byte {
	if len(v) < 2 || v[0] != '"' {
		return nil
	}
	inner := v[1 : len(v)-1]
	if !hasBackslash(inner) {
		return inner
	}
	pv, err := r.p.parse(v)
	if err != nil {
		return inner
	}
	return pv.GetStringBytes()
}
