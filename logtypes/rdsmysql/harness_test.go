package rdsmysql_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/rdsmysql"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// repoTestdata holds the sample objects, at the keys they are delivered to.
const repoTestdata = "../../testdata"

func golden(name, key string, indexed, excluded, deadLettered int64) siemtest.Golden {
	return siemtest.Golden{
		Name: name, Key: key, Input: filepath.Join(repoTestdata, filepath.FromSlash(key)),
		File: filepath.Join("testdata", name+".golden"), Indexed: indexed, Excluded: excluded, DeadLettered: deadLettered,
	}
}

var goldens = []siemtest.Golden{
	golden("audit-cwl", "AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", 13, 1, 1),
	golden("slowquery-cwl", "AWSLogs/123456789012/RDS/MySQL/eu-west-1/slowquery/2026/11/27/10/siem-rds-mysql-slowquery-1-2026-11-27-10-05-00-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e.gz", 3, 1, 1),
	golden("error-mariadb-cwl", "AWSLogs/123456789012/RDS/MariaDB/us-east-1/error/2026/11/27/10/siem-rds-mariadb-error-1-2026-11-27-10-05-00-3c4d5e6f-7a8b-9c0d-1e2f-3a4b5c6d7e8f.gz", 5, 0, 0),
	golden("error-mysql-cwl", "AWSLogs/123456789012/RDS/MySQL/eu-west-1/error/2026/11/27/10/siem-rds-mysql-error-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9012.gz", 3, 0, 0),
	golden("general-aurora-cwl", "AWSLogs/123456789012/RDS/MySQL/eu-west-1/general/2026/11/27/10/siem-rds-mysql-general-1-2026-11-27-10-05-00-4d5e6f7a-8b9c-0d1e-2f3a-4b5c6d7e8f90.gz", 7, 1, 0),
	golden("slowquery-mariadb-file", "rds/mariadb/legacy-maria-1/slowquery/mysql-slowquery.log.10", 2, 1, 0),
}

// slowFields are compared with Elastic's mysql.slowlog expected
// documents; prepare moves Elastic's mysql.* fields to ours.
var slowFields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.duration", "event.original",
	"user.name", "source.ip", "source.domain", "source.address", "event.action", "related.user",
	"aws.rds_mysql.query", "aws.rds_mysql.thread_id", "aws.rds_mysql.slowlog.current_user",
	"aws.rds_mysql.slowlog.lock_time_sec", "aws.rds_mysql.slowlog.rows_sent", "aws.rds_mysql.slowlog.rows_examined",
}

var slowDifferences = []siemtest.Difference{
	{Field: "event.action", Reason: "we name every slow query log entry slow-query, so that it can be told from the audit and general log's query entries in the same index; Elastic sets no action"},
	{Field: "source.address", Reason: "set to the client's host name, or to its address when MySQL logged no name, as ECS asks for source.address alongside source.ip/domain; Elastic leaves it out"},
	{Field: "related.user", Reason: "we fill related.user with the user (and the privilege user when it differs); Elastic's slowlog pipeline does not"},
}

func harness() siemtest.Harness {
	return siemtest.Harness{Type: rdsmysql.New(), Others: all.Types(), Update: *update,
		Goldens: goldens, Compare: slowFields, Differences: slowDifferences}
}

// prepare renames the fields Elastic's mysql integration keeps under
// mysql.* to where we keep them, so that their values are compared.
func prepare(doc map[string]any) {
	mysql, _ := doc["mysql"].(map[string]any)
	if mysql == nil {
		return
	}
	ours := map[string]any{}
	if v, ok := mysql["thread_id"]; ok {
		ours["thread_id"] = v
	}
	slow := map[string]any{}
	if sl, ok := mysql["slowlog"].(map[string]any); ok {
		for from, to := range map[string]string{"current_user": "current_user", "rows_sent": "rows_sent", "rows_examined": "rows_examined"} {
			if v, ok := sl[from]; ok {
				slow[to] = v
			}
		}
		if lt, ok := sl["lock_time"].(map[string]any); ok {
			slow["lock_time_sec"] = lt["sec"]
		}
		if q, ok := sl["query"]; ok {
			ours["query"] = q
		}
	}
	ours["slowlog"] = slow
	doc["aws"] = map[string]any{"rds_mysql": ours}
}

// TestHarness runs detection, the goldens, and Elastic's MySQL 5.7 slow
// log pipeline test, whose config frames records on "# User@Host: " and
// "# Time: " lines, as a file under a slowquery folder is framed.
func TestHarness(t *testing.T) {
	h := harness()
	dir := filepath.Join(shared.Dir(t, "conformance"), "elastic-integrations", "aws_rds_mysql_slowlog")
	input := filepath.Join(dir, "test-mysql-5-7-22.log")
	h.Fixtures = []siemtest.Fixture{{Input: input, Expected: input + "-expected.json",
		Key: "rds/mysql/mysql-5-7-22/slowquery/mysql-slowquery.log", Prepare: prepare}}
	h.Test(t)
}

func FuzzObject(f *testing.F) { harness().Fuzz(f) }
