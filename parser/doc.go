// Package parser turns an object's bytes into raw records: it detects and
// removes compression (gzip, zstd, bzip2, zip) by magic bytes and frames the
// decompressed stream into records (lines, JSON values, or the elements of
// a JSON array), always streaming and with explicit limits.
//
// Framings know nothing about log types: a log type picks one and interprets
// the records it yields.
//
// # Decompression
//
// Decompress looks at the first bytes of an object, never at its name, and
// returns a reader of the decompressed bytes. Every member of a multi-member
// gzip file and every stream of a concatenated bzip2 file is read. A zip
// archive is streamed from its first local header without reading the
// central directory, so it is never buffered whole; only its first file is
// read, and a second file is reported as an error rather than ignored. When
// the decompressed bytes are compressed again (a gzipped CloudWatch Logs
// payload delivered by a Firehose stream that gzips too), the inner layer is
// removed as well, up to three layers.
//
// A stream that breaks part way (a truncated or corrupt object) fails from
// Read after the bytes before the break were delivered, with an error that
// names the compression and wraps the cause, for example
// "gzip: unexpected EOF: object is truncated or corrupt". A failing source
// (a dropped download) is told apart: "gzip: reading the compressed object:
// connection reset by peer".
//
// # Framings
//
// Each framing is a Reader: NewLineReader (one record per line),
// NewJSONValueReader (NDJSON or values written back to back) and
// NewJSONRecordsReader (the elements of the array under a key, such as
// CloudTrail's "Records", streamed one element at a time). SplitFields and
// SplitQuoted split a line into its fields without allocating, and
// ParseAddr reads an IP address from a field's bytes as netip.ParseAddr
// does (zones aside), without the string conversion that allocates.
//
// Every record carries its Number in the object, the Line it starts on and
// its byte Offset in the decompressed stream, so any problem found later can
// be traced to its place. Record.Data aliases the reader's buffer and is
// valid until the next call to Next: copy it to keep it.
//
// # Errors
//
// A problem confined to one record (a line over the limit, bytes that are
// not JSON, a value cut by the end of the stream) is a *RecordError with the
// record's position, a reason and its raw bytes (cut to the limit) for the
// dead-letter sink; the reader has skipped past it and Next may be called
// again. Any other error is the stream's own and is returned from every
// later call. When a read error cuts a record in two, the partial record is
// first returned as a *RecordError ("record cut off by a read error: ..."),
// then the read error itself, so the part already read is not lost.
//
// # Limits
//
// Memory is bounded by the limits, not by the object: a LineReader holds at
// most one line of LineOptions.MaxLineBytes, a JSON reader at most one
// record of JSONOptions.MaxRecordBytes plus one read's worth of buffer,
// whatever the size of the object.
package parser
