package cloudtrail

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// agreedFields are compared with Elastic's expected documents; overall
// agreement must stay at or above minAgreement.
var agreedFields = []string{
	"@timestamp",
	"event.action", "event.provider", "event.outcome", "event.kind", "event.category", "event.type", "event.id",
	"cloud.account.id", "cloud.region",
	"source.address", "source.ip",
	"user.name", "user.id", "user.target.name", "user.target.id", "user.changes.name", "group.name", "group.id",
	"error.code", "user_agent.original",
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
	"aws.cloudtrail.flattened.request_parameters", "aws.cloudtrail.flattened.response_elements",
	"aws.cloudtrail.flattened.additional_eventdata", "aws.cloudtrail.flattened.service_event_details",
	"aws.cloudtrail.console_login.additional_eventdata.login_to",
	"aws.cloudtrail.console_login.additional_eventdata.mfa_used",
	"aws.cloudtrail.console_login.additional_eventdata.mobile_version",
}

// deliberateFields differ from Elastic on purpose (see the package
// documentation); their agreement is logged, not required.
var deliberateFields = []string{
	"related.user", "related.ip", "error.message",
	"aws.cloudtrail.request_parameters", "aws.cloudtrail.response_elements", "aws.cloudtrail.additional_eventdata",
}

const minAgreement = 0.95

func TestConformanceElastic(t *testing.T) {
	dir := filepath.Join(siemtest.SharedDir(t, "conformance"), "elastic-integrations", "aws_cloudtrail")
	inputs, err := filepath.Glob(filepath.Join(dir, "test-*-json.log"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatalf("no test-*-json.log inputs in %s", dir)
	}
	var agreed, deliberate siemtest.Report
	for _, input := range inputs {
		name := filepath.Base(input)
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		res := siemtest.Run(t, New(), "AWSLogs/111111111111/CloudTrail/us-east-2/2021/11/11/"+name, data)
		if res.Err != nil {
			t.Fatalf("%s: %v", name, res.Err)
		}
		for _, d := range res.Docs {
			if err := ecs.Validate(d.Body, Dataset); err != nil {
				t.Errorf("%s record %d: %v", name, d.Source.Record, err)
			}
		}
		expectedFile := input + "-expected.json"
		if _, err := os.Stat(expectedFile); err != nil {
			// Elastic indexes digests; we skip them, so only the outcome
			// can be checked.
			if strings.Contains(name, "digest") {
				if res.Counts.Read == 0 || res.Counts.ExcludedByRule[RuleDigest] != res.Counts.Read {
					t.Errorf("%s: counts %v, want every record excluded under %s", name, res.Counts, RuleDigest)
				}
				continue
			}
			t.Logf("%s: no expected output, only checked that it normalizes (%v)", name, res.Counts)
			continue
		}
		expected := siemtest.LoadExpected(t, expectedFile)
		if int64(len(expected)) != res.Counts.Indexed || res.Counts.DeadLettered != 0 {
			t.Errorf("%s: counts %v for %d expected documents", name, res.Counts, len(expected))
		}
		a := siemtest.Agreement(res.Docs, expected, agreedFields)
		a.Log(t, name)
		agreed.Add(a)
		deliberate.Add(siemtest.Agreement(res.Docs, expected, deliberateFields))
	}
	deliberate.Log(t, "fields that differ on purpose (not counted)")
	agreed.Log(t, "all Elastic CloudTrail fixtures")
	if agreed.Ratio() < minAgreement {
		t.Errorf("agreement with Elastic %.1f%% (%d of %d), want at least %.0f%%", 100*agreed.Ratio(), agreed.Agreed, agreed.Compared, 100*minAgreement)
	}
}

// TestConformanceFirehoseEnvelope looks at Elastic's Firehose fixture. Its
// expected documents only show how Elastic routes a Firehose record
// (envelope fields, data_stream); they hold no CloudTrail normalization
// to compare with, so the CloudTrail events inside are checked to
// normalize cleanly and the comparison is skipped.
func TestConformanceFirehoseEnvelope(t *testing.T) {
	dir := filepath.Join(siemtest.SharedDir(t, "conformance"), "elastic-package", "aws_firehose_envelope")
	data, err := os.ReadFile(filepath.Join(dir, "test-cloudtrail.json"))
	if err != nil {
		t.Fatal(err)
	}
	var input struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(data, &input); err != nil {
		t.Fatal(err)
	}
	if len(input.Events) == 0 {
		t.Fatal("no events in the Firehose fixture")
	}
	for i, e := range input.Events {
		message, ok := e["message"].(string)
		if !ok {
			t.Fatalf("event %d has no message string; the fixture's shape changed, revisit this test", i)
		}
		ev := &ecs.Event{}
		if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(message), Number: int64(i + 1)}}, ev); err != nil {
			t.Errorf("event %d: %v", i, err)
			continue
		}
		if err := ecs.Validate(ev.AppendJSON(nil), Dataset); err != nil {
			t.Errorf("event %d: %v", i, err)
		}
	}
	expected := siemtest.LoadExpected(t, filepath.Join(dir, "test-cloudtrail.json-expected.json"))
	for _, doc := range expected {
		if _, ok := doc["event.action"]; ok {
			t.Fatal("the Firehose fixture now carries normalized CloudTrail fields; compare them instead of skipping")
		}
		if ev, ok := doc["event"].(map[string]any); ok && ev["action"] != nil {
			t.Fatal("the Firehose fixture now carries normalized CloudTrail fields; compare them instead of skipping")
		}
	}
	t.Log("Firehose fixture: its expected output holds Elastic's envelope routing only (message kept raw), no CloudTrail fields to compare; the embedded events normalize and validate")
}
