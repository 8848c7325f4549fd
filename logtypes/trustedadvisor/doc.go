// Package trustedadvisor reads AWS Trusted Advisor check results.
//
// Trusted Advisor has no log of its own. Two sources are read:
//
//   - The records of the reference system's scheduled Lambda, which
//     refreshes every check, calls DescribeTrustedAdvisorCheckResult for
//     each and writes one gzip object per run to
//     AWSLogs/<account>/TrustedAdvisor/us-east-1/YYYY/MM/DD/trustedadvisor-check-results-<YYYYMMDD_HHMMSS>.json.gz:
//     JSON records back to back, without separator. For each check, one
//     record {requestid, creation_date, account, check, result, refreshable,
//     check_ja?} where check is the DescribeTrustedAdvisorChecks entry (id,
//     name, description, category, metadata = the column names) and result
//     the check result (checkId, timestamp, status ok|warning|error|
//     not_available, resourcesSummary, categorySpecificSummary,
//     flaggedResources); then, for each flagged resource, the same record
//     with result reduced to checkId, timestamp, status and
//     flaggedResource {status, region, resourceId, isSuppressed, metadata =
//     the column values, number}. check_ja is the Japanese check entry, when
//     the Lambda was told to add it. creation_date is Python's isoformat()
//     of a UTC time, without offset.
//   - "Trusted Advisor Check Item Refresh Notification" EventBridge events
//     (sent in us-east-1), delivered by Firehose under a key holding
//     /TrustedAdvisor/: detail {check-name, check-item-detail (column name
//     to value), status OK|WARN|ERROR, resource_id (the resource's ARN),
//     uuid}.
//
// No check result or refresh event has been published by AWS: the test
// samples were written from the documented API shapes (the Support API's
// TrustedAdvisorCheckDescription, TrustedAdvisorCheckResult and
// TrustedAdvisorResourceDetail) and the reference Lambda's layout.
// The two sources are told apart by content: check and result make a
// Lambda record, check-name a refresh event detail. The reference system
// indexes the type into log-aws-trustedadvisor, the opensearch sink's
// default index name for it.
//
// # Mapping
//
//   - @timestamp: creation_date (when the Lambda read the result); for a
//     refresh event, the envelope's time; for a bare event detail with
//     neither, the time of the run. result.timestamp (when Trusted Advisor
//     last refreshed the check) is kept as aws.trustedadvisor.result.timestamp.
//   - event.kind: alert when the status of what the document is about (the
//     flagged resource's, else the check's, or the event's) is warning/WARN
//     or error/ERROR, else state. A flagged resource that its owner
//     suppressed (isSuppressed true) is a state even then: it was excluded
//     from the check's results on purpose, and is no alert to act on.
//     event.outcome: success for ok/OK, failure for warning and error,
//     none for not_available. event.category [configuration], event.type
//     [info].
//   - rule.id (check id), rule.name (check name), rule.description (check
//     description, HTML), rule.category (security, cost_optimizing,
//     fault_tolerance, performance, service_limits...), rule.ruleset
//     "AWS Trusted Advisor". A refresh event names its check only:
//     rule.name.
//   - cloud.provider aws; cloud.account.id from the record's account (or
//     the envelope); cloud.region: the flagged resource's region, else a
//     Region column, else the region of an ARN among the values; never the
//     us-east-1 of Trusted Advisor's API or events, when the resource's is
//     known.
//   - From the column values: cloud.service.name (the service of the first
//     ARN, e.g. ec2, rds, s3), cloud.instance.id and related.hosts (EC2
//     instance ids, bare or in instance ARNs), related.ip (every value that
//     is an IP address).
//   - Vendor fields: aws.trustedadvisor.request_id, refreshable,
//     check.metadata (the column names), check_ja.{name, description,
//     category, metadata}, result.{status, timestamp, resources_summary.*
//     (long), category_specific_summary.cost_optimizing.estimated_monthly_savings
//     and estimated_percent_monthly_savings (double)},
//     flagged_resource.{status, region, resource_id, is_suppressed,
//     number, metadata}; for refresh events status, resource_id, uuid and
//     check_item_detail.
//   - flagged_resource.metadata and check_item_detail are flat_object: one
//     object of column name to value, whatever the check. Dots in names
//     become "_" (a dot is a path in flat_object), empty and repeated names
//     are numbered (column_<n>, <name>_<n>), values beyond the named columns
//     are column_<n>, null values are left out, non-string values are kept
//     as JSON text. When a name plus value is longer than one OpenSearch
//     term allows, the row goes to metadata_text / check_item_detail_text
//     (wildcard) instead.
//   - Members this type does not know are kept as JSON text in
//     aws.trustedadvisor.other, under their dotted path (check.x,
//     result.y, result.flaggedResource.z).
//
// A check's own record holds the full flaggedResources list again; it is
// not expanded there (each resource has its own record right after) and
// stays in event.original.
//
// # Document id
//
// <check id>@<creation_date> for a check's record and
// <check id>@<creation_date>#<number> for a flagged resource's: each run
// gives new documents (the history of a check), and reading the same object
// again overwrites them. Refresh events keep the EventBridge event id.
//
// # Dead letters and exclusions
//
// Dead-lettered with the reason: a value that is not a JSON object or is
// neither shape; a creation_date or result.timestamp that is not a time; a
// member of the wrong JSON type (check or result not an object, a count as
// text...); a record with no check id.
//
// Excluded under the rule trustedadvisor-cloudtrail-record
// (RuleCloudTrailRecord): CloudTrail records (eventVersion, eventSource,
// eventName), such as the RefreshCheck call AWS documents. An EventBridge
// rule matching source aws.trustedadvisor delivers Trusted Advisor API
// calls as "AWS API Call via CloudTrail" events beside the refresh
// events; they are no check results, and the cloudtrail type indexes them
// from the trail.
//
// # Where we differ from Elastic, on purpose
//
// Elastic's AWS integration has no Trusted Advisor data stream.
//
// # Where we differ from the reference system
//
//   - The reference keeps the raw record at the document root under
//     trustedadvisor.*, with the column values as a list; here they are
//     under aws.trustedadvisor with snake_case names and the values keyed
//     by their column names, so that a column can be searched.
//   - The reference's documents are event.kind event unless a status is
//     warning or error (then alert); a check or resource that is ok is a
//     state here, not an event, and a suppressed resource is never an
//     alert. The reference derives event.category from the service name
//     (database, iam, network, with a misspelt "secuirty-group"); here it
//     is always configuration (what Trusted Advisor checks), and the
//     service is in cloud.service.name.
//   - The reference's related.ip is only the last IP among the values; here
//     it is every IP.
//   - The reference sets no document id (duplicates on re-reading) and does
//     not read refresh events.
package trustedadvisor
