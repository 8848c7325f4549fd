// Package w3c frames logs in the W3C extended log file format and its
// tab-separated relatives: CloudFront standard logs (legacy, to S3),
// CloudFront standard logging v2 in its W3C output, IIS W3C logs, and
// CloudFront real-time logs, whose lines come without directives.
//
// # Coverage
//
// A Reader is a parser.Reader over lines, built on parser.LineReader, so
// lines, blank lines, positions, limits and line errors are exactly
// LineReader's, except that a byte order mark is
// dropped at the start of any line, not only of the stream, since files
// that each begin with one get concatenated. Lines starting with '#' are
// directives
// and are never records: "#Fields:" sets the field list for the lines that
// follow it, and "#Version:", "#Software:", "#Date:", "#Remark:" and any
// other directive are skipped. Every other line is a record holding the
// whole line; the caller splits it with Split (or Reader.Split) into the
// fields that Reader.Fields names.
//
// Fields are separated by one separator byte (Options.Separator: a tab by
// default, as CloudFront writes, or a space for IIS and other W3C logs), so
// two separators in a row delimit an empty field. "-" is the empty value:
// fields are returned raw, and IsEmpty and Value tell "-" apart. Escapes
// (CloudFront's URL encoding and "\x20", IIS's "+" for a space) are the
// caller's to undo.
//
// Logs without directives (CloudFront real-time logs, whose field list is
// the real-time log configuration's) are read with Options.Fields. A
// #Fields directive, when one appears, replaces it for the lines after it.
//
// # Several field lists in one object
//
// Delivered files are often concatenated, each with its directives, and a
// distribution's field list changed over the years (24, 26 then 33 fields,
// and more since): one object may hold several #Fields lines. Each record
// is named by the list in effect where it was read. Normalizers run on
// other goroutines after Next has moved on, possibly past another #Fields
// line, so the Reader keeps every list a record was read under, unchanged,
// and Reader.Fields(rec) returns the one for rec from any goroutine. A
// repeated directive naming the same fields is no change: an object of
// concatenated files with one layout has one *Fields. Normalizers can cache
// what they derive from a list (the position of each field they map) by
// its pointer.
//
// # Errors
//
// A data line whose number of fields is not that of its field list is a
// *parser.RecordError with its position, its bytes and a reason such as
// "line has 31 tab-separated fields, the #Fields line on line 2 names 33";
// reading continues with the next line. Separators at the very end of the
// line are tolerated beyond the list, since the empty fields they add
// carry nothing (AWS's documentation example of a CloudFront log ends one
// line with a tab). A data line read before any field list, with
// Options.Fields empty, is a *parser.RecordError that says to set
// Options.Fields; after a #Fields line that cannot be read (too long, or
// naming nothing), each data line up to the next #Fields line is a
// *parser.RecordError naming that line. A line the LineReader cannot
// deliver (over the limit, cut by a read error) is its RecordError,
// renumbered: directives take no record number.
//
// # Limits
//
// Memory is LineReader's (one line of Options.MaxLineBytes) plus the
// field lists the Reader keeps so that Fields can answer for any record:
// one per change of the list, bounded by Options.MaxFieldListBytes (1 MiB
// by default, about 1000 changes of CloudFront's 33 fields). An object that
// needs more fails with a stream error rather than growing without bound.
// Lists never followed by a data line are not kept.
//
// # Choices
//
// Any line starting with '#' is a directive, as the W3C draft says; no
// CloudFront, IIS or real-time field can start a line with '#'. The
// directive name is matched in any letter case. Next checks the number of
// fields (a byte count, no split) so that a bad line is reported by the
// framing, with its position, and a normalizer never sees a line that
// does not fit its list; the normalizer splits the line itself, into its
// own slice, since records are normalized concurrently.
package w3c
