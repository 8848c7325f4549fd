package xff

import (
	"bytes"
	"net/netip"

	"github.com/siem-go/siem/parser"
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
// header is usable is returned. It does not allocate.
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
	if ip, ok := parser.ParseAddr(b); ok {
		return ip.Unmap(), true
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
		// No colon is left to make the host IPv6: this parses IPv4 only.
		return parser.ParseAddr(b[:lastColon])
	}
	return parseZoned(b)
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
	if ip, ok := parser.ParseAddr(b); ok {
		return ip.Unmap(), true
	}
	return parseZoned(b)
}

// maxZoned is the longest zoned address parseZoned accepts: room for the
// longest IPv6 text form (45 bytes), "%" and a 32-byte zone.
const maxZoned = 45 + 1 + 32

// parseZoned parses an IPv6 address with a zone, which it drops, and the
// IPv4 mapping with it. Zones are what parser.ParseAddr refuses; this
// accepts them, even empty ("fe80::1%", which netip refuses), provided the
// whole text fits in maxZoned bytes.
func parseZoned(b []byte) (netip.Addr, bool) {
	i := bytes.IndexByte(b, '%')
	if i <= 0 || len(b) > maxZoned {
		return netip.Addr{}, false
	}
	ip, ok := parser.ParseAddr(b[:i])
	if !ok || !ip.Is6() {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}
