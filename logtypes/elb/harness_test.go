package elb

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Sample objects live at the repository's testdata, under the keys ELB
// gives them in S3.
const repoTestdata = "../../testdata"

// albElasticFields are compared with Elastic's expected ALB documents.
var albElasticFields = []string{
	"@timestamp", "event.end", "event.kind", "event.category", "event.outcome", "event.start",
	"source.ip", "source.port", "http.version", "http.request.method", "http.response.status_code",
	"http.request.body.bytes", "http.response.body.bytes",
	"url.original", "url.domain", "url.path", "url.scheme", "url.port", "url.query",
	"user_agent.original", "tls.cipher", "tls.version", "tls.version_protocol",
	"cloud.provider",
	"aws.elb.name", "aws.elb.type", "aws.elb.protocol", "aws.elb.trace_id",
	"aws.elb.target_group.arn", "aws.elb.matched_rule_priority", "aws.elb.action_executed",
	"aws.elb.target_port", "aws.elb.target_status_code", "aws.elb.redirect_url",
	"aws.elb.classification", "aws.elb.classification_reason",
	"aws.elb.backend.ip", "aws.elb.backend.port", "aws.elb.backend.http.response.status_code",
	"aws.elb.request_processing_time.sec", "aws.elb.backend_processing_time.sec",
	"aws.elb.response_processing_time.sec",
}

// albElasticDifferences are the departures of doc.go that Elastic's ALB fixture
// shows.
var albElasticDifferences = []siemtest.Difference{
	{Field: "@timestamp", Reason: "keeps the microseconds ALB writes; Elastic's date processor keeps milliseconds"},
	{Field: "event.end", Reason: "keeps the microseconds ALB writes; Elastic's date processor keeps milliseconds"},
	{Field: "source.port", Reason: "a number, as ECS types source.port (long); the fixture, written by an older Elastic release, has a string"},
	{Field: "http.request.method", Reason: "kept as logged (\"GET\"); the older Elastic release of the fixture lower-cased it"},
}

// ourFields are compared with the expected documents we stated ourselves
// for the NLB and CLB lines of Elastic's raw test data, from the field
// order AWS documents for each log (see testdata/conformance).
var ourFields = []string{
	"@timestamp", "event.category", "event.outcome", "aws.elb.name",
	"source.ip", "source.port", "destination.ip", "destination.port",
	"source.bytes", "destination.bytes",
	"http.request.method", "http.version", "url.original", "user_agent.original",
	"http.response.status_code", "aws.elb.backend.http.response.status_code",
	"http.request.body.bytes", "http.response.body.bytes",
	"tls.cipher", "tls.version", "tls.version_protocol",
	"aws.elb.chosen_cert.arn", "aws.elb.listener", "destination.domain",
	"aws.elb.request_processing_time.sec", "aws.elb.backend_processing_time.sec", "aws.elb.response_processing_time.sec",
}

func harness(name string, lt siem.LogType, key string, indexed, deadLettered int64) siemtest.Harness {
	return siemtest.Harness{
		Type:   lt,
		Others: []siem.LogType{ALB(), NLB(), CLB()},
		Update: *update,
		Goldens: []siemtest.Golden{{
			Name: name, Key: key, Input: filepath.Join(repoTestdata, key), File: filepath.Join("testdata", name+".golden"),
			Indexed: indexed, DeadLettered: deadLettered, Check: deadLettersSayWhatAndWhere(name),
		}},
	}
}

func deadLettersSayWhatAndWhere(name string) func(t *testing.T, res *siemtest.Result) {
	return func(t *testing.T, res *siemtest.Result) {
		for _, dl := range res.DeadLetters {
			if !strings.HasPrefix(dl.Reason, name+" access log entry") || len(dl.Raw) == 0 || dl.Line == 0 {
				t.Errorf("dead letter of record %d does not say what and where: %+v", dl.Record, dl)
			}
		}
	}
}

func albHarness() siemtest.Harness {
	h := harness("alb", ALB(), albSampleKey, 14, 5)
	h.Compare, h.Differences = albElasticFields, albElasticDifferences
	return h
}

func nlbHarness() siemtest.Harness {
	h := harness("nlb", NLB(), nlbSampleKey, 5, 3)
	h.Compare = ourFields
	return h
}

func clbHarness() siemtest.Harness {
	h := harness("clb", CLB(), clbSampleKey, 7, 3)
	h.Compare = ourFields
	return h
}

func TestALBHarness(t *testing.T) {
	h := albHarness()
	input := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "aws_elb_alb", "test-alb.log")
	h.Fixtures = []siemtest.Fixture{{Input: input, Expected: input + "-expected.json", Key: albSampleKey}}
	h.Test(t)
}

func TestNLBHarness(t *testing.T) {
	h := nlbHarness()
	h.Fixtures = []siemtest.Fixture{ourFixture(t, "example-nlb-tcp.log", nlbSampleKey)}
	h.Test(t)
}

func TestCLBHarness(t *testing.T) {
	h := clbHarness()
	for _, name := range []string{"elb-http.log", "elb-tcp.log", "example-ssl.log"} {
		h.Fixtures = append(h.Fixtures, ourFixture(t, name, clbSampleKey))
	}
	h.Test(t)
}

// ourFixture pairs a raw line file of the shared conformance data with
// the expected documents we wrote for it.
func ourFixture(t *testing.T, name, key string) siemtest.Fixture {
	return siemtest.Fixture{
		Input:    filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_elb_nlb_clb", name),
		Expected: filepath.Join("testdata", "conformance", name+".expected.json"),
		Key:      key,
	}
}

func FuzzALBObject(f *testing.F) { albHarness().Fuzz(f) }
func FuzzNLBObject(f *testing.F) { nlbHarness().Fuzz(f) }
func FuzzCLBObject(f *testing.F) { clbHarness().Fuzz(f) }
