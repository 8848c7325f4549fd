package firelens_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are FireLens objects under the repository's testdata, at the
// keys Fluent Bit's s3 output and a Firehose stream write them to.
var goldens = []siemtest.Golden{
	// Fluent Bit s3 output on Fargate, json_date_key "date": an Apache
	// container (access lines on stdout, its start-up notice on stderr)
	// beside a Java-ish application writing JSON logs of three styles, a
	// plain line, a stack trace on stderr, a blank line (excluded), an
	// access line with an impossible time and a FireLens line cut short
	// (both dead-lettered).
	{Name: "fluent-bit-s3", Key: "fluent-bit-logs/web-firelens-8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5/2026/12/06/17/30/00-objectQ3mX9aLp", Indexed: 14, Excluded: 1, DeadLettered: 2},
	// Fluent Bit kinesis_firehose output on the EC2 launch type, no time
	// key, gzip: zap JSON lines, plain lines, a Go panic on stderr, a JSON
	// line of empty values, a JSON array, and a 16 KB line split by Docker
	// into two partial messages.
	{Name: "firehose", Key: "firelens/checkout/2026/12/06/17/checkout-firelens-stream-1-2026-12-06-17-30-12-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b.gz", Indexed: 8},
}

func harness() siemtest.Harness {
	h := siemtest.Harness{
		Type:    firelens.New(firelens.Inner("apache.access", testApache)),
		Others:  all.Types(),
		Update:  *update,
		Goldens: goldens,
		// No other normalizer's output exists for FireLens: the expected
		// documents were written by hand from the documented meaning of
		// each FireLens member (ECS metadata, json_date_key) and of the
		// application's JSON members.
		Fixtures: []siemtest.Fixture{{
			Input: "testdata/ecs-metadata.ndjson", Expected: "testdata/ecs-metadata.expected.json",
			Key: "firelens/frontend/2026/12/06/09/frontend-firelens-1-2026-12-06-09-15-30-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
		}},
		Compare: []string{
			"@timestamp", "event.created", "event.dataset", "event.kind", "message", "log.level",
			"container.id", "container.name", "orchestrator.type", "orchestrator.cluster.name",
			"orchestrator.resource.type", "orchestrator.resource.id", "cloud.provider", "cloud.account.id",
			"cloud.region", "cloud.instance.id", "aws.firelens.source", "aws.firelens.task_definition", "firelens.format",
		},
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

func TestHarness(t *testing.T) { harness().Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
