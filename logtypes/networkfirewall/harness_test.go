package networkfirewall_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/networkfirewall"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are our own sample objects under the repository's testdata, at
// the keys Network Firewall delivers them to.
var goldens = []siemtest.Golden{
	{Name: "flow", Key: "AWSLogs/111122223333/network-firewall/flow/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_flow_us-east-1_egress-fw_202611271000_5d2c9a1e.log.gz", Indexed: 6},
	{Name: "alert", Key: "AWSLogs/111122223333/network-firewall/alert/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_alert_us-east-1_egress-fw_202611271005_8b7f3c2d.log.gz", Indexed: 5, DeadLettered: 2},
	// CloudWatch Logs subscription payloads written by Firehose: a
	// control message (excluded), then two alerts.
	{Name: "cloudwatch-firehose", Key: "network-firewall/alert/2026/11/27/10/nfw-alert-stream-1-2026-11-27-10-05-00-3f2a9c1e-7b4d-4e8f-a6c5-0d9e8f7a6b5c", Indexed: 2, Excluded: 1},
	{Name: "tls", Key: "AWSLogs/111122223333/network-firewall/tls/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_tls_us-east-1_egress-fw_202611271010_0e4a6b9f.log.gz", Indexed: 3},
}

// elasticFields are the ECS fields compared with Elastic's expected
// documents.
var elasticFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.severity", "event.action",
	"source.ip", "source.port", "source.address", "destination.ip", "destination.port", "destination.address",
	"destination.domain", "network.transport", "network.protocol", "network.type", "network.community_id",
	"observer.name", "observer.type", "observer.vendor", "observer.product",
	"cloud.availability_zone", "cloud.region", "rule.id", "rule.name", "rule.version",
	"http.request.method", "http.version", "url.original", "url.path", "user_agent.original", "related.ip",
}

var elasticDifferences = []siemtest.Difference{
	{Field: "@timestamp", Reason: "Suricata writes microseconds; Elastic keeps milliseconds, we keep them all"},
	{Field: "event.category", Reason: "alerts are also intrusion_detection (ECS: IDS/IPS events)"},
	{Field: "event.action", Reason: "the alert's action (allowed/blocked) is the event's action; Elastic leaves it out"},
	{Field: "destination.domain", Reason: "the HTTP host here is an IP address, not a domain; Elastic copies it anyway"},
	{Field: "rule.version", Reason: "read from alert.rev; Elastic's pipeline reads alert.rev_id, which Network Firewall does not write, so it has none"},
	{Field: "network.protocol", Reason: "Elastic writes \"unknown\" when the record has no app_proto (its netflow record here) or Suricata's app_proto is \"unknown\"; not detected is not a protocol, so we leave the field out (Suricata's own value stays in aws.networkfirewall.app_proto)"},
}

func harness() siemtest.Harness {
	h := siemtest.Harness{Type: networkfirewall.New(), Others: all.Types(), Update: *update, Goldens: goldens,
		Compare: elasticFields, Differences: elasticDifferences}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens and Elastic's pipeline test for
// its firewall_logs data stream (an alert with HTTP, a netflow record).
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_network_firewall")
	input := filepath.Join(dir, "test-firewall.log")
	h.Fixtures = []siemtest.Fixture{{Input: input, Expected: input + "-expected.json"}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
