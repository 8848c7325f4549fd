// Package workspaces reads Amazon WorkSpaces records: WorkSpaces Access
// events and WorkSpaces inventory snapshots.
//
// # What is read
//
//   - WorkSpaces Access events, which WorkSpaces sends to EventBridge on
//     every login attempt (detail-type "WorkSpaces Access", source
//     aws.workspaces). An EventBridge rule delivers them to S3 through
//     Firehose, back to back or one per line, under a prefix holding
//     "WorkSpaces" and "Event" (the reference system's log exporter writes
//     AWSLogs/<account>/WorkSpaces/Event/<region>/...). The detail holds
//     clientIpAddress, actionType (successfulLogin or failedLogin),
//     workspacesClientProductName, loginTime, clientPlatform, directoryId,
//     workspaceId and clientVersion.
//   - WorkSpaces inventory: the reference system's sample Lambda calls
//     DescribeWorkspaces on a schedule and writes each page ({"Workspaces":
//     [...], "NextToken": ...}) wrapped in an EventBridge-shaped envelope of
//     its own (source aws.fake.workspaces, time = when it ran) under a prefix
//     holding "WorkSpaces" and "Inventory". Each WorkSpace of a page is one
//     record. Pages without the envelope are read the same way.
//
// Both arrive through envelope.EventBridge(); objects that are not in an
// envelope (bare details or bare pages, JSON values back to back or one per
// line) are read by Open.
//
// # One type, not two
//
// The reference system has two types (workspaces-event and
// workspaces-inventory) with overlapping key patterns, both indexed into
// log-aws-workspaces. Here they are one type whose key pattern is the union
// of the two, and which tells the formats apart by content: a record with
// WorkspaceId (DescribeWorkspaces spelling) is a WorkSpace of the inventory;
// one with workspaceId, actionType, loginTime or clientIpAddress (the event
// spelling) is an access event. Content is what decides, so a key holding
// both "Event" and "Inventory" (or a Firehose stream that carries both) is
// read right, and one dataset, aws.workspaces, covers one index.
//
// # Access events
//
//   - @timestamp: loginTime (RFC 3339, UTC); the envelope's time when the
//     detail has no loginTime; with neither the record is dead-lettered.
//   - event.kind event; event.category [authentication, host];
//     event.action = actionType; successfulLogin gives event.type [start]
//     and event.outcome success, failedLogin [start] and failure; any other
//     action [info] and no outcome.
//   - source.ip and related.ip: clientIpAddress (a value that is not an IP
//     goes to source.address).
//   - host.id and related.hosts: workspaceId.
//   - user.*: not set. The event names no user (AWS's documented detail has
//     no user field); the WorkSpace's user is in the inventory, joined by
//     host.id.
//   - aws.workspaces.client_platform, client_product_name
//     (workspacesClientProductName), client_version, directory_id.
//
// # Inventory
//
//   - @timestamp: the envelope's time (when the Lambda listed the
//     WorkSpaces; the reference's cwe_timestamp); without an envelope, the
//     time of the run (event.ingested).
//   - event.kind state; event.category [host]; event.type [info].
//   - host.id: WorkspaceId; host.name: ComputerName; host.ip and
//     related.ip: IpAddress and Ipv6Address (values that are not IPs are
//     kept as aws.workspaces.ip_address / ipv6_address).
//   - user.name and related.user: UserName; related.hosts: ComputerName and
//     WorkspaceId.
//   - aws.workspaces.directory_id, state, bundle_id, subnet_id, error_code,
//     error_message (wildcard), volume_encryption_key, workspace_name,
//     root_volume_encryption_enabled and user_volume_encryption_enabled
//     (boolean), workspace_properties.{running_mode, compute_type_name,
//     operating_system_name, protocols, running_mode_auto_stop_timeout_in_minutes,
//     root_volume_size_gib, user_volume_size_gib (long)}.
//   - Lists of objects: modification_states, related_workspaces,
//     data_replication_settings, standby_workspaces_properties are kept as
//     compact JSON text (wildcard), which no shape can make conflict.
//
// # Both
//
// cloud.provider aws, cloud.service.name workspaces; cloud.account.id and
// cloud.region from the envelope, or for records without one from an
// AWSLogs/<account>/WorkSpaces/<kind>/<region>/ key. The envelope also
// sets aws.eventbridge.*. Members this type does not know (at the top of a
// record, or in WorkspaceProperties as "WorkspaceProperties.<name>") are
// kept together in aws.workspaces.other as compact JSON text (wildcard), so
// that nothing is lost.
//
// # Document id
//
// An access event keeps the pipeline's default, the EventBridge event id
// (also event.id). All WorkSpaces of an inventory page share the page's
// envelope id, so each gets <WorkspaceId>@<envelope time> (or
// @<envelope id> when the envelope has no time) as document id and
// event.id: one document per WorkSpace and snapshot, overwritten when
// the same page is read again. Bare inventory records (no envelope) keep
// the pipeline's content-hash id.
//
// # Dead letters and exclusions
//
// Dead-lettered, with the reason: a value that is not JSON or not an
// object; an object that is neither an access event nor a WorkSpace; a
// member of the wrong JSON type (loginTime a number, a boolean as text, a
// size as text...); a loginTime that is not RFC 3339; an empty
// WorkspaceId. An empty inventory page holds no record.
//
// Excluded under the rule workspaces-cloudtrail-record
// (RuleCloudTrailRecord): CloudTrail records (eventVersion, eventSource,
// eventName). An EventBridge rule matching source aws.workspaces delivers
// WorkSpaces API calls as "AWS API Call via CloudTrail" events beside the
// access events, and AWS documents WorkSpaces sign-ins as CloudTrail
// records (signin.amazonaws.com); they are neither access events nor
// inventory, and the cloudtrail type indexes them from the trail.
//
// # Where we differ from Elastic, on purpose
//
// Elastic's AWS integration has no WorkSpaces data stream.
//
// # Where we differ from the reference system
//
//   - The reference renames workspaceId to WorkspaceId before mapping
//     access events, so host.id and related.hosts never fill; here they do.
//   - The reference sets event.outcome success and event.type [info] on
//     every access event, failed logins included; here failedLogin is a
//     failure, and a login is event.type start.
//   - The reference writes user.id as well as user.name from UserName;
//     UserName is a directory user name, not an id, so only user.name is
//     set. host.hostname is not set from ComputerName either (host.name is).
//   - Raw members are kept under aws.workspaces with snake_case names, not
//     at the document root.
package workspaces
