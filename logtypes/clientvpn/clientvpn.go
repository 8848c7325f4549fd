package clientvpn

import (
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "clientvpn"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it.
	Dataset = "aws.clientvpn"
)

// keyPattern is the reference system's pattern: the prefix its Client
// VPN exporter writes under.
var keyPattern = regexp.MustCompile(`/ClientVPN/`)

type logType struct{}

// New returns the clientvpn log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS Client VPN connection logs (JSON, CloudWatch Logs subscription payloads written by Firehose, or plain JSON objects)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// CloudWatch Logs subscription -> Firehose, under the prefix
			// of the reference system's clientvpn exporter (gzipped
			// payloads, no extension).
			"AWSLogs/123456789012/ClientVPN/eu-west-1/2026/11/27/10/siem-clientvpn-1-2026-11-27-10-05-00-5d4c3b2a-1908-4f7e-8d6c-5b4a39281706",
			// Log events exported or copied as JSON objects.
			"archive/AWSLogs/123456789012/ClientVPN/us-east-1/cvpn-endpoint-0a1b2c3d4e5f60718.json.gz",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
}

// Open reads JSON objects (one per line, pretty-printed or back to back),
// each a connection log entry.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	region, account := regionOf(obj.Key), accountOf(obj.Key)
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		if err := normalize(rec, ev, region); err != nil {
			return err
		}
		ev.Keyword("cloud.account.id", account)
		return nil
	}), nil
}

// OpenMessages reads CloudWatch Logs subscription payloads: each log
// event's message is one connection log entry. The account is the
// payload's owner, which the envelope maps.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	region := regionOf(obj.Key)
	return siem.NewObjectReader(messages, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, region)
	}), nil
}

// Normalize maps one connection log entry onto ev with nothing known from
// its object's key.
func Normalize(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, "") }

var regionPattern = regexp.MustCompile(`/ClientVPN/((?:us|ap|ca|eu|il|me|mx|sa|af|cn)-(?:gov-|iso-|isob-)?[a-z]+-[0-9])(?:/|$)`)

// regionOf reads the region of an AWSLogs/<account>/ClientVPN/<region>/
// prefix.
func regionOf(key string) string {
	if !strings.Contains(key, "/ClientVPN/") {
		return ""
	}
	if m := regionPattern.FindStringSubmatch(key); m != nil {
		return m[1]
	}
	return ""
}

var accountPattern = regexp.MustCompile(`(?:^|/)AWSLogs/([0-9]{12})/ClientVPN/`)

// accountOf reads the account of an AWSLogs/<account>/ClientVPN/ prefix.
func accountOf(key string) string {
	if m := accountPattern.FindStringSubmatch(key); m != nil {
		return m[1]
	}
	return ""
}
