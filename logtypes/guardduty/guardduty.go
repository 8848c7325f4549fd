package guardduty

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "guardduty"
	// Dataset is the ECS event.dataset of its events, and the namespace
	// of its vendor fields.
	Dataset = "aws.guardduty"
	// RuleNotFinding is the exclusion rule counted for the GuardDuty
	// events EventBridge carries that are not findings (malware scan
	// results, runtime agent health...): an EventBridge rule matching
	// all of source aws.guardduty sends them along with the findings.
	RuleNotFinding = "guardduty-not-a-finding"
)

// keyPattern matches a GuardDuty/ folder anywhere in the key: the export
// destination AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/<uuid>.jsonl.gz
// (the reference system's /GuardDuty/), and a Firehose prefix such as
// GuardDuty/YYYY/MM/DD/HH/ chosen for findings sent by an EventBridge
// rule. The content, not the key, tells an export from EventBridge events.
var keyPattern = regexp.MustCompile(`(?:^|/)GuardDuty/`)

type logType struct{}

// New returns the GuardDuty log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Amazon GuardDuty findings (S3 export, one finding per line, or GuardDuty Finding events from EventBridge written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// The export destination; the account is the administrator's
			// when it exports its members' findings.
			"AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz",
			// EventBridge rule -> Firehose -> S3 under a user prefix.
			"GuardDuty/2026/11/27/10/siem-guardduty-findings-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.gz",
		},
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// Open reads an export object: findings one per line, written back to
// back, pretty-printed, in a top-level JSON array (as saved from the
// console), or in the {"findings":[...]} object of a GetFindings
// response.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewJSONRecordsReader(r, "findings", parser.JSONOptions{}), Normalize), nil
}

// OpenMessages reads the findings EventBridge events carried: each
// event's detail is one finding, read as if from an export.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
