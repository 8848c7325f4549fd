package rdspostgresql

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// classify sets event.*, error.*, the query and what the message says.
func (e *entry) classify(ev *ecs.Event) {
	msg := e.msg
	first := msg
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	level := string(e.level)
	failed := level == "ERROR" || level == "FATAL" || level == "PANIC"
	category, typ := "database", "info"
	var category2, type2 string
	action, outcome := "", ""
	var sqlstate []byte
	if failed {
		typ, outcome = "error", "failure"
		text := msg
		if code, rest, ok := sqlState(msg); ok {
			ev.KeywordBytes("error.code", code)
			text, sqlstate = rest, code
		}
		ev.KeywordBytes("error.message", text)
		msg = text
		first = msg
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
	}
	switch {
	case level == "STATEMENT", level == "QUERY":
		ev.KeywordBytes("aws.rds_postgresql.query", msg)
	case hasPrefix(first, "connection received: "):
		action, category2, typ, type2 = "connection-received", "network", "connection", "start"
		kv := first[len("connection received: "):]
		if !ev.Has("source.address") {
			host, port := kvValue(kv, "host="), kvValue(kv, "port=")
			if len(host) > 0 && string(host) != "[local]" {
				e.remote, e.port = host, port
				e.source(ev)
			}
		}
	case hasPrefix(first, "connection authorized: "), hasPrefix(first, "replication connection authorized: "):
		action, category2, typ, outcome = "connection-authorized", "authentication", "start", "success"
		_, kv, _ := bytes.Cut(first, []byte("authorized: "))
		e.authorized(kv, ev)
	case hasPrefix(first, "connection authenticated: "):
		action, category2, typ, outcome = "connection-authenticated", "authentication", "start", "success"
		kv := first[len("connection authenticated: "):]
		if id, ok := quotedAfter(kv, "identity="); ok {
			ev.KeywordBytes("aws.rds_postgresql.identity", id)
		}
		ev.KeywordBytes("aws.rds_postgresql.auth_method", kvValue(kv, "method="))
	case hasPrefix(first, "disconnection: session time: "):
		action, category2, typ = "disconnection", "session", "end"
		kv := first[len("disconnection: session time: "):]
		t, _, _ := bytes.Cut(kv, []byte(" "))
		if ns, ok := sessionNanos(t); ok {
			ev.Long("event.duration", ns)
		}
		if !ev.Has("source.address") {
			host, port := kvValue(kv, "host="), kvValue(kv, "port=")
			if len(host) > 0 && string(host) != "[local]" {
				e.remote, e.port = host, port
				e.source(ev)
			}
		}
	case hasPrefix(first, "duration: "):
		action = "duration"
		rest := msg[len("duration: "):]
		num, after, _ := bytes.Cut(rest, []byte(" ms"))
		if ns, ok := msNanos(num); ok {
			ev.Long("event.duration", ns)
		}
		after = bytes.TrimLeft(after, " ")
		if len(after) > 0 {
			e.statement(after, ev)
		}
	case hasPrefix(first, "AUDIT: "):
		action = "audit"
		typ = audit(msg[len("AUDIT: "):], ev)
		category2 = auditCategory(ev)
	case hasPrefix(first, "statement: "), hasPrefix(first, "execute "), hasPrefix(first, "parse "), hasPrefix(first, "bind "):
		action = "statement"
		e.statement(msg, ev)
	case level == "FATAL" && bytes.Contains(first, []byte(" authentication failed for user ")):
		action, category2, typ = "authentication-failed", "authentication", "start"
		if len(e.user) == 0 {
			if u, ok := quotedAfter(first, "for user "); ok {
				ev.KeywordBytes("user.name", u)
			}
		}
	case level == "FATAL" && (hasPrefix(first, "no pg_hba.conf entry for ") || hasPrefix(first, "pg_hba.conf rejects connection for ")):
		action, category2, typ = "connection-rejected", "authentication", "start"
		if u, ok := quotedAfter(first, "user "); ok && len(e.user) == 0 {
			ev.KeywordBytes("user.name", u)
		}
		if d, ok := quotedAfter(first, "database "); ok && len(e.db) == 0 {
			ev.KeywordBytes("aws.rds_postgresql.database_name", d)
		}
		if h, ok := quotedAfter(first, "host "); ok && !ev.Has("source.address") {
			e.remote, e.port = h, nil
			e.source(ev)
		}
	case level == "FATAL" && hasPrefix(first, "role \"") && bytes.HasSuffix(first, []byte("\" does not exist")):
		// A login as a role that does not exist: a guessed user name.
		action, category2, typ = "role-not-found", "authentication", "start"
		if u, ok := quotedAfter(first, "role "); ok && len(e.user) == 0 {
			ev.KeywordBytes("user.name", u)
		}
	case level == "FATAL" && hasPrefix(first, "database \"") && bytes.HasSuffix(first, []byte("\" does not exist")):
		action = "database-not-found"
	case failed && (string(sqlstate) == "42501" || hasPrefix(first, "permission denied") ||
		hasPrefix(first, "must be owner of ") || hasPrefix(first, "must be superuser")):
		// insufficient_privilege: a statement the role may not run.
		action = "permission-denied"
	}
	ev.Keywords("event.category", category, category2)
	ev.Keywords("event.type", typ, type2)
	ev.Keyword("event.action", action)
	ev.Keyword("event.outcome", outcome)
}

