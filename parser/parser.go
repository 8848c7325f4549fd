package parser

import (
	"errors"
	"fmt"
)

// Record is one raw record cut from an object's decompressed byte stream.
//
// Data is only valid until the next call to the Reader's Next method: a
// consumer that keeps it must copy it.
type Record struct {
	// Data holds the record's bytes, without the line terminator.
	Data []byte
	// Number is the 1-based position of the record in its object, counting
	// every record the reader returned or reported as a RecordError.
	Number int64
	// Line is the 1-based line on which the record starts, or 0 when the
	// framing has no lines (for example a pretty-printed JSON array).
	Line int64
	// Offset is the byte offset of the record's first byte in the
	// decompressed stream.
	Offset int64
}

// Reader frames a decompressed stream into records.
//
// Next returns io.EOF after the last record. A problem confined to one record
// (an over-long line, an unterminated JSON value) is returned as a
// *RecordError; the reader has then already skipped past that record and the
// caller may call Next again. Any other error means the stream itself is
// broken and reading must stop.
type Reader interface {
	Next() (Record, error)
}

// RecordError reports one record the framing could not deliver. Raw holds
// the record's bytes (possibly cut to a limit) so they can be dead-lettered.
type RecordError struct {
	Number int64
	Line   int64
	Offset int64
	Reason string
	Raw    []byte
}

func (e *RecordError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("record %d (line %d): %s", e.Number, e.Line, e.Reason)
	}
	return fmt.Sprintf("record %d (offset %d): %s", e.Number, e.Offset, e.Reason)
}

// AsRecordError reports whether err is a per-record framing error.
func AsRecordError(err error) (*RecordError, bool) {
	var re *RecordError
	ok := errors.As(err, &re)
	return re, ok
}
