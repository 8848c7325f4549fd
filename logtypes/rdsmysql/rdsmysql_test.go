package rdsmysql

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// run normalizes data as a message of the log group, and returns the
// event's JSON values by path.
func run(t *testing.T, group, stream, data string) (*ecs.Event, error) {
	t.Helper()
	var ev ecs.Event
	rec := siem.Record{Record: parser.Record{Data: []byte(data), Number: 1, Delivery: &parser.Delivery{
		Envelope: envelope.NameCloudWatchLogs, ID: "1", Time: time.Date(2026, 11, 27, 10, 6, 0, 0, time.UTC),
		Meta: &envelope.CloudWatchLogsMeta{MessageType: "DATA_MESSAGE", Owner: "123456789012", LogGroup: group, LogStream: stream},
	}}}
	err := normalize(rec, &ev, &keyInfo{})
	if err == nil {
		if verr := ev.Err(); verr != nil {
			t.Fatalf("invalid event: %v", verr)
		}
	}
	return &ev, err
}

func want(t *testing.T, ev *ecs.Event, fields map[string]string) {
	t.Helper()
	for path, w := range fields {
		got, ok := ev.Lookup(path)
		switch {
		case w == "" && ok:
			t.Errorf("%s = %s, want it absent", path, got)
		case w != "" && string(got) != w:
			t.Errorf("%s = %s, want %s", path, got, w)
		}
	}
}

