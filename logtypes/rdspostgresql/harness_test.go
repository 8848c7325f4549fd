package rdspostgresql_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/rdspostgresql"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are our sample objects under the repository's testdata, one
// per way the logs arrive.
var goldens = []siemtest.Golden{
	// A downloaded log file: background processes, a TLS connection's
	// life (received, authorized, statements, disconnection after an hour),
	// multi-line statements, log_min_duration_statement with an extended
	// protocol execute, log_error_verbosity = verbose (SQLSTATE and
	// LOCATION), pgaudit SESSION and OBJECT records (one statement with
	// quotes and a newline), a failed password, a pg_hba.conf rejection
	// from IPv6, a login as a role that does not exist, a socket
	// connection, PostgreSQL 14's "connection authenticated", a statement
	// refused for want of a privilege, a broken time stamp
	// (dead-lettered) and the END OF LOG marker (excluded).
	{Name: "file", Key: "rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10", Indexed: 31, DeadLettered: 1, Excluded: 1, Check: deadLettersSayWhy},
	// CloudWatch Logs payloads through Firehose, two concatenated gzip
	// members: an RDS instance's log group and an Aurora cluster's, with a
	// message that is not a PostgreSQL log line (dead-lettered).
	{Name: "cloudwatch", Key: "AWSLogs/123456789012/RDS/PostgreSQL/eu-west-1/postgresql/2026/11/27/10/siem-rds-postgresql-1-2026-11-27-10-05-00-4f3e2d1c-0b9a-4887-a6b5-c4d3e2f1a0b9", Indexed: 13, DeadLettered: 1, Check: deadLettersSayWhy},
}

func deadLettersSayWhy(t *testing.T, res *siemtest.Result) {
	for _, dl := range res.DeadLetters {
		if !strings.HasPrefix(dl.Reason, "rds-postgresql: ") || len(dl.Raw) == 0 {
			t.Errorf("dead letter of record %d does not say what: %+v", dl.Record, dl)
		}
	}
}

// compared are the fields compared with the expected documents we wrote
// for AWS's documented examples. message is left out so that the expected
// files do not copy the examples' text (CC BY-SA): the goldens and the
// unit tests pin it.
var compared = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome",
	"event.duration", "cloud.provider", "log.level", "error.message", "process.pid",
	"source.ip", "source.address", "source.port", "user.name",
	"aws.rds_postgresql.database_name", "aws.rds_postgresql.query",
}

func harness(t testing.TB) siemtest.Harness {
	gs := append([]siemtest.Golden(nil), goldens...)
	for i := range gs {
		g := &gs[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	h := siemtest.Harness{
		Type:    rdspostgresql.New(),
		Others:  all.Types(),
		Update:  *update,
		Goldens: gs,
	}
	if tt, ok := t.(*testing.T); ok {
		dir := filepath.Join(shared.Dir(tt, "conformance"), "raw", "aws_rds_postgresql")
		for _, name := range []string{"rds-postgresql-log-min-duration", "rds-postgresql-log-statement-all"} {
			h.Fixtures = append(h.Fixtures, siemtest.Fixture{
				Input:    filepath.Join(dir, name+".log"),
				Expected: filepath.Join("testdata", name+".expected.json"),
				Key:      "rds/postgresql/labdb/error/" + name + ".log",
			})
		}
		h.Compare = compared
	}
	return h
}

// TestHarness runs detection, the goldens, and AWS's documented examples
// against the documents we expect from their documented meaning.
func TestHarness(t *testing.T) { harness(t).Test(t) }

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness(f).Fuzz(f) }
