package securitylake_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/siemtest"
)

// parquetObjects runs every OCSF Parquet object of the validation samples
// (AWS's amazon-security-lake-ocsf-validation, OCSF 1.0.0-rc.2) and returns
// the documents by file, relative to the directory.
func parquetObjects(t *testing.T) map[string][]map[string]any {
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_security_lake_ocsf_parquet")
	out := map[string][]map[string]any{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".gz.parquet") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		key := "aws/" + filepath.ToSlash(rel)
		res := siemtest.Run(t, securitylake.New(), "SecurityLake/"+key, data)
		if res.Err != nil {
			t.Errorf("%s: %v", rel, res.Err)
		}
		for _, dl := range res.DeadLetters {
			t.Errorf("%s: dead-lettered record %d: %s", rel, dl.Position.Record, dl.Reason)
		}
		for _, d := range res.Docs {
			var m map[string]any
			if err := json.Unmarshal(d.Body, &m); err != nil {
				t.Fatal(err)
			}
			out[filepath.ToSlash(rel)] = append(out[filepath.ToSlash(rel)], m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSecurityLakeParquet reads AWS's 33 OCSF Parquet validation objects
// (one event each, OCSF 1.0.0-rc.2 as the first Security Lake wrote) and
// checks the count and, for one object of each source, the ECS fields
// against what the raw CloudTrail, VPC, Route 53 and Security Hub inputs
// beside them say.
func TestSecurityLakeParquet(t *testing.T) {
	docs := parquetObjects(t)
	total := 0
	for name, d := range docs {
		if len(d) != 1 {
			t.Errorf("%s: %d documents, want 1", name, len(d))
		}
		total += len(d)
	}
	if total != 33 {
		t.Errorf("%d documents from %d objects, want 33", total, len(docs))
	}
	for _, c := range []struct {
		file string
		want map[string]any
	}{
		{"CLOUD_TRAIL/authentication/ConsoleLogin-mfa-failure.test.gz.parquet", map[string]any{
			"@timestamp": "2022-11-10T16:24:34Z", "event.action": "ConsoleLogin", "event.category": []any{"authentication"},
			"event.type": []any{"start"}, "event.outcome": "failure", "user.name": "anaya", "user.id": "AIDACKCEVSQ6C2EXAMPLE",
			"source.ip": "192.0.2.0", "cloud.account.id": "111122223333", "error.message": "Failed authentication",
			"user.target.id": nil,
		}},
		{"CLOUD_TRAIL/api_activity_general/CreateLoadBalancer.test.gz.parquet", map[string]any{
			// rc.2's API Activity is class 3005; it is 6003 from OCSF 1.0.
			"event.category": []any{"api"}, "event.action": "CreateLoadBalancer", "event.provider": "elasticloadbalancing.amazonaws.com",
			"event.outcome": "success", "user.name": "Alice", "source.ip": "198.51.100.1", "cloud.region": "us-west-2",
			"aws.securitylake.class_uid": float64(6003),
		}},
		{"CLOUD_TRAIL/api_activity_general/GetVpcLinks.test.gz.parquet", map[string]any{
			"event.outcome": "failure", "error.code": "AccessDenied",
		}},
		{"CLOUD_TRAIL/account_change/CreateUser.test.gz.parquet", map[string]any{
			"event.category": []any{"iam"}, "event.type": []any{"user", "creation"}, "user.target.name": "test_user2",
		}},
		{"VPC_FLOW/example0.gz.parquet", map[string]any{
			"@timestamp": "2022-04-12T00:02:12Z", "event.type": []any{"connection", "denied"}, "source.ip": "1.2.3.4",
			"source.port": float64(56858), "destination.ip": "172.31.2.52", "destination.port": float64(39938),
			"network.transport": "tcp", "network.bytes": float64(40), "network.direction": "inbound", "cloud.account.id": "123456789012",
		}},
		{"ROUTE53/example3.json.gz.parquet", map[string]any{
			"dns.question.name": "15.3.4.32.in-addr.arpa", "dns.question.type": "PTR", "dns.response_code": "NOERROR",
			"source.ip": "4.5.64.102", "cloud.account.id": "111122223333",
		}},
		{"SH_FINDINGS/example3.json.gz.parquet", map[string]any{
			"@timestamp": "2022-08-04T18:09:25.316Z", "event.kind": "alert", "event.created": "2021-10-28T19:33:39.417Z",
			"event.id":  "arn:aws:securityhub:us-east-1:123456789100:subscription/cis-aws-foundations-benchmark/v/1.2.0/3.9/finding/randomsample",
			"rule.name": "EC2.19 Security groups should not allow unrestricted access to ports with high risk",
		}},
	} {
		d := docs[c.file]
		if len(d) == 0 {
			t.Errorf("%s: no document", c.file)
			continue
		}
		for path, want := range c.want {
			got := lookup(d[0], path)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s = %#v, want %#v", c.file, path, got, want)
			}
		}
	}
}

// lookup finds a dotted path in a decoded document (nil when absent).
func lookup(doc map[string]any, path string) any {
	var cur any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}
