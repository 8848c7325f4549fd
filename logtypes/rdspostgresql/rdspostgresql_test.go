package rdspostgresql

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// doc normalizes one record and returns its fields as strings (JSON
// text of each value).
func doc(t *testing.T, line string) map[string]string {
	t.Helper()
	var ev ecs.Event
	require.NoError(t, normalize([]byte(line), &ev))
	require.NoError(t, ev.Err())
	require.NoError(t, info.CheckDocument(ev.AppendJSON(nil)))
	out := map[string]string{}
	for _, f := range []string{"@timestamp", "source.ip", "source.address", "source.domain", "source.port", "user.name",
		"aws.rds_postgresql.database_name", "process.pid", "log.level", "message", "event.action", "event.duration",
		"event.outcome", "event.category", "event.type", "error.code", "error.message", "aws.rds_postgresql.query",
		"aws.rds_postgresql.audit.parameter", "aws.rds_postgresql.audit.object_name", "related.hosts"} {
		if v, ok := ev.Lookup(f); ok {
			out[f] = string(v)
		}
	}
	return out
}

func TestPrefix(t *testing.T) {
	d := doc(t, `2026-11-27 10:00:00.123 UTC:db-client.corp.example(40112):alice@example.com@sales:[77]:LOG:  statement: SELECT 1`)
	assert.Equal(t, `"2026-11-27T10:00:00.123Z"`, d["@timestamp"])
	assert.Equal(t, `"db-client.corp.example"`, d["source.domain"])
	assert.Equal(t, `["db-client.corp.example"]`, d["related.hosts"])
	assert.NotContains(t, d, "source.ip")
	assert.Equal(t, `40112`, d["source.port"])
	assert.Equal(t, `"alice@example.com"`, d["user.name"], "a user name holding @ keeps it: the database follows the last @")
	assert.Equal(t, `"sales"`, d["aws.rds_postgresql.database_name"])
	assert.Equal(t, `"SELECT 1"`, d["aws.rds_postgresql.query"])

	d = doc(t, `2026-11-27 10:00:00 UTC:::1(5432):u@d:[9]:LOG:  x`)
	assert.Equal(t, `"::1"`, d["source.ip"], "an IPv6 loopback, colons and all")
	assert.Equal(t, `5432`, d["source.port"])

	// PostgreSQL's default prefix "%m [%p] " (a custom parameter group).
	d = doc(t, `2026-11-27 10:00:00.5 GMT [4242] ERROR:  division by zero`)
	assert.Equal(t, `4242`, d["process.pid"])
	assert.Equal(t, `"ERROR"`, d["log.level"])
	assert.Equal(t, `"failure"`, d["event.outcome"])
	assert.Equal(t, `"division by zero"`, d["error.message"])
	assert.NotContains(t, d, "error.code")
}

func TestTimeZones(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2026-11-27 10:00:00 UTC", "2026-11-27T10:00:00Z"},
		{"2026-11-27 10:00:00 GMT", "2026-11-27T10:00:00Z"},
		{"2026-11-27 10:00:00.250 +03", "2026-11-27T07:00:00.25Z"},
		{"2026-11-27 10:00:00 -0530", "2026-11-27T15:30:00Z"},
		{"2026-11-27 10:00:00.123456 UTC", "2026-11-27T10:00:00.123456Z"},
		{"2026-11-27 00:30:00 +0530", "2026-11-26T19:00:00Z"},
	} {
		got, n, err := parseTime([]byte(tt.in + ":[1]:LOG:  x"))
		require.NoError(t, err, tt.in)
		assert.Equal(t, len(tt.in), n)
		assert.Equal(t, tt.want, got.Format(time.RFC3339Nano), tt.in)
	}
	for _, bad := range []string{"2026-11-27 10:00:00 CET", "2026-13-27 10:00:00 UTC", "2026-11-27 10:00:00", "2026-11-27 10:00:00 +99"} {
		_, _, err := parseTime([]byte(bad + ":[1]:LOG:  x"))
		assert.Error(t, err, bad)
	}
}

