package siem

import (
	"context"
	"time"
)

// Document is one normalized event on its way to a sink.
type Document struct {
	// ID is the stable document id derived from the source record.
	ID string
	// Type is the log type's name; sinks use it to choose an index.
	Type string
	// Timestamp is the event's @timestamp, zero when the record had none.
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
// document in it is dead-lettered with that error as reason. Documents and
// their byte slices are only valid during the call.
type Sink interface {
	Write(ctx context.Context, docs []Document) (WriteResult, error)
}

// DeadLetter is a record that could not be indexed, with everything needed
// to find, fix and replay it.
type DeadLetter struct {
	Position
	Type   string
	Reason string
	// Raw is the record as read from the object.
	Raw []byte
	// Document is the normalized document when the sink refused it, else nil.
	Document []byte
}

// DeadLetterSink stores dead letters. It may be called from several
// goroutines at once. An error from it stops the run: a record that can be
// neither indexed nor dead-lettered cannot be accounted for.
type DeadLetterSink interface {
	DeadLetter(ctx context.Context, dl DeadLetter) error
}
