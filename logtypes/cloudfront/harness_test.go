package cloudfront_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Sample objects live at the repository's testdata, under the keys
// CloudFront (or the Firehose stream of a real-time log) gives them.
const repoTestdata = "../../testdata"

const (
	legacyKey   = "cloudfront-logs/www.example.com/E2QWRUHAPOMQZL.2026-11-27-10.5f0e9d8c.gz"
	v2Key       = "AWSLogs/123456789012/CloudFront/E1PA6795UKMFR9/2026/11/27/10/E1PA6795UKMFR9.2026-11-27-10.0b1c2d3e.gz"
	realtimeKey = "AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/cf-realtime-to-s3-1-2026-11-27-10-05-12-4b1c9e2a-6d3f-4a8b-9c0e-2f5a7b8c9d01.gz"
)

// ourFields are compared with the expected documents we wrote for the
// conformance inputs from the meanings AWS documents for each field
// (testdata/conformance).
var ourFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.outcome", "event.duration", "event.id",
	"source.ip", "source.address", "source.port", "related.ip", "related.hosts", "network.type",
	"http.request.method", "http.request.bytes", "http.response.bytes", "http.response.status_code",
	"http.response.mime_type", "http.request.referrer", "http.version",
	"url.domain", "url.scheme", "url.path", "url.query", "url.original", "url.full",
	"user_agent.original", "tls.version", "tls.version_protocol", "tls.cipher",
	"observer.geo.name", "cloud.provider",
	"aws.cloudfront.edge_location", "aws.cloudfront.distribution_domain",
	"aws.cloudfront.edge_result_type", "aws.cloudfront.edge_response_result_type",
	"aws.cloudfront.edge_detailed_result_type", "aws.cloudfront.x_forwarded_for",
	"aws.cloudfront.content_len", "aws.cloudfront.time_to_first_byte",
}

func golden(name, key string, indexed, deadLettered int64) siemtest.Golden {
	return siemtest.Golden{
		Name: name, Key: key, Input: filepath.Join(repoTestdata, key), File: filepath.Join("testdata", name+".golden"),
		Indexed: indexed, DeadLettered: deadLettered, Check: deadLettersSayWhatAndWhere,
	}
}

func deadLettersSayWhatAndWhere(t *testing.T, res *siemtest.Result) {
	for _, dl := range res.DeadLetters {
		if !strings.Contains(dl.Reason, "field") || len(dl.Raw) == 0 || dl.Line == 0 {
			t.Errorf("dead letter of record %d does not say what and where: %+v", dl.Record, dl)
		}
	}
}

func standardHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:    cloudfront.New(),
		Others:  all.Types(),
		Update:  *update,
		Goldens: []siemtest.Golden{golden("standard-legacy", legacyKey, 12, 1), golden("standard-v2", v2Key, 5, 0)},
		Compare: ourFields,
	}
}

func realtimeHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:    cloudfront.Realtime(),
		Others:  all.Types(),
		Update:  *update,
		Goldens: []siemtest.Golden{golden("realtime", realtimeKey, 6, 1)},
	}
}

func TestStandardHarness(t *testing.T) {
	h := standardHarness()
	conf := shared.Dir(t, "conformance")
	for _, in := range []string{
		filepath.Join(conf, "elastic-integrations", "aws_cloudfront", "test-cloudfront.log"),
		filepath.Join(conf, "raw", "aws_cloudfront", "awsdocs-cloudfront-standard-log-example.log"),
	} {
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{
			Input:    in,
			Expected: filepath.Join("testdata", "conformance", filepath.Base(in)+".expected.json"),
			Key:      "E2QWRUHAPOMQZL.2019-12-04-21.a1b2c3d4.gz",
		})
	}
	h.Test(t)
}

func TestRealtimeHarness(t *testing.T) { realtimeHarness().Test(t) }

func FuzzStandardObject(f *testing.F) { standardHarness().Fuzz(f) }
func FuzzRealtimeObject(f *testing.F) { realtimeHarness().Fuzz(f) }
