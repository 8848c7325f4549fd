// Package winevent reads Windows events in the XML the Event Log renders:
//
//	<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
//	  <System>...</System>
//	  <EventData><Data Name="TargetUserName">alice</Data>...</EventData>
//	  <RenderingInfo Culture="en-US">...</RenderingInfo>
//	</Event>
//
// They arrive one per CloudWatch Logs message (the CloudWatch agent),
// several per payload (FSx for Windows File Server audit logs delivered by
// Firehose), or as a wevtutil export <Events><Event>...</Event>...</Events>.
// Parse reads one event; a Reader frames a stream of them into records, a
// parser.Reader like the other framings.
//
// # What is read
//
// System: Provider (Name, Guid, EventSourceName), EventID and its
// Qualifiers, Version, Level, Task, Opcode, Keywords (kept as the hex
// string), TimeCreated SystemTime, EventRecordID, Correlation, Execution
// ProcessID and ThreadID, Channel, Computer and Security UserID. The
// numbers are typed, and System.Present tells which were in the XML, since
// 0 is meaningful for most. EventData: the <Data> items in order, named or
// not (a classic provider's items have no Name and are known by their
// index), and <Binary>. UserData, whose shape is the provider's own (1102
// puts its Subject there): flattened into ordered (path, value) pairs such
// as LogFileCleared.SubjectUserName. RenderingInfo: the message and the
// names of the level, task, opcode, channel, provider and keywords, in the
// rendering machine's language.
//
// Not read: other children of <Event> (ProcessingErrorData, DebugData),
// elements other than <Data> and <Binary> in EventData, and the Execution
// attributes other than ProcessID and ThreadID. When the same System
// element appears twice, the last one counts. The raw XML, kept as
// event.original, has everything.
//
// # Deliberate choices
//
//   - What is well-formed is what encoding/xml says (its RawToken, with
//     end tags matched here), so only well-formed XML 1.0 in UTF-8 is
//     read: an undefined entity, a character XML forbids, or invalid UTF-8
//     is an error. A byte scanner reads the XML Windows writes as
//     encoding/xml would, several times faster; on anything else (a
//     processing instruction inside the event, a non-ASCII name) and on
//     every error it gives up and encoding/xml reads the event again, so
//     that every outcome, errors included, is encoding/xml's (FuzzScanner
//     compares the two). Element and attribute names are matched by local
//     name, so a namespace prefix or a missing xmlns does not matter.
//   - Values are as XML defines them: entities and character references
//     decoded, CDATA sections taken as text, and line ends ("\r\n") turned
//     into "\n". Data, UserData and RenderingInfo values are not trimmed
//     (an FSx AccessList ends with a line feed and tabs); the System
//     strings and numbers are.
//   - An empty System number (<Opcode/>) is absent; one that is not a
//     decimal number in range is an error, since Windows never writes one.
//     A TimeCreated that is not a valid time is not an error: TimeCreated
//     is then zero and SystemTime keeps the text (AWS documents an FSx
//     sample with "2021-0603T..."), so that the log type chooses between a
//     fallback time and the dead-letter queue. Accepted times are RFC 3339
//     with 0 to 9 fraction digits (Windows writes 7), with or without a
//     zone; without one they are UTC, as SystemTime always is.
//   - A document type declaration is an error, before the event or in it:
//     encoding/xml never expands entities, and Windows never writes one.
//     The XML declaration is skipped, not read: its encoding is ignored.
//   - UTF-16 text (as PowerShell's ">" saves wevtutil output) is not
//     converted: Parse and the Reader fail with ErrUTF16, which says how
//     to convert it.
//
// # Framing and recovery
//
// A Reader finds events without parsing them: an event starts at "<Event"
// followed by a space, '>' or '/' and ends after the next "</Event>",
// skipping comments, CDATA sections and processing instructions inside it
// whole. In well-formed XML a '<' always starts markup and no tag holds
// another '<', so this finds the end of every well-formed event, without
// the cost of tracking every tag. Each event found is then parsed (unless
// Options.FrameOnly), and one that does not parse is reported as a
// *parser.RecordError with Parse's reason, its position and its bytes.
//
// What is recoverable, each as one *parser.RecordError after which reading
// goes on:
//
//   - malformed XML inside an event that still ends with "</Event>" (a
//     mismatched or stray tag, "< /Data>", a bad entity, a bad number):
//     the event alone is lost;
//   - an event cut off and followed by the next one ("<Event" inside an
//     event, which Windows never writes): the cut event is reported up to
//     the next "<Event", which is read as usual;
//   - an event longer than Options.MaxEventBytes: reported with its first
//     MaxEventBytes bytes (RecordError.Size has its length);
//   - bytes between events that are neither whitespace, a byte order mark,
//     a comment, a processing instruction nor an <Events> or </Events> tag:
//     reported up to the next "<Event" (or the end of the stream);
//   - an event, comment or processing instruction still open at the end of
//     the stream, or cut by a read error (which is then returned itself).
//
// Not recoverable: a cut inside a comment or CDATA section in an event
// swallows everything up to the next "-->" or "]]>"; an unclosed quote in
// an <Event> start tag runs to the next quote or '<'; an <Event> element
// nested in UserData (which no Windows provider writes) is taken for a cut;
// and an event named with a prefix (<e:Event>) is not found by the Reader,
// only by Parse. The balance of <Events> and </Events> is not checked: no
// event is lost when a wevtutil export is cut between events.
//
// # Limits and cost
//
// Options bound one event's bytes (DefaultMaxEventBytes, 1 MiB), the
// nesting of its elements (DefaultMaxDepth, 32) and the attributes of one
// element (DefaultMaxAttrs, 64). The byte scanner gives up at the first
// element past them, and the nesting and attributes are counted by a scan
// of the bytes before encoding/xml reads them, so a hostile event (a
// million attributes, a hundred thousand nested elements) is refused in
// time linear in its size and without allocating for it. Entity-heavy
// text costs linear time too: neither expands an entity but the five
// predefined ones and character references. An event the scanner gives up
// on is read twice, each time in linear time. A Reader's buffer holds at
// most MaxEventBytes plus 64 KiB of the stream, whatever its size; an
// event over the limit also keeps a copy of its first MaxEventBytes for
// the error, and the rest of it is scanned without being kept.
//
// Parsing a typical 2.4 KB event costs about 62,000 instructions (a tenth
// of what encoding/xml takes) and a single allocation, which holds all the
// event's strings: they share it, and keep it alive while any of them is.
// Framing alone runs at about a gigabyte a second (see the benchmarks). A
// pipeline that normalizes records in parallel can frame with
// Options.FrameOnly and call a Parser per worker, rather than parse in the
// framing goroutine.
package winevent
