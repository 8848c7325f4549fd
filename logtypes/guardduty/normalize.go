package guardduty

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// detailTypeFinding is the EventBridge detail-type of GuardDuty findings.
const detailTypeFinding = "GuardDuty Finding"

// maxIDBytes bounds a finding id: GuardDuty's are 32 hexadecimal digits,
// and the document id built from it must stay under OpenSearch's 512
// bytes.
const maxIDBytes = 256

// Normalize maps one GuardDuty finding onto ev. A record that is not a
// finding (not a JSON object, or without id, type or updatedAt) is an
// error, so it is dead-lettered with the reason.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("record is not valid JSON: %s", parser.JSONReason(err))
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("record is a JSON %s, not a GuardDuty finding object", v.Type())
	}
	// ipBuf backs related.ip's list for the usual few addresses, which
	// would otherwise cost a few allocations per finding as it grows.
	var ipBuf [8]netip.Addr
	n := normalizer{ev: ev, f: v, rec: rec.Data, ips: ipBuf[:0]}
	if err := n.required(rec); err != nil {
		return err
	}
	n.finding()
	return nil
}

type normalizer struct {
	ev *ecs.Event
	f  *fastjson.Value
	// ips, users, hosts and hashes collect related.ip, related.user,
	// related.hosts and related.hash.
	ips    []netip.Addr
	users  []string
	hosts  []string
	hashes []string
	// free encodes the free-form members.
	free encoder
	// rec is the record; raw holds its resource and service members as
	// found in it (rawMembers).
	rec []byte
	raw [2]freeform.Member
}

// required checks and sets what makes a record a finding: its id, type
// and update time.
func (n *normalizer) required(rec siem.Record) error {
	notFinding := "not a GuardDuty finding"
	otherEvent := false
	if rec.Delivery != nil {
		if m, ok := rec.Delivery.Meta.(*envelope.EventBridgeMeta); ok && m.DetailType != "" && m.DetailType != detailTypeFinding {
			notFinding = fmt.Sprintf("not a GuardDuty finding (EventBridge detail-type %q, source %q)", m.DetailType, m.Source)
			otherEvent = m.Source == "aws.guardduty"
		}
	}
	id, err := requiredString(n.f, "id")
	if err != nil {
		if otherEvent && n.f.Get("id") == nil {
			// GuardDuty's own event of another kind: expected beside
			// the findings, counted rather than dead-lettered.
			return siem.Exclude(RuleNotFinding)
		}
		return fmt.Errorf("%s: %v", notFinding, err)
	}
	if len(id) > maxIDBytes {
		return fmt.Errorf("finding id is %d bytes long; GuardDuty finding ids are 32 characters", len(id))
	}
	typ, err := requiredString(n.f, "type")
	if err != nil {
		return fmt.Errorf("%s: %v", notFinding, err)
	}
	updated, err := requiredString(n.f, "updatedAt")
	if err != nil {
		return fmt.Errorf("%s: %v", notFinding, err)
	}
	ts, err := parseTime(updated)
	if err != nil {
		return fmt.Errorf("updatedAt %q is not a timestamp: %v", clip(updated), err)
	}
	ev := n.ev
	ev.Date("@timestamp", ts)
	ev.KeywordBytes("event.id", id)
	// One document per update of the finding: GuardDuty sends the same id
	// again with a new updatedAt (and a higher service.count).
	// Built on the stack (id is at most maxIDBytes): the string made of
	// it is then the only allocation.
	var idBuf [maxIDBytes + 48]byte
	docID := append(idBuf[:0], id...)
	docID = append(docID, '_')
	docID = ecs.AppendTime(docID, ts)
	ev.SetID(string(docID))
	n.findingType(typ)
	return nil
}

// requiredString returns the non-empty string member key of v.
func requiredString(v *fastjson.Value, key string) ([]byte, error) {
	m := v.Get(key)
	switch {
	case m == nil || m.Type() == fastjson.TypeNull:
		return nil, fmt.Errorf("%s is missing", key)
	case m.Type() != fastjson.TypeString:
		return nil, fmt.Errorf("%s is a JSON %s, not a string", key, m.Type())
	}
	b := m.GetStringBytes()
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%s is empty", key)
	}
	return b, nil
}

