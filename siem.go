package siem

import (
	"errors"
	"fmt"
	"io"
	"regexp"

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
	// Vendor declares how the fields the type keeps under its vendor
	// namespace are indexed; undeclared strings there are keywords.
	Vendor VendorSchema
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
	Normalize(rec parser.Record, ev *ecs.Event) error
}

// NormalizeFunc maps one record onto an ECS event.
type NormalizeFunc func(rec parser.Record, ev *ecs.Event) error

// NewObjectReader pairs a framing with a stateless normalization, which is
// all most log types need.
func NewObjectReader(r parser.Reader, normalize NormalizeFunc) ObjectReader {
	return objectReader{r, normalize}
}

type objectReader struct {
	parser.Reader
	normalize NormalizeFunc
}

func (o objectReader) Normalize(rec parser.Record, ev *ecs.Event) error {
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
	return fmt.Sprintf("%s: no registered log type matches this key; run `siem types` to list the key patterns, or name the type explicitly", e.Object)
}

// ObjectError reports a problem with a whole object (unreadable,
// truncated, corrupt) after the records before the problem were handled.
type ObjectError struct {
	Object Object
	Type   string
	// Records is how many records were read before the problem.
	Records int64
	Err     error
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
