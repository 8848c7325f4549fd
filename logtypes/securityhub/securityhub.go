package securityhub

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "securityhub"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under the same namespace.
	Dataset = "aws.securityhub"
	// RuleInsightResults is the exclusion rule counted for "Security Hub
	// Insight Results" events: an insight's aggregated counts, not a
	// finding.
	RuleInsightResults = "securityhub-insight-results"
)

// keyPattern matches the reference system's keys (SecurityHub|securityhub
// anywhere in the key): the Firehose prefixes AWSLogs/<account>/SecurityHub/
// <region>/ and stream names containing securityhub.
var keyPattern = regexp.MustCompile(`SecurityHub|securityhub`)

type logType struct{}

// New returns the Security Hub (ASFF findings) log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS Security Hub CSPM findings in ASFF (EventBridge events written by Firehose, one document per finding; or bare findings, one per line or {\"Findings\":[...]})",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// EventBridge rule -> Firehose -> S3 under the reference
			// system's prefix; Firehose objects have no extension.
			"AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-05-00-3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b",
			// The same stream with Firehose's default prefix and GZIP.
			"2026/11/27/10/aws-securityhub-findings-2-2026-11-27-10-15-00-9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a.gz",
			// An export of `aws securityhub get-findings`.
			"exports/securityhub/123456789012/us-east-1/get-findings-20261127T1000Z.json",
		},
		// Findings reach S3 only through EventBridge (one event per
		// finding, on every update) and a Firehose target.
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// Open reads an object of bare findings: one ASFF finding per line (or
// written back to back), or {"Findings":[...]} as `aws securityhub
// get-findings` writes, streamed. An object holding {"findings":[...]}
// (an EventBridge detail saved without its envelope) is cut too.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	records := parser.NewJSONRecordsReader(r, "Findings", parser.JSONOptions{})
	return siem.NewObjectReader(newCutter(records), Normalize), nil
}

// OpenMessages reads EventBridge details ({"findings":[...]}), one record
// per finding; each record carries its event's Delivery.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(newCutter(messages), Normalize), nil
}
