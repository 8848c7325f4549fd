// Package apache reads the logs of the Apache HTTP Server: apache-access
// (Access) for access logs and apache-error (Error) for error logs.
//
// # Naming
//
// Datasets follow Elastic's Apache integration: apache.access and
// apache.error (event.module is apache). Vendor fields live under the same
// names, apache.access.* and apache.error.*; apache is not an ECS field
// set. The reference system indexes both types into log-web-apache.
//
// # How objects arrive
//
// One record per line, from:
//   - plain log files copied to S3 (gzip or not: decompression is
//     sniffed), e.g. apache/access/web-01/access_log-20261127.gz;
//   - the CloudWatch agent -> CloudWatch Logs -> subscription filter ->
//     Firehose (envelope.CloudWatchLogs: one message is one line), with
//     the reference system's exporter prefix
//     AWSLogs/aws-account-id=<account>/service=apache-access/web-site-name=<site>/aws-region=<region>/;
//   - FireLens (envelope.FireLens: the log member of each line), under a
//     Firehose prefix naming the stream, e.g.
//     ecs-containers/apache-access/2026/11/27/10/... Keys holding
//     "firelens" belong to the generic FireLens container type, which can
//     hand Apache lines back to this package (see NormalizeAccessLine).
//
// Key patterns are the reference system's, [Aa]pache.*[Aa]ccess/ and
// [Aa]pache.*[Ee]rror/. The envelopes map their own metadata: CloudWatch
// Logs sets aws.cloudwatch.*, cloud.account.id, cloud.provider,
// event.created and event.id (which is then the document id); FireLens
// sets container.id, container.name, orchestrator.*, cloud.account.id,
// cloud.region, cloud.provider and aws.firelens.*. This package adds, from
// the key, service.name (web-site-name=), cloud.region (aws-region=) and
// cloud.account.id (aws-account-id=, when the envelope set none), and from
// a CloudWatch Logs log stream named after an EC2 instance (the agent's
// default) cloud.instance.id, also added to related.hosts. A log group
// whose name holds "ssl" gives url.scheme https, as in the reference
// system. cloud.provider is set only by the envelopes, for records that
// came through AWS.
//
// # Access logs
//
// The layouts read, all with mod_log_config's %t time
// ([10/Oct/2000:13:55:36 -0700], any offset, stored in UTC):
//
//	common          %h %l %u %t "%r" %>s %b
//	combined        common "%{Referer}i" "%{User-Agent}i"
//	combinedio      combined %I %O
//	vhost_combined  %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"
//	                (and %v alone, without the port, as Elastic's tests have it)
//	leading XFF     %{X-Forwarded-For}i %h %l %u ... (the reference system's layout:
//	                "-", one address or a comma list before %h)
//	SSL request     [%t] %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b (mod_ssl's ssl_request_log)
//
// The line is read by a hand-written scanner, not a regular expression:
// the time is found first (the first " [dd/Mon/yyyy:" with the right
// punctuation), the three words before it are %h %l %u, and a word before
// those is the virtual host when it is a host name or an address with a
// port, else (an address, a comma list, "-") the start of an
// X-Forwarded-For header. After the quoted request come the status and
// size, then optionally the quoted referrer and user agent, then
// optionally %I and %O. Whatever follows is kept verbatim.
//
// Fields:
//   - @timestamp: %t, in UTC.
//   - event.kind event, event.category [web], event.type [access];
//     event.outcome success below status 400, failure from 400 (none in
//     the SSL request log, which has no status).
//   - source.address: %h as logged; source.ip when it is an address
//     (IPv4-mapped IPv6 addresses are stored as IPv4), else source.domain
//     (HostnameLookups on).
//   - user.name: %u; apache.access.identity: %l (identd).
//   - http.request.method, http.version, url.original (the target as
//     logged, percent-encoding included), url.path (percent-decoded once;
//     kept as logged when an escape is malformed or the result is not
//     UTF-8), url.query (as logged), url.fragment, url.extension (of the
//     decoded path, as Elastic's); for a proxy-form target url.full,
//     url.scheme, url.domain (an IPv6 address in its brackets, as ECS
//     asks) and url.port; for CONNECT's authority form url.domain and
//     url.port; for the vhost layouts url.domain from %v.
//   - A request line that is not HTTP (a TLS handshake sent to the plain
//     port, "\x16\x03\x01...", scanners' garbage) is kept as logged in
//     apache.access.request and is not dead-lettered; "-" (a 408 before
//     any request line) gives no request field.
//   - http.response.status_code: %>s; http.response.body.bytes: %b or %O
//     (%b's "-" means no body and is indexed as 0); http.request.bytes
//     and http.response.bytes: combinedio's %I and %O (bytes on the wire,
//     headers included).
//   - http.request.referrer, user_agent.original: as logged, Apache's \"
//     and \\ escapes undone (its \xhh escapes stay, as in %r and %u).
//   - destination.domain (or destination.ip and destination.address for
//     an address) and destination.port: the virtual host %v:%p.
//   - apache.access.x_forwarded_for: the leading X-Forwarded-For header,
//     verbatim, for the X-Forwarded-For enricher (enrich/xff), configured
//     with Fields.ByType["apache-access"] = ["apache.access.x_forwarded_for"];
//     its valid addresses are also added to related.ip.
//   - tls.cipher, tls.version and tls.version_protocol: the SSL request
//     log's cipher and protocol (TLSv1.2 -> 1.2 tls, SSLv3 -> 3.0 ssl);
//     a protocol of another form is kept in apache.access.ssl.protocol.
//   - apache.access.trailing: what follows the fields above (a custom
//     format's %D, a trailing quoted header), verbatim, unless it is "-".
//   - related.ip: source.ip, the vhost address and the X-Forwarded-For
//     addresses; related.hosts: source.domain and destination.domain;
//     related.user: user.name.
//
// NormalizeAccessLine and NormalizeErrorLine expose the mapping to other
// log types, such as a FireLens container type that finds Apache lines
// among a container's output (they have the signature of
// firelens.LineNormalizer): each reports false, leaving the event
// untouched, for a line that does not have its shape.
//
// Known limit: a %u holding a space (an LDAP distinguished name) shifts
// the words before the time, so that its parts are misread as %l and %u
// and %h as an X-Forwarded-For header.
//
// # Error logs
//
// Apache 2.2 "[Mon Dec 26 16:22:08 2016] [error] [client 1.2.3.4] msg" and
// 2.4's default ErrorLogFormat "[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E:
// [client %a] %M", where the pid, the source location (%F, at debug and
// trace levels), the OS error (%E) and the client are each optional.
//
// Fields:
//   - @timestamp: the time, with its microseconds. The log has no zone
//     (an httpd writes its local time): Error reads it as UTC, ErrorIn in
//     the zone given, which is then written to event.timezone.
//   - event.kind event, event.category [web], event.type [error] for
//     emerg, alert, crit, error and warn, [info] for notice, info, debug
//     and trace1-8 (as Elastic and the reference system do).
//   - log.level: the level as logged; apache.error.module: the module.
//   - process.pid, process.thread.id.
//   - log.origin.file.name and log.origin.file.line: %F ("mod_rewrite.c(483)").
//   - apache.error.os_error: %E, "(111)Connection refused".
//   - source.address, source.ip (or source.domain) and source.port: the
//     [client] (2.4 writes the port after the last colon, IPv6 too);
//     related.ip / related.hosts.
//   - message: what follows those parts, as logged, the AH code included
//     (as Elastic keeps it); error.code: the AHnnnnn code.
//   - http.request.referrer: a trailing ", referer: <url>"; file.path: a
//     "File does not exist: <path>" message (2.2 and 2.4's AH00128).
//
// # Dead letters and exclusions
//
// A line that has none of the layouts above (no CLF time before a quoted
// request; no [time] [level]; a cut line), or whose time, status, size,
// pid or tid is malformed, is dead-lettered with a reason naming the part.
// Nothing is excluded. The document id is left to the pipeline (a hash of
// the record and its position), or is the CloudWatch Logs event id.
//
// # Where we differ from Elastic, on purpose
//
//   - Apache's "-" is not indexed: Elastic writes user.name "-",
//     http.request.referrer "-" and user_agent.original "-".
//   - %b's "-" is indexed as 0 bytes; Elastic leaves body.bytes out.
//   - source.address is set for vhost lines too (Elastic's vhost pattern
//     drops it).
//   - url.query is kept as logged; Elastic percent-decodes it, which makes
//     an encoded & or = look like a separator.
//   - Error log times keep their microseconds (Elastic keeps
//     milliseconds). Their zone comes from ErrorIn, as Elastic's from
//     its event.timezone setting; both default to UTC.
//   - The source location %F and a [client] after it are parsed (Elastic's
//     grok keeps them in the message for mod_rewrite trace lines).
//   - Elastic's trailing X-Forwarded-For="a, b" field of its own access
//     format is kept verbatim in apache.access.trailing, not parsed.
//
// # Where we differ from the reference system
//
//   - Addresses are parsed for IPv6 everywhere (its patterns accept IPv6
//     characters but its time and client parts are IPv4-minded).
//   - related.ip is filled (its mapping reads source.ip before it exists).
//   - The AH code stays in message as well as in error.code, so that the
//     message reads as Apache wrote it; user.id is not filled from the
//     identd %l (kept in apache.access.identity: identd answers are
//     claims of the client's host, not an authenticated user).
//   - The X-Forwarded-For header is kept verbatim for enrich/xff, which
//     decides, from the configured trusted proxies, which address is the
//     client; the reference system's http.request.header.x_forwarded_for
//     is not an ECS field.
//   - url.scheme is not guessed as http from a log group named "access".
package apache
