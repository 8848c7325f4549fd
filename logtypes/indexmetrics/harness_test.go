package indexmetrics_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// keyExporter is one hourly run of the exporter: index rows of every tier
// and state, shard rows (primary, replica, unassigned, relocating), and a
// shard row whose document count is not a number (dead-lettered).
const keyExporter = "AWSLogs/123456789012/OpenSearch/metrics/us-east-1/2026/11/27/aos_index_metrics_3f2b9c1d7e4a45b8a6c0d9e8f7a6b5c4.json.gz"

// fields are compared with the expected documents written by hand.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.dataset", "event.module",
	"cloud.provider", "cloud.account.id", "cloud.region", "service.name", "service.type",
	"opensearch.cluster", "opensearch.index", "opensearch.node", "opensearch.shard",
	"opensearch.metricset", "opensearch.other",
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   indexmetrics.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "exporter", Key: keyExporter, Input: sample(keyExporter), File: "testdata/exporter.golden", Indexed: 11, DeadLettered: 1},
		},
		Fixtures: []siemtest.Fixture{{
			Input:    "testdata/exporter-rows.ndjson",
			Expected: "testdata/exporter-rows.expected.json",
			Key:      "AWSLogs/123456789012/OpenSearch/metrics/ap-northeast-1/2026/11/27/aos_index_metrics_0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5.json.gz",
		}},
		Compare: fields,
	}
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

// TestHarness runs detection, the golden and the hand-written fixture.
func TestHarness(t *testing.T) { harness().Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// golden's input.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
