// Package nginx reads NGINX access and error logs: two log types,
// nginx-access (Access) and nginx-error (Error), with Elastic's datasets
// nginx.access and nginx.error, which are also their vendor namespaces
// ("nginx" is no ECS field set).
//
// # How records arrive
//
// Both types read, from objects whose key has a folder naming NGINX and
// the log (the reference system's patterns [Nn]ginx.*[Aa]ccess/ and
// [Nn]ginx.*[Ee]rror/):
//
//   - plain files of lines, gzip or not (a copy of /var/log/nginx);
//   - CloudWatch Logs subscription payloads written by Firehose (the
//     CloudWatch agent ships the files to a log group): envelope
//     CloudWatchLogs, each log event one record;
//   - FireLens (Fluent Bit) lines of a container: envelope FireLens, each
//     line's log one record. The official image writes the access log to
//     stdout and the error log to stderr; route each stream to its own
//     prefix (Fluent Bit's rewrite_tag on "source").
//
// Both types also set, from the delivery: cloud.instance.id from an EC2
// instance id in the CloudWatch Logs stream name (the agent's default
// stream name is the instance id), and service.name from the reference
// system's key segment web-site-name=<name>. The envelopes set their own
// fields (cloud.account.id, aws.cloudwatch.*, container.*,
// orchestrator.*; see package envelope). cloud.provider is set only by
// those AWS envelopes, never for a plain file.
//
// An error-log line met in an access object (a container's stderr sent
// with its stdout) is dead-lettered with a reason that says so, not
// guessed at: its raw text is kept.
//
// # Access logs
//
// The combined format and its relatives, read by a hand-written scanner
// anchored on the time:
//
//	[host[:port] ][xff ]addr[, addr...] - user [dd/Mon/yyyy:hh:mm:ss +zzzz] "request" status bytes ["referrer" "agent" ["xff" [extra...]]]
//
// That covers NGINX's combined format, the stock "main" format with its
// trailing "$http_x_forwarded_for", the common format without referrer
// and agent, and Elastic's variants with a leading $host[:port] and a
// leading forwarded chain (unquoted "a, b, peer", quoted "\"a, b\" peer",
// or "a, b peer"). With two blank-separated parts before " - ", the first
// is the chain when it is quoted or a list, else the host, as Elastic
// reads them. IPv6 addresses are read everywhere. The line's bytes are
// NGINX's escape=default output, kept as written (\xXX stays).
//
//	host (name)            destination.domain, url.domain, related.hosts
//	host (address)         destination.ip, related.ip
//	host port              destination.port, url.port
//	last address (peer)    source.address; source.ip and related.ip when an
//	                       address, source.domain and related.hosts when a name
//	                       ("unix:" stays in source.address only)
//	all addresses          nginx.access.remote_ip_list (Elastic's field), as written
//	forwarded chain        nginx.access.x_forwarded_for, verbatim: the leading
//	                       chain (the addresses before the peer) and/or the
//	                       trailing "$http_x_forwarded_for" ("-" is none); an
//	                       array when both are there and differ; their
//	                       addresses also in related.ip
//	user                   user.name, related.user ("-" is none)
//	time                   @timestamp (the zone written in the line)
//	request method         http.request.method, as sent
//	request target         url.original, url.path, url.query, url.fragment,
//	                       url.extension; absolute-form targets also url.scheme,
//	                       url.domain, url.port, url.full; CONNECT's host:port
//	                       url.domain and url.port. url.path is percent-decoded
//	                       once, as Elastic does (kept as logged when an escape
//	                       is malformed or decodes to bytes that are not UTF-8);
//	                       url.original and url.query are as logged;
//	                       url.extension is the decoded path's.
//	request version        http.version
//	a request that is no   nginx.access.request, verbatim (TLS bytes sent to a
//	request line           plain port, a probe's "hello"); "" sets nothing
//	status                 http.response.status_code; event.outcome success
//	                       below 400, failure from 400 to 599
//	bytes                  http.response.body.bytes ($body_bytes_sent)
//	referrer, agent        http.request.referrer, user_agent.original
//	anything further       nginx.access.extra, verbatim (a custom $request_time...)
//
// Always: event.kind event, event.category [web], event.type [access].
//
// NormalizeAccessLine exports this mapping for a type that finds access
// lines inside other records (a FireLens container type); AccessVendor
// is the schema of its vendor fields.
//
// # Error logs
//
//	yyyy/mm/dd hh:mm:ss [level] pid#tid: [*connection ]message
//
// A record is a line starting with that date and the lines up to the
// next one (FastCGI's stderr output spans lines): parser/multiline for
// files; for envelope messages, a message that does not start with a date
// continues the record of the message before it from the same source
// (the same CloudWatch Logs payload or FireLens container).
//
//	time            @timestamp. NGINX writes local time without a zone; it is
//	                read as UTC (run servers in UTC, as AWS images do).
//	level           log.level; event.type [error] for emerg, alert, crit, error
//	                and warn, [info] for notice, info and debug
//	pid, tid        process.pid, process.thread.id
//	*connection     nginx.error.connection_id (long)
//	message         message, whole, as Elastic keeps it (the context too)
//
// The context NGINX appends about a request, the last ", client: IP,
// server: S[, request: "..."][, subrequest: "..."][, upstream: "..."]
// [, host: "..."][, referrer: "..."]", is also read: client to
// source.address, source.ip and related.ip; server to nginx.error.server;
// the request as in access logs (http.request.method, http.version,
// url.*; one that is no request line to nginx.error.request);
// subrequest and upstream to nginx.error.subrequest and
// nginx.error.upstream; host to url.domain (without its port; an address
// as written, IPv6 in brackets) and url.port, and related.hosts (a name)
// or related.ip (an address); referrer to http.request.referrer.
//
// Always: event.kind event, event.category [web].
//
// # Dead letters and ids
//
// A record that is not of the format (no time, a bad time, a status that
// is not three digits, an unclosed quote, an unknown level) is
// dead-lettered with the reason. Nothing is excluded. NGINX records have
// no id: the document id is the envelope's (the CloudWatch Logs event
// id) or the pipeline's hash of the record.
//
// # Where we differ from Elastic, on purpose
//
//   - source.ip is the peer ($remote_addr, the last address before " - "),
//     the only address the server saw. Elastic takes the first address of
//     the chain that is not private IPv4, believing addresses any client
//     can forge. The chain is kept verbatim in nginx.access.x_forwarded_for,
//     which the X-Forwarded-For enricher (enrich/xff) reads: it walks the
//     chain from the right past the trusted proxies and replaces
//     source.ip, sets network.forwarded_ip and adds the chain to
//     related.ip. With the private ranges trusted it gives Elastic's
//     answer. related.ip holds the peer, a destination address and every
//     address of the forwarded chains (leading and trailing) even without
//     the enricher.
//   - http.request.method is kept as sent (GET), as ECS asks since 1.13;
//     the fixtures' pipeline lower-cased it.
//   - The trailing "$http_x_forwarded_for" is read (Elastic ignores it).
//   - Error logs: the context is split into source.*, url.*, http.*
//     (Elastic keeps it in message only); message still holds it all.
//     event.type is info for notice, info and debug records.
//   - user_agent.* beyond original, and geo/as, are the enrichers' work.
//
// # Where we differ from the reference system
//
// Its access regex reads IPv4-shaped addresses only in places and no
// leading host or chain; ours reads both and IPv6. It writes the valid
// IPs of X-Forwarded-For to http.request.header.x_forwarded_for (not an
// ECS field); we keep the header verbatim in the vendor field and leave
// the choice to the enricher. It percent-decodes url.path; we keep the
// path as logged. Its error script writes top-level domain and port when
// the host has a port (its bug); we write url.domain and url.port. It
// sets error.message; we set message, as Elastic does.
//
// # Index
//
// The reference system writes both types to log-web-nginx.
package nginx
