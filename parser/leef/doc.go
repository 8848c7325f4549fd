// Package leef parses IBM QRadar Log Event Extended Format records, LEEF 1.0
// and 2.0:
//
//	[syslog header ]LEEF:1.0|Vendor|Product|Version|EventID|key=value<tab>key=value...
//	[syslog header ]LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|key=value<Delimiter>key=value...
//
// Parse reads one record (a line, already framed by a parser.Reader) into
// a Record: the text before "LEEF:" as Prefix, for a syslog parser to
// read; the header fields; the delimiter; and the attributes as
// Attributes, in their order. It is the sibling of package cef and works
// the same way.
//
// # Syntax
//
// The record starts at the first "LEEF:"; the version must be 1 or 2,
// optionally followed by a dot and digits ("1.0", "2.0"). Header fields end
// at pipes; as in CEF headers, \| is a pipe and \\ a backslash.
//
// In LEEF 1.0, attributes are separated by tabs. In LEEF 2.0, the field
// after the event ID names the delimiter: one character ("^", "¦", " "),
// or x or 0x followed by 1 to 4 hex digits giving its Unicode code point
// ("x09", "0x5E", "xA6"), or nothing for a tab. The field is optional:
// producers such as Deep Security go straight from the event ID to the
// attributes, so when the text up to the next pipe holds an '=', it is
// read as the first attribute and the delimiter is a tab.
//
// An attribute is a key, an '=' and a value. The value is everything up to
// the next delimiter, as written: LEEF has no escapes, so spaces,
// backslashes, pipes and further '=' are part of it.
//
// # Results
//
// Header fields, keys and values alias the input, with their capacity cut
// to their length; header fields that held escapes, and Delimiter, live
// in a buffer the Record keeps from one Parse to the next. Parsing into a
// reused Record allocates nothing once its storage has grown to the
// largest record. Attribute.Offset is the position of the key in the
// input.
//
// Record.Get and Record.Lookup find an attribute by its key. Keys,
// LookupKey and Attribute.Predefined give the attributes LEEF predefines,
// with the type of value IBM's table gives them:
//
//   - the event: cat, devTime with devTimeFormat, proto, sev (1 to 10);
//   - addresses and ports: src, dst, srcPort, dstPort, srcPreNAT,
//     dstPreNAT, srcPostNAT, dstPostNAT and their ports (srcPreNATPort...),
//     srcMAC, dstMAC;
//   - counts: srcBytes, dstBytes, srcPackets, dstPackets, totalPackets;
//   - identity: usrName, accountName, role, realm, identSrc,
//     identHostName, identNetBios, identGrpName, identMAC, identSecondlp,
//     vSrc, vSrcName, isLoginEvent, isLogoutEvent;
//   - other: policy, resource, url, groupID, domain.
//
// Record.SeverityLevel reads sev. Record.DevTime returns devTime with the
// devTimeFormat that says how to read it (a Java SimpleDateFormat
// pattern); when there is none, producers send epoch milliseconds or
// "MMM dd yyyy HH:mm:ss". Reading times, addresses and numbers is the
// normalizer's job. Record.ByLabel and Record.Label follow the CEF
// convention many LEEF producers keep (cn1 labelled by cn1Label).
//
// # Errors
//
// A record that cannot be read gives a *SyntaxError with the byte offset of
// the problem in the input and what was expected, for example
// `offset 17: LEEF 2.0 delimiter "^^" is neither one character nor a hex
// code such as x09 or 0x5E`. The header fields read before the problem
// stay in the Record.
//
// # Deliberate choices
//
//   - Values are verbatim, blanks included; only blanks around keys, and
//     a line terminator (CR, LF) at the end of the record, are dropped.
//   - A segment between delimiters that has no key before an '=' (text
//     with a tab a producer did not remove) continues the previous value,
//     which then holds the delimiter; segments of blanks (two delimiters
//     in a row, a trailing delimiter) are skipped. Before the first
//     attribute, such a segment is an error.
//   - A record that ends after the event ID, without the pipe, has no
//     attributes.
//   - Strict where guessing would mislabel data: no "LEEF:", a version
//     other than 1 or 2, fewer than five header fields, an event ID that
//     runs into key=value pairs, a 2.0 delimiter field that is neither a
//     character nor a hex code, or '=' as delimiter is an error, and the
//     record should be dead-lettered.
//   - Hex delimiters name Unicode code points written in UTF-8, as QRadar
//     reads them; a record in another encoding with a delimiter above
//     x7F does not split.
//   - LEEF 1.0 records always split on tabs: a producer that separates
//     1.0 attributes with spaces or a caret yields a single attribute.
//   - A key that occurs twice is kept twice; Get returns the last.
//
// # Limits
//
// The cost of Parse and of every lookup grows linearly with the record,
// whatever it holds (see linear_test.go). Keys are compared exactly;
// predefined keys are not otherwise special to the parser.
package leef