// finding maps everything but the required members.
func (n *normalizer) finding() {
	ev, f := n.ev, n.f
	ev.Keyword("event.kind", "alert")
	ev.Keywords("event.type", "info")
	ev.Keyword("cloud.provider", "aws")
	ev.KeywordBytes("cloud.account.id", str(f, "accountId"))
	ev.KeywordBytes("cloud.region", str(f, "region"))
	n.date("event.created", str(f, "createdAt"))

	if title := bytes.TrimSpace(str(f, "title")); len(title) > 0 {
		ev.KeywordBytes("message", title)
		ev.KeywordBytes("rule.name", bytes.TrimSuffix(title, []byte(".")))
	}
	ev.KeywordBytes("rule.description", str(f, "description"))

	if sev, ok := number(f.Get("severity")); ok {
		ev.Double("aws.guardduty.severity.value", sev)
		// GuardDuty's scale is 1.0 to 10.0; a value off it is kept
		// above but given no meaning.
		if sev >= 0 && sev <= 10 {
			ev.Long("event.severity", int64(sev)) // truncated, as Elastic does: 8.9 is 8
			ev.Double("event.risk_score", sev)
			ev.Double("event.risk_score_norm", math.Round(sev*1000)/100)
			ev.Keyword("aws.guardduty.severity.label", severityLabel(sev))
		}
	}
	if c, ok := number(f.Get("confidence")); ok {
		ev.Double("aws.guardduty.confidence", c)
	}
	ev.KeywordBytes("aws.guardduty.schema_version", str(f, "schemaVersion"))
	ev.KeywordBytes("aws.guardduty.arn", str(f, "arn"))
	ev.KeywordBytes("aws.guardduty.partition", str(f, "partition"))

	svc := f.Get("service")
	if svc != nil && svc.Type() == fastjson.TypeObject {
		n.service(svc)
	}
	res := f.Get("resource")
	if res != nil && res.Type() == fastjson.TypeObject {
		n.resource(res)
	}
	if svc != nil {
		n.action(svc.Get("action"), res)
		n.runtime(svc.Get("runtimeDetails"))
		n.malware(svc)
		n.sequence(svc.Get("detection", "sequence"))
	}
	n.collectIPs(f, false, 0)
	ev.IPs("related.ip", n.ips...)
	ev.Keywords("related.user", n.users...)
	ev.Keywords("related.hosts", n.hosts...)
	ev.Keywords("related.hash", n.hashes...)
	n.rawMembers(n.rec)
	n.freeForm("aws.guardduty.flattened.resource", "aws.guardduty.text.resource", res, n.raw[0])
	n.freeForm("aws.guardduty.flattened.service", "aws.guardduty.text.service", svc, n.raw[1])
	n.freeForm("aws.guardduty.flattened.other", "aws.guardduty.text.other", n.otherMembers(), freeform.Member{})
}

func (n *normalizer) service(svc *fastjson.Value) {
	ev := n.ev
	ev.KeywordBytes("cloud.service.name", str(svc, "serviceName"))
	ev.KeywordBytes("aws.guardduty.detector_id", str(svc, "detectorId"))
	ev.KeywordBytes("aws.guardduty.feature_name", str(svc, "featureName"))
	ev.KeywordBytes("aws.guardduty.resource_role", str(svc, "resourceRole"))
	if b := svc.Get("archived"); b != nil && (b.Type() == fastjson.TypeTrue || b.Type() == fastjson.TypeFalse) {
		ev.Bool("aws.guardduty.archived", b.Type() == fastjson.TypeTrue)
	}
	if c, ok := integer(svc.Get("count")); ok {
		ev.Long("aws.guardduty.count", c)
	}
	n.date("event.start", str(svc, "eventFirstSeen"))
	n.date("event.end", str(svc, "eventLastSeen"))
}

// date sets a time field, leaving out one that cannot be read: such a
// value is still in event.original and, for the service's times, in
// aws.guardduty.flattened.service.
func (n *normalizer) date(path string, b []byte) {
	if len(b) == 0 {
		return
	}
	if t, err := parseTime(b); err == nil {
		n.ev.Date(path, t)
	}
}

// severityLabel names GuardDuty's severity bands: Low 1.0-3.9, Medium
// 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
func severityLabel(s float64) string {
	switch {
	case s >= 9:
		return "Critical"
	case s >= 7:
		return "High"
	case s >= 4:
		return "Medium"
	}
	return "Low"
}

// str returns the string at the path below v, nil when it is absent or
// not a string.
func str(v *fastjson.Value, keys ...string) []byte {
	if v == nil {
		return nil
	}
	m := v.Get(keys...)
	if m == nil || m.Type() != fastjson.TypeString {
		return nil
	}
	return m.GetStringBytes()
}

