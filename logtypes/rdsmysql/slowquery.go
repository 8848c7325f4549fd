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
	var haveTimeLine, haveUser bool
	var h slowHeader
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
			slowPairs(ev, line[1:], &h)
		}
	}
	if !haveUser {
		if haveTimeLine && !h.queryTime && len(bytes.TrimSpace(rest)) == 0 {
			return siem.Exclude(ruleTimeLine)
		}
		if headerLine.Match(b) {
			return siem.Exclude(ruleHeader)
		}
		return errors.New("slow query log entry: no \"# User@Host:\" line")
	}
	if !h.queryTime {
		return errors.New("slow query log entry: no \"# Query_time:\" line")
	}
	h.outcome(ev)
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

// slowCounters are the "# Key: value" pairs read as numbers (long) or
// Yes/No (boolean): MariaDB's and Percona's extra lines, and the fields
// MySQL 8's log_slow_extra appends to the Query_time line.
var slowCounters = map[string]struct {
	path    string
	boolean bool
}{
	"Rows_sent":               {path: "aws.rds_mysql.slowlog.rows_sent"},
	"Rows_examined":           {path: "aws.rds_mysql.slowlog.rows_examined"},
	"Rows_affected":           {path: "aws.rds_mysql.slowlog.rows_affected"},
	"Bytes_sent":              {path: "aws.rds_mysql.slowlog.bytes_sent"},
	"Bytes_received":          {path: "aws.rds_mysql.slowlog.bytes_received"},
	"Tmp_tables":              {path: "aws.rds_mysql.slowlog.tmp_tables"},
	"Tmp_disk_tables":         {path: "aws.rds_mysql.slowlog.tmp_disk_tables"},
	"Tmp_table_sizes":         {path: "aws.rds_mysql.slowlog.tmp_table_sizes"},
	"Merge_passes":            {path: "aws.rds_mysql.slowlog.merge_passes"},
	"Read_first":              {path: "aws.rds_mysql.slowlog.read_first"},
	"Read_last":               {path: "aws.rds_mysql.slowlog.read_last"},
	"Read_key":                {path: "aws.rds_mysql.slowlog.read_key"},
	"Read_next":               {path: "aws.rds_mysql.slowlog.read_next"},
	"Read_prev":               {path: "aws.rds_mysql.slowlog.read_prev"},
	"Read_rnd":                {path: "aws.rds_mysql.slowlog.read_rnd"},
	"Read_rnd_next":           {path: "aws.rds_mysql.slowlog.read_rnd_next"},
	"Sort_merge_passes":       {path: "aws.rds_mysql.slowlog.sort_merge_passes"},
	"Sort_range_count":        {path: "aws.rds_mysql.slowlog.sort_range_count"},
	"Sort_rows":               {path: "aws.rds_mysql.slowlog.sort_rows"},
	"Sort_scan_count":         {path: "aws.rds_mysql.slowlog.sort_scan_count"},
	"Created_tmp_disk_tables": {path: "aws.rds_mysql.slowlog.created_tmp_disk_tables"},
	"Created_tmp_tables":      {path: "aws.rds_mysql.slowlog.created_tmp_tables"},
	"QC_hit":                  {path: "aws.rds_mysql.slowlog.query_cache_hit", boolean: true},
	"Full_scan":               {path: "aws.rds_mysql.slowlog.full_scan", boolean: true},
	"Full_join":               {path: "aws.rds_mysql.slowlog.full_join", boolean: true},
	"Tmp_table":               {path: "aws.rds_mysql.slowlog.tmp_table", boolean: true},
	"Tmp_table_on_disk":       {path: "aws.rds_mysql.slowlog.tmp_table_on_disk", boolean: true},
	"Filesort":                {path: "aws.rds_mysql.slowlog.filesort", boolean: true},
	"Filesort_on_disk":        {path: "aws.rds_mysql.slowlog.filesort_on_disk", boolean: true},
	"Priority_queue":          {path: "aws.rds_mysql.slowlog.priority_queue", boolean: true},
}

// slowHeader is what the "# Key: value" lines of an entry said beyond
// the fields they set directly.
type slowHeader struct {
	queryTime bool
	// errno is MySQL 8's Errno (Percona's Last_errno), killed the error
	// number that ended a killed statement: either nonzero means the
	// statement failed.
	errno, killed      []byte
	haveStart, haveEnd bool
	start, end         time.Time
}

// slowPairs reads a "# Key: value  Key: value" line into ev and h.
func slowPairs(ev *ecs.Event, b []byte, h *slowHeader) {
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
				h.queryTime = true
			}
		case "Lock_time":
			if d, ok := seconds(val); ok {
				ev.Double("aws.rds_mysql.slowlog.lock_time_sec", d)
			}
		case "Thread_id":
			long(ev, "aws.rds_mysql.thread_id", val)
		case "Schema":
			ev.KeywordBytes("aws.rds_mysql.database", val)
		case "Errno", "Last_errno":
			if _, ok := parser.ParseUint(val); ok {
				h.errno = val
			}
		case "Killed":
			if _, ok := parser.ParseUint(val); ok {
				h.killed = val
			}
		case "Start":
			h.start, h.haveStart = mysqlTime(string(val))
		case "End":
			h.end, h.haveEnd = mysqlTime(string(val))
		default:
			if c, ok := slowCounters[string(key)]; ok && c.boolean {
				boolean(ev, c.path, val)
			} else if ok {
				long(ev, c.path, val)
			}
		}
	}
}

// outcome maps what the header said of the statement's end: event.start
// and event.end (MySQL 8's Start and End), and, when the server wrote an
// error number, event.outcome, error.code (the error, else the reason
// the statement was killed) and the numbers themselves.
func (h *slowHeader) outcome(ev *ecs.Event) {
	if h.haveStart {
		ev.Date("event.start", h.start)
	}
	if h.haveEnd {
		ev.Date("event.end", h.end)
	}
	if h.errno == nil && h.killed == nil {
		return
	}
	long(ev, "aws.rds_mysql.slowlog.errno", h.errno)
	long(ev, "aws.rds_mysql.slowlog.killed", h.killed)
	failed := func(n []byte) bool { return len(bytes.TrimLeft(n, "0")) > 0 }
	switch {
	case failed(h.errno):
		ev.Keyword("event.outcome", "failure")
		ev.KeywordBytes("error.code", h.errno)
	case failed(h.killed):
		ev.Keyword("event.outcome", "failure")
		ev.KeywordBytes("error.code", h.killed)
	default:
		ev.Keyword("event.outcome", "success")
	}
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
