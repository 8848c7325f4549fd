// Package rdspostgresql reads the engine logs of Amazon RDS for
// PostgreSQL and Aurora PostgreSQL (the "postgresql" log, pgaudit records
// included) and maps them onto ECS. Its type is rds-postgresql, dataset
// aws.rds_postgresql; the reference system indexes it as
// log-aws-rds-postgresql.
//
// # Objects and framing
//
// Objects are recognised by the reference system's key pattern
// [Pp]ostgre. Two ways in:
//
//   - CloudWatch Logs subscription payloads written by Firehose (the
//     envelope.CloudWatchLogs envelope), typically under the reference
//     exporter's AWSLogs/<account>/RDS/PostgreSQL/<region>/postgresql/. RDS
//     publishes each log entry, a multi-line statement included, as one log
//     event: one message is one record.
//   - Log files downloaded from RDS (DownloadDBLogFilePortion,
//     error/postgresql.log.YYYY-MM-DD-HH), plain or gzipped. A line starting
//     with a date (the reference's first line pattern ^20\d{2}-\d{2}-\d{2})
//     opens a record and the lines after it continue it, so a statement, a
//     DETAIL block or an autovacuum report on several lines is one record
//     whose lines are joined by "\n" (parser/multiline). The
//     "----- END OF LOG -----" marker RDS appends to a downloaded portion is
//     a record of its own, excluded under RuleEndOfLog
//     (rds-postgresql-end-of-log).
//
// # Line layout
//
// RDS's default log_line_prefix is "%t:%r:%u@%d:[%p]:":
//
//	2026-11-27 10:00:03 UTC:10.20.4.17(51544):app@orders:[20931]:LOG:  statement: SELECT 1
//
// %t is read to the second (or to the fraction %m writes) with its zone:
// UTC or GMT (RDS's log_timezone default), or a numeric offset (+03,
// -0530) for a log_timezone without an abbreviation; @timestamp is UTC.
// A named zone other than UTC/GMT (CET, EST...) is ambiguous and is
// dead-lettered with a reason naming it. %r is host(port), an IPv6
// address or a host name (log_hostname) included, "[local]" for a Unix
// socket, or empty for background processes ("UTC::@:[355]:"). %u@%d is
// split at the last "@", so a user name holding "@" keeps it; "[unknown]"
// (before authentication) is left out. PostgreSQL's default prefix
// "%m [%p] " is read too (the reference regex accepts it), and %m for
// %t in either. Any other custom prefix is dead-lettered with a reason
// naming the part that does not fit. Then comes the
// severity (LOG, ERROR, FATAL, PANIC, WARNING, NOTICE, INFO, DEBUG1-5,
// DETAIL, HINT, QUERY, CONTEXT, LOCATION, STATEMENT) and the message.
//
// # Mapping
//
//	%t                          @timestamp
//	%r host / port              source.address, source.ip (or source.domain), source.port; related.ip, related.hosts
//	%u                          user.name, related.user
//	%d                          aws.rds_postgresql.database_name (ECS has no database field)
//	%p                          process.pid
//	severity                    log.level, as written (LOG, ERROR...)
//	message (all its lines)     message
//	                            event.kind event, cloud.provider aws, cloud.service.name rds, service.type postgresql
//	                            event.category [database], event.type [info]
//	ERROR, FATAL, PANIC         event.type [error], event.outcome failure, error.message;
//	                            error.code from a leading SQLSTATE ("42P01: ...", log_error_verbosity = verbose)
//	STATEMENT                   aws.rds_postgresql.query (the statement of the error before it)
//
// What the message says (the first line decides):
//
//	connection received: host= port=       event.action connection-received, category +network, type [connection, start]
//	connection authorized: user= database= application_name= SSL enabled (protocol=, cipher=, bits=)
//	                                       connection-authorized, category +authentication, type [start], outcome success;
//	                                       aws.rds_postgresql.application_name (spaces kept), tls.version_protocol,
//	                                       tls.version, tls.cipher, aws.rds_postgresql.tls_bits;
//	                                       user/database from the message when the prefix lacks them
//	connection authenticated: identity= method=
//	                                       connection-authenticated (PostgreSQL 14+), authentication, success;
//	                                       aws.rds_postgresql.identity, aws.rds_postgresql.auth_method
//	disconnection: session time: H:MM:SS.fff
//	                                       disconnection, category +session, type [end], event.duration (ns)
//	statement: SQL                         statement, aws.rds_postgresql.query
//	parse|bind|execute NAME: SQL           statement, aws.rds_postgresql.query_step, prepared_statement, query
//	duration: X ms [statement: | execute NAME: ...]
//	                                       duration, event.duration (ns, exact to the microsecond
//	                                       PostgreSQL writes), and the statement as above
//	AUDIT: pgaudit CSV                     audit; aws.rds_postgresql.audit.{type, statement_id, substatement_id,
//	                                       class, command, object_type, object_name, parameter} and the
//	                                       statement in aws.rds_postgresql.query; event.type access (READ),
//	                                       change (WRITE, DDL, ROLE), info (others); category +iam for ROLE.
//	                                       "<not logged>"/"<none>" parameters are left out. A record that is
//	                                       not pgaudit's layout keeps its text in message only.
//	FATAL ... authentication failed for user "U"
//	                                       authentication-failed, authentication, type [start], failure
//	FATAL no pg_hba.conf entry for / pg_hba.conf rejects connection for host "H", user "U", database "D"
//	                                       connection-rejected, authentication, failure; source/user/database from
//	                                       the message when the prefix lacks them
//	FATAL role "U" does not exist          role-not-found, authentication, type [start], failure (a guessed user
//	                                       name); user.name from the message when the prefix lacks it
//	FATAL database "D" does not exist      database-not-found
//	ERROR 42501 (permission denied ..., must be owner of ..., must be superuser ...)
//	                                       permission-denied: a statement refused for want of a privilege
//
// Every other message (checkpoints, autovacuum, QUERY STATISTICS...) is
// indexed with the common fields, its text in message.
//
// From a CloudWatch Logs delivery: the envelope's aws.cloudwatch.*,
// cloud.account.id (the log group's owner), event.id (the log event id)
// and event.created. The log group /aws/rds/instance/<id>/postgresql gives
// aws.rds_postgresql.instance_identifier; /aws/rds/cluster/<c>/postgresql
// gives aws.rds_postgresql.cluster_identifier and, from the log stream
// <instance>.<n>, the instance identifier. A key under
// AWSLogs/<account>/RDS/<engine>/<region>/ gives cloud.region (and the
// account when the envelope has none).
//
// Vendor fields not keywords: aws.rds_postgresql.query and
// audit.parameter (wildcard: statements are searched by substring),
// audit.statement_id, audit.substatement_id, tls_bits (long).
//
// # Document id
//
// Log lines have no id of their own: the pipeline's content hash, so a
// file ingested twice overwrites. CloudWatch Logs records carry the log
// event id in event.id, and their hash covers it.
//
// # Records that are not indexed
//
// A record whose first line does not have the layout above (no time stamp,
// a named zone other than UTC/GMT, no "user@database:[pid]:", a pid or
// port that is not a number, no severity) is dead-lettered with a reason
// saying which part is wrong. csvlog and jsonlog files are not read (RDS
// publishes the stderr log to CloudWatch Logs); their records are
// dead-lettered. The END OF LOG marker is excluded.
//
// # Passwords
//
// A statement that sets a password in SQL (CREATE or ALTER ROLE/USER ...
// PASSWORD '...', logged with log_statement or pgaudit) has the literal's
// contents replaced by [REDACTED] before the record is mapped, and in
// event.original too: a password set that way is kept nowhere in the
// index. Dead letters keep the record as read, for replay.
//
// # Where we differ from Elastic, on purpose
//
// Elastic's postgresql integration reads self-managed servers' logs into
// the dataset postgresql.log with vendor fields under postgresql.log.*;
// this type is the AWS one, with dataset aws.rds_postgresql and its vendor
// fields under that namespace (postgresql is not an ECS field set, and the
// RDS instance and cluster identifiers belong with AWS). There is no
// Elastic fixture for RDS's prefix: the conformance test compares AWS's
// documented examples with documents written by hand from PostgreSQL's
// documented meanings (testdata/*.expected.json). Passwords set in SQL
// are redacted (see Passwords); Elastic indexes the statement as logged.
//
// # Where we differ from the reference system, on purpose
//
//   - Session time is hours × 3600 s + minutes × 60 s + seconds, in
//     event.duration (nanoseconds); the reference multiplied hours by 1440.
//   - Statements keep their trailing ";": the query is kept as logged.
//   - Durations are event.duration (ns) rather than postgresql.duration_ms
//     and rds.query_time (s); the reference's event.action values
//     (authorized, failed) are connection-authorized and
//     authentication-failed here, and pg_hba rejections, "connection
//     received", disconnections and pgaudit records are classified too.
//   - The database name is aws.rds_postgresql.database_name (rds.* is not
//     ECS), and the message is ECS message (not rds.message).
package rdspostgresql
