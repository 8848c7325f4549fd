package siem

import (
	"io"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// SniffBytes is how much of the start of a decompressed object an
// Envelope's Sniff is shown (less for a shorter object).
const SniffBytes = 4096

// Envelope is a delivery format that wraps the records of any log type:
// a CloudWatch Logs subscription payload, an EventBridge event, a
// FireLens line. A log type lists the envelopes its records may arrive in
// (Info.Envelopes); the pipeline picks the first whose Sniff accepts the
// object, unwraps its messages with Open and hands them to the type's
// MessageOpener. Package envelope holds the AWS envelopes.
//
// The envelope, not the log type, maps its metadata to ECS (Map), so
// every type delivered in it gets the same fields.
type Envelope interface {
	// Name identifies the envelope in messages, e.g. "cloudwatch-logs".
	Name() string
	// Sniff reports whether the object is in this envelope, judged from
	// its key and the first bytes of its decompressed content (at most
	// SniffBytes). The content must decide: a key alone cannot tell a
	// Firehose object of CloudWatch Logs payloads from one of raw lines.
	Sniff(key string, head []byte) bool
	// Open unwraps the decompressed object into the messages it carries.
	// Each record's Data is one message exactly as its source wrote it,
	// and its Delivery holds what the envelope said about it. A record
	// whose Delivery.Exclude is set (a CloudWatch Logs control message)
	// is counted as excluded under that rule and never reaches the log
	// type.
	Open(obj Object, r io.Reader) (parser.Reader, error)
	// Map sets the ECS and vendor fields a delivery's metadata maps to.
	// It runs before the log type's normalizer, so a value the record
	// itself carries wins over the envelope's.
	Map(d *parser.Delivery, ev *ecs.Event)
	// Vendor declares the fields Map sets outside ECS (for example
	// aws.cloudwatch.log_group), for index templates and validation.
	Vendor() VendorSchema
}
