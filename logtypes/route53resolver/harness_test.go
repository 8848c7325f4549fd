package route53resolver_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyDirect is direct delivery: JSON lines, gzipped, with a record
	// whose srcport is not a port (dead-lettered).
	keyDirect = "AWSLogs/123456789012/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/27/123456789012_vpcdnsquerylogs_us-east-1_rqlc-0a1b2c3d4e5f6a7b_20261127T1005Z_9f8e7d6c.log.gz"
	// keyFirehose is query logging to Firehose: records back to back.
	keyFirehose = "AWSLogs/123456789012/vpcdnsquerylogs/firehose/us-east-1/2026/11/27/10/siem-r53resolver-1-2026-11-27-10-05-00-3c2b1a09-8f7e-4d6c-b5a4-392817160504.gz"
	// keyCWL is CloudWatch Logs payloads written by Firehose: a control
	// message (excluded), and a record with an unreadable time
	// (dead-lettered).
	keyCWL = "AWSLogs/123456789012/vpcdnsquerylogs/cwl/eu-west-1/2026/11/27/10/siem-r53resolver-cwl-1-2026-11-27-10-15-00-7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"
)

// fields are compared with the expected documents written by hand.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.instance.id",
	"source.ip", "source.address", "source.port",
	"network.transport", "network.iana_number", "network.protocol", "network.type",
	"dns.type", "dns.question.name", "dns.question.type", "dns.question.class", "dns.response_code",
	"dns.answers", "dns.resolved_ip", "related.ip", "related.hosts", "rule.id", "rule.ruleset",
	"aws.route53resolver.vpc_id", "aws.route53resolver.version", "aws.route53resolver.firewall_rule_action",
	"aws.route53resolver.srcids.resolver_endpoint", "aws.route53resolver.srcids.resolver_network_interface",
	"aws.route53resolver.other",
}

// elasticSubset lists the records of Elastic's test-route53.log that
// testdata/elastic-route53-subset.expected.json describes, in its order:
// NXDOMAIN, PTR, a CNAME then AAAA, NODATA, a failed reverse lookup, four
// A answers with a repeated address, queries from an instance, a CNAME
// chain, the DNS Firewall BLOCK record and an IPv6 reverse lookup.
var elasticSubset = []int{1, 2, 11, 12, 21, 26, 30, 32, 33, 34}

// selectLines returns the given 1-based lines of data, in that order.
func selectLines(lines []int) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		all := bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n"))
		var out []byte
		for _, n := range lines {
			if n < 1 || n > len(all) {
				return nil, fmt.Errorf("no line %d (the file has %d)", n, len(all))
			}
			out = append(append(out, all[n-1]...), '\n')
		}
		return out, nil
	}
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   route53resolver.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "direct", Key: keyDirect, Input: sample(keyDirect), File: "testdata/direct.golden", Indexed: 11, DeadLettered: 1},
			{Name: "firehose", Key: keyFirehose, Input: sample(keyFirehose), File: "testdata/firehose.golden", Indexed: 4},
			{Name: "cloudwatch-logs", Key: keyCWL, Input: sample(keyCWL), File: "testdata/cloudwatch-logs.golden", Indexed: 3, Excluded: 1, DeadLettered: 1},
		},
		Compare: fields,
	}
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

// TestHarness runs detection, the goldens, and three conformance inputs
// against documents written by hand from the documented format (no
// expected ECS output of another normalizer is available for them): a
// subset of Elastic's pipeline-test records (elasticSubset), all of
// Panther's rule-test records, other logs among them, and AWS's DNS
// Firewall example that OCSF's examples carry.
func TestHarness(t *testing.T) {
	h := harness()
	conf := shared.Dir(t, "conformance")
	h.Fixtures = []siemtest.Fixture{
		{
			Input:    filepath.Join(conf, "elastic-integrations", "aws_route53_resolver", "test-route53.log"),
			Expected: "testdata/elastic-route53-subset.expected.json",
			Read:     selectLines(elasticSubset),
		},
		{
			Input:    filepath.Join(conf, "raw", "aws_route53_resolver", "panther-analysis-AWS-VPCDns.ndjson"),
			Expected: "testdata/panther-vpcdns.expected.json",
		},
		{
			Input:    filepath.Join(conf, "ocsf-examples", "aws_route53_resolver", "route53.raw"),
			Expected: "testdata/ocsf-route53.expected.json",
			Key:      keyDirect,
		},
	}
	h.Test(t)
}

// TestElasticAll runs every record of Elastic's test file: all must be
// indexed as valid documents, although only elasticSubset is compared
// field by field.
func TestElasticAll(t *testing.T) {
	conf := shared.Dir(t, "conformance")
	data, err := os.ReadFile(filepath.Join(conf, "elastic-integrations", "aws_route53_resolver", "test-route53.log"))
	if err != nil {
		t.Fatal(err)
	}
	res := siemtest.Options{Validate: true}.Run(t, route53resolver.New(), keyDirect, data)
	if res.Counts.Indexed != 34 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 34 indexed; dead letters %v", res.Counts, res.DeadLetters)
	}
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
