package networkfirewall

import (
	"bytes"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

var (
	parsers     fastjson.ParserPool
	normalizers = sync.Pool{New: func() any { return new(normalizer) }}
)

// maxPooledBytes is the largest record whose parser goes back to the pool,
// so that one giant record does not pin its memory.
const maxPooledBytes = 1 << 20

// Normalize maps one record onto ev.
func (r *reader) Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		parsers.Put(p)
		return fmt.Errorf("the record is not valid JSON: %s", parser.JSONReason(err))
	}
	if v.Type() != fastjson.TypeObject {
		parsers.Put(p)
		return fmt.Errorf("the record is a JSON %s, not an object", v.Type())
	}
	n := normalizers.Get().(*normalizer)
	n.reset(r.key)
	err = n.normalize(v, ev)
	n.reset(keyInfo{})
	normalizers.Put(n)
	if len(rec.Data) <= maxPooledBytes {
		parsers.Put(p)
	}
	return err
}

// reset clears n for the next record, keeping its buffers.
func (n *normalizer) reset(key keyInfo) {
	hosts, other, scratch := n.hosts[:0], n.other[:0], n.scratch[:0]
	clear(n.hosts[:cap(n.hosts)])
	clear(n.other[:cap(n.other)])
	*n = normalizer{key: key, hosts: hosts, other: other, scratch: scratch}
}

// member is a JSON member kept as it came, under aws.networkfirewall.other.
type member struct {
	key []byte
	v   *fastjson.Value
}

// section collects the members of one object that have no home, so that
// nothing in the record is lost.
type section struct {
	name    string
	members []member
}

type normalizer struct {
	key keyInfo
	// top level
	firewallName, az, eventTimestamp, awsCategory *fastjson.Value
	// event
	timestamp, flowID, eventType, srcIP, srcPort, destIP, destPort, proto, appProto *fastjson.Value
	netflow, alert, http, tls, dns, tcp, sni, tlsError, revocation                  *fastjson.Value
	tlsInspected, communityID, icmpType, icmpCode, txID                             *fastjson.Value
	// hosts are the host names met (HTTP host, SNI, DNS query name);
	// domain is the first that names the destination.
	hosts  [][]byte
	domain []byte
	// scratch holds numbers and addresses while they are written.
	scratch []byte
	// other holds the unmapped members by object, in the order met.
	other []section
}

// keep records a member with no home under the named object.
func (n *normalizer) keep(object string, key []byte, v *fastjson.Value) {
	for i := range n.other {
		if n.other[i].name == object {
			n.other[i].members = append(n.other[i].members, member{key, v})
			return
		}
	}
	if i := strings.LastIndexByte(object, '.'); i >= 0 {
		n.ensure(object[:i])
	} else if object != "" {
		n.ensure("")
	}
	n.other = append(n.other, section{object, []member{{key, v}}})
}

// ensure creates the section named object, and its ancestors, when absent.
func (n *normalizer) ensure(object string) {
	for i := range n.other {
		if n.other[i].name == object {
			return
		}
	}
	if i := strings.LastIndexByte(object, '.'); i >= 0 {
		n.ensure(object[:i])
	} else if object != "" {
		n.ensure("")
	}
	n.other = append(n.other, section{name: object})
}

// set stores v in *slot, or, when the key is repeated, keeps the repeat.
func (n *normalizer) set(slot **fastjson.Value, object string, key []byte, v *fastjson.Value) {
	if *slot != nil {
		n.keep(object, key, v)
		return
	}
	*slot = v
}

