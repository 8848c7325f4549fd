package rdsmysql

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// ruleTimeLine excludes a slow query log "# Time:" line that arrives as
// a record of its own (a CloudWatch Logs event, or a file read with
// Elastic's framing): each entry after it carries its own time in its
// "SET timestamp=" line.
const ruleTimeLine = "rds-mysql-slowquery-time-line"

// normalizeSlow maps one slow query log entry:
//
//	# Time: 2026-11-27T10:05:00.123456Z            (optional)
//	# User@Host: app[app] @ host [10.0.0.5]  Id:    12
//	# Thread_id: 12  Schema: shop  QC_hit: No       (MariaDB)
//	# Query_time: 2.000274  Lock_time: 0.000102 Rows_sent: 1  Rows_examined: 3
//	# Rows_affected: 0  Bytes_sent: 65              (MariaDB)
//	use shop;                                       (optional)
//	SET timestamp=1795773900;
//	SELECT ...;
func normalizeSlow(rec siem.Record, ev *ecs.Event) error {
	b := bytes.TrimRight(rec.Data, "\r\n")
	var timeLine time.Time
	var haveTimeLine, haveUser, haveQueryTime bool
	var setTS int64
	haveSetTS := false
	ev.Keywords("event.category", "database")
	ev.Keywords("event.type", "info")
	ev.Keyword("event.action", "slow-query")
	rest := b
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte{'\n'})
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			rest = next
			continue
		}
		if line[0] != '#' || haveSetTS {
			// After SET timestamp, every line is the statement's, even
			// "# administrator command: Ping;".
			// use <db>; and SET timestamp=<n>; lines, then the statement.
			if db, ok := useStatement(line); ok {
				ev.Keyword("aws.rds_mysql.database", db)
				rest = next
				continue
			}
			if v, ok := bytes.CutPrefix(line, []byte("SET timestamp=")); ok {
				v = bytes.TrimSuffix(bytes.TrimSpace(v), []byte(";"))
				if n, ok := parser.ParseUint(v); ok && n < 1<<40 {
					setTS, haveSetTS = int64(n), true
					rest = next
					continue
				}
			}
			break
		}
		rest = next
		switch {
		case bytes.HasPrefix(line, []byte("# Time: ")):
			t, ok := mysqlTime(string(bytes.TrimSpace(line[len("# Time: "):])))
			if !ok {
				return fmt.Errorf("slow query log: bad time in %q", truncate(line))
			}
			timeLine, haveTimeLine = t, true
		case bytes.HasPrefix(line, []byte("# User@Host: ")):
			if err := userHost(ev, line[len("# User@Host: "):]); err != nil {
				return err
			}
			haveUser = true
		default:
			if slowPairs(ev, line[1:]) {
				haveQueryTime = true
			}
		}
	}
	if !haveUser {
		if haveTimeLine && !haveQueryTime && len(bytes.TrimSpace(rest)) == 0 {
			return siem.Exclude(ruleTimeLine)
		}
		if headerLine.Match(b) {
			return siem.Exclude(ruleHeader)
		}
		return errors.New("slow query log entry: no \"# User@Host:\" line")
	}
	if !haveQueryTime {
		return errors.New("slow query log entry: no \"# Query_time:\" line")
	}
	// The time of the entry: the "# Time:" line when it agrees to the
	// second with SET timestamp (it is the more precise), else SET
	// timestamp, else the "# Time:" line.
	switch {
	case haveSetTS && haveTimeLine && timeLine.Unix() == setTS:
		ev.Date("@timestamp", timeLine)
	case haveSetTS:
		ev.Date("@timestamp", time.Unix(setTS, 0).UTC())
	case haveTimeLine:
		ev.Date("@timestamp", timeLine)
	}
	if haveSetTS {
		ev.Date("aws.rds_mysql.slowlog.set_timestamp", time.Unix(setTS, 0).UTC())
	}
	ev.Keyword("aws.rds_mysql.query", string(bytes.TrimSpace(rest)))
	return nil
}

// useStatement reads "use <db>;".
func useStatement(line []byte) (string, bool) {
	if len(line) < 5 || !bytes.EqualFold(line[:4], []byte("use ")) {
		return "", false
	}
	db := bytes.TrimSpace(line[4:])
	db, ok := bytes.CutSuffix(db, []byte(";"))
	if !ok || len(db) == 0 || bytes.ContainsAny(db, " \t") {
		return "", false
	}
	return string(bytes.Trim(db, "`")), true
}

