// Package enrich adds context to normalized events: the client address
// behind proxies (X-Forwarded-For), GeoIP and ASN data for addresses,
// threat-intelligence indicator matches, and parsed user agents.
//
// Each enricher implements Staged and lives in its own package
// (enrich/xff, enrich/geoip, enrich/ioc, enrich/useragent). Chain puts
// them in the order their inputs require: the client address is settled
// first, so that GeoIP and indicator matching see it, and user agents
// last. Fields says which event fields an enricher reads, with defaults
// per log type.
//
// Enrichment never fails a record. A lookup problem (a database that
// cannot be read, a malformed value) is counted in a Reporter and logged
// once per kind, and the event goes on as it is.
package enrich
