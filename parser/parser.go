package parser

import (
	"errors"
	"fmt"
	"time"
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
	// framing has no lines (for example a pretty-printed JSON array). For
	// a message unwrapped from an envelope it is the envelope's line.
	Line int64
	// Offset is the byte offset of the record's first byte in the
	// decompressed stream. For a message unwrapped from an envelope it is
	// the offset of the envelope that carried it.
	Offset int64
	// Delivery is what a delivery envelope said about the message the
	// record came in, nil for a record read from its object directly.
	// A reader that cuts several records from one message gives each of
	// them the message's Delivery.
	Delivery *Delivery
}

// Delivery is what a delivery envelope (a CloudWatch Logs subscription
// payload, an EventBridge event, a FireLens line) said about one message.
type Delivery struct {
	// Envelope names the envelope, such as "cloudwatch-logs".
	Envelope string
	// ID is the envelope's id of the message, "" when it has none. It
	// becomes the document id when the log type sets none of its own.
	ID string
	// Time is when the envelope stamped the message, zero when it has
	// none: a fallback for records without a time of their own.
	Time time.Time
	// Exclude, when set, is the rule under which the message is excluded
	// without being normalized (a CloudWatch Logs control message).
	Exclude string
	// Meta is the envelope's own description of the message, such as
	// *envelope.CloudWatchLogsMeta; see the envelope's documentation.
	Meta any
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
	// Size is the record's full length in bytes when Raw holds only its
	// start (an over-long line), else 0.
	Size int64
	// Delivery is the record's envelope metadata, as in Record.
	Delivery *Delivery
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
