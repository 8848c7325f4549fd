// Package communityid computes Community ID flow hashes, version 1 of the
// specification published by Corelight (github.com/corelight/community-id-spec),
// the flow identifier that Zeek, Suricata, Arkime, Wireshark and Elastic write
// as network.community_id, so that one flow can be joined across their logs.
//
// An ID is "1:" followed by the standard base64 encoding of the SHA-1 digest
// of, in order: the seed (2 bytes, big-endian), the two addresses (4 bytes
// each for IPv4, 16 for IPv6), the IP protocol number (1 byte), a zero pad
// byte and, for protocols with ports, the two ports (2 bytes each,
// big-endian). The endpoints are ordered first so that both directions of a
// flow give the same ID: the endpoint with the smaller address comes first,
// and when the addresses are equal, the one with the smaller port.
//
// The seed defaults to 0, which is what every tool writes unless configured
// otherwise; a different seed gives IDs that only match IDs computed with
// the same seed.
//
// Ports are hashed for TCP (6), UDP (17) and SCTP (132). ICMP (1) and ICMPv6
// (58) have no ports: Flow.SrcPort holds the ICMP type and Flow.DstPort the
// ICMP code, and they are mapped as the specification (after Zeek) says. A
// request or reply type with a counterpart (echo, timestamp, information,
// router solicitation/advertisement, address mask for ICMP; echo, multicast
// listener query/report, router and neighbor solicitation/advertisement,
// node information (who-are-you) and home agent address discovery for ICMPv6)
// hashes as the port pair (type, counterpart type) and is ordered like any
// flow, so that a request and its reply share an ID. Every other type is
// one-way: it hashes as (type, code) and its endpoints are never swapped.
// Every other protocol hashes without ports, whatever SrcPort and DstPort
// hold.
//
// Choices this package makes where the specification is silent:
//
//   - An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is hashed as the IPv4
//     address it maps, as Elastic's community_id processor does; IPv6 zones
//     are ignored.
//   - No ID is computed (ok is false) when an address is invalid, or when
//     the two addresses are of different families: no packet carries an
//     IPv4 and an IPv6 address, so such a pair is a logging artefact, and
//     hashing it would give an ID that no monitor can produce. Nor is one
//     computed for an ICMP or ICMPv6 "type" above 255, which no packet
//     can carry.
//   - A caller that does not know an ICMP flow's type and code (a flow
//     log that writes 0 for both) should compute no ID rather than pass
//     zeros: type 0 is an echo reply, which would give the two directions
//     of a ping different IDs.
//
// Append writes into a caller's buffer and allocates nothing; ID is the
// convenience form with the default seed.
package communityid

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"net/netip"
)

// IP protocol numbers the specification treats specially.
const (
	ProtoICMP   = 1
	ProtoTCP    = 6
	ProtoUDP    = 17
	ProtoICMPv6 = 58
	ProtoSCTP   = 132
)

// Prefix is the version prefix of every ID this package computes.
const Prefix = "1:"

// Len is the length of an ID: the prefix and 28 characters of base64.
const Len = len(Prefix) + 28

// Flow is a flow's tuple as a monitor saw it, source first.
type Flow struct {
	Src, Dst netip.Addr
	// SrcPort and DstPort are the ports for TCP, UDP and SCTP, and the
	// ICMP type and code for ICMP and ICMPv6; other protocols ignore them.
	SrcPort, DstPort uint16
	// Proto is the IP protocol number (IANA), e.g. 6 for TCP.
	Proto uint8
}

// icmpCounterpart maps the ICMP types that come in request/reply pairs to
// their counterparts, plus one, so that zero means "one-way".
var icmpCounterpart = [256]uint8{
	8: 0 + 1, 0: 8 + 1, // echo request, echo reply
	13: 14 + 1, 14: 13 + 1, // timestamp, timestamp reply
	15: 16 + 1, 16: 15 + 1, // information request, reply
	10: 9 + 1, 9: 10 + 1, // router solicitation, advertisement
	17: 18 + 1, 18: 17 + 1, // address mask request, reply
}

// icmp6Counterpart is icmpCounterpart for ICMPv6.
var icmp6Counterpart = [256]uint8{
	128: 129 + 1, 129: 128 + 1, // echo request, reply
	130: 131 + 1, 131: 130 + 1, // multicast listener query, report
	133: 134 + 1, 134: 133 + 1, // router solicitation, advertisement
	135: 136 + 1, 136: 135 + 1, // neighbor solicitation, advertisement
	139: 140 + 1, 140: 139 + 1, // node information (who-are-you) query, reply
	144: 145 + 1, 145: 144 + 1, // home agent address discovery request, reply
}

// Append appends f's Community ID computed with seed to dst. ok is false,
// and dst returned unchanged, when no ID can be computed: an address is
// invalid, or the addresses are of different families.
func Append(dst []byte, seed uint16, f Flow) (_ []byte, ok bool) {
	src, dstAddr := f.Src.Unmap(), f.Dst.Unmap()
	if !src.IsValid() || !dstAddr.IsValid() || src.Is4() != dstAddr.Is4() {
		return dst, false
	}
	sport, dport := f.SrcPort, f.DstPort
	ports, oneWay := false, false
	switch f.Proto {
	case ProtoTCP, ProtoUDP, ProtoSCTP:
		ports = true
	case ProtoICMP, ProtoICMPv6:
		ports = true
		table := &icmpCounterpart
		if f.Proto == ProtoICMPv6 {
			table = &icmp6Counterpart
		}
		if sport > 255 {
			// A type is one byte: a larger value is not an ICMP type, and
			// hashing it as one would fake an ID no monitor computes.
			return dst, false
		}
		if c := table[sport]; c != 0 {
			dport = uint16(c - 1)
		} else {
			oneWay = true
		}
	}

	var a, b [16]byte
	var sa, da []byte
	if src.Is4() {
		a4, b4 := src.As4(), dstAddr.As4()
		copy(a[:], a4[:])
		copy(b[:], b4[:])
		sa, da = a[:4], b[:4]
	} else {
		a, b = src.As16(), dstAddr.As16()
		sa, da = a[:], b[:]
	}
	if !oneWay {
		c := bytes.Compare(sa, da)
		if c > 0 || (c == 0 && ports && sport > dport) {
			sa, da = da, sa
			sport, dport = dport, sport
		}
	}

	var buf [2 + 16 + 16 + 2 + 4]byte
	buf[0], buf[1] = byte(seed>>8), byte(seed)
	n := 2
	n += copy(buf[n:], sa)
	n += copy(buf[n:], da)
	buf[n], buf[n+1] = f.Proto, 0
	n += 2
	if ports {
		buf[n], buf[n+1], buf[n+2], buf[n+3] = byte(sport>>8), byte(sport), byte(dport>>8), byte(dport)
		n += 4
	}
	sum := sha1.Sum(buf[:n])
	dst = append(dst, Prefix...)
	return base64.StdEncoding.AppendEncode(dst, sum[:]), true
}

// ID returns f's Community ID with the default seed 0, or ok false when
// none can be computed (see Append).
func ID(f Flow) (id string, ok bool) {
	var buf [Len]byte
	b, ok := Append(buf[:0], 0, f)
	return string(b), ok
}