// statement reads "statement: SQL" or "parse|bind|execute [fetch from ]NAME: SQL".
func (e *entry) statement(s []byte, ev *ecs.Event) {
	if q, ok := bytes.CutPrefix(s, []byte("statement: ")); ok {
		ev.KeywordBytes("aws.rds_postgresql.query", q)
		return
	}
	for _, step := range []string{"parse", "bind", "execute"} {
		rest, ok := bytes.CutPrefix(s, []byte(step+" "))
		if !ok {
			continue
		}
		name, q, ok := bytes.Cut(rest, []byte(": "))
		if !ok || bytes.IndexByte(name, '\n') >= 0 {
			break
		}
		ev.Keyword("aws.rds_postgresql.query_step", step)
		name = bytes.TrimPrefix(name, []byte("fetch from "))
		ev.KeywordBytes("aws.rds_postgresql.prepared_statement", name)
		ev.KeywordBytes("aws.rds_postgresql.query", q)
		return
	}
	// Something else after the duration: kept in message only.
}

// authorized reads "user=U database=D application_name=A SSL enabled
// (protocol=TLSv1.3, cipher=C, bits=256)".
func (e *entry) authorized(kv []byte, ev *ecs.Event) {
	if len(e.user) == 0 {
		ev.KeywordBytes("user.name", kvValue(kv, "user="))
	}
	if len(e.db) == 0 {
		ev.KeywordBytes("aws.rds_postgresql.database_name", kvValue(kv, "database="))
	}
	// application_name is written as it is, spaces included, before the
	// SSL or GSS details.
	if i := bytes.Index(kv, []byte(" application_name=")); i >= 0 {
		app := kv[i+len(" application_name="):]
		for _, end := range []string{" SSL enabled (", " GSS (", " replication="} {
			if j := bytes.Index(app, []byte(end)); j >= 0 {
				app = app[:j]
			}
		}
		ev.KeywordBytes("aws.rds_postgresql.application_name", app)
	}
	i := bytes.Index(kv, []byte("SSL enabled ("))
	if i < 0 {
		return
	}
	ssl := kv[i+len("SSL enabled ("):]
	if j := bytes.IndexByte(ssl, ')'); j >= 0 {
		ssl = ssl[:j]
	}
	for part := range bytes.SplitSeq(ssl, []byte(",")) {
		k, v, ok := bytes.Cut(bytes.TrimSpace(part), []byte("="))
		if !ok || len(v) == 0 {
			continue
		}
		switch string(k) {
		case "protocol":
			if ver, ok := bytes.CutPrefix(v, []byte("TLSv")); ok {
				ev.Keyword("tls.version_protocol", "tls")
				ev.KeywordBytes("tls.version", ver)
			} else if ver, ok := bytes.CutPrefix(v, []byte("SSLv")); ok {
				ev.Keyword("tls.version_protocol", "ssl")
				ev.KeywordBytes("tls.version", ver)
			}
		case "cipher":
			ev.KeywordBytes("tls.cipher", v)
		case "bits":
			if n, ok := parser.ParseUint(v); ok && n < 1<<31 {
				ev.Long("aws.rds_postgresql.tls_bits", int64(n))
			}
		}
	}
}

// audit reads pgaudit's AUDIT_TYPE,STATEMENT_ID,SUBSTATEMENT_ID,CLASS,
// COMMAND,OBJECT_TYPE,OBJECT_NAME,STATEMENT,PARAMETER and returns the
// event.type its class means.
func audit(s []byte, ev *ecs.Event) string {
	var f [8][]byte
	rest := s
	for i := range f {
		v, r, ok := csvField(rest)
		if !ok {
			// Not pgaudit's layout after all: kept in message only.
			return "info"
		}
		f[i], rest = v, r
		if rest == nil && i < len(f)-1 {
			return "info"
		}
	}
	ev.KeywordBytes("aws.rds_postgresql.audit.type", f[0])
	if n, ok := parser.ParseUint(f[1]); ok && n < 1<<62 {
		ev.Long("aws.rds_postgresql.audit.statement_id", int64(n))
	}
	if n, ok := parser.ParseUint(f[2]); ok && n < 1<<62 {
		ev.Long("aws.rds_postgresql.audit.substatement_id", int64(n))
	}
	ev.KeywordBytes("aws.rds_postgresql.audit.class", f[3])
	ev.KeywordBytes("aws.rds_postgresql.audit.command", f[4])
	ev.KeywordBytes("aws.rds_postgresql.audit.object_type", f[5])
	ev.KeywordBytes("aws.rds_postgresql.audit.object_name", f[6])
	ev.KeywordBytes("aws.rds_postgresql.query", f[7])
	if len(rest) > 0 {
		p := rest
		if v, r, ok := csvField(rest); ok && r == nil {
			p = v
		}
		if string(p) != "<not logged>" && string(p) != "<none>" {
			ev.KeywordBytes("aws.rds_postgresql.audit.parameter", p)
		}
	}
	switch string(f[3]) {
	case "READ":
		return "access"
	case "WRITE", "DDL", "ROLE":
		return "change"
	}
	return "info"
}

