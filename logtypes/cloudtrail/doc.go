// Package cloudtrail reads AWS CloudTrail events into ECS documents
// (event.dataset aws.cloudtrail).
//
// # Objects
//
// The type claims S3 keys containing CloudTrail/, CloudTrail-Insight/ or
// CloudTrail-Digest/. Log files are {"Records":[...]} objects whose array
// is streamed one event at a time, so a file of any size is read in
// bounded memory; a top-level object without Records is itself one event,
// which covers events written one per line (by Firehose with CloudWatch
// Logs message extraction, for example). Digest files (CloudTrail-Digest/)
// hold hashes of log files, not events: Open reports them with
// *siem.NotEventsError. A digest met under another key is recognised by
// its content (digest members, no eventID) and excluded under the rule
// RuleDigest.
//
// # Envelopes
//
// Events also reach S3 wrapped, under a prefix laid out like CloudTrail's
// own (AWSLogs/<account>/CloudTrail/...), in objects whose content tells
// the wrapping (see package envelope):
//
//   - CloudWatch Logs and Firehose: a trail sends its events to a log
//     group, a subscription filter sends them on to Firehose, and Firehose
//     writes gzipped subscription payloads back to back, in objects
//     without an extension (SampleKeys has one). Each log event's message
//     is one event, byte for byte the JSON of the log file's element. The
//     document equals the directly delivered event's, with the same id
//     (eventID), plus aws.cloudwatch.log_group, log_stream and
//     subscription_filters and event.created (the log event's timestamp);
//     the owner, log event id and "aws" the envelope maps are overridden
//     by the event's recipientAccountId, eventID and cloud.provider, so an
//     event delivered both ways is indexed once. The subscription's
//     CONTROL_MESSAGE is excluded under envelope.RuleControlMessage.
//   - EventBridge: a rule matching detail-type "AWS API Call via
//     CloudTrail" (or "AWS Console Sign In via CloudTrail", "AWS Service
//     Event via CloudTrail", "AWS Console Action via CloudTrail", "AWS
//     Insight via CloudTrail") with a Firehose target. The detail is the
//     event; the document equals the directly delivered one plus
//     aws.eventbridge.* (detail_type, source, version, resources,
//     replay_name), the envelope's id, account and region being overridden
//     by the event's.
//
// What differs from direct delivery is what arrives, not how it is read:
// CloudTrail sends neither CloudWatch Logs nor EventBridge events larger
// than 256 KB, which only the S3 log files hold; EventBridge receives
// read-only management events (Get, List, Describe) only when a rule opts
// in to them, and data events only for trails that log them; delivery to
// EventBridge is best effort. Where a deployment uses both paths, the
// log files are the complete record and the shared eventID keeps the
// other copy from being indexed twice. EventBridge's source is
// "aws.<service>" of the call and its time the eventTime, in whole
// seconds; neither is needed, the detail carries both.
//
// # Fields
//
// Elastic's AWS CloudTrail integration is followed wherever it is sound,
// so that its dashboards and detection rules work on these documents:
//
//	eventTime                       @timestamp (also the document's date)
//	eventID                         event.id, and the document _id
//	eventName                       event.action
//	eventSource                     event.provider; cloud.service.name without ".amazonaws.com"
//	errorCode / errorMessage        error.code / error.message, and aws.cloudtrail.error_code / error_message
//	awsRegion                       cloud.region
//	recipientAccountId              cloud.account.id (else userIdentity.accountId), aws.cloudtrail.recipient_account_id
//	sourceIPAddress                 source.address always; source.ip and related.ip when it is an address
//	userAgent                       user_agent.original
//	userIdentity.principalId        user.id
//	userIdentity.userName           user.name; without it the session issuer's userName, the role of an
//	                                assumed-role ARN, the last segment of the ARN, then principalId
//	assumed-role session name       user.email when it is an e-mail address (IAM Identity Center)
//	IAM requestParameters.userName / newUserName / groupName, responseElements.user.userId / group.groupId
//	                                user.target.name / user.changes.name / group.name / user.target.id / group.id
//	user names seen                 related.user (caller, session name, IAM target and new name)
//	tlsDetails                      tls.version_protocol + tls.version ("TLSv1.2"), tls.cipher, tls.client.server_name
//	instance acted on               cloud.instance.id (requestParameters.instanceId, the first instance
//	                                of instancesSet, an SSM session target, EC2's own STS calls)
//
// event.kind is always event. event.outcome is failure when errorCode or
// errorMessage is present, else success; a console sign-in reports its
// own result (responseElements.ConsoleLogin), and Insight events, which
// are not calls, have no outcome. event.category and event.type use
// Elastic's table for the calls it names (ConsoleLogin and AssumeRole are
// authentication, IAM user and group calls are iam, ...) and otherwise
// ECS's api category typed by the call's verb (access, creation, deletion,
// change, start, end, with denied for authorization failures), iam for
// other IAM calls, authentication for sign-in and credential-issuing STS
// calls, configuration added to successful management writes, file added
// to S3 object data events, and network added to network activity events;
// service events (no caller) and Insight events are api with type info,
// or start and end for an insight's two events.
//
// Vendor fields use Elastic's names under aws.cloudtrail: event_version,
// event_type, event_category, management_event, read_only, request_id,
// shared_event_id, api_version, vpc_endpoint_id, vpc_endpoint_account_id,
// user_identity.* (type, arn, account_id, access_key_id, invoked_by,
// identity_provider, credential_id, on_behalf_of.*, session_context.*),
// resources (an array of {arn, account_id, type}, repeats removed) and
// console_login.additional_eventdata.{login_to, mfa_used, mobile_version}.
//
// # Free-form members
//
// requestParameters, responseElements, additionalEventData,
// serviceEventDetails and insightDetails change shape with every API, so
// mapping their members as ordinary fields would explode the mapping and
// conflict (one API's "status" is a string, another's an object). Each is
// written twice:
//
//   - aws.cloudtrail.request_parameters (response_elements,
//     additional_eventdata, service_event_details, insight_details): the
//     member's compact JSON as one keyword string, whatever its type;
//   - aws.cloudtrail.flattened.request_parameters (and so on): the member
//     verbatim when it is an object, for an OpenSearch flat_object mapping,
//     which indexes every leaf as a keyword under its dotted path and so
//     can neither conflict nor grow the mapping.
//
// A null, empty or absent member is left out; a scalar or array member
// appears only in the string form. Two kinds of object appear only in the
// string form too, because OpenSearch would reject the whole document:
// one whose encoding exceeds 32766 bytes (a leaf that long is an immense
// term), and one with a key that is empty, has an empty dotted segment
// (".a", "a..b") or repeats within its object.
//
// # Errors
//
// A record that is not JSON is dead-lettered with the byte offset and the
// problem; one that is not an object, lacks eventTime or has an eventTime
// that is not RFC 3339 (or lies outside the years 0001 to 9999 in UTC,
// which ECS dates hold) is dead-lettered naming the field and its value.
// Years before 1970 are read like any other. A leap second (23:59:60) is
// read as the start of the next second, which keeps it in order with the
// events around it (see parser.ParseRFC3339). Unknown members, and known
// ones of an unexpected JSON type, are ignored: they stay in
// event.original.
//
// A key repeated in one object has no defined meaning in JSON and AWS
// documents none; taking the last one would let a second eventTime
// back-date an event. Of a key this type reads (at any depth, such as
// eventTime, userIdentity.arn or requestParameters.userName) the first
// occurrence is used, and the event is tagged duplicate_json_key with
// aws.cloudtrail.duplicate_keys listing the repeated keys' paths. Repeats
// of other keys are left alone, except that a free-form member holding
// one appears in string form only (see above).
//
// A record costs time linear in its size, whatever its shape: strings of
// escapes, many members, many resources, nesting (more than 300 levels
// is refused as invalid JSON). Records are read without building a tree
// of values, and Normalize allocates at most 8 times the record's size
// (32 MiB for the pipeline's largest record, 4 MiB), the event's growth
// included. The exception is raw control characters in strings, which
// JSON forbids but which have always been accepted (as have NaN and other
// number-like tokens, written as strings): each becomes a six-byte escape
// in both the document and the string form, so such a record may cost up
// to 24 times its size.
//
// # Differences from Elastic
//
// These departures from Elastic's integration are deliberate:
//
//   - cloud.account.id is the account that recorded the event
//     (recipientAccountId), Elastic takes the caller's account
//     (userIdentity.accountId). They differ for cross-account calls, where
//     the account acted on is the one that matters; the caller's account
//     is kept in aws.cloudtrail.user_identity.account_id. Without
//     recipientAccountId (old events) both take the caller's account.
//   - error.code and error.message are set besides Elastic's
//     aws.cloudtrail.error_code and error_message, so that cross-source
//     queries on ECS error fields find CloudTrail failures.
//   - related.ip holds the source address (Elastic's pinned pipeline sets
//     none; its newer versions do the same as here).
//   - related.user holds every user name seen: the caller's user.name, an
//     assumed role's session name and IAM targets. Elastic's pinned
//     pipeline adds only userIdentity.userName and IAM targets, so an
//     assumed-role caller left it empty; its newer versions add names as
//     here.
//   - A session creation date in the basic ISO 8601 form of old events
//     (20131102T010628Z) is read; Elastic's date processor drops it.
//   - Events outside Elastic's categorization table get event.category
//     and a specific event.type (see above); Elastic leaves them without a
//     category and with type info. Its table is applied unchanged, even
//     where it surprises (CreateKeyPair is iam/admin).
//   - user.target.*, user.changes.name and group.* are set for IAM calls
//     only. Elastic reads requestParameters.userName and groupName of
//     every service, which turns an EC2 security group name into
//     group.name.
//   - The free-form members' string form is their compact JSON, where
//     Elastic writes Java's map rendering ({key=value}), which cannot be
//     parsed back.
//   - aws.cloudtrail.shared_event_id is read from sharedEventID, the
//     member CloudTrail writes; Elastic looks for sharedEventId and never
//     finds it.
//   - The digest members Elastic maps (aws.cloudtrail.digest.*) have no
//     counterpart: digests are not events and are skipped, not indexed.
//   - event.created is not set: Elastic copies the shipper's read time
//     into it; the pipeline's event.ingested records when we read it.
//
// # Differences from the reference loader
//
// The reference (SIEM on Amazon OpenSearch Service) maps user.id from
// userIdentity.accessKeyId and event.module and rule.name from
// eventSource and eventName; here user.id is principalId (as Elastic),
// event.module is "aws" with event.provider holding eventSource, and
// rule.name is left for detection rules. Its per-API type-conflict fixes
// are unnecessary because free-form members never reach the mapping as
// fields. Events missing eventTime fail only themselves, not their object.
package cloudtrail
