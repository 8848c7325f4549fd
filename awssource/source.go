package awssource

import (
	"strconv"
	"time"
)

// Source says how a notification arrived.
type Source int

const (
	// SourceS3 is an S3 event notification invoking the function directly.
	SourceS3 Source = iota + 1
	// SourceSQS is an SQS message whose body is an S3 notification, an SNS
	// notification, an EventBridge event or a split message.
	SourceSQS
	// SourceSNS is an SNS message (Records[].Sns.Message) holding an S3
	// notification.
	SourceSNS
	// SourceEventBridge is an EventBridge "Object Created" event.
	SourceEventBridge
)

// String returns "s3", "sqs", "sns" or "eventbridge", and "source(N)" for
// a value outside the constants.
func (s Source) String() string {
	switch s {
	case SourceS3:
		return "s3"
	case SourceSQS:
		return "sqs"
	case SourceSNS:
		return "sns"
	case SourceEventBridge:
		return "eventbridge"
	}
	return "source(" + strconv.Itoa(int(s)) + ")"
}

// ObjectRef is one S3 object, or a span of its records, to process.
type ObjectRef struct {
	Bucket string
	// Key is URL-decoded: S3 and SNS notifications carry keys URL-encoded
	// with '+' for a space, EventBridge events and split messages carry
	// them as they are.
	Key string
	// Size is the object's size in bytes; 0 when unknown.
	Size int64
	// ETag is the entity tag without quotes; it may be empty.
	ETag      string
	VersionID string
	// Sequencer orders events for the same key; it may be empty.
	Sequencer string
	// EventName is the S3 event name, such as "ObjectCreated:Put", or for
	// EventBridge the detail type and the reason, such as
	// "Object Created:PutObject".
	EventName string
	// EventTime is when the event happened; zero when the notification
	// did not say or said it in a form other than RFC 3339.
	EventTime time.Time
	// First and Last select a span of records (1-based, inclusive) for a
	// split object; both 0 means the whole object. Only split messages
	// (see MarshalSplit) set them.
	First, Last int64
}

// String returns "s3://bucket/key", followed by " records first-last" for
// a span.
func (ref ObjectRef) String() string {
	s := "s3://" + ref.Bucket + "/" + ref.Key
	if ref.First != 0 || ref.Last != 0 {
		s += " records " + strconv.FormatInt(ref.First, 10) + "-" + strconv.FormatInt(ref.Last, 10)
	}
	return s
}

// Message is one unit of delivery that succeeds or fails as a whole: one
// SQS message (retried alone through a batch item failure), or the whole
// invocation for direct S3, SNS and EventBridge events.
type Message struct {
	// ID is the SQS messageId; empty for other sources.
	ID string
	// Source is the outermost transport.
	Source Source
	// Objects may be empty: a test event, or a notification for anything
	// but a created object, holds none.
	Objects []ObjectRef
	// Skipped explains why the message holds no objects, such as
	// "s3:TestEvent" or "ObjectRemoved:Delete ignored"; empty otherwise.
	Skipped string
	// Err is set when the message's body, or a record of it, could not be
	// decoded; the other messages of the event still decode, and Objects
	// still holds this message's objects that did. A malformed body never
	// gets better on retry, so Classify(Err) is Permanent: process the
	// objects, log Err and let the message go (do not report it as a batch
	// item failure), or it would come back until the queue's redrive
	// policy moved it aside.
	Err error
}