// auditCategory adds iam for pgaudit's ROLE class (GRANT, REVOKE,
// CREATE/ALTER/DROP ROLE).
func auditCategory(ev *ecs.Event) string {
	if c, ok := ev.LookupString("aws.rds_postgresql.audit.class"); ok && c == "ROLE" {
		return "iam"
	}
	return ""
}

// csvField reads one field of a comma-separated line, quoted ("" for a
// quote) or not; rest is what follows its comma, nil at the end.
func csvField(s []byte) (v, rest []byte, ok bool) {
	if len(s) > 0 && s[0] == '"' {
		var out []byte
		i := 1
		for {
			j := bytes.IndexByte(s[i:], '"')
			if j < 0 {
				return nil, nil, false
			}
			out = append(out, s[i:i+j]...)
			i += j + 1
			if i < len(s) && s[i] == '"' {
				out = append(out, '"')
				i++
				continue
			}
			break
		}
		switch {
		case i == len(s):
			return out, nil, true
		case s[i] == ',':
			return out, s[i+1:], true
		}
		return nil, nil, false
	}
	if i := bytes.IndexByte(s, ','); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, nil, true
}

// sqlState splits "42601: text" (log_error_verbosity = verbose).
func sqlState(b []byte) (code, rest []byte, ok bool) {
	if len(b) < 7 || b[5] != ':' || b[6] != ' ' {
		return nil, nil, false
	}
	for _, c := range b[:5] {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return nil, nil, false
		}
	}
	return b[:5], b[7:], true
}

func hasPrefix(b []byte, s string) bool { return bytes.HasPrefix(b, []byte(s)) }

// kvValue returns the value of " name=value" (or name at the start),
// up to the next space.
func kvValue(b []byte, name string) []byte {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(name))
		if i < 0 {
			return nil
		}
		i += off
		if i == 0 || b[i-1] == ' ' {
			v := b[i+len(name):]
			if j := bytes.IndexByte(v, ' '); j >= 0 {
				v = v[:j]
			}
			return v
		}
		off = i + 1
	}
}

// quotedAfter returns the double-quoted value after name.
func quotedAfter(b []byte, name string) ([]byte, bool) {
	i := bytes.Index(b, []byte(name+`"`))
	if i < 0 {
		return nil, false
	}
	v := b[i+len(name)+1:]
	j := bytes.IndexByte(v, '"')
	if j <= 0 {
		return nil, false
	}
	return v[:j], true
}

// msNanos reads "167.754" milliseconds as nanoseconds.
func msNanos(b []byte) (int64, bool) {
	whole, frac, _ := bytes.Cut(b, []byte("."))
	ms, ok := parser.ParseUint(whole)
	if !ok || ms > 1<<40 {
		return 0, false
	}
	ns, ok := fraction(frac, 6)
	if !ok {
		return 0, false
	}
	return int64(ms)*1_000_000 + ns, true
}

// sessionNanos reads "H:MM:SS.fff" as nanoseconds (hours × 3600 s; the
// reference system multiplied them by 1440).
func sessionNanos(b []byte) (int64, bool) {
	parts := strings.Split(string(b), ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.ParseUint(parts[0], 10, 32)
	m, err2 := strconv.ParseUint(parts[1], 10, 8)
	sec, frac, _ := strings.Cut(parts[2], ".")
	s, err3 := strconv.ParseUint(sec, 10, 8)
	if err1 != nil || err2 != nil || err3 != nil || m > 59 || s > 59 || h > 1<<20 {
		return 0, false
	}
	ns, ok := fraction([]byte(frac), 9)
	if !ok {
		return 0, false
	}
	return (int64(h)*3600+int64(m)*60+int64(s))*1_000_000_000 + ns, true
}

// fraction reads the digits after a decimal point as units of a
// 10^-digits scale (truncating finer digits).
func fraction(b []byte, digits int) (int64, bool) {
	var v int64
	for i := range digits {
		v *= 10
		if i < len(b) {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v += int64(c - '0')
		}
	}
	for _, c := range b[min(len(b), digits):] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return v, true
}
