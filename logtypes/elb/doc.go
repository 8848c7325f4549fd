// Package elb reads Elastic Load Balancing access logs: the log types
// "alb" (Application Load Balancer), "nlb" (Network Load Balancer, TLS
// listeners) and "clb" (Classic Load Balancer). All three write
// event.dataset "aws.elb" and keep their vendor fields under aws.elb, as
// Elastic's AWS integration does, so that one index pattern and the same
// dashboards serve all load balancers.
//
// # Objects
//
// Each object is a text file, one entry per line, fields separated by
// spaces, some of them double-quoted. ALB and NLB deliver gzip files, CLB
// plain ones. Detection uses the file name ELB gives each object (see the
// key patterns in elb.go); the three patterns exclude each other, and
// the registry order NLB, ALB, CLB of the reference system is kept in
// logtypes/all. ALB connection logs (conn_log.<account>_...) are another
// format and match no pattern; a connection log read as "alb" anyway is
// dead-lettered line by line with a reason that says so.
//
// Addresses are written as ip:port; IPv6 addresses come without
// brackets (2001:db8::1:443), so the port is what follows the last colon.
// A bracketed form is accepted too. A value of "-" means absent and sets
// nothing. When AWS appends fields to an entry, as it says it may at any
// time, the extra fields are ignored: event.original keeps them until they
// are given a mapping. An entry needs the fields its format has had for
// years: ALB the 25 up to error_reason (written since 2018; the later ones
// are read when present), NLB the 18 of log version 1.0, CLB all 15.
//
// # Mapping
//
// The mapping follows the elb_logs data stream of Elastic's AWS
// integration wherever it is right. Common to all three: @timestamp and
// event.end are the entry's time (the response time of ALB and CLB, the
// connection end of NLB); event.kind "event"; cloud.provider "aws", and
// cloud.account.id and cloud.region read from the file name; source.ip,
// source.address and source.port from client:port; related.ip with every
// address of the entry; aws.elb.name is the load balancer; tls.cipher,
// tls.version and tls.version_protocol come from the cipher and protocol
// fields, which are also kept as aws.elb.ssl_cipher and
// aws.elb.ssl_protocol.
//
// ALB: event.category [web], event.type [access], event.start from
// request_creation_time and event.duration from start to end;
// aws.elb.type is the request type (http, https, h2, grpcs, ws, wss),
// aws.elb.protocol "http"; the target goes to destination.ip and
// destination.port and, as in Elastic, to aws.elb.backend.ip and
// aws.elb.backend.port; elb_status_code to http.response.status_code and
// event.outcome (failure from 400 up), target_status_code to
// aws.elb.backend.http.response.status_code; received and sent bytes to
// http.request.body.bytes and http.response.body.bytes; the request line
// to http.request.method, http.version and url.* (original, full, scheme,
// domain, port, path, extension, query); user_agent.original;
// domain_name (the SNI) to destination.domain and tls.client.server_name;
// trace_id to aws.elb.trace_id and trace.id; the processing times to
// aws.elb.request_processing_time.sec, backend_processing_time.sec and
// response_processing_time.sec; and aws.elb.target_group.arn,
// chosen_cert.arn, matched_rule_priority, action_executed (array),
// redirect_url, error.reason, target_port and target_status_code (arrays
// in target order), classification, classification_reason and
// conn_trace_id.
//
// NLB: event.category [network], event.type [connection],
// aws.elb.protocol "tcp", aws.elb.type "tls"; destination:port to
// destination.ip and destination.port; received and sent bytes to
// source.bytes and destination.bytes; connection_time to
// aws.elb.connection_time.ms and event.duration; tls_handshake_time to
// aws.elb.tls_handshake_time.ms; tls_connection_creation_time to
// event.start and aws.elb.tls_connection_creation_time; tls.established
// is false when the handshake did not complete; domain_name to
// destination.domain and tls.client.server_name; alpn_fe_protocol to
// tls.next_protocol; and aws.elb.listener, incoming_tls_alert,
// chosen_cert.arn, chosen_cert.serial, tls_named_group, alpn_fe_protocol,
// alpn_be_protocol and alpn_client_preference_list (array).
//
// CLB: entries of HTTP and HTTPS listeners map like ALB requests
// (category web, protocol "http"); entries of TCP and SSL listeners, whose
// status codes and request are "-", get category network, type
// connection, protocol "tcp", and source.bytes and destination.bytes.
// The back end goes to destination.* and aws.elb.backend.*.
//
// # Where this package differs from Elastic on purpose
//
//   - Times keep the source's precision: @timestamp and event.end carry
//     the microseconds ALB and CLB write, where Elastic's date processor
//     keeps milliseconds.
//   - destination.ip and destination.port are set (ALB target, CLB back
//     end, NLB destination); Elastic only fills aws.elb.backend.*. The NLB
//     destination is the listener or a VPC endpoint, not a back end, so it
//     does not go to aws.elb.backend.*.
//   - Processing times of -1 are left out, as in Elastic, but a
//     matched_rule_priority of -1 (an error during rule evaluation) is
//     kept, where Elastic drops it.
//   - tls.version of "TLSv1" and "tlsv1" is "1.0" and of "SSLv3" is "3.0";
//     Elastic's script writes "1." and "3." for these.
//   - The NLB tls_named_group is aws.elb.tls_named_group, the name
//     Elastic's field list declares (its pipeline writes ssl_named_group).
//     alpn_client_preference_list is an array ["h2","http/1.1"] rather
//     than the quoted text.
//   - Added ECS fields Elastic leaves out: event.type, event.duration,
//     related.ip, url.full, tls.client.server_name, tls.established,
//     tls.next_protocol, cloud.account.id, cloud.region, and event.start of
//     NLB. ALB's conn_trace_id is aws.elb.conn_trace_id.
//   - The HTTP method is kept as logged ("GET"); old Elastic pipelines
//     lower-cased it.
//   - user_agent.name and the like, and source.geo and source.as, come
//     from the pipeline's enrichers, not from this package.
//
// Entries that do not have their documented form (an unterminated quote,
// too few fields, a time, address, port or number that does not parse)
// are dead-lettered with a *FieldError or an error naming the field, its
// position and its value; the rest of the object is read on.
package elb
