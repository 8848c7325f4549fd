package rdspostgresql

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// RuleEndOfLog excludes the "END OF LOG" marker RDS appends to a
// downloaded log file.
const RuleEndOfLog = "rds-postgresql-end-of-log"

var endOfLog = regexp.MustCompile(`^\s*-+ END OF LOG -+\s*$`)

// entry is the parsed prefix of one record.
type entry struct {
	ts       time.Time
	remote   []byte // %r without the port: an address, a host name or [local]
	port     []byte
	user, db []byte
	pid      []byte
	level    []byte
	msg      []byte // everything after the level, lines joined by \n
}

func normalize(data []byte, ev *ecs.Event) error {
	if endOfLog.Match(data) {
		return siem.Exclude(RuleEndOfLog)
	}
	var e entry
	if err := e.parse(data); err != nil {
		return fmt.Errorf("rds-postgresql: %w", err)
	}
	ev.Date("@timestamp", e.ts)
	ev.Keyword("event.kind", "event")
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.service.name", "rds")
	ev.Keyword("service.type", "postgresql")
	ev.KeywordBytes("log.level", e.level)
	ev.KeywordBytes("message", e.msg)
	if pid, ok := parser.ParseUint(e.pid); ok && pid <= 1<<62 {
		ev.Long("process.pid", int64(pid))
	}
	e.source(ev)
	ev.KeywordBytes("user.name", e.user)
	ev.KeywordBytes("aws.rds_postgresql.database_name", e.db)
	e.classify(ev)
	if ip, ok := ev.LookupString("source.ip"); ok {
		ev.Keywords("related.ip", ip)
	}
	if u, ok := ev.LookupString("user.name"); ok {
		ev.Keywords("related.user", u)
	}
	if d, ok := ev.LookupString("source.domain"); ok {
		ev.Keywords("related.hosts", d)
	}
	return nil
}

// parse reads "<date> <time>[.frac] <zone>" and then either RDS's
// ":%r:%u@%d:[%p]:" or PostgreSQL's default " [%p] ", the level and the
// message.
func (e *entry) parse(b []byte) error {
	first := b
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	ts, n, err := parseTime(first)
	if err != nil {
		return err
	}
	e.ts = ts
	p := first[n:]
	switch {
	case len(p) > 0 && p[0] == ':':
		p = p[1:]
		// %r: [local], host(port) (an IPv6 host starts with a colon too)
		// or nothing.
		if host, port, rest, ok := hostPort(p); ok {
			e.remote, e.port, p = host, port, rest
		} else if bytes.HasPrefix(p, []byte("[local]:")) {
			e.remote, p = p[:7], p[8:]
		} else if len(p) > 0 && p[0] == ':' {
			p = p[1:]
		} else {
			return errors.New(`want the remote host as host(port), [local] or nothing after the time zone`)
		}
		// %u@%d: up to the ":[pid]" that follows.
		i := pidStart(p)
		if i < 0 {
			return errors.New(`want "user@database:[pid]:" after the remote host`)
		}
		ud := p[:i-1]
		at := bytes.LastIndexByte(ud, '@')
		if at < 0 {
			return fmt.Errorf(`want user@database, got %q`, clip(ud))
		}
		e.user, e.db = known(ud[:at]), known(ud[at+1:])
		p = p[i:]
	case len(p) > 0 && p[0] == ' ':
		p = bytes.TrimLeft(p, " ")
		if len(p) == 0 || p[0] != '[' {
			return errors.New(`want "[pid]" after the time zone`)
		}
	default:
		return errors.New(`want ":" or " " after the time zone`)
	}
	// [pid]
	end := bytes.IndexByte(p, ']')
	if end < 2 {
		return errors.New(`want "[pid]"`)
	}
	e.pid, p = p[1:end], p[end+1:]
	if _, ok := parser.ParseUint(e.pid); !ok {
		return fmt.Errorf("process id %q is not a number", clip(e.pid))
	}
	if len(p) > 0 && p[0] == ':' {
		p = p[1:]
	}
	p = bytes.TrimLeft(p, " ")
	// LEVEL:
	i := 0
	for i < len(p) && (p[i] >= 'A' && p[i] <= 'Z' || p[i] >= '0' && p[i] <= '9') {
		i++
	}
	if i == 0 || i == len(p) || p[i] != ':' {
		return errors.New(`want the severity ("LOG:", "ERROR:"...) after the process id`)
	}
	e.level = p[:i]
	// The message: the rest of the record, first line included.
	off := len(first) - len(p) + i + 1
	msg := b[off:]
	msg = bytes.TrimLeft(msg, " \t")
	e.msg = bytes.TrimRight(msg, " \t\r\n")
	return nil
}

