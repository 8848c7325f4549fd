package securityhub_test

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/securityhub"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink/opensearch"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

const (
	keyFirehose   = "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-05-00-3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b"
	keyFirehoseGz = "AWSLogs/123456789012/SecurityHub/eu-west-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-15-00-9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a.gz"
	keyExport     = "AWSLogs/123456789012/SecurityHub/us-east-1/exports/get-findings-20261127T1000Z.json"
)

// compared are the fields compared with the expected documents written
// for Panther's raw findings.
var compared = []string{
	"@timestamp", "event.id", "event.kind", "event.category", "event.type", "event.action", "event.created",
	"event.risk_score", "event.risk_score_norm",
	"cloud.provider", "cloud.account.id", "cloud.region",
	"observer.vendor", "observer.product",
	"rule.id", "rule.name", "rule.description",
	"source.ip", "source.address", "user.id", "user.name", "user.target.name", "related.ip", "related.user",
	"aws.securityhub.severity.label", "aws.securityhub.severity.normalized",
	"aws.securityhub.workflow.status", "aws.securityhub.record_state", "aws.securityhub.types",
	"aws.securityhub.generator_id", "aws.securityhub.product_arn", "aws.securityhub.schema_version", "aws.securityhub.title", "aws.securityhub.processed_at",
	"aws.securityhub.product_fields",
	"aws.securityhub.other.p_log_type", "aws.securityhub.other.p_source_label",
}

func harness(t testing.TB) siemtest.Harness {
	h := siemtest.Harness{
		Type:   securityhub.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "firehose-eventbridge", Key: keyFirehose, Indexed: 5, Excluded: 1, DeadLettered: 2, Check: checkFirehose},
			{Name: "firehose-eventbridge-gzip", Key: keyFirehoseGz, Indexed: 5, Check: checkIDs},
			{Name: "get-findings", Key: keyExport, Indexed: 2, Check: checkIDs},
		},
		Compare: compared,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join(samples, g.Key)
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	if t != nil {
		input := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_securityhub_asff", "panther-analysis-AWS-SecurityFindingFormat.ndjson")
		h.Fixtures = []siemtest.Fixture{{
			Input:    input,
			Expected: "testdata/panther-asff.expected.json",
			Key:      "AWSLogs/123456789012/SecurityHub/us-east-1/2024/05/24/panther-asff.ndjson",
		}}
	}
	return h
}

// TestHarness runs the one conformance harness: detection, goldens with
// ECS and vendor-schema validation, and Panther's raw findings compared
// with the documents written for them by hand from ASFF's documentation.
func TestHarness(t *testing.T) { harness(t).Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness(nil).Fuzz(f) }

// checkIDs checks that every document's id is its finding Id and
// UpdatedAt, and that no two documents share one.
func checkIDs(t *testing.T, res *siemtest.Result) {
	seen := map[string]bool{}
	for _, d := range res.Docs {
		var doc map[string]any
		if err := json.Unmarshal(d.Body, &doc); err != nil {
			t.Fatal(err)
		}
		ev := doc["event"].(map[string]any)
		want := ev["id"].(string) + "@" + doc["@timestamp"].(string)
		if d.ID != want {
			t.Errorf("record %d: document id %q, want %q", d.Source.Record, d.ID, want)
		}
		if seen[d.ID] {
			t.Errorf("record %d: document id %q repeated", d.Source.Record, d.ID)
		}
		seen[d.ID] = true
	}
}

func checkFirehose(t *testing.T, res *siemtest.Result) {
	checkIDs(t, res)
	if res.Counts.ExcludedByRule[securityhub.RuleInsightResults] != 1 {
		t.Errorf("excluded by rule %v, want 1 under %s", res.Counts.ExcludedByRule, securityhub.RuleInsightResults)
	}
	for i, want := range []string{"has no UpdatedAt", "an OCSF finding"} {
		if i >= len(res.DeadLetters) {
			t.Fatalf("%d dead letters, want 2", len(res.DeadLetters))
		}
		if got := res.DeadLetters[i].Reason; !strings.Contains(got, want) {
			t.Errorf("dead letter %d: reason %q, want it to contain %q", i, got, want)
		}
	}
	// The custom action's two findings are records 4 and 5, cut from
	// the fourth event: both carry its line and offset.
	var macie, analyzer *siem.Document
	for i := range res.Docs {
		switch res.Docs[i].Source.Record {
		case 4:
			macie = &res.Docs[i]
		case 5:
			analyzer = &res.Docs[i]
		}
	}
	if macie == nil || analyzer == nil {
		t.Fatal("records 4 and 5 (the custom action's findings) are missing")
	}
	if macie.Source.Offset != analyzer.Source.Offset || macie.Source.Offset == 0 {
		t.Errorf("offsets %d and %d, want both the fourth event's", macie.Source.Offset, analyzer.Source.Offset)
	}
}

// TestIndexName checks that the findings go to the reference system's
// index, log-aws-securityhub.
func TestIndexName(t *testing.T) {
	if got := opensearch.DefaultIndexName(securityhub.Name); got != "log-aws-securityhub" {
		t.Errorf("index base name %q, want log-aws-securityhub", got)
	}
}
