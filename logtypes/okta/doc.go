// Package okta reads the Okta System Log into ECS documents
// (event.dataset okta.system, vendor fields under okta.*).
//
// It is the worked example for third-party log types (see
// docs/third-party-log-types.md): it imports only the public packages
// siem, siem/ecs, siem/parser and siem/envelope, plus fastjson, so a type
// written outside this repository can do everything it does.
//
// # Objects
//
// Okta's API (GET /api/v1/logs) returns pages of LogEvent objects. The
// type claims S3 keys holding okta-logs anywhere (the reference system's
// pattern), and reads:
//
//   - one event per line, as a fetch Lambda writes each page (the
//     reference system's okta-logs/... objects), gzipped or not;
//   - a page saved as it came: a JSON array of events, streamed element
//     by element, so its size does not matter;
//   - Okta log streaming to an EventBridge partner event bus
//     (aws.partner/okta.com/...), with a Firehose target writing the
//     events to S3 under a prefix holding okta-logs/: the envelope
//     (envelope.EventBridge) unwraps each event's detail, which is one
//     LogEvent, and maps its own fields (aws.eventbridge.*, and today
//     cloud.provider, cloud.account.id, cloud.region of the bus).
//
// # Fields
//
// Elastic's Okta integration (okta.system) is followed where it is sound,
// and the reference system's contributed okta section (section 2.3 of its
// description) for what Elastic does not map:
//
//	published                        @timestamp: RFC 3339 as Okta writes it; "2024-05-02 18:46:21.121"
//	                                 (a space, no zone, as data-lake exports write it) is read as UTC
//	uuid                             event.id, okta.uuid and the document _id, so that an event fetched
//	                                 twice (overlapping polls, both Lambda and log streaming) is indexed once
//	eventType                        event.action, okta.event_type; event.category / event.type and
//	                                 event.kind from the table in category.go
//	outcome.result                   event.outcome: SUCCESS and ALLOW success, FAILURE and DENY failure,
//	                                 anything else (CHALLENGE, SKIPPED, UNKNOWN...) unknown; okta.outcome.result
//	outcome.reason                   event.reason, okta.outcome.reason
//	severity                         log.level in lower case (debug, info, warn, error); okta.severity as written
//	actor of type User               user.id, user.full_name (displayName), user.name (alternateId, the
//	                                 Okta login), user.email and user.domain when the login is an e-mail
//	                                 address; client.user.{id,full_name} and source.user.{id,full_name}
//	                                 as Elastic sets them. Okta's "unknown" placeholders are left out.
//	actor (any type)                 okta.actor.{id,type,alternate_id,display_name}, detail_entry (flat_object)
//	client.ipAddress                 client.address and source.address as written; client.ip, source.ip,
//	                                 okta.client.ip and related.ip when it is an IPv4 or IPv6 address
//	client.geographicalContext       client.geo and source.geo: city_name, region_name (state),
//	                                 country_name, postal_code, location (geo_point)
//	client.userAgent.rawUserAgent    user_agent.original; okta.client.user_agent.{raw_user_agent,os,browser}
//	client.{device,zone,id}          okta.client.{device,zone,id}
//	securityContext                  client.as.number and source.as.number (long), *.as.organization.name,
//	                                 client.domain and source.domain (not Okta's "." for none);
//	                                 okta.security_context.{as.number,as.organization.name,isp,domain,is_proxy}
//	debugContext.debugData           okta.debug_context.debug_data (flat_object); its url gives
//	                                 url.original, and url.path / url.query when it is a path
//	authenticationContext            okta.authentication_context.{authentication_provider,credential_provider,
//	                                 credential_type,external_session_id,root_session_id,interface,
//	                                 authentication_step (long),issuer.{id,type}}
//	transaction                      okta.transaction.{id,type}, detail (flat_object)
//	request.ipChain[]                okta.request.ip_chain: an array of {ip (ip), version, source,
//	                                 geographical_context (flat_object)}; every address also in related.ip
//	target[]                         okta.target: an array of {id,type,alternate_id,display_name,
//	                                 detail_entry (flat_object)}; the first User target gives
//	                                 user.target.{id,full_name,name,email,domain}, the first UserGroup
//	                                 user.target.group.{id,name}; every User target's login is in related.user
//	legacyEventType, version,        okta.legacy_event_type, okta.version, okta.display_message
//	displayMessage
//
// related.user holds the logins of the actor and of the target users.
// event.kind is alert for security.threat.detected, security.attack.*,
// security.breached_credential.detected and an end user's report of
// suspicious activity, else event. An eventType in no family of the table
// gets no event.category or event.type (a wrong category is worse than
// none); the table covers sessions, authentication, MFA, user and group
// lifecycle and membership, privileges, applications, policies, zones,
// API tokens, rate limits and threat detections.
//
// # Vendor fields and mapping safety
//
// Vendor fields live under okta.* (Namespace), which is not an ECS field
// set. Keys are snake_cased as Elastic's and the reference's are
// ("rawUserAgent" -> raw_user_agent, "requestURI" -> request_uri).
// Members whose keys differ from event to event (debugData, detailEntry,
// transaction.detail, the ip chain's geographical context) are
// flat_object fields: no key can add a mapping or conflict with another
// event's. target and request.ipChain are arrays of objects of a fixed
// shape, whose free-form parts are flat_object, so their ids, types and
// addresses stay searchable as okta.target.id, okta.request.ip_chain.ip.
// Inside a flat_object, keys are snake_cased too, '.' becomes '_' (a
// flat_object reads dots as paths) and an empty key becomes "_"; where
// two keys become the same (aB and a_b), the first is kept; nulls and
// empty strings, objects and arrays are left out; a number whose text is
// not a JSON number is written as a string.
//
// Nothing is dropped: a member this version does not know (a new Okta
// member, the p_* members a Panther export adds), and a known member whose
// JSON type is not the documented one (an asNumber string, a target that
// is an object, a geolocation with string coordinates), is kept in
// okta.extra (flat_object) under its snake_cased path, e.g.
// okta.extra.security_context.as_number. A repeated member of a known
// name is read once (the first; the rest stay in event.original).
//
// # Dead letters and exclusions
//
// A record is dead-lettered, with the reason, when it is not JSON, is not
// an object, or has no published time that reads as a timestamp. Nothing
// is excluded.
//
// # Where we differ from Elastic, on purpose
//
//   - user.name is the whole login (alice@example.com), as Elastic's
//     current integration writes it, plus user.email and user.domain; the
//     local part alone (the reference's and older Elastic's) is not
//     unique across domains.
//   - related.user holds logins, the identifiers an analyst pivots on;
//     Elastic lists display names.
//   - source.geo and source.as come from Okta's own geolocation and
//     securityContext; Elastic looks the address up in its GeoIP database.
//     The GeoIP enricher still fills them where Okta gives none.
//   - client.as.number is a number (ECS long); Elastic's pinned pipeline
//     leaves it a string.
//   - Session events are authentication+session with type start or end,
//     without Elastic's "user" type (ECS expects it with iam only); an end
//     user's report of suspicious activity is an intrusion_detection alert.
//   - okta.target keeps every target whole (Elastic drops detail_entry and
//     moves the members it copies to user.target); debugData keys are only
//     snake_cased (Elastic regroups suspiciousActivity* keys under
//     suspicious_activity and parses the risk and behaviors texts, which we
//     keep as text).
//   - url.original is debugData.url whatever it holds; Elastic drops what
//     its URI parser rejects.
//   - Elastic's parsed user agent (user_agent.name, os...) is left to the
//     user agent enricher.
//
// # Where we differ from the reference system
//
//   - The reference writes @timestamp in +09:00 (index_tz) and names
//     indices in that zone; we write UTC.
//   - Its okta.target array sat beside an okta.target.app_name object (an
//     object/array clash); here okta.target is only the array.
//   - It moved client.* to okta.client and removed it from client; we keep
//     client.* (ECS) and okta.client.* (the rest).
//   - Its event.category was web for every event; ours follows the event
//     type.
//   - Documents have the uuid as _id; the reference let OpenSearch choose,
//     so a re-fetched page was indexed twice.
//
// The reference system's index for this type is log-intra-audit-okta.
package okta
