package msk_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/msk"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	directKey   = "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log.gz"
	cwlKey      = "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/cwl/2026/11/27/10/aes-siem-msk-cwl-1-2026-11-27-10-10-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
	firehoseKey = "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/firehose/2026/11/27/10/aws-msk-broker-logs-1-2026-11-27-10-15-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz"
)

func goldens(gs []siemtest.Golden) []siemtest.Golden {
	for i := range gs {
		g := &gs[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return gs
}

// compare lists the fields compared with Elastic's Kafka log pipeline
// (its kafka.log.class and kafka.log.component are renamed by prepare).
var compare = []string{
	"@timestamp", "event.kind", "event.type", "log.level", "log.logger", "message", "aws.msk.component",
}

// prepare moves Elastic's vendor fields to where this type keeps them:
// kafka.log.class is log4j's logger (%c), ECS log.logger; the component
// is kept under aws.msk.
func prepare(doc map[string]any) {
	k, _ := doc["kafka"].(map[string]any)
	l, _ := k["log"].(map[string]any)
	if l == nil {
		return
	}
	if c, ok := l["class"]; ok {
		lg, _ := doc["log"].(map[string]any)
		if lg == nil {
			lg = map[string]any{}
			doc["log"] = lg
		}
		lg["logger"] = c
	}
	if c, ok := l["component"]; ok {
		doc["aws"] = map[string]any{"msk": map[string]any{"component": c}}
	}
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   msk.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: goldens([]siemtest.Golden{
			{Name: "direct", Key: directKey, Indexed: 13, DeadLettered: 1},
			{Name: "cloudwatch", Key: cwlKey, Indexed: 3, Excluded: 1},
			{Name: "firehose", Key: firehoseKey, Indexed: 3},
		}),
		Compare: compare,
		Differences: []siemtest.Difference{
			{Field: "aws.msk.component", Reason: `Elastic writes the placeholder "unknown" when the message has no [component]; an absent value is left out here (ECS documents hold no placeholders)`},
		},
	}
}

// TestHarness runs detection, the goldens and Elastic's Kafka 3.6
// server.log pipeline test (20 records).
func TestHarness(t *testing.T) {
	h := harness()
	in := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_msk_kafka_broker", "test-server-3-6-0.log")
	h.Fixtures = []siemtest.Fixture{{
		Input: in, Expected: in + "-expected.json", Prepare: prepare,
		Key: "AWSLogs/123456789012/KafkaBrokerLogs/us-east-1/test-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-1/2025-04-09-10/Broker-0_10-00_00000000.log",
	}}
	h.Test(t)
}

func FuzzObject(f *testing.F) { harness().Fuzz(f) }
