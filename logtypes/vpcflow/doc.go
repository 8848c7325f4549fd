// Package vpcflow reads Amazon VPC Flow Logs and Transit Gateway Flow Logs
// delivered as text, and maps them onto ECS.
//
// # Objects and framing
//
// Objects are recognised by "vpcflowlogs" in their key, which covers both
// VPC and Transit Gateway flow logs, with plain or Hive-compatible prefixes
// and with or without hourly partitions. Each record is one line of
// space-separated values.
//
// The first line of an object delivered to S3 is a header naming the
// fields, in the flow log's own (possibly custom) order, for example
// "version account-id interface-id srcaddr ...". The header is resolved
// once per object into a column layout; names are matched without regard
// to case and with "_" accepted for "-". Columns the package does not know
// are kept as keywords under aws.vpcflow.<name in snake_case>, so a field
// AWS adds tomorrow is indexed today. A line repeating the header (files
// concatenated together) is skipped.
//
// A first line that is not a header (records exported from CloudWatch Logs
// or Firehose carry none) is read as a record of a documented default
// format chosen by its column count: 14 columns for the default VPC format,
// 36 for the default Transit Gateway format, 29 and 40 for every VPC field
// of versions 2 to 5 and 2 to 8 in the documented table order. Any other
// count fails the object with a message saying so.
//
// A flow log delivered in Parquet (recognised by its PAR1 magic bytes,
// whatever the key says) is read through parser/parquet: its columns, which
// AWS names with underscores where the text header has hyphens, become the
// header, and each row becomes the text line AWS writes for the same flow
// ("-" for null), so a flow gives the same document, event.original and id
// included, in either format. Parquet needs random access: a stream is
// spooled to a temporary file, never held in memory.
//
// Every line after the header is a record, the last one included whether
// or not it ends with a newline.
//
// # Records that are not indexed
//
// A value of "-" means "not applicable": the field is left out. NODATA and
// SKIPDATA records, mostly "-", are indexed with what they carry (times,
// account, interface, log status). A record is dead-lettered, with a
// reason naming the column and its value, when its column count differs
// from the header's, or when a column documented as a number or an address
// (start, end, srcport, dstport, protocol, packets, bytes, tcp-flags,
// packets-lost-*, srcaddr, dstaddr, pkt-srcaddr, pkt-dstaddr) does not
// parse as one, or when its flow ends before it starts: its columns are
// then probably shifted and none of its values can be trusted. Counts are
// AWS's unsigned 64-bit counters and are read up to 2^64-1. A record
// without start and end takes its
// @timestamp from the delivery time in the file name (formats without
// times, such as the NAT gateway example of the AWS documentation); when
// the key has none either, it is dead-lettered.
//
// # Mapping
//
//	end (else start)           @timestamp, event.end (event.start from start)
//	srcaddr, dstaddr           source.address/ip, destination.address/ip
//	srcport, dstport           source.port, destination.port
//	protocol                   network.iana_number, network.transport (IANA keyword)
//	srcaddr, dstaddr, protocol network.community_id (see below)
//	 srcport, dstport
//	packets, bytes             source.packets/bytes and network.packets/bytes; a count
//	                           above 2^63-1, which ECS's long cannot hold, goes to
//	                           aws.vpcflow.packets/bytes (unsigned_long) instead
//	action ACCEPT / REJECT     event.action (as written), event.outcome success / failure,
//	                           event.type [connection, allowed / denied]
//	type IPv4 / IPv6           network.type ipv4 / ipv6 (from srcaddr when the column is absent)
//	flow-direction             network.direction ingress / egress
//	account-id                 cloud.account.id ("unknown": the account in the key)
//	region                     cloud.region (else the region in the key)
//	az-id                      cloud.availability_zone
//	instance-id                cloud.instance.id
//	reject-reason              event.reason
//	ecs-cluster-arn, -name     orchestrator.cluster.id, orchestrator.cluster.name
//	ecs-container-instance-id  orchestrator.resource.id (its ARN: orchestrator.resource.name)
//	ecs-service-name           service.name
//	ecs-container-id           container.id
//	srcaddr, dstaddr, pkt-*    related.ip
//	tcp-flags                  aws.vpcflow.tcp_flags and aws.vpcflow.tcp_flags_array (fin, syn, rst, psh, ack, urg)
//	packets-lost-*             aws.vpcflow.packets_lost_* (unsigned_long)
//	every other column         aws.vpcflow.<name in snake_case> (keyword)
//
// network.community_id is the Community ID (version 1, seed 0, package
// communityid) of srcaddr, dstaddr, protocol and, for TCP, UDP and SCTP,
// srcport and dstport; other protocols (GRE, ESP...) hash without ports, as
// the specification says. It is left out when one of those columns is "-"
// (NODATA and SKIPDATA records, Transit Gateway formats without ports),
// when the two addresses are of different families, and for ICMP (1) and
// ICMPv6 (58): the specification hashes an ICMP flow by its type and code,
// and a flow log carries neither (its srcport and dstport are 0 for ICMP),
// so any ID would be a guess that no sensor's ID for the same flow matches.
//
// event.kind is "event", event.category "network", cloud.provider "aws".
// The document id is left to the pipeline (a hash of the raw line).
//
// Normalize allocates nothing per record: columns are split into a pooled
// slice, numbers, addresses and times are parsed and formatted straight
// from and into bytes, and fields are set in the order their paths sort,
// which keeps ecs.Event's sort when writing the document nearly linear.
//
// # Where this differs from Elastic's AWS integration, on purpose
//
//   - "-" never reaches a document. Elastic drops it under aws.vpcflow but
//     writes it to cloud.region and cloud.availability_zone for formats that
//     carry those columns (its Transit Gateway and version 8 tests expect
//     cloud.region "-"); here the region then comes from the object key.
//   - Vendor fields are named after the AWS field, in snake_case, always:
//     aws.vpcflow.pkt_src_aws_service (Elastic: pkt_src_service),
//     aws.vpcflow.sublocation_type and sublocation_id (Elastic: an object
//     sublocation.type/id), and flow_direction, az_id, reject_reason and
//     every ecs_* field are kept next to their ECS copies.
//   - related.ip also holds pkt-srcaddr and pkt-dstaddr, and no address twice.
//   - cloud.account.id is never "unknown" (see above); aws.vpcflow.account_id
//     keeps the value as written.
//   - container.id is set from ecs-container-id, which is the container's
//     runtime id; Elastic keeps it only under aws.vpcflow.
//   - network.type is left out for EFA traffic (type "EFA") rather than
//     guessed from an address.
//   - network.transport covers more IANA numbers (ah, ipv6, dccp, pim and
//     others).
//   - network.community_id is left out for ICMP and ICMPv6 flows. Elastic's
//     pipeline reads their 0 ports as ICMP type 0 (echo reply) and code 0,
//     which gives the two directions of one ping two different IDs, neither
//     of which a sensor that saw the real types would compute. It is left
//     out too for a flow between an IPv4 and an IPv6 address, which Elastic
//     hashes as it comes (only its rewritten test data has such flows).
//   - Records whose numbers or addresses do not parse are dead-lettered;
//     Elastic indexes them with an error.message.
//
// Elastic's expected documents older than its version 8 support lack
// event.action and the allowed/denied event.type; the current pipeline sets
// both, as this package does.
package vpcflow
