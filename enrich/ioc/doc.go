// Package ioc matches events against indicators of compromise (IoCs):
// IP addresses and networks, domain names and URLs collected from
// threat-intelligence feeds.
//
// Indicators are compiled into a compact database file with Build (or
// Builder), usually from feeds read by package
// github.com/siem-go/siem/enrich/ioc/feed; the siem command does both with
// 'siem ioc fetch' and 'siem ioc build'. Load reads a file into a DB, and
// Open returns an Enricher over a file that it reloads when the file is
// replaced.
//
// # Matching
//
// Addresses are looked up in a prefix table (github.com/gaissmai/bart) and
// match every network that contains them, exact addresses and CIDR
// networks alike, IPv4 and IPv6; IPv4-mapped IPv6 addresses match as IPv4.
// Private, loopback and link-local addresses are checked like any other,
// so an indicator for 169.254.169.254 does match.
//
// Domain names match case-insensitively (ASCII only: internationalized
// names are compared as written, not converted to punycode) and a trailing
// dot is ignored. A domain indicator covers its subdomains:
// "a.b.evil.example" matches an indicator for "evil.example".
//
// URL indicators are matched by their host: an event naming exactly that
// host (a domain or an address) matches; subdomains of the host do not.
// That still makes a URL on a shared host (a code-hosting or file-sharing
// site) match all traffic to that host; the indicator type "url" in the
// output lets rules tell those matches apart. An event value that is itself a URL ("https://host/path")
// is looked up by its host.
//
// Every matching indicator is reported, most specific first, up to
// MaxEnrichments per event.
//
// # Output
//
// Each match becomes one element of the ECS array threat.enrichments:
//
//	{"indicator": {"type": "ipv4-addr", "provider": "tor", "name": "192.0.2.1",
//	               "ip": "192.0.2.1", "description": "...", "reference": "...",
//	               "confidence": "High", "first_seen": "...", "last_seen": "..."},
//	 "matched":   {"atomic": "192.0.2.1", "field": "source.ip",
//	               "type": "indicator_match_rule"}}
//
// Domain indicators carry their name in indicator.url.domain and URL
// indicators in indicator.url.full, as ECS has no other place for them.
// Nothing else in the event changes: event.kind stays what the log type
// set, and no threat.indicator fields are written (ECS keeps those for
// events that describe indicators, such as feed documents).
//
// # File format
//
// A database file is a 64-byte header (magic, format version, build time,
// counts and a checksum), a string table holding each distinct string
// once, fixed-size indicator records, and sorted key entries pointing at
// the records (see format.go for the layout). Loading checks the checksum
// and every index, so a damaged or half-written file is refused rather
// than misread. Indicators with the same type, key, URL and provider are
// stored once.
package ioc
