package siem

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Object identifies one source object: an S3 object, a local file or a
// stream. Key is what detection matches and what every message names.
type Object struct {
	// Bucket is the S3 bucket, empty for local files and streams.
	Bucket string
	// Key is the S3 key, or the path of a local file, or a name such as "-".
	Key string
}

func (o Object) String() string {
	if o.Bucket != "" {
		return "s3://" + o.Bucket + "/" + o.Key
	}
	return o.Key
}

// Info describes a log type: how it is named, what it reads and how its
// objects are recognised.
type Info struct {
	// Name is the registry name, lower case, e.g. "cloudtrail".
	Name string
	// Description is one line for `siem types`.
	Description string
	// Dataset is the ECS event.dataset, e.g. "aws.cloudtrail". The pipeline
	// sets event.dataset and event.module (the part before the first dot).
	Dataset string
	// KeyPattern matches anywhere in the S3 key or path of the type's
	// objects. A nil pattern means the type is only used when asked for by
	// name.
	KeyPattern *regexp.Regexp
	// SampleKeys are realistic keys of the type's objects, one for each
	// way they arrive (direct delivery, Firehose, a CloudWatch Logs
	// export, a partitioned prefix). KeyPattern must match each of them,
	// and Registry.Register refuses a type whose pattern matches another
	// type's sample or whose samples another type's pattern matches, so
	// detection cannot depend on registration order. Required when
	// KeyPattern is set.
	SampleKeys []string
	// Envelopes lists the delivery envelopes the type's records may
	// arrive in (a CloudWatch Logs subscription, an EventBridge event),
	// tried in order on the start of each object; an object in none of
	// them is read with Open. A type that lists envelopes implements
	// MessageOpener. Package envelope holds the AWS envelopes.
	Envelopes []Envelope
	// Vendor declares how the fields the type keeps under its vendor
	// namespace are indexed; undeclared strings there are keywords.
	Vendor VendorSchema
	// Embedded declares the vendor schemas of other formats the type's
	// records may carry and normalize with those formats' own code, such
	// as an Apache access line inside a FireLens container record, so
	// that their fields are validated and mapped too. Each names its
	// namespace.
	Embedded []VendorSchema
	// Routes names the other index families the type may send some of
	// its documents to (ecs.Event.SetRoute), such as the per-category
	// indices of OCSF events or the secure-log index for sshd lines in a
	// system log. A route is named like a type, lower case, and sinks
	// resolve it as they resolve a type's name; an index template made
	// for a route also maps the type's vendor fields. A document routed
	// anywhere not listed is dead-lettered, so a record cannot invent an
	// index.
	Routes []string
}

// LogType is a plugin that reads one kind of log. Built-in types use only
// this API; a user's own type implements it the same way and is registered
// with Registry.Register.
type LogType interface {
	Info() Info
	// Open starts reading one object. r yields the object's decompressed
	// bytes. Open returns an ObjectReader that frames the stream into records
	// and normalizes them, or an error for the whole object (for example
	// *NotEventsError for an object of this type that holds no events).
	Open(obj Object, r io.Reader) (ObjectReader, error)
}

// MessageOpener is implemented by log types whose records can arrive
// inside delivery envelopes (Info.Envelopes). OpenMessages reads the
// messages an envelope unwrapped from one object: each is a
// parser.Record whose Data is the message exactly as the source wrote it
// and whose Delivery says what the envelope knew about it. Most types
// take one message as one record:
//
//	return siem.NewObjectReader(messages, normalize), nil
//
// A type that cuts several records from one message gives each of them
// the message's Delivery.
type MessageOpener interface {
	OpenMessages(obj Object, messages parser.Reader) (ObjectReader, error)
}