// hostPort reads "host(port):" at the start of p: an address or a host
// name, then digits.
func hostPort(p []byte) (host, port, rest []byte, ok bool) {
	i := 0
	for i < len(p) && isHostByte(p[i]) {
		i++
	}
	if i == 0 || i == len(p) || p[i] != '(' {
		return nil, nil, nil, false
	}
	j := i + 1
	for j < len(p) && p[j] >= '0' && p[j] <= '9' {
		j++
	}
	if j == i+1 || j+1 >= len(p) || p[j] != ')' || p[j+1] != ':' {
		return nil, nil, nil, false
	}
	return p[:i], p[i+1 : j], p[j+2:], true
}

func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-' || c == '_' || c == '%'
}

// pidStart returns the index of "[" in the first ":[digits]" of p, -1
// when there is none.
func pidStart(p []byte) int {
	for off := 0; ; {
		i := bytes.Index(p[off:], []byte(":["))
		if i < 0 {
			return -1
		}
		i += off + 1
		j := i + 1
		for j < len(p) && p[j] >= '0' && p[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(p) && p[j] == ']' {
			return i
		}
		off = i
	}
}

// parseTime reads "YYYY-MM-DD HH:MM:SS[.fff] ZONE" (%t or %m) and returns
// the time and the length read. ZONE is UTC, GMT (RDS's log_timezone
// default) or a numeric offset such as +03 or -0530.
func parseTime(b []byte) (time.Time, int, error) {
	const layout = "2006-01-02 15:04:05"
	if len(b) < len(layout)+2 || b[10] != ' ' {
		return time.Time{}, 0, errors.New("record does not start with a time stamp (YYYY-MM-DD HH:MM:SS ZONE)")
	}
	n := len(layout)
	if b[n] == '.' {
		n++
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			n++
		}
	}
	t, ok := clock(b[:n])
	if !ok {
		return time.Time{}, 0, fmt.Errorf("bad time stamp %q", clip(b[:n]))
	}
	if n >= len(b) || b[n] != ' ' {
		return time.Time{}, 0, errors.New("want a time zone after the time stamp")
	}
	z := n + 1
	end := z
	for end < len(b) && b[end] != ':' && b[end] != ' ' {
		end++
	}
	switch zone := b[z:end]; string(zone) {
	case "UTC", "GMT", "UCT", "Z":
	default:
		off, ok := zoneOffset(string(zone))
		if !ok {
			return time.Time{}, 0, fmt.Errorf("time zone %q is not UTC, GMT or a numeric offset", clip(zone))
		}
		t = t.Add(-time.Duration(off) * time.Second)
	}
	return t.UTC(), end, nil
}

// clock reads "YYYY-MM-DD HH:MM:SS[.fraction]" (the fraction up to
// nanoseconds, finer digits truncated) as UTC.
func clock(b []byte) (time.Time, bool) {
	num := func(s []byte) int {
		v := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, month, day := num(b[:4]), num(b[5:7]), num(b[8:10])
	hour, minute, sec := num(b[11:13]), num(b[14:16]), num(b[17:19])
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	var ns int64
	if len(b) > 19 {
		if b[19] != '.' || len(b) == 20 {
			return time.Time{}, false
		}
		v, ok := fraction(b[20:], 9)
		if !ok {
			return time.Time{}, false
		}
		ns = v
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, int(ns), time.UTC)
	if t.Day() != day {
		return time.Time{}, false // February 30th and the like
	}
	return t, true
}

// zoneOffset reads +HH, +HHMM or +HH:MM (PostgreSQL's name for a zone
// without an abbreviation) in seconds east of UTC.
func zoneOffset(s string) (int, bool) {
	if len(s) < 3 || s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 {
		return 0, false
	}
	for i := range len(digits) {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 15 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// source sets source.* from %r.
func (e *entry) source(ev *ecs.Event) {
	if len(e.remote) == 0 || string(e.remote) == "[local]" {
		return
	}
	ev.KeywordBytes("source.address", e.remote)
	if ip, ok := parser.ParseAddr(e.remote); ok {
		ev.IP("source.ip", ip)
	} else {
		ev.KeywordBytes("source.domain", e.remote)
	}
	if port, ok := parser.ParseUint(e.port); ok && port <= 65535 {
		ev.Long("source.port", int64(port))
	}
}

// known drops "[unknown]", what PostgreSQL writes for the user and the
// database before the client has authenticated.
func known(b []byte) []byte {
	if string(b) == "[unknown]" {
		return nil
	}
	return b
}

func clip(b []byte) string { return clipString(string(b)) }

func clipString(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
