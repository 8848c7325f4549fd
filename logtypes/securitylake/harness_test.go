package securitylake_test

import (
	"flag"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

func harness(t testing.TB) siemtest.Harness {
	h := siemtest.Harness{
		Type:   securitylake.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "cloudtrail-mgmt", Key: keyCloudTrail, Indexed: 21},
			{Name: "eks-audit", Key: keyEKS, Indexed: 3},
			{Name: "sh-findings", Key: keyFindings, Indexed: 6},
			{Name: "route53", Key: keyRoute53, Indexed: 6},
			{Name: "ocsf-json", Key: keyJSON, Indexed: 11, DeadLettered: 2},
		},
		Compare: compared,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join(samples, filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	if t != nil {
		dir := filepath.Join(shared.Dir(t, "conformance"), "ocsf-examples")
		// Two of the examples have a comma before a closing brace, which
		// JSON does not allow (a typo in the OCSF project's markdown):
		// removed, so that they test the mapping rather than the parser.
		dropTrailingCommas := func(b []byte) ([]byte, error) {
			return regexp.MustCompile(`,(\s*[}\]])`).ReplaceAll(b, []byte("$1")), nil
		}
		for _, f := range []struct{ in, name string }{
			{"aws_cloudtrail/generic_api_activity.ocsf", "api-activity"},
			{"aws_cloudtrail/authentication.ocsf", "authentication"},
			{"aws_cloudtrail/account_change.ocsf", "account-change"},
			{"aws_vpcflow/vpcflowlog.ocsf", "vpcflow"},
			{"aws_route53_resolver/route53.ocsf", "route53"},
			{"aws_waf/waf.ocsf", "waf"},
			{"aws_securityhub_asff/sechub-guardduty.ocsf", "sechub-guardduty"},
			{"aws_securityhub_asff/sechub-pci.ocsf", "sechub-pci"},
			{"aws_securityhub_asff/inspector.ocsf", "inspector"},
		} {
			h.Fixtures = append(h.Fixtures, siemtest.Fixture{
				Input:    filepath.Join(dir, filepath.FromSlash(f.in)),
				Expected: filepath.Join("testdata", f.name+".expected.json"),
				Key:      "ocsf-json/examples/" + f.name + ".json",
				Read:     dropTrailingCommas,
			})
		}
	}
	return h
}

// compared are the ECS fields compared with the documents written by hand
// for the OCSF project's examples.
var compared = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome", "event.id",
	"event.provider", "event.severity", "event.created",
	"cloud.provider", "cloud.account.id", "cloud.region", "cloud.availability_zone",
	"source.ip", "source.port", "source.domain", "destination.ip", "destination.port",
	"user.name", "user.id", "user_agent.original",
	"network.transport", "network.iana_number", "network.direction", "network.bytes", "network.packets", "network.community_id",
	"dns.question.name", "dns.question.type", "dns.response_code", "dns.answers", "dns.resolved_ip",
	"http.request.method", "http.version", "url.domain", "url.path",
	"rule.id", "rule.name", "vulnerability.id", "vulnerability.score.base",
	"related.ip", "related.user",
	"aws.securitylake.class_uid", "aws.securitylake.category",
}

// TestHarness runs the one conformance harness: detection, goldens with
// ECS and vendor-schema validation, and the OCSF examples compared with
// documents written by hand.
func TestHarness(t *testing.T) { harness(t).Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness(nil).Fuzz(f) }
