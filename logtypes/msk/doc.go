// Package msk is the log type of Amazon MSK broker logs ("msk", dataset
// aws.msk; the reference system's section msk, index log-aws-msk).
//
// # What is read
//
// The Apache Kafka broker's server.log as MSK delivers it (INFO level and
// above): log4j records "[YYYY-MM-DD hh:mm:ss,mmm] LEVEL message (logger)",
// where message often opens with "[component]" and a stack trace may
// follow on the next lines. Records are framed by their first line
// (^\[20\d{2}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, the reference's pattern).
// Objects arrive three ways, all under keys naming KafkaBrokerLogs (the
// reference's key pattern):
//   - MSK's direct S3 delivery:
//     AWSLogs/<acct>/KafkaBrokerLogs/<region>/<cluster>-<uuid>/<date-hour>/Broker-<n>_<time>_<hash>.log.gz;
//   - MSK's Firehose delivery, under a prefix the operator chooses (it
//     must contain KafkaBrokerLogs), read as text;
//   - MSK's CloudWatch Logs delivery subscribed to Firehose (the
//     CloudWatch Logs envelope): a message that does not start a record
//     continues the one before it from the same payload, so stack traces
//     logged as separate events are joined again.
//
// # Mapping
//
//   - @timestamp: the record's time, read as UTC (MSK brokers log in UTC;
//     the record has no zone).
//   - log.level: the level as written (INFO, WARN, ERROR, DEBUG, TRACE).
//   - log.logger: log4j's logger name closing the message line (a Java
//     class such as kafka.server.ReplicaFetcherThread, or a named logger
//     such as state.change.logger). When no line of the record ends in
//     " (<logger>)", the whole text is the message and log.logger is left
//     out.
//   - message: the text between the level (and component) and the logger.
//   - aws.msk.component: the leading "[...]" of the message (such as
//     "GroupCoordinator 1" or "Partition orders-0 broker=1"), the ":"
//     after it dropped.
//   - error.stack_trace: the lines after the logger line; error.type and
//     error.message from its first line ("<class>: <message>").
//   - event.kind event; event.type [error] for ERROR and FATAL, else
//     [info]. "Failed authentication with /<ip>" (the network Selector's
//     record of a failed SASL/TLS login) gives event.category
//     [authentication], event.type [start] (ECS's type for a login
//     attempt), event.action authentication-failed and event.outcome
//     failure. No event.category otherwise: broker
//     housekeeping fits none of ECS's.
//   - source.ip, related.ip: the client the network layer names as
//     "with /<ip>" or "from /<ip>".
//   - From the key (direct delivery): cloud.account.id, cloud.region,
//     aws.msk.cluster.name (also service.name), aws.msk.cluster.uuid (the
//     cluster ARN's last part), aws.msk.broker_id (also service.node.name
//     "Broker-<n>"). Through CloudWatch Logs the broker comes from a log
//     stream named Broker-<n>, and the envelope sets cloud.account.id and
//     aws.cloudwatch.*. Always cloud.provider aws, cloud.service.name
//     kafka (MSK's service namespace in ARNs and IAM), service.type kafka.
//   - aws.msk.consumer_lag.{group_id, topic, sum_lag, max_lag, time_lag}
//     from "ConsumerLag for groupId=G topic=T : SumLag=N MaxLag=N
//     TimeLag=N" records, as the reference system reads them (lags are
//     longs).
//
// The document id is left to the pipeline (content hash): records carry
// no id of their own.
//
// # Dead letters and exclusions
//
// A record that does not start with "[<time>] <LEVEL> " (text ahead of the
// first record of an object, a time such as 25:61, a lower-case or
// missing level) is dead-lettered with its text. Nothing is excluded
// except the envelope's CloudWatch Logs control messages.
//
// # Where we differ from Elastic, on purpose
//
// Elastic's Kafka log pipeline keeps the logger and component as
// kafka.log.class and kafka.log.component; here the logger is ECS
// log.logger and the component is aws.msk.component. Elastic writes the
// placeholder "unknown" for a missing component; here it is absent.
// Elastic reads no stack trace into error.*, no client address and no
// key-derived cluster or broker.
//
// # Where we differ from the reference system
//
// It keeps msk_* fields under msk.* with no log.logger, component or
// stack trace of their own (everything after the level is one
// msk.message), reads the timestamp in the loader's zone setting, and
// sets no cloud.* from the key; its cluster/broker regex requires the
// UUID to end in exactly one character after the last "-" (ours accepts
// any revision number).
package msk
