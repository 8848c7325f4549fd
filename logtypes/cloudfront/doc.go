// Package cloudfront reads Amazon CloudFront logs: the log types
// "cloudfront" (standard logs, also called access logs; New) and
// "cloudfront-realtime" (real-time logs; Realtime). Both write
// event.dataset "aws.cloudfront" and keep their vendor fields under
// aws.cloudfront, so that one index pattern and the same dashboards serve
// both (the reference system writes both to its log-aws-cloudfront index).
//
// # What is read
//
// Standard logs, legacy (delivered to S3 as
// "<prefix><DistributionID>.<YYYY-MM-DD-HH>.<unique id>.gz"): W3C
// extended log files, tab-separated, with "#Version" and "#Fields"
// directives, read with parser/w3c. Columns are read by the names of the
// object's #Fields line, in its order, so the 24-field layout (before
// field-level encryption), the 26-field one (before 2019), the 33-field
// one, and files with more fields (38 columns have been seen in current files:
// the 33 and origin-fbl, origin-lbl, asn, c-country,
// cache-behavior-path-pattern; not in AWS's reference) are all read, as are objects in which concatenated files change the
// list. An object without any #Fields line is read by AWS's documented
// order for the number of fields of each line (24, 26 or 33); a line of
// another length cannot be named and is dead-lettered.
//
// Standard logging v2 (2024), delivered to S3 in its W3C output format,
// with any selection of fields: read as above, by the #Fields line. The
// field names of the legacy logs and of the real-time logs are both
// understood (cs(Host) and cs-host, cs(User-Agent) and cs-user-agent...),
// and "timestamp" (epoch seconds), "timestamp(ms)", "DistributionId" and
// "DistributionDNSName" are read when a v2 selection has them (their
// spelling in v2 output is unverified). v2 files delivered under an
// AWSLogs/<account>/CloudFront/ prefix are recognised by their file name
// like legacy ones; that v2 keeps the legacy file name is an assumption
// (a v2 object named otherwise is read with Pipeline.ProcessAs). Not covered: v2's JSON and Parquet outputs and its plain
// output, whose exact record layouts are not documented in the project's
// notes; and v2 delivery to CloudWatch Logs or Firehose. Such objects
// fail as lines without a field list.
//
// Real-time logs: records that CloudFront writes to a Kinesis data
// stream, delivered by Firehose to S3, one tab-separated line each, with
// no header. A record holds the fields the real-time log configuration
// selects, in CloudFront's catalogue order; the type reads them with the
// configuration's list (RealtimeWithFields), by default AWS's complete
// catalogue of 43 fields (RealtimeFields). A line with another number of
// fields is dead-lettered with a reason that names both counts. The
// timestamp is epoch seconds with milliseconds.
//
// Values are as CloudFront writes them: "-" is an empty value and sets
// nothing. Fields this package does not know (CMCD fields of a real-time
// configuration, fields AWS adds later) are kept, as written, under
// aws.cloudfront.fields.<name in snake case>, up to 32 of them per field
// list, so that a broken #Fields line cannot swell the index mapping;
// event.original keeps the rest.
//
// Spaces. CloudFront separates fields with tabs and escapes spaces inside
// values ("%20", "\x20"), so a line without a single tab was altered after
// delivery (Elastic's test data has such copies). Such a line is read
// when, split on spaces, it has exactly the number of fields of the list
// in effect (or, without a #Fields line, of a documented layout); a value
// that held a literal space shifts the columns and the line is
// dead-lettered with a reason that says so.
//
// # Detection
//
// Standard logs by their file name (the reference system's pattern,
// with the dot before the unique id escaped and the id in either case):
// `(?:^|/)[0-9A-Z]{12,14}\.20\d{2}-\d{2}-\d{2}-\d{2}\.[0-9A-Za-z]{8,16}\.gz$`.
// Real-time logs by the Firehose prefix the reference system gives them,
// ".../CloudFront/.../realtime/..." (Firehose's own file names say nothing
// about their content). The two patterns exclude each other.
//
// # Mapping
//
// Both types (a field is set only when the record has it):
//
//   - @timestamp: date and time (UTC, the time CloudFront finished
//     responding), or the real-time timestamp with its milliseconds.
//   - event.kind "event", event.category ["web"], event.type ["access"],
//     plus "error" for a status of 400 or more. event.outcome "success"
//     below 400, "failure" from 400 and for status 000 (the viewer closed
//     the connection before the response was sent).
//   - event.duration: time-taken in nanoseconds, exactly (no float).
//   - event.id and http.request.id: x-edge-request-id.
//   - source.ip, source.address (c-ip), source.port (c-port),
//     related.ip [c-ip], network.type (c-ip-version, else from the
//     address), source.geo.country_iso_code (c-country, when two
//     capital letters; another value is kept as aws.cloudfront.country),
//     source.as.number (asn); where the GeoIP enricher's databases place
//     the address, its source.geo and source.as replace these. The
//     X-Forwarded-For header is not believed
//     here: it is kept verbatim in aws.cloudfront.x_forwarded_for (with
//     CloudFront's "\x20" turned back into spaces) for the
//     X-Forwarded-For enricher (enrich/xff), which decides with its
//     trusted-proxy list whether the client is someone else.
//   - http.request.method (as sent), http.request.bytes (cs-bytes),
//     http.response.bytes (sc-bytes), http.response.status_code (sc-status;
//     000 is no status and is kept as aws.cloudfront.sc_status),
//     http.request.referrer (URL-decoded once), http.version (from
//     cs-protocol-version, "HTTP/2.0" gives "2.0"),
//     http.response.mime_type (the media type of sc-content-type, lower
//     case, without parameters; the full header value is kept as
//     aws.cloudfront.content_type when it differs). ECS wants mime_type
//     sniffed from the body; the Content-Type the origin declared is the
//     only evidence a CDN log has.
//   - url.scheme (cs-protocol: http, https, ws, wss), url.domain and
//     url.port (x-host-header, the Host header the viewer sent; when the
//     record has none, or it is no host name, cs(Host), the distribution's
//     CloudFront domain, and the odd value is kept as
//     aws.cloudfront.host_header; the domain is related.hosts too), url.path (cs-uri-stem), url.query
//     (cs-uri-query), url.original (path and query as logged) and
//     url.full (scheme://host + original). Paths and queries keep
//     CloudFront's escaping: "%2520" in a logged path is the "%20" the
//     client sent; decoding would make a searched path differ from the
//     logged one and could turn an encoded "/" into a real one.
//   - network.protocol "http" (http, https) or "websocket" (ws, wss).
//   - user_agent.original: cs(User-Agent), URL-decoded once.
//   - tls.version_protocol and tls.version from ssl-protocol (SSLv3,
//     TLSv1 to TLSv1.3; another value is kept as
//     aws.cloudfront.ssl_protocol), tls.cipher (ssl-cipher).
//   - observer.vendor "AWS", observer.product "CloudFront", observer.type
//     "proxy", observer.geo.name: the edge location (x-edge-location,
//     also aws.cloudfront.edge_location).
//   - cloud.provider "aws", cloud.service.name "cloudfront",
//     cloud.region "global" (CloudFront is a global service: its ARNs have
//     no region; "global" is what the reference system writes, and keeps
//     its dashboards' region filters working), cloud.account.id from an
//     "AWSLogs/<account>/" prefix of the key when there is one (legacy
//     keys have none).
//
// Vendor fields under aws.cloudfront: distribution_id (from the file
// name of a standard log, the key segment before "realtime/" of a
// real-time log, or a DistributionId field), distribution_domain
// (cs(Host) / cs-host), distribution_dns_name (a DistributionDNSName field
// that differs from it), edge_location, edge_result_type,
// edge_response_result_type, edge_detailed_result_type, x_forwarded_for,
// cookie (as logged, values redacted; wildcard), fle_status, fle_encrypted_fields (long),
// content_len (sc-content-len, long), range_start and range_end (long),
// time_to_first_byte, origin_fbl and origin_lbl (seconds, double),
// cache_behavior_path_pattern, accept and accept_encoding (URL-decoded),
// headers (cs-headers as logged, URL-encoded, credentials redacted;
// wildcard), header_names,
// headers_count (long), protocol_version and ip_version (only when not
// of the expected form), country (a c-country that is not a two-letter
// code), sc_status ("000" only), content_type, host_header, and
// fields.* for fields this package does not know. vendor.go declares the
// types.
//
// # Secrets
//
// Cookie values (cs(Cookie), cs-cookie, and the Cookie line of
// cs-headers) and the values of the Authorization, Proxy-Authorization,
// X-Api-Key, X-Amz-Security-Token and X-Auth-Token lines of cs-headers
// are credentials: whoever reads the index could replay a token or take
// over a session. They are replaced by "[REDACTED]" with names, the
// Authorization scheme ("Bearer%20[REDACTED]") and separators kept as
// logged, since which cookies a request carried and how it authenticated
// is what an analyst hunts on. When a value was redacted and the
// pipeline keeps event.original, event.original is the line joined again
// with the same redactions. Dead letters keep the raw line, as every
// dead letter does: protect the dead-letter destination.
//
// # Document id
//
// x-edge-request-id, CloudFront's unique id of the request, so that a
// re-read object overwrites its documents. A real-time record's id is
// "rt-" and the request id, so that the real-time and the standard record
// of one request, which share the request id, do not overwrite each
// other in one index. A record without a request id gets the pipeline's
// content hash.
//
// # Errors
//
// A line that fits no field list is dead-lettered by the framing with
// its position and both counts. A value that does not parse (a c-ip that
// is no address, a status that is not three digits, a date, time or
// timestamp that is not one, a byte count, port or duration that is not a
// number) means the columns are not what the list says, so the record is
// dead-lettered with the field at fault rather than mapped wrongly. A
// record without any time is dead-lettered. Nothing is excluded.
//
// # Where we differ from Elastic, on purpose
//
//   - Elastic reads a fixed list of 33 columns; we read the #Fields line,
//     so 24-, 26-, 38-field and v2 files map correctly.
//   - Elastic maps x-host-header to destination.domain; we use url.domain
//     (with url.port) and build url.full from it, as ECS describes an
//     access log.
//   - Elastic splits X-Forwarded-For into network.forwarded_ip here; we
//     keep the header for the enricher, which alone knows the trusted
//     proxies.
//   - Elastic maps sc-content-len to http.response.body.bytes; we keep it
//     as aws.cloudfront.content_len: it is the Content-Length header,
//     which a disconnect or a range makes differ from the bytes sent
//     (sc-bytes is http.response.bytes).
//   - We add event.type "error" from status 400, keep 000 out of
//     http.response.status_code, and strip parameters from the mime type.
//   - Elastic's fle_encrypted_fields never maps (a misspelled name); ours
//     does.
//
// And from the reference system: it parses with fixed regexes (a
// real-time configuration other than its 40 fields breaks it) and maps
// url.domain from cs-host for real-time logs (the distribution's domain);
// we prefer the Host header in both. It writes "unknown" when no
// distribution id is found; we leave the field out.
package cloudfront
