package cloudtrail

import (
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "cloudtrail"
	// Dataset is the ECS event.dataset of its events.
	Dataset = "aws.cloudtrail"
	// RuleDigest is the exclusion rule counted for digest records met
	// inside an object that was not recognised as a digest by its key.
	RuleDigest = "cloudtrail-digest"
)

// keyPattern matches the folders CloudTrail delivers to:
// AWSLogs/<account>/CloudTrail/..., CloudTrail-Insight/... and
// CloudTrail-Digest/... (organization trails add an o-xxxx level before
// the account, which the unanchored pattern also matches), and Firehose
// prefixes that follow the same layout. What an object under them holds
// (a log file, or CloudWatch Logs payloads written by Firehose) is told
// by its content: see Info.Envelopes.
var keyPattern = regexp.MustCompile(`CloudTrail(?:-Insight|-Digest)?/`)

// digestFolder marks digest objects. They are recognised by key so that
// they are reported as holding no events, not as broken objects.
const digestFolder = "CloudTrail-Digest/"

type logType struct{}

// New returns the CloudTrail log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS CloudTrail management, data, network activity and Insight events ({\"Records\":[...]} files, one event per line, or CloudWatch Logs subscription payloads and EventBridge events written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz",
			"AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/eu-west-1/2026/11/27/123456789012_CloudTrail_eu-west-1_20261127T2355Z_Q9w8E7r6T5y4U3i2.json.gz",
			"AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/27/123456789012_CloudTrail-Insight_us-east-1_20261127T1015Z_In5ightStartEnd.json.gz",
			"AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/27/123456789012_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20261127T110000Z.json.gz",
			// CloudTrail -> CloudWatch Logs -> subscription filter ->
			// Firehose -> S3, under a prefix the user chose; Firehose
			// objects have no extension.
			"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/10/siem-cloudtrail-cwl-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
		},
		// Events sent to a CloudWatch Logs group and on through a
		// subscription, or matched by an EventBridge rule ("AWS API Call
		// via CloudTrail"), arrive wrapped; each message is one event.
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs(), envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	if strings.Contains(obj.Key, digestFolder) {
		return nil, &siem.NotEventsError{
			Object: obj,
			Type:   Name,
			Reason: "CloudTrail digest file (hashes and signatures of delivered log files, no events); check log integrity with `aws cloudtrail validate-logs` instead",
		}
	}
	records := parser.NewJSONRecordsReader(r, "Records", parser.JSONOptions{})
	return siem.NewObjectReader(records, Normalize), nil
}

// OpenMessages reads the events an envelope unwrapped: one message is one
// event, normalized as if read from a log file. The event's own eventID,
// time, account and region win over the envelope's.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
