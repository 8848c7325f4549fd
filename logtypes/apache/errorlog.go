package apache

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// errorLine is one error log line cut into its parts, aliasing the line.
type errorLine struct {
	time        time.Time
	module      []byte
	level       []byte
	pid, tid    int64
	hasPID      bool
	hasTID      bool
	origin      []byte // %F's file, "mod_rewrite.c"
	originLine  int64
	client      []byte // [client ...] as logged
	clientAddr  netip.Addr
	clientPort  int64
	clientIsIP  bool
	message     []byte // what follows the prefixes, as logged
	code        []byte // AHnnnnn
	referrer    []byte
	file        []byte // File does not exist: <file>
	statusError []byte // %E, "(2)No such file or directory"
	zone        string // event.timezone
}

var errNotError = errors.New("apache error line: not in an error log format: it does not start with a [time] and a [level] or [module:level]")

// NormalizeErrorLine maps one Apache error log line onto ev, as
// NormalizeAccessLine does an access line: false, with ev untouched, when
// the line does not have the shape of an error log line. Its zone-less
// time is read as UTC.
func NormalizeErrorLine(line []byte, ev *ecs.Event) (bool, error) {
	var e errorLine
	if err := e.parse(line, time.UTC); err != nil {
		if err == errNotError {
			return false, nil
		}
		return true, err
	}
	e.write(ev, "")
	return true, nil
}

func normalizeError(line []byte, ev *ecs.Event, extraHost string, loc *time.Location) error {
	var e errorLine
	if err := e.parse(line, loc); err != nil {
		return err
	}
	e.write(ev, extraHost)
	return nil
}

// bracket returns the content of the "[...]" that b starts with and what
// follows it (its leading space cut).
func bracket(b []byte) (content, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '[' {
		return nil, b, false
	}
	// The closing bracket is the first one that ends the line or is
	// followed by a space: "[client [2001:db8::1]:443] ".
	i := 0
	for {
		j := bytes.IndexByte(b[i+1:], ']')
		if j < 0 {
			return nil, b, false
		}
		i += j + 1
		if i+1 == len(b) || b[i+1] == ' ' {
			break
		}
	}
	rest = b[i+1:]
	if len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	return b[1:i], rest, true
}

// Error log times: "Mon Dec 26 16:22:08 2016" (2.2) and
// "Mon Dec 26 16:15:55.103786 2016" (2.4).
const errorTimeLayout = "Mon Jan _2 15:04:05.999999999 2006"

// parseErrorTime reads an error log time in loc: the common shapes by
// hand, anything else time.ParseInLocation accepts for errorTimeLayout.
func parseErrorTime(b []byte, loc *time.Location) (time.Time, bool) {
	// "Mon Dec 26 16:22:08[.ffffff] 2016"
	if len(b) >= 24 && b[3] == ' ' && b[7] == ' ' && b[10] == ' ' && b[13] == ':' && b[16] == ':' && b[len(b)-5] == ' ' {
		mon := monthOf(b[4:7])
		day, hh, mm, ss := atoi2(b[8:10]), atoi2(b[11:13]), atoi2(b[14:16]), atoi2(b[17:19])
		if !isDigits(b[len(b)-4:]) {
			return time.Time{}, false
		}
		year := atoi2(b[len(b)-4:len(b)-2])*100 + atoi2(b[len(b)-2:])
		frac := b[19 : len(b)-5]
		nsec := 0
		if len(frac) > 0 {
			if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 || !isDigits(frac[1:]) {
				return time.Time{}, false
			}
			for i := 1; i < 10; i++ {
				nsec *= 10
				if i < len(frac) {
					nsec += int(frac[i] - '0')
				}
			}
		}
		if mon == 0 || day < 1 || day > daysIn(mon, year) || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 {
			return time.Time{}, false
		}
		return time.Date(year, mon, day, hh, mm, ss, nsec, loc), true
	}
	t, err := time.ParseInLocation(errorTimeLayout, string(b), loc)
	return t, err == nil
}

