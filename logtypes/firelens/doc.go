// Package firelens is the firelens log type: the output of containers
// shipped by AWS FireLens (Fluent Bit or Fluentd as a log router on
// Amazon ECS, EC2 or Fargate launch type) to S3, directly with Fluent
// Bit's s3 output or through a Firehose stream (kinesis_firehose output).
//
// # What is read
//
// Objects of FireLens lines: one JSON object per line (Firehose may
// concatenate them), each carrying one container log line in its log
// member, with source (stdout or stderr), container_id, container_name,
// and, with enable-ecs-log-metadata (the default), ecs_cluster,
// ecs_task_arn, ecs_task_definition and, on EC2, ec2_instance_id. The s3
// output adds the upload time under json_date_key ("date" by default;
// ISO 8601 or seconds). The FireLens envelope (package envelope) unwraps
// the lines, joins Docker partial messages (lines over 16 KB) and maps the
// container metadata; this type normalizes the container line itself.
//
// An object the envelope does not recognise is read as a plain file of
// container lines, one record per line, with no container metadata: an
// output copied from a container, say. One exception: the envelope judges
// from an object's first 4 KiB, and misses an object whose first line
// carries a longer log; when that first line still has a log member and a
// container_id, container_name or ecs_task_arn member (by name, within
// its first 64 KiB), Open reads the object with the FireLens envelope and
// maps its metadata itself.
//
// Keys: the two layouts that name no format (the apache and nginx types
// claim FireLens objects under their own prefixes, such as
// fluent-bit-logs/nginx-access/<tag>/...): Fluent Bit's s3 output default
// fluent-bit-logs/<tag>/%Y/%m/%d/%H/%M/%S-object<random>, where FireLens
// tags a container's records <container>-firelens-<task id>; and any key
// with a directory named firelens (a Firehose stream's prefix, as the
// reference system asks: "S3 prefix identifying the app").
//
// # The container line
//
// Each line goes, in order, to:
//
//  1. The inner normalizers given to New with Inner (or InnerFor, which
//     limits one to named containers), in the order given: the first that
//     reports a match maps the line (an Apache access line gives the same
//     fields as the apache type's documents), and the document gets
//     event.dataset = its dataset (e.g. apache.access), event.module = the
//     dataset's first part (apache), and firelens.format = the dataset.
//     A normalizer that matches but fails (an access line with an
//     impossible time) dead-letters the record with its reason; one that
//     set fields but reports no match is a bug, and dead-letters the
//     record rather than index a half-mapped document.
//  2. A JSON object (an application's structured log: logback, log4j2,
//     pino, bunyan, zap, ecs-logging...): firelens.format "json", its
//     members kept under firelens.json (a flat_object, so that the
//     varying shapes of every application's logs can neither conflict
//     nor grow the mapping), less null, empty and "-" values. When
//     OpenSearch could not index the object as a flat_object (a key that
//     is empty, has an empty dotted segment or repeats within its object;
//     nesting deeper than 20; over 32766 bytes encoded) it is kept whole
//     as one string, firelens.json_text (wildcard), instead. Mapped, each
//     from the first name present:
//     message: message, msg (strings only);
//     log.level: log.level, level, severity (a string lower-cased, at most
//     32 bytes; pino/bunyan numbers 10 to 60 as trace, debug, info, warn,
//     error, fatal; other numbers as they are);
//     @timestamp: @timestamp, timestamp, time, ts (RFC 3339, also with a
//     space for the T; or a number since the epoch in seconds, ms, µs or
//     ns, told apart by magnitude: below 1e11 seconds, 1e14 ms, 1e17 µs);
//     log.logger: log.logger, logger, logger_name;
//     trace.id: trace.id, trace_id, traceId; span.id: span.id, span_id,
//     spanId.
//     An unusable value stays only under firelens.json.
//  3. Anything else: firelens.format "plain", message = the line without
//     trailing white space.
//
// event.dataset is aws.firelens and event.module aws unless an inner
// normalizer claimed the line: the pipeline sets them from Info.Dataset
// and a normalizer may override them per record (the last value set
// wins), which this type does.
//
// # ECS fields
//
//   - From the envelope (every line): container.id, container.name,
//     orchestrator.cluster.name (ecs_cluster), orchestrator.resource.id
//     (the task ARN) and .type ("task"), orchestrator.type ("ecs"),
//     cloud.provider "aws", cloud.account.id and cloud.region (from the
//     task ARN), cloud.instance.id (ec2_instance_id),
//     aws.firelens.source (stdout or stderr: ECS has no field for a
//     container's stream) and aws.firelens.task_definition. FireLens
//     sends no image name, so container.image.name is not set.
//   - event.created: the FireLens record time (the date member), when
//     there is one: when Fluent Bit read the line.
//   - @timestamp: the line's own time (set by the inner normalizer, or
//     from a JSON line); else the FireLens record time; else the time in
//     the object's key (KeyTime: Fluent Bit's default s3 key to the
//     second, or a Firehose object name's delivery time), which is later
//     than the line by up to the buffering interval; else the ingest
//     time. Firehose objects from the kinesis_firehose output carry no
//     record time unless its time_key is set: set it.
//   - event.kind "event" unless the inner normalizer set one.
//   - event.original (by the pipeline): the container line, not the
//     FireLens JSON around it.
//
// Vendor fields, namespace firelens (not aws.firelens, the envelope's):
// firelens.format (keyword), firelens.json (flat_object),
// firelens.json_text (wildcard).
//
// Document id: left to the pipeline, a hash of the object, the line's
// position and the line, so that two identical lines are two events and
// re-reading an object overwrites its documents.
//
// # Excluded and dead-lettered
//
//   - Blank lines (empty or white space only) are excluded under
//     "firelens-blank-line": they carry nothing.
//   - With the ExcludeStderr option, stderr lines are excluded under
//     "firelens-stderr" (the reference system's ignore_container_stderr;
//     this type keeps them by default: a stack trace or a crash is what an
//     analyst looks for).
//   - A FireLens line that is not JSON, has no log string, or is a broken
//     partial message is dead-lettered by the envelope with its reason.
//   - A line an inner normalizer claims but cannot normalize is
//     dead-lettered with "<dataset> line: <reason>".
//
// # Where we differ, on purpose
//
// From the reference system (seed es-loader, section apache-ecs and
// via_firelens): its key pattern is "firelens" anywhere, first match wins;
// ours is narrower, because types here may not overlap. It parses each
// line with one configured regular expression and drops lines that miss;
// we try the inner normalizers and keep every other line as JSON or plain
// text. It drops stderr by default and gives loaded stderr lines the load
// time as @timestamp; we keep them, timed by FireLens. It copies the
// FireLens members to the top level of the document (non-ECS fields); we
// map them to ECS. Its document id mixes in the container name; ours the
// object and position.
//
// Elastic has no FireLens integration in its conformance data here; its
// container logs (filebeat's container input) keep the stream as a
// top-level non-ECS field "stream" and the application's JSON under
// json.*, which can conflict between applications: we use
// aws.firelens.source and a flat_object.
//
// # Index
//
// Lines no inner normalizer claims (JSON application logs, plain lines)
// stay in the type's own index family. RouteInner sends the lines of an
// inner format elsewhere (siem.Info.Routes): logtypes/all routes Apache
// and NGINX lines to apache-access, apache-error and nginx-access, so
// they are indexed with the same servers' logs read outside containers,
// as the reference system indexes its apache-ecs sample in
// log-web-apache. Their templates map this type's fields too.
package firelens
