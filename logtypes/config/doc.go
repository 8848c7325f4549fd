// Package config reads AWS Config: configuration items from history and
// snapshot files and from change notifications, and rule compliance
// changes. One log type, "config" (event.dataset aws.config, vendor fields
// under aws.config), covers what the reference system split into
// config-history, config-snapshot and config-rules (index log-aws-config).
//
// # What is read
//
// Objects are recognised by key: AWSLogs/<account>/Config/<region>/... (an
// organization bucket adds an o-xxxx level), file names with
// _ConfigHistory_ or _ConfigSnapshot_, and keys matching Config.*Rules, the
// reference system's Firehose prefix for compliance changes. Month and day
// in Config's keys are not zero-padded and resource types hold "::"
// (.../2026/1/5/ConfigHistory/<account>_Config_<region>_ConfigHistory_AWS::EC2::Instance_<start>_<end>_<n>.json.gz);
// the pattern does not depend on either.
//
//   - History and snapshot files, {"fileVersion":"1.0",["configSnapshotId":..,]
//     "configurationItems":[...]}: the array is streamed element by element
//     (parser.NewJSONRecordsReader), so a snapshot of any size is read in
//     bounded memory (TestSnapshotStreamed reads a generated 48 MB
//     snapshot and fails if the heap grows by more than 8 MB); each item
//     is one document. Items of version 1.0
//     (accountId, arn, configurationStateID, the misspelt availibilityZone)
//     are read as well as 1.2 and 1.3.
//   - Change notifications (messageType ConfigurationItemChangeNotification:
//     configurationItem, configurationItemDiff, notificationCreationTime,
//     recordVersion), as the detail of an EventBridge "Config Configuration
//     Item Change" event, in an SNS notification, or as the full
//     notification Config writes to OversizedChangeNotification/ when it is
//     too large for SNS. Version 1.0 notifications wrap the item in a
//     one-element array, which is read; an array of several items is
//     dead-lettered (no such notification is documented).
//   - Oversized change notifications (OversizedConfigurationItemChangeNotification):
//     the configurationItemSummary is mapped like an item without a
//     configuration, and s3DeliverySummary says where the full item is.
//   - Compliance changes (messageType ComplianceChangeNotification: resourceId,
//     resourceType, awsRegion, awsAccountId, configRuleName, configRuleARN,
//     newEvaluationResult, oldEvaluationResult, notificationCreationTime),
//     as the detail of an EventBridge "Config Rules Compliance Change" event
//     or in an SNS notification.
//   - EventBridge events written to S3 by Firehose (Info.Envelopes lists
//     envelope.EventBridge): each event's detail is one record; the
//     envelope maps cloud.account.id, cloud.region, event.id and
//     aws.eventbridge.*, and the detail's own values win.
//   - SNS notifications, as an SNS -> Firehose subscription writes them
//     (raw message delivery off) or as saved from an SNS endpoint: an
//     object with "Type":"Notification" whose Message is the Config message
//     as a JSON string (AWS's documentation shows it as an object; both are
//     read). MessageId, TopicArn, Subject and Timestamp are kept under
//     aws.config.sns. With raw message delivery on, Firehose writes the
//     Config messages themselves, which are read directly.
//
// # Mapping
//
// Configuration items (history, snapshot and change notifications):
//
//	configurationItemCaptureTime    @timestamp (snapshot items too). Absent or null: the
//	                                snapshot time in the key (snapshot files), else the
//	                                notification time, else the EventBridge event time;
//	                                with none of them, or a time that is not RFC 3339,
//	                                the item is dead-lettered
//	notificationCreationTime        event.created (NotificationCreateTime in version 1.0)
//	(always)                        event.category [configuration], cloud.provider aws
//	(snapshot item)                 event.kind state, event.type [info]
//	(history item, or other)        event.kind state, event.type by status: ResourceDiscovered
//	                                creation, ResourceDeleted and ResourceDeletedNotRecorded
//	                                deletion, ResourceNotRecorded info, OK change
//	(change notification)           event.kind event, event.type by configurationItemDiff.changeType
//	                                (CREATE creation, UPDATE change, DELETE deletion), else
//	                                by status as above
//	configurationItemStatus         event.action, aws.config.configuration_item_status
//	configurationStateId            event.id, aws.config.configuration_state_id (a number in
//	                                1.2+, written as its decimal text; a UUID in 1.0)
//	awsAccountId (accountId)        cloud.account.id (else the key's account)
//	awsRegion                       cloud.region (else the key's region); a value that is no
//	                                region (IAM's "global") goes to aws.config.aws_region,
//	                                and cloud.region is then only the EventBridge event's
//	                                region (the recorder's) when the item came in one
//	availabilityZone                cloud.availability_zone when it names a zone; "Not
//	                                Applicable", "Regional", "Multiple Availability Zones"
//	                                go to aws.config.availability_zone
//	resourceId                      entity.id, aws.config.resource_id
//	resourceName                    entity.name, aws.config.resource_name
//	resourceType                    entity.sub_type, aws.config.resource_type, and
//	                                entity.type where ECS has a class for it (EC2 instance
//	                                and SSM inventory host, S3 bucket, IAM user, Lambda
//	                                function, SQS queue, RDS/DynamoDB database, ECS/EKS
//	                                cluster orchestrator, ECS service)
//	ARN (arn)                       aws.config.arn
//	resourceCreationTime            aws.config.resource_creation_time (date)
//	configurationItemDeliveryTime   aws.config.configuration_item_delivery_time (date)
//	recordingFrequency              aws.config.recording_frequency (CONTINUOUS, DAILY)
//	configurationItemVersion        aws.config.configuration_item_version
//	configurationStateMd5Hash       aws.config.configuration_state_md5_hash
//	relatedEvents                   aws.config.related_events (CloudTrail event ids)
//	relationships                   aws.config.relationships: objects of keywords
//	                                resource_id, resource_name, resource_type, name,
//	                                relationship_name, direction (a value that is not an
//	                                array: aws.config.relationships_text)
//	tags                            aws.config.tags (flat_object)
//	configuration                   aws.config.configuration (flat_object)
//	supplementaryConfiguration      aws.config.supplementary_configuration (flat_object)
//	configurationItemDiff           aws.config.configuration_item_diff (flat_object),
//	                                its changeType aws.config.change_type and the names of
//	                                its changedProperties aws.config.changed_properties
//	messageType, recordVersion      aws.config.message_type, record_version (MessageVersion
//	                                of 1.0 notifications: message_version)
//	(key)                           aws.config.file_type ConfigHistory or ConfigSnapshot, and
//	                                for snapshots aws.config.snapshot_id (the file name's id)
//
// Hosts, users and addresses, per resource type:
//
//	AWS::EC2::Instance              cloud.instance.id and related.hosts: resourceId;
//	                                related.hosts: privateDnsName, publicDnsName;
//	                                related.ip: privateIpAddress, publicIpAddress, and of
//	                                every network interface its private and associated
//	                                public addresses and IPv6 addresses
//	AWS::EC2::NetworkInterface      related.ip: the same for the interface
//	AWS::EC2::EIP                   related.ip: resourceName (the public address), publicIp,
//	                                privateIpAddress
//	AWS::EC2::NatGateway            related.ip: every natGatewayAddresses privateIp, publicIp
//	AWS::SSM::ManagedInstanceInventory  related.hosts: resourceId and AWS:InstanceInformation
//	                                ComputerName; related.ip: AWS:Network IPV4 and IPV6;
//	                                cloud.instance.id when resourceId is an EC2 id (i-...),
//	                                not for a hybrid managed instance (mi-...)
//	AWS::SSM::AssociationCompliance, PatchCompliance  the instance after the last "/"
//	AWS::IAM::User, AWS::IAM::Role  user.id resourceId, user.name resourceName, related.user
//
// related.ip is sorted and holds no address twice; related.hosts and
// related.user hold no value twice.
//
// Compliance changes:
//
//	newEvaluationResult.resultRecordedTime  @timestamp (else notificationCreationTime, else
//	                                the EventBridge event time)
//	notificationCreationTime        event.created
//	complianceType NON_COMPLIANT    event.kind alert (a rule found a resource out of policy);
//	                                any other value event.kind event
//	(always)                        event.category [configuration], event.type [change]
//	messageType                     event.action, aws.config.message_type
//	complianceType                  event.outcome: COMPLIANT success, NON_COMPLIANT failure,
//	                                NOT_APPLICABLE, INSUFFICIENT_DATA or none unknown
//	configRuleName                  rule.name (else the evaluation's qualifier's)
//	configRuleARN                   rule.id
//	awsAccountId, awsRegion         cloud.account.id, cloud.region
//	resourceId, resourceType        entity.id, entity.sub_type, entity.type,
//	                                aws.config.resource_id, resource_type; EC2 instances
//	                                cloud.instance.id, IAM users and roles user.id; for
//	                                AWS::Config::ResourceCompliance the resource in its id
//	                                ("AWS::EC2::Instance/i-..." cloud.instance.id,
//	                                "AWS::IAM::User/..." user.id)
//	newEvaluationResult             aws.config.new_evaluation_result.{compliance_type,
//	                                annotation, compliance_reason_code,
//	                                result_recorded_time, config_rule_invoked_time,
//	                                ordering_timestamp, resource_evaluation_id,
//	                                qualifier.{config_rule_name, resource_type,
//	                                resource_id, evaluation_mode}}
//	oldEvaluationResult             aws.config.old_evaluation_result (the same), absent on
//	                                a resource's first evaluation
//	recordVersion                   aws.config.record_version
//
// # Free-form members
//
// configuration, supplementaryConfiguration, tags and configurationItemDiff
// take a different shape for each of hundreds of resource types (one
// type's "state" is a string, another's an object), which in the reference
// system caused mapping conflicts and field-limit errors that it worked
// around with dozens of per-field renames and conversions. Here each is
// written verbatim as an object under a flat_object mapping, which indexes
// every leaf as a keyword under its dotted path and so can neither
// conflict between resource types nor grow the mapping. This replaces the
// reference system's per-field renames, dict-to-list conversions and
// nested mappings: a query names the path as AWS wrote it
// (aws.config.configuration.state.name, not configuration.state_name).
// A configuration delivered as JSON text (some resource types do) is
// parsed and written as an object. The objects are not also copied into a
// text field: flat_object leaves take exact (term) and prefix queries,
// event.original holds the item as delivered, and a second copy would
// double the size of every snapshot document.
//
// Two kinds of value go instead to a text form, aws.config.<member>_text
// (compact JSON, wildcard, searchable by substring at any length), because
// OpenSearch would refuse the whole document: an object with a key that is
// empty, has an empty dotted segment (".a", "a..b"), is not valid UTF-8 or
// repeats within its object, with a leaf longer than about 32 KB, or
// nested deeper than 64 levels; and a member that is not an object (a configuration string that
// is not JSON). Values JSON does not allow that the parser accepts (NaN,
// Inf) are written as strings. A null, empty or absent member is left out.
//
// # Excluded and dead-lettered
//
// Notifications about Config's own work, not about a resource
// (ConfigurationHistoryDeliveryCompleted/Failed,
// ConfigurationSnapshotDeliveryStarted/Completed/Failed,
// ConfigRulesEvaluationStarted/Failed, ComplianceChangeNotificationFailed,
// as SNS messages or as the details of EventBridge delivery status
// events), are excluded under the rule config-status-notification
// (RuleStatusNotification).
//
// Dead-lettered, with the reason: a record that is not JSON or not an
// object; any other messageType; an object that is no configuration item,
// change notification or compliance change; a capture time that is not
// RFC 3339 (or outside years 0001 to 9999); a compliance change without a
// newEvaluationResult object or any time; an SNS notification whose
// Message is not JSON (a console test message). An object that is not
// JSON at all, such as the e-mail rendering of an oversized notification
// that AWS documents, is one dead letter holding its first 64 KiB, not
// one per line of text. Config's bucket writability check file
// (ConfigWritabilityCheckFile) is reported as holding no events
// (*siem.NotEventsError).
//
// Of a key repeated in one object, the first occurrence is read.
//
// # Document id
//
// A configuration item's document id is a hash of account, region,
// resource type, resource id and capture time: each captured state of a
// resource is one document, and reading the same state again, from a
// history file, a snapshot or a change notification, overwrites it rather
// than adding a copy (the last one read decides event.kind and
// event.type). A compliance change's id hashes account, region, rule ARN
// (or name), resource type, resource id and resultRecordedTime. A record
// without resource type and id keeps the pipeline's default id.
//
// # Where we differ, on purpose
//
// Elastic has no AWS Config integration to follow. From the reference
// system (SIEM on Amazon OpenSearch Service):
//
//   - One type instead of three; the file kind is aws.config.file_type.
//   - The free-form members are flat_object fields instead of hundreds of
//     dynamically mapped ones with per-field renames (see above). The
//     reference's json_to_text of configuration.EventPattern.source is
//     unnecessary: a flat_object leaf is a keyword whatever its shape.
//   - Compliance changes take @timestamp from resultRecordedTime (when the
//     rule recorded the result), not notificationCreationTime, which is
//     kept as event.created; event.kind is alert only for NON_COMPLIANT
//     results: a resource becoming COMPLIANT again is an event, not an
//     alert, where the reference marks every compliance change an alert.
//   - Change notifications are event.kind event with creation, change or
//     deletion; history items keep the reference's kind state but get
//     their type from the item's status instead of info for all.
//   - The reference's AWS::Config::ResourceCompliance on an EC2 instance
//     sets user.id to the instance id (a bug); it is cloud.instance.id here.
//   - A hybrid managed instance (mi-...) is not written to
//     cloud.instance.id; the NAT gateway's private and public addresses
//     are not swapped.
//   - cloud.region is not set to "global" for IAM resources.
//   - Items without a capture time fall back as described above instead of
//     failing the whole object.
//
// cloud.service.name is not set: the log's service is Config, the
// resource's service is already in entity.sub_type and
// aws.config.resource_type, and ECS means neither.
package config
