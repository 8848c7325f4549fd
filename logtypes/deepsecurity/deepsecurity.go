package deepsecurity

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// Namespace is where the fields without an ECS home are kept.
const Namespace = "trendmicro.deep_security"

// New returns the deepsecurity log type: Trend Micro Deep Security and
// Cloud One Workload Security agent and manager events in CEF or LEEF.
func New() siem.LogType { return logType{} }

type logType struct{}

var info = siem.Info{
	Name:        "deepsecurity",
	Description: "Trend Micro Deep Security / Workload Security agent and manager events (CEF or LEEF; syslog lines, fluentd JSON lines or CloudWatch Logs)",
	Dataset:     "trendmicro.deep_security",
	// The reference system's key is ds_agent (where its fluentd shipper
	// writes); objects may also sit under a folder named after the
	// product.
	KeyPattern: regexp.MustCompile(`ds_agent|(?i:deep[-_]?security)/`),
	SampleKeys: []string{
		// fluentd (td-agent) out_s3, one JSON object per line, gzip.
		"ds_agent/2026/11/27/10_0.gz",
		// CloudWatch agent -> CloudWatch Logs -> subscription -> Firehose.
		"ds_agent/cwl/2026/11/27/10/ds-agent-to-s3-1-2026-11-27-10-05-12-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0.gz",
		// the manager's syslog as written by rsyslog and copied to S3.
		"logs/deepsecurity/dsm01/2026-11-27.log.gz",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	Vendor:    vendorSchema,
}

var vendorSchema = siem.VendorSchema{
	Namespace: Namespace,
	Fields: []siem.VendorField{
		{Path: "count", Type: siem.VendorLong},
		{Path: "quarantine_file_size", Type: siem.VendorLong},
		{Path: "threat_probability", Type: siem.VendorLong},
		{Path: "repeat_count", Type: siem.VendorLong},
		{Path: "detect_only", Type: siem.VendorBoolean},
		{Path: "xff", Type: siem.VendorKeyword},
		{Path: "packet_data", Type: siem.VendorWildcard},
		{Path: "packet_text", Type: siem.VendorWildcard},
		{Path: "extensions", Type: siem.VendorFlatObject},
	},
}

func (logType) Info() siem.Info { return info }

// Open reads an object of lines: CEF or LEEF records, with or without a
// syslog header, or fluentd JSON lines whose "message" holds one.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), normalize), nil
}

// OpenMessages reads the messages a CloudWatch Logs payload carried: one
// message is one record, a line as the agent or syslog daemon wrote it.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalize), nil
}