// number reads a finite JSON number, or a string holding one.
func number(v *fastjson.Value) (float64, bool) {
	if v == nil {
		return 0, false
	}
	var f float64
	var err error
	switch v.Type() {
	case fastjson.TypeNumber:
		f, err = v.Float64()
	case fastjson.TypeString:
		f, err = strconv.ParseFloat(string(bytes.TrimSpace(v.GetStringBytes())), 64)
	default:
		return 0, false
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// integer reads a whole number that fits a long, or a string holding one.
func integer(v *fastjson.Value) (int64, bool) {
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

// port reads a port number, 0 to 65535.
func port(v *fastjson.Value) (int64, bool) {
	p, ok := integer(v)
	return p, ok && p >= 0 && p <= 65535
}

// parseTime reads GuardDuty's timestamps: RFC 3339 with milliseconds
// (2026-11-27T10:05:00.123Z), and the layout some tools reformat them to,
// with a space and no zone (2025-02-25 20:40:06.721), read as UTC.
func parseTime(b []byte) (time.Time, error) {
	t, err := parser.ParseRFC3339(b)
	if err == nil || len(b) < 19 || len(b) > 40 || (b[10] != ' ' && b[10] != 'T') {
		return t, err
	}
	var buf [48]byte
	k := copy(buf[:], b)
	buf[10] = 'T'
	if !bytes.ContainsAny(b[19:], "Zz+-") {
		buf[k] = 'Z'
		k++
	}
	if t, err2 := parser.ParseRFC3339(buf[:k]); err2 == nil {
		return t, nil
	}
	return t, err
}

// clip shortens a value quoted in an error.
func clip(b []byte) string {
	if len(b) > 64 {
		return string(b[:64]) + "..."
	}
	return string(b)
}

// addUser notes a user name for related.user.
func (n *normalizer) addUser(b []byte) {
	if len(b) > 0 && len(n.users) < 64 {
		n.users = append(n.users, string(b))
	}
}

// collectIPs gathers every address in the finding for related.ip: the
// strings under a key naming an address (ipAddressV4, privateIpAddress,
// publicIp, sourceIps...) that parse as one.
func (n *normalizer) collectIPs(v *fastjson.Value, ipKey bool, depth int) {
	if depth > 64 || len(n.ips) >= 256 {
		return
	}
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		o.Visit(func(k []byte, x *fastjson.Value) {
			// Only a string, or an array of them, takes its key's
			// meaning: the key of any other value is not looked at.
			switch x.Type() {
			case fastjson.TypeString, fastjson.TypeArray:
				n.collectIPs(x, isIPKey(k), depth+1)
			case fastjson.TypeObject:
				n.collectIPs(x, false, depth+1)
			}
		})
	case fastjson.TypeArray:
		for _, x := range v.GetArray() {
			n.collectIPs(x, ipKey, depth+1)
		}
	case fastjson.TypeString:
		if ipKey {
			if ip, ok := parser.ParseAddrDropZone(v.GetStringBytes()); ok {
				n.ips = append(n.ips, ip)
			}
		}
	}
}

// isIPKey reports whether a key names an address: it holds "ipaddress",
// "ipv4" or "ipv6", or ends in "ip" or "ips", in any case. Every one of
// these starts with "ip", so each "ip" in the key is looked at for what
// follows it, in one pass, rather than searching the key once per
// pattern. The patterns are ASCII, so ASCII case folding is the whole of
// it: a window of a key holding a multi-byte character has fewer
// characters than the pattern has bytes.
func isIPKey(k []byte) bool {
	i := 0
	// Most keys hold no "ip" at all: eight bytes at a time rule them out.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+9 <= len(k); i += 8 {
		x := binary.LittleEndian.Uint64(k[i:]) | ones*0x20
		y := binary.LittleEndian.Uint64(k[i+1:]) | ones*0x20
		a, b := x^(ones*'i'), y^(ones*'p')
		// A byte of a|b is zero where an "ip" starts (the bit may be
		// spurious above a true zero, which is then found below).
		if ab := a | b; (ab-ones)&^ab&highs != 0 {
			break
		}
	}
	for ; i+1 < len(k); i++ {
		if k[i]|0x20 != 'i' || k[i+1]|0x20 != 'p' {
			continue
		}
		rest := k[i+2:]
		switch {
		case len(rest) == 0:
			return true
		case len(rest) == 1 && rest[0]|0x20 == 's':
			return true
		case len(rest) >= 2 && rest[0]|0x20 == 'v' && (rest[1] == '4' || rest[1] == '6'):
			return true
		case len(rest) >= 7 && rest[0]|0x20 == 'a' && foldEqualASCII(rest[1:7], "ddress"):
			return true
		}
	}
	return false
}

// foldEqualASCII reports whether b equals lower, a lower-case ASCII word
// of the same length, in any case.
func foldEqualASCII(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range len(lower) {
		if b[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// findingMembers are the top-level members of a finding this package maps.
var findingMembers = map[string]bool{
	"accountId": true, "arn": true, "confidence": true, "createdAt": true, "description": true,
	"id": true, "partition": true, "region": true, "resource": true, "schemaVersion": true,
	"service": true, "severity": true, "title": true, "type": true, "updatedAt": true,
}

// otherMembers returns the finding's other top-level members as one
// object (those GuardDuty adds later, or a producer's own), so that they
// are kept searchable rather than only in event.original; nil when there
// are none, which is the usual case and costs no allocation.
func (n *normalizer) otherMembers() *fastjson.Value {
	o, err := n.f.Object()
	if err != nil {
		return nil
	}
	var other *fastjson.Value
	var a fastjson.Arena
	o.Visit(func(k []byte, v *fastjson.Value) {
		if findingMembers[string(k)] {
			return
		}
		if other == nil {
			other = a.NewObject()
		}
		other.Set(string(k), v)
	})
	return other
}
