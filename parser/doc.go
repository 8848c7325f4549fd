// Package parser turns an object's bytes into raw records: it detects and
// removes compression (gzip, zstd, bzip2, zip) by magic bytes and frames the
// decompressed stream into records (lines, whitespace columns with a header,
// JSON values, or the elements of a top-level JSON array), always streaming
// and with explicit limits.
//
// Framings know nothing about log types: a log type picks one and interprets
// the records it yields.
package parser
