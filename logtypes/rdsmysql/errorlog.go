package rdsmysql

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// errorHead is an error log entry's prefix: the time (RFC 3339 for MySQL
// 5.7 and later, "YYYY-MM-DD HH:MM:SS" for MariaDB 10, "YYMMDD HH:MM:SS"
// before), the thread id, the [level], MySQL 8's [MY-nnnnnn] error code
// and [subsystem].
var errorHead = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?|\d{4}-\d{2}-\d{2} +\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|\d{6} +\d{1,2}:\d{2}:\d{2})\s+(?:(\d+)\s+)?(?:\[([A-Za-z]+)\]\s*)?(?:\[(MY-\d+)\]\s*)?(?:\[([A-Za-z]+)\]\s*)?`)

var (
	unknownDatabase = regexp.MustCompile(`Unknown database '([^']*)'`)
	// abortedConnection is "Aborted connection N to db: 'd' user: 'u'
	// host: 'h' (reason)".
	abortedConnection = regexp.MustCompile(`Aborted connection \d+ to db: '([^']*)' user: '([^']*)' host: '([^']*)'`)
)

// normalizeError maps one error log entry, continuation lines included.
// A line without a time of its own (some server start-up lines, stack
// traces CloudWatch Logs delivers as events of their own) is kept as a
// message stamped with its delivery time.
func normalizeError(rec siem.Record, ev *ecs.Event) error {
	b := bytes.TrimRight(rec.Data, "\r\n")
	msg := b
	ev.Keywords("event.category", "database")
	if m := errorHead.FindSubmatchIndex(b); m != nil {
		if t, ok := mysqlTime(strings.Join(strings.Fields(string(b[m[2]:m[3]])), " ")); ok {
			ev.Date("@timestamp", t)
		}
		if m[4] >= 0 {
			if n, ok := parser.ParseUint(b[m[4]:m[5]]); ok && n <= 1<<63-1 {
				ev.Long("aws.rds_mysql.thread_id", int64(n))
			}
		}
		if m[6] >= 0 {
			level := string(b[m[6]:m[7]])
			ev.Keyword("log.level", level)
			if strings.EqualFold(level, "error") {
				ev.Keywords("event.type", "error")
			} else {
				ev.Keywords("event.type", "info")
			}
		} else {
			ev.Keywords("event.type", "info")
		}
		if m[8] >= 0 {
			ev.KeywordBytes("error.code", b[m[8]:m[9]])
		}
		if m[10] >= 0 {
			ev.KeywordBytes("aws.rds_mysql.subsystem", b[m[10]:m[11]])
		}
		msg = b[m[1]:]
	} else {
		ev.Keywords("event.type", "info")
	}
	message := string(msg)
	if strings.TrimSpace(message) == "" {
		message = string(b)
	}
	ev.Keyword("message", message)
	if m := accessDenied.FindStringSubmatch(message); m != nil {
		ev.Keywords("event.category", "database", "authentication")
		ev.Keywords("event.type", "start")
		ev.Keyword("event.action", "access-denied")
		ev.Keyword("event.outcome", "failure")
		ev.Keyword("user.name", m[1])
		ev.Keywords("related.user", m[1])
		setClient(ev, m[2])
	} else if m := abortedConnection.FindStringSubmatch(message); m != nil {
		ev.Keywords("event.category", "database", "network")
		ev.Keywords("event.type", "connection", "end")
		ev.Keyword("event.action", "aborted-connection")
		ev.Keyword("aws.rds_mysql.database", m[1])
		ev.Keyword("user.name", m[2])
		ev.Keywords("related.user", m[2])
		setClient(ev, m[3])
	} else if m := unknownDatabase.FindStringSubmatch(message); m != nil {
		ev.Keywords("event.category", "database", "authentication")
		ev.Keywords("event.type", "start")
		ev.Keyword("event.action", "unknown-database")
		ev.Keyword("event.outcome", "failure")
		ev.Keyword("aws.rds_mysql.database", m[1])
	}
	return nil
}