// ObjectReader reads the records of one object.
//
// Next is called from one goroutine; Normalize may be called from many at
// once and must only read state that Next had set up before returning the
// record (for example a header).
type ObjectReader interface {
	parser.Reader
	// Normalize maps one record onto ev. It returns an error built with
	// Exclude to drop the record deliberately; any other error dead-letters
	// the record with that error as its reason.
	Normalize(rec Record, ev *ecs.Event) error
}

// Record is what a normalizer is given: one framed record, where it came
// from and when it is being ingested.
type Record struct {
	// Record holds the bytes (Data, valid during the call only), the
	// position in the object and, for a record that arrived in an
	// envelope, its Delivery.
	parser.Record
	// Object is the object the record was read from.
	Object Object
	// Ingested is the time of this run, written as event.ingested. A
	// type whose records carry no time of their own may fall back to it
	// (or better, to Delivery.Time when the record came in an envelope),
	// and should say so in its documentation.
	Ingested time.Time
}

// NormalizeFunc maps one record onto an ECS event.
type NormalizeFunc func(rec Record, ev *ecs.Event) error

// NewObjectReader pairs a framing with a stateless normalization, which is
// all most log types need.
func NewObjectReader(r parser.Reader, normalize NormalizeFunc) ObjectReader {
	return objectReader{r, normalize}
}

type objectReader struct {
	parser.Reader
	normalize NormalizeFunc
}

func (o objectReader) Normalize(rec Record, ev *ecs.Event) error {
	return o.normalize(rec, ev)
}

// ExcludedError marks a record dropped on purpose. Rule names why, and the
// run's counts tally excluded records per rule.
type ExcludedError struct{ Rule string }

func (e *ExcludedError) Error() string { return "excluded by rule " + e.Rule }

// Exclude returns the error a normalizer returns to drop a record on
// purpose under the named rule.
func Exclude(rule string) error { return &ExcludedError{Rule: rule} }

// NotEventsError reports an object that belongs to a log type but holds no
// events, such as a CloudTrail digest file. Such objects are skipped, not
// failed.
type NotEventsError struct {
	Object Object
	Type   string
	Reason string
}

func (e *NotEventsError) Error() string {
	return fmt.Sprintf("%s: %s object holds no events: %s", e.Object, e.Type, e.Reason)
}

// UnknownTypeError reports an object that no registered log type
// recognises.
type UnknownTypeError struct{ Object Object }

func (e *UnknownTypeError) Error() string {
	return fmt.Sprintf("%s: no registered log type's key pattern matches this key; name the type explicitly (Pipeline.ProcessAs), or register a type whose KeyPattern matches it", e.Object)
}

// AmbiguousTypeError reports a key that the key patterns of several
// registered types match. Registration refuses types whose sample keys
// overlap, so this means a key unlike every sample; detection never
// guesses between them.
type AmbiguousTypeError struct {
	Object Object
	Types  []string
}

func (e *AmbiguousTypeError) Error() string {
	return fmt.Sprintf("%s: the key patterns of several log types match this key (%s); name the type explicitly (Pipeline.ProcessAs), or narrow one of the patterns and add this key to its SampleKeys", e.Object, strings.Join(e.Types, ", "))
}

// ObjectError reports a problem with a whole object (unreadable,
// truncated, corrupt, a failed sink) after the records before the problem
// were handled.
type ObjectError struct {
	Object Object
	Type   string
	// Records is how many records were read before the problem.
	Records int64
	// Unsettled is how many of them were neither indexed, excluded nor
	// dead-lettered: the run was stopped by a failing sink. Processing
	// the object again settles them (document ids are stable).
	Unsettled int64
	Err       error
}

func (e *ObjectError) Error() string {
	return fmt.Sprintf("%s (%s): stopped after %d records: %v", e.Object, e.Type, e.Records, e.Err)
}

func (e *ObjectError) Unwrap() error { return e.Err }

// IsNotEvents reports whether err says an object holds no events.
func IsNotEvents(err error) bool {
	var ne *NotEventsError
	return errors.As(err, &ne)
}
