// Package deepsecurity reads the events of Trend Micro Deep Security and
// Cloud One / Vision One Workload Security (agents and manager) and maps
// them onto ECS. It is built on the public API only, as a third-party type
// would be.
//
// # Names
//
// Type "deepsecurity", event.dataset "trendmicro.deep_security" (so
// event.module "trendmicro"), as Elastic's Trend Micro integration names
// its data stream; the fields without an ECS home live under the vendor
// namespace trendmicro.deep_security, which is no ECS field set. Where
// Elastic's integration has a name for such a field, it is used
// (tenant_id, tenant_name, packet_fragmentation, ethernet_frame_type,
// ips_stream_position, malware_target, threat_probability, ...).
//
// # Objects and framing
//
// Keys containing ds_agent (the reference system's pattern) or a folder
// named deepsecurity / deep-security / deep_security are this type. An
// object is lines, gzip or not, each one of:
//
//   - a CEF or LEEF (1.0 or 2.0) record as the agent or the manager sends
//     it over syslog, with or without the syslog header a daemon adds
//     (RFC 3164, RFC 5424, rsyslog ISO timestamps, an RFC 6587 octet count
//     before the header; package parser/syslog), read with parser/cef and
//     parser/leef;
//   - a fluentd / td-agent JSON line {"message": "<that record>",
//     "hostname": "...", "timestamp": "...", "tag": "..."}, as the
//     reference system's shipper writes them under ds_agent/.
//
// CloudWatch Logs subscription payloads (the CloudWatch agent shipping
// the syslog file, through Firehose) are unwrapped by
// envelope.CloudWatchLogs: each message is one such line; the envelope
// maps the log group and stream, the account, cloud.provider, event.id
// (which becomes the document id) and event.created.
//
// # Modules
//
// The module is read from the signature id (CEF Signature ID, LEEF
// EventID), as Trend Micro numbers them; an event whose product names a
// manager ("Deep Security Manager", "Workload Security Manager") is a
// system event whatever its id. LEEF's cat names the module of ids
// outside these ranges.
//
//	10, 200-299, 500-599, 1000000-1999999  intrusion_prevention (packet, URI and rule events)
//	20, 21, 100-199                         firewall (log-only rule, deny rule, packet rejections)
//	30, 2000000-2999999                     integrity_monitoring
//	40, 3000000-3999999                     log_inspection
//	4000000-4999999                         anti_malware
//	5000000-5999999                         web_reputation
//	6000000-6999999                         application_control
//	7000000-7999999                         device_control
//	anything else                           system
//
// # Mapping
//
//	header vendor/product/version   observer.vendor, observer.product, observer.version
//	signature id                    event.code; rule.id for every module but system and
//	                                web reputation (whose id names no rule)
//	name                            rule.name (same modules); trendmicro.deep_security.name;
//	                                message when the event has no msg; for anti-malware
//	                                also threat.software.name (type Malware)
//	severity (CEF 0-10 or Low...; LEEF sev)  event.severity
//	msg (LEEF desc when it differs from name)  message
//	act                             event.action, as written ("IDS:Reset" stays so);
//	                                an "IDS:" prefix (a detect-only policy: the action was
//	                                not taken) sets trendmicro.deep_security.detect_only
//	rt (LEEF devTime)               @timestamp: epoch ms or "MMM dd yyyy HH:mm:ss[.SSS] [GMT±hh:mm]"
//	cn1 labelled Host ID            host.id
//	dvchost                         host.name, host.hostname, observer.hostname (an IPv6
//	                                address goes to host.ip, observer.ip instead)
//	dvc                             host.ip, observer.ip
//	src, dst                        source.ip, destination.ip (source.address /
//	                                destination.address when not an address)
//	spt, dpt (LEEF srcPort, dstPort)  source.port, destination.port
//	smac, dmac (LEEF srcMAC, dstMAC)  source.mac, destination.mac, written as ECS
//	                                recommends: 00-0C-29-EB-35-DE
//	in, out                         source.bytes, destination.bytes (CEF: in counts bytes
//	                                from source to destination); network.bytes their sum
//	proto                           network.transport (lower case; icmpv6 -> ipv6-icmp),
//	                                network.iana_number; network.type from the addresses
//	suser, suid (LEEF usrName)      user.name, user.id; for a manager's sign-in event
//	                                user.name is target (the account signing in) and a
//	                                different suser goes to ...suser; "System" (the
//	                                manager acting by itself, no account) goes to
//	                                ...suser only, never user.name or related.user
//	duser                           destination.user.name ("(no user)" left out)
//	shost, dhost                    source.domain, destination.domain; a log
//	                                inspection event's shost is the host named in
//	                                the log entry it read (the protected host, not
//	                                the source): ...event_hostname
//	filePath                        file.path, file.name
//	fname                           log inspection: log.file.path (the log read, such as
//	                                /var/log/secure or the Windows "Security" log); a path
//	                                elsewhere (device control): file.path and file.name;
//	                                else file.name
//	fsize                           file.size
//	fileHash, cs2/cs3 labelled sha1/md5, TrendMicroDsFileMD5/SHA1/SHA256
//	                                file.hash.md5/sha1/sha256 (lower case; the length of
//	                                fileHash tells the algorithm)
//	sproc, processName              process.executable, process.name
//	request                         url.original
//	cs1 labelled LI Description     rule.description
//	cs1 labelled actionReason       event.reason (also web reputation's msg)
//	cs6 labelled Container          container.image.name, container.name, container.id
//	TrendMicroDsCve, IPS notes (cs1 DPI Note), CVE ids in an IPS rule's name
//	                                vulnerability.id
//	domainName (device control)     host.domain
//	xff, or X-Forwarded-For in the packet   network.forwarded_ip (first address), and the
//	                                list as written in trendmicro.deep_security.xff
//	syslog header                   log.syslog.priority, facility.*, severity.*, hostname,
//	                                appname, procid, msgid, version; its time is @timestamp
//	fluentd hostname                agent.name, agent.type "fluentd"; timestamp
//	                                event.created; tag trendmicro.deep_security.fluentd_tag
//	addresses, names, users         related.ip, related.hosts, related.user
//
// Vendor fields under trendmicro.deep_security: module, category (LEEF
// cat), name, severity (a severity that is no level), tenant_name,
// tenant_id, tags (TrendMicroDsTags, split on commas), count (cnt, long),
// ethernet_frame_type, tcp_flags, packet_fragmentation, icmp,
// ips_packet_position, ips_stream_position, ips_flags, ips_note,
// quarantine_file_size (long), malware_target, malware_target_type ("N/A"
// left out), threat_probability (TrendMicroDsDetectionConfidence, long),
// relevant_detection_names (split on ";"), result, aggregation_type,
// repeat_count (long), old_file_path, file_name, file_hash (a digest of
// no known length), target, target_id, target_type, suser, event_hostname,
// computer_name,
// device, device_type, device_vendor, device_model, device_serial
// (device control's removable device: ECS device.* describes the device
// the agent runs on), permission, protocol (one that is no known
// transport), prefix (text before CEF:/LEEF: that is no syslog header),
// detect_only (boolean), xff, packet_data and packet_text (wildcard, see
// below). Every other pair, custom values with a label not listed here
// (under their label), and values their field cannot hold (a port above
// 65535, a MAC of the wrong length) go to extensions, a flat_object, so
// that nothing is lost and the index mapping cannot grow; dots in its keys
// become underscores.
//
// # Packet data
//
// TrendMicroDsPacketData is base64. When it decodes to text (an HTTP
// request, typically) the text is kept in packet_text without its Cookie
// and Set-Cookie lines, which carry session secrets; its request line
// gives http.request.method, http.version, url.original (unless request
// set it), url.path and url.query, and its headers url.domain (Host),
// user_agent.original, http.request.referrer and X-Forwarded-For. The
// base64 is then dropped (it holds the cookies; event.original still has
// the record unless the pipeline omits it). A payload that is not text,
// or not base64, is kept as sent in packet_data.
//
// # Categorization
//
//	firewall               kind alert (event for a log-only rule, 20, that let the
//	                       packet through), category network, type connection + allowed/denied
//	intrusion_prevention   alert, intrusion_detection + network, info + allowed/denied
//	integrity_monitoring   alert, file (registry for HKEY_... paths), creation /
//	                       deletion / change from act
//	log_inspection         alert, host, info
//	anti_malware           alert, malware + file, info
//	web_reputation         alert, web + network, access + denied (allowed when the
//	                       action or a detect-only policy says the URL was let through)
//	application_control    alert, process, start + allowed/denied
//	device_control         alert, host, access
//	system                 event; a sign-in event (by name: signed in, signed out,
//	                       timed out, locked out, sign-in failed) is authentication
//	                       start/end with event.outcome
//
// "denied" is an action that denies, blocks, drops, rejects, resets,
// quarantines, deletes, cleans or terminates, unless detect-only.
//
// # Time
//
// @timestamp is rt when the event has it; else the syslog header's time;
// else when fluentd read the line; else the envelope's delivery time;
// else the run's time (Record.Ingested). A header time without a year
// (RFC 3164) takes the latest year that does not put it more than 31 days
// after a reference: the envelope's delivery time, else fluentd's
// timestamp, else the run's time. A time without a zone is UTC (Deep
// Security's syslog and rsyslog's default format carry none; set the
// sender to UTC).
//
// # Errors and exclusions
//
// A line that holds neither "CEF:" nor "LEEF:", a CEF or LEEF record
// whose header cannot be read, a CEF record from another vendor (a syslog
// stream shared with other devices), a fluentd line without a string
// "message", and an rt that cannot be read are dead-lettered with the
// reason. Nothing is excluded by this type (CloudWatch Logs control
// messages are, by the envelope).
//
// # Document id
//
// None of the record's own (Deep Security events carry no unique id): the
// envelope's event id for CloudWatch Logs messages, else the pipeline's
// content hash, so that re-reading an object overwrites its documents.
//
// # Where we differ from Elastic, on purpose
//
//   - suser/suid are user.name/user.id (the user who acted), not
//     source.user.*: these events have no network source they belong to.
//   - MAC addresses are written as ECS recommends; Elastic's CEF decoder
//     writes lower case with colons.
//   - A log inspection event's fname is log.file.path, not file.name, and
//     its shost (the host that wrote the log entry) is event_hostname, not
//     source.domain beside a source.ip it does not name.
//   - "(no user)" and "N/A" placeholders are left out.
//   - event.action is act as written; Elastic's Trend Micro pipeline
//     lower-cases it and joins words with hyphens ("ids:reset").
//   - The packet is decoded (Elastic keeps the base64), without cookies.
//
// # Where we differ from the reference system (sf_deepsecurity)
//
//   - Malformed input is dead-lettered with its reason; the reference's
//     script returns None and crashes the loader. Its sample configuration
//     uses wrong option names (format, index), so as written the type was
//     never loaded; here it is built in.
//   - agent.name is the fluentd host, not vendor+product+version (those
//     are observer.*); the reference's server.name for it is no ECS field
//     for a shipper.
//   - rule.name is the event's name, rule.id its signature id, not one
//     field joining both; cs1 is read by its label (an IPS note, a log
//     inspection description, an application control reason) instead of
//     always being rule.category; rule.ruleset names the module.
//   - "IDS:Reset" is kept as written with detect_only set, instead of
//     being rewritten to "DetectOnly:NotReset".
//   - X-Forwarded-For goes to network.forwarded_ip and does not overwrite
//     source.ip, the address the packet came from; IPv6 is read
//     everywhere.
//   - msg is message; event.original stays the raw record.
//   - Tenant fields are kept (the reference deletes them): in a
//     multi-tenant manager they tell whose event it is.
//   - event.count is no ECS field: cnt is trendmicro.deep_security.count.
//
// The reference system's index for this type is log-deepsecurity.
package deepsecurity
