package trustedadvisor_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	lambdaKey = "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/trustedadvisor-check-results-20261127_100000.json.gz"
	eventsKey = "AWSLogs/123456789012/TrustedAdvisor/events/2026/11/27/10/siem-trustedadvisor-events-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
)

// goldens are objects under the repository's testdata. No check result
// record has been published, so both were written from the documented
// shapes of DescribeTrustedAdvisorChecks/CheckResult (as the reference
// system's Lambda writes them) and of the EventBridge event.
var goldens = []siemtest.Golden{
	// One run of the Lambda: a security check in error with its two
	// flagged resources (one suppressed, one with more values than
	// columns), a cost check with savings and a flagged instance, an IAM
	// check that is ok (with the Japanese description), and a record
	// whose creation_date is not a time (dead-lettered).
	{Name: "lambda-check-results", Key: lambdaKey, Indexed: 6, DeadLettered: 1},
	// Check item refresh events: ERROR, WARN (an instance with an IP and
	// a null column), OK, and one whose check-name is an array
	// (dead-lettered).
	{Name: "eventbridge-firehose", Key: eventsKey, Indexed: 3, DeadLettered: 1},
}

func harness() siemtest.Harness {
	h := siemtest.Harness{Type: trustedadvisor.New(), Others: all.Types(), Update: *update, Goldens: goldens}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// cloudTrailSample is the only Trusted Advisor record AWS publishes: the
// CloudTrail record of a RefreshCheck call, not a check result.
func cloudTrailSample(t *testing.T) string {
	return filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_trusted_advisor", "awsdocs-trustedadvisor-cloudtrail-event-1.json")
}

// TestHarness runs detection and the goldens. There is no conformance
// fixture: AWS publishes no check result, and its one Trusted Advisor
// sample is the CloudTrail record of a RefreshCheck call, which gives no
// document here (a fixture cannot compare none): TestCloudTrailRecordExcluded
// checks that it is excluded under RuleCloudTrailRecord.
func TestHarness(t *testing.T) { harness().Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
