package config_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are Config objects under the repository's testdata, at the keys
// AWS (or a Firehose stream) would write them to.
var goldens = []siemtest.Golden{
	// Three captured states of one instance and one item whose capture
	// time is not RFC 3339.
	{Name: "history-ec2-instance", Key: "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigHistory/123456789012_Config_us-east-1_ConfigHistory_AWS::EC2::Instance_20261127T040000Z_20261127T100000Z_1.json.gz", Indexed: 3, DeadLettered: 1},
	// Ten resource types: EIP, ENI, NAT gateway, IAM user and role
	// (region "global"), S3 bucket with supplementary configuration,
	// security group, Lambda (configuration as JSON text), SSM inventory,
	// and a stack whose configuration has a key flat_object refuses.
	{Name: "snapshot-varied", Key: "AWSLogs/210987654321/Config/eu-west-1/2026/1/5/ConfigSnapshot/210987654321_Config_eu-west-1_ConfigSnapshot_20260105T091300Z_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json.gz", Indexed: 10},
	// EventBridge events written by Firehose back to back: three
	// compliance changes, a configuration item change, an oversized
	// change, a snapshot delivery status (excluded) and a broken
	// compliance change.
	{Name: "eventbridge-firehose", Key: "AWSLogs/123456789012/ConfigRules/us-east-1/2026/11/27/10/siem-config-rules-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", Indexed: 5, Excluded: 1, DeadLettered: 1},
	// SNS notifications (Message a JSON string) written by Firehose, one
	// per line: two changes, a history delivery status (excluded) and a
	// console test message that is not JSON.
	{Name: "sns-firehose", Key: "AWSLogs/123456789012/Config/us-east-2/sns/2026/11/27/11/siem-config-sns-1-2026-11-27-11-00-00-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Indexed: 2, Excluded: 1, DeadLettered: 1},
}

// compared are the fields checked against the expected documents written
// from AWS's documentation for the raw samples.
var compared = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.id", "event.created",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.availability_zone", "cloud.instance.id",
	"entity.id", "entity.type", "entity.sub_type", "related.ip", "related.hosts",
	"aws.config.resource_type", "aws.config.resource_id", "aws.config.arn",
	"aws.config.availability_zone", "aws.config.configuration_item_status", "aws.config.configuration_item_version",
	"aws.config.configuration_state_id", "aws.config.configuration_state_md5_hash", "aws.config.resource_creation_time",
	"aws.config.related_events", "aws.config.file_type", "aws.config.message_type", "aws.config.message_version",
	"aws.config.record_version", "aws.config.change_type", "aws.config.changed_properties", "aws.config.tags",
	"aws.config.relationships", "aws.config.configuration.state", "aws.config.configuration.volumeType",
	"aws.config.configuration.size", "aws.config.configuration.instanceType", "aws.config.configuration.groupName",
	"aws.config.configuration.vpcId", "aws.config.sns",
}

func harness() siemtest.Harness {
	h := siemtest.Harness{Type: config.New(), Others: all.Types(), Update: *update, Goldens: goldens, Compare: compared}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens and AWS's documented samples
// (raw only: the expected documents in testdata/*.expected.json were
// written by hand from AWS's field descriptions). The SNS notifications are
// read as objects of their own; the snapshot example under a snapshot key
// (its items carry no region: the key's is used). The e-mail text of an
// oversized notification is no log record: TestEmailText checks that it
// is one dead letter.
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_config")
	inputs, err := filepath.Glob(filepath.Join(dir, "config-*.json"))
	if err != nil || len(inputs) != 4 {
		t.Fatalf("want the 4 AWS Config JSON samples in %s, found %d (%v)", dir, len(inputs), err)
	}
	for _, input := range inputs {
		name := filepath.Base(input)
		fx := siemtest.Fixture{Input: input, Expected: filepath.Join("testdata", strings.TrimSuffix(name, ".json")+".expected.json")}
		if strings.Contains(name, "snapshot") {
			fx.Key = "AWSLogs/123456789012/Config/us-west-2/2014/3/7/ConfigSnapshot/123456789012_Config_us-west-2_ConfigSnapshot_20140307T234800Z_example.json"
		}
		h.Fixtures = append(h.Fixtures, fx)
	}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
