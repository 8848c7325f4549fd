package parquet

import (
	"errors"
	"fmt"
	"strings"
)

// The kinds of object-level errors. An *Error wraps exactly one of them, so
// callers can tell them apart with errors.Is.
var (
	// ErrNotParquet: the object is not a Parquet file (no "PAR1" magic at
	// its start).
	ErrNotParquet = errors.New("not a Parquet file")
	// ErrTruncated: the object starts as a Parquet file but is cut short.
	ErrTruncated = errors.New("truncated Parquet file")
	// ErrCorrupt: the footer, a page or a row group cannot be read.
	ErrCorrupt = errors.New("corrupt Parquet file")
	// ErrUnsupported: a valid file using a feature this reader does not
	// read (encryption, a compression codec parquet-go lacks, column
	// chunks stored in other files).
	ErrUnsupported = errors.New("unsupported Parquet file")
	// ErrTooLarge: the object, its footer or one of its pages is over a
	// limit set in Options.
	ErrTooLarge = errors.New("limit exceeded")
	// ErrSpool: a stream could not be copied to a temporary file.
	ErrSpool = errors.New("cannot spool the object")
)

// Error is the error for a whole object: reading stops there. Rows before
// the problem were already delivered by Next.
type Error struct {
	// Kind is one of ErrNotParquet, ErrTruncated, ErrCorrupt,
	// ErrUnsupported, ErrTooLarge and ErrSpool.
	Kind error
	// RowGroup is the 0-based index of the row group the problem is in, or
	// -1 when it is in the file as a whole (magic bytes, footer, schema).
	RowGroup int
	// Column is the dotted path of the column the problem is in, if known.
	Column string
	// Reason says what is wrong; Advice what to do about it.
	Reason string
	Advice string
	// Err is the underlying error, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("parquet: ")
	b.WriteString(e.Kind.Error())
	if e.RowGroup >= 0 {
		fmt.Fprintf(&b, ": row group %d", e.RowGroup)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Advice != "" {
		b.WriteString("; ")
		b.WriteString(e.Advice)
	}
	return b.String()
}

// Unwrap returns Kind and Err, so errors.Is matches both.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// fileError builds an *Error about the file as a whole.
func fileError(kind error, reason, advice string, err error) *Error {
	return &Error{Kind: kind, RowGroup: -1, Reason: reason, Advice: advice, Err: err}
}

// Advice shared by several errors.
const (
	adviceCorrupt   = "the file is damaged or was not written completely; fetch it again or regenerate it"
	adviceTruncated = "the object was cut off; fetch it again"
)
