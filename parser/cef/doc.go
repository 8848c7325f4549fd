// Package cef parses ArcSight Common Event Format records:
//
//	[syslog header ]CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension
//
// Parse reads one record (a line, already framed by a parser.Reader) into
// a Record: the text before "CEF:" as Prefix, for a syslog parser to read;
// the seven header fields; and the extension's key=value pairs as Fields,
// in their order.
//
// # Syntax
//
// The record starts at the first "CEF:"; the version that follows must be
// a number ("0", "1", "1.2"). Header fields end at pipes; in them \| is a
// pipe and \\ a backslash. In the extension, \= is an equals sign, \\ a
// backslash, \n a line feed and \r a carriage return, and pipes are plain
// text. A value may hold spaces: it runs to the next unescaped '=' whose key
// follows a space, and the spaces before that key separate the pairs. Keys
// are letters, digits and _ . - [ ], starting with a letter, a digit or _,
// which takes in the custom keys vendors add (FTNTFGTlogid,
// TrendMicroDsTenant, ad.name[0]). An empty value (dpt=) is a value.
//
// # Results
//
// Header fields and values alias the input, with their capacity cut to
// their length, unless they hold escapes: those are unescaped into a
// buffer the Record keeps from one Parse to the next. Parsing into a
// reused Record allocates nothing once its storage has grown to the
// largest record. Field.Raw is the value as written, and
// Field.Offset the position of its key in the input.
//
// # The extension dictionary
//
// Keys, LookupKey and Field.Standard give the dictionary of the CEF
// specification (revision 25): each standard key with its short form and
// full name (src / sourceAddress, cs1 / deviceCustomString1, rt /
// deviceReceiptTime, fname / filename, ...), plus catdt /
// categoryDeviceType, which ArcSight connectors write although the
// specification's table omits it. Record.Get and Record.Lookup find a
// field by either form of its key. Record.ByLabel resolves the custom
// pairs: with cn1=12 cn1Label=Host ID, ByLabel("Host ID") is the cn1 field,
// and Record.Label("cn1") is "Host ID". The dictionary holds names only:
// turning values into numbers, addresses or times (rt is epoch
// milliseconds or "MMM dd yyyy HH:mm:ss") is the normalizer's job.
//
// Record.SeverityLevel reads the severity: 0 to 10 as such, the words Low,
// Medium, High and Very-High (in any case) as 0, 4, 7 and 9, the lowest
// level of each word's band, as Elastic's decoder maps them; Unknown and
// anything else give no level.
//
// # Errors
//
// A record that cannot be read gives a *SyntaxError with the byte offset of
// the problem in the input and what was expected, for example
// "offset 15: CEF header has 5 of its 7 pipe-separated fields". The
// fields read before the problem stay in the Record.
//
// # Deliberate choices
//
//   - Lenient where producers commonly stray and the meaning is clear: a
//     backslash before any other byte is kept with that byte (unescaped
//     Windows paths, \| and \/ in values); an '=' that does not end a key
//     is part of the value (URLs, JSON); a record that ends after the
//     severity without the seventh pipe has an empty extension.
//   - Strict where guessing would mislabel data: no "CEF:", a version
//     that is not a number, fewer than seven header fields, a severity
//     that runs into key=value pairs, or an extension that does not start
//     with a key is an error, and the record should be dead-lettered.
//   - Blanks (spaces, tabs) around values are not part of them, nor are
//     trailing blanks and line terminators of the record: CEF has no
//     escape for them, so a value could not be written back with them.
//     Header fields are kept as written.
//   - A key that occurs twice is kept twice in Fields; Get returns the
//     last, as a decoder storing the pairs in a map would.
//   - Keys are case-sensitive. A few spellings found in published tables
//     and in producers' output are accepted for dictionary keys
//     (C6a4Label, fileName, DevicePayloadId, DeviceOutboundInterface,
//     Reason).
//   - Labels are compared exactly; when several fields carry the same
//     label, the last one counts.
//
// # Limits
//
// The cost of Parse and of every lookup grows linearly with the record,
// whatever it holds (see linear_test.go). A record longer than the
// framing's line limit never reaches Parse. Values are not checked against
// the types and lengths of the specification.
package cef