func (n *normalizer) normalize(root *fastjson.Value, ev *ecs.Event) error {
	var event *fastjson.Value
	obj, _ := root.Object()
	obj.Visit(func(k []byte, v *fastjson.Value) {
		switch string(k) {
		case "firewall_name":
			n.set(&n.firewallName, "", k, v)
		case "availability_zone":
			n.set(&n.az, "", k, v)
		case "event_timestamp":
			n.set(&n.eventTimestamp, "", k, v)
		case "aws_category":
			n.set(&n.awsCategory, "", k, v)
		case "event":
			if event == nil && v.Type() == fastjson.TypeObject {
				event = v
			} else {
				n.keep("", k, v)
			}
		default:
			n.keep("", k, v)
		}
	})
	if event == nil {
		return fmt.Errorf("the record has no \"event\" object: not a Network Firewall log record")
	}
	eo, _ := event.Object()
	eo.Visit(func(k []byte, v *fastjson.Value) {
		var slot **fastjson.Value
		switch string(k) {
		case "timestamp":
			slot = &n.timestamp
		case "flow_id":
			slot = &n.flowID
		case "event_type":
			slot = &n.eventType
		case "src_ip":
			slot = &n.srcIP
		case "src_port":
			slot = &n.srcPort
		case "dest_ip":
			slot = &n.destIP
		case "dest_port":
			slot = &n.destPort
		case "proto":
			slot = &n.proto
		case "app_proto":
			slot = &n.appProto
		case "netflow":
			slot = &n.netflow
		case "alert":
			slot = &n.alert
		case "http":
			slot = &n.http
		case "tls":
			slot = &n.tls
		case "dns":
			slot = &n.dns
		case "tcp":
			slot = &n.tcp
		case "sni":
			slot = &n.sni
		case "tls_error":
			slot = &n.tlsError
		case "revocation_check":
			slot = &n.revocation
		case "tls_inspected":
			slot = &n.tlsInspected
		case "community_id":
			slot = &n.communityID
		case "icmp_type":
			slot = &n.icmpType
		case "icmp_code":
			slot = &n.icmpCode
		case "tx_id":
			slot = &n.txID
		default:
			n.keep("event", k, v)
			return
		}
		n.set(slot, "event", k, v)
	})
	return n.emit(ev)
}

// str returns a string value's bytes; nil for anything else, for the
// empty string and for "-" (not applicable).
func str(v *fastjson.Value) []byte {
	if v == nil || v.Type() != fastjson.TypeString {
		return nil
	}
	b, _ := v.StringBytes()
	if len(b) == 0 || string(b) == "-" {
		return nil
	}
	return b
}

// uintOf reads a non-negative integer written as a number or as a string
// of digits.
func uintOf(v *fastjson.Value) (uint64, bool) {
	if v == nil {
		return 0, false
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		u, err := v.Uint64()
		return u, err == nil
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		return parser.ParseUint(b)
	}
	return 0, false
}

