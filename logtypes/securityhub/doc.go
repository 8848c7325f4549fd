// Package securityhub reads AWS Security Hub findings in the AWS Security
// Finding Format (ASFF, schema 2018-10-08; the product AWS now calls
// Security Hub CSPM) and maps each finding to one ECS document.
//
// # What is read
//
// Security Hub has no export of its own: findings leave it as EventBridge
// events, one per finding and one on every update, which an EventBridge
// rule sends to a Firehose stream that writes them to S3. The detail-types
// "Security Hub Findings - Imported" and "Security Hub Findings - Custom
// Action" carry {"findings":[<ASFF>...]} (one finding in practice; a
// custom action may send several): the EventBridge envelope
// (envelope.EventBridge) unwraps each event's detail, and OpenMessages
// cuts it into one record per finding, each carrying its event's
// Delivery, line and offset. Events written back to back or one per line,
// gzipped or not, are read alike.
//
// Objects of bare findings are read by Open: one finding per line (or
// written back to back), {"Findings":[...]} as `aws securityhub
// get-findings` writes it (streamed, NextToken ignored), or a saved
// EventBridge detail {"findings":[...]}.
//
// The key pattern is the reference system's, SecurityHub or securityhub
// anywhere in the key (AWSLogs/<account>/SecurityHub/<region>/... for its
// Firehose prefix, a stream named *securityhub*).
//
// Timestamps are RFC 3339 as ASFF requires; the form some tools rewrite
// them to ("2024-05-24 22:53:24.000000000", read as UTC) is accepted too.
//
// # ECS mapping
//
//	UpdatedAt                      @timestamp (this version of the finding)
//	Id                             event.id; with UpdatedAt, the document id (below)
//	CreatedAt                      event.created
//	FirstObservedAt/LastObservedAt event.start / event.end
//	(see below)                    event.kind, event.category, event.type ["info"]
//	Compliance.Status              event.outcome: PASSED success, FAILED failure,
//	                               WARNING and NOT_AVAILABLE unknown; absent otherwise
//	Action.ActionType              event.action, lower case (port_probe, network_connection,
//	                               aws_api_call, dns_request); else GuardDuty's
//	                               aws/guardduty/service/action/actionType product field
//	Severity.Product               event.severity (truncated to a long: GuardDuty 8.9 -> 8);
//	                               else Severity.Original when it is a number
//	Severity.Normalized            event.risk_score and event.risk_score_norm (0-100);
//	                               else from Severity.Label as ASFF translates labels:
//	                               INFORMATIONAL 0, LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90
//	SourceUrl                      event.url
//	AwsAccountId / AwsAccountName  cloud.account.id / cloud.account.name
//	Region                         cloud.region (else the first resource's Region)
//	(always)                       cloud.provider "aws"
//	CompanyName / ProductName      observer.vendor / observer.product
//	Compliance.SecurityControlId   rule.id; for GuardDuty and Macie the finding type in the
//	  / type / GeneratorId         product's own form ("Recon:EC2/PortProbeUnprotectedPort",
//	                               from the classifier of the first Types entry); for Inspector
//	                               the first vulnerability id; else GeneratorId
//	Title                          rule.name, trimmed, trailing dots removed (as the reference)
//	Description                    rule.description
//	Remediation.Recommendation.Url rule.reference
//	Compliance.AssociatedStandards rule.ruleset (StandardsId); else ProductFields
//	                               StandardsArn or StandardsGuideArn
//	Types "TTPs/<category>/..."    threat.framework "MITRE ATT&CK", threat.tactic.id/name/reference
//	                               (Data Exfiltration -> Exfiltration TA0010, Discovery TA0007...;
//	                               an unknown category maps to nothing)
//	Malware[].Name                 threat.software.name
//	ThreatIntelIndicators[]        threat.enrichments[]: indicator.type (IPV4_ADDRESS ipv4-addr,
//	                               DOMAIN domain-name, HASH_* file, URL url...), the value in
//	                               indicator.ip / url.domain / url.original / email.address /
//	                               file.hash.* / name, last_seen (LastObservedAt), provider
//	                               (Source), reference (SourceUrl), description (Category), and
//	                               matched.atomic (the value); the IoC enricher appends its own
//	Vulnerabilities[]              vulnerability.id (every Id), enumeration (CVE, GHSA, ALAS...),
//	                               and from the first: reference (Vendor.Url, ReferenceUrls),
//	                               severity (Vendor.VendorSeverity, else Severity.Label),
//	                               score.base/version (highest CVSS version), classification
//	                               "CVSS"; scanner.vendor from CompanyName; description
//	Network                        source.ip/port/domain/address, destination.*, network.direction
//	                               (IN inbound, OUT outbound), network.transport (lower case)
//	Action / GuardDuty product     without Network: the remote side (RemoteIpDetails, or the
//	  fields                       .../remoteIpDetails/ipAddressV4 and V6 product fields) and the
//	                               local side (LocalIpDetails and LocalPortDetails, else
//	                               .../networkInterfaces.0_/privateIpAddress) are placed as
//	                               GuardDuty does: an INBOUND connection, a port probe and an API
//	                               call come from the remote side (source), an OUTBOUND connection
//	                               from the local one; network.direction from the connection
//	                               direction, inbound for probes, outbound for DNS requests
//	(either of the above)          network.community_id (version 1, seed 0) for TCP and UDP when
//	                               both addresses and ports are known, as the guardduty type sets it
//	RemoteIpDetails Country, City, the remote side's geo.country_iso_code, geo.country_name,
//	  GeoLocation, Organization    geo.city_name, geo.location, as.number, as.organization.name,
//	                               as the producer (GuardDuty) reports them
//	DnsRequestAction.Domain        dns.question.name (or the dnsRequestAction/domain product field)
//	AwsApiCallAction.DomainDetails source.domain
//	Process                        process.name, executable (Path), pid, parent.pid, start, end
//	Resources AwsEc2Instance       cloud.instance.id (last ARN segment; every instance),
//	                               related.hosts, and Details IpV4/IpV6Addresses into related.ip
//	Resources AwsEc2Volume         attached instance ids into related.hosts
//	Resources AwsIamAccessKey,     user.id / user.name from the first actor (ResourceRole Actor,
//	  AwsIamUser, AwsIamRole       or none): an access key's PrincipalId and PrincipalName (else
//	                               UserName, else its session issuer's UserName); a user's UserId
//	                               and UserName; a role's RoleId and RoleName (else the ARN's
//	                               last segment). A Target resource gives user.target.id/name.
//	every address / user / host    related.ip / related.user (names, and an assumed role's
//	                               session name) / related.hosts, without repeats
//	Threats[].FilePaths[].Hash,    related.hash, without repeats
//	  HASH_* indicators' Value
//
// event.kind is alert for every finding, as in the guardduty and
// inspector types, except a passed check (Compliance.Status PASSED),
// which is state; event.category tells threats from posture. Threat
// detection (findings of GuardDuty and Macie, and any finding with a type
// in the TTPs, Effects or Unusual Behaviors namespaces or with malware)
// is intrusion_detection, plus malware (Malware[] present, or a type
// whose purpose is Backdoor, CryptoCurrency or Trojan, or MaliciousFile /
// SuspiciousFile) and vulnerability when vulnerabilities are listed.
// Every other finding (controls and standards checks, Config rules,
// Inspector, IAM Access Analyzer, Health, Firewall Manager, Patch
// Manager, most third-party posture tools) describes the state of a
// resource: category vulnerability (plus package for Inspector or listed
// packages) when it lists vulnerabilities, else configuration.
// event.type is info throughout.
//
// # Vendor fields (aws.securityhub)
//
// Kept in snake_case: schema_version, product_arn, generator_id, title
// (as written), types, record_state, verification_state, workflow_state
// (deprecated), workflow.status, severity.{label, normalized (long),
// product (double), original}, confidence and criticality (long), sample
// (boolean), processed_at (date), remediation.recommendation.text,
// compliance.{status, security_control_id, related_requirements,
// associated_standards (the StandardsIds), status_reasons,
// security_control_parameters}.
//
// resources is an array of objects {type, id, partition, region,
// resource_role, application_arn, application_name, details, tags,
// data_classification, other}: details (the free-form
// Details.<ResourceType> object), tags and data_classification are
// flat_object; any other member is kept in the flat_object other, keyed
// by its snake_case name, as a string (compact JSON for a non-string).
//
// Free-form, product-specific or deep members are kept whole as
// flat_object, with the finding's own key names inside, so that any
// product's keys are searchable (product_fields."aws/guardduty/service/
// count") and can never conflict with each other or explode the mapping:
// product_fields, user_defined_fields, action, detection,
// finding_provider_fields, generator_details, malware, network,
// network_path, note, patch_summary, process, related_findings,
// threat_intel_indicators, threats, vulnerabilities (an array member is an
// array of objects). ProductFields is a flat map whose keys hold '/' and
// '.'; since it is never split on them, the reference system's problem
// with such keys (its section 7 item 15) does not arise, and the GuardDuty
// fields above are looked up by their whole key.
//
// A value a flat_object cannot hold is written instead as compact JSON
// text under the same name with _json appended (a wildcard field):
// a member of the wrong JSON type (a string where ASFF has an object), a
// non-object element of an array member, an object with a key that is
// empty or has an empty dotted segment ("a..b"), or one whose encoding
// passes 32766 bytes (OpenSearch refuses a term that long). A key repeated
// within an object keeps its first value everywhere (fastjson's reading;
// a duplicate key would make OpenSearch refuse the document).
//
// Top-level members this type does not know (for example the p_* keys a
// Panther export adds) are kept in one flat_object, aws.securityhub.other,
// keyed by their snake_case names (other.p_log_type), each value a string
// (compact JSON for a non-string; the first of two members with the same
// snake_case name wins), nulls and empty arrays and objects left out: one
// flat_object rather than a field per member, so that keys nobody
// declared cannot grow the index mapping (other_json when it would pass
// 32766 bytes). Known members of an unexpected JSON type are not mapped
// to ECS; everything stays in event.original.
//
// # Document id
//
// "<Id>@<UpdatedAt in UTC, RFC 3339>", so that every update of a finding
// is a document of its own and re-reading the same update overwrites it
// (the EventBridge event id would not do: a custom action sends several
// findings in one event). An id longer than OpenSearch's 512 bytes is
// replaced by "sha256:" and the hex SHA-256 of that string.
//
// # Dead letters and exclusions
//
// A record that is not JSON, not an object, has no Id, an Id that is not a
// non-empty string, neither SchemaVersion nor ProductArn, no UpdatedAt or
// an UpdatedAt that is not a timestamp is dead-lettered with a reason
// naming the problem; an EventBridge detail whose findings member is
// empty or not an array is dead-lettered too, as is an event of any other
// detail-type that holds no findings.
//
// "Security Hub Insight Results" events (an insight's aggregated counts,
// sent by a custom action; not findings) are excluded under the rule
// securityhub-insight-results (RuleInsightResults).
//
// The OCSF-based Security Hub (2025; EventBridge detail-type "Findings
// Imported V2", findings in OCSF 1.6, not ASFF) is not mapped by this
// type: its findings, recognised by class_uid or finding_info, are
// dead-lettered with a reason saying so, so that their raw text is kept
// for an OCSF log type rather than mis-mapped as ASFF.
//
// # Where we differ from Elastic, on purpose
//
//   - event.kind is alert for every finding but passed checks (Elastic
//     writes state for all), so
//     that findings of every product, and the same finding read by the
//     guardduty or inspector type, are found alike; threat detection has
//     category intrusion_detection.
//   - event.severity is the producer's own number (Severity.Product);
//     Elastic puts Severity.Normalized there. The 0-100 scale is in
//     event.risk_score and risk_score_norm, filled from the label when
//     Normalized is absent.
//   - event.outcome is set from Compliance.Status; Elastic sets none.
//   - rule.reference instead of Elastic's non-ECS rule.remediation and
//     rule.references; resources stay under aws.securityhub.resources
//     rather than Elastic's non-ECS resource.*; vulnerability.id rather
//     than vulnerability.cve.
//   - ProductFields and resource details are flat_object (Elastic maps
//     product fields as ordinary objects, which hit the field limit).
//
// # Where we differ from the reference system
//
//   - @timestamp is always UpdatedAt and the document id is Id plus
//     UpdatedAt; the reference replaces the time only for NEW findings and
//     suffixes an MD5 of time and workflow status.
//   - event.module stays "aws" (the pipeline's); the reference overwrites
//     it with the product name, which is observer.product here.
//   - event.category depends on the finding (the reference writes
//     intrusion_detection for every finding, posture checks included).
//   - cloud.region is the finding's Region (the reference takes the first
//     resource's).
//   - Product fields whose keys hold '.' (portProbeDetails.0_) are read
//     (its section 7 item 15).
//   - The reference's parsed GuardDuty type parts (ThreatPurpose,
//     ThreatFamilyName...) are not written as top-level fields; the type
//     is rule.id and in aws.securityhub.types.
package securityhub
