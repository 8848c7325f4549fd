package s3accesslog_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/s3accesslog"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are sample objects under the repository's testdata, at the keys
// S3 would deliver them to, so that the key-derived fields are exercised.
var goldens = []siemtest.Golden{
	// Simple key, the current 27-field format: objects read, written,
	// copied (two records), deleted in a batch (one record per key, one
	// request id), denied, listed through an access point, a website
	// request over plain HTTP, a lifecycle expiration, escaped quotes.
	{Name: "current-format", Key: "AWSLogs/123456789012/s3accesslog/app-assets-prod/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A", Indexed: 15},
	// Date-based partitioning: account, Region and bucket come from the
	// key; a multipart upload, the legacy global endpoint, a wrong-Region
	// redirect, a service requester and a record with three fields more
	// than AWS documents today.
	{Name: "partitioned", Key: "AWSLogs/s3accesslog/210987654321/eu-west-1/customer-uploads-eu/2026/11/27/2026-11-27-00-00-00-3C4D5E6F708192A3", Indexed: 7},
	// An object of 2019: the original 18 fields, the 24- and 25-field
	// forms, and four broken records.
	{Name: "older-formats-and-broken", Key: "AWSLogs/123456789012/s3accesslog/legacy-reports/2019-02-06-00-05-13-5A4B3C2D1E0F9A8B", Indexed: 5, DeadLettered: 4, Check: deadLettersSayWhatAndWhere},
}

// elasticFields are compared with Elastic's expected documents for its
// s3access data stream. Its vendor fields (aws.s3access.*) are not: our
// namespace is aws.s3accesslog (see the package documentation).
var elasticFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.id",
	"event.outcome", "event.duration",
	"source.ip", "source.address", "user.id",
	"http.request.method", "http.version", "http.response.status_code", "http.response.body.bytes",
	"url.original", "url.path", "url.query", "url.extension", "url.domain", "user_agent.original",
	"tls.cipher", "tls.version", "tls.version_protocol",
	"cloud.provider", "cloud.region", "related.ip", "related.user",
}

var elasticDifferences = []siemtest.Difference{
	{Field: "url.domain", Reason: "set from the Host Header, the endpoint the request was sent to; Elastic keeps that only as aws.s3access.host_header"},
	{Field: "related.user", Reason: "holds the requester (user.id and user.name); Elastic puts the bucket owner's canonical id there, who is not a party to the request"},
}

// renameClient is the one systematic naming difference from Elastic: it
// writes the requester's address and id to client.*, we write them to
// source.* and user.id, as the reference system does (see the package
// documentation). Renaming lets the values themselves be compared.
func renameClient(doc map[string]any) {
	client, ok := doc["client"].(map[string]any)
	if !ok {
		return
	}
	delete(doc, "client")
	src := map[string]any{}
	for _, k := range []string{"ip", "address"} {
		if v, ok := client[k]; ok {
			src[k] = v
		}
	}
	if len(src) > 0 {
		doc["source"] = src
	}
	if u, ok := client["user"].(map[string]any); ok {
		doc["user"] = u
	}
}

func harness() siemtest.Harness {
	h := siemtest.Harness{
		Type:        s3accesslog.New(),
		Others:      all.Types(),
		Update:      *update,
		Goldens:     append([]siemtest.Golden(nil), goldens...),
		Compare:     elasticFields,
		Differences: elasticDifferences,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens and Elastic's pipeline test of
// its s3access data stream, fed under a key in the simple format, so that
// cloud.region must come from the Host Header.
func TestHarness(t *testing.T) {
	h := harness()
	input := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_s3access", "test-s3-server-access.log")
	h.Fixtures = []siemtest.Fixture{{
		Input:    input,
		Expected: input + "-expected.json",
		Key:      "s3-access-logs/2019-09-19-17-10-00-0123456789ABCDEF",
		Prepare:  renameClient,
	}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }

func deadLettersSayWhatAndWhere(t *testing.T, res *siemtest.Result) {
	for _, dl := range res.DeadLetters {
		if !strings.HasPrefix(dl.Reason, "s3accesslog record: ") || len(dl.Raw) == 0 || dl.Line == 0 {
			t.Errorf("dead letter of record %d does not say what and where: %+v", dl.Record, dl)
		}
		if !strings.Contains(dl.Reason, "field ") && !strings.Contains(dl.Reason, "column ") && !strings.Contains(dl.Reason, " fields, expected") {
			t.Errorf("dead letter of record %d names no column: %s", dl.Record, dl.Reason)
		}
	}
}
