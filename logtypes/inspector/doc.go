// Package inspector reads Amazon Inspector (v2) findings and maps them
// onto ECS as vulnerability alerts.
//
// # Objects and framing
//
// AWS does not deliver Inspector findings to S3 as a log: they reach a
// bucket through an EventBridge rule on "Inspector2 Finding" events whose
// target is a Firehose stream. Objects are recognised by the token
// "Inspector2_Finding" in their key (the reference system's rule), which
// the Firehose prefix names, for example
//
//	AWSLogs/<account>/Inspector2_Finding/<region>/YYYY/MM/DD/HH/<stream>-<n>-YYYY-MM-DD-HH-mm-ss-<uuid>
//
// An object whose first JSON value is an EventBridge event is read through
// the EventBridge envelope (events back to back, one per line, gzipped or
// not): each event's detail is one finding, exactly the API's Finding
// object. Any other object is read as bare findings, JSON objects one per
// line or back to back (an export, or findings collected through the
// ListFindings API). The envelope maps its own metadata (aws.eventbridge.*,
// cloud.account.id and cloud.region, event.id) first; what the finding
// carries wins.
//
// # Records that are not indexed
//
// An EventBridge event from Inspector that is not a finding (the
// "Inspector2 Scan" and "Inspector2 Coverage" notices) and holds no
// findingArn is excluded under the rule inspector-not-a-finding. A record
// is dead-lettered, with a reason naming the member, when it is not a JSON
// object, has no findingArn, has a time that is not one of the forms
// below, has no time at all (no updatedAt, lastObservedAt or
// firstObservedAt, and no envelope time), or has a member of the wrong
// JSON type where the API documents its type: resources not an array of
// objects, packageVulnerabilityDetails, networkReachabilityDetails,
// codeVulnerabilityDetails, inspectorScoreDetails, epss, remediation or
// exploitabilityDetails not an object, a string member that is not a
// string, or a score that is not a finite number (a numeric string is
// read as its number). An array of over 1000 items (resources, vulnerable
// packages, reference URLs, tags, or addresses over all resources) is
// refused too: the API's limits are far lower, and such a record is
// hostile or corrupt.
//
// Times are read in every form found in the wild: RFC 3339 (the API's
// JSON and EventBridge), epoch seconds as a JSON number or a numeric
// string with fraction or exponent ("1.663703546405E9", as SDKs that hold
// times as doubles write them; read exactly, without float rounding; a
// value of 1e11 or more is milliseconds), and the console form the
// reference system parsed, "Nov 27, 2026, 10:05:00 AM" (the comma after
// the year optional), read as UTC.
//
// # Mapping
//
//	updatedAt (else lastObservedAt,    @timestamp
//	  firstObservedAt, envelope time)
//	(always)                           event.kind alert, event.category [vulnerability], event.type [info],
//	                                   cloud.provider aws, vulnerability.scanner.vendor "Amazon Inspector"
//	findingArn                         event.id
//	firstObservedAt                    event.created
//	awsAccountId (else the ARN's)      cloud.account.id
//	the ARN's region (else the first   cloud.region
//	  resource's)
//	title                              rule.name
//	type                               rule.category, aws.inspector.type, first of vulnerability.category
//	type and its details               rule.id: PACKAGE_VULNERABILITY_<vulnerabilityId>,
//	                                   NETWORK_REACHABILITY_<protocol>_<begin>_<end>, or
//	                                   CODE_VULNERABILITY_<ruleId, else detectorId>
//	description                        vulnerability.description
//	severity                           vulnerability.severity (Critical, High, Medium, Low,
//	                                   Informational, Untriaged), aws.inspector.severity as written
//	inspectorScore                     event.risk_score, aws.inspector.inspector_score
//	inspectorScoreDetails.adjustedCvss score: vulnerability.score.base (and vulnerability.classification
//	                                   CVSS); version: vulnerability.score.version (a leading "v" dropped)
//	packageVulnerabilityDetails        vulnerabilityId: vulnerability.id, and vulnerability.enumeration
//	                                   from its prefix (CVE, GHSA, ALAS2...); sourceUrl and referenceUrls:
//	                                   vulnerability.reference
//	  .vulnerablePackages[]            package.name (every package); package.version, package.architecture
//	                                   (arch) and package.path (filePath) when there is exactly one
//	networkReachabilityDetails         protocol: network.transport (lower case), network.iana_number;
//	                                   openPortRange of one port: destination.port
//	codeVulnerabilityDetails           cwes: vulnerability.id with vulnerability.enumeration CWE (when no
//	                                   package vulnerability id); filePath: file.path, file.name
//	resources[]                        type, and the platform of EC2 instances and ECR images:
//	                                   vulnerability.category
//	  EC2 instance (type or details)   id: cloud.instance.id and host.id (the first), related.hosts (all);
//	                                   ipV4Addresses, ipV6Addresses: host.ip, related.ip;
//	                                   details.awsEc2Instance.type: cloud.machine.type
//	  awsEcrContainerImage (the first) repositoryName: container.image.name; imageTags:
//	                                   container.image.tag; imageHash: container.image.hash.all
//	  awsLambdaFunction (the first)    id: faas.id; functionName: faas.name; version: faas.version
//	status                             aws.inspector.status
//	exploitAvailable, fixAvailable     aws.inspector.exploit_available, aws.inspector.fix_available
//	exploitabilityDetails              .lastKnownExploitAt: aws.inspector.exploitability_details.last_known_exploit_at (date)
//	epss.score                         aws.inspector.epss.score (double)
//	remediation.recommendation         text: aws.inspector.remediation.recommendation.text (wildcard);
//	                                   Url: aws.inspector.remediation.recommendation.url
//	firstObservedAt, lastObservedAt,   aws.inspector.first_observed_at, last_observed_at, updated_at (dates)
//	  updatedAt
//
// # Free-form members
//
// The members whose shape varies with the finding's type and resource are
// kept whole, as flat_object fields (every leaf indexed as a keyword under
// its dotted path, so that no shape can cause a mapping conflict):
// aws.inspector.resources (the array, details and tags included),
// aws.inspector.package_vulnerability_details (cvss scores, every
// vulnerable package with its fixedInVersion, vendorSeverity, related
// vulnerabilities...), aws.inspector.network_reachability_details (the
// network path), aws.inspector.code_vulnerability_details and
// aws.inspector.inspector_score_details. Their member names are the API's
// (camelCase). They are cleaned on the way: null members, empty strings,
// arrays and objects are left out, a dot in a member name becomes "_"
// (a tag key "kubernetes.io/cluster/x" is kubernetes_io/cluster/x: a dot
// would read as a path), an empty name becomes "_", a name repeated in one
// object keeps its last value, and text is valid UTF-8.
// Members the API adds after this package was written, and epss,
// remediation or exploitabilityDetails when they hold members besides the
// ones mapped above, are kept in aws.inspector.other (flat_object) under
// their own names, so nothing is lost.
//
// # Document id
//
// findingArn + "_" + the RFC 3339 time of the update (updatedAt, else the
// time @timestamp was taken from): every update of a finding (new
// observation, status change to CLOSED or SUPPRESSED) is its own document,
// and reading the same update again overwrites it. An id over OpenSearch's
// 512 bytes is replaced by its SHA-256.
//
// # Where we differ from Elastic, on purpose
//
// Elastic's inspector data stream polls the API; it is followed where it
// maps to ECS (@timestamp from updatedAt, vulnerability.*, network.transport,
// cloud.account.id, scanner vendor "Amazon Inspector"). Departures:
//
//   - event.kind is alert (a finding is an alert in this project), where
//     Elastic writes event; event.risk_score holds the Inspector score.
//   - vulnerability.severity keeps INFORMATIONAL and UNTRIAGED as
//     Informational and Untriaged; Elastic calls them Low and Unknown,
//     which rank an informational finding with real low-severity ones.
//   - No vulnerability.cve (not ECS): vulnerability.id and enumeration.
//   - The document id is the finding and its update, not a fingerprint of
//     the raw event, so re-reading an update overwrites it.
//   - Elastic expands the whole finding under aws.inspector.* as typed
//     objects; here the variable members are flat_object fields.
//
// # Where we differ from the reference system
//
// The reference system (index log-aws-inspector) is followed for its
// fields: cloud.instance.id, related.hosts, related.ip, rule.name,
// vulnerability.category, description, id, reference, score.base,
// score.version and severity, rule.id in its two forms, one document per
// update. Departures:
//
//   - Every resource is read, not only resources[0]; cloud.instance.id and
//     host.* are only set for EC2 instances (the reference set them from
//     any resource id and removed them for ECR images only).
//   - vulnerability.reference holds sourceUrl and referenceUrls together
//     (the reference took referenceUrls, else sourceUrl).
//   - The remediation text is aws.inspector.remediation.recommendation.text,
//     not appended to vulnerability.description.
//   - rule.category is the finding type, not the constant "vulnerability"
//     (event.category says that); vulnerability.scanner.vendor is "Amazon
//     Inspector", not "inspector".
//   - The raw finding is not copied under a top-level "inspector." object:
//     its members are mapped as above (and event.original holds it).
//   - Times in RFC 3339 and epoch seconds are read, not only the console
//     form; the reference failed every object whose updatedAt was in
//     another form.
package inspector
