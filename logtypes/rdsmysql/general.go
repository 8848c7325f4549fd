package rdsmysql

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// ruleHeader excludes the three header lines mysqld writes when it opens
// the general or slow query log: they say nothing about any session.
const ruleHeader = "rds-mysql-log-header"

var headerLine = regexp.MustCompile(`^\S.*, Version: .*started with:|^Tcp port: \d+|^Time +Id +Command +Argument`)

// mysqlTime reads the times MySQL and MariaDB write at the start of their
// lines: RFC 3339 (MySQL 5.7 and later, UTC), "2026-11-27 10:05:00"
// (MariaDB 10.x) or "261127 10:05:00" (older MariaDB, MySQL 5.6), both in
// the server's zone, UTC on RDS.
func mysqlTime(s string) (time.Time, bool) {
	if len(s) >= 20 && s[10] == 'T' {
		t, err := parser.ParseRFC3339([]byte(s))
		return t.UTC(), err == nil
	}
	for _, layout := range [...]string{"2006-01-02 15:04:05.999999", "060102 15:04:05", "060102  3:04:05", "060102 3:04:05"} {
		if t, ok := localUTC(layout, s); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// normalizeGeneral maps one general query log entry:
//
//	<time>\t<thread id> <command>\t<argument>
//
// with the time left empty by MariaDB when it has not changed.
func normalizeGeneral(rec siem.Record, ev *ecs.Event) error {
	b := rec.Data
	if headerLine.Match(b) {
		return siem.Exclude(ruleHeader)
	}
	ts, rest, ok := bytes.Cut(b, []byte{'\t'})
	if !ok {
		return errors.New("general log entry: no tab after the time")
	}
	if t := string(bytes.TrimSpace(ts)); t != "" {
		tm, ok := mysqlTime(t)
		if !ok {
			return fmt.Errorf("general log entry: bad time %q", truncate(ts))
		}
		ev.Date("@timestamp", tm)
	}
	rest = bytes.TrimLeft(rest, " \t")
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	id, ok := parser.ParseUint(rest[:i])
	if !ok || i == len(rest) || rest[i] != ' ' {
		return errors.New("general log entry: want \"<thread id> <command>\" after the time")
	}
	cmd, arg, _ := bytes.Cut(rest[i+1:], []byte{'\t'})
	command := string(bytes.TrimSpace(cmd))
	if command == "" {
		return errors.New("general log entry: no command")
	}
	if id <= 1<<63-1 {
		ev.Long("aws.rds_mysql.thread_id", int64(id))
	}
	ev.Keyword("aws.rds_mysql.command", command)
	ev.Keyword("event.action", strings.ReplaceAll(strings.ToLower(command), " ", "-"))
	argument := strings.TrimRight(string(arg), "\r\n")
	switch command {
	case "Connect", "Change user":
		if m := accessDenied.FindStringSubmatch(argument); m != nil {
			ev.Keywords("event.category", "database", "authentication")
			ev.Keywords("event.type", "start")
			ev.Keyword("event.outcome", "failure")
			ev.Keyword("user.name", m[1])
			ev.Keywords("related.user", m[1])
			setClient(ev, m[2])
			ev.Keyword("message", argument)
			break
		}
		ev.Keywords("event.category", "database", "authentication", "session")
		ev.Keywords("event.type", "start")
		if m := connectArg.FindStringSubmatch(argument); m != nil {
			// The server writes "user@host on db" once the login has
			// succeeded; a refused one is "Access denied" (above).
			ev.Keyword("event.outcome", "success")
			ev.Keyword("user.name", m[1])
			ev.Keywords("related.user", m[1])
			setClient(ev, m[2])
			ev.Keyword("aws.rds_mysql.database", m[3])
			ev.Keyword("aws.rds_mysql.connection_method", m[4])
		} else {
			ev.Keyword("message", argument)
		}
	case "Quit":
		ev.Keywords("event.category", "database", "session")
		ev.Keywords("event.type", "end")
	case "Init DB":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "access")
		ev.Keyword("aws.rds_mysql.database", argument)
	case "Query", "Execute":
		statementKind(ev, argument)
		ev.Keyword("aws.rds_mysql.query", argument)
	case "Prepare":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "info")
		ev.Keyword("aws.rds_mysql.query", argument)
	default:
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "info")
		ev.Keyword("aws.rds_mysql.argument", argument)
	}
	return nil
}

var (
	// connectArg is a Connect entry's argument: "user@host on db using
	// TCP/IP" (db empty when none was chosen).
	connectArg = regexp.MustCompile(`^(\S*)@(\S*) on (\S*) ?using (.+)$`)
	// accessDenied is MySQL's refusal of a login, in the general and the
	// error log.
	accessDenied = regexp.MustCompile(`Access denied for user '([^']*)'@'([^']*)'`)
)
