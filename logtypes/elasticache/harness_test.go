package elasticache_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/elasticache"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	slowKey      = "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/aes-siem-elasticache-slow-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz"
	engineKey    = "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-engine-log/2026/11/27/10/aes-siem-elasticache-engine-1-2026-11-27-10-05-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.gz"
	cwlSlowKey   = "AWSLogs/123456789012/ElastiCache/ap-northeast-1/cwl/redis-slow-log/2026/11/27/10/aes-siem-elasticache-cwl-1-2026-11-27-10-05-00-2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"
	cwlEngineKey = "AWSLogs/123456789012/ElastiCache/ap-northeast-1/cwl/redis-engine-log/2026/11/27/10/aes-siem-elasticache-cwl-1-2026-11-27-10-06-00-3d4e5f6a-7b8c-4d9e-0f1a-2b3c4d5e6f7a"
)

func goldens(gs []siemtest.Golden) []siemtest.Golden {
	for i := range gs {
		g := &gs[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return gs
}

// compare lists the fields compared with the expected documents written
// from AWS's documented field meanings.
var compare = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.duration",
	"source.ip", "source.port", "source.address", "related.ip", "log.level", "message",
	"aws.elasticache.cache_cluster_id", "aws.elasticache.cache_node_id", "aws.elasticache.slowlog_id",
	"aws.elasticache.command", "aws.elasticache.client_name", "aws.elasticache.role", "aws.elasticache.log_type",
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   elasticache.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: goldens([]siemtest.Golden{
			{Name: "slow-json", Key: slowKey, Indexed: 5, DeadLettered: 1},
			{Name: "engine-json", Key: engineKey, Indexed: 4, DeadLettered: 1},
			{Name: "cwl-slow-text", Key: cwlSlowKey, Indexed: 3, DeadLettered: 1},
			{Name: "cwl-engine-text", Key: cwlEngineKey, Indexed: 3},
		}),
		Compare: compare,
	}
}

// TestHarness runs detection, the goldens and AWS's documented examples
// (slow log and engine log, JSON and TEXT) against expected documents
// written by hand.
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_elasticache")
	for _, f := range []string{
		"elasticache-redis-slowlog-example.json", "elasticache-redis-slowlog-example.txt",
		"elasticache-redis-enginelog-example.json", "elasticache-redis-enginelog-example.txt",
	} {
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{
			Input: filepath.Join(dir, f), Expected: filepath.Join("testdata", f+".expected.json"),
			Key: "AWSLogs/123456789012/ElastiCache/us-east-1/redis-logs/" + f,
		})
	}
	h.Test(t)
}

func FuzzObject(f *testing.F) { harness().Fuzz(f) }
