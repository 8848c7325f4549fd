package inspector_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink/opensearch"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyFirehose holds EventBridge events written back to back by
	// Firehose: findings of every type, an update of one of them, a scan
	// notice (excluded) and a finding with an unreadable time
	// (dead-lettered).
	keyFirehose = "AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7"
	// keyExport holds bare findings one per line, gzipped, with console
	// and epoch-second times and a line cut short (dead-lettered).
	keyExport = "exports/Inspector2_Finding/123456789012/findings-2026-11-27.jsonl.gz"
)

// fields are compared with the expected documents written by hand for
// the conformance sample.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.id", "event.created", "event.risk_score",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.instance.id", "cloud.machine.type",
	"host.id", "host.ip", "related.ip", "related.hosts",
	"rule.id", "rule.name", "rule.category",
	"vulnerability.id", "vulnerability.description", "vulnerability.reference", "vulnerability.severity",
	"vulnerability.classification", "vulnerability.score.base", "vulnerability.score.version",
	"vulnerability.scanner.vendor", "vulnerability.category", "vulnerability.enumeration",
	"network.transport", "network.iana_number", "destination.port",
	"package.name", "package.version", "package.architecture", "package.path",
	"container.image.name", "container.image.tag", "container.image.hash.all",
	"aws.inspector.type", "aws.inspector.status", "aws.inspector.severity", "aws.inspector.inspector_score",
	"aws.inspector.first_observed_at", "aws.inspector.last_observed_at", "aws.inspector.updated_at",
	"aws.inspector.remediation.recommendation.text", "aws.inspector.remediation.recommendation.url",
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   inspector.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "firehose-eventbridge", Key: keyFirehose, Input: sample(keyFirehose), File: "testdata/firehose-eventbridge.golden", Indexed: 5, Excluded: 1, DeadLettered: 1},
			{Name: "export-lines", Key: keyExport, Input: sample(keyExport), File: "testdata/export-lines.golden", Indexed: 2, DeadLettered: 1},
		},
		Compare: fields,
	}
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

// TestHarness runs detection, the goldens, and the synthetic finding of
// Elastic's pipeline test against documents written by hand from the
// Inspector API reference (testdata/elastic-inspector.expected.json).
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_inspector")
	h.Fixtures = []siemtest.Fixture{{
		Input:    filepath.Join(dir, "elastic-integrations-test-inspector.log"),
		Expected: "testdata/elastic-inspector.expected.json",
		Key:      "AWSLogs/123456789012/Inspector2_Finding/elastic-integrations-test-inspector.log",
	}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }

// TestIndexName checks that the findings go to the reference system's
// index, log-aws-inspector.
func TestIndexName(t *testing.T) {
	if got := opensearch.DefaultIndexName(inspector.Name); got != "log-aws-inspector" {
		t.Errorf("index base name %q, want log-aws-inspector", got)
	}
}
