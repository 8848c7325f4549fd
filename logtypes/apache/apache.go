package apache

import (
	"io"
	"regexp"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// Registry names, datasets and vendor namespaces of the two types.
const (
	AccessName    = "apache-access"
	AccessDataset = "apache.access"
	ErrorName     = "apache-error"
	ErrorDataset  = "apache.error"
)

var accessInfo = siem.Info{
	Name:        AccessName,
	Description: "Apache HTTP Server access logs (common, combined, combinedio, vhost, SSL request log, leading X-Forwarded-For)",
	Dataset:     AccessDataset,
	// The reference system's pattern.
	KeyPattern: regexp.MustCompile(`[Aa]pache.*[Aa]ccess/`),
	SampleKeys: []string{
		// Log files copied to S3 as they are, rotated and gzipped.
		"apache/access/web-01/access_log-20261127.gz",
		// CloudWatch agent -> CloudWatch Logs -> subscription filter ->
		// Firehose, with the reference system's log exporter prefix.
		"AWSLogs/aws-account-id=123456789012/service=apache-access/web-site-name=shop/aws-region=eu-west-1/2026/11/27/10/apache-access-shop-1-2026-11-27-10-15-42-0b1f6c4e-8d2a-4f5b-9e3c-7a1d2b3c4d5e",
		// FireLens (Fluent Bit) of an ECS task, through Firehose.
		"ecs-containers/apache-access/2026/11/27/10/shop-web-apache-1-2026-11-27-10-20-00-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b.gz",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs(), envelope.FireLens()},
	Vendor:    accessVendor,
}

var errorInfo = siem.Info{
	Name:        ErrorName,
	Description: "Apache HTTP Server error logs (2.2 and 2.4 formats)",
	Dataset:     ErrorDataset,
	KeyPattern:  regexp.MustCompile(`[Aa]pache.*[Ee]rror/`),
	SampleKeys: []string{
		"apache/error/web-01/error_log-20261127.gz",
		"AWSLogs/aws-account-id=123456789012/service=apache-error/web-site-name=shop/aws-region=eu-west-1/2026/11/27/10/apache-error-shop-1-2026-11-27-10-15-42-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
		"ecs-containers/apache-error/2026/11/27/10/shop-web-apache-errors-1-2026-11-27-10-20-00-6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c.gz",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs(), envelope.FireLens()},
	Vendor:    errorVendor,
}

// accessVendor declares the apache.access fields that are not keywords.
var accessVendor = siem.VendorSchema{Namespace: AccessDataset}

// errorVendor declares the apache.error fields that are not keywords.
var errorVendor = siem.VendorSchema{Namespace: ErrorDataset}

// Access returns the apache-access log type.
func Access() siem.LogType { return lineType{info: &accessInfo, normalize: normalizeAccess} }

// Error returns the apache-error log type. The error log's times carry
// no zone; this type reads them as UTC.
func Error() siem.LogType { return ErrorIn(time.UTC) }

// ErrorIn returns the apache-error log type reading the error log's
// zone-less times in loc, the time zone of the servers that wrote them,
// and recording loc's name in event.timezone (unless loc is UTC).
func ErrorIn(loc *time.Location) siem.LogType {
	if loc == nil {
		loc = time.UTC
	}
	return lineType{info: &errorInfo, normalize: func(line []byte, ev *ecs.Event, extraHost string) error {
		return normalizeError(line, ev, extraHost, loc)
	}}
}

// lineType is a type of one record per line, read from plain objects or
// from the messages of an envelope.
type lineType struct {
	info      *siem.Info
	normalize func(line []byte, ev *ecs.Event, extraHost string) error
}

func (t lineType) Info() siem.Info { return *t.info }

// Open frames a plain object (gzip or not: decompression is sniffed) into
// lines, one record each.
func (t lineType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return &objectReader{Reader: parser.NewLineReader(r, parser.LineOptions{}), origin: originOf(obj.Key), normalize: t.normalize}, nil
}

// OpenMessages takes each message of a CloudWatch Logs payload or FireLens
// line as one record.
func (t lineType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return &objectReader{Reader: messages, origin: originOf(obj.Key), normalize: t.normalize}, nil
}

type objectReader struct {
	parser.Reader
	origin    origin
	normalize func(line []byte, ev *ecs.Event, extraHost string) error
}

func (o *objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	instance := o.origin.instance(&rec)
	if err := o.normalize(rec.Data, ev, instance); err != nil {
		return err
	}
	o.origin.write(&rec, ev, instance)
	return nil
}
