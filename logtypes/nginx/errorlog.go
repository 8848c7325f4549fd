package nginx

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// errorRecord is one error-log record cut into its parts, aliasing it.
type errorRecord struct {
	time       time.Time
	level      []byte
	pid, tid   int64
	conn       int64
	hasConn    bool
	message    []byte
	tail       errorTail
	hasTail    bool
	infoLevels bool
}

// errorTail is the context NGINX appends to a message about a request:
// ", client: IP, server: S, request: "...", upstream: "...", host: "...",
// referrer: "..."".
type errorTail struct {
	client, server, request, subrequest, upstream, host, referrer []byte
}

// levels are NGINX's severities; the first five are errors.
var levels = []string{"emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"}

// parseError reads "yyyy/mm/dd hh:mm:ss [level] pid#tid: [*cid ]message".
func parseError(b []byte, r *errorRecord) error {
	*r = errorRecord{}
	if len(b) < 20 || b[4] != '/' || b[7] != '/' || b[10] != ' ' || b[13] != ':' || b[16] != ':' || b[19] != ' ' {
		return errors.New(`not an NGINX error-log record: no "yyyy/mm/dd hh:mm:ss " at its start`)
	}
	year, ok1 := digits(b[0:4])
	mon, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hh, ok4 := digits(b[11:13])
	mm, ok5 := digits(b[14:16])
	ss, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mon < 1 || mon > 12 || day < 1 || day > daysIn(time.Month(mon), year) || hh > 23 || mm > 59 || ss > 60 {
		return fmt.Errorf("bad time %q: want yyyy/mm/dd hh:mm:ss, a date and time that exist", b[:19])
	}
	// NGINX writes local time without a zone: read as UTC (see doc.go).
	r.time = time.Date(year, time.Month(mon), day, hh, mm, min(ss, 59), 0, time.UTC)
	rest := b[20:]
	if len(rest) == 0 || rest[0] != '[' {
		return errors.New("no [level] after the time")
	}
	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return errors.New("the [level] after the time is not closed")
	}
	lv := rest[1:end]
	known := false
	for i, l := range levels {
		if string(lv) == l {
			r.level, known = lv, true
			r.infoLevels = i >= 5
			break
		}
	}
	if !known {
		return fmt.Errorf("unknown level %q: want one of %s", clip(lv), strings.Join(levels, ", "))
	}
	rest = rest[end+1:]
	if len(rest) == 0 || rest[0] != ' ' {
		return errors.New("no pid#tid after the level")
	}
	rest = rest[1:]
	hash := bytes.IndexByte(rest, '#')
	colon := bytes.IndexByte(rest, ':')
	if hash <= 0 || colon <= hash+1 {
		return errors.New(`no "pid#tid:" after the level`)
	}
	pid, okp := parser.ParseUint(rest[:hash])
	tid, okt := parser.ParseUint(rest[hash+1 : colon])
	if !okp || !okt || pid > 1<<62 || tid > 1<<62 {
		return fmt.Errorf("bad pid#tid %q: want two numbers such as 1234#1234", clip(rest[:colon]))
	}
	r.pid, r.tid = int64(pid), int64(tid)
	rest = bytes.TrimLeft(rest[colon+1:], " ")
	if len(rest) > 1 && rest[0] == '*' {
		sp := bytes.IndexByte(rest, ' ')
		if sp < 0 {
			sp = len(rest)
		}
		if c, ok := parser.ParseUint(rest[1:sp]); ok && c <= 1<<62 {
			r.conn, r.hasConn = int64(c), true
			rest = bytes.TrimLeft(rest[sp:], " ")
		}
	}
	r.message = rest
	r.tail, r.hasTail = parseTail(rest)
	return nil
}

// tailKeys are the members of the context, in the order NGINX writes
// them; only client and server are unquoted.
var tailKeys = []string{"server", "request", "subrequest", "upstream", "host", "referrer"}

// parseTail reads the context from the last ", client: " (or a message
// that starts with "client: "). A quoted value ends at a quote followed
// by ", <key>: " or by the end of the message, so a quote inside a
// request line does not cut it.
func parseTail(msg []byte) (t errorTail, ok bool) {
	i := bytes.LastIndex(msg, []byte(", client: "))
	switch {
	case i >= 0:
		i += len(", client: ")
	case bytes.HasPrefix(msg, []byte("client: ")):
		i = len("client: ")
	default:
		return t, false
	}
	rest := msg[i:]
	next := bytes.Index(rest, []byte(", "))
	if next < 0 {
		t.client = rest
		return t, len(rest) > 0
	}
	t.client = rest[:next]
	rest = rest[next:]
	for len(rest) > 0 {
		if !bytes.HasPrefix(rest, []byte(", ")) {
			break
		}
		key, value, after, found := cutMember(rest[2:])
		if !found {
			break
		}
		switch key {
		case "server":
			t.server = value
		case "request":
			t.request = value
		case "subrequest":
			t.subrequest = value
		case "upstream":
			t.upstream = value
		case "host":
			t.host = value
		case "referrer":
			t.referrer = value
		}
		rest = after
	}
	return t, len(t.client) > 0
}

