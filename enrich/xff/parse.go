package xff

import (
	"net/netip"
)

// Skipped counts the entries of a chain that are not addresses.
type Skipped struct {
	// Unknown counts "unknown" entries, which proxies write for a hop
	// whose address they do not know or will not tell.
	Unknown int
	// Malformed counts entries that are neither an address nor
	// "unknown": host names, obfuscated identifiers, garbage.
	Malformed int
	// FirstMalformed is the first malformed entry, a slice of the input
	// (not a copy), for messages.
	FirstMalformed []byte
}

// AppendChain parses an X-Forwarded-For header value and appends its
// addresses to dst, in header order (client first, nearest proxy last).
//
// Entries are separated by commas, blanks or both, and may be wrapped in
// double quotes, prefixed with "for=" (the RFC 7239 Forwarded
// form), carry a port ("192.0.2.1:8080", "[2001:db8::1]:443") or an IPv6
// zone; ports and zones are dropped, and IPv4-mapped IPv6 addresses are
// returned as IPv4. Empty entries are ignored; "unknown" and malformed
// entries are skipped and counted. It never fails: whatever part of the
// header is usable is returned. IPv4 entries are parsed without
// allocating.
func AppendChain(dst []netip.Addr, header []byte) ([]netip.Addr, Skipped) {
	var sk Skipped
	for len(header) > 0 {
		entry := header
		header = nil
		for i, c := range entry {
			if c == ',' || c == ' ' || c == '\t' {
				entry, header = entry[:i], entry[i+1:]
				break
			}
		}
		entry = trimEntry(entry)
		if len(entry) == 0 {
			continue
		}
		if len(entry) >= 4 && lower(entry[0]) == 'f' && lower(entry[1]) == 'o' && lower(entry[2]) == 'r' && entry[3] == '=' {
			if entry = trimEntry(entry[4:]); len(entry) == 0 {
				continue
			}
		}
		if isUnknown(entry) {
			sk.Unknown++
			continue
		}
		ip, ok := parseEntry(entry)
		if !ok {
			if sk.Malformed == 0 {
				sk.FirstMalformed = entry
			}
			sk.Malformed++
			continue
		}
		dst = append(dst, ip)
	}
	return dst, sk
}

// trimEntry drops surrounding double quotes and blanks. Quotes are
// dropped one side at a time, as an entry split at a blank inside quotes
// keeps only one of them.
func trimEntry(b []byte) []byte {
	for len(b) > 0 && (b[0] == '"' || b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == '"' || b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isUnknown(b []byte) bool {
	const u = "unknown"
	if len(b) != len(u) {
		return false
	}
	for i := range len(u) {
		if lower(b[i]) != u[i] {
			return false
		}
	}
	return true
}

// parseEntry parses one address, with an optional port.
func parseEntry(b []byte) (netip.Addr, bool) {
	if b[0] == '[' {
		end := -1
		for i, c := range b {
			if c == ']' {
				end = i
				break
			}
		}
		if end < 0 || !validPortSuffix(b[end+1:]) {
			return netip.Addr{}, false
		}
		return parseAddr(b[1:end])
	}
	if ip, ok := parseIPv4(b); ok {
		return ip, true
	}
	colons, lastColon := 0, -1
	for i, c := range b {
		if c == ':' {
			colons++
			lastColon = i
		}
	}
	if colons == 1 { // IPv4 with a port
		if !validPortSuffix(b[lastColon:]) {
			return netip.Addr{}, false
		}
		return parseIPv4(b[:lastColon])
	}
	return parseAddr(b)
}

// validPortSuffix reports whether b is empty or ":" followed by a port.
func validPortSuffix(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	if b[0] != ':' || len(b) < 2 || len(b) > 6 {
		return false
	}
	port := 0
	for _, c := range b[1:] {
		if c < '0' || c > '9' {
			return false
		}
		port = port*10 + int(c-'0')
	}
	return port <= 65535
}

// parseAddr parses an IPv4 or IPv6 address, dropping a zone and the IPv4
// mapping.
func parseAddr(b []byte) (netip.Addr, bool) {
	if ip, ok := parseIPv4(b); ok {
		return ip, true
	}
	// Screen out what cannot be IPv6 before netip sees it: converting to
	// a string allocates, and so does each parse error. The longest IPv6
	// text form is 45 bytes; a zone may follow.
	if len(b) < 2 || len(b) > 45+1+32 {
		return netip.Addr{}, false
	}
	for i, c := range b {
		if c == '%' {
			if i == 0 {
				return netip.Addr{}, false
			}
			b = b[:i] // zones are dropped anyway
			break
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.') {
			return netip.Addr{}, false
		}
	}
	ip, err := netip.ParseAddr(string(b))
	if err != nil || !ip.Is6() {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}

// parseIPv4 parses a dotted-quad address without allocating. ok is false
// for anything else, including forms netip refuses (leading zeros).
func parseIPv4(b []byte) (ip netip.Addr, ok bool) {
	var a [4]byte
	part, digits, val := 0, 0, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			if digits > 0 && val == 0 {
				return netip.Addr{}, false
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return netip.Addr{}, false
			}
		case c == '.' && digits > 0 && part < 3:
			a[part] = byte(val)
			part++
			digits, val = 0, 0
		default:
			return netip.Addr{}, false
		}
	}
	if part != 3 || digits == 0 {
		return netip.Addr{}, false
	}
	a[3] = byte(val)
	return netip.AddrFrom4(a), true
}
