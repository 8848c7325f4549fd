package apache_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/apache"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// accessGoldens are sample objects under the repository's testdata, one
// per way access logs arrive.
var accessGoldens = []siemtest.Golden{
	// A rotated log file copied as it is: Debian's combined format with
	// IPv4, IPv6 and IPv4-mapped clients, a host name (HostnameLookups),
	// an authenticated user, a TLS handshake sent to the plain port, a 408
	// without a request line, an escaped quote in the user agent, CONNECT,
	// a proxy-form target, "OPTIONS *", and a line cut short (dead-lettered).
	{Name: "combined-file", Key: "apache/access/web-01/access_log-20261127.gz", Indexed: 15, DeadLettered: 1, Check: deadLettersSayWhy},
	// CloudWatch Logs subscription payloads through Firehose, two
	// concatenated gzip members: vhost_combined with names and an address
	// as virtual host, IPv6 client.
	{Name: "vhost-cloudwatch", Key: "AWSLogs/aws-account-id=123456789012/service=apache-access/web-site-name=shop/aws-region=eu-west-1/2026/11/27/09/apache-access-shop-1-2026-11-27-09-20-42-0b1f6c4e-8d2a-4f5b-9e3c-7a1d2b3c4d5e", Indexed: 5},
	// FireLens lines of an ECS task: the reference system's layout, a
	// leading X-Forwarded-For ("-", one address, a list) before %h, and
	// combinedio's %I %O.
	{Name: "xff-combinedio-firelens", Key: "ecs-containers/apache-access/2026/11/27/10/shop-web-apache-1-2026-11-27-10-20-00-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b.gz", Indexed: 4},
}

var errorGoldens = []siemtest.Golden{
	// Apache 2.4: module:level, pid:tid, client with port (IPv4 and IPv6),
	// AH codes, a debug line with its source file, an OS error before the
	// client, a mod_rewrite trace, a referer, and a broken line.
	{Name: "error24-file", Key: "apache/error/web-01/error_log-20261127.gz", Indexed: 12, DeadLettered: 1, Check: deadLettersSayWhy},
	// Apache 2.2 through CloudWatch Logs and Firehose.
	{Name: "error22-cloudwatch", Key: "AWSLogs/aws-account-id=123456789012/service=apache-error/web-site-name=legacy/aws-region=eu-west-1/2026/11/27/09/apache-error-legacy-1-2026-11-27-09-32-10-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", Indexed: 5},
}

func deadLettersSayWhy(t *testing.T, res *siemtest.Result) {
	for _, dl := range res.DeadLetters {
		if !strings.HasPrefix(dl.Reason, "apache ") || len(dl.Raw) == 0 || dl.Line == 0 {
			t.Errorf("dead letter of record %d does not say what and where: %+v", dl.Record, dl)
		}
	}
}

func goldens(gs []siemtest.Golden) []siemtest.Golden {
	gs = append([]siemtest.Golden(nil), gs...)
	for i := range gs {
		g := &gs[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return gs
}

// accessFields are compared with Elastic's expected documents.
var accessFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.outcome",
	"source.ip", "source.address", "source.domain", "user.name",
	"http.request.method", "http.request.referrer", "http.version",
	"http.response.status_code", "http.response.body.bytes",
	"url.original", "url.path", "url.query", "url.extension", "url.domain",
	"destination.domain", "user_agent.original",
	"tls.cipher", "tls.version", "tls.version_protocol",
}

var accessDifferences = []siemtest.Difference{
	{Field: "user.name", Reason: `Apache's "-" (no user) is left out; Elastic indexes the dash as a user name`},
	{Field: "http.request.referrer", Reason: `Apache's "-" (no Referer header) is left out; Elastic indexes the dash`},
	{Field: "user_agent.original", Reason: `Apache's "-" (no User-Agent header) is left out; Elastic indexes the dash`},
	{Field: "http.response.body.bytes", Reason: `%b writes "-" for a response without body: we index 0 bytes, Elastic leaves the field out`},
	{Field: "source.address", Reason: "set from %h on every line; Elastic's vhost pattern leaves it out and keeps the client only in source.ip"},
	{Field: "url.query", Reason: "kept as logged, percent-encoding included, since decoding makes an encoded & or = look like a separator; Elastic's uri_parts decodes it (url.path is decoded by both)"},
}

func accessHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:        apache.Access(),
		Others:      all.Types(),
		Update:      *update,
		Goldens:     goldens(accessGoldens),
		Compare:     accessFields,
		Differences: accessDifferences,
	}
}

// TestAccessHarness runs detection, the goldens and Elastic's pipeline
// tests of its apache access data stream.
func TestAccessHarness(t *testing.T) {
	h := accessHarness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "apache_access")
	for _, name := range []string{"test-access-basic.log", "test-access-darwin.log", "test-access-ssl-request.log", "test-access-ubuntu.log", "test-access-vhost.log"} {
		input := filepath.Join(dir, name)
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{Input: input, Expected: input + "-expected.json", Key: "apache/access/" + name})
	}
	h.Test(t)
}

var errorFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.timezone",
	"log.level", "message", "apache.error.module", "process.pid", "process.thread.id",
	"source.ip", "source.address", "source.port", "file.path", "http.request.referrer",
}

var errorDifferences = []siemtest.Difference{
	{Field: "@timestamp", Reason: "keeps the microseconds Apache 2.4 writes; Elastic's date processor keeps milliseconds"},
	{Field: "message", Reason: "the mod_rewrite trace line: its source location (%F) goes to log.origin.file.* and its [client] to source.*, and the message is what follows; Elastic's grok misses a client after %F and keeps all of it"},
	{Field: "source.ip", Reason: "the mod_rewrite trace line's [client] after its source location; Elastic's grok misses it"},
	{Field: "source.address", Reason: "the mod_rewrite trace line's [client] after its source location; Elastic's grok misses it"},
	{Field: "source.port", Reason: "the mod_rewrite trace line's [client] after its source location; Elastic's grok misses it"},
}

func errorHarness() siemtest.Harness {
	return siemtest.Harness{
		Type:    apache.Error(),
		Others:  all.Types(),
		Update:  *update,
		Goldens: goldens(errorGoldens),
	}
}

// TestErrorHarness runs detection and the goldens.
func TestErrorHarness(t *testing.T) { errorHarness().Test(t) }

// TestErrorConformance runs Elastic's pipeline tests of its apache error
// data stream, whose configuration sets event.timezone "GMT+2": the type
// is built for that zone.
func TestErrorConformance(t *testing.T) {
	h := errorHarness()
	h.Type, h.Goldens = apache.ErrorIn(time.FixedZone("GMT+2", 2*3600)), nil
	h.Compare, h.Differences = errorFields, errorDifferences
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "apache_error")
	for _, name := range []string{"test-error-basic.log", "test-error-darwin.log", "test-error-trace.log", "test-error-ubuntu.log"} {
		input := filepath.Join(dir, name)
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{Input: input, Expected: input + "-expected.json", Key: "apache/error/" + name})
	}
	h.Test(t)
}

// FuzzAccessObject and FuzzErrorObject run whole objects through the
// pipeline, seeded with the goldens' inputs.
func FuzzAccessObject(f *testing.F) { accessHarness().Fuzz(f) }
func FuzzErrorObject(f *testing.F)  { errorHarness().Fuzz(f) }
