package inspector

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "inspector"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it.
	Dataset = "aws.inspector"
	// RuleNotFinding is the exclusion rule counted for Inspector events
	// that are not findings (the scan and coverage notices EventBridge
	// also carries from aws.inspector2).
	RuleNotFinding = "inspector-not-a-finding"
)

// keyPattern matches the token the reference system keys Inspector
// objects on: Firehose prefixes that an EventBridge rule for "Inspector2
// Finding" events writes to name it (AWS has no direct delivery of
// findings to S3 as a log).
var keyPattern = regexp.MustCompile(`Inspector2_Finding`)

type logType struct{}

// New returns the Inspector v2 findings log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Amazon Inspector v2 findings (EventBridge \"Inspector2 Finding\" events written by Firehose, or bare findings one per line)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// EventBridge rule -> Firehose -> S3, default hourly prefix
			// under a folder naming the detail type.
			"AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7",
			// Firehose with dynamic partitioning and a .gz extension.
			"inspector/Inspector2_Finding/account=123456789012/region=eu-west-1/2026/11/27/siem-inspector-2-2026-11-27-23-55-10-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.gz",
			// Findings exported or collected one per line.
			"exports/Inspector2_Finding/123456789012/findings-2026-11-27.jsonl.gz",
		},
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// Open reads bare findings: JSON objects one per line or back to back.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), Normalize), nil
}

// OpenMessages reads the findings EventBridge events carried: each
// event's detail is one finding.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
