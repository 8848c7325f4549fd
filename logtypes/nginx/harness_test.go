package nginx_test

import (
	"bytes"
	"flag"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/nginx"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	accessFileKey     = "logs/web-01/nginx/access/2026/11/27/access.log.gz"
	accessCWLKey      = "AWSLogs/aws-account-id=123456789012/service=nginx-access/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/01/aes-siem-web-logs-1-2026-11-27-01-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	accessFireLensKey = "fluent-bit-logs/nginx-access/shop-web-firelens-5f3c2a1b/2026/11/27/01/10/00-0b1c2d3e.gz"
	errorFileKey      = "logs/web-01/nginx/error/2026/11/27/error.log.gz"
	errorCWLKey       = "AWSLogs/aws-account-id=123456789012/service=nginx-error/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/01/aes-siem-web-logs-1-2026-11-27-01-06-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
	errorFireLensKey  = "fluent-bit-logs/nginx-error/shop-web-firelens-5f3c2a1b/2026/11/27/01/10/00-1c2d3e4f.gz"
)

func goldens(gs []siemtest.Golden) []siemtest.Golden {
	for i := range gs {
		g := &gs[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return gs
}

// accessFields are the ECS fields compared with Elastic's expected
// documents, and nginx.access.remote_ip_list, Elastic's own field.
var accessFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.outcome",
	"source.ip", "source.address", "destination.ip", "destination.domain", "destination.port",
	"user.name", "http.request.method", "http.request.referrer", "http.version",
	"http.response.status_code", "http.response.body.bytes",
	"url.original", "url.path", "url.query", "url.extension", "url.domain",
	"user_agent.original", "related.ip", "nginx.access.remote_ip_list",
}

var accessDifferences = []siemtest.Difference{
	{Field: "http.request.method", Reason: "kept as sent (GET), as ECS recommends since 1.13; the fixture's pipeline (ECS 1.12) lower-cased it"},
	{Field: "source.ip", Reason: "source.ip is the peer ($remote_addr, the last address of the chain), the only address the server saw; Elastic takes the first non-private address of the chain, believing addresses anyone can forge. The chain is kept in nginx.access.x_forwarded_for and the xff enricher picks the client from the right past trusted proxies (with the private ranges trusted it gives Elastic's answer)"},
	{Field: "source.address", Reason: "as source.ip: the peer, not the first non-private address of the chain"},
	{Field: "related.ip", Reason: "every address of the record (the peer, the destination and each address of the forwarded chain), so that a search for any of them finds the request; Elastic keeps only the client it picked from the chain (and the destination)"},
}

func accessHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:   nginx.Access(),
		Others: all.Types(),
		Update: *update,
		Goldens: goldens([]siemtest.Golden{
			{Name: "access-file", Key: accessFileKey, Indexed: 17, DeadLettered: 2},
			{Name: "access-cloudwatch", Key: accessCWLKey, Indexed: 5, Excluded: 1},
			{Name: "access-firelens", Key: accessFireLensKey, Indexed: 3, DeadLettered: 1},
		}),
		Compare:     accessFields,
		Differences: accessDifferences,
	}
}

// elasticFirstLine is the multiline first_line_pattern of Elastic's
// access pipeline tests (test-common-config.yml).
var elasticFirstLine = regexp.MustCompile(`^(?:[0-9]{1,3}\.){3}[0-9]{1,3}`)

// elasticRecords frames an input as Elastic's access tests do: a line
// not starting with an IPv4 address continues the record before it. Its
// expected document is that of the record's first line (its grok reads
// no further), so only first lines are kept here, one record each; the
// folded lines (leading hosts, a quoted or IPv6 chain, "unix:",
// "localhost") are covered by TestAccessVariants.
func elasticRecords(data []byte) ([]byte, error) {
	var out []byte
	for i, line := range bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n")) {
		if i == 0 || elasticFirstLine.Match(line) {
			out = append(append(out, line...), '\n')
		}
	}
	return out, nil
}

// TestAccessHarness runs detection, the goldens and Elastic's access
// pipeline tests (21 records in 3 files).
func TestAccessHarness(t *testing.T) {
	h := accessHarness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "nginx_access")
	for _, f := range []string{"test-access.log", "test-nginx.log", "test-test-with-host.log"} {
		in := filepath.Join(dir, f)
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{Input: in, Expected: in + "-expected.json", Key: "nginx/access/" + f, Read: elasticRecords})
	}
	h.Test(t)
}

var errorFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "log.level", "message",
	"process.pid", "process.thread.id", "nginx.error.connection_id",
}

func errorHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:   nginx.Error(),
		Others: all.Types(),
		Update: *update,
		Goldens: goldens([]siemtest.Golden{
			{Name: "error-file", Key: errorFileKey, Indexed: 11, DeadLettered: 2},
			{Name: "error-cloudwatch", Key: errorCWLKey, Indexed: 3},
			{Name: "error-firelens", Key: errorFireLensKey, Indexed: 3},
		}),
		Compare: errorFields,
	}
}

// TestErrorHarness runs detection, the goldens and Elastic's error
// pipeline test (4 records, one of them multi-line).
func TestErrorHarness(t *testing.T) {
	h := errorHarness()
	in := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "nginx_error", "test-error-raw.log")
	h.Fixtures = []siemtest.Fixture{{Input: in, Expected: in + "-expected.json", Key: "nginx/error/test-error-raw.log"}}
	h.Test(t)
}

func FuzzAccessObject(f *testing.F) { accessHarness().Fuzz(f) }

func FuzzErrorObject(f *testing.F) { errorHarness().Fuzz(f) }