// cutMember reads "key: value" from the start of b, value unquoted up to
// the next ", " for server, else quoted.
func cutMember(b []byte) (key string, value, rest []byte, ok bool) {
	for _, k := range tailKeys {
		if len(b) > len(k)+1 && string(b[:len(k)]) == k && b[len(k)] == ':' && b[len(k)+1] == ' ' {
			key = k
			break
		}
	}
	if key == "" {
		return "", nil, nil, false
	}
	v := b[len(key)+2:]
	if key == "server" {
		if j := bytes.Index(v, []byte(", ")); j >= 0 {
			return key, v[:j], v[j:], true
		}
		return key, v, nil, true
	}
	if len(v) == 0 || v[0] != '"' {
		return "", nil, nil, false
	}
	// The closing quote is the first one followed by ", <known key>: "
	// or by the end.
	for j := 1; j < len(v); j++ {
		if v[j] != '"' {
			continue
		}
		after := v[j+1:]
		if len(after) == 0 {
			return key, v[1:j], nil, true
		}
		if bytes.HasPrefix(after, []byte(", ")) {
			for _, k := range tailKeys {
				if bytes.HasPrefix(after[2:], []byte(k+": ")) {
					return key, v[1:j], after, true
				}
			}
		}
	}
	return "", nil, nil, false
}

func normalizeError(rec siem.Record, ev *ecs.Event) error {
	data := bytes.TrimRight(rec.Data, "\r\n")
	var r errorRecord
	if err := parseError(data, &r); err != nil {
		return err
	}
	var req request
	var host hostPort
	var clientIP netip.Addr
	if r.hasTail {
		if len(r.tail.request) > 0 {
			req = parseRequest(r.tail.request)
		}
		if len(r.tail.host) > 0 {
			host = splitHostPort(r.tail.host)
			if host.ip.IsValid() {
				// url.domain holds a literal address too (IPv6 in
				// brackets, as ECS asks).
				host.name = host.text
			}
		}
		clientIP, _ = parser.ParseAddrDropZone(r.tail.client)
	}
	ev.Date("@timestamp", r.time)
	setSource(rec, ev)
	ev.Keywords("event.category", "web")
	ev.Keyword("event.kind", "event")
	if r.infoLevels {
		ev.Keywords("event.type", "info")
	} else {
		ev.Keywords("event.type", "error")
	}
	req.setHTTP(ev, r.tail.referrer)
	ev.KeywordBytes("http.version", req.version)
	ev.KeywordBytes("log.level", r.level)
	ev.KeywordBytes("message", r.message)
	if r.hasConn {
		ev.Long("nginx.error.connection_id", r.conn)
	}
	if req.method == nil {
		ev.KeywordBytes("nginx.error.request", r.tail.request)
	}
	ev.KeywordBytes("nginx.error.server", dashless(r.tail.server))
	ev.KeywordBytes("nginx.error.subrequest", r.tail.subrequest)
	ev.KeywordBytes("nginx.error.upstream", r.tail.upstream)
	ev.Long("process.pid", r.pid)
	ev.Long("process.thread.id", r.tid)
	domain := req.domain // an absolute request names its own host
	if domain == nil && !host.ip.IsValid() {
		domain = host.name
	}
	if domain != nil {
		ev.Keywords("related.hosts", string(domain))
	}
	ev.IPs("related.ip", clientIP, host.ip)
	if r.hasTail {
		ev.KeywordBytes("source.address", r.tail.client)
		ev.IP("source.ip", clientIP)
	}
	switch {
	case req.target != nil:
		req.setURL(ev, host)
	case host.name != nil:
		ev.KeywordBytes("url.domain", host.name)
		if host.hasPort {
			ev.Long("url.port", host.port)
		}
	}
	return nil
}

func dashless(b []byte) []byte {
	if dash(b) {
		return nil
	}
	return b
}

// clip cuts a value quoted in a dead-letter reason to 64 bytes: the raw
// record is beside the reason, whole.
func clip(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}
