package workspaces_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/workspaces"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	eventKey     = "AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
	inventoryKey = "AWSLogs/123456789012/WorkSpaces/Inventory/ap-northeast-1/2026/11/27/inventory_20261127_100000.json.gz"
)

// goldens are objects under the repository's testdata, at the keys the
// log exporter's Firehose stream and inventory Lambda write to.
var goldens = []siemtest.Golden{
	// Five WorkSpaces Access events, back to back and one per line: a
	// Windows login, a failed macOS login from IPv6, a Web Access login
	// with a member AWS does not document, a login whose loginTime is not
	// RFC 3339 (dead-lettered) and one more login.
	{Name: "events-firehose", Key: eventKey, Indexed: 4, DeadLettered: 1},
	// Two inventory pages in the Lambda's fake envelope: five WorkSpaces
	// (available, updating with a pending modification, in error without
	// an address and with an undocumented property, stopped with a
	// standby WorkSpace, and one whose RootVolumeSizeGib is text,
	// dead-lettered).
	{Name: "inventory", Key: inventoryKey, Indexed: 4, DeadLettered: 1},
}

var compared = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome", "event.id",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.service.name",
	"source.ip", "host.id", "related.ip", "related.hosts",
	"aws.workspaces.client_platform", "aws.workspaces.client_product_name", "aws.workspaces.directory_id",
	"aws.eventbridge.detail_type", "aws.eventbridge.source", "aws.eventbridge.id", "aws.eventbridge.version",
}

func harness() siemtest.Harness {
	h := siemtest.Harness{Type: workspaces.New(), Others: all.Types(), Update: *update, Goldens: goldens, Compare: compared}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens and AWS's documented WorkSpaces
// Access event (raw only: the expected document was written by hand from
// AWS's field descriptions). The five CloudTrail sign-in records beside
// it are the cloudtrail type's and give no document here, which a
// fixture cannot compare: TestCloudTrailRecordsExcluded checks that they
// are excluded under RuleCloudTrailRecord, not dead-lettered.
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_workspaces")
	h.Fixtures = []siemtest.Fixture{{
		Input:    filepath.Join(dir, "workspaces-access-event-example.json"),
		Expected: filepath.Join("testdata", "workspaces-access-event-example.expected.json"),
		Key:      "AWSLogs/123456789012/WorkSpaces/Event/us-east-1/2018/07/01/17/siem-workspaces-event-to-s3-1-2018-07-01-17-53-06-example",
	}}
	h.Test(t)
}

// signinSamples are AWS's documented CloudTrail records of WorkSpaces
// sign-ins.
func signinSamples(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_workspaces")
	inputs, err := filepath.Glob(filepath.Join(dir, "workspaces-signin-cloudtrail-*.json"))
	if err != nil || len(inputs) != 5 {
		t.Fatalf("want the 5 WorkSpaces sign-in CloudTrail samples in %s, found %d (%v)", dir, len(inputs), err)
	}
	return inputs
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
