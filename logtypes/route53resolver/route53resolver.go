package route53resolver

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "route53resolver"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it.
	Dataset = "aws.route53resolver"
)

// keyPattern matches the folder Resolver query logging delivers to,
// AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/..., which is also the
// reference system's rule, and Firehose prefixes that name it.
var keyPattern = regexp.MustCompile(`vpcdnsquerylogs`)

type logType struct{}

// New returns the Route 53 Resolver query log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Amazon Route 53 Resolver query logs and DNS Firewall actions (JSON lines delivered to S3, by Firehose, or CloudWatch Logs subscription payloads written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// Direct delivery to S3.
			"AWSLogs/123456789012/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/27/123456789012_vpcdnsquerylogs_us-east-1_rqlc-0a1b2c3d4e5f6a7b_20261127T1005Z_9f8e7d6c.log.gz",
			// Query logging to a Firehose stream, written under a prefix
			// that names the log.
			"AWSLogs/123456789012/vpcdnsquerylogs/firehose/us-east-1/2026/11/27/10/siem-r53resolver-1-2026-11-27-10-05-00-3c2b1a09-8f7e-4d6c-b5a4-392817160504.gz",
			// Query logging to CloudWatch Logs, then a subscription
			// filter to Firehose (payloads gzipped, no extension).
			"AWSLogs/123456789012/vpcdnsquerylogs/cwl/eu-west-1/2026/11/27/10/siem-r53resolver-cwl-1-2026-11-27-10-15-00-7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
}

// Open reads query log records: JSON objects one per line (S3 delivery)
// or back to back (Firehose without a delimiter).
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), Normalize), nil
}

// OpenMessages reads the records a CloudWatch Logs subscription carried:
// each log event's message is one record.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
