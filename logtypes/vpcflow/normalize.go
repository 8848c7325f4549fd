package vpcflow

import (
	"fmt"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var (
	categoryNetwork   = []byte(`["network"]`)
	typeConnection    = []byte(`["connection"]`)
	typeAllowed       = []byte(`["connection","allowed"]`)
	typeDenied        = []byte(`["connection","denied"]`)
	columnBuffersPool = sync.Pool{New: func() any { return new([][]byte) }}
)

func (r *reader) Normalize(rec siem.Record, ev *ecs.Event) error {
	buf := columnBuffersPool.Get().(*[][]byte)
	cols := parser.SplitFields(rec.Data, (*buf)[:0])
	l := r.layout
	if l == nil {
		// Records given one at a time (siem.Stream) come without the
		// object's first line: they are read as a default format, told
		// by their column count, as a headerless object's are.
		l = headerlessLayouts[len(cols)]
	}
	var err error
	if l == nil {
		err = fmt.Errorf("a flow log record given on its own must be in a default format (14 columns for VPC, 36 for Transit Gateway; also 29 or 40 for all VPC fields in documented order), but it has %d columns; process the whole object, whose header names a custom format's fields", len(cols))
	} else {
		err = l.normalize(cols, &r.key, ev)
	}
	// The slices still point into the record, whose batch buffer the
	// pipeline recycles anyway; clearing them would cost more than it saves.
	*buf = cols[:0]
	columnBuffersPool.Put(buf)
	return err
}

// value returns the column holding f, or nil when the format lacks it or
// the record has '-' there ("not applicable or could not be computed").
func (l *layout) value(cols [][]byte, f field) []byte {
	i := l.col[f]
	if i < 0 {
		return nil
	}
	v := cols[i]
	if isDash(v) {
		return nil
	}
	return v
}

func isDash(v []byte) bool { return len(v) == 1 && v[0] == '-' }

// flow holds a record's typed values once they have been checked. Absent
// numbers are -1.
type flow struct {
	start, end       int64
	src, dst         address
	pktSrc, pktDst   address
	srcPort, dstPort int64
	protocol         int64
	packets, bytes   int64
	// bigPackets and bigBytes hold a counter above 2^63-1, which ECS's
	// long fields cannot: the count is then kept under aws.vpcflow only.
	bigPackets, bigBytes uint64
	tcpFlags             int64
	action               []byte
	accountID, region    []byte
	typ, flowDirection   []byte
}

// address is a parsed address and its text as written.
type address struct {
	ip  netip.Addr
	raw []byte
}

// appendTo writes the address as a JSON string in canonical form.
// parser.ParseAddr returns IPv4 (Is4) only for a dotted quad without leading
// zeros, which is already canonical, so its text is copied rather than
// formatted again.
func (a address) appendTo(dst []byte) []byte {
	dst = append(dst, '"')
	if a.ip.Is4() {
		dst = append(dst, a.raw...)
	} else {
		dst = a.ip.Unmap().AppendTo(dst)
	}
	return append(dst, '"')
}

// normalize checks the record's columns, then sets the ECS fields in the
// order their paths sort: the event writes its JSON by sorting the fields,
// and nearly sorted input keeps that sort close to linear.
func (l *layout) normalize(cols [][]byte, key *keyInfo, ev *ecs.Event) error {
	if len(cols) != len(l.columns) {
		return fmt.Errorf("the record has %d columns but the format has %d (%s); the line is truncated or corrupt, or the flow log's format changed within the file", len(cols), len(l.columns), l.describe)
	}
	var f flow
	if err := l.parse(cols, &f); err != nil {
		return err
	}
	var scratch [256]byte

	// Like Elastic and the reference loader, @timestamp is the end of the
	// flow's aggregation window: the time by which everything the record
	// counts had happened. Formats without start and end (the NAT gateway
	// example of the AWS documentation) fall back to the delivery time in
	// the file name.
	switch {
	case f.end >= 0:
		ev.Date("@timestamp", time.Unix(f.end, 0))
	case f.start >= 0:
		ev.Date("@timestamp", time.Unix(f.start, 0))
	case !key.delivered.IsZero():
		ev.Date("@timestamp", key.delivered)
	default:
		return fmt.Errorf("the record has no start or end time (%s) and the object key carries no delivery time (…_YYYYMMDDTHHmmZ_… in the file name) to fall back on; add start or end to the flow log format", l.describe)
	}

	// aws.vpcflow.*, in path order.
	for _, i := range l.vendor {
		v := cols[i]
		if isDash(v) {
			continue
		}
		c := &l.columns[i]
		switch c.kind {
		case kindKeyword:
			setKeyword(ev, c.path, v)
		case kindAddress:
			// parse read every address column with ParseAddr, which
			// takes only digits, hex, dots and colons.
			ev.KeywordPlainBytes(c.path, v)
		case kindCount:
			n, ok := parser.ParseUint(v)
			if !ok {
				return l.badValue(int(i), v, "a count must be an integer from 0 to 2^64-1")
			}
			if canonical(v) {
				ev.RawJSON(c.path, v)
			} else {
				ev.RawJSON(c.path, strconv.AppendUint(scratch[:0], n, 10))
			}
		case kindTCPFlags:
			ev.KeywordBytes(c.path, v)
			ev.RawJSON(c.arrayPath, tcpFlagArrays[f.tcpFlags&63])
		}
	}

	// The account-id column names the owner of the interface; "unknown"
	// marks interfaces AWS services created, and then the account that owns
	// the flow log (from the key) is the best ECS cloud.account.id.
	// The key's account and region matched [0-9] and [a-z0-9-]: plain.
	if f.accountID != nil && string(f.accountID) != "unknown" {
		setKeyword(ev, "cloud.account.id", f.accountID)
	} else {
		ev.KeywordPlain("cloud.account.id", key.account)
	}
	ev.KeywordBytes("cloud.availability_zone", l.value(cols, fieldAZID))
	ev.KeywordBytes("cloud.instance.id", l.value(cols, fieldInstanceID))
	ev.RawJSON("cloud.provider", jsonAWS)
	if f.region != nil {
		ev.KeywordBytes("cloud.region", f.region)
	} else {
		ev.KeywordPlain("cloud.region", key.region)
	}
	ev.KeywordBytes("container.id", l.value(cols, fieldECSContainerID))

	if f.dst.ip.IsValid() {
		ev.KeywordPlainBytes("destination.address", f.dst.raw) // ParseAddr proved it plain
		ev.RawJSON("destination.ip", f.dst.appendTo(scratch[:0]))
	}
	if f.dstPort >= 0 {
		setNumber(ev, "destination.port", f.dstPort, l.value(cols, fieldDstPort))
	}

	switch string(f.action) {
	case "ACCEPT":
		ev.RawJSON("event.action", jsonAccept)
	case "REJECT":
		ev.RawJSON("event.action", jsonReject)
	default:
		ev.KeywordBytes("event.action", f.action)
	}
	ev.RawJSON("event.category", categoryNetwork)
	if f.end >= 0 {
		ev.RawJSON("event.end", appendEpochJSON(scratch[:0], f.end))
	}
	ev.RawJSON("event.kind", jsonEvent)
	eventType := typeConnection
	switch string(f.action) {
	case "ACCEPT":
		ev.RawJSON("event.outcome", jsonSuccess)
		eventType = typeAllowed
	case "REJECT":
		ev.RawJSON("event.outcome", jsonFailure)
		eventType = typeDenied
	}
	ev.KeywordBytes("event.reason", l.value(cols, fieldRejectReason))
	if f.start >= 0 {
		ev.RawJSON("event.start", appendEpochJSON(scratch[:0], f.start))
	}
	ev.RawJSON("event.type", eventType)

	if f.bytes >= 0 {
		setNumber(ev, "network.bytes", f.bytes, l.value(cols, fieldBytes))
	}
	if f.bigBytes > 0 {
		ev.RawJSON("aws.vpcflow.bytes", strconv.AppendUint(scratch[:0], f.bigBytes, 10))
	}
	if f.bigPackets > 0 {
		ev.RawJSON("aws.vpcflow.packets", strconv.AppendUint(scratch[:0], f.bigPackets, 10))
	}
	if id, ok := f.communityID(scratch[:0]); ok {
		ev.KeywordBytes("network.community_id", id)
	}
	switch string(f.flowDirection) {
	case "ingress":
		ev.RawJSON("network.direction", jsonIngress)
	case "egress":
		ev.RawJSON("network.direction", jsonEgress)
	}
	if f.protocol >= 0 {
		ev.RawJSON("network.iana_number", protocolNumbersJSON[f.protocol])
	}
	if f.packets >= 0 {
		setNumber(ev, "network.packets", f.packets, l.value(cols, fieldPackets))
	}
	if f.protocol >= 0 {
		ev.RawJSON("network.transport", transportsJSON[f.protocol])
	}
	switch {
	case string(f.typ) == "IPv4":
		ev.RawJSON("network.type", jsonIPv4)
	case string(f.typ) == "IPv6":
		ev.RawJSON("network.type", jsonIPv6)
	case f.typ == nil && f.src.ip.IsValid():
		// Older formats have no type column; the address family says it.
		if f.src.ip.Unmap().Is4() {
			ev.RawJSON("network.type", jsonIPv4)
		} else {
			ev.RawJSON("network.type", jsonIPv6)
		}
	}

	ev.KeywordBytes("orchestrator.cluster.id", l.value(cols, fieldECSClusterARN))
	ev.KeywordBytes("orchestrator.cluster.name", l.value(cols, fieldECSClusterName))
	ev.KeywordBytes("orchestrator.resource.id", l.value(cols, fieldECSContainerInstanceID))
	ev.KeywordBytes("orchestrator.resource.name", l.value(cols, fieldECSContainerInstanceARN))

	ev.RawJSON("related.ip", appendRelatedIPs(scratch[:0], f.src, f.dst, f.pktSrc, f.pktDst))
	ev.KeywordBytes("service.name", l.value(cols, fieldECSServiceName))

	if f.src.ip.IsValid() {
		ev.KeywordPlainBytes("source.address", f.src.raw) // ParseAddr proved it plain
	}
	if f.bytes >= 0 {
		setNumber(ev, "source.bytes", f.bytes, l.value(cols, fieldBytes))
	}
	if f.src.ip.IsValid() {
		ev.RawJSON("source.ip", f.src.appendTo(scratch[:0]))
	}
	if f.packets >= 0 {
		setNumber(ev, "source.packets", f.packets, l.value(cols, fieldPackets))
	}
	if f.srcPort >= 0 {
		setNumber(ev, "source.port", f.srcPort, l.value(cols, fieldSrcPort))
	}
	return nil
}

// communityID appends the flow's Community ID (seed 0) to dst. ok is false
// for a flow that has none: an address, the protocol or, for TCP, UDP and
// SCTP, a port is missing; the addresses are of different families; or the
// protocol is ICMP or ICMPv6, whose type and code a flow log does not
// carry (see the package documentation).
func (f *flow) communityID(dst []byte) ([]byte, bool) {
	if !f.src.ip.IsValid() || !f.dst.ip.IsValid() || f.protocol < 0 {
		return dst, false
	}
	switch f.protocol {
	case communityid.ProtoICMP, communityid.ProtoICMPv6:
		return dst, false
	case communityid.ProtoTCP, communityid.ProtoUDP, communityid.ProtoSCTP:
		if f.srcPort < 0 || f.dstPort < 0 {
			return dst, false
		}
	}
	fl := communityid.Flow{Src: f.src.ip, Dst: f.dst.ip, Proto: uint8(f.protocol)}
	if f.srcPort >= 0 && f.dstPort >= 0 {
		fl.SrcPort, fl.DstPort = uint16(f.srcPort), uint16(f.dstPort)
	}
	return communityid.Append(dst, 0, fl)
}

// parse checks every column the format documents as a number or an address
// and keeps the typed values.
func (l *layout) parse(cols [][]byte, f *flow) error {
	var err error
	if f.start, err = l.number(cols, fieldStart, maxEpoch, "times are Unix seconds"); err != nil {
		return err
	}
	if f.end, err = l.number(cols, fieldEnd, maxEpoch, "times are Unix seconds"); err != nil {
		return err
	}
	if f.src, err = l.address(cols, fieldSrcAddr); err != nil {
		return err
	}
	if f.dst, err = l.address(cols, fieldDstAddr); err != nil {
		return err
	}
	if f.pktSrc, err = l.address(cols, fieldPktSrcAddr); err != nil {
		return err
	}
	if f.pktDst, err = l.address(cols, fieldPktDstAddr); err != nil {
		return err
	}
	if f.srcPort, err = l.number(cols, fieldSrcPort, 65535, "a port is an integer from 0 to 65535"); err != nil {
		return err
	}
	if f.dstPort, err = l.number(cols, fieldDstPort, 65535, "a port is an integer from 0 to 65535"); err != nil {
		return err
	}
	if f.protocol, err = l.number(cols, fieldProtocol, 255, "an IANA protocol number is an integer from 0 to 255"); err != nil {
		return err
	}
	if f.start >= 0 && f.end >= 0 && f.end < f.start {
		return fmt.Errorf("the flow ends (end %d) before it starts (start %d): the record is corrupt, or its columns are shifted", f.end, f.start)
	}
	if f.packets, f.bigPackets, err = l.count(cols, fieldPackets, "a packet count must be an integer from 0 to 2^64-1"); err != nil {
		return err
	}
	if f.bytes, f.bigBytes, err = l.count(cols, fieldBytes, "a byte count must be an integer from 0 to 2^64-1"); err != nil {
		return err
	}
	if f.tcpFlags, err = l.number(cols, fieldTCPFlags, maxCount, "TCP flags are a non-negative integer bitmask"); err != nil {
		return err
	}
	f.action = l.value(cols, fieldAction)
	f.accountID = l.value(cols, fieldAccountID)
	f.region = l.value(cols, fieldRegion)
	f.typ = l.value(cols, fieldType)
	f.flowDirection = l.value(cols, fieldFlowDirection)
	return nil
}

const maxCount = 1<<63 - 1

// number returns the integer in f's column, -1 when absent.
func (l *layout) number(cols [][]byte, f field, limit int64, problem string) (int64, error) {
	v := l.value(cols, f)
	if v == nil {
		return -1, nil
	}
	n, ok := parser.ParseUint(v)
	if !ok || n > uint64(limit) {
		return -1, l.badValue(int(l.col[f]), v, problem)
	}
	return int64(n), nil
}

// count returns the counter in f's column: n, or -1 when absent or above
// 2^63-1, in which case big holds it.
func (l *layout) count(cols [][]byte, f field, problem string) (n int64, big uint64, err error) {
	v := l.value(cols, f)
	if v == nil {
		return -1, 0, nil
	}
	u, ok := parser.ParseUint(v)
	if !ok {
		return -1, 0, l.badValue(int(l.col[f]), v, problem)
	}
	if u > maxCount {
		return -1, u, nil
	}
	return int64(u), 0, nil
}

func (l *layout) address(cols [][]byte, f field) (address, error) {
	v := l.value(cols, f)
	if v == nil {
		return address{}, nil
	}
	ip, ok := parser.ParseAddr(v)
	if !ok {
		return address{}, l.badValue(int(l.col[f]), v, "not an IPv4 or IPv6 address")
	}
	return address{ip: ip, raw: v}, nil
}

// appendRelatedIPs writes the JSON array of the distinct valid addresses,
// or nothing when there is none.
func appendRelatedIPs(dst []byte, addrs ...address) []byte {
	n := 0
	for i, a := range addrs {
		if !a.ip.IsValid() || seenBefore(addrs[:i], a.ip) {
			continue
		}
		if n == 0 {
			dst = append(dst, '[')
		} else {
			dst = append(dst, ',')
		}
		dst = a.appendTo(dst)
		n++
	}
	if n == 0 {
		return dst
	}
	return append(dst, ']')
}

func seenBefore(addrs []address, ip netip.Addr) bool {
	for _, a := range addrs {
		if a.ip.IsValid() && a.ip.Unmap() == ip.Unmap() {
			return true
		}
	}
	return false
}

// badValue describes a column whose value cannot be what the format says
// it is. Records like that are dead-lettered: their columns are probably
// shifted, so none of their values can be trusted.
func (l *layout) badValue(col int, v []byte, problem string) error {
	const maxShown = 64
	shown := string(v)
	if len(shown) > maxShown {
		shown = shown[:maxShown] + "…"
	}
	return fmt.Errorf("column %d (%s) is %q: %s; the whole record is held back, as its columns may be shifted (check the line against the header)", col+1, l.columns[col].name, shown, problem)
}
