package windows

import (
	"io"
	"regexp"
	"sync"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/winevent"
)

// The registry names of the three types.
const (
	NameEvent            = "windows-event"
	NameDirectoryService = "directory-service"
	NameFSx              = "fsx-windows"
)

// The event.dataset of each type. The vendor fields of all three live
// under Namespace.
const (
	DatasetEvent            = "windows.event"
	DatasetDirectoryService = "windows.directory_service"
	DatasetFSx              = "windows.fsx"
)

// Namespace is the vendor namespace the three types share, as Elastic's
// Windows and System integrations name it.
const Namespace = "winlog"

// kind tells the three types apart where their documents differ.
type kind uint8

const (
	kindEvent kind = iota
	kindDirectoryService
	kindFSx
)

type logType struct{ k kind }

// Event returns the type of Windows event logs that the CloudWatch agent
// sends to CloudWatch Logs (event_format xml), delivered to S3 by a
// subscription filter and Firehose, or written as XML files.
func Event() siem.LogType { return logType{kindEvent} }

// DirectoryService returns the type of AWS Managed Microsoft AD domain
// controller security logs, forwarded to CloudWatch Logs.
func DirectoryService() siem.LogType { return logType{kindDirectoryService} }

// FSx returns the type of Amazon FSx for Windows File Server audit event
// logs, delivered by Firehose directly (or through CloudWatch Logs).
func FSx() siem.LogType { return logType{kindFSx} }

var (
	// The reference system's key rules, one per type.
	keyEvent            = regexp.MustCompile(`/[Ww]indows.*[Ee]vent`)
	keyDirectoryService = regexp.MustCompile(`/DirectoryService/MicrosoftAD/`)
	keyFSx              = regexp.MustCompile(`/aws-fsx-`)
)

func (t logType) Info() siem.Info {
	info := siem.Info{
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
	switch t.k {
	case kindDirectoryService:
		info.Name = NameDirectoryService
		info.Description = "AWS Managed Microsoft AD domain controller security event logs (Windows event XML forwarded to CloudWatch Logs, delivered by a subscription filter and Firehose)"
		info.Dataset = DatasetDirectoryService
		info.KeyPattern = keyDirectoryService
		info.SampleKeys = []string{
			// Log forwarding to /aws/directoryservice/<directory-id>, then a
			// subscription filter to Firehose writing under the prefix the
			// reference system's log exporter uses.
			"AWSLogs/123456789012/DirectoryService/MicrosoftAD/us-east-1/2026/11/27/10/siem-directory-service-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
		}
	case kindFSx:
		info.Name = NameFSx
		info.Description = "Amazon FSx for Windows File Server file access audit event logs (Windows event XML delivered by a Firehose stream named aws-fsx-*, or through CloudWatch Logs)"
		info.Dataset = DatasetFSx
		info.KeyPattern = keyFSx
		info.SampleKeys = []string{
			// Audit logs sent to a Firehose stream (its name must begin
			// with aws-fsx), written to S3 with the stream's name.
			"AWSLogs/123456789012/FSx/us-east-1/2026/11/27/10/aws-fsx-siem-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9.gz",
			// Audit logs sent to a /aws/fsx/ log group, then a
			// subscription filter to Firehose under an aws-fsx- prefix.
			"AWSLogs/123456789012/aws-fsx-cwl/eu-west-1/2026/11/27/10/siem-fsx-cwl-1-2026-11-27-10-15-00-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
		}
	default:
		info.Name = NameEvent
		info.Description = "Windows event logs in event XML (Security, System, Application, Sysmon...) from the CloudWatch agent through CloudWatch Logs and Firehose, or XML files and wevtutil exports"
		info.Dataset = DatasetEvent
		info.KeyPattern = keyEvent
		info.SampleKeys = []string{
			// CloudWatch agent -> CloudWatch Logs -> subscription filter ->
			// Firehose, under the reference system's prefix.
			"AWSLogs/123456789012/EC2/Windows/Event/us-east-1/2026/11/27/10/siem-windows-event-1-2026-11-27-10-05-00-9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
			// Event XML files (a wevtutil export) copied to S3.
			"exports/windows/eventlogs/dc01-security-20261127.xml",
		}
	}
	info.Vendor.Namespace = Namespace
	return info
}

// Open reads events written one after another, one per line or not, or
// inside a wevtutil <Events> export: the Reader frames them, and each is
// parsed in Normalize, so that parsing runs on the pipeline's workers.
func (t logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return objectReader{Reader: winevent.NewReader(r, winevent.Options{FrameOnly: true}), k: t.k}, nil
}

// OpenMessages reads the messages of CloudWatch Logs subscription
// payloads: each message is one event.
func (t logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return objectReader{Reader: messages, k: t.k}, nil
}

type objectReader struct {
	parser.Reader
	k kind
}

var parsers = sync.Pool{New: func() any { return new(parserState) }}

// parserState is what one worker reuses between records.
type parserState struct {
	p winevent.Parser
	e winevent.Event
}

func (o objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	st := parsers.Get().(*parserState)
	defer parsers.Put(st)
	return normalize(rec, ev, o.k, &st.p, &st.e)
}
