// Package networkfirewall reads AWS Network Firewall logs (flow, alert and
// TLS logs) and maps them onto ECS.
//
// # Objects and framing
//
// Network Firewall delivers each log type to its own destination. Objects
// written straight to S3 have keys like
//
//	AWSLogs/<account>/network-firewall/<alert|flow|tls>/<region>/<firewall>/YYYY/MM/DD/HH/
//	  <account>_network-firewall_<type>_<region>_<firewall>_<YYYYMMDDHHmm>_<hash>.log.gz
//
// and are recognised by "_network-firewall_" in the file name (the
// reference system's pattern) or a "network-firewall/" folder (which also
// covers Firehose prefixes named after the service). The account and the
// region are read from the key when it has them. Each record is one JSON
// object per line; Firehose writes them back to back, which is read the
// same way. Logs sent to CloudWatch Logs and on through a subscription
// filter arrive in its payloads (envelope.CloudWatchLogs), one record per
// message; the envelope then supplies cloud.account.id.
//
// A record is
//
//	{"firewall_name", "availability_zone", "event_timestamp" (epoch seconds, a string or a number),
//	 "aws_category" (optional), "event": {Suricata EVE JSON}}
//
// Flow records have event_type "netflow" (one direction of a flow per
// record), alert records "alert"; TLS log records have no event_type and
// carry tls_error or revocation_check, with ports written as strings.
//
// # Mapping
//
//	event.timestamp                @timestamp (Suricata's "+0000" offset without a colon
//	                               and RFC 3339 both read; else event_timestamp)
//	event_timestamp                aws.networkfirewall.event_timestamp (date)
//	event.src_ip/src_port          source.address/ip/port (ports as numbers or strings)
//	event.dest_ip/dest_port        destination.address/ip/port
//	src_ip, dest_ip                related.ip (no duplicates)
//	event.proto                    network.transport (lower case: tcp, udp, icmp, ipv6-icmp...),
//	                               network.iana_number; as written in aws.networkfirewall.proto.
//	                               TLS log records name no protocol: they are tcp (6), the only
//	                               transport TLS inspection sees
//	event.app_proto                network.protocol (not "unknown" nor "failed"); as written
//	                               in aws.networkfirewall.app_proto
//	(address family)               network.type ipv4 / ipv6
//	(5-tuple)                      network.community_id: Suricata's own community_id when the
//	                               record has one, else computed (package communityid, v1,
//	                               seed 0); for ICMP only when the record carries icmp_type
//	                               and icmp_code (alerts may), never from guessed zeros.
//	                               Both directions of a flow, its alerts and its TLS log
//	                               records share one ID
//	(direction)                    source and destination as the record writes them: the
//	                               sender of the counted packets (netflow), of the packet that
//	                               matched (alert), the client (TLS log); network.direction is
//	                               not set: the records do not say which side is inside
//	event.netflow.pkts/bytes       network.packets/bytes and source.packets/bytes: a netflow
//	                               record counts one direction, from source to destination,
//	                               so destination.* counts are left out
//	event.netflow.start/end        event.start, event.end, event.duration
//	event.netflow.age/min_ttl/max_ttl  aws.networkfirewall.netflow.* (long)
//	event.alert.action             event.action (allowed / blocked), event.type
//	                               [connection, allowed / denied]
//	event.alert.signature_id       rule.id
//	event.alert.signature          rule.name
//	event.alert.rev                rule.version
//	event.alert.category           rule.category
//	event.alert.severity           event.severity (Suricata's 1-3, 1 the most severe; kept as is)
//	event.alert.gid, metadata      aws.networkfirewall.alert.gid (long), .metadata (flat_object)
//	event.http.hostname            url.domain, destination.domain, related.hosts
//	event.http.url                 url.original, url.path, url.query
//	event.http.http_method         http.request.method
//	event.http.protocol            http.version ("HTTP/1.1" -> "1.1")
//	event.http.status, length      http.response.status_code, http.response.body.bytes
//	event.http.http_user_agent     user_agent.original
//	event.http.http_refer          http.request.referrer
//	event.http.http_content_type   http.response.mime_type
//	event.tls.sni, event.sni       tls.client.server_name, destination.domain, related.hosts
//	event.tls.version              tls.version, tls.version_protocol ("TLS 1.2" -> 1.2, tls)
//	event.tls.subject, issuerdn    tls.server.subject, tls.server.issuer
//	event.tls.fingerprint          tls.server.hash.sha1 (upper-case hex, no colons)
//	event.tls.serial               tls.server.x509.serial_number
//	event.tls.notbefore/notafter   tls.server.not_before/not_after (UTC)
//	event.tls.ja3.hash, ja3s.hash  tls.client.ja3, tls.server.ja3s
//	event.dns                      dns.type, dns.id, dns.question.name/type, dns.response_code
//	                               from the first query, related.hosts (not destination.domain:
//	                               the destination is the resolver, not the name it is asked
//	                               for); the object whole in aws.networkfirewall.dns (flat_object)
//	event.tls_error.error_message  error.message
//	event.revocation_check.*       aws.networkfirewall.revocation_check.leaf_cert_fpr/status/action
//	event.tcp                      aws.networkfirewall.tcp.* (flags as booleans, tcp_flags as written)
//	event.flow_id                  aws.networkfirewall.flow_id (unsigned_long)
//	event.tx_id                    aws.networkfirewall.tx_id (long)
//	event.icmp_type/icmp_code      aws.networkfirewall.icmp_type/icmp_code (long)
//	event.tls_inspected            aws.networkfirewall.tls_inspected (boolean)
//	event.event_type               aws.networkfirewall.event_type
//	aws_category                   aws.networkfirewall.aws_category
//	firewall_name                  observer.name; observer.type firewall, observer.vendor AWS,
//	                               observer.product Network Firewall
//	availability_zone              cloud.availability_zone; cloud.region from the key, else the
//	                               zone without its letter (standard zones only)
//	(key)                          cloud.account.id; cloud.provider aws
//
// Anything else in the record (members AWS or Suricata add tomorrow, such as
// an alert's verdict, an HTTP xff, a JA3 string, and values of an
// unexpected JSON type or repeated keys) is kept, nested as in the record,
// in aws.networkfirewall.other (flat_object), so nothing is lost.
//
// event.kind is "alert" for alert records and for TLS revocation checks
// that dropped or rejected the connection, else "event". event.category is
// [network], plus intrusion_detection for alerts. TLS errors are
// event.action "tls-error", event.type [connection, error], event.outcome
// failure; revocation checks are event.action "revocation-check" with
// event.type allowed (PASS) or denied (DROP, REJECT). event.outcome is not
// set for alerts: a block is the rule working, not a failed event.
//
// The document id is left to the pipeline (a hash of the record): flow_id
// names a flow, which has netflow and alert records alike, not a record.
//
// # Records that are not indexed
//
// A record is dead-lettered, with a reason naming the member, when it is
// not a JSON object, has no "event" object, has neither event.timestamp
// nor event_timestamp, or when a time, an address or a port does not parse:
// such a record's other values cannot be trusted either. The type excludes
// nothing; the CloudWatch Logs envelope excludes the subscription's
// CONTROL_MESSAGE health checks (rule cloudwatch-logs-control-message).
//
// # Where we differ from Elastic, on purpose
//
//   - @timestamp keeps Suricata's microseconds (Elastic: milliseconds).
//   - event.category adds intrusion_detection to alerts, and event.action
//     holds the alert's action (allowed / blocked); Elastic has neither.
//   - network.protocol is left out when Suricata says "unknown" or the
//     record has no app_proto (Elastic writes "unknown" for both).
//   - destination.domain is never an IP address (Elastic copies the HTTP
//     host even when it is one), and also comes from the TLS SNI.
//   - rule.version is read from alert.rev (Elastic reads rev_id, which does
//     not exist), the JA3 hash is tls.client.ja3 (Elastic: tls.server.ja3),
//     TLS log records get an event.kind, and a missing rule name stays
//     missing (Elastic writes the literal "rule.id").
//   - Vendor fields live under aws.networkfirewall, named as in the record
//     (Elastic: aws.firewall.flow.*); netflow counts are not copied there.
//
// From the reference system: the same fields, plus everything above;
// observer.name rather than service.node.name for the firewall; event.module
// stays "aws" (it wrote the event_type there).
package networkfirewall
