package rdsmysql

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// auditRecord is one line of the MariaDB audit plugin's format, which RDS
// MySQL and MariaDB write (Aurora MySQL writes the same fields with an
// epoch-microsecond timestamp, and Aurora MySQL 3 may add a connection
// type after the return code):
//
//	timestamp,serverhost,username,host,connectionid,queryid,operation,database,object,retcode
type auditRecord struct {
	ts                     time.Time
	serverhost, user, host string
	connID, queryID        []byte
	operation, database    string
	object                 string
	quoted                 bool
	retcode                []byte
	connType               string
}

func parseAudit(b []byte) (auditRecord, error) {
	var a auditRecord
	var f [8][]byte
	rest := b
	for i := range f {
		j := bytes.IndexByte(rest, ',')
		if j < 0 {
			return a, fmt.Errorf("audit record: want timestamp,serverhost,username,host,connectionid,queryid,operation,database,object,retcode; found %d fields", i+1)
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	ts, err := auditTime(f[0])
	if err != nil {
		return a, err
	}
	a.ts = ts
	a.serverhost, a.user, a.host = string(f[1]), string(f[2]), string(f[3])
	a.connID, a.queryID = f[4], f[5]
	a.operation, a.database = string(f[6]), string(f[7])
	// The object is single-quoted SQL (commas, newlines and escaped quotes
	// inside) for queries, an unquoted table name for table events, or
	// empty; the return code (and connection type) follow it.
	var tail []byte
	if len(rest) > 0 && rest[0] == '\'' {
		obj, n, ok := unquote(rest)
		if !ok {
			return a, errors.New("audit record: the quoted object (the statement) has no closing quote")
		}
		a.object, a.quoted = obj, true
		tail = rest[n:]
		if len(tail) == 0 || tail[0] != ',' {
			return a, errors.New("audit record: no return code after the quoted object")
		}
		tail = tail[1:]
	} else {
		j := bytes.IndexByte(rest, ',')
		if j < 0 {
			return a, errors.New("audit record: no return code after the object")
		}
		a.object, tail = string(rest[:j]), rest[j+1:]
	}
	code, conn, _ := bytes.Cut(tail, []byte{','})
	code = bytes.TrimSpace(code)
	if _, ok := parser.ParseUint(code); !ok && !(len(code) > 1 && code[0] == '-') {
		return a, fmt.Errorf("audit record: return code %q is not a number", truncate(code))
	}
	a.retcode = code
	a.connType = string(bytes.TrimSpace(conn))
	return a, nil
}

// unquote reads a single-quoted string with backslash escapes from the
// start of b; n is the length read, quotes included.
func unquote(b []byte) (s string, n int, ok bool) {
	var out []byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; c {
		case '\\':
			if i+1 >= len(b) {
				return "", 0, false
			}
			i++
			switch b[i] {
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			case 'r':
				out = append(out, '\r')
			case '0':
				out = append(out, 0)
			default:
				out = append(out, b[i])
			}
		case '\'':
			return string(out), i + 1, true
		default:
			out = append(out, c)
		}
	}
	return "", 0, false
}

// auditTime reads "20261127 10:05:00" (RDS, UTC) or epoch microseconds
// (Aurora MySQL).
func auditTime(b []byte) (time.Time, error) {
	if n, ok := parser.ParseUint(b); ok && len(b) >= 10 {
		switch {
		case len(b) >= 16 && len(b) <= 17:
			return time.UnixMicro(int64(n)).UTC(), nil
		case len(b) == 13:
			return time.UnixMilli(int64(n)).UTC(), nil
		case len(b) == 10:
			return time.Unix(int64(n), 0).UTC(), nil
		}
	}
	if t, ok := localUTC("20060102 15:04:05", string(b)); ok {
		return t, nil
	}
	if t, ok := localUTC("20060102 3:04:05", string(b)); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("audit record: timestamp %q is neither \"YYYYMMDD HH:MM:SS\" nor epoch microseconds", truncate(b))
}

func truncate(b []byte) string {
	if len(b) > 64 {
		b = b[:64]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func normalizeAudit(rec siem.Record, ev *ecs.Event) error {
	a, err := parseAudit(rec.Data)
	if err != nil {
		return err
	}
	ev.Date("@timestamp", a.ts)
	op := strings.ToUpper(a.operation)
	ev.Keyword("event.action", strings.ReplaceAll(strings.ToLower(op), "_", "-"))
	success := len(a.retcode) == 1 && a.retcode[0] == '0'
	outcome := "failure"
	if success {
		outcome = "success"
	}
	switch op {
	case "CONNECT", "CHANGEUSER":
		ev.Keywords("event.category", "database", "authentication", "session")
		ev.Keywords("event.type", "start")
	case "FAILED_CONNECT":
		ev.Keywords("event.category", "database", "authentication")
		ev.Keywords("event.type", "start")
		outcome = "failure"
	case "DISCONNECT":
		ev.Keywords("event.category", "database", "session")
		ev.Keywords("event.type", "end")
	case "QUERY", "QUERY_DML", "QUERY_DDL", "QUERY_DCL":
		statementKind(ev, a.object)
	case "READ":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "access")
	case "CREATE":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "change", "creation")
	case "DROP":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "change", "deletion")
	case "WRITE", "ALTER", "RENAME":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "change")
	default:
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "info")
	}
	ev.Keyword("event.outcome", outcome)
	if !success {
		ev.KeywordBytes("error.code", a.retcode)
	}
	ev.Keyword("host.hostname", a.serverhost)
	ev.Keyword("user.name", a.user)
	setClient(ev, a.host)
	ev.Keywords("related.user", a.user)
	if n, ok := parser.ParseUint(a.connID); ok && n <= 1<<63-1 {
		ev.Long("aws.rds_mysql.thread_id", int64(n))
	}
	if n, ok := parser.ParseUint(a.queryID); ok && n <= 1<<63-1 {
		ev.Long("aws.rds_mysql.audit.query_id", int64(n))
	}
	if n, err := strconv.ParseInt(string(a.retcode), 10, 64); err == nil {
		ev.Long("aws.rds_mysql.audit.retcode", n)
	}
	ev.Keyword("aws.rds_mysql.audit.operation", a.operation)
	ev.Keyword("aws.rds_mysql.database", a.database)
	if a.quoted {
		ev.Keyword("aws.rds_mysql.query", a.object)
	} else {
		ev.Keyword("aws.rds_mysql.audit.object", a.object)
	}
	ev.Keyword("aws.rds_mysql.audit.connection_type", a.connType)
	return nil
}

// setClient maps the client host as MySQL names it: an address, a name,
// or "localhost".
func setClient(ev *ecs.Event, host string) {
	if host == "" {
		return
	}
	ev.Keyword("source.address", host)
	if ip, ok := parser.ParseAddr([]byte(host)); ok {
		ev.IP("source.ip", ip)
		ev.IPs("related.ip", ip)
		return
	}
	ev.Keyword("source.domain", host)
	ev.Keywords("related.hosts", host)
}
