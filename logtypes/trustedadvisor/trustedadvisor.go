package trustedadvisor

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "trustedadvisor"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it (aws.trustedadvisor.*).
	Dataset = "aws.trustedadvisor"
	// RuleCloudTrailRecord is the exclusion rule counted for CloudTrail
	// records of Trusted Advisor API calls (RefreshCheck,
	// DescribeTrustedAdvisorCheckResult...), which an EventBridge rule
	// matching source aws.trustedadvisor delivers as "AWS API Call via
	// CloudTrail" events beside the refresh events. They are no check
	// results; the cloudtrail type indexes them from the trail.
	RuleCloudTrailRecord = "trustedadvisor-cloudtrail-record"
)

// keyPattern is the reference system's (/TrustedAdvisor/), which covers
// both its Lambda's keys (AWSLogs/<account>/TrustedAdvisor/us-east-1/...)
// and a Firehose prefix for the EventBridge events; a lower-case prefix
// is accepted too.
var keyPattern = regexp.MustCompile(`/(?:TrustedAdvisor|trustedadvisor|trusted-advisor)/`)

type logType struct{}

// New returns the AWS Trusted Advisor log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS Trusted Advisor check results (a scheduled Lambda's DescribeTrustedAdvisorCheckResult records) and check item refresh events (EventBridge, written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// The reference system's Lambda writes one gzip object per run.
			"AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/trustedadvisor-check-results-20261127_100000.json.gz",
			// EventBridge rule (us-east-1) -> Firehose -> S3.
			"AWSLogs/123456789012/TrustedAdvisor/events/2026/11/27/10/siem-trustedadvisor-events-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
		},
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// Open reads the Lambda's objects: JSON records written back to back (no
// separator), or one per line.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), normalize), nil
}

// OpenMessages reads the details of EventBridge events: each is one check
// item refresh notification.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalize), nil
}
