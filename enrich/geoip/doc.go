// Package geoip adds geolocation and autonomous-system data to the
// addresses in events, from MaxMind DB files (GeoIP2 or GeoLite2 City or
// Country, and GeoLite2 ASN).
//
// For each configured address field "<prefix>.ip" holding one public
// address, Enrich sets the ECS objects
//
//	<prefix>.geo: city_name, continent_code, continent_name,
//	              country_iso_code, country_name, location (geo_point),
//	              postal_code, region_iso_code ("GB-ENG"), region_name,
//	              timezone
//	<prefix>.as:  number, organization.name
//
// leaving out what the databases do not know. Names are English. The
// region is the first (largest) subdivision. Each object is set whole
// (ecs.Event.RawJSON), so the document shape stays the same from one
// address to the next and writing it stays cheap; read the values back
// with Lookup("source.geo"), not Lookup("source.geo.city_name"). Where a
// log type set fields below "<prefix>.geo" or "<prefix>.as" itself (the
// country WAF reports, the city GuardDuty does), a database's object
// replaces them (ecs.Event.ReplaceJSON), as Elastic's geoip processor
// does; where the databases place nothing, the log type's stay.
//
// Addresses that no database places are not looked up: private,
// loopback, link-local, multicast, unspecified, carrier-grade NAT
// (100.64.0.0/10), documentation (192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24, 2001:db8::/32), benchmarking and reserved ranges.
// A field holding several addresses (related.ip) is skipped: one geo
// object cannot describe them all. A one-element array (host.ip, which
// ECS makes an array) counts as one address.
//
// Results are cached by address, and encoded records by their place in
// the database, so a repeated address costs a map lookup and a new
// address in a network seen before a walk of the search tree; only the
// first address of a network decodes its record. Config.CacheSize bounds
// both caches.
//
// A database replaced on disk (a new file renamed over the old one) is
// picked up by a check every Config.CheckInterval, or at once by Check,
// and the caches start afresh with it. A replacement is verified before
// it is used; one that cannot be opened or is corrupt is reported and the
// previous database stays in use. Replaced databases are not closed
// explicitly, since lookups may still be reading them: their memory maps
// are released by the garbage collector once unreachable. Lookup problems
// are counted in the Reporter and never fail an event.
package geoip
