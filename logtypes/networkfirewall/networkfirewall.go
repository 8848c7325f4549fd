package networkfirewall

import (
	"io"
	"path"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "networkfirewall"
	// Dataset is the ECS event.dataset of its events.
	Dataset = "aws.networkfirewall"
)

// keyPattern matches Network Firewall's direct S3 delivery, whose keys
// hold the folder network-firewall/ and a file name with
// _network-firewall_ (the reference system's pattern), and Firehose or
// CloudWatch Logs export prefixes named after the service.
var keyPattern = regexp.MustCompile(`_network-firewall_|(?:^|/)network-firewall/`)

type logType struct{}

// New returns the AWS Network Firewall log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS Network Firewall flow, alert and TLS logs (Suricata EVE JSON, one record per line, direct to S3, through Firehose or in CloudWatch Logs subscription payloads)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			"AWSLogs/111122223333/network-firewall/flow/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_flow_us-east-1_egress-fw_202611271000_a1b2c3d4.log.gz",
			"AWSLogs/111122223333/network-firewall/alert/eu-west-1/inspection-fw/2026/11/27/10/111122223333_network-firewall_alert_eu-west-1_inspection-fw_202611271005_e5f6a7b8.log.gz",
			"AWSLogs/111122223333/network-firewall/tls/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_tls_us-east-1_egress-fw_202611271010_c9d0e1f2.log.gz",
			// Network Firewall -> Firehose -> S3 under a prefix the user
			// chose; Firehose objects have no extension.
			"network-firewall/alert/2026/11/27/10/nfw-alert-stream-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
		},
		// Logs sent to a CloudWatch Logs group and on through a
		// subscription filter arrive wrapped; each message is one record.
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
}

// Open reads an object of records, one JSON object per line, or back to
// back as Firehose writes them.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return newReader(obj, parser.NewJSONValueReader(r, parser.JSONOptions{})), nil
}

// OpenMessages reads the records an envelope unwrapped: one message is one
// record.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return newReader(obj, messages), nil
}

type reader struct {
	parser.Reader
	key keyInfo
}

func newReader(obj siem.Object, r parser.Reader) *reader {
	return &reader{Reader: r, key: parseKey(obj.Key)}
}

// keyInfo is what a direct-delivery key says:
//
//	[prefix/]AWSLogs/<account>/network-firewall/<alert|flow|tls>/<region>/<firewall>/YYYY/MM/DD/HH/
//	  <account>_network-firewall_<type>_<region>_<firewall>_<YYYYMMDDHHmm>_<hash>.log.gz
type keyInfo struct {
	account, region string
}

var (
	keyFolders  = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/network-firewall/(?:alert|flow|tls)/([a-z0-9-]+)/`)
	keyFileName = regexp.MustCompile(`^(\d{12})_network-firewall_(?:alert|flow|tls)_([a-z]{2}(?:-[a-z]+)+-\d+)_`)
)

// parseKey reads the account and region from the folders, else from the
// file name. Other keys give an empty keyInfo.
func parseKey(key string) keyInfo {
	if m := keyFolders.FindStringSubmatch(key); m != nil {
		return keyInfo{account: m[1], region: m[2]}
	}
	if m := keyFileName.FindStringSubmatch(path.Base(key)); m != nil {
		return keyInfo{account: m[1], region: m[2]}
	}
	return keyInfo{}
}