func TestAudit(t *testing.T) {
	const group = "/aws/rds/instance/db-1/audit"
	cases := []struct {
		name, line string
		fields     map[string]string
	}{
		{"retcode 0 is success (the reference system reads it as a failure)",
			"20261127 10:05:00,ip-1,app,10.0.0.5,7,0,CONNECT,shop,,0",
			map[string]string{"event.outcome": `"success"`, "error.code": "", "@timestamp": `"2026-11-27T10:05:00Z"`, "event.type": `["start"]`, "user.name": `"app"`, "source.ip": `"10.0.0.5"`}},
		{"failed login",
			"20261127 10:05:00,ip-1,admin,203.0.113.7,8,0,FAILED_CONNECT,,,1045",
			map[string]string{"event.outcome": `"failure"`, "error.code": `"1045"`, "event.category": `["database","authentication"]`, "aws.rds_mysql.audit.retcode": "1045"}},
		{"quoted statement with commas, a newline escape and quotes",
			`20261127 10:05:00,ip-1,app,host.example,7,9,QUERY,shop,'SELECT a, b FROM t WHERE s = \'x,y\'\nLIMIT 1',0`,
			map[string]string{"aws.rds_mysql.query": `"SELECT a, b FROM t WHERE s = 'x,y'\nLIMIT 1"`, "source.domain": `"host.example"`, "source.ip": "", "event.type": `["access"]`}},
		{"Aurora epoch microseconds and a connection type after the return code",
			"1795773905123456,ip-1,app,10.0.0.5,7,9,QUERY,shop,'DROP TABLE x',0,SSL/TLS",
			map[string]string{"@timestamp": `"2026-11-27T10:05:05.123456Z"`, "aws.rds_mysql.audit.connection_type": `"SSL/TLS"`, "event.type": `["change","deletion"]`}},
		{"account statement",
			`20261127 10:05:00,ip-1,admin,10.0.0.5,7,9,QUERY,mysql,'GRANT ALL ON *.* TO \'x\'@\'%\'',0`,
			map[string]string{"event.category": `["database","iam"]`, "event.type": `["change","user"]`}},
		{"table event: the object is a table name",
			"20261127 10:05:00,ip-1,app,10.0.0.5,7,9,WRITE,shop,orders,0",
			map[string]string{"aws.rds_mysql.audit.object": `"orders"`, "aws.rds_mysql.query": "", "event.type": `["change"]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := run(t, group, "db-1", c.line)
			if err != nil {
				t.Fatal(err)
			}
			want(t, ev, c.fields)
		})
	}
	for _, bad := range []string{
		"20261127 10:05:00,ip-1,app,10.0.0.5,7,9,QUERY,shop,'unterminated,0",
		"20261127 10:05:00,ip-1,app,10.0.0.5,7,9,QUERY,shop,'x',zero",
		"yesterday,ip-1,app,10.0.0.5,7,9,QUERY,shop,'x',0",
		"20261127 10:05:00,ip-1,app",
	} {
		if _, err := run(t, group, "db-1", bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestLogGroup(t *testing.T) {
	cases := []struct {
		group, stream string
		want          source
	}{
		{"/aws/rds/instance/db-1/slowquery", "db-1", source{log: logSlow, instance: "db-1"}},
		{"/aws/rds/cluster/c-1/error", "c-1-instance-1.error.log", source{log: logError, cluster: "c-1", instance: "c-1-instance-1"}},
		{"/aws/rds/instance/db-1/postgresql", "db-1", source{instance: "db-1"}},
		{"/ecs/app", "x", source{}},
		{"/aws/rds/instance//audit", "", source{}},
	}
	for _, c := range cases {
		if got := fromLogGroup(c.group, c.stream); got != c.want {
			t.Errorf("%s %s: %+v, want %+v", c.group, c.stream, got, c.want)
		}
	}
}

func TestLogFromKeyOrContent(t *testing.T) {
	if k := parseKey("AWSLogs/123456789012/RDS/MariaDB/us-east-1/general/2026/11/27/x.gz"); k.log != logGeneral || !k.mariadb || k.region != "us-east-1" || k.account != "123456789012" {
		t.Errorf("parseKey: %+v", k)
	}
	if k := parseKey("rds/mysql/db/mysql-slowquery.log.3"); k.log != logSlow {
		t.Errorf("parseKey file name: %+v", k)
	}
	// Without a log group or key, a slow log entry is recognised by its
	// content; a line of no known shape is dead-lettered.
	var ev ecs.Event
	rec := siem.Record{Record: parser.Record{Data: []byte("# User@Host: a[a] @  [10.0.0.1]  Id: 1\n# Query_time: 0.5  Lock_time: 0.0 Rows_sent: 0  Rows_examined: 0\nSET timestamp=1795773900;\nselect 1;")}}
	if err := Normalize(rec, &ev); err != nil {
		t.Fatal(err)
	}
	want(t, &ev, map[string]string{"event.duration": "500000000", "aws.rds_mysql.log_type": `"slowquery"`, "@timestamp": `"2026-11-27T10:05:00Z"`})
	ev.Reset()
	rec.Data = []byte("hello")
	if err := Normalize(rec, &ev); !errors.Is(err, errNoLog) {
		t.Errorf("unknown content: %v", err)
	}
}

func TestSlowTimeLineAlone(t *testing.T) {
	_, err := run(t, "/aws/rds/instance/db-1/slowquery", "db-1", "# Time: 2026-11-27T10:05:00.000001Z")
	var ex *siem.ExcludedError
	if !errors.As(err, &ex) || ex.Rule != ruleTimeLine {
		t.Fatalf("got %v, want exclusion under %s", err, ruleTimeLine)
	}
}

func TestSlowAdministratorCommand(t *testing.T) {
	ev, err := run(t, "/aws/rds/instance/db-1/slowquery", "db-1",
		"# User@Host: app[app] @  [10.0.0.1]  Id:    9\n# Query_time: 11.2  Lock_time: 0.000000 Rows_sent: 0  Rows_examined: 0\nSET timestamp=1795773900;\n# administrator command: Binlog Dump;")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"aws.rds_mysql.query": `"# administrator command: Binlog Dump;"`, "event.duration": "11200000000", "aws.rds_mysql.thread_id": "9"})
}

// TestSlowExtra checks the fields MySQL 8 appends to the Query_time line
// with log_slow_extra, and MariaDB's Priority_queue: none stays in
// event.original only.
func TestSlowExtra(t *testing.T) {
	const entry = "# Time: 2026-11-27T10:05:00.412118Z\n" +
		"# User@Host: app[app] @  [10.0.0.1]  Id:    9\n" +
		"# Query_time: 2.000120  Lock_time: 0.000010 Rows_sent: 0  Rows_examined: 120 Thread_id: 9 Errno: 1205 Killed: 0 " +
		"Bytes_received: 61 Bytes_sent: 11 Read_first: 1 Read_last: 0 Read_key: 2 Read_next: 3 Read_prev: 0 Read_rnd: 0 Read_rnd_next: 121 " +
		"Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 0 Sort_scan_count: 0 Created_tmp_disk_tables: 0 Created_tmp_tables: 1 " +
		"Start: 2026-11-27T10:04:58.411998Z End: 2026-11-27T10:05:00.412118Z\n" +
		"SET timestamp=1795773898;\nUPDATE stock SET n = n - 1 WHERE id = 7;"
	ev, err := run(t, "/aws/rds/instance/db-1/slowquery", "db-1", entry)
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{
		"event.outcome": `"failure"`, "error.code": `"1205"`,
		"event.start": `"2026-11-27T10:04:58.411998Z"`, "event.end": `"2026-11-27T10:05:00.412118Z"`,
		"aws.rds_mysql.slowlog.errno": "1205", "aws.rds_mysql.slowlog.killed": "0",
		"aws.rds_mysql.slowlog.bytes_received": "61", "aws.rds_mysql.slowlog.bytes_sent": "11",
		"aws.rds_mysql.slowlog.read_key": "2", "aws.rds_mysql.slowlog.read_rnd_next": "121",
		"aws.rds_mysql.slowlog.created_tmp_tables": "1", "aws.rds_mysql.slowlog.sort_rows": "0",
		"aws.rds_mysql.thread_id": "9", "event.duration": "2000120000",
	})

	ev, err = run(t, "/aws/rds/instance/db-1/slowquery", "db-1",
		"# User@Host: app[app] @  [10.0.0.1]\n# Query_time: 1.5  Lock_time: 0 Rows_sent: 1  Rows_examined: 1 Errno: 0 Killed: 1317\n"+
			"# Filesort: Yes  Filesort_on_disk: No  Merge_passes: 0  Priority_queue: Yes\nSET timestamp=1795773898;\nSELECT 1;")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"event.outcome": `"failure"`, "error.code": `"1317"`, "aws.rds_mysql.slowlog.priority_queue": "true"})

	ev, err = run(t, "/aws/rds/instance/db-1/slowquery", "db-1",
		"# User@Host: app[app] @  [10.0.0.1]\n# Query_time: 1.5  Lock_time: 0 Rows_sent: 1  Rows_examined: 1\nSET timestamp=1795773898;\nSELECT 1;")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"event.outcome": "", "error.code": "", "event.start": ""})
}

func TestGeneral(t *testing.T) {
	const group = "/aws/rds/instance/db-1/general"
	// MariaDB leaves the time out when it has not changed: the delivery
	// time stands in.
	ev, err := run(t, group, "db-1", "\t\t    12 Query\tINSERT INTO t VALUES (1)")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"@timestamp": `"2026-11-27T10:06:00Z"`, "aws.rds_mysql.thread_id": "12", "event.type": `["change"]`})
	ev, err = run(t, group, "db-1", "261127 10:05:01\t    13 Connect\tapp@10.0.0.9 on  using TCP/IP")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"@timestamp": `"2026-11-27T10:05:01Z"`, "user.name": `"app"`, "source.ip": `"10.0.0.9"`, "aws.rds_mysql.database": "", "aws.rds_mysql.connection_method": `"TCP/IP"`,
		"event.outcome": `"success"`})
	ev, err = run(t, group, "db-1", "261127 10:05:02	    14 Connect	Access denied for user 'app'@'10.0.0.9' (using password: YES)")
	if err != nil {
		t.Fatal(err)
	}
	want(t, ev, map[string]string{"event.outcome": `"failure"`, "user.name": `"app"`, "source.ip": `"10.0.0.9"`})
	if _, err := run(t, group, "db-1", "2026-11-27T10:05:01Z\tQuery"); err == nil {
		t.Error("an entry without a thread id was accepted")
	}
}

func TestFirstWords(t *testing.T) {
	for stmt, w := range map[string][2]string{
		"  select 1":                   {"SELECT", ""},
		"/* app=shop */ DELETE FROM t": {"DELETE", "FROM"},
		"/*!40101 SET NAMES utf8 */":   {"SET", "NAMES"},
		"(SELECT 1) UNION (SELECT 2)":  {"SELECT", ""},
		"create user 'x'@'%'":          {"CREATE", "USER"},
		"/* unterminated":              {"", ""},
		"":                             {"", ""},
	} {
		a, b := firstWords(stmt)
		if a != w[0] || b != w[1] {
			t.Errorf("%q: %q %q, want %q %q", stmt, a, b, w[0], w[1])
		}
	}
}

func TestMySQLTime(t *testing.T) {
	for in, w := range map[string]string{
		"2026-11-27T10:05:00.123456Z":      "2026-11-27T10:05:00.123456Z",
		"2018-08-07T16:27:47.169604+08:00": "2018-08-07T08:27:47.169604Z",
		"2026-11-27 10:05:00":              "2026-11-27T10:05:00Z",
		"261127 10:05:00":                  "2026-11-27T10:05:00Z",
		"261127  9:05:00":                  "2026-11-27T09:05:00Z",
	} {
		got, ok := mysqlTime(in)
		if !ok || got.Format(time.RFC3339Nano) != w {
			t.Errorf("%q: %v %v, want %s", in, got, ok, w)
		}
	}
	if _, ok := mysqlTime("27/11/2026"); ok {
		t.Error("accepted 27/11/2026")
	}
}

// TestFiles reads general and error log files: header lines are records
// of their own (excluded), and lines without a time continue the entry
// before them.
func TestFiles(t *testing.T) {
	general := "/rdsdbbin/mysql/bin/mysqld, Version: 8.0.35 (Source distribution). started with:\n" +
		"Tcp port: 3306  Unix socket: /tmp/mysql.sock\n" +
		"Time                 Id Command    Argument\n" +
		"2026-11-27T10:05:30.100200Z\t   12 Query\tSELECT a\n  FROM t\n" +
		"2026-11-27T10:05:31.000000Z\t   12 Quit\t\n"
	res := siemtest.Run(t, New(), "rds/mysql/db-1/general/mysql-general.log", []byte(general))
	if res.Counts.Indexed != 2 || res.Counts.Excluded != 3 || res.Counts.DeadLettered != 0 {
		t.Fatalf("general: counts %v, want 2 indexed and 3 excluded", res.Counts)
	}
	if !bytes.Contains(res.Docs[0].Body, []byte(`"query":"SELECT a\n  FROM t"`)) {
		t.Errorf("general: multi-line query lost: %s", res.Docs[0].Body)
	}
	errlog := "2026-11-27T10:05:20.118402Z 0 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: 11\n" +
		"InnoDB: Check that you do not already have another mysqld process\n" +
		"2026-11-27T10:05:21Z 0 [System] [MY-010931] [Server] ready for connections.\n"
	res = siemtest.Run(t, New(), "rds/mysql/db-1/error/mysql-error.log", []byte(errlog))
	if res.Counts.Indexed != 2 {
		t.Fatalf("error: counts %v, want 2 indexed", res.Counts)
	}
	if !bytes.Contains(res.Docs[0].Body, []byte(`another mysqld process"`)) || !bytes.Contains(res.Docs[0].Body, []byte(`"subsystem":"InnoDB"`)) {
		t.Errorf("error: %s", res.Docs[0].Body)
	}
	if _, err := New().Open(siem.Object{Key: "rds/mysql/db-1/mysql.log"}, bytes.NewReader(nil)); !siem.IsNotEvents(err) {
		t.Errorf("a key naming no log: %v", err)
	}
}
