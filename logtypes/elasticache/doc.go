// Package elasticache is the log type of Amazon ElastiCache (Redis OSS and
// Valkey) slow logs and engine logs ("elasticache", dataset
// aws.elasticache; the reference system's section
// elasticache-redis-slowlog, index log-aws-elasticache).
//
// # What is read
//
// ElastiCache delivers two logs, each to CloudWatch Logs or to Firehose,
// in JSON or TEXT (elasticache Log_Delivery documentation):
//   - slow log: JSON {CacheClusterId, CacheNodeId, Id, Timestamp (epoch
//     seconds), "Duration (us)" (a key with a space), Command (the command
//     and its first arguments, truncated by the engine), ClientAddress
//     (ip:port), ClientName}; TEXT "cluster,node,timestamp,duration,
//     command,client address,client name" (AWS's example has no Id; a
//     record with a numeric third, fourth and fifth field is read as
//     carrying it). The command may contain commas, so the client address
//     is the last field from the right that is an address;
//   - engine log: JSON {CacheClusterId, CacheNodeId, LogLevel, Role, Time
//     ("12 Nov 2020 01:28:57.994 UTC"), Message}; TEXT
//     "<cluster>/<node>:<role> <time> UTC <mark> <message>", where the mark
//     is the engine's level (. DEBUG, - VERBOSE, * NOTICE, # WARNING).
//
// The engine log is part of this type: it comes from the same nodes
// through the same deliveries, shares the cluster and node fields and
// goes to the same index; each record says which log it is (by its
// members, or by the TEXT head), so one type reads both and keys need
// not tell them apart. The key pattern is the reference's
// (redis|Redis).*(slow|SLOW) widened to the engine log, to Valkey and to
// prefixes naming ElastiCache:
// (Redis|redis|REDIS|Valkey|valkey|VALKEY|ElastiCache|elasticache) followed
// by (slow|Slow|SLOW|engine|Engine|ENGINE). A Firehose or CloudWatch Logs
// subscription prefix must therefore name the log, as the reference
// system's documentation asks (e.g.
// AWSLogs/<acct>/ElastiCache/<region>/redis-slow-log/).
//
// A Firehose object is JSON records (one per line or back to back) when
// its first byte is "{", else TEXT lines; CloudWatch Logs payloads (the
// envelope) give one record per log event, JSON or TEXT each.
//
// # Mapping
//
//   - @timestamp: Timestamp (slow log, seconds, UTC) or Time (engine log,
//     UTC as written).
//   - event.kind event, event.category [database], event.type [info].
//   - Slow log: event.duration = Duration (us) × 1000 (ns);
//     event.action = the command's name (its first word, as logged: GET,
//     KEYS, EVAL); aws.elasticache.command (wildcard) = Command as logged;
//     source.address = ClientAddress, source.ip and source.port split
//     from it ("ip:port" or "[ipv6]:port"; a Unix socket path stays in
//     source.address only), related.ip; aws.elasticache.client_name =
//     ClientName (absent when empty); aws.elasticache.slowlog_id = Id
//     (long).
//   - Engine log: log.level = LogLevel (or the TEXT mark's name), message
//     = Message, aws.elasticache.role = Role as logged (M primary, S
//     replica, C a forked child such as the RDB writer, X sentinel).
//   - Both: aws.elasticache.cache_cluster_id and cache_node_id (also
//     service.name and service.node.name), aws.elasticache.log_type
//     slow-log or engine-log (AWS's LogType names), service.type redis
//     (the protocol; Valkey speaks it too), cloud.provider aws,
//     cloud.service.name elasticache, and cloud.account.id and
//     cloud.region from an AWSLogs/<acct>/.../<region>/ key (the
//     CloudWatch Logs envelope sets the account from the payload's owner,
//     and aws.cloudwatch.*).
//   - JSON members of neither format are kept in aws.elasticache.other
//     (wildcard) as the JSON text of an object holding them, so nothing is
//     lost (text rather than flat_object: their keys are arbitrary, and
//     OpenSearch refuses a flat_object with an empty or dotted-empty key).
//
// The document id of a JSON slow-log record is
// "<cluster>/<node>/<Id>/<Timestamp>": the engine's slow-log id is unique
// per node until it restarts, and with the time it names one entry, so a
// record delivered twice (both CloudWatch Logs and Firehose, or a Firehose
// retry) is stored once. TEXT records carry no Id: the pipeline's content
// hash (or the CloudWatch Logs event id) is used.
//
// # Dead letters and exclusions
//
// Dead-lettered, with the reason: invalid JSON or a JSON value that is not
// an object; a JSON record with neither Timestamp nor Time; a Timestamp,
// Id or Duration that is not a non-negative integer (a number or a string
// of digits); a Time not in the engine's format; a string member of
// another JSON type; a TEXT slow-log line with fewer than 7 fields or a
// bad timestamp or duration. Nothing is excluded.
//
// # Where we differ from the reference system
//
// It reads slow logs only (JSON), keeps the raw members under
// elasticache.* (Duration_us, Timestamp as a date), puts "ip:port" in
// source.ip before its script splits it, and sets no event.duration,
// event.action, client name or cloud.* from the key. There is no Elastic
// integration for ElastiCache logs to compare with.
package elasticache
