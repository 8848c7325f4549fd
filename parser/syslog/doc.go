// Package syslog parses one syslog line into its header fields and
// message: RFC 5424, RFC 3164 as sent on the wire, and the layouts syslog
// daemons write to files such as /var/log/secure, /var/log/messages and
// auth.log.
//
// Parse is a value parser: it is given one line (framing, such as
// parser.NewLineReader or a multi-line grouping of macOS continuation
// lines, is the caller's) and returns a Message whose fields alias the
// line. Parsing a line allocates nothing; the structured data is
// validated while parsing and ranged over lazily, and its values are
// unescaped only when asked, into a buffer the caller gives.
//
// # Layouts
//
// Detection follows the order of Elastic's alternatives: "<PRI>1 " is
// RFC 5424; any other "<PRI>" is followed by an RFC 3164 timestamp; a line
// without a priority starts with an RFC 3164 timestamp. The RFC 3164
// timestamps accepted are:
//
//	Feb  5 21:54:44                    traditional; day padded with a space, a zero or not at all
//	Feb 21 21:54:44.123                with fractional seconds (some network devices)
//	2026-11-27T10:00:00.123456+01:00   rsyslog RSYSLOG_FileFormat, journalctl -o short-iso(-precise)
//	2026-11-27T10:00:00+0100           an offset without a colon (journalctl)
//	2026-11-27T10:00:00.912134         no offset: read in Options.Location
//
// Month names are matched in any case. ISO timestamps take 1 to 9
// fractional digits (more are read and dropped) and "Z", "±hh:mm" or
// "±hhmm". RFC 5424 timestamps are the same with the offset required, or
// the nil value "-".
//
// After an RFC 3164 timestamp only the timestamp is mandatory, since
// producers leave parts out:
//   - the first word is the host name, except when it is already a
//     complete tag ("sshd[42]:", "kernel:"), which means the host was left
//     out, or when it has no letter or digit ("--- last message repeated 1
//     time ---", which macOS writes without a host);
//   - the tag is a word followed by ": " or by "[PID]" and ":" (then the
//     space is optional). After a host name, two more forms are accepted:
//     "TAG[PID] " without the colon (macOS launchd writes
//     "com.apple.xpc.launchd[1] (service): text") and a tag holding
//     spaces when "[digits]:" ends it within 48 bytes ("Google
//     Chrome[85294]:", "Slack Helper[55199]:");
//   - what cannot be a host or a tag is the message, so a line without a
//     tag still parses, with AppName nil.
//
// Elastic's grok patterns take the launchd line's whole
// "com.apple.xpc.launchd[1] (service)" as the process name with no pid;
// this package gives AppName "com.apple.xpc.launchd", ProcID "1" and the
// rest as the message, on purpose.
//
// RFC 5424 is read as the RFC's ABNF gives it, with these choices: the
// length limits of HOSTNAME (255), APP-NAME (48), PROCID (128), MSGID (32),
// SD-ID and PARAM-NAME (32) are not enforced; PARAM-VALUE is not checked to
// be UTF-8; a duplicate SD-ID is kept. Parameters are separated by exactly
// one space, as the ABNF says. A byte order mark at the start of MSG is
// removed from Msg. Only version 1 exists and only version 1 is read.
//
// # Year inference
//
// An RFC 3164 timestamp has no year. Parse gives it the latest year that
// does not put it more than Options.MaxFuture (31 days by default) after
// Options.Reference: "Dec 31 23:59:59" read with a reference of 1 January
// 2027 is in 2026, "Jan 1 00:00:10" read with a reference of 31 December
// 2026 23:59 is in 2027. The window absorbs clock skew and senders whose
// local time runs ahead of the zone they are read in; since candidates are
// a year apart, the year chosen is also the closest to the reference
// among those not too far after it. A "Feb 29" goes back to the latest
// leap year that fits. The reference should be the time the line was
// delivered or its file was last written (the envelope's or the object's
// time), never the time of processing, which would put a backlog read in
// January into the wrong year; when it is zero the time of the call is
// used. Message.HasYear tells inferred years apart.
//
// # Time zones
//
// A timestamp without an offset (every traditional RFC 3164 timestamp) is
// read in Options.Location, UTC by default; Message.HasZone reports
// whether the line had its own offset. A written offset is kept as the
// Timestamp's fixed zone, without allocating for offsets that are whole
// quarter hours.
//
// # Errors
//
// A line that is not syslog gives an *Error with the byte offset where
// reading stopped and what was expected there, such as
//
//	offset 4: expected a month name such as "Nov"
//
// Parse never panics, whatever the input (it is fuzzed), and runs in time
// linear in the line's length.
//
// # Not covered
//
//   - octet-counted framing (RFC 6587) and the RELP and TLS transports;
//   - a priority followed by the message with no timestamp ("<13>text",
//     which RFC 3164 lets a relay pass on): an error;
//   - journalctl's "short-full" layout and timestamps with a space
//     between date and time: errors;
//   - RFC 3164 timestamps with a year ("Mar  1 2026 18:46:11", an error)
//     or a zone name ("18:46:11 UTC:", where "UTC" is read as the tag),
//     as some network devices write them;
//   - interpreting the message itself: sshd's, sudo's and other
//     programs' texts are the log type's work (package kv reads their
//     key=value parts).
package syslog