// parseTime reads Suricata's time (2021-03-08T09:24:27.005808+0000, an
// offset without a colon) and RFC 3339 (…Z, …+00:00). Times are UTC.
func parseTime(b []byte) (time.Time, error) {
	var buf [48]byte
	if n := len(b); n >= 5 && n+1 <= len(buf) && (b[n-5] == '+' || b[n-5] == '-') && isDigits(b[n-4:]) {
		c := append(buf[:0], b[:n-2]...)
		c = append(c, ':')
		b = append(c, b[n-2:]...)
	}
	t, err := parser.ParseRFC3339(b)
	return t.UTC(), err
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func quote(s []byte) string { return strconv.Quote(clip(s)) }

func clip(s []byte) string {
	if len(s) > 64 {
		return string(s[:64]) + "…"
	}
	return string(s)
}

type transport struct {
	name, keyword, iana string
	number              uint8
}

// transports maps Suricata's protocol names (matched without regard to
// case) to IANA numbers and ECS network.transport keywords.
var transports = []transport{
	{"TCP", "tcp", "6", 6}, {"UDP", "udp", "17", 17}, {"ICMP", "icmp", "1", 1},
	{"IPv6-ICMP", "ipv6-icmp", "58", 58}, {"ICMPv6", "ipv6-icmp", "58", 58}, {"SCTP", "sctp", "132", 132},
	{"GRE", "gre", "47", 47}, {"ESP", "esp", "50", 50}, {"AH", "ah", "51", 51}, {"IGMP", "igmp", "2", 2},
	{"IPv6", "ipv6", "41", 41}, {"PIM", "pim", "103", 103},
}

func transportOf(b []byte) (transport, bool) {
	for _, t := range transports {
		if len(b) == len(t.name) && bytes.EqualFold(b, []byte(t.name)) {
			return t, true
		}
	}
	return transport{}, false
}

func isLower(b []byte) bool {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

func (n *normalizer) emit(ev *ecs.Event) error {
	// @timestamp: the event's own time, else the record's creation time.
	var ts time.Time
	if b := str(n.timestamp); b != nil {
		t, err := parseTime(b)
		if err != nil {
			return fmt.Errorf("event.timestamp %s is not a time: %v", quote(b), err)
		}
		ts = t
	} else if n.timestamp != nil {
		return fmt.Errorf("event.timestamp is a JSON %s, not a time string", n.timestamp.Type())
	}
	if n.eventTimestamp != nil {
		secs, ok := uintOf(n.eventTimestamp)
		if !ok || secs > 1<<40 {
			return fmt.Errorf("event_timestamp %s is not epoch seconds", clip(n.eventTimestamp.MarshalTo(nil)))
		}
		created := time.Unix(int64(secs), 0).UTC()
		ev.Date("aws.networkfirewall.event_timestamp", created)
		if ts.IsZero() {
			ts = created
		}
	}
	if ts.IsZero() {
		return fmt.Errorf("the record has neither event.timestamp nor event_timestamp")
	}
	ev.Date("@timestamp", ts)

	// Addresses and ports.
	src, err := n.addr(n.srcIP, "src_ip")
	if err != nil {
		return err
	}
	dst, err := n.addr(n.destIP, "dest_ip")
	if err != nil {
		return err
	}
	srcPort, srcPortOK, err := n.port(n.srcPort, "src_port")
	if err != nil {
		return err
	}
	dstPort, dstPortOK, err := n.port(n.destPort, "dest_port")
	if err != nil {
		return err
	}
	if src.IsValid() {
		n.scratch = src.AppendTo(n.scratch[:0])
		ev.KeywordBytes("source.address", n.scratch)
		ev.IP("source.ip", src)
	}
	if srcPortOK {
		ev.Long("source.port", int64(srcPort))
	}
	if dst.IsValid() {
		n.scratch = dst.AppendTo(n.scratch[:0])
		ev.KeywordBytes("destination.address", n.scratch)
		ev.IP("destination.ip", dst)
	}
	if dstPortOK {
		ev.Long("destination.port", int64(dstPort))
	}
	var related [2]netip.Addr
	nrel := 0
	for _, a := range []netip.Addr{src, dst} {
		if a.IsValid() && (nrel == 0 || related[0] != a) {
			related[nrel] = a
			nrel++
		}
	}
	if nrel > 0 {
		ev.IPs("related.ip", related[:nrel]...)
	}

	// Network.
	proto, protoKnown := uint8(0), false
	if b := str(n.proto); b != nil {
		if t, ok := transportOf(b); ok {
			proto, protoKnown = t.number, true
			ev.Keyword("network.transport", t.keyword)
			ev.Keyword("network.iana_number", t.iana)
		} else if u, ok := parser.ParseUint(b); ok && u <= 255 {
			proto, protoKnown = uint8(u), true
			ev.KeywordBytes("network.iana_number", b)
		} else {
			ev.Keyword("network.transport", strings.ToLower(string(b)))
		}
		ev.KeywordBytes("aws.networkfirewall.proto", b)
	} else if n.proto != nil {
		n.keep("event", []byte("proto"), n.proto)
	} else if n.isTLSLog() {
		// TLS log records name no protocol, but TLS inspection only ever
		// sees TCP connections: with the transport known they get a
		// community ID that pivots to the connection's flow and alerts.
		proto, protoKnown = communityid.ProtoTCP, true
		ev.Keyword("network.transport", "tcp")
		ev.Keyword("network.iana_number", "6")
	}
	if src.IsValid() {
		if src.Is4() {
			ev.Keyword("network.type", "ipv4")
		} else {
			ev.Keyword("network.type", "ipv6")
		}
	}
	if b := str(n.appProto); b != nil {
		ev.KeywordBytes("aws.networkfirewall.app_proto", b)
		switch string(b) {
		case "unknown", "failed":
			// Suricata could not tell the application protocol.
		default:
			if isLower(b) {
				ev.KeywordBytes("network.protocol", b)
			} else {
				ev.Keyword("network.protocol", strings.ToLower(string(b)))
			}
		}
	} else if n.appProto != nil {
		n.keep("event", []byte("app_proto"), n.appProto)
	}
	n.community(ev, src, dst, proto, protoKnown, srcPort, dstPort, srcPortOK && dstPortOK)

	// Vendor scalars.
	if n.flowID != nil {
		if u, ok := uintOf(n.flowID); ok {
			n.scratch = strconv.AppendUint(n.scratch[:0], u, 10)
			ev.RawJSON("aws.networkfirewall.flow_id", n.scratch)
		} else {
			n.keep("event", []byte("flow_id"), n.flowID)
		}
	}
	if t, ok := uintOf(n.icmpType); ok && t <= 255 {
		ev.Long("aws.networkfirewall.icmp_type", int64(t))
	} else if n.icmpType != nil {
		n.keep("event", []byte("icmp_type"), n.icmpType)
	}
	if c, ok := uintOf(n.icmpCode); ok && c <= 255 {
		ev.Long("aws.networkfirewall.icmp_code", int64(c))
	} else if n.icmpCode != nil {
		n.keep("event", []byte("icmp_code"), n.icmpCode)
	}
	if n.txID != nil {
		if u, ok := uintOf(n.txID); ok && u <= 1<<63-1 {
			ev.Long("aws.networkfirewall.tx_id", int64(u))
		} else {
			n.keep("event", []byte("tx_id"), n.txID)
		}
	}
	if n.tlsInspected != nil {
		if b, err := n.tlsInspected.Bool(); err == nil {
			ev.Bool("aws.networkfirewall.tls_inspected", b)
		} else {
			n.keep("event", []byte("tls_inspected"), n.tlsInspected)
		}
	}
	eventType := str(n.eventType)
	ev.KeywordBytes("aws.networkfirewall.event_type", eventType)
	if n.eventType != nil && eventType == nil {
		n.keep("event", []byte("event_type"), n.eventType)
	}
	if cats := n.awsCategory; cats != nil {
		var list []string
		if arr, err := cats.Array(); err == nil {
			for _, c := range arr {
				if b := str(c); b != nil {
					list = append(list, string(b))
				}
			}
		}
		if len(list) > 0 {
			ev.Keywords("aws.networkfirewall.aws_category", list...)
		} else {
			n.keep("", []byte("aws_category"), cats)
		}
	}

	// Observer and cloud.
	if b := str(n.firewallName); b != nil {
		ev.KeywordBytes("observer.name", b)
	} else if n.firewallName != nil {
		n.keep("", []byte("firewall_name"), n.firewallName)
	}
	ev.Keyword("observer.type", "firewall")
	ev.Keyword("observer.vendor", "AWS")
	ev.Keyword("observer.product", "Network Firewall")
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.account.id", n.key.account)
	az := str(n.az)
	if n.az != nil && az == nil {
		n.keep("", []byte("availability_zone"), n.az)
	}
	ev.KeywordBytes("cloud.availability_zone", az)
	if n.key.region != "" {
		ev.Keyword("cloud.region", n.key.region)
	} else if r := regionOfZone(az); r != nil {
		ev.KeywordBytes("cloud.region", r)
	}

	// What the record is.
	var err2 error
	switch {
	case string(eventType) == "alert" || n.alert != nil:
		err2 = n.emitAlert(ev)
	case string(eventType) == "netflow" || n.netflow != nil:
		err2 = n.emitNetflow(ev)
	case n.isTLSLog():
		n.emitTLSLog(ev)
	default:
		ev.Keyword("event.kind", "event")
		ev.Keywords("event.category", "network")
		ev.Keywords("event.type", "connection")
	}
	if err2 != nil {
		return err2
	}
	if n.netflow != nil && string(eventType) != "netflow" {
		n.keep("event", []byte("netflow"), n.netflow)
	}
	n.emitTCP(ev)
	n.emitHTTP(ev)
	n.emitTLS(ev)
	n.emitDNS(ev)
	n.emitOther(ev)
	return nil
}

// isTLSLog tells a record of the TLS log (a TLS error or a certificate
// revocation check) from flow and alert records.
func (n *normalizer) isTLSLog() bool {
	return (n.tlsError != nil || n.revocation != nil) && n.alert == nil && n.netflow == nil &&
		string(str(n.eventType)) != "alert" && string(str(n.eventType)) != "netflow"
}

// regionOfZone returns the region of a standard Availability Zone name
// (us-east-2a -> us-east-2), nil for others (Local and Wavelength Zones).
func regionOfZone(az []byte) []byte {
	n := len(az)
	if n < 4 || az[n-1] < 'a' || az[n-1] > 'z' || az[n-2] < '0' || az[n-2] > '9' {
		return nil
	}
	r := az[:n-1]
	if parts := bytes.Count(r, []byte("-")); parts != 2 && !(parts == 3 && bytes.Contains(r, []byte("-gov-"))) {
		return nil
	}
	return r
}

func (n *normalizer) addr(v *fastjson.Value, name string) (netip.Addr, error) {
	if v == nil {
		return netip.Addr{}, nil
	}
	b := str(v)
	if b == nil {
		if v.Type() == fastjson.TypeString {
			return netip.Addr{}, nil
		}
		return netip.Addr{}, fmt.Errorf("event.%s is a JSON %s, not an address", name, v.Type())
	}
	a, ok := parser.ParseAddrDropZone(b)
	if !ok {
		return netip.Addr{}, fmt.Errorf("event.%s %s is not an IPv4 or IPv6 address", name, quote(b))
	}
	return a.Unmap(), nil
}

func (n *normalizer) port(v *fastjson.Value, name string) (uint16, bool, error) {
	if v == nil || str(v) == nil && v.Type() == fastjson.TypeString {
		return 0, false, nil
	}
	u, ok := uintOf(v)
	if !ok || u > 65535 {
		return 0, false, fmt.Errorf("event.%s %s is not a port (an integer from 0 to 65535)", name, clip(v.MarshalTo(nil)))
	}
	return uint16(u), true, nil
}

// community sets network.community_id: Suricata's own when the record has
// one, else computed (version 1, seed 0). ICMP needs the type and code,
// which only alert records may carry (icmp_type, icmp_code).
func (n *normalizer) community(ev *ecs.Event, src, dst netip.Addr, proto uint8, protoKnown bool, sp, dp uint16, ports bool) {
	if b := str(n.communityID); b != nil {
		ev.KeywordBytes("network.community_id", b)
		return
	} else if n.communityID != nil {
		n.keep("event", []byte("community_id"), n.communityID)
	}
	if !protoKnown || !src.IsValid() || !dst.IsValid() {
		return
	}
	f := communityid.Flow{Src: src, Dst: dst, Proto: proto}
	switch proto {
	case communityid.ProtoICMP, communityid.ProtoICMPv6:
		t, ok1 := uintOf(n.icmpType)
		c, ok2 := uintOf(n.icmpCode)
		if !ok1 || !ok2 || t > 255 || c > 255 {
			return
		}
		f.SrcPort, f.DstPort = uint16(t), uint16(c)
	case communityid.ProtoTCP, communityid.ProtoUDP, communityid.ProtoSCTP:
		if !ports {
			return
		}
		f.SrcPort, f.DstPort = sp, dp
	}
	var buf [communityid.Len]byte
	if id, ok := communityid.Append(buf[:0], 0, f); ok {
		ev.KeywordBytes("network.community_id", id)
	}
}
