package parser

import (
	"bytes"
	"net/netip"
)

// ParseAddr parses an IPv4 or IPv6 address in its textual form, straight
// from the bytes of a record. It accepts exactly what net/netip.ParseAddr
// accepts, except zones ("fe80::1%eth0"), which it refuses: dotted quads
// without leading zeros, and the RFC 4291 IPv6 forms with "::" and an
// optional dotted IPv4 tail. An IPv4-mapped address stays IPv6, as netip
// returns it.
//
// It exists because netip.ParseAddr takes a string: converting each
// address field to one allocates, once per field and record, which at
// millions of records a second is a large share of the time spent on a
// record. ParseAddr never allocates.
func ParseAddr(b []byte) (netip.Addr, bool) {
	for _, c := range b {
		switch c {
		case '.':
			return parseIPv4(b)
		case ':':
			return parseIPv6(b)
		}
	}
	return netip.Addr{}, false
}

// parseIPv4 accepts four decimal octets without leading zeros, which
// netip refuses as ambiguous (octal to some parsers).
func parseIPv4(b []byte) (netip.Addr, bool) {
	var ip [4]byte
	octet, val, digits := 0, 0, 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			if digits == 1 && val == 0 {
				return netip.Addr{}, false // leading zero
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return netip.Addr{}, false
			}
			continue
		}
		if c != '.' || digits == 0 || octet == 3 {
			return netip.Addr{}, false
		}
		ip[octet] = byte(val)
		octet++
		val, digits = 0, 0
	}
	if octet != 3 || digits == 0 {
		return netip.Addr{}, false
	}
	ip[3] = byte(val)
	return netip.AddrFrom4(ip), true
}

// parseIPv6 accepts up to eight groups of one to four hex digits, one "::"
// standing for at least one zero group, and an optional dotted IPv4 tail
// in the last 32 bits.
func parseIPv6(b []byte) (netip.Addr, bool) {
	var ip [16]byte
	ellipsis := -1 // byte index in ip where "::" stands, -1 when none
	if len(b) >= 2 && b[0] == ':' && b[1] == ':' {
		ellipsis = 0
		b = b[2:]
		if len(b) == 0 {
			return netip.IPv6Unspecified(), true
		}
	}
	i := 0
	for i < 16 {
		n, acc := 0, 0
		for n < len(b) {
			d := hexValue(b[n])
			if d < 0 {
				break
			}
			acc = acc<<4 | d
			n++
			if n > 4 {
				return netip.Addr{}, false
			}
		}
		if n == 0 {
			return netip.Addr{}, false
		}
		if n < len(b) && b[n] == '.' {
			// The rest is a dotted IPv4 address filling the last 32 bits.
			if (ellipsis < 0 && i != 12) || i > 12 {
				return netip.Addr{}, false
			}
			v4, ok := parseIPv4(b)
			if !ok {
				return netip.Addr{}, false
			}
			a4 := v4.As4()
			copy(ip[i:], a4[:])
			i += 4
			b = b[:0]
			break
		}
		ip[i] = byte(acc >> 8)
		ip[i+1] = byte(acc)
		i += 2
		b = b[n:]
		if len(b) == 0 {
			break
		}
		if b[0] != ':' || len(b) == 1 {
			return netip.Addr{}, false
		}
		b = b[1:]
		if b[0] == ':' {
			if ellipsis >= 0 {
				return netip.Addr{}, false // a second "::"
			}
			ellipsis = i
			b = b[1:]
			if len(b) == 0 {
				break
			}
		}
	}
	if len(b) != 0 {
		return netip.Addr{}, false
	}
	if i < 16 {
		if ellipsis < 0 {
			return netip.Addr{}, false
		}
		shift := 16 - i
		for j := i - 1; j >= ellipsis; j-- {
			ip[j+shift] = ip[j]
		}
		clear(ip[ellipsis : ellipsis+shift])
	} else if ellipsis >= 0 {
		return netip.Addr{}, false // "::" must stand for at least one group
	}
	return netip.AddrFrom16(ip), true
}

func hexValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// ParseAddrDropZone is ParseAddr for fields that may carry an IPv6 zone
// ("fe80::1%eth0"): it accepts what net/netip.ParseAddr accepts and drops
// the zone, which names a link, not a host, and which ECS ip fields
// cannot hold. The zone is looked for only once the address failed to
// parse, so zone-free input costs nothing extra.
func ParseAddrDropZone(b []byte) (netip.Addr, bool) {
	if ip, ok := ParseAddr(b); ok {
		return ip, true
	}
	i := bytes.IndexByte(b, '%')
	if i < 0 || i == len(b)-1 { // netip refuses an empty zone
		return netip.Addr{}, false
	}
	ip, ok := ParseAddr(b[:i])
	if !ok || !ip.Is6() { // netip refuses a zone on IPv4
		return netip.Addr{}, false
	}
	return ip, true
}
