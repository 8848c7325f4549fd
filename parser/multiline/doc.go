// Package multiline frames logs whose records span lines: database logs
// with multi-line statements (PostgreSQL, the MySQL slow query log),
// application logs with stack traces, NGINX error logs with FastCGI
// output, Kafka (MSK) broker logs, and any log exported from CloudWatch
// Logs with its newlines kept.
//
// # Grouping
//
// A Reader reads lines as parser.LineReader does (terminators, the byte
// order mark, positions) and groups them by one of two rules:
//
//   - Options.Start matches the first line of a record: a line that
//     matches opens a record, and every line that does not continues the
//     record before it. Options.Lead may add lines that open a record
//     ahead of its Start line (the MySQL slow log's "# Time:"): a Start
//     line right after a Lead line joins its record.
//   - Options.Continue matches the lines that continue a record (the
//     indented lines of a stack trace): every line that does not match
//     opens a record.
//
// A record's Data is its lines joined by "\n" (a "\r\n" terminator is
// removed as LineReader removes it), and its Line and Offset are those of
// its first line, so its first line is always at Offset in the stream.
//
// Lines read before the first line matching Start (or Lead) are records of
// their own, one per line: they are typically a file's header (the
// "/rdsdbbin/mysql/bin/mysqld, Version: ..." block of a MySQL log) or the
// tail of a record cut by the file's start, and nothing says whether they
// belong together. In Continue mode a continuation line with no record
// before it opens one.
//
// Blank lines (empty or whitespace only) are no records, as in LineReader.
// Inside a record, before a line that continues it, they are kept as empty
// lines, so that line k of a record (from 0) is line Line+k of the stream;
// their spaces and tabs are not kept. Blank lines before a line that opens
// a record, or at the end of the stream, belong to no record.
//
// # Streaming
//
// A record is complete only when the line after it opens another, so the
// Reader reads exactly one line ahead, never more: on a stream that is
// being written (a tail, a pipe), Next returns a record as soon as the
// first line of the next one has arrived, and the last record at the end
// of the stream. A line before the first Start line is returned without
// reading ahead at all.
//
// # Limits and errors
//
// A record longer than Options.MaxRecordBytes (counting the "\n" between
// its lines) or with more than Options.MaxLines lines is a
// *parser.RecordError holding its position, its first MaxRecordBytes bytes
// and the reason ("record longer than 1048576 bytes"); its remaining lines
// are read and dropped, and reading continues with the next record. Memory
// is bounded by one record of MaxRecordBytes plus one line of the same
// size read ahead, whatever the stream.
//
// When the stream breaks (a read error, not its end) while a record is
// open, that record is a *parser.RecordError ("record cut off by a read
// error: ..."), since more of its lines may have followed; the read error
// itself comes next, and from every later call.
//
// # Choices
//
// Start, Lead and Continue are regular expressions of Go's regexp package,
// matched against each line without its terminator (for a line over the
// limit, against its first MaxRecordBytes bytes). Go's regexp runs in time
// linear in the line, whatever the pattern, and an anchored pattern
// (`^...`) stops at the first byte that does not fit, so testing every
// line costs little. The rules are Filebeat's multiline "pattern, negate,
// match after" settings in the two combinations that logs need; Lead has
// no Filebeat equivalent, which splits the MySQL "# Time:" line into a
// record of its own (a Start of `^# (Time|User@Host): ` does the same
// here).
package multiline
