// Package opensearchaudit is the log type of Amazon OpenSearch Service
// audit logs: the security plugin's audit messages of a domain with
// fine-grained access control, which the service publishes only to a
// CloudWatch Logs log group (/aws/OpenSearchService/domains/<domain>/audit-logs
// by default).
//
// # What is read
//
// Audit messages are JSON objects, audit_format_version 4 (OpenSearch and
// recent Open Distro) and the older Open Distro format whose time is
// audit_utc_timestamp. They arrive as CloudWatch Logs subscription
// payloads written to S3 by Firehose (the envelope.CloudWatchLogs
// envelope: each log event's message is one audit message, control
// messages are excluded by the envelope), or as plain JSON values, one per
// line or back to back (Open), for messages copied out by other means.
//
// Keys: the reference system's rule, (OpenSearch|opensearch).*(Audit|audit),
// which matches the Firehose prefixes of its deployment
// (AWSLogs/<account>/OpenSearch/audit/<region>/...) and prefixes that name
// the log group (.../OpenSearchService/domains/<domain>/audit-logs/...).
// The reference system indexes the type into log-aws-opensearch.
//
// # Mapping
//
//   - @timestamp: @timestamp, else audit_utc_timestamp (RFC 3339, converted
//     to UTC). A message with neither is dead-lettered: the CloudWatch Logs
//     event time (event.created) is when the message was logged, not when
//     the request happened, and is not substituted silently.
//   - event.kind: alert for BAD_HEADERS (a request carrying the security
//     plugin's internal _opendistro_security_* headers, which only the
//     plugin sets: spoofing) and OPENSEARCH_ (OPENDISTRO_)
//     SECURITY_INDEX_ATTEMPT (a read or write of the security index, which
//     holds users, password hashes and roles, by anyone but an admin): the
//     plugin blocked a tampering attempt. Otherwise event, also for
//     denied requests and failed logins: they are routine access records,
//     not detections; event.outcome says they failed. event.action:
//     audit_category, as written. event.category, event.type and
//     event.outcome by category:
//     FAILED_LOGIN and AUTHENTICATED: authentication/start, failure and
//     success; MISSING_PRIVILEGES and GRANTED_PRIVILEGES: database/access,
//     failure and success; SSL_EXCEPTION: network/connection, failure;
//     BAD_HEADERS: web/error, failure; OPENSEARCH_ (and OPENDISTRO_)
//     SECURITY_INDEX_ATTEMPT: configuration+database/access, failure;
//     INDEX_EVENT and INDEX_SETTINGS_CHANGED: configuration+database/change;
//     COMPLIANCE_DOC_READ: database/access; COMPLIANCE_DOC_WRITE:
//     database/change; COMPLIANCE_INTERNAL_CONFIG_READ: configuration/access;
//     COMPLIANCE_INTERNAL_CONFIG_WRITE: configuration+iam/change (the
//     security configuration holds users and roles);
//     COMPLIANCE_EXTERNAL_CONFIG: configuration/info;
//     CLUSTER_SETTINGS_CHANGED: configuration/change. Compliance and index
//     events record that something was read or written, not whether a
//     request succeeded: they have no outcome. Any other category is
//     database/info with no outcome.
//   - cloud.provider: aws; cloud.service.name: opensearch; cloud.account.id
//     and service.name (the domain) from audit_cluster_name, which the
//     service writes as <account>:<domain> (the message's account wins over
//     the log group owner the envelope maps). cloud.region: the region of
//     the domain endpoint in the Host header (<name>.<region>.es.amazonaws.com,
//     .com.cn, or the dual-stack <name>.aos.<region>.on.aws); messages
//     without one (transport and compliance messages, custom endpoints)
//     name no region. service.type: opensearch; service.node.name:
//     audit_node_name.
//   - user.name: audit_request_initiating_user when present and different
//     from audit_request_effective_user (a run-as request: the initiating
//     user sent it), the effective user then in user.effective.name;
//     otherwise audit_request_effective_user. related.user: both. The audit
//     format names no roles, so user.roles is not set.
//   - source.ip: audit_request_remote_address (an address that is not an IP
//     stays in the vendor field of that name). related.ip: it and the Host
//     header when that is an IP.
//   - http.request.method: audit_rest_request_method; url.path:
//     audit_rest_request_path; url.domain and url.port: the Host header
//     (an IPv6 literal in brackets, as ECS writes it)
//     (related.hosts too, when it is a name); user_agent.original: the
//     User-Agent header (header names in any case; the first non-empty
//     value of the header's array); http.request.body.content:
//     audit_request_body of a REST-layer message (audit_request_layer
//     REST), the HTTP request's body. The security plugin writes the
//     bodies of its password-setting APIs with the password replaced
//     (__SENSITIVE__), so they are kept as written.
//
// # Vendor fields (aws.opensearch_audit)
//
// Every other member is kept under its own name: audit_format_version,
// audit_trace_shard_id and audit_compliance_doc_version as longs;
// audit_request_effective_user_is_admin, audit_compliance_diff_is_noop and
// audit_compliance_diff_stored_is_noop as booleans; audit_node_host_address
// as an ip; audit_request_body (of transport and compliance messages: a
// request's source, a document), audit_compliance_diff_content and
// audit_request_exception_stacktrace as wildcard text (searchable by
// substring at any length; a body written as a JSON value rather than its
// text is kept as its compact JSON text); audit_rest_request_params,
// audit_rest_request_headers (all headers, as sent), audit_transport_headers
// and audit_compliance_file_infos as flat_object; audit_cluster_name,
// audit_node_id, audit_node_host_name, audit_request_layer,
// audit_request_origin, audit_request_privilege,
// audit_transport_request_type, audit_transport_action,
// audit_trace_task_id, audit_trace_task_parent_id, audit_trace_indices,
// audit_trace_resolved_indices (arrays), audit_trace_doc_id and
// audit_compliance_operation as keywords. Members this package does not
// know, and known members whose JSON type is not the documented one (a
// shard id written as a string, a category that is not a string), go to
// aws.opensearch_audit.other (flat_object), so nothing is lost and no
// mapping conflicts.
//
// # Dead letters and exclusions
//
// Dead-lettered, with the reason: a message that is not JSON (one exactly
// 10,000 characters long is named as cut by the service's audit message
// size limit), not an object, or with no readable time. Excluded: only the
// envelope's CloudWatch Logs control messages.
//
// # Document id
//
// Audit messages carry no unique id (audit_trace_task_id is shared by the
// messages of one task): the pipeline's content hash is used, and the
// envelope's CloudWatch Logs event id is event.id.
//
// # Where we differ, on purpose
//
// Elastic has no integration for these logs. From the reference system:
//   - The vendor namespace is aws.opensearch_audit, not opensearch (index
//     metrics documents use opensearch.*, and the dataset names it).
//   - user.name is the effective user (or the initiating user of a run-as
//     request, the effective one in user.effective.name): the reference's
//     option written with a comma makes it use only the initiating user,
//     which the format logs only when it differs.
//   - rule.name is not set: the reference writes the transport request
//     type, method or category there, which are not rules; they stay in
//     event.action, http.request.method and the vendor fields.
//   - Spoofed security headers and security index access attempts are
//     alerts, where the reference makes every message an event.
//   - Authentication categories are authentication only (not database as
//     well), and outcomes and types follow each category instead of a
//     static database/info.
//   - Messages cut at 10,000 characters are dead-lettered with the reason
//     instead of indexed unnormalized.
//   - The Host header gives url.domain/url.port and goes to related.hosts
//     only when it is a name (related.ip when it is an address), and a
//     domain endpoint there gives cloud.region.
//   - A REST-layer message's body is http.request.body.content, where ECS
//     searches and detection rules look for it.
package opensearchaudit
