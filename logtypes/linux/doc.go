// Package linux reads the logs a Linux host's syslog daemon writes, as two
// log types that share one reader and one normalizer:
//
//   - linux-secure (Secure): the authentication log, /var/log/secure on
//     the Red Hat family and /var/log/auth.log on the Debian family;
//     event.dataset system.auth.
//   - linux-syslog (Syslog): the system log, /var/log/messages and
//     /var/log/syslog; event.dataset system.syslog.
//
// The datasets are those of Elastic's system integration. Both types keep
// their vendor fields under the namespace system (system.auth.*,
// system.cron.*), which is no ECS field set; they share it because the
// system log holds authentication lines too (see "Authentication lines in
// the system log").
//
// # How objects arrive
//
//   - Through the CloudWatch agent, a CloudWatch Logs subscription and
//     Firehose to S3 (the reference system's way): objects of CloudWatch
//     Logs payloads, read through envelope.CloudWatchLogs. Each log event's
//     message is one record; the envelope maps the log group, stream,
//     filters, account (cloud.account.id, cloud.provider aws), the event's
//     id (event.id, and the document id) and its time (event.created).
//   - As plain files of lines, compressed or not (a host's rotated files
//     copied to S3, or local files). A line that starts with a space or a
//     tab continues the record before it (macOS and some programs write
//     multi-line messages so; rsyslog escapes the newline instead, as
//     #012). Records are at most parser.DefaultMaxLineBytes long.
//
// # Key patterns
//
// The reference system's patterns overlap: its linux-os-syslog pattern
// /[Ll]inux/ matches every key its linux-secure pattern /[Ll]inux.*[Ss]ecure
// matches, and it relied on trying linux-secure first. The registry here
// refuses overlapping types and detection never picks between two
// matching ones, so the patterns are made exclusive:
//
//   - linux-secure keeps the reference's /[Ll]inux.*[Ss]ecure and adds a
//     file named auth.log under a /linux/ folder:
//     /[Ll]inux.*[Ss]ecure|/[Ll]inux/(?:[^/]*/)*auth\.log
//   - linux-syslog is /[Ll]inux/ followed by a path segment that is or
//     starts with System, Messages, Syslog or OS (any usual case), then /,
//     ., _, - or the end: the folder of the reference's exporter
//     (AWSLogs/<account>/EC2/Linux/System/<region>/) and the file names
//     messages* and syslog*; and Ubuntu's kern.log and ufw.log under
//     /linux/ (kernel and netfilter lines, read as below).
//   - Both also take the files where the host writes them:
//     var/log/secure and var/log/auth.log for linux-secure,
//     var/log/messages, var/log/syslog, var/log/kern.log and
//     var/log/ufw.log for linux-syslog, each with an optional rotation
//     suffix (".1", ".2.gz", "-20261127").
//
// Other keys under /linux/ (a cron or a journal folder, say) are no
// longer taken as the system log: they are reported as of no known type,
// and can be read with Pipeline.ProcessAs or a narrower pattern of the
// user's own. A key that both patterns match (a /Linux/System/ folder
// holding a file whose name says "secure") is reported as ambiguous, not
// guessed.
//
// # The syslog line
//
// Each record is parsed by package parser/syslog: RFC 5424, RFC 3164
// with or without a priority, and the file layouts of syslog daemons
// (traditional "Nov 27 10:00:00", rsyslog's high-precision ISO 8601
// timestamps, journalctl's short-iso). A record that is none of them is
// dead-lettered with the parser's reason ("not a syslog line: offset 0:
// expected ..."), its raw text kept.
//
//   - @timestamp: the line's time, in UTC, with the line's precision. A
//     line without an offset (every traditional line) is read in UTC, or
//     in the zone given to SecureIn or SyslogIn for hosts that log in
//     local time (event.timezone then holds the zone's name; logging in
//     UTC or with offsets, as rsyslog's RSYSLOG_FileFormat does, is
//     better still). A line without a year (the
//     traditional layout) gets the latest year that does not put it more
//     than 31 days after the reference time, which is the CloudWatch Logs
//     event's time when the record came in an envelope, else the midnight
//     after the date of logrotate's suffix when the file's name ends in
//     one (secure-20261127.gz: every line was written before the file was
//     rotated that day), else the run's ingest time (Record.Ingested):
//     "Dec 31" read on 2 January is last year's, "Jan 20" read on 2
//     January this year's, and a backlog of CloudWatch Logs payloads or of
//     rotated files keeps its year whenever it is read. An RFC 5424 line
//     with the nil time "-" gets the reference time.
//   - host.hostname and host.name: the line's host name (Elastic sets
//     host.name from the agent; without an agent the line's name is the
//     best there is); related.hosts holds it.
//   - process.name: the tag (APP-NAME); process.pid: the pid in brackets
//     (PROCID) when it is a number, else log.syslog.procid (RFC 5424's
//     PROCID may be any word; "-" is left out).
//   - log.syslog.priority, facility.code/name and severity.code/name when
//     the line has a priority; log.syslog.version, msgid and
//     structured_data (an object of objects, SD-ID to parameter to
//     unescaped value, the last of a repeated element or parameter kept)
//     for RFC 5424.
//   - message: the message, as written, on every document.
//   - event.kind: event.
//   - cloud.instance.id: an EC2 instance id ("i-" and 8 or 17 hex digits,
//     standing alone) in the CloudWatch Logs stream name, which the
//     CloudWatch agent names {instance_id} by default, as the reference
//     system reads it; it is added to related.hosts, as there.
//   - cloud.region (and, for a plain file, cloud.account.id and
//     cloud.provider aws): from a key under AWSLogs/<account>/ holding a
//     region segment (AWSLogs/<account>/EC2/Linux/Secure/<region>/...).
//     Nothing under cloud.* is set for a plain file elsewhere: it need not
//     come from AWS.
//
// # Messages read
//
// The message is read according to the program (process.name); a
// message no rule knows is still a document with the fields above, never
// a dead letter. event.action names what happened; event.category,
// event.type and event.outcome use ECS's allowed values. User names go
// to related.user, addresses to related.ip (IPv4 and IPv6 alike,
// IPv4-mapped addresses unmapped, zones dropped), peer host names to
// related.hosts. rsyslog's "message repeated N times: [ ... ]" is read as
// the message it repeats.
//
// sshd (and sshd-session, sshd-auth of OpenSSH 9.8 and later):
//
//	Accepted METHOD for USER from ADDR port P ssh2[: SIG]  ssh_login          authentication, session / start / success
//	Failed METHOD for [invalid user ]USER from ...        ssh_login          authentication / info / failure
//	Invalid user USER from ADDR[ port P]                   ssh_login          authentication / info / failure
//	error: maximum authentication attempts exceeded ...    ssh_max_auth_attempts  authentication / info / failure
//	error: PAM: ... for [illegal user ]USER from HOST      ssh_login          authentication / info / failure
//	User USER from ADDR not allowed because REASON         ssh_login          authentication / info / failure
//	PAM N more authentication failures; ... rhost=H user=U authentication_failure  authentication / info / failure
//	Connection from ADDR port P on ADDR port P             ssh_connection     network / connection, start (destination.* too)
//	Connection closed by [.. user U ]ADDR port P           ssh_connection_closed   network / connection, end
//	Connection reset by [.. user U ]ADDR port P            ssh_connection_reset    network / connection, end
//	Disconnected from user U ADDR port P                   ssh_disconnected   session / end
//	Disconnected from [authenticating|invalid user U ]ADDR ssh_disconnected   network / connection, end
//	Disconnecting [.. user U ]ADDR port P: REASON          ssh_disconnecting  network / connection, end
//	Received disconnect from ADDR port P:N: REASON         ssh_disconnect_received  network / connection, end
//	Did not receive identification string from ADDR        ssh_no_identification  network / connection / failure
//	Unable to negotiate with ADDR port P: ...              ssh_negotiation_failed network / connection / failure
//	reverse mapping checking getaddrinfo for HOST [ADDR]   ssh_reverse_mapping_failed  network / info
//	any other message naming "from ADDR[ port P]"          source.ip, source.port only
//
// The peer is source.address, and source.ip or, when sshd logged a name
// (UseDNS yes), source.domain; source.port when given. The method,
// "Accepted"/"Failed"/"Invalid" and the key's signature are
// system.auth.ssh.method, event and signature; the address of
// "Did not receive identification string" is also
// system.auth.ssh.dropped_ip, as Elastic has it.
//
// pam_unix and other PAM modules (pam_sss, pam_faillock...), for any
// program (sshd, sudo, su, login, cron, systemd-user):
//
//	session opened for user U[(uid=N)] by [B](uid=M)  logged-on   session / start / success
//	session closed for user U                         logged-off  session / end / success
//	authentication failure; ... ruser=R rhost=H user=U  authentication_failure  authentication / info / failure
//	password changed for U                            password_changed  iam / user, change / success
//	check pass; user unknown                          authentication_failure
//	auth could not identify password for [U]          authentication_failure  (sudo -n, no terminal)
//	Consecutive login failures for user U account ... account_locked  authentication / info / failure (pam_faillock)
//
// When the session is opened by a named user B (sudo, su), user.name and
// user.id are B's and user.effective.name and id are U's, as Elastic
// does; otherwise user.name is U. In an authentication failure, a remote
// or login user other than U is user.name and U user.effective.name;
// rhost is the source.
//
// sudo: "USER : [ERROR ; ]TTY=T ; PWD=D ; USER=U [; GROUP=G] [; ENV=..]
// ; COMMAND=C" is sudo_command, process / start / success, or, when sudo
// names an error ("user NOT in sudoers", "3 incorrect password attempts",
// "command not allowed"), process / denied / failure with the error in
// system.auth.sudo.error. user.name is the invoking user,
// user.effective.name U, user.effective.group.name G,
// process.working_directory D; system.auth.sudo.tty, pwd, user, group,
// env, tsid and command keep Elastic's fields. The command goes to
// system.auth.sudo.command (wildcard), not process.command_line: the
// process of the event (process.name, process.pid) is sudo itself, whose
// command line it is not. Everything after "COMMAND=" is the command,
// semicolons included.
//
// su: "(to U) B on TTY", "FAILED SU (to U) B on TTY" (util-linux),
// "Successful su for U by B", "FAILED su for U by B", "+ TTY B:U",
// "- TTY B:U" (shadow-utils): action su, authentication, session / start
// / success or authentication / info / failure; user.name B,
// user.effective.name U.
//
// shadow-utils (useradd, userdel, usermod, groupadd, groupdel, groupmod,
// passwd, chpasswd, gpasswd, chage): iam events with outcome success:
// group_created ("new group: name=G, GID=N", "group added to FILE: ..."),
// user_created ("new user: name=U, UID=N, GID=M, home=H, shell=S[,
// from=T]"), user_added_to_group and user_removed_from_group ("add 'U' to
// [shadow ]group 'G'", "delete 'U' from ...", gpasswd's "user U added by
// A to group G"), user_deleted ("delete user 'U'"), group_deleted
// ("removed [shadow ]group 'G' owned by 'U'", "group 'G' removed[ from
// FILE]"), password_changed ("change user 'U' password", "password for
// 'U' changed by 'A'"), user_changed (other "change user", "lock user",
// "unlock user" lines; "change user name 'A' to 'B'" sets
// user.changes.name), group_changed. The user acted upon is
// user.target.name and id, its primary group user.target.group.id; the
// acting user, when the line names one, user.name; the group acted upon
// group.name and group.id. Home, shell and from of useradd are
// system.auth.useradd.home, shell and from.
//
// systemd-logind: "New session S of user U." (or, in newer releases,
// "New session 'S' of user 'U' with class 'C' and type 'T'.")
// session_created, session / start; "Removed session S." session_removed
// and "Session S logged out." session_logged_out, session / end; the
// session's id, without quotes, is system.auth.session_id.
//
// cron (CRON, CROND, cron, crond): "(U) CMD (C)" cron_command, process /
// start; "(U) CMDEND (C)" cron_command_end, process / end; user.name U and
// system.cron.command C (wildcard).
//
// kernel, a packet netfilter's LOG target logged (ufw, firewalld,
// iptables, nftables): "[PREFIX] IN=I OUT=O MAC=M SRC=A DST=B ... PROTO=P
// SPT=S DPT=D ...", the kernel's uptime stamp before it or not.
// source.ip, port and mac, destination.ip, port and mac (from the Ethernet
// header MAC= holds), network.transport (tcp, udp, icmp, ipv6-icmp,
// sctp...), network.iana_number, network.type, network.community_id,
// observer.ingress.interface.name I and observer.egress.interface.name O,
// network.direction ingress (in on I, out on none) or egress (the
// reverse; a forwarded packet has none); rule.name the prefix, which
// also says what the rule did: firewall_blocked (BLOCK, DROP, REJECT or
// DENY in it), network / connection, denied; firewall_allowed (ALLOW,
// ACCEPT), connection, allowed; else firewall_logged, connection. A line
// whose SRC or DST is no address is left as any other kernel message.
//
// # Vendor fields
//
// Under system (declared in the VendorSchema when not a keyword):
// auth.ssh.event, method, signature, dropped_ip (ip); auth.sudo.command
// (wildcard), tty, pwd, user, group, env, tsid, error;
// auth.useradd.home, shell, from; auth.session_id; cron.command
// (wildcard).
//
// # Dead letters, exclusions, document id
//
// A record that is not a syslog line is dead-lettered with the reason;
// so is an RFC 5424 line with the nil time when no reference time exists
// (never the case in the pipeline, which sets Record.Ingested). Nothing
// is excluded by this package; the CloudWatch Logs envelope excludes its
// control messages (rule cloudwatch-logs-control-message). The document
// id is the CloudWatch Logs event id for records that came in a payload,
// else the pipeline's content hash (a syslog line has no id of its own).
//
// # Authentication lines in the system log, and index names
//
// The reference system indexes linux-secure into log-linux-secure and
// linux-os-syslog into log-linux-os, and its syslog script sends the
// sshd, sudo and su lines of the system log to log-linux-secure. Here
// linux-syslog reads those lines exactly as linux-secure does (same
// fields, same event.category authentication, session, iam or process),
// so that a query over both indices (log-linux-*) on event.category or
// event.action finds them whichever file they were written to, and
// routes them as the reference system does (Info.Routes, route
// linux-secure): the OpenSearch sink writes them to log-linux-secure
// beside the secure log's own lines. Their event.dataset stays
// system.syslog, which tells where they came from.
//
// # Where we differ from Elastic, on purpose
//
//   - message is kept on every document; Elastic's system.auth pipeline
//     removes it once parsed.
//   - A line without a year gets its year from the delivery time, the
//     file's rotation date or the ingest time, not from the clock of the
//     machine that runs the pipeline. (The zone of lines without an offset
//     is UTC unless given, as Elastic's is the agent's unless configured.)
//   - @timestamp keeps the line's precision (microseconds from rsyslog);
//     Elastic keeps milliseconds.
//   - An accepted SSH login is event.type start (a session begins),
//     Elastic's info; sudo, pam_unix sessions, shadow-utils, systemd-logind
//     and cron lines get an action, type and outcome where Elastic sets
//     none or few; "Did not receive identification string" is a network
//     connection that failed and sshd's "error: PAM: ... for illegal user"
//     an authentication failure, which Elastic leaves uncategorised (it
//     also captures a cut text as system.auth.ssh.event there, which we
//     leave out).
//   - The user useradd creates is user.target.* (with its primary group
//     as user.target.group.id), as ECS places the user an IAM event acts
//     on; Elastic writes user.name, user.id and group.id.
//   - source.address is set with every peer; related.hosts also holds a
//     peer host name.
//   - Packets netfilter logged are read (see kernel above); Elastic's
//     system.syslog leaves them to its iptables integration.
//   - macOS launchd lines ("com.apple.xpc.launchd[1] (service): text")
//     have process.name com.apple.xpc.launchd and pid 1, as package
//     parser/syslog reads them; Elastic's name is the whole
//     "com.apple.xpc.launchd[1] (service)".
//
// # Where we differ from the reference system
//
//   - Its patterns overlap; ours are exclusive (see Key patterns).
//   - Its sshd regexes match IPv4 only; ours read IPv6, IPv4-mapped IPv6
//     and host names alike, and a port only where sshd writes "port".
//   - Its event.action for sudo is the command itself and its outcome for
//     sudo is always success; ours is sudo_command with the command in
//     system.auth.sudo.command and failure when sudo refused.
//   - It loses event.module secure for sudo lines (its quirk 12); here
//     event.module is system for both types, from the dataset.
//   - A timestamp it cannot parse fails its whole object; here the one
//     record is dead-lettered.
//   - Its year rule uses the function's start time; ours the delivery or
//     ingest time, with 31 days of tolerance for clocks ahead.
package linux
