package linux

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var (
	typeConnectionDenied  = []string{"connection", "denied"}
	typeConnectionAllowed = []string{"connection", "allowed"}
)

// firewall reads a packet the kernel's netfilter LOG target logged
// (iptables, nftables, ufw, firewalld):
//
//	[UFW BLOCK] IN=eth0 OUT= MAC=.. SRC=203.0.113.7 DST=10.0.1.15 LEN=44 ...
//	    PROTO=TCP SPT=40000 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0
//
// The text before IN= is the rule's log prefix: rule.name, and whether
// the rule blocked or let the packet through when it says so (BLOCK,
// DROP, REJECT, DENY; ALLOW, ACCEPT). It reports whether msg was such a
// line.
func firewall(msg string, ev *ecs.Event, f *facts) bool {
	// The kernel's uptime stamp, "[ 8812.102934] ", when the syslog
	// daemon keeps it.
	if rest, ok := strings.CutPrefix(msg, "["); ok {
		if stamp, after, ok := strings.Cut(rest, "] "); ok && isUptime(stamp) {
			msg = after
		}
	}
	in := strings.Index(msg, "IN=")
	if in < 0 || (in > 0 && msg[in-1] != ' ') || !strings.Contains(msg[in:], " SRC=") || !strings.Contains(msg[in:], " DST=") {
		return false
	}
	var src, dst netip.Addr
	var proto, sport, dport, icmpType, icmpCode, ifIn, ifOut, mac string
	for field := range strings.FieldsSeq(msg[in:]) {
		k, v, _ := strings.Cut(field, "=")
		switch k {
		case "IN":
			ifIn = v
		case "OUT":
			ifOut = v
		case "MAC":
			mac = v
		case "SRC":
			src, _ = parser.ParseAddrDropZone([]byte(v))
		case "DST":
			dst, _ = parser.ParseAddrDropZone([]byte(v))
		case "PROTO":
			proto = v
		case "SPT":
			sport = v
		case "DPT":
			dport = v
		case "TYPE":
			icmpType = v
		case "CODE":
			icmpCode = v
		}
	}
	if !src.IsValid() || !dst.IsValid() {
		return false
	}
	ev.IP("source.ip", src)
	ev.IP("destination.ip", dst)
	f.ip(src)
	f.ip(dst)
	port(ev, "source.port", sport)
	port(ev, "destination.port", dport)
	if src.Is4() {
		ev.Keyword("network.type", "ipv4")
	} else {
		ev.Keyword("network.type", "ipv6")
	}
	number, transport := protocol(proto)
	ev.Keyword("network.transport", transport)
	if number >= 0 {
		ev.Keyword("network.iana_number", strconv.Itoa(number))
		flow := communityid.Flow{Src: src, Dst: dst, Proto: uint8(number)}
		ok := true
		switch number {
		case communityid.ProtoICMP, communityid.ProtoICMPv6:
			t, err1 := strconv.ParseUint(icmpType, 10, 8)
			c, err2 := strconv.ParseUint(icmpCode, 10, 8)
			flow.SrcPort, flow.DstPort, ok = uint16(t), uint16(c), err1 == nil && err2 == nil
		case communityid.ProtoTCP, communityid.ProtoUDP, communityid.ProtoSCTP:
			sp, err1 := strconv.ParseUint(sport, 10, 16)
			dp, err2 := strconv.ParseUint(dport, 10, 16)
			flow.SrcPort, flow.DstPort, ok = uint16(sp), uint16(dp), err1 == nil && err2 == nil
		}
		var buf [communityid.Len]byte
		if id, idOK := communityid.Append(buf[:0], 0, flow); ok && idOK {
			ev.KeywordBytes("network.community_id", id)
		}
	}
	// The host's own interfaces: a packet in on one and out on none is
	// coming in, out on one and in on none going out; both is forwarded.
	ev.Keyword("observer.ingress.interface.name", ifIn)
	ev.Keyword("observer.egress.interface.name", ifOut)
	switch {
	case ifIn != "" && ifOut == "":
		ev.Keyword("network.direction", "ingress")
	case ifOut != "" && ifIn == "":
		ev.Keyword("network.direction", "egress")
	}
	// MAC= is the Ethernet header: destination, source and EtherType.
	// A header that is not hexadecimal stays only in the message.
	if parts := strings.Split(mac, ":"); len(parts) == 14 {
		if m, ok := ecs.MAC(strings.Join(parts[0:6], ":")); ok {
			ev.Keyword("destination.mac", m)
		}
		if m, ok := ecs.MAC(strings.Join(parts[6:12], ":")); ok {
			ev.Keyword("source.mac", m)
		}
	}
	prefix := strings.TrimSpace(msg[:in])
	prefix = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(prefix, "["), ":"), "]"))
	ev.Keyword("rule.name", prefix)
	switch upper := strings.ToUpper(prefix); {
	case strings.Contains(upper, "BLOCK"), strings.Contains(upper, "DROP"), strings.Contains(upper, "REJECT"), strings.Contains(upper, "DENY"):
		classify(ev, "firewall_blocked", catNetwork, typeConnectionDenied, "")
	case strings.Contains(upper, "ALLOW"), strings.Contains(upper, "ACCEPT"):
		classify(ev, "firewall_allowed", catNetwork, typeConnectionAllowed, "")
	default:
		classify(ev, "firewall_logged", catNetwork, typeConnection, "")
	}
	return true
}

// isUptime tells the kernel's " 8812.102934" stamp.
func isUptime(s string) bool {
	s = strings.TrimLeft(s, " ")
	whole, frac, ok := strings.Cut(s, ".")
	return ok && whole != "" && allDigits(whole) && frac != "" && allDigits(frac)
}

// protocol reads netfilter's PROTO: a name it knows (TCP, UDP, ICMP,
// ICMPv6, SCTP...) or the protocol number. It returns the IANA number
// (-1 when unknown) and the ECS network.transport name.
func protocol(p string) (int, string) {
	switch strings.ToUpper(p) {
	case "":
		return -1, ""
	case "TCP":
		return communityid.ProtoTCP, "tcp"
	case "UDP":
		return communityid.ProtoUDP, "udp"
	case "ICMP":
		return communityid.ProtoICMP, "icmp"
	case "ICMPV6":
		return communityid.ProtoICMPv6, "ipv6-icmp"
	case "SCTP":
		return communityid.ProtoSCTP, "sctp"
	case "UDPLITE":
		return 136, "udplite"
	case "GRE":
		return 47, "gre"
	case "ESP":
		return 50, "esp"
	case "AH":
		return 51, "ah"
	}
	if n, err := strconv.ParseUint(p, 10, 8); err == nil {
		return int(n), ""
	}
	return -1, strings.ToLower(p)
}
