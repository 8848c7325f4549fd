// Package route53resolver reads Amazon Route 53 Resolver query logs (VPC
// DNS query logging, DNS Firewall actions included) and maps them onto ECS.
//
// # Objects and framing
//
// Each record is one JSON object (log format version 1.1, written
// "1.100000"). Objects are recognised by "vpcdnsquerylogs" in their key:
//
//   - Direct delivery to S3, JSON lines, gzipped:
//     AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/YYYY/MM/DD/<account>_vpcdnsquerylogs_<region>_<config-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz
//   - Query logging to a Firehose stream: records back to back (Firehose
//     adds no delimiter) or one per line, under a prefix naming the log.
//   - Query logging to CloudWatch Logs and a subscription filter to
//     Firehose: the CloudWatch Logs envelope unwraps each payload, and each
//     log event's message is one record (control messages are excluded by
//     the envelope; the log group, stream and event id are mapped by it).
//
// # Records that are not indexed
//
// A record is dead-lettered, with a reason naming the member, when it is
// not a JSON object, has no query_name or no query_timestamp (another log
// in a Resolver folder), has a query_timestamp that is not a time, a
// srcport that is not a port number (0 to 65535; an empty or "-" port is
// left out), answers that are not an array of objects (a single answer
// written as an object is read as one answer), more than 1000 answers, a
// documented string member (query_name, query_type, rcode, srcaddr,
// Rdata...) that is not a string, or srcids that is not an object.
// Nothing is excluded.
//
// query_timestamp is RFC 3339 as AWS writes it; "2006-01-02 15:04:05"
// with an optional fraction and no zone (the form some pipelines rewrite
// it to, Panther among them) is read as UTC.
//
// # Mapping
//
//	query_timestamp            @timestamp
//	(always)                   event.category [network], event.type [protocol], dns.type answer,
//	                           network.protocol dns, cloud.provider aws
//	firewall_rule_action       event.action (lower case); event.kind alert for BLOCK and ALERT,
//	                           else event; event.type adds denied (BLOCK) or allowed (ALERT, ALLOW);
//	                           aws.route53resolver.firewall_rule_action as written
//	firewall_rule_group_id     rule.ruleset
//	firewall_domain_list_id    rule.id (the rule group's rule that matched is the one for this
//	                           domain list)
//	rcode                      dns.response_code; event.outcome success for NOERROR, else failure
//	account_id, region         cloud.account.id, cloud.region
//	vpc_id, version            aws.route53resolver.vpc_id, aws.route53resolver.version
//	query_name                 dns.question.name without its trailing dot ("." for the root),
//	                           related.hosts
//	query_type, query_class    dns.question.type, dns.question.class
//	answers[]                  dns.answers[] {name, type, class, data}, every answer in order;
//	                           data loses its trailing dot (not for TXT and SPF, whose data is text)
//	  A, AAAA (and an address  dns.resolved_ip, related.ip
//	    in a PTR)
//	  CNAME, DNAME, PTR, NS,   related.hosts (the target names)
//	    MX, SRV
//	a reverse-lookup name      related.ip: the address looked up (x.x.x.x.in-addr.arpa, or an
//	                           ip6.arpa name of 32 nibbles)
//	srcaddr                    source.address, source.ip (when an address), related.ip,
//	                           network.type ipv4 / ipv6
//	srcport                    source.port (a string in AWS's records; a number is read too)
//	transport                  network.transport (lower case), network.iana_number (udp 17, tcp 6)
//	srcids.instance            cloud.instance.id
//	srcids.resolver_endpoint   aws.route53resolver.srcids.resolver_endpoint (a query that came
//	                           in through an inbound Resolver endpoint)
//	srcids.resolver_network_interface
//	                           aws.route53resolver.srcids.resolver_network_interface (the
//	                           endpoint's network interface it came in through)
//	anything else              aws.route53resolver.other (flat_object, under its own names):
//	                           members of a newer format version, and srcids whole when it
//	                           holds anything else (an id AWS adds, a value that is not a
//	                           string, a repeated name), so that no unknown name becomes a
//	                           field of its own
//
// Each answer's name is the name it answers for. The log does not write
// it, so it is derived from the chain as a resolver returns it: the first
// answer is for the question, an answer after a CNAME or DNAME is for
// that record's target, and any other answer is for the same name as the
// answer before it. A record without answers has no dns.answers.
//
// dns.question.registered_domain, top_level_domain and subdomain are not
// set: splitting a name correctly needs the public suffix list, which
// this module does not carry; a split by the last two labels would be
// wrong for co.uk and the like.
//
// The free-form vendor object aws.route53resolver.other is cleaned as a
// flat_object: null members and empty values are left out, dots in member
// names become "_", a repeated name keeps its last value.
//
// # Document id
//
// A query log record has no id of its own and two identical records are
// two queries, so the id is left to the pipeline (a hash of the record and
// its position; the CloudWatch Logs event id for records delivered
// through a subscription).
//
// # Where we differ from Elastic, on purpose
//
// Elastic's route53_resolver_logs data stream is followed for the ECS
// fields (dns.*, source.*, network.*, cloud.*, event.outcome from rcode,
// related.ip from addresses and reverse names). Departures:
//
//   - DNS Firewall actions map to ECS: event.action, rule.id, rule.ruleset,
//     event.kind alert for BLOCK and ALERT, event.type denied or allowed;
//     Elastic keeps them only under aws.route53.firewall.*.
//   - Each answer's dns.answers.name is the name it answers for (the
//     CNAME chain), as ECS asks, rather than the question for every answer.
//   - dns.type is answer: each record holds the query and its response.
//   - No registered-domain split (see above); Elastic splits with the
//     public suffix list.
//   - The vendor namespace is aws.route53resolver, this type's dataset;
//     vpc_id and version keep their names there.
//
// # Where we differ from the reference system
//
// The reference system (index log-aws-r53resolver) is followed for its
// fields. It mapped only the first answer (a known issue of its own):
// every answer is mapped here. Its related.ip held the source address
// only; here it also holds the resolved and reverse-looked-up addresses.
// The raw record is not copied to top-level fields: everything is mapped
// as above, and event.original holds the record.
package route53resolver
