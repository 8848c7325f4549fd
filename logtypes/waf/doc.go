// Package waf reads AWS WAF web ACL logs, WAFv2 and WAF Classic, and maps
// them to ECS 9.4. This comment is the type's mapping contract.
//
// # What is read
//
// A record is one JSON object per request WAF inspected (formatVersion 1).
// Objects arrive
//
//   - delivered by WAF straight to S3 (the bucket's name starts with
//     aws-waf-logs-): AWSLogs/<account>/WAFLogs/<region or "cloudfront">/<web ACL>/YYYY/MM/DD/HH/mm/<account>_waflogs_<region>_<web ACL>_<time>_<hash>.log.gz,
//     one record per line;
//   - through a Firehose stream (whose name starts with aws-waf-logs-, so
//     that its object names do too), records written back to back with no
//     separator, gzip or not: parser.JSONValueReader frames both layouts,
//     and a cut-off record is dead-lettered without losing the next;
//   - through a CloudWatch Logs group (aws-waf-logs-*) and a subscription
//     to Firehose: payloads in the CloudWatch Logs envelope, each log event
//     one record (Info.Envelopes). Firehose error records met there are
//     dead-lettered by the envelope with Firehose's reason.
//
// KeyPattern is the reference system's `aws-waf-logs-|_waflogs_` plus
// `/WAFLogs/`.
//
// # Event
//
//	timestamp (ms since the epoch)   @timestamp (UTC, milliseconds kept)
//	action                           event.action, as written (ALLOW, BLOCK, CAPTCHA, CHALLENGE)
//	                                 event.type: access, plus allowed (ALLOW) or denied
//	                                 (BLOCK, CAPTCHA, CHALLENGE: the request did not reach the
//	                                 protected resource); event.outcome success / failure
//	                                 for the same actions, none for any other action
//	                                 event.category: web, network; intrusion_detection for alerts
//	                                 event.kind: alert when WAF blocked, challenged or showed a
//	                                 CAPTCHA, or when any rule matched in count mode (a
//	                                 nonTerminatingMatchingRules entry with action COUNT, at the
//	                                 top or in a rule group, whose overriddenAction then holds the
//	                                 rule's own action, or an excluded rule of a rule group, which
//	                                 WAF lists for a request it matched): detections an analyst
//	                                 reviews; event otherwise (allowed traffic, including a CAPTCHA
//	                                 or challenge token that was accepted)
//
// No event.id and no document id are set: a WAF record has no id of its
// own (requestId is the fronting service's id, not unique across web ACLs
// and sometimes absent), so the pipeline's content hash is the document
// id, which is stable when an object is read again.
//
// # Web ACL, cloud and observer
//
//	webaclId (WAFv2 ARN arn:aws:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>)
//	                                 aws.waf.web_acl.id (as written), .name, .scope
//	                                 (regional / global), cloud.account.id, cloud.region,
//	                                 cloud.service.name (the ARN's service, wafv2),
//	                                 rule.ruleset (the web ACL's name)
//	webaclId (WAF Classic id)        aws.waf.web_acl.id, rule.ruleset (the id, as the
//	                                 reference system writes), cloud.service.name waf
//	                                 cloud.provider aws; observer.vendor AWS,
//	                                 observer.product WAF, observer.type waf
//
// A web ACL of CloudFront scope (scope global) has cloud.region "global":
// its ARN names us-east-1, where such ACLs are managed, but it filters
// requests at every CloudFront edge location, and direct delivery files it
// under WAFLogs/cloudfront/. The reference system writes global too;
// Elastic writes the ARN's us-east-1. Where the record has no ARN (WAF
// Classic), a direct delivery key's account, region and web ACL name are
// used.
//
// # Rules
//
//	terminatingRuleId               rule.id; rule.name too for WAFv2, which logs the rule's
//	                                name there (Default_Action when no rule terminated);
//	                                WAF Classic logs an id, so no rule.name
//	terminatingRuleType             aws.waf.terminating_rule.type (REGULAR, RATE_BASED, GROUP,
//	                                MANAGED_RULE_GROUP)
//	terminatingRuleMatchDetails     aws.waf.terminating_rule.match_details (flat_object)
//	ruleGroupList                   aws.waf.rule_group_list (flat_object);
//	                                aws.waf.rule_group_ids; the group whose terminatingRule is
//	                                set: aws.waf.terminating_rule.rule_group_id,
//	                                .rule_group_rule_id and .rule_group_action (the rule inside a
//	                                managed group that blocked, e.g. CrossSiteScripting_BODY);
//	                                excludedRules[].ruleId: aws.waf.excluded_rule_ids
//	nonTerminatingMatchingRules     aws.waf.non_terminating_matching_rules (flat_object);
//	                                their ruleIds, and those of every rule group's, in
//	                                aws.waf.non_terminating_rule_ids
//	rateBasedRuleList               aws.waf.rate_based_rule_list (flat_object)
//	labels[].name                   aws.waf.labels (ECS labels is a key/value object, not a list)
//
// The rule lists change shape between records (matchedData is a list in
// one and null in the next, rule sub-objects vary), the top mapping
// conflict of the reference system, so they are flat_object fields: every
// leaf is a keyword under its dotted path
// (aws.waf.rule_group_list.terminatingRule.ruleId), and no record can add a
// field to the mapping. A flat_object holds objects, so of a list only its
// objects are written (a list of anything else, or a scalar, stays in
// event.original only). They are written as compact JSON with nulls and
// empty values left out, keys' dots made underscores, a key repeated in
// its object kept once (the first), strings cut at 8 KiB, number tokens
// that are not JSON numbers written as strings, and anything below 12
// levels written as its JSON text: forms OpenSearch always accepts.
//
// # Request
//
//	httpRequest.clientIp            source.ip, source.address, related.ip,
//	                                aws.waf.request.client_ip (the address WAF saw, kept
//	                                when an X-Forwarded-For enricher replaces source.ip)
//	httpRequest.country             source.geo.country_iso_code (two capital letters only),
//	                                aws.waf.request.country (as written; "-" dropped)
//	                                (where the GeoIP enricher's databases place the address,
//	                                its source.geo and source.as replace WAF's country and ASN)
//	httpRequest.httpMethod          http.request.method
//	httpRequest.requestId           http.request.id
//	httpRequest.httpVersion         http.version ("HTTP/2.0" gives 2.0), network.protocol http,
//	                                network.transport tcp (udp for HTTP/3); any other form:
//	                                aws.waf.request.http_version
//	httpRequest.uri, args           url.path, url.query, url.original (uri?args#fragment)
//	httpRequest.fragment, scheme    url.fragment, url.scheme
//	httpRequest.host, else Host     url.domain and url.port (from host:port), related.hosts;
//	                                url.full when scheme and host are both known
//	User-Agent header               user_agent.original
//	Referer header                  http.request.referrer
//	requestBodySize                 http.request.body.bytes
//	responseCodeSent                http.response.status_code (a custom response's code),
//	                                aws.waf.response_code_sent
//	ja3Fingerprint                  tls.client.ja3
//	ja4Fingerprint                  aws.waf.ja4_fingerprint (ECS 9.4 has no tls.client.ja4)
//	clientAsn                       source.as.number
//	forwardedAsn                    aws.waf.forwarded_asn
//	captchaResponse, challengeResponse
//	                                aws.waf.captcha_response / challenge_response:
//	                                response_code, solve_timestamp (a date), failure_reason
//	oversizeFields                  aws.waf.oversize_fields
//	requestBodySizeInspectedByWAF   aws.waf.request_body_size_inspected_by_waf
//	requestHeadersInserted          aws.waf.request_headers_inserted (flat_object)
//	httpSourceName, httpSourceId    aws.waf.http_source.name, .id
//	formatVersion                   aws.waf.format_version
//	cfDistributionTenantId          aws.waf.cf_distribution_tenant_id
//
// Members this type does not know, at the top of the record or in
// httpRequest, are kept under aws.waf.extra and aws.waf.request.extra
// (flat_object), so a member AWS adds is indexed before this type learns
// it. A known member of an unexpected JSON type is left out (it stays in
// event.original). WAF's "-" (no value) is never written.
//
// # Headers
//
// httpRequest.headers is written three ways:
//
//   - aws.waf.request.header_list: the array of {name, value} as sent,
//     names in the client's case and order, repeats kept;
//   - aws.waf.request.headers.<name>: by name, lower-cased, with every
//     character other than a-z, 0-9 and _ made _ (X-Forwarded-For gives
//     x_forwarded_for); a string, or an array of strings when the name
//     repeats. Names longer than 128 bytes are only in the list;
//   - aws.waf.request.x_forwarded_for: the X-Forwarded-For header again,
//     a string, or an array of strings (one per header line, in order)
//     when the client sent several, as a keyword field of its own.
//
// Header names are the client's to choose, so the list and the map are
// flat_object fields: a client sending made-up headers cannot grow the
// mapping. The map is set as one value, not one event field per header:
// the event builder caches a document's layout by its set of field paths,
// header sets differ from client to client, and per-header fields made
// writing documents twice as slow on varied traffic. The enricher reads
// event fields, so it is given the header in its own field, which is
// also one that can be aggregated (a flat_object's members cannot):
//
//	xff.New(xff.Config{
//		TrustedProxies: proxies,
//		Fields: enrich.Fields{ByType: map[string][]string{
//			"waf": {"aws.waf.request.x_forwarded_for"},
//		}},
//	})
//
// With it, source.ip becomes the client behind trusted proxies, and
// aws.waf.request.client_ip keeps the address WAF saw.
//
// # Credentials in headers
//
// The values of Authorization, Proxy-Authorization, Cookie, X-Api-Key,
// X-Amz-Security-Token and X-Auth-Token are credentials: anyone who can
// read the index could replay a bearer token or hijack a session. They
// are redacted, not dropped, in the map and in the list alike: an
// Authorization value keeps its scheme ("Bearer [REDACTED]"), a Cookie
// value its cookie names ("session=[REDACTED]; theme=[REDACTED]"), the
// others become "[REDACTED]". That an API was called with Basic rather
// than Bearer authentication, or a request carried no session cookie, is
// what an analyst hunts on; the secret itself never is. When such a value
// was redacted and the pipeline keeps event.original, event.original is
// the record written again as compact JSON with the same redactions
// (otherwise it is the record as read). Dead letters keep the raw bytes,
// as every dead letter does: protect the dead-letter destination. The
// matchedData of a rule that matched inside such a header (location
// HEADER or COOKIE) is kept: it is the few tokens the rule saw, which tell
// an attack from a false positive. The
// reference system removed only authorization, from its map only, leaving
// it in the array it indexed.
//
// # Errors
//
// A record that is not JSON, not an object, has no timestamp, or a
// timestamp that is not a count of milliseconds from 1970 to 9999 (a
// number, or a string of digits), or an httpRequest that is not an object,
// is dead-lettered with the reason. Nothing is excluded. A key repeated in
// an object counts once, the first (fastjson's rule). Records nested more
// than 300 levels deep are refused by the parser.
//
// # Where we differ from Elastic, on purpose
//
//   - event.kind is alert for blocked, challenged and count-matched
//     requests and event for the rest; Elastic writes one kind for every
//     record (event in the test output compared here).
//   - event.category adds network (as Elastic's current pipeline does)
//     and intrusion_detection for alerts.
//   - rule.ruleset is the web ACL's name; Elastic writes
//     terminatingRuleType there, which is kept in
//     aws.waf.terminating_rule.type.
//   - cloud.region is global for CloudFront-scope web ACLs (see above).
//   - The Host header goes to url.domain (Elastic: host.domain, which ECS
//     keeps for the observed host); User-Agent and Referer are mapped
//     (Elastic maps neither).
//   - Headers are keyed by lower-cased name with arrays for repeats
//     (Elastic keeps the raw name, the last repeat winning) and credentials
//     are redacted.
//   - Vendor names are snake_case under aws.waf (Elastic keeps AWS's
//     camelCase inside its lists, as the flat_object lists here do).
//
// # Where we differ from the reference system
//
// It wrote event.kind alert for every record, event.category [web] only,
// rule.name from terminatingRuleId with no rule.id, left the header map
// dynamically mapped (a client could grow the mapping), kept the
// Authorization header in the indexed array and the Cookie header
// everywhere, and let the null-versus-list matchedData conflict drop
// documents (its issue #436).
package waf
