package siem

import (
	"context"
	"time"
)

// FatalError marks a sink error that no later batch can avoid: a full
// disk, a closed or broken output. The pipeline then stops the run at
// once, instead of dead-lettering every remaining record one batch at a
// time. Wrap the cause with Fatal.
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }

func (e *FatalError) Unwrap() error { return e.Err }

// Fatal wraps err as a *FatalError; it returns nil for nil.
func Fatal(err error) error {
	if err == nil {
		return nil
	}
	return &FatalError{Err: err}
}

// Document is one normalized event on its way to a sink.
type Document struct {
	// ID is the stable document id derived from the source record.
	ID string
	// Type is the log type's name; sinks use it to choose an index.
	Type string
	// Route, when not empty, is the index family the log type sent this
	// document to instead of its own (one of its Info.Routes); sinks
	// resolve it as they resolve Type.
	Route string
	// Timestamp is the event's @timestamp (every document has one).
	Timestamp time.Time
	// Body is the ECS JSON document, without a trailing newline.
	Body []byte
	// Source says where the record came from, for dead letters.
	Source Position
	// Raw is the record as read, for dead letters.
	Raw []byte
}

// Position locates a record within its object.
type Position struct {
	Object Object
	// Record is the 1-based record number within the object.
	Record int64
	// Line is the 1-based line of the record, 0 when the framing has none.
	Line int64
	// Offset is the byte offset in the decompressed object.
	Offset int64
}

// Rejection reports a document a sink refused for good. Doc indexes the
// slice passed to Write.
type Rejection struct {
	Doc    int
	Reason string
}

// WriteResult is what a sink reports of one batch.
type WriteResult struct {
	// Rejected lists the documents refused permanently; the pipeline
	// dead-letters them with their reasons. Every other document of the
	// batch counts as indexed.
	Rejected []Rejection
	// Retries counts the attempts the sink repeated (requests or
	// documents) before the batch settled; it feeds Counts.Retried.
	Retries int64
}

// Sink receives batches of documents. Write may be called from several
// goroutines at once. An error means the whole batch failed and every
// document in it is dead-lettered with that error as reason, except a
// *FatalError (see Fatal), which stops the run. Documents and their byte
// slices are only valid during the call. A sink that panics gets its
// batch dead-lettered, with the panic as the reason.
type Sink interface {
	Write(ctx context.Context, docs []Document) (WriteResult, error)
}

// DeadLetter is a record that could not be indexed, with everything needed
// to find, fix and replay it.
type DeadLetter struct {
	Position
	Type   string
	Reason string
	// Raw is the record exactly as read from the object, whatever its
	// encoding; for a record over a size limit, only its start.
	Raw []byte
	// Size is the record's full length in bytes, larger than len(Raw)
	// when Raw holds only its start; 0 means len(Raw).
	Size int64
	// Document is the normalized document when the sink refused it, else nil.
	Document []byte
}

// DeadLetterSink stores dead letters. It may be called from several
// goroutines at once, and the DeadLetter's byte slices are only valid
// during the call. An error (or a panic) from it stops the run: a record
// that can be neither indexed nor dead-lettered cannot be accounted for.
type DeadLetterSink interface {
	DeadLetter(ctx context.Context, dl DeadLetter) error
}
