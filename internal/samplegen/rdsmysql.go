package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// RDSMySQL returns CloudWatch Logs subscription payloads (uncompressed,
// concatenated as Firehose writes them) of n RDS MySQL log events in all:
// payloads of up to 50 events each from the audit, general, error and
// slow query log groups of an instance and an Aurora cluster. Audit
// entries (connects, failed logins, reads, writes, DDL and grants with
// quoted statements holding commas, quotes and newlines, Aurora's epoch
// microseconds) are half of them; the rest are general log commands,
// MySQL 8 error lines (access denied, aborted connections, warnings) and
// slow query entries with a "# Time:" line, a third of them with
// log_slow_extra's fields (some failed with a lock wait timeout).
func RDSMySQL(n int) []byte {
	rng := rand.New(rand.NewPCG(0x3306, 0x5106))
	b := make([]byte, 0, n*260)
	users := []string{"app_orders", "reporting", "etl", "admin", "rdsadmin"}
	dbs := []string{"shop", "analytics", "payments"}
	tables := []string{"orders", "customers", "ledger", "sessions", "carts"}
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	client := func() string {
		switch rng.IntN(8) {
		case 0:
			return fmt.Sprintf("203.0.113.%d", 1+rng.IntN(254))
		case 1:
			return "localhost"
		case 2:
			return fmt.Sprintf("2001:db8::%x", 1+rng.IntN(0xfff))
		default:
			return fmt.Sprintf("10.20.%d.%d", rng.IntN(8), 1+rng.IntN(254))
		}
	}
	statement := func() string {
		t, db := tables[rng.IntN(len(tables))], dbs[rng.IntN(len(dbs))]
		switch rng.IntN(6) {
		case 0:
			return fmt.Sprintf("SELECT id, total FROM %s.%s WHERE customer = 'O\\'Hara, Ltd' LIMIT %d", db, t, 1+rng.IntN(500))
		case 1:
			return fmt.Sprintf("UPDATE %s\nSET status = 'shipped'\nWHERE id = %d", t, rng.IntN(1_000_000))
		case 2:
			return fmt.Sprintf("INSERT INTO %s (id, note) VALUES (%d, 'a,b')", t, rng.IntN(1_000_000))
		case 3:
			return fmt.Sprintf("DROP TABLE IF EXISTS tmp_%s_%d", t, rng.IntN(100))
		case 4:
			return fmt.Sprintf("GRANT SELECT ON %s.* TO 'bi_%d'@'%%'", db, rng.IntN(50))
		}
		return "/* health */ SELECT 1"
	}
	quoteSQL := func(s string) string {
		out := []byte{'\''}
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\'':
				out = append(out, '\\', '\'')
			case '\n':
				out = append(out, '\\', 'n')
			case '\\':
				out = append(out, '\\', '\\')
			default:
				out = append(out, s[i])
			}
		}
		return string(append(out, '\''))
	}
	type event struct {
		ID        string `json:"id"`
		Timestamp int64  `json:"timestamp"`
		Message   string `json:"message"`
	}
	groups := []struct{ group, stream string }{
		{"/aws/rds/instance/prod-db-1/audit", "prod-db-1"},
		{"/aws/rds/cluster/orders-aurora/audit", "orders-aurora-instance-1.audit.log.0"},
		{"/aws/rds/instance/prod-db-1/general", "prod-db-1"},
		{"/aws/rds/instance/prod-db-1/error", "prod-db-1"},
		{"/aws/rds/cluster/orders-aurora/slowquery", "orders-aurora-instance-2"},
	}
	for done, p := 0, 0; done < n; p++ {
		g := groups[[]int{0, 1, 0, 2, 3, 4, 1, 2}[p%8]]
		count := min(50, n-done)
		events := make([]event, 0, count)
		for i := range count {
			at := start.Add(time.Duration(done+i) * 200 * time.Millisecond)
			user, host := users[rng.IntN(len(users))], client()
			thread, db := 1000+rng.IntN(9000), dbs[rng.IntN(len(dbs))]
			var msg string
			switch g.group[len(g.group)-5:] {
			case "audit":
				ts := at.Format("20060102 15:04:05")
				if g.stream != "prod-db-1" {
					ts = strconv.FormatInt(at.UnixMicro()+int64(rng.IntN(1000)), 10)
				}
				switch rng.IntN(8) {
				case 0:
					msg = fmt.Sprintf("%s,ip-172-31-20-17,%s,%s,%d,0,CONNECT,%s,,0", ts, user, host, thread, db)
				case 1:
					msg = fmt.Sprintf("%s,ip-172-31-20-17,%s,%s,%d,0,FAILED_CONNECT,,,1045", ts, user, host, thread)
				case 2:
					msg = fmt.Sprintf("%s,ip-172-31-20-17,%s,%s,%d,0,DISCONNECT,%s,,0", ts, user, host, thread, db)
				case 3:
					msg = fmt.Sprintf("%s,ip-172-31-20-17,%s,%s,%d,%d,READ,%s,%s,0", ts, user, host, thread, rng.IntN(1<<20), db, tables[rng.IntN(len(tables))])
				default:
					code := 0
					if rng.IntN(10) == 0 {
						code = 1064
					}
					msg = fmt.Sprintf("%s,ip-172-31-20-17,%s,%s,%d,%d,QUERY,%s,%s,%d", ts, user, host, thread, rng.IntN(1<<20), db, quoteSQL(statement()), code)
				}
			case "neral":
				ts := at.Format("2006-01-02T15:04:05.000000Z")
				switch rng.IntN(5) {
				case 0:
					msg = fmt.Sprintf("%s\t%5d Connect\t%s@%s on %s using SSL/TLS", ts, thread, user, host, db)
				case 1:
					msg = fmt.Sprintf("%s\t%5d Quit\t", ts, thread)
				case 2:
					msg = fmt.Sprintf("%s\t%5d Init DB\t%s", ts, thread, db)
				default:
					msg = fmt.Sprintf("%s\t%5d Query\t%s", ts, thread, statement())
				}
			case "error":
				ts := at.Format("2006-01-02T15:04:05.000000Z")
				switch rng.IntN(3) {
				case 0:
					msg = fmt.Sprintf("%s %d [Note] [MY-010926] [Server] Access denied for user '%s'@'%s' (using password: YES)", ts, thread, user, host)
				case 1:
					msg = fmt.Sprintf("%s %d [Note] [MY-010914] [Server] Aborted connection %d to db: '%s' user: '%s' host: '%s' (Got an error reading communication packets).", ts, thread, thread, db, user, host)
				default:
					msg = fmt.Sprintf("%s 0 [Warning] [MY-010055] [Server] IP address '%s' could not be resolved: Name or service not known", ts, host)
				}
			default: // slowquery
				qt := 1 + rng.Float64()*30
				extra := ""
				if rng.IntN(3) == 0 { // log_slow_extra, a lock wait timeout now and then
					errno := 0
					if rng.IntN(4) == 0 {
						errno = 1205
					}
					began := at.Add(-time.Duration(qt * float64(time.Second)))
					extra = fmt.Sprintf(" Thread_id: %d Errno: %d Killed: 0 Bytes_received: %d Bytes_sent: %d Read_first: 0 Read_last: 0 Read_key: %d Read_next: %d Read_prev: 0 Read_rnd: 0 Read_rnd_next: %d Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: %d Sort_scan_count: 0 Created_tmp_disk_tables: 0 Created_tmp_tables: %d Start: %s End: %s",
						thread, errno, 40+rng.IntN(400), 11+rng.IntN(90_000), rng.IntN(50), rng.IntN(5000), rng.IntN(5_000_000), rng.IntN(500), rng.IntN(2),
						began.Format("2006-01-02T15:04:05.000000Z"), at.Format("2006-01-02T15:04:05.000000Z"))
				}
				msg = fmt.Sprintf("# Time: %s\n# User@Host: %s[%s] @  [%s]  Id: %5d\n# Query_time: %.6f  Lock_time: %.6f Rows_sent: %d  Rows_examined: %d%s\nuse %s;\nSET timestamp=%d;\n%s;",
					at.Format("2006-01-02T15:04:05.000000Z"), user, user, host, thread, qt, rng.Float64()/1000, rng.IntN(5000), rng.IntN(5_000_000), extra, db, at.Unix(), statement())
			}
			events = append(events, event{ID: fmt.Sprintf("3799%052d", done+i), Timestamp: at.Add(300 * time.Millisecond).UnixMilli(), Message: msg})
		}
		payload, err := json.Marshal(map[string]any{
			"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": g.group, "logStream": g.stream,
			"subscriptionFilters": []string{"siem-rds-mysql"}, "logEvents": events,
		})
		if err != nil {
			panic(err)
		}
		b = append(append(b, payload...), '\n')
		done += count
	}
	return b
}
