package rdsmysql_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/rdsmysql"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.RDSMySQL(4000)
	if !bytes.Equal(data, samplegen.RDSMySQL(4000)) {
		t.Fatal("samplegen.RDSMySQL is not deterministic")
	}
	res := siemtest.Run(t, rdsmysql.New(), benchKey, data)
	if res.Counts.Indexed != 4000 || res.Counts.DeadLettered != 0 || res.Counts.Excluded != 0 {
		t.Fatalf("counts %v, want 4000 indexed", res.Counts)
	}
	for _, want := range []string{`"log_type":"audit"`, `"log_type":"general"`, `"log_type":"error"`, `"log_type":"slowquery"`,
		`"failed-connect"`, `"access-denied"`, `"iam"`, `"deletion"`, `"outcome":"failure"`, `"cluster_identifier":"orders-aurora"`, `"2001:db8::`, `"error":{"code":"1205"}`, `"sort_rows"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no record with %s", want)
		}
	}
}

// benchReader unwraps the payloads of a benchmark object;
// siemtest.BenchNormalize reads its messages.
func benchReader(tb testing.TB, data []byte) siem.ObjectReader {
	tb.Helper()
	obj := siem.Object{Key: benchKey}
	msgs, err := envelope.CloudWatchLogs().Open(obj, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	or, err := rdsmysql.New().(siem.MessageOpener).OpenMessages(obj, msgs)
	if err != nil {
		tb.Fatal(err)
	}
	return or
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchNormalize(b, benchReader(b, samplegen.RDSMySQL(10000)), toJSON)
}

// BenchmarkNormalize measures Normalize alone on the varied messages of
// samplegen.RDSMySQL.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
