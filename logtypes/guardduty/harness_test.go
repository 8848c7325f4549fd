package guardduty_test

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/guardduty"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink/opensearch"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samples is the repository's sample tree, laid out as S3 keys. The
// package's own tests have the same constants in keys_test.go.
const samples = "../../testdata"

const (
	keyExport   = "AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz"
	keyFirehose = "GuardDuty/2026/11/27/10/siem-guardduty-findings-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.gz"
	keyConsole  = "GuardDuty/console-export/2026-11-27-findings.json"
)

// compared are the fields checked against the expected documents written
// from GuardDuty's documented field meanings for the raw findings of the
// conformance corpus.
var compared = []string{
	"@timestamp", "event.id", "event.kind", "event.category", "event.type", "event.action",
	"event.severity", "event.risk_score", "event.risk_score_norm", "event.created", "event.start", "event.end",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.service.name",
	"rule.id", "rule.name", "rule.description", "rule.category", "rule.ruleset",
	"source.domain", "threat.framework", "threat.tactic.id", "threat.tactic.name",
	"threat.technique.id", "threat.technique.name", "threat.technique.subtechnique.id", "threat.technique.subtechnique.name",
	"aws.guardduty.type", "aws.guardduty.severity.value", "aws.guardduty.severity.label",
	"aws.guardduty.finding_type.threat_purpose", "aws.guardduty.finding_type.resource_type_affected",
	"aws.guardduty.finding_type.threat_family_name",
	"aws.guardduty.count", "aws.guardduty.archived", "aws.guardduty.detector_id",
	"aws.guardduty.feature_name", "aws.guardduty.resource_type", "aws.guardduty.resource_role",
	"aws.guardduty.partition", "aws.guardduty.action.api", "aws.guardduty.action.service_name",
	"aws.guardduty.action.caller_type",
}

func harness() siemtest.Harness {
	h := siemtest.Harness{
		Type:   guardduty.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "export", Key: keyExport, Indexed: 11, DeadLettered: 2, Check: checkExport},
			{Name: "firehose-eventbridge", Key: keyFirehose, Indexed: 2, Excluded: 1, Check: checkFirehose},
			{Name: "console-array", Key: keyConsole, Indexed: 2},
		},
		Compare: compared,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join(samples, filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens and the raw GuardDuty findings
// of the conformance corpus against expected documents written for them.
func TestHarness(t *testing.T) {
	h := harness()
	input := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_guardduty", "panther-analysis-AWS-GuardDuty.ndjson")
	h.Fixtures = []siemtest.Fixture{{
		Input:    input,
		Expected: filepath.Join("testdata", "panther-analysis-AWS-GuardDuty.expected.json"),
		Key:      "AWSLogs/123456789012/GuardDuty/us-east-1/2025/02/25/panther-analysis-AWS-GuardDuty.jsonl",
	}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }

func docs(t *testing.T, res *siemtest.Result) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, d := range res.Docs {
		var m map[string]any
		if err := json.Unmarshal(d.Body, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// checkExport checks the document ids (one per update of a finding) and
// the dead letters' reasons.
func checkExport(t *testing.T, res *siemtest.Result) {
	seen := map[string]bool{}
	for _, d := range res.Docs {
		if seen[d.ID] {
			t.Errorf("document id %q given twice", d.ID)
		}
		seen[d.ID] = true
	}
	for _, id := range []string{
		"b5d3c2f1e0a94f8b8c7d6e5f4a3b2c1d_2026-11-27T09:40:19.027Z",
		"b5d3c2f1e0a94f8b8c7d6e5f4a3b2c1d_2026-11-27T10:20:07.552Z",
	} {
		if !seen[id] {
			t.Errorf("no document with id %q (each update of a finding is its own document)", id)
		}
	}
	for i, want := range []string{"not a GuardDuty finding: updatedAt is missing", "truncated JSON value"} {
		if i >= len(res.DeadLetters) {
			t.Errorf("dead letter %d missing", i)
			continue
		}
		if got := res.DeadLetters[i].Reason; !strings.Contains(got, want) {
			t.Errorf("dead letter %d: reason %q, want it to contain %q", i, got, want)
		}
	}
}

// checkFirehose checks that findings from EventBridge carry their own
// account and region, and that GuardDuty's malware scan result event is
// excluded under its rule.
func checkFirehose(t *testing.T, res *siemtest.Result) {
	if n := res.Counts.ExcludedByRule[guardduty.RuleNotFinding]; n != 1 {
		t.Errorf("excluded by rule %v, want the scan result event under %s", res.Counts.ExcludedByRule, guardduty.RuleNotFinding)
	}
	for _, d := range docs(t, res) {
		cloud, _ := d["cloud"].(map[string]any)
		if cloud["region"] != "eu-central-1" {
			t.Errorf("cloud.region %v, want eu-central-1", cloud["region"])
		}
	}
}

// TestIndexName checks that the findings go to the reference system's
// index, log-aws-guardduty.
func TestIndexName(t *testing.T) {
	if got := opensearch.DefaultIndexName(guardduty.Name); got != "log-aws-guardduty" {
		t.Errorf("index base name %q, want log-aws-guardduty", got)
	}
}
