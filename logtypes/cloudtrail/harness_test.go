package cloudtrail

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

const (
	keyRecords = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz"
	keyLines   = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1010Z_Nd2jsonMixed0001.json"
	keyInsight = "AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/27/123456789012_CloudTrail-Insight_us-east-1_20261127T1015Z_In5ightStartEnd.json.gz"
	keyDigest  = "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/27/123456789012_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20261127T110000Z.json.gz"
)

// elasticFields are compared with Elastic's expected documents.
var elasticFields = []string{
	"@timestamp",
	"event.action", "event.provider", "event.outcome", "event.kind", "event.category", "event.type", "event.id",
	"cloud.account.id", "cloud.region",
	"source.address", "source.ip",
	"user.name", "user.id", "user.target.name", "user.target.id", "user.changes.name", "group.name", "group.id",
	"error.code", "error.message", "user_agent.original", "related.user", "related.ip",
	"tls.version", "tls.version_protocol", "tls.cipher", "tls.client.server_name",
	"aws.cloudtrail.event_version", "aws.cloudtrail.event_type", "aws.cloudtrail.event_category",
	"aws.cloudtrail.recipient_account_id", "aws.cloudtrail.request_id",
	"aws.cloudtrail.error_code", "aws.cloudtrail.error_message",
	"aws.cloudtrail.management_event", "aws.cloudtrail.read_only",
	"aws.cloudtrail.user_identity.type", "aws.cloudtrail.user_identity.arn", "aws.cloudtrail.user_identity.access_key_id",
	"aws.cloudtrail.user_identity.invoked_by",
	"aws.cloudtrail.user_identity.session_context.mfa_authenticated",
	"aws.cloudtrail.user_identity.session_context.creation_date",
	"aws.cloudtrail.user_identity.session_context.session_issuer.type",
	"aws.cloudtrail.user_identity.session_context.session_issuer.arn",
	"aws.cloudtrail.user_identity.session_context.session_issuer.principal_id",
	"aws.cloudtrail.user_identity.session_context.session_issuer.account_id",
	"aws.cloudtrail.resources",
	"aws.cloudtrail.request_parameters", "aws.cloudtrail.response_elements", "aws.cloudtrail.additional_eventdata",
	"aws.cloudtrail.flattened.request_parameters", "aws.cloudtrail.flattened.response_elements",
	"aws.cloudtrail.flattened.additional_eventdata", "aws.cloudtrail.flattened.service_event_details",
	"aws.cloudtrail.console_login.additional_eventdata.login_to",
	"aws.cloudtrail.console_login.additional_eventdata.mfa_used",
	"aws.cloudtrail.console_login.additional_eventdata.mobile_version",
}

// elasticDifferences are the deliberate departures of doc.go ("Differences
// from Elastic") that Elastic's fixtures show.
var elasticDifferences = []siemtest.Difference{
	{Field: "error.message", Reason: "set besides aws.cloudtrail.error_message so that cross-source queries on ECS error fields find CloudTrail failures; Elastic sets only the vendor field"},
	{Field: "related.ip", Reason: "holds the source address; Elastic's pinned pipeline sets none (its newer versions do as we do)"},
	{Field: "related.user", Reason: "holds every user name seen, an assumed role's session name included; Elastic's pinned pipeline leaves assumed-role callers out"},
	{Field: "aws.cloudtrail.user_identity.session_context.creation_date", Reason: "a creation date in the basic ISO 8601 form of old events (20131102T010628Z) is read; Elastic's date processor drops it"},
	{Field: "aws.cloudtrail.request_parameters", Reason: "the member's compact JSON; Elastic writes Java's map rendering ({key=value}), which cannot be parsed back"},
	{Field: "aws.cloudtrail.response_elements", Reason: "the member's compact JSON; Elastic writes Java's map rendering ({key=value}), which cannot be parsed back"},
	{Field: "aws.cloudtrail.additional_eventdata", Reason: "the member's compact JSON; Elastic writes Java's map rendering ({key=value}), which cannot be parsed back"},
}

func harness() siemtest.Harness {
	h := siemtest.Harness{
		Type:   New(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "records", Key: keyRecords, Indexed: 10, Check: checkIDs},
			{Name: "lines-with-bad-records", Key: keyLines, Indexed: 3, DeadLettered: 4, Excluded: 1, Check: checkBadRecords},
			{Name: "insight", Key: keyInsight, Indexed: 2, Check: checkIDs},
		},
		Compare:     elasticFields,
		Differences: elasticDifferences,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join(samples, g.Key)
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs the one conformance harness: detection by sample keys,
// goldens with ECS and vendor-schema validation, and Elastic's fixtures
// compared field by field.
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_cloudtrail")
	inputs, err := filepath.Glob(filepath.Join(dir, "test-*-json.log"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no test-*-json.log inputs in %s (%v)", dir, err)
	}
	for _, input := range inputs {
		if strings.Contains(input, "digest") {
			continue // no expected output: see TestElasticDigestFixture
		}
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{
			Input:    input,
			Expected: input + "-expected.json",
			Key:      "AWSLogs/111111111111/CloudTrail/us-east-2/2021/11/11/" + filepath.Base(input),
		})
	}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }

// checkIDs checks that every document's id is its eventID, so that a
// re-read object overwrites its documents.
func checkIDs(t *testing.T, res *siemtest.Result) {
	for _, d := range res.Docs {
		var doc map[string]any
		if err := json.Unmarshal(d.Body, &doc); err != nil {
			t.Fatal(err)
		}
		if id, _ := field(doc, "event.id"); id != d.ID {
			t.Errorf("record %d: document id %q, want its eventID %v", d.Source.Record, d.ID, id)
		}
	}
}

func checkBadRecords(t *testing.T, res *siemtest.Result) {
	checkIDs(t, res)
	if res.Counts.ExcludedByRule[RuleDigest] != 1 {
		t.Errorf("excluded by rule %v, want 1 under %s", res.Counts.ExcludedByRule, RuleDigest)
	}
	for i, want := range []string{
		"invalid JSON at byte",
		"eventTime is missing",
		`eventTime "2026-11-27 10:09:00" is not an RFC 3339 timestamp`,
		"record is a JSON string, not a CloudTrail event object",
	} {
		if i >= len(res.DeadLetters) {
			break
		}
		if got := res.DeadLetters[i].Reason; !strings.Contains(got, want) {
			t.Errorf("dead letter %d: reason %q, want it to contain %q", i, got, want)
		}
	}
}

// TestElasticDigestFixture checks the outcome of Elastic's digest fixture,
// which has no expected output: Elastic indexes digests, we exclude them.
func TestElasticDigestFixture(t *testing.T) {
	input := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_cloudtrail", "test-cloudtrail-digest-json.log")
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	res := siemtest.Run(t, New(), "AWSLogs/111111111111/CloudTrail/us-east-2/2021/11/11/"+filepath.Base(input), data)
	if res.Counts.Read == 0 || res.Counts.ExcludedByRule[RuleDigest] != res.Counts.Read {
		t.Errorf("counts %v, want every record excluded under %s", res.Counts, RuleDigest)
	}
}
