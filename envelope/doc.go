// Package envelope holds the AWS delivery envelopes: the formats that wrap
// the records of any log type on their way to S3. Each is a siem.Envelope
// that a log type lists in its Info.Envelopes:
//
//	Envelopes: []siem.Envelope{envelope.CloudWatchLogs(), envelope.EventBridge()},
//
// The pipeline shows each envelope, in that order, the object's key and
// the first siem.SniffBytes of its decompressed content; the first that
// accepts the object unwraps it into messages, which the type's
// OpenMessages reads as records. Each message's parser.Delivery carries
// what the envelope said about it: the envelope's name, an id and a time
// when the envelope has them, and a Meta a type may inspect
// (*CloudWatchLogsMeta, *EventBridgeMeta, *CloudWatchLogsExportMeta,
// *FireLensMeta). The envelope maps its metadata to ECS once, before the
// type's normalizer runs, so a value the record itself carries wins.
// An object in none of the listed envelopes is read by the type's Open as
// if delivered directly.
//
// Every reader streams: it holds one payload, event, line or assembled
// message at a time, within the limits MaxPayloadBytes and
// MaxMessageBytes, whatever the object's size. It parses JSON with
// fastjson or byte scanning, never into maps. A problem confined to one
// payload or message is a *parser.RecordError with its position, a
// reason and at most MaxErrorRawBytes of its raw bytes (its Size telling
// how long it was), and reading goes on with the next one.
//
// Record.Number counts the messages of the object (1, 2, 3..., record
// errors included), so a dead letter names the message, not the payload.
// Record.Offset and Record.Line are those of the payload, event or line
// that carried the message.
//
// # CloudWatch Logs subscriptions (CloudWatchLogs)
//
// A subscription filter sends payloads
//
//	{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"...","logStream":"...",
//	 "subscriptionFilters":["..."],"logEvents":[{"id":"...","timestamp":1795773900000,"message":"..."}]}
//
// to Kinesis, Firehose or Lambda. Firehose writes them to S3 back to back,
// each gzipped, in objects without an extension; the pipeline's
// decompression turns the gzip members into one stream of JSON values.
// Payloads written back to back, one per line, pretty-printed, or not
// gzipped at all are read alike.
//
// Each log event is one message: Data is the message string unescaped
// (the bytes the source logged; an escape no valid JSON holds, such as a
// lone surrogate, is kept as written), Delivery.ID the event id,
// Delivery.Time its timestamp (milliseconds since the epoch: when the
// event was logged to CloudWatch, not necessarily when it happened).
// The messages of one payload share one *CloudWatchLogsMeta.
//
// A CONTROL_MESSAGE payload, the health check CloudWatch Logs sends when a
// subscription is created, yields one message per log event (one without
// events yields one) with Delivery.Exclude set to RuleControlMessage, so
// the pipeline counts it as excluded and the type never sees it. Any
// other messageType, or none, is read as data.
//
// A payload that is not JSON or not an object, has no logEvents array,
// is longer than MaxPayloadBytes, or an event without a string message,
// is a record error; for a payload, it stands for all the events it held.
// Firehose error records ({"attemptsMade":..,"errorCode":..,"rawData":..},
// written to the bucket's error prefix when Firehose fails to process or
// deliver a record) are recognised and reported as such, never
// normalized: the reason gives Firehose's error code and message, and
// says that rawData holds the original record.
//
// Sniffing reads the top-level keys of the object's first JSON value: it
// accepts messageType or logEvents, or logGroup with owner, logStream or
// subscriptionFilters, and Firehose error records. Keys nested deeper (a
// CloudTrail event's requestParameters.logGroup) do not count. The key is
// not used.
//
// # EventBridge events (EventBridge)
//
// Events an EventBridge rule sends to S3 through Firehose:
//
//	{"version":"0","id":"...","detail-type":"GuardDuty Finding","source":"aws.guardduty",
//	 "account":"123456789012","time":"2026-11-27T10:05:00Z","region":"eu-west-1",
//	 "resources":["arn:..."],"detail":{...}}
//
// one per object, back to back or one per line. Each event is one
// message whose Data is its detail exactly as written (a span of the
// object, not re-encoded), so the type's normalizer reads the JSON it
// would read from the service's own export. Delivery.ID is the event id,
// Delivery.Time its time (whole seconds; for most sources when the event
// happened, a fallback for @timestamp at best). replay-name is kept when
// an archive replay sent the event again.
//
// An event that is not an object, has no detail or a detail that is not
// an object (EventBridge requires one) is a record error, as are
// Firehose error records. Sniffing accepts a first JSON value with the
// top-level keys detail-type and detail, or detail-type and source when
// the detail lies beyond the head.
//
// # CloudWatch Logs exports (CloudWatchLogsExport)
//
// An export task writes each log stream to
// <prefix>/<taskId>/<logStream>/000000.gz (then 000001.gz...), where the
// task id is a UUID and the stream may hold slashes; ParseExportKey reads
// that layout. Each line is "<RFC 3339 UTC timestamp> <message>", the
// timestamp in milliseconds (AWS does not document the format; any
// fraction of 1 to 9 digits, or none, is read, but only the Z zone). A line that does not start with such a timestamp continues the
// message before it: multi-line messages (stack traces, slow-query logs)
// keep their line feeds, and a CR before a line feed is dropped. Lines
// before the first timestamped one are one record error. Delivery.Time
// is the line's timestamp; Delivery.ID is a hash of the log stream, the
// timestamp as written and the message, so that reading or exporting the
// same events again overwrites their documents (the same text logged
// twice in the same millisecond on one stream is indexed once).
//
// Before an export, AWS writes <prefix>/aws-logs-write-test ("Permission
// Check Successful") to check that it may write to the bucket. Open
// reports that object as a *siem.NotEventsError, so the pipeline skips it
// rather than failing it or counting a record that is no event.
//
// The key does not name the log group: ExportOptions.LogGroup can name it
// from the destination prefix when a deployment follows a convention.
// Sniffing needs both the key layout (or the write-test name) and content
// that starts with a timestamped line (or is empty): content alone cannot
// decide, since other logs (a Classic Load Balancer's) start their lines
// with timestamps too.
//
// # FireLens (FireLens)
//
// FireLens routes an ECS task's container output through Fluent Bit,
// which writes one JSON object per line:
//
//	{"log":"...","source":"stdout","container_id":"...","container_name":"...",
//	 "ecs_cluster":"...","ecs_task_arn":"...","ecs_task_definition":"...","ec2_instance_id":"..."}
//
// Each line is one message whose Data is the log string unescaped. A
// Fluent Bit time, when configured (the S3 output's json_date_key "date",
// or a time_key "time"; RFC 3339 or epoch seconds), becomes Delivery.Time;
// there is no id. Consecutive lines of one container and stream share one
// Delivery (when they carry no time) or one *FireLensMeta.
//
// Docker splits lines over 16 KiB into partial messages (partial_message,
// partial_id, partial_ordinal, partial_last). Parts are reassembled into
// one message when they arrive in order, consecutively, within one
// object, up to MaxMessageBytes: the message has the first part's
// position and delivery. A part out of order, a sequence interrupted by
// another line, or one the object ends in, is reported as a record error
// holding the parts so far; nothing is reordered or joined across
// objects. Sniffing accepts a first JSON value with the top-level key log
// and one of container_id, container_name, ecs_task_arn or ecs_cluster.
//
// Lines without an id are given the pipeline's default id, a hash of the
// message: identical lines from one object (a health check logged every
// minute without a timestamp of its own) become one document. Configure
// a Fluent Bit time key to keep them apart, or give the type's records an
// id of its own.
//
// # Mapping
//
// Each envelope's Map sets, before the type's normalizer runs (so the
// record's own values win):
//
//	CloudWatch Logs            owner                      cloud.account.id
//	                           (always)                   cloud.provider "aws"
//	                           logGroup                   aws.cloudwatch.log_group
//	                           logStream                  aws.cloudwatch.log_stream
//	                           subscriptionFilters        aws.cloudwatch.subscription_filters (array)
//	                           logEvents[].id             event.id (and the document id, see below)
//	                           logEvents[].timestamp      event.created
//	EventBridge                (always)                   cloud.provider "aws"
//	                           account                    cloud.account.id
//	                           region                     cloud.region
//	                           id                         event.id (and the document id)
//	                           source                     aws.eventbridge.source
//	                           detail-type                aws.eventbridge.detail_type
//	                           resources                  aws.eventbridge.resources (array)
//	                           version                    aws.eventbridge.version
//	                           replay-name                aws.eventbridge.replay_name
//	CloudWatch Logs export     (always)                   cloud.provider "aws"
//	                           log stream (key)           aws.cloudwatch.log_stream
//	                           ExportOptions.LogGroup     aws.cloudwatch.log_group
//	                           line timestamp             event.created
//	FireLens                   container_id               container.id
//	                           container_name             container.name
//	                           (always)                   orchestrator.type "ecs", cloud.provider "aws"
//	                           ecs_cluster                orchestrator.cluster.name
//	                           ecs_task_arn               orchestrator.resource.id, orchestrator.resource.type "task",
//	                                                      and its region and account: cloud.region, cloud.account.id
//	                           ec2_instance_id            cloud.instance.id
//	                           source                     aws.firelens.source
//	                           ecs_task_definition        aws.firelens.task_definition
//
// The vendor namespaces are aws.cloudwatch (subscriptions and exports),
// aws.eventbridge and aws.firelens, none of them an ECS field set; every
// field in them is a keyword, so the Vendor schemas declare no field.
// The document id is the type's own (ev.SetID: CloudTrail's eventID),
// else Delivery.ID, else the pipeline's hash of the record; an event
// delivered both directly and through an envelope is therefore indexed
// once when the type sets its own id.
//
// # Differences from Elastic
//
// Elastic's Firehose integration (aws_firehose_envelope) is followed for
// the CloudWatch fields it names: aws.cloudwatch.log_group and log_stream,
// cloud.account.id from the owner, event.id from the log event id. These
// departures are deliberate:
//
//   - The subscription filters are aws.cloudwatch.subscription_filters, an
//     array of the filter names, beside the group and stream they
//     describe; Elastic writes aws.firehose.subscription_filters as one
//     string rendering of the list ("[a, b]").
//   - event.created is the log event's timestamp; Elastic's @timestamp is
//     Firehose's arrival time and it keeps no event time from the
//     envelope. @timestamp is left to the log type (the record's own time).
//   - aws.firehose.* (the delivery stream's ARN, request id) and
//     aws.kinesis.* are absent: Elastic receives records over Firehose's
//     HTTP endpoint with those headers, while an S3 object holds none of
//     them. cloud.region is not set for CloudWatch Logs payloads, which do
//     not carry one (Elastic takes the Firehose stream's region).
//   - extractedFields and policyLevel are not mapped (policyLevel is in
//     CloudWatchLogsMeta).
//
// Elastic has no EventBridge, export or FireLens envelope mapping to
// follow; their fields here use ECS where ECS has a field (cloud.*,
// container.*, orchestrator.*) and the vendor namespace otherwise.
package envelope