// userHost reads "priv_user[user] @ host [ip]  Id: n" (Id is missing in
// MariaDB, which writes Thread_id on a line of its own).
func userHost(ev *ecs.Event, b []byte) error {
	at := bytes.Index(b, []byte(" @ "))
	if at < 0 {
		return fmt.Errorf("slow query log: want \"user[user] @ host [ip]\" in %q", truncate(b))
	}
	who, where := bytes.TrimSpace(b[:at]), b[at+3:]
	name, current := who, []byte(nil)
	if i := bytes.IndexByte(who, '['); i >= 0 && who[len(who)-1] == ']' {
		name, current = who[:i], who[i+1:len(who)-1]
	}
	ev.KeywordBytes("user.name", name)
	ev.KeywordBytes("aws.rds_mysql.slowlog.current_user", current)
	if len(current) == 0 || bytes.Equal(current, name) {
		ev.Keywords("related.user", string(name))
	} else if len(name) == 0 {
		ev.Keywords("related.user", string(current))
	} else {
		ev.Keywords("related.user", string(name), string(current))
	}
	if i := bytes.Index(where, []byte("Id:")); i >= 0 {
		if n, ok := parser.ParseUint(bytes.TrimSpace(where[i+3:])); ok && n <= math.MaxInt64 {
			ev.Long("aws.rds_mysql.thread_id", int64(n))
		}
		where = where[:i]
	}
	host, ip := where, []byte(nil)
	if i := bytes.IndexByte(where, '['); i >= 0 {
		host = where[:i]
		if j := bytes.IndexByte(where[i:], ']'); j > 0 {
			ip = bytes.TrimSpace(where[i+1 : i+j])
		}
	}
	host = bytes.TrimSpace(host)
	if len(host) > 0 {
		ev.KeywordBytes("source.domain", host)
		ev.Keywords("related.hosts", string(host))
	}
	if len(ip) > 0 {
		if a, ok := parser.ParseAddr(ip); ok {
			ev.IP("source.ip", a)
			ev.IPs("related.ip", a)
		} else {
			ev.KeywordBytes("source.address", ip)
		}
	}
	if len(host) > 0 {
		ev.KeywordBytes("source.address", host)
	} else if len(ip) > 0 {
		ev.KeywordBytes("source.address", ip)
	}
	return nil
}

// slowPairs reads a "# Key: value  Key: value" line; it reports whether
// the line held Query_time.
func slowPairs(ev *ecs.Event, b []byte) bool {
	queryTime := false
	for len(b) > 0 {
		b = bytes.TrimLeft(b, " \t")
		colon := bytes.Index(b, []byte(": "))
		if colon < 0 {
			break
		}
		key := b[:colon]
		b = bytes.TrimLeft(b[colon+2:], " ")
		end := bytes.IndexAny(b, " \t")
		if end < 0 {
			end = len(b)
		}
		val := b[:end]
		b = b[end:]
		switch string(key) {
		case "Query_time":
			if d, ok := seconds(val); ok {
				ev.Long("event.duration", int64(math.Round(d*1e9)))
				ev.Double("aws.rds_mysql.slowlog.query_time_sec", d)
				queryTime = true
			}
		case "Lock_time":
			if d, ok := seconds(val); ok {
				ev.Double("aws.rds_mysql.slowlog.lock_time_sec", d)
			}
		case "Thread_id":
			long(ev, "aws.rds_mysql.thread_id", val)
		case "Schema":
			ev.KeywordBytes("aws.rds_mysql.database", val)
		case "QC_hit":
			boolean(ev, "aws.rds_mysql.slowlog.query_cache_hit", val)
		case "Rows_sent":
			long(ev, "aws.rds_mysql.slowlog.rows_sent", val)
		case "Rows_examined":
			long(ev, "aws.rds_mysql.slowlog.rows_examined", val)
		case "Rows_affected":
			long(ev, "aws.rds_mysql.slowlog.rows_affected", val)
		case "Bytes_sent":
			long(ev, "aws.rds_mysql.slowlog.bytes_sent", val)
		case "Tmp_tables":
			long(ev, "aws.rds_mysql.slowlog.tmp_tables", val)
		case "Tmp_disk_tables":
			long(ev, "aws.rds_mysql.slowlog.tmp_disk_tables", val)
		case "Tmp_table_sizes":
			long(ev, "aws.rds_mysql.slowlog.tmp_table_sizes", val)
		case "Merge_passes":
			long(ev, "aws.rds_mysql.slowlog.merge_passes", val)
		case "Full_scan":
			boolean(ev, "aws.rds_mysql.slowlog.full_scan", val)
		case "Full_join":
			boolean(ev, "aws.rds_mysql.slowlog.full_join", val)
		case "Tmp_table":
			boolean(ev, "aws.rds_mysql.slowlog.tmp_table", val)
		case "Tmp_table_on_disk":
			boolean(ev, "aws.rds_mysql.slowlog.tmp_table_on_disk", val)
		case "Filesort":
			boolean(ev, "aws.rds_mysql.slowlog.filesort", val)
		case "Filesort_on_disk":
			boolean(ev, "aws.rds_mysql.slowlog.filesort_on_disk", val)
		}
	}
	return queryTime
}

func seconds(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 32 || b[0] == '-' || b[0] == '+' {
		return 0, false
	}
	d, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(d, 0) || math.IsNaN(d) || d > 1e9 {
		return 0, false
	}
	return d, true
}

func long(ev *ecs.Event, path string, b []byte) {
	if n, ok := parser.ParseUint(b); ok && n <= math.MaxInt64 {
		ev.Long(path, int64(n))
	}
}

func boolean(ev *ecs.Event, path string, b []byte) {
	switch string(b) {
	case "Yes", "yes", "YES":
		ev.Bool(path, true)
	case "No", "no", "NO":
		ev.Bool(path, false)
	}
}
