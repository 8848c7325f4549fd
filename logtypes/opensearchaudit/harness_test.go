package opensearchaudit_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/opensearchaudit"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyFirehose is the audit log group's subscription written by
	// Firehose: a control message (excluded), eleven messages of every
	// kind, and a message cut short (dead-lettered).
	keyFirehose = "AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b"
	// keyLegacy is another domain's log group: the Open Distro format's
	// audit_utc_timestamp, a run-as request, unknown members and members
	// of the wrong JSON type, and a message with no time (dead-lettered).
	keyLegacy = "cwl/aws/OpenSearchService/domains/legacy-logs/audit-logs/2026/11/27/10/aes-siem-cwl-opensearch-1-2026-11-27-10-20-00-0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
)

// fields are compared with the expected documents written by hand.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.service.name", "service.name", "service.type", "service.node.name",
	"source.ip", "user.name", "user.effective.name", "related.user", "related.ip", "related.hosts",
	"http.request.method", "http.request.body.content", "url.path", "url.domain", "url.port", "user_agent.original",
	"aws.opensearch_audit.audit_compliance_operation", "aws.opensearch_audit.audit_compliance_doc_version",
	"aws.opensearch_audit.audit_cluster_name", "aws.opensearch_audit.audit_node_id",
	"aws.opensearch_audit.audit_request_origin", "aws.opensearch_audit.audit_format_version",
	"aws.opensearch_audit.audit_trace_doc_id", "aws.opensearch_audit.audit_trace_shard_id",
	"aws.opensearch_audit.audit_trace_indices", "aws.opensearch_audit.audit_trace_resolved_indices",
	"aws.opensearch_audit.other",
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   opensearchaudit.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "firehose", Key: keyFirehose, Input: sample(keyFirehose), File: "testdata/firehose.golden", Indexed: 11, Excluded: 1, DeadLettered: 1},
			{Name: "legacy", Key: keyLegacy, Input: sample(keyLegacy), File: "testdata/legacy.golden", Indexed: 3, DeadLettered: 1},
		},
		Compare: fields,
	}
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

// TestHarness runs detection, the goldens, and AWS's two documented
// example messages against documents written by hand from the audit log
// field reference (no other normalizer's output exists for them).
func TestHarness(t *testing.T) {
	h := harness()
	raw := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_opensearch_audit")
	h.Fixtures = []siemtest.Fixture{
		{Input: filepath.Join(raw, "opensearch-audit-log-example-1.json"), Expected: "testdata/aws-example-1.expected.json"},
		{Input: filepath.Join(raw, "opensearch-audit-log-example-2.json"), Expected: "testdata/aws-example-2.expected.json"},
	}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
