package securitylake_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/samplegen"
)

// The sample objects under the repository's testdata/, written by
// TestWriteSamples from samplegen's events (run with SIEM_WRITE_SAMPLES=1).
const (
	bucket        = "aws-security-data-lake-us-east-1-7kq2mz4xw9r1tb6nd3hc8ve5jp0ys"
	keyCloudTrail = bucket + "/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/5f0c3a9e1b2d4c6e8f7a9b0c1d2e3f4a.gz.parquet"
	keyFindings   = bucket + "/aws/SH_FINDINGS/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a.gz.parquet"
	keyRoute53    = bucket + "/aws/ROUTE53/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/9a8b7c6d5e4f30211f2e3d4c5b6a7980.gz.parquet"
	keyEKS        = bucket + "/aws/EKS_AUDIT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/3c4d5e6f708192a3b4c5d6e7f8091a2b.gz.parquet"
	keyJSON       = "ocsf-json/2026/11/27/10/ocsf-events-20261127T1005Z.json.gz"
)

func TestWriteSamples(t *testing.T) {
	if os.Getenv("SIEM_WRITE_SAMPLES") == "" {
		t.Skip("set SIEM_WRITE_SAMPLES=1 to rewrite the sample objects")
	}
	byProduct := map[string][]samplegen.OCSF{}
	for _, e := range samplegen.SecurityLakeEvents(48) {
		name := *e.Metadata.Product.Name
		if name != "Amazon VPC" && name != "AWS WAF" {
			// Security Lake partitions by region and account.
			region, account := "us-east-1", "123456789012"
			e.Cloud.Region, e.Cloud.Account.UID = &region, &account
		}
		byProduct[name] = append(byProduct[name], e)
	}
	write := func(key string, data []byte) {
		path := filepath.Join(samples, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for key, product := range map[string]string{keyCloudTrail: "CloudTrail", keyFindings: "Security Hub", keyRoute53: "Route 53", keyEKS: "Amazon EKS"} {
		var b bytes.Buffer
		if err := samplegen.WriteOCSFParquet(&b, byProduct[product]); err != nil {
			t.Fatal(err)
		}
		write(key, b.Bytes())
	}
	// OCSF JSON lines from other writers: flows and WAF requests, one
	// line cut off and one JSON object that is not an OCSF event.
	var lines bytes.Buffer
	for i, e := range append(byProduct["Amazon VPC"], byProduct["AWS WAF"]...) {
		b, _ := json.Marshal(e)
		switch i {
		case 3:
			lines.Write(b[:len(b)/2])
			lines.WriteByte('\n')
			continue
		case 7:
			lines.WriteString(`{"eventVersion":"1.09","eventName":"ListBuckets","note":"a CloudTrail record, not OCSF"}` + "\n")
		}
		lines.Write(b)
		lines.WriteByte('\n')
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(lines.Bytes())
	zw.Close()
	write(keyJSON, gz.Bytes())
}
