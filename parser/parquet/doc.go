// Package parquet frames a Parquet file into records, one per row: the
// framing for Security Lake (OCSF), Firehose record format conversion and
// VPC Flow Logs delivered as Parquet. Its Reader is a parser.Reader.
//
// # Records
//
// Each row is rendered as one compact JSON object, keys in schema order:
//
//   - a group is a nested object; a group annotated LIST, and a plain
//     repeated field, is an array; a group annotated MAP is an object whose
//     keys are the map's keys (a key that is not a string is written as its
//     JSON text in quotes: 5 becomes "5");
//   - a null field, or a plain repeated field with no element, is left
//     out; a null element of a list, or a null value in a map, is written
//     null, since its position or key says something;
//   - BOOLEAN, INT32, INT64, FLOAT and DOUBLE are JSON booleans and
//     numbers (unsigned INT annotations read as unsigned; NaN and the
//     infinities, which JSON numbers cannot hold, as the strings "NaN",
//     "Infinity" and "-Infinity"); DECIMAL is a JSON number with exactly
//     its scale's fractional digits (12345 at scale 2 is 123.45);
//   - TIMESTAMP and INT96 are RFC 3339 strings with the digits of their
//     unit (".000" for milliseconds, ".000000" for microseconds,
//     ".000000000" for nanoseconds and INT96), in UTC with a "Z"; a
//     timestamp that is not adjusted to UTC is written without an offset,
//     since the file does not say which zone its wall clock was in. DATE is
//     "2006-01-02", TIME "15:04:05.000" (with "Z" when adjusted to UTC),
//     UUID the usual hex form, INTERVAL an ISO 8601 duration ("P1M2DT3.004S");
//   - STRING, ENUM and JSON are JSON strings (JSON columns too: their
//     content is the writer's and may not be valid, and a string cannot
//     conflict with any mapping); bytes that are not valid UTF-8 become
//     U+FFFD, so every record is valid JSON;
//   - any other BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY (no annotation, BSON,
//     GEOMETRY...) is base64, standard alphabet with padding: nothing says
//     the bytes are text.
//
// Older writers' forms are read too: converted types instead of logical
// types, and the two-level LIST forms (a repeated primitive or group
// directly under the LIST group, or a repeated group named "array" or
// "<name>_tuple").
//
// RowText switches the records to text lines instead: the values of chosen
// top-level columns separated by single spaces, with "-" for null. A row
// of a VPC Flow Logs Parquet file then reads as the line AWS writes for
// the same flow in its text format, so one normalizer serves both.
//
// Record.Number is the row's 1-based index in the file, Record.Line is 0,
// and Record.Offset is the byte offset of the row's row group in the file
// (the first page of its first column chunk): every row of a row group
// shares it, and with Number it locates the row for tools that read
// Parquet. Record.Data is valid until the next call to Next.
//
// Columns describes the top-level columns (name, type, nullability), for
// callers that map rows to their own layout. NumRows is the row count the
// footer declares.
//
// # Random access and spooling
//
// Parquet puts its metadata in a footer at the end of the file, and the
// columns of a row group one after another, so a file cannot be read front
// to back. When the io.Reader given to NewReader is also an io.ReaderAt of
// known size (an *os.File on a regular file, *bytes.Reader,
// *strings.Reader, *io.SectionReader, or anything with a Size() int64
// method) it is read in place. Any other stream (an S3 GetObject body, the
// output of parser.Decompress) is first copied to a temporary file in
// Options.TempDir, never into memory, up to Options.MaxSpoolBytes
// (DefaultMaxSpoolBytes, 1 GiB). The temporary file is unlinked as soon as
// it is created, so it cannot be left behind even if the process dies; on
// systems that cannot unlink an open file, Close removes it. Reaching the
// end of the file, a fatal error and Close all release it.
//
// # Memory
//
// Rows are read one row group at a time and, within it, in batches of at
// most Options.BatchRows rows (DefaultBatchRows, 256), fewer when rows are
// wide, so that a batch holds about 128K values (3 MiB). parquet-go decodes
// each column one page at a time. Memory is therefore bounded by
//
//	for each leaf column: one decoded page and its dictionary page
//	+ one batch of rows + one rendered record
//	+ what the row group's page headers say (about 100 bytes a page)
//	+ two buffers of at most one page, for checking pages (below)
//
// whatever the number of rows, row groups or their sizes. Writers cut pages
// at about 1 MiB, so a file of 30 columns needs a few tens of MiB at most.
// TestMemoryBounded reads a file of 200,000 rows and 23 columns (about
// 100 MB as JSON) and checks that the heap in use grows by less than
// 16 MiB; it grows by 7 to 10 MiB in our runs.
//
// # Damaged and hostile files
//
// parquet-go trusts the sizes and counts a file states. It allocates what a
// list in the footer or a page header claims before reading it, what the
// run-length and delta encodings inside a page claim before decoding them,
// and its LZ4 decoder doubles its buffer until damaged data fits, forever.
// A few wrong bytes would make it allocate gigabytes, and no recover()
// survives running out of memory. So nothing reaches parquet-go unchecked:
//
//   - the footer is walked without decoding first (a Thrift list of a
//     billion elements in a 100-byte footer is refused), then its schema
//     and row groups are checked: depth, leaf count, one column chunk per
//     column, every chunk inside the file, one codec per column;
//   - before a row group is read, the headers of all its pages are walked:
//     each must lie within its column chunk, and its compressed size, its
//     uncompressed size and 8 bytes per value it declares must each fit in
//     Options.MaxPageBytes (DefaultMaxPageBytes, 64 MiB; ErrTooLarge
//     otherwise). The footer must fit in it too;
//   - parquet-go reads the file through an io.ReaderAt that, the first time
//     it reads any byte of a page, checks the page: it decompresses it into
//     a buffer of the size its header declares (a page that expands beyond
//     it is refused, so there are no decompression bombs) and walks the
//     run-length and delta encodings of its levels and values, checking
//     that they hold no more values than the page declares and, for
//     delta-encoded strings, that they decode to no more than MaxPageBytes.
//     A page that fails is never handed to parquet-go. Each page is thus
//     decompressed twice, which costs about 6% of the reading time with
//     SNAPPY;
//   - a panic inside parquet-go is turned into an error.
//
// # Errors
//
// Problems with the object as a whole are *Error values and end reading:
// not Parquet (ErrNotParquet: no "PAR1" at the start; an object that is
// gzip, zstd or zip is named as such, to be decompressed first), cut off
// (ErrTruncated: "PAR1" at the start but not at the end), a damaged footer
// (ErrCorrupt), encryption, an unsupported codec or external column chunks
// (ErrUnsupported), a limit passed (ErrTooLarge) and a stream that cannot
// be spooled (ErrSpool). Each says what is wrong and what to do, for
// example:
//
//	parquet: truncated Parquet file: it starts with "PAR1" but ends with
//	"\x00\x00\x15\x00", not "PAR1": the footer is missing; the object was
//	cut off; fetch it again
//
// A damaged page is an *Error too, naming the row group (by its index),
// the column, the page and where reading stopped, for example:
//
//	parquet: corrupt Parquet file: row group 1, column "id": reading
//	stopped after 127 of its 200 rows (at row 328 of the file): page 2 (at
//	offset 4625): its SNAPPY data does not decompress to the 512 bytes its
//	header declares: ...
//
// It is returned after the rows before the damaged page were delivered,
// but for the last of them: a row may go on in the next page, so parquet-go
// knows it whole only once that page is read. (When a batch of rows fails,
// the row group is read again one row at a time up to the failing row.)
// Reading cannot go on past the damage, row by row: a row's values are
// spread over one page per column, pages are compressed and encoded as a
// whole (dictionary, run-length, delta and bit-packing) and hold a varying
// number of rows, so a damaged page loses every row it touches, and a
// damaged page header hides where the next page of its column starts, and
// with it every later row of the row group. Later row groups are not read
// either: a damaged file is reported rather than read in part, so that it
// can be fetched again and read whole. A row group whose metadata is
// inconsistent (its column chunks outside the file or overlapping, fewer
// rows in its columns than it declares) is reported the same way.
//
// A problem confined to one row is a *parser.RecordError, and Next may be
// called again: a rendered row longer than Options.MaxRecordBytes, or a
// row whose repetition and definition levels do not fit the schema.
package parquet
