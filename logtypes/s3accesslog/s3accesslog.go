package s3accesslog

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Name is the registry name of the type.
const Name = "s3accesslog"

// Dataset is the event.dataset of the type; its vendor fields live under
// the same name.
const Dataset = "aws.s3accesslog"

// keyPattern matches the name S3 gives every log object it delivers,
// <TargetPrefix>YYYY-mm-DD-HH-MM-SS-<UniqueString>, with or without the
// date-based partitioning that inserts
// <SourceAccountId>/<SourceRegion>/<SourceBucket>/YYYY/MM/DD/ before that
// name. The target prefix is free text that need not end with a slash, so
// the pattern is anchored at the end only, as the reference system's is. A
// copy someone compressed still matches: decompression is sniffed.
var keyPattern = regexp.MustCompile(`20\d{2}-[01]\d-[0-3]\d-[0-2]\d-[0-5]\d-[0-5]\d-[0-9A-Z]{16}(?:\.gz)?$`)

var info = siem.Info{
	Name:        Name,
	Description: "Amazon S3 server access logs (all 18 to 27+ field versions; simple and date-partitioned object keys)",
	Dataset:     Dataset,
	KeyPattern:  keyPattern,
	SampleKeys: []string{
		// Simple key format, target prefix ending in a slash.
		"s3-access-logs/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A",
		// Simple key format, a prefix naming the type, as the reference
		// system's documentation suggests.
		"AWSLogs/123456789012/s3accesslog/app-assets-prod/2026-11-27-10-15-42-0F1E2D3C4B5A6978",
		// Date-based partitioning by delivery time.
		"s3-access-logs/123456789012/us-east-1/app-assets-prod/2026/11/27/2026-11-27-10-15-42-A1B2C3D4E5F60718",
		// Date-based partitioning by event time: the time in the name is
		// midnight, and the prefix has no trailing slash.
		"logs123456789012/eu-west-1/customer-uploads-eu/2026/11/27/2026-11-27-00-00-00-3C4D5E6F708192A3",
	},
	Vendor: vendorSchema,
}

// New returns the s3accesslog log type.
func New() siem.LogType { return logType{} }

type logType struct{}

func (logType) Info() siem.Info { return info }

// Open frames the object into lines, one record each, and reads what the
// key says about them (the date-based partitioning's account, region and
// bucket).
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return &objectReader{
		Reader: parser.NewLineReader(r, parser.LineOptions{}),
		origin: originOf(obj.Key),
	}, nil
}

type objectReader struct {
	parser.Reader
	origin origin
}

func (o *objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	return normalize(rec.Data, ev, &o.origin)
}