func TestDurations(t *testing.T) {
	// The reference system multiplied hours by 1440: one hour is 3600 s.
	ns, ok := sessionNanos([]byte("1:00:00.000"))
	require.True(t, ok)
	assert.Equal(t, int64(time.Hour), ns)
	ns, ok = sessionNanos([]byte("26:15:07.5"))
	require.True(t, ok)
	assert.Equal(t, int64(26*time.Hour+15*time.Minute+7500*time.Millisecond), ns)
	for _, bad := range []string{"0:60:00.000", "1:2", "x:00:00.000", "0:00:00.12a"} {
		_, ok := sessionNanos([]byte(bad))
		assert.False(t, ok, bad)
	}
	ns, ok = msNanos([]byte("167.754"))
	require.True(t, ok)
	assert.Equal(t, int64(167754000), ns)
	ns, ok = msNanos([]byte("0.0012345"))
	require.True(t, ok)
	assert.Equal(t, int64(1234), ns, "finer than a nanosecond is truncated")
	_, ok = msNanos([]byte("1e3"))
	assert.False(t, ok)

	d := doc(t, `2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[9]:LOG:  duration: 0.050 ms  bind <unnamed>: SELECT $1`)
	assert.Equal(t, `50000`, d["event.duration"])
	assert.Equal(t, `"SELECT $1"`, d["aws.rds_postgresql.query"])
}

func TestAudit(t *testing.T) {
	d := doc(t, `2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[9]:LOG:  AUDIT: SESSION,3,2,FUNCTION,EXECUTE,FUNCTION,public.f,"SELECT f(1, 'a,b')","1,""x"""`)
	assert.Equal(t, `"SELECT f(1, 'a,b')"`, d["aws.rds_postgresql.query"])
	assert.Equal(t, `"1,\"x\""`, d["aws.rds_postgresql.audit.parameter"])
	assert.Equal(t, `"public.f"`, d["aws.rds_postgresql.audit.object_name"])
	assert.Equal(t, `["info"]`, d["event.type"])
	// Not pgaudit's layout: the text stays in message, nothing half-parsed.
	d = doc(t, `2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[9]:LOG:  AUDIT: SESSION,1,"unterminated`)
	assert.NotContains(t, d, "aws.rds_postgresql.query")
	assert.Equal(t, `"AUDIT: SESSION,1,\"unterminated"`, d["message"])
}

func TestAuthentication(t *testing.T) {
	d := doc(t, `2026-11-27 10:00:00 UTC:198.51.100.7(5):[unknown]@[unknown]:[9]:FATAL:  password authentication failed for user "mallory"`)
	assert.Equal(t, `"mallory"`, d["user.name"], "the quoted user when the prefix has none")
	assert.Equal(t, `["database","authentication"]`, d["event.category"])
	assert.Equal(t, `"failure"`, d["event.outcome"])
	assert.Equal(t, `"authentication-failed"`, d["event.action"])

	d = doc(t, `2026-11-27 10:00:00 UTC::@:[9]:FATAL:  pg_hba.conf rejects connection for host "203.0.113.9", user "bob", database "sales", SSL off`)
	assert.Equal(t, `"203.0.113.9"`, d["source.ip"])
	assert.Equal(t, `"bob"`, d["user.name"])
	assert.Equal(t, `"sales"`, d["aws.rds_postgresql.database_name"])
	assert.Equal(t, `"connection-rejected"`, d["event.action"])

	// A login as a role that does not exist (user name guessing).
	d = doc(t, `2026-11-27 10:00:00 UTC:203.0.113.5(5000):ghost@orders:[100]:FATAL:  28000: role "ghost" does not exist`)
	assert.Equal(t, `"role-not-found"`, d["event.action"])
	assert.Equal(t, `["database","authentication"]`, d["event.category"])
	assert.Equal(t, `["start"]`, d["event.type"])
	assert.Equal(t, `"failure"`, d["event.outcome"])
	assert.Equal(t, `"ghost"`, d["user.name"])
	assert.Equal(t, `"28000"`, d["error.code"])
	d = doc(t, `2026-11-27 10:00:00 UTC:203.0.113.5(5000):[unknown]@[unknown]:[100]:FATAL:  role "ghost" does not exist`)
	assert.Equal(t, `"ghost"`, d["user.name"], "the quoted role when the prefix has none")

	d = doc(t, `2026-11-27 10:00:00 UTC:203.0.113.5(5000):app@nodb:[100]:FATAL:  database "nodb" does not exist`)
	assert.Equal(t, `"database-not-found"`, d["event.action"])
	assert.Equal(t, `["database"]`, d["event.category"])
}