// atoi2 reads two digits (a leading space counts as 0), -1 if they are not.
func atoi2(b []byte) int {
	hi, lo := b[0], b[1]
	if hi == ' ' {
		hi = '0'
	}
	if hi < '0' || hi > '9' || lo < '0' || lo > '9' {
		return -1
	}
	return int(hi-'0')*10 + int(lo-'0')
}
func (e *errorLine) parse(line []byte, loc *time.Location) error {
	line = bytes.TrimRight(line, " \t\r")
	ts, rest, ok := bracket(line)
	if !ok {
		return errNotError
	}
	lvl, rest, ok := bracket(rest)
	if !ok || len(lvl) == 0 || bytes.IndexByte(lvl, ' ') >= 0 {
		return errNotError
	}
	t, ok := parseErrorTime(ts, loc)
	if !ok {
		return fmt.Errorf("apache error line: bad time [%s]: want [Www Mmm dd hh:mm:ss[.ffffff] yyyy]", ts)
	}
	e.time = t.UTC()
	if loc != time.UTC {
		e.zone = loc.String()
	}
	format24 := bytes.IndexByte(ts, '.') >= 0
	if i := bytes.LastIndexByte(lvl, ':'); i >= 0 {
		e.module, lvl = dashless(lvl[:i]), lvl[i+1:]
		format24 = true
	}
	if len(lvl) == 0 {
		return fmt.Errorf("apache error line: no level in [%s]", lvl)
	}
	e.level = lvl
	if c, r, ok := bracket(rest); ok && bytes.HasPrefix(c, []byte("pid ")) {
		format24 = true
		p := c[len("pid "):]
		var tid []byte
		if i := bytes.Index(p, []byte(":tid ")); i >= 0 {
			p, tid = p[:i], p[i+len(":tid "):]
		}
		n, ok := parser.ParseUint(p)
		if !ok || n > 1<<62 {
			return fmt.Errorf("apache error line: pid %q is not a number", p)
		}
		e.pid, e.hasPID = int64(n), true
		if tid != nil {
			n, ok := parser.ParseUint(tid)
			if !ok || n > 1<<62 {
				return fmt.Errorf("apache error line: tid %q is not a number", tid)
			}
			e.tid, e.hasTID = int64(n), true
		}
		rest = r
	}
	// %F: the source file and line, logged at debug and trace levels.
	if i := bytes.Index(rest, []byte("): ")); i > 0 {
		if j := bytes.LastIndexByte(rest[:i], '('); j > 0 && isDigits(rest[j+1:i]) && isFileName(rest[:j]) {
			n, _ := parser.ParseUint(rest[j+1 : i])
			e.origin, e.originLine = rest[:j], int64(min(n, 1<<62))
			rest = rest[i+len("): "):]
		}
	}
	// %E: an APR/OS error, "(2)No such file or directory: ".
	if len(rest) > 1 && rest[0] == '(' {
		if i := bytes.IndexByte(rest, ')'); i > 1 && isDigits(rest[1:i]) || i > 2 && rest[1] == '-' && isDigits(rest[2:i]) {
			if j := bytes.Index(rest, []byte(": ")); j > i {
				k := j + 2
				if c, _, ok := bracket(rest[k:]); ok && (bytes.HasPrefix(c, []byte("client ")) || bytes.HasPrefix(c, []byte("remote "))) {
					e.statusError, rest = rest[:j], rest[k:]
				}
			}
		}
	}
	if c, r, ok := bracket(rest); ok && bytes.HasPrefix(c, []byte("client ")) {
		e.setClient(c[len("client "):], format24)
		rest = r
	}
	e.message = rest
	m := rest
	if len(m) >= 8 && m[0] == 'A' && m[1] == 'H' && isDigits(m[2:7]) && m[7] == ':' {
		e.code = m[:7]
		m = bytes.TrimLeft(m[8:], " ")
	}
	if i := bytes.LastIndex(m, []byte(", referer: ")); i >= 0 {
		e.referrer = dashless(m[i+len(", referer: "):])
		m = m[:i]
	}
	if f, ok := bytes.CutPrefix(m, []byte("File does not exist: ")); ok {
		e.file = dashless(f)
	}
	return nil
}

// setClient reads "ip", "ip:port", "[ip]:port" or a host name with or
// without a port. 2.4 always logs a port, after the last colon even for
// IPv6; 2.2 logs none, so an IPv6 address of 2.2 is not cut.
func (e *errorLine) setClient(c []byte, format24 bool) {
	c = dashless(c)
	if c == nil {
		return
	}
	host := c
	if len(c) > 1 && c[0] == '[' {
		if i := bytes.Index(c, []byte("]:")); i > 0 {
			if p, ok := parser.ParseUint(c[i+2:]); ok && p <= 65535 {
				host, e.clientPort = c[1:i], int64(p)
			}
		}
	} else if i := bytes.LastIndexByte(c, ':'); i > 0 {
		_, wholeIP := parser.ParseAddr(c)
		if p, ok := parser.ParseUint(c[i+1:]); ok && p <= 65535 && (format24 || !wholeIP) {
			host, e.clientPort = c[:i], int64(p)
		}
	}
	e.client = host
	if ip, ok := parser.ParseAddrDropZone(host); ok {
		e.clientAddr, e.clientIsIP = ip.Unmap(), true
	}
}

// isFileName reports whether b looks like a C source file name.
func isFileName(b []byte) bool {
	if len(b) == 0 || len(b) > 64 || bytes.IndexByte(b, '.') < 0 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '/') {
			return false
		}
	}
	return true
}

// errorLevels maps Apache's levels to event.type: error from emerg to
// warn, info below (notice, info, debug, trace1-8).
func errorType(level []byte) string {
	switch string(level) {
	case "emerg", "alert", "crit", "error", "warn":
		return "error"
	}
	return "info"
}

func (e *errorLine) write(ev *ecs.Event, extraHost string) {
	ev.Date("@timestamp", e.time)
	ev.Keyword("event.timezone", e.zone)
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "web")
	ev.Keywords("event.type", errorType(e.level))
	ev.KeywordBytes("log.level", e.level)
	ev.KeywordBytes("apache.error.module", e.module)
	if e.hasPID {
		ev.Long("process.pid", e.pid)
	}
	if e.hasTID {
		ev.Long("process.thread.id", e.tid)
	}
	if e.origin != nil {
		ev.KeywordBytes("log.origin.file.name", e.origin)
		ev.Long("log.origin.file.line", e.originLine)
	}
	if e.client != nil {
		ev.KeywordBytes("source.address", e.client)
		if e.clientIsIP {
			ev.IP("source.ip", e.clientAddr)
			ev.IPs("related.ip", e.clientAddr)
		} else {
			ev.KeywordBytes("source.domain", e.client)
		}
		if e.clientPort > 0 {
			ev.Long("source.port", e.clientPort)
		}
	}
	var host string
	if e.client != nil && !e.clientIsIP {
		host = string(e.client)
	}
	if host != "" || extraHost != "" {
		ev.Keywords("related.hosts", host, extraHost)
	}
	ev.KeywordBytes("error.code", e.code)
	ev.KeywordBytes("apache.error.os_error", e.statusError)
	ev.KeywordBytes("message", e.message)
	ev.KeywordBytes("http.request.referrer", e.referrer)
	ev.KeywordBytes("file.path", e.file)
}
