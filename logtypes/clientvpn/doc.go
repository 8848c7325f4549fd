// Package clientvpn reads AWS Client VPN connection logs.
//
// # What is read
//
// A Client VPN endpoint with connection logging writes one JSON object per
// connection event to a CloudWatch Logs log group. They reach S3 through
// a subscription filter and Firehose, as CloudWatch Logs subscription
// payloads (envelope.CloudWatchLogs, gzipped, several per object), under
// the prefix of the reference system's exporter
// (AWSLogs/<account>/ClientVPN/<region>/...). Entries kept as JSON objects
// (one per line, back to back, or pretty-printed) are read too, under any
// key that holds /ClientVPN/.
//
// Members, as AWS documents them: connection-log-type
// (connection-attempt, connection-reset), connection-attempt-status,
// connection-reset-status, connection-attempt-failure-reason,
// connection-id, client-vpn-endpoint-id, transport-protocol,
// connection-start-time, connection-last-update-time, connection-end-time
// ("YYYY-MM-DD HH:MM:SS", UTC), client-ip (the address the endpoint gave
// the client from its client CIDR range), common-name (the client
// certificate's name, or the Active Directory user name), device-type,
// device-ip (the device's public address), port, ingress-bytes,
// egress-bytes, ingress-packets, egress-packets (counters written as
// strings), username, and the newer connection-duration-seconds,
// client-openvpn-version and posture-compliance-statuses. "NA", "-", an
// empty string and null mean absent. Numbers are accepted where AWS writes
// numeric strings.
//
// # Mapping
//
//	connection-last-update-time   @timestamp (else connection-start-time,
//	                              else the CloudWatch Logs event's time)
//	connection-start-time         event.start
//	connection-end-time           event.end
//	connection-duration-seconds   event.duration (ns); without it,
//	                              end - start when both are known
//	connection-log-type           event.action
//	connection-attempt-status     event.outcome (successful -> success,
//	                              failed -> failure), and
//	                              aws.clientvpn.connection_attempt_status
//	connection-attempt-failure-reason  event.reason
//	device-ip                     source.ip, source.address, related.ip,
//	                              network.type (ipv4/ipv6)
//	port                          source.port
//	ingress-bytes / -packets      source.bytes / source.packets (sent by
//	                              the client)
//	egress-bytes / -packets       destination.bytes / destination.packets
//	                              (received by the client)
//	                              network.bytes / network.packets: their sums
//	transport-protocol            network.transport (lower case)
//	username                      user.name, related.user
//	common-name                   tls.client.x509.subject.common_name and
//	                              aws.clientvpn.common_name
//	client-ip                     aws.clientvpn.client_ip (ip), related.ip
//	connection-id, client-vpn-endpoint-id, connection-reset-status,
//	device-type, client-openvpn-version, posture-compliance-statuses
//	                              aws.clientvpn.<snake_case name>
//	any other member              aws.clientvpn.other (flat_object, keyed
//	                              by the member's own name, values as
//	                              text) when its name is letters, digits,
//	                              '-' and '_' and its value a text (up to
//	                              8 KiB), number or boolean; else
//	                              aws.clientvpn.other_json (wildcard: the
//	                              compact JSON of an object of such
//	                              members), so that nothing is lost and
//	                              no odd name breaks the document
//
// Every document has event.kind "event", event.category [network,
// session], observer.vendor "AWS", observer.product "Client VPN",
// observer.type "vpn", cloud.provider "aws" and cloud.region from the key.
// event.type is [connection, end] for an entry with an end time or a
// connection-reset entry, [connection, start] for a successful attempt,
// [connection, denied] for a failed one, and [connection, info]
// otherwise. The CloudWatch Logs envelope sets cloud.account.id (the log
// group's owner), event.id (the log event's id), event.created and
// aws.cloudwatch.*; outside an envelope, cloud.account.id comes from an
// AWSLogs/<account>/ClientVPN/ key.
//
// # Dead letters and exclusions
//
// An entry that is not a JSON object, has more than 1000 members, has a
// time, address, port or counter that cannot be read, a member of the
// wrong JSON type (an object where text is documented), or no time at all
// (no time of its own and no envelope) is dead-lettered with a reason
// naming the member. CloudWatch Logs control messages are excluded by the
// envelope (cloudwatch-logs-control-message). Nothing else is excluded.
//
// # Document id
//
// Left to the pipeline (a hash of the content): an entry has no id of its
// own (connection-id names the connection, which has several entries).
//
// # Where we differ from Elastic, on purpose
//
// Elastic has no Client VPN integration. The reference system (the
// es-loader clientvpn section, index log-aws-clientvpn) differs as
// follows:
//
//   - It kept every member under clientvpn.* with its hyphenated name; we
//     map what has an ECS home to ECS and keep the rest under
//     aws.clientvpn.* in snake_case.
//   - It put the failure reason in error.message; the reason a connection
//     was refused is an event property, not a processing error, so it is
//     event.reason here.
//   - It set network.bytes and network.packets only when non-zero; we set
//     them whenever both counters are known, zero included (a refused
//     attempt moved no bytes, which is a fact), and also the per-direction
//     source.* and destination.* counters.
//   - It left event.type, event.action and event.category session out,
//     and did not read connection-duration-seconds when absent from the
//     times, nor newer members.
//   - client-ip is the address inside the tunnel, not the peer's: it is
//     not source.ip (device-ip, the public address the connection came
//     from, is), nor source.nat.ip (Client VPN translates it again to the
//     endpoint's network interface addresses in the VPC), but it is in
//     related.ip so that a search for it finds the connection.
package clientvpn
