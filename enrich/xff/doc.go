// Package xff finds the client address of requests that passed through
// proxies, from the X-Forwarded-For header a log recorded.
//
// # Which address is the client
//
// Every proxy appends the address it received the request from, so the
// header reads "client, proxy1, proxy2" and the logging server saw the
// request come from the last proxy (the peer, source.ip as the log type
// set it). Only the proxies one operates can be believed: anything to the
// left of the first untrusted address may be made up by the sender. So
// the chain, with the peer as its last element, is walked from the right
// past trusted proxies (Config.TrustedProxies) and the first address that
// is not one is the client. A peer that is not a trusted proxy is thus
// the client whatever the header says, and with no trusted proxies the
// header is recorded but not believed. When every address is a trusted
// proxy, the left-most is the client. An event with no peer address
// starts the walk at the header's right-most entry.
//
// # What is set
//
//   - source.ip and client.ip: the client, and source.address when it
//     held the peer's address. ECS describes an HTTP request
//     with the client as its source, and geolocation, threat matching and
//     dashboards should see the client, not the load balancer.
//   - network.forwarded_ip: the addresses of the header, in order. ECS
//     defines it as the host address when the source address is a proxy;
//     OpenSearch takes an array for any field.
//   - related.ip: the header's addresses and the peer are added, so that
//     the proxy address replaced in source.ip stays searchable.
//   - source.geo and source.as are removed when source.ip changes: a
//     location the log type gave the peer describes the proxy. The GeoIP
//     enricher, which runs after this one, places the client.
//
// The log type's own field with the raw header is left as it is.
//
// # Parsing
//
// AppendChain accepts what proxies write in practice: entries separated
// by commas, blanks or both, ports ("192.0.2.1:8080"), bracketed IPv6 with a port
// ("[2001:db8::1]:443"), quoted entries, RFC 7239 "for=" prefixes. It
// skips "unknown" and malformed entries and counts them; the Enricher
// reports them (one log line per kind, see enrich.Reporter). A malformed
// header never fails an event.
//
// # Configuring a log type
//
// A log type whose records carry the header (CloudFront's
// x-forwarded-for, WAF's request headers, an nginx or Apache format with
// $http_x_forwarded_for) writes it verbatim to a vendor field, as one
// string or as an array of strings, and the field is named per type.
// DefaultFields names those of the built-in types, and is what an unset
// Config.Fields means; a type of your own adds its field:
//
//	fields := xff.DefaultFields()
//	fields.ByType["myproxy"] = []string{"myproxy.forwarded_for"}
//	xff.New(xff.Config{TrustedProxies: proxies, Fields: fields})
//
// Several fields of one type are read in the order given and their
// entries joined, as if they were one header.
package xff
