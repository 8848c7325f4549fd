// Package guardduty reads Amazon GuardDuty findings into ECS documents
// (event.dataset aws.guardduty, vendor fields under aws.guardduty).
//
// # Objects
//
// The type claims keys with a GuardDuty/ folder, at the start of the key
// or after a slash:
//
//   - The export destination, AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/<uuid>.jsonl.gz:
//     gzipped JSON lines, one finding per line, as GuardDuty's "export
//     findings" publishing destination writes them (new findings within
//     about five minutes, updates every 15 minutes, 1 hour or 6 hours).
//     The account in the key is the one that owns the destination, which
//     for an administrator account holds its members' findings too.
//   - A Firehose prefix such as GuardDuty/YYYY/MM/DD/HH/, for findings an
//     EventBridge rule (source aws.guardduty, detail-type "GuardDuty
//     Finding") sends to Firehose: events written back to back, gzipped.
//
// Findings are read whatever their layout: one per line, back to back,
// pretty-printed, in a top-level JSON array (as saved from the console),
// or as the "findings" array of a GetFindings response. Each finding is
// one record, streamed, so an object of any size is read in bounded memory.
//
// # Envelopes
//
// Objects whose first value is an EventBridge event (detail-type and
// detail) are unwrapped by envelope.EventBridge: each event's detail is
// the finding, read exactly as from an export, so a finding delivered
// both ways gives the same document and the same document id, plus the
// envelope's aws.eventbridge.* (detail_type, source, version, resources,
// replay_name). The envelope's event id, account and region are
// overridden by the finding's own id, accountId and region. Other
// GuardDuty events (detail-types such as "GuardDuty Malware Protection
// Object Scan Result" or "GuardDuty Runtime Protection Unhealthy", which
// a rule matching all of source aws.guardduty sends along, one scan
// result per object scanned) are not findings: they are excluded under
// the rule guardduty-not-a-finding (RuleNotFinding), counted per run, as
// the inspector type does with Inspector's scan notices. An event of
// another source, or one that has an id member that is not a finding id,
// is dead-lettered with its detail-type named, as a misrouted rule.
//
// # Fields
//
//	updatedAt                    @timestamp (the document's date)
//	id                           event.id; the document id is id + "_" + updatedAt
//	createdAt                    event.created
//	service.eventFirstSeen/LastSeen  event.start / event.end
//	accountId / region           cloud.account.id / cloud.region (the finding's, never the key's)
//	partition                    aws.guardduty.partition (cloud.provider is always "aws")
//	service.serviceName          cloud.service.name
//	type                         rule.id and aws.guardduty.type; its parts ThreatPurpose:ResourceTypeAffected/
//	                             ThreatFamilyName.DetectionMechanism!Artifact under aws.guardduty.finding_type.*
//	                             (threat_purpose, resource_type_affected, threat_family_name,
//	                             detection_mechanism, artifact); rule.category = ThreatPurpose,
//	                             rule.ruleset = ThreatPurpose:ResourceTypeAffected
//	title                        message; rule.name without its final "." (as the reference system does)
//	description                  rule.description
//	severity                     event.severity (long, truncated: 8.9 gives 8, as Elastic does),
//	                             event.risk_score (the float as is), event.risk_score_norm (x10, 0-100),
//	                             aws.guardduty.severity.value (double) and aws.guardduty.severity.label
//	                             (Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0)
//	confidence (old exports)     aws.guardduty.confidence
//	service.count / archived     aws.guardduty.count / aws.guardduty.archived
//	service.detectorId, featureName, resourceRole, resource.resourceType
//	                             aws.guardduty.detector_id, feature_name, resource_role, resource_type
//	service.action.actionType    event.action (NETWORK_CONNECTION, PORT_PROBE, DNS_REQUEST, AWS_API_CALL,
//	                             KUBERNETES_API_CALL, RDS_LOGIN_ATTEMPT)
//
// event.kind is alert, event.type [info], event.category
// [intrusion_detection], plus malware for backdoors, trojans and
// crypto-mining (ThreatPurpose Backdoor, Trojan, CryptoCurrency) and
// malicious or suspicious files (ThreatFamilyName MaliciousFile...,
// SuspiciousFile...).
//
// Which side is the source follows what happened:
//
//	NETWORK_CONNECTION  INBOUND: the remote address is source.*, the local one destination.*;
//	                    OUTBOUND: the local one (the instance) is source.*, the remote destination.*;
//	                    UNKNOWN: remote is source; network.direction inbound/outbound/unknown;
//	                    network.transport from protocol (lower case). Without localIpDetails the
//	                    instance's primary private address stands for the local side.
//	                    network.community_id (version 1, seed 0) for TCP and UDP when both
//	                    addresses and ports are known, to join the finding with the flow's
//	                    VPC flow log records and IDS alerts.
//	PORT_PROBE          every probing address is source.ip, every probed address and port
//	                    destination.ip / destination.port (arrays when several); network.direction inbound
//	DNS_REQUEST         dns.question.name (domain, without the root dot), dns.question.registered_domain
//	                    (domainWithSuffix), network.protocol dns, network.transport; the instance is
//	                    source.ip; network.direction outbound
//	AWS_API_CALL        remote address source.*, domainDetails.domain source.domain, errorCode error.code,
//	                    userAgent (a string, or fullUserAgent) user_agent.original; api, serviceName,
//	                    callerType, remoteAccountDetails under aws.guardduty.action.*
//	KUBERNETES_API_CALL remote address (else the first of sourceIps) source.*, requestUri url.original,
//	                    statusCode http.response.status_code, userAgent user_agent.original; verb,
//	                    namespace, resource, resourceName under aws.guardduty.action.kubernetes.*
//	RDS_LOGIN_ATTEMPT   remote address source.*, every loginAttributes[].user in related.user
//
// A remote address carries GuardDuty's own geolocation and network:
// city.cityName, country.countryName, country.countryCode, geoLocation
// (0,0 is read as unknown) to <side>.geo.*, organization.asn and asnOrg
// to <side>.as.number and <side>.as.organization.name, isp and org to
// aws.guardduty.action.remote_ip.*. With several probing addresses no
// geolocation is set (it could not say which address it belongs to);
// GeoIP enrichment can fill it per address.
//
// The resource: accessKeyDetails gives user.name (userName), user.id
// (principalId), related.user and aws.guardduty.access_key_id / user_type;
// instanceDetails gives cloud.instance.id, cloud.machine.type,
// cloud.availability_zone, aws.guardduty.instance.image_id and
// related.hosts (instance id, private and public DNS names; host.* is
// left to agents on the host, whose host.id is not the instance id);
// containerDetails container.*; eksClusterDetails and ecsClusterDetails
// orchestrator.type/cluster.name/cluster.id, kubernetesWorkloadDetails
// orchestrator.namespace/resource.*; kubernetesUserDetails user.name /
// user.id when no access key named the user; rdsDbUserDetails user.name
// and aws.guardduty.database.*; lambdaDetails faas.name/id/version; the
// first s3BucketDetails name aws.guardduty.s3_bucket.name. Runtime
// Monitoring's service.runtimeDetails.process gives process.* (name,
// executable, hash.sha256, pid, start, working_directory, entity_id,
// user.name, user.id) and its first lineage entry process.parent.*. A
// malware scan's threats (EBS volume scans' threatDetectedByName, S3
// object scans' malwareScanDetails.threats) give
// aws.guardduty.malware.threat_names and, for the files found, file.path,
// file.name and file.hash.sha256 (arrays when several files). The
// process's and the files' hashes are in related.hash, without repeats.
//
// related.ip holds every address in the finding: each string under a key
// that names an address (ipAddressV4/V6, privateIpAddress, publicIp,
// ipv6Addresses, sourceIps, an attack sequence endpoint's ip...) that
// parses as one, without repeats.
//
// threat.* (framework "MITRE ATT&CK") is set where the finding names a
// tactic: a ThreatPurpose that is an ATT&CK tactic under the same name
// (InitialAccess, Execution, Persistence, PrivilegeEscalation,
// DefenseEvasion, CredentialAccess, Discovery, Exfiltration, Impact; the
// others, such as Recon, Backdoor or UnauthorizedAccess, name none); and
// for an attack sequence (Extended Threat Detection), its
// service.detection.sequence.sequenceIndicators ATTACK_TACTIC and
// ATTACK_TECHNIQUE values ("T1078.004 - Valid Accounts: Cloud Accounts"
// gives threat.technique.id T1078 and subtechnique.id T1078.004, names and
// attack.mitre.org references beside them), or, without a sequence
// member, the "MITRE ATT&CK tactics/techniques observed" lines of its
// description. An attack sequence's actors give user.name / user.id and
// related.user, and its endpoint, when there is only one, source.ip with
// source.as.* and source.geo.*.
//
// # Free-form members
//
// The finding's resource and service members vary with the finding type
// and change as GuardDuty adds features. Each is kept whole under
// aws.guardduty.flattened.resource / flattened.service, declared
// flat_object: every leaf is searchable as a keyword under its path
// (aws.guardduty.flattened.service.action.awsApiCallAction.api), and no
// shape can cause a mapping conflict or grow the mapping. The well-known
// scalars are also mapped with their types, as listed above. A member is
// written again as compact JSON: nulls, empty strings, arrays and objects
// are left out, a repeated key keeps its first value (the one read for
// the mapped fields), invalid UTF-8 is replaced and numbers a double
// cannot hold become strings. A member that OpenSearch could not index as
// a flat_object (a key that is empty or has an empty dotted segment, or
// over 32766 bytes, Lucene's term limit) is kept instead as its JSON text
// under aws.guardduty.text.resource / text.service (wildcard). Top-level
// members this package does not map (ones GuardDuty adds later, or a
// producer's own such as Panther's p_* keys) are kept the same way,
// together, under aws.guardduty.flattened.other (or text.other), so that
// nothing depends on event.original, which Options.OmitOriginal drops.
//
// # Dead letters and exclusions
//
// A record is dead-lettered, with the reason, when it is not JSON, not an
// object, or not a finding: id, type or updatedAt missing, empty or not a
// string, an updatedAt that is not a timestamp, or an id over 256 bytes
// (GuardDuty's are 32 characters; the document id must stay under
// OpenSearch's 512 bytes). Timestamps are RFC 3339 (GuardDuty writes
// milliseconds and Z); the layout some tools reformat them to,
// "2025-02-25 20:40:06.721" (a space, any fraction, no zone), is read as
// UTC. A createdAt, eventFirstSeen or eventLastSeen that cannot be read
// is left out (it stays in event.original and the flattened member),
// and so is a severity off GuardDuty's 0-10 scale from the ECS fields
// (aws.guardduty.severity.value keeps it). Only GuardDuty's EventBridge
// events that are not findings are excluded (guardduty-not-a-finding,
// above): archived findings are indexed with aws.guardduty.archived true
// (the export never sends them; EventBridge does).
//
// # Where we differ from Elastic, on purpose
//
//   - event.category is intrusion_detection (+ malware), where Elastic
//     sets none; event.type stays info.
//   - rule.id is the finding type and rule.name the title (the reference
//     system's choice): the type is the stable identifier detection rules
//     and dashboards key on; Elastic puts the type in rule.name.
//   - The severity label includes Critical (9.0-10.0, attack sequences),
//     which Elastic lacks; event.risk_score keeps the float that
//     event.severity truncates.
//   - cloud.provider is always aws; the partition (aws-cn, aws-us-gov) is
//     aws.guardduty.partition, where Elastic writes it to cloud.provider.
//   - network.direction is set only for network activity (connections,
//     probes, DNS), not for API calls or logins, which Elastic and the
//     reference system call inbound.
//   - Elastic maps the whole finding to typed fields, which conflict when
//     GuardDuty changes a member's shape; here the free-form members are
//     flat_object (see above).
//
// # Where we differ from the reference system (siem-on-amazon-opensearch-service)
//
//   - Critical findings (severity 9.0 and above, every attack sequence)
//     are normalized like the others; the reference's script fails on
//     them and leaves them half-normalized.
//   - user.id is the principal id, not the access key id (kept as
//     aws.guardduty.access_key_id): a key is a credential, not a user.
//   - The document id is id + updatedAt rather than id + service.count,
//     so an update that changes a finding without raising its count (it
//     was archived, its severity changed) is its own document too, while
//     reading the same object again overwrites.
//   - Outbound connections swap source and destination as the reference
//     does, but the local side of every action is taken from the action
//     itself first (localIpDetails), the instance's first interface only
//     as a fallback; ports follow their side.
//   - The finding-type parts live under aws.guardduty.finding_type, not
//     at the top level of the document.
//   - cloud.account.id and cloud.region come from the finding, never
//     from the S3 key, where an administrator's export holds its
//     members' findings under its own account.
package guardduty
