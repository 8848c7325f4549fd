package clientvpn_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/clientvpn"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyCWL is CloudWatch Logs payloads written by Firehose: two data
	// payloads around a control message (excluded); the last entry has a
	// device-ip that is not an address (dead-lettered).
	keyCWL = "AWSLogs/123456789012/ClientVPN/eu-west-1/2026/11/27/10/siem-clientvpn-1-2026-11-27-10-05-00-5d4c3b2a-1908-4f7e-8d6c-5b4a39281706"
	// keyJSON is log events kept as JSON lines.
	keyJSON = "archive/AWSLogs/123456789012/ClientVPN/us-east-1/cvpn-endpoint-0fedcba9876543210.json.gz"
)

// fields are compared with the expected documents written by hand from
// AWS's documented field meanings.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome",
	"event.reason", "event.start", "event.end", "event.duration",
	"cloud.provider", "cloud.region",
	"source.ip", "source.address", "source.port", "source.bytes", "source.packets",
	"destination.bytes", "destination.packets",
	"network.transport", "network.type", "network.bytes", "network.packets",
	"user.name", "related.ip", "related.user", "tls.client.x509.subject.common_name",
	"observer.vendor", "observer.product", "observer.type",
	"aws.clientvpn.connection_id", "aws.clientvpn.client_vpn_endpoint_id",
	"aws.clientvpn.connection_attempt_status", "aws.clientvpn.connection_reset_status",
	"aws.clientvpn.client_ip", "aws.clientvpn.common_name", "aws.clientvpn.device_type",
	"aws.clientvpn.other",
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   clientvpn.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "cloudwatch-logs", Key: keyCWL, Input: sample(keyCWL), File: "testdata/cloudwatch-logs.golden", Indexed: 5, Excluded: 1, DeadLettered: 1},
			{Name: "json-lines", Key: keyJSON, Input: sample(keyJSON), File: "testdata/json-lines.golden", Indexed: 2},
		},
		Compare: fields,
	}
}

// TestHarness runs detection, the goldens and AWS's documented example
// entry against a document written by hand.
func TestHarness(t *testing.T) {
	h := harness()
	conf := shared.Dir(t, "conformance")
	h.Fixtures = []siemtest.Fixture{{
		Input:    filepath.Join(conf, "raw", "aws_client_vpn", "clientvpn-connection-log-example.json"),
		Expected: "testdata/aws-doc-example.expected.json",
		Key:      "AWSLogs/123456789012/ClientVPN/clientvpn-connection-log-example.json",
	}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
