// Package rdsmysql reads the logs of Amazon RDS for MySQL, RDS for
// MariaDB and Aurora MySQL: the audit log (MariaDB audit plugin), the
// general query log, the error log and the slow query log.
//
// # One type for four logs
//
// The reference system has four types (rds-mysql-audit, -general, -error,
// -slowquery) with four key patterns, all writing to log-aws-rds-mysql.
// This package is one type, rds-mysql, whose key pattern is the union of
// theirs, (MySQL|mysql|MariaDB|mariadb).*(audit|general|error|slowquery),
// and which tells the logs apart per record: the log group a CloudWatch
// Logs subscription names (/aws/rds/instance/<db>/<log> or
// /aws/rds/cluster/<cluster>/<log>) says which log a message is from,
// whatever key Firehose wrote it under; without an envelope, the key
// (a segment or file name audit, general, error or slowquery); without
// either (Normalize called directly), the record's shape (an audit line, a
// slow query entry). Four types would each have to repeat the envelope,
// identifier and cloud mapping, and a Firehose stream that carries two log
// groups would be split between two types by a key that cannot say which
// message is which.
//
// # What is read
//
//   - CloudWatch Logs subscription payloads (envelope.CloudWatchLogs), one
//     log event per record, as the RDS log export writes them: gzip
//     payloads concatenated by Firehose under, for example,
//     AWSLogs/<account>/RDS/MySQL/<region>/<log>/.
//   - Log files as RDS writes them (download-db-log-file-portion), framed
//     by package parser/multiline: audit records start with their time,
//     general and error entries with a time (continuation lines join the
//     entry before), slow query entries at "# User@Host:" or "# Time:"
//     (Elastic's framing; see the time line rule below).
//
// Audit: timestamp,serverhost,username,host,connectionid,queryid,
// operation,database,object,retcode with the time as "YYYYMMDD HH:MM:SS"
// (RDS, UTC) or epoch microseconds (Aurora MySQL), an object that is a
// single-quoted statement with backslash escapes (commas, quotes and
// newlines inside) or an unquoted table name, and an optional connection
// type after the return code (Aurora MySQL 3).
// General: "<time>\t<thread id> <command>\t<argument>", the time RFC 3339
// (MySQL 5.7 and later), "YYMMDD HH:MM:SS" or left empty (MariaDB, when it
// has not changed: the delivery time stands in). Error: "<time> <thread>
// [<level>] [MY-nnnnnn] [<subsystem>] message" in the MySQL 8, 5.7 and
// MariaDB variants. Slow query: "# Time:", "# User@Host:", MariaDB's
// "# Thread_id: ... Schema: ... QC_hit:", "# Query_time: ...", MariaDB's
// and Percona's extra "# key: value" lines, "use <db>;", "SET
// timestamp=<n>;" and the statement. Times without an offset are UTC (RDS
// servers run in UTC).
//
// # ECS mapping
//
// Every record: @timestamp (see below), event.kind event, event.category
// database (plus the categories below), cloud.provider aws,
// cloud.service.name rds, cloud.account.id (the payload's owner, else the
// AWSLogs/<account>/ key), cloud.region (from the key: CloudWatch Logs
// payloads do not carry it), cloud.instance.id and service.node.name (the
// DB instance: the log group's, or in a cluster's group the log stream
// before its first "."), service.name (the cluster, else the instance),
// service.type (mariadb when the key says MariaDB, else mysql).
//
// Audit: @timestamp from the record; event.action the operation in lower
// case (connect, failed-connect, disconnect, query, read, write, create,
// alter, rename, drop, changeuser); event.outcome success when retcode is
// 0, failure otherwise (and always for FAILED_CONNECT), with error.code the
// MySQL error number (1045 access denied, 1064 syntax error...);
// CONNECT and CHANGEUSER are authentication and session start,
// FAILED_CONNECT authentication start, DISCONNECT session end; a QUERY is
// classified by its first words: reads (SELECT, SHOW...) access, writes
// and DDL change (creation for CREATE, deletion for DROP), GRANT, REVOKE,
// CREATE/ALTER/DROP/RENAME USER or ROLE and SET PASSWORD category iam and
// type user too, anything else info; table events READ access, WRITE,
// ALTER, RENAME change, CREATE creation, DROP deletion. user.name and
// related.user (username), host.hostname (serverhost), source.address and
// source.ip with related.ip (host when an address), or source.domain with
// related.hosts (a name, "localhost").
//
// General: @timestamp from the entry; event.action the command
// (connect, query, init-db, quit...); Connect is authentication and
// session start with user.name, source.* and the database from "user@host
// on db using method" (outcome success: the server writes it once the
// login has succeeded), or, for "Access denied for user 'u'@'h'", an
// authentication failure; Quit session end; Query and Execute are
// classified as audit queries are; Init DB access.
//
// Error: @timestamp from the entry, or the delivery time for a line
// without one (some start-up lines); log.level as written (Note, Warning,
// ERROR, System); event.type error for ERROR, else info; error.code MySQL
// 8's MY-nnnnnn; message the text after the prefix. "Access denied for
// user 'u'@'h'" and "Unknown database 'd'" are authentication failures
// (event.action access-denied, unknown-database) with user.name,
// source.*; "Aborted connection ... to db: 'd' user: 'u' host: 'h'" is a
// network connection end with the same fields.
//
// Slow query: event.action slow-query, event.type info, event.duration
// from Query_time (nanoseconds), user.name (the name before the
// brackets), source.domain, source.ip and source.address from "host
// [ip]", related.*; @timestamp is the "# Time:" line when it agrees to the
// second with SET timestamp (it keeps the microseconds), else SET
// timestamp (the statement's start), else the "# Time:" line. With MySQL
// 8's log_slow_extra, Start and End are event.start and event.end, and
// Errno and Killed give event.outcome: failure with error.code the error
// number when either is not 0 (Errno first), else success; without them
// the entry has no outcome (a slow statement may have failed or not).
// Percona's Last_errno is read as Errno.
//
// # Vendor fields (aws.rds_mysql)
//
// log_type (audit, general, error, slowquery), instance_identifier,
// cluster_identifier, database, thread_id (long: connection id), query
// (wildcard: the statement of audit QUERY records, general Query, Execute
// and Prepare entries and slow query entries, unescaped, searchable with
// wildcards whatever its length), command, argument (wildcard: other
// general commands' argument), connection_method, subsystem (error log),
// audit.{operation, object (table name), query_id (long), retcode (long),
// connection_type}, slowlog.{current_user, query_time_sec and
// lock_time_sec (double, seconds), rows_sent, rows_examined,
// rows_affected, bytes_sent, tmp_tables, tmp_disk_tables,
// tmp_table_sizes, merge_passes, and log_slow_extra's errno, killed,
// bytes_received, read_first, read_last, read_key, read_next, read_prev,
// read_rnd, read_rnd_next, sort_merge_passes, sort_range_count,
// sort_rows, sort_scan_count, created_tmp_disk_tables,
// created_tmp_tables (long), query_cache_hit, full_scan, full_join,
// tmp_table, tmp_table_on_disk, filesort, filesort_on_disk,
// priority_queue (boolean), set_timestamp (date)}. ECS has no database fields; Elastic's
// mysql integration keeps the same values under mysql.* (mysql.thread_id,
// mysql.slowlog.query, mysql.slowlog.lock_time.sec...): we keep them
// under our own namespace so that they cannot collide with an index that
// also holds Elastic's documents. Slow query header keys we do not know
// stay in event.original only.
//
// # Excluded and dead-lettered
//
// Excluded: rds-mysql-slowquery-time-line, a "# Time:" line that is a
// record of its own (CloudWatch Logs may deliver it as its own event, and
// Elastic's framing cuts it off): the entry after it has its time in SET
// timestamp; rds-mysql-log-header, the three lines mysqld writes when it
// opens the general or slow query log (version, port, column names);
// CloudWatch Logs control messages (the envelope's rule).
// Dead-lettered, with the reason: a record of no known log (neither log
// group, key nor shape say), an audit line with fewer than ten fields, a
// bad time, an unterminated quoted statement or a return code that is no
// number; a general entry without thread id and command; a slow query
// entry without "# User@Host:" or "# Query_time:"; a record without a
// time read from a file (no delivery time to fall back on).
//
// # Document id
//
// The CloudWatch Logs event id (the pipeline's default for enveloped
// records), so that a redelivered payload overwrites its documents; for
// files, the pipeline's content hash.
//
// # Where we differ from Elastic, on purpose
//
//   - Elastic's mysql.slowlog pipeline sets no event.action,
//     source.address or related.user; we do (see harness_test.go).
//   - Vendor fields live under aws.rds_mysql, not mysql.
//   - Elastic reads the slow log "# Time:" line as a separate, dropped
//     event; we do too when it arrives alone, and use it for @timestamp
//     when it arrives with its entry.
//
// # Where we differ from the reference system
//
//   - The audit outcome: the reference compares the return code, a
//     string, with the number 0, so every audit record is a failure; ours
//     is success for 0.
//   - One type instead of four (see above), event.dataset aws.rds_mysql;
//     the reference's rds.* and mysql.* fields are aws.rds_mysql.*, its
//     rds.query_time is event.duration.
//   - The reference takes @timestamp from the CloudWatch Logs event time
//     (cwl_timestamp); we take the record's own time and keep the
//     delivery time in event.created.
//   - The reference strips a trailing ";" and surrounding quotes from the
//     statement and puts the audit statement in user.name when the user is
//     empty; we unescape the quoted statement exactly and never invent a
//     user.
//   - The slow query statement is everything after "SET timestamp=" (as
//     Elastic), not the reference's first block not starting with use or
//     set.
package rdsmysql
