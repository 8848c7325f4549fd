package opensearchaudit

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "opensearch-audit"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it.
	Dataset = "aws.opensearch_audit"
)

// keyPattern is the reference system's rule: a key naming OpenSearch and,
// after it, audit logs, in either capitalization.
var keyPattern = regexp.MustCompile(`(OpenSearch|opensearch).*(Audit|audit)`)

type logType struct{}

// New returns the Amazon OpenSearch Service audit log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Amazon OpenSearch Service audit logs (fine-grained access control), CloudWatch Logs subscription payloads written by Firehose",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// The audit log group subscribed to a Firehose stream that
			// writes under the reference system's prefix (payloads are
			// gzipped already: no compression, no extension).
			"AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b",
			// The same through a stream whose prefix names the log group
			// (/aws/OpenSearchService/domains/<domain>/audit-logs).
			"cwl/aws/OpenSearchService/domains/search-prod/audit-logs/2026/11/27/10/aes-siem-cwl-opensearch-1-2026-11-27-10-20-00-0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
}

// Open reads audit messages written as JSON values, one per line or
// back to back.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), Normalize), nil
}

// OpenMessages reads the messages a CloudWatch Logs subscription carried:
// each log event's message is one audit message.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