// TestPermissionDenied checks that statements refused for want of a
// privilege (SQLSTATE 42501) can be found by event.action.
func TestPermissionDenied(t *testing.T) {
	for _, line := range []string{
		`2026-11-27 10:00:04 UTC:10.0.0.9(5003):app@orders:[103]:ERROR:  permission denied for table secrets`,
		`2026-11-27 10:00:04 UTC:10.0.0.9(5003):app@orders:[103]:ERROR:  42501: must be owner of table ledger`,
		`2026-11-27 10:00:04 UTC:10.0.0.9(5003):app@orders:[103]:ERROR:  must be superuser to alter superuser roles or change superuser attribute`,
	} {
		d := doc(t, line)
		assert.Equal(t, `"permission-denied"`, d["event.action"], line)
		assert.Equal(t, `"failure"`, d["event.outcome"], line)
		assert.Equal(t, `"app"`, d["user.name"], line)
	}
	d := doc(t, `2026-11-27 10:00:04 UTC:10.0.0.9(5003):app@orders:[103]:LOG:  statement: SELECT 'permission denied'`)
	assert.Equal(t, `"statement"`, d["event.action"])
}

func TestBadInput(t *testing.T) {
	for _, bad := range []string{
		"",
		"hello",
		"2026-11-27 10:00:00 UTC",
		"2026-11-27 10:00:00 UTC:10.0.0.1:u@d:[1]:LOG:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(abc):u@d:[1]:LOG:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(1)u@d:[1]:LOG:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(1):ud:[1]:LOG:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[1]:log:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[1]:LOG",
		"2026-11-27 10:00:00 UTC [x]: LOG:  x",
		"2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[99999999999999999999]:LOG:  x",
		"2026-02-30 10:00:00 UTC::@:[1]:LOG:  x",
		"2026-11-27 24:00:00 UTC::@:[1]:LOG:  x",
		"2026-11-27 10:00:00. UTC::@:[1]:LOG:  x",
	} {
		var ev ecs.Event
		err := normalize([]byte(bad), &ev)
		require.Error(t, err, "%q", bad)
		assert.True(t, strings.HasPrefix(err.Error(), "rds-postgresql: "), err.Error())
	}
	var ev ecs.Event
	var ex *siem.ExcludedError
	require.True(t, errors.As(normalize([]byte("----------------------- END OF LOG ----------------------"), &ev), &ex))
	assert.Equal(t, RuleEndOfLog, ex.Rule)
}

func TestLogGroups(t *testing.T) {
	o := originOf("AWSLogs/123456789012/RDS/PostgreSQL/eu-west-1/postgresql/2026/11/27/10/x")
	assert.Equal(t, origin{account: "123456789012", region: "eu-west-1"}, o)
	assert.Equal(t, origin{}, originOf("rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10"))
	for _, tt := range []struct{ group, stream, instance, cluster string }{
		{"/aws/rds/instance/orders-db/postgresql", "orders-db", "orders-db", ""},
		{"/aws/rds/cluster/pay/postgresql", "pay-instance-1.0", "pay-instance-1", "pay"},
		{"/aws/lambda/x", "y", "", ""},
	} {
		var ev ecs.Event
		rec := siem.Record{Record: parser.Record{Delivery: &parser.Delivery{Meta: &envelope.CloudWatchLogsMeta{LogGroup: tt.group, LogStream: tt.stream}}}}
		o.write(&rec, &ev)
		v, _ := ev.LookupString("aws.rds_postgresql.instance_identifier")
		assert.Equal(t, tt.instance, v, tt.group)
		v, _ = ev.LookupString("aws.rds_postgresql.cluster_identifier")
		assert.Equal(t, tt.cluster, v, tt.group)
	}
}

// FuzzNormalize feeds records to the normalizer: an error or a valid
// document, never a panic.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		`2026-11-27 10:00:00 UTC:10.0.0.1(1):u@d:[9]:LOG:  AUDIT: SESSION,3,2,READ,SELECT,TABLE,t,"SELECT ""a""",<none>`,
		`2026-11-27 10:00:00 UTC:::1(5432):u@d:[9]:LOG:  disconnection: session time: 1:00:00.000 user=u database=d host=::1 port=5432`,
		`2026-11-27 10:00:00.5 +05:30 [1] FATAL:  28P01: password authentication failed for user "x"`,
		`2026-11-27 10:00:00 UTC:h(1):u@d:[9]:LOG:  duration: 1.5 ms  execute fetch from S_1/C_2: SELECT 1`,
		`2026-11-27 10:00:00 UTC:[local]:u@d:[9]:LOG:  connection authorized: user=u database=d application_name=a b SSL enabled (protocol=TLSv1.3, cipher=c, bits=256)`,
		`2026-11-27 10:00:00 UTC:203.0.113.5(5000):[unknown]@[unknown]:[100]:FATAL:  28000: role "ghost" does not exist`,
		`2026-11-27 10:00:00 UTC:10.0.0.9(5003):app@orders:[103]:ERROR:  42501: permission denied for table secrets`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := normalize(data, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
	})
}
