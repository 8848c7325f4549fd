package nginx

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// accessLine is one access-log line cut into its parts. Every slice
// aliases the line; nil means absent.
type accessLine struct {
	// host is the optional leading "$host[:port]" of Elastic's variant.
	host []byte
	// xff is the X-Forwarded-For chain written before the peer (quoted
	// or as a comma list), verbatim; trailing is the one written after
	// the user agent ("$http_x_forwarded_for").
	xff, trailing []byte
	// peer is $remote_addr, the last address of the address part.
	peer []byte
	user []byte
	time time.Time
	// request is the quoted request line, possibly empty.
	request         []byte
	status          int64
	bodyBytes       int64
	hasBytes        bool
	referrer, agent []byte
	extra           []byte
}

// errNotAccess is returned by parseAccess when the line does not have
// the shape of an access-log line at all ("addresses - user [time] ").
var errNotAccess = errors.New(`not an NGINX access-log line: no "<address> - <user> [dd/Mon/yyyy:hh:mm:ss +zzzz] " at its start`)

// parseAccess cuts a line. It is a hand-written scanner: the time, which
// has a fixed shape, anchors the line; what lies before it is the
// optional host, the addresses and the user, and what follows it are the
// quoted and bare fields that parser.SplitQuoted reads.
func parseAccess(line []byte, a *accessLine) error {
	*a = accessLine{}
	ts, at := -1, 0
	for at < len(line) {
		i := bytes.Index(line[at:], []byte(" ["))
		if i < 0 {
			break
		}
		i += at
		if t, ok := parseHTTPDate(line[i+2:]); ok && len(line) >= i+2+27 && line[i+2+26] == ']' {
			ts, a.time = i, t
			break
		}
		at = i + 2
	}
	if ts < 0 {
		return errNotAccess
	}
	head := line[:ts]
	sep := bytes.Index(head, []byte(" - "))
	if sep <= 0 {
		return errNotAccess
	}
	if u := head[sep+3:]; !dash(u) {
		a.user = u
	}
	if err := a.cutAddresses(head[:sep]); err != nil {
		return err
	}
	rest := line[ts+2+27:]
	if len(rest) == 0 || rest[0] != ' ' {
		return errors.New("nothing after the time, where the quoted request must follow")
	}
	rest = rest[1:]
	if len(rest) == 0 || rest[0] != '"' {
		return errors.New("the request after the time is not quoted")
	}
	var fs [8][]byte
	fields, err := parser.SplitQuoted(rest, fs[:0])
	if err != nil {
		return fmt.Errorf("fields after the time: %v", err)
	}
	if len(fields) < 3 {
		return fmt.Errorf("%d fields after the time, want at least the request, the status and the bytes sent", len(fields))
	}
	a.request = fields[0]
	st, ok := parser.ParseUint(fields[1])
	if !ok || len(fields[1]) != 3 {
		return fmt.Errorf("status %q is not a three-digit number", fields[1])
	}
	a.status = int64(st)
	if !dash(fields[2]) {
		n, ok := parser.ParseUint(fields[2])
		if !ok || n > 1<<62 {
			return fmt.Errorf("bytes sent %q is not a number", fields[2])
		}
		a.bodyBytes, a.hasBytes = int64(n), true
	}
	if len(fields) >= 4 && !dash(fields[3]) {
		a.referrer = fields[3]
	}
	if len(fields) >= 5 && !dash(fields[4]) {
		a.agent = fields[4]
	}
	if len(fields) >= 6 {
		// The stock "main" format's "$http_x_forwarded_for"; anything
		// beyond it is a custom addition, kept as written.
		if v := fields[5]; !dash(v) {
			a.trailing = v
		}
		if len(fields) > 6 {
			a.extra = rest[offsetOf(rest, fields, 6):]
		}
	}
	return nil
}

// offsetOf returns where field i of rest starts, fields being what
// parser.SplitQuoted cut from rest: a quoted field spans its value and
// two quotes (escapes are kept as written), and one blank separates
// fields.
func offsetOf(rest []byte, fields [][]byte, i int) int {
	pos := 0
	for _, f := range fields[:i] {
		if pos < len(rest) && rest[pos] == '"' {
			pos += 2
		}
		pos += len(f) + 1
	}
	return min(pos, len(rest))
}

// cutAddresses reads "[host[:port] ][xff ]addr[, addr...]", the part
// before " - user". Entries of a list are separated by a comma and
// blanks; segments by a blank without a comma. With three segments they
// are the host, the forwarded chain and the addresses; with two, the
// first is the forwarded chain when it is quoted or a list, else the
// host (as Elastic reads "example.com 10.0.0.1" and "198.51.100.7 ::1").
func (a *accessLine) cutAddresses(s []byte) error {
	var segs [3][]byte
	n := 0
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		start := i
		if s[i] == '"' {
			j := bytes.IndexByte(s[i+1:], '"')
			if j < 0 {
				return errors.New("the quoted X-Forwarded-For before the address has no closing quote")
			}
			i += j + 2
		} else {
			for i < len(s) {
				j := bytes.IndexByte(s[i:], ' ')
				if j < 0 {
					i = len(s)
					break
				}
				i += j
				if s[i-1] != ',' {
					break
				}
				for i < len(s) && s[i] == ' ' {
					i++
				}
			}
		}
		if n == len(segs) {
			return fmt.Errorf("%d blank-separated parts before \" - \", want at most a host, a forwarded chain and the client address", n+1)
		}
		segs[n] = s[start:i]
		n++
	}
	var list []byte
	switch n {
	case 0:
		return errNotAccess
	case 1:
		list = segs[0]
	case 2:
		if segs[0][0] == '"' || bytes.IndexByte(segs[0], ',') >= 0 {
			a.xff = segs[0]
		} else {
			a.host = segs[0]
		}
		list = segs[1]
	case 3:
		a.host, a.xff, list = segs[0], segs[1], segs[2]
	}
	if len(list) > 0 && list[0] == '"' {
		return errors.New("the client address is quoted")
	}
	if a.xff != nil {
		if a.xff[0] == '"' {
			a.xff = a.xff[1 : len(a.xff)-1]
		}
		a.xff = bytes.Trim(a.xff, " ,")
		if dash(a.xff) || len(a.xff) == 0 {
			a.xff = nil
		}
	}
	// The peer is the list's last entry; the entries before it are
	// forwarded addresses too ($proxy_add_x_forwarded_for).
	a.peer = list
	if c := bytes.LastIndexByte(list, ','); c >= 0 {
		a.peer = bytes.TrimLeft(list[c+1:], " ")
		before := bytes.Trim(list[:c], " ,")
		switch {
		case len(before) == 0:
		case a.xff == nil:
			a.xff = before
		default:
			// "chain1 chain2, peer": both are the header, as written.
			a.xff = joinedChain(s, a.xff, before)
		}
	}
	if len(a.peer) == 0 || dash(a.peer) {
		return errors.New("no client address before \" - \"")
	}
	return nil
}

// joinedChain returns the span of s from the start of first to the end
// of second, both of which alias s.
func joinedChain(s, first, second []byte) []byte {
	from := cap(s) - cap(first)
	to := cap(s) - cap(second) + len(second)
	if from < 0 || to > len(s) || from > to {
		return second
	}
	return s[from:to]
}

// months maps the three-letter month names of $time_local.
var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// parseHTTPDate reads "dd/Mon/yyyy:hh:mm:ss +hhmm" ($time_local) from the
// start of b.
func parseHTTPDate(b []byte) (time.Time, bool) {
	if len(b) < 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' || b[20] != ' ' {
		return time.Time{}, false
	}
	day, ok1 := digits(b[0:2])
	mon, ok2 := months[string(b[3:6])]
	year, ok3 := digits(b[7:11])
	hh, ok4 := digits(b[12:14])
	mm, ok5 := digits(b[15:17])
	ss, ok6 := digits(b[18:20])
	zh, ok7 := digits(b[22:24])
	zm, ok8 := digits(b[24:26])
	sign := b[21]
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8) || (sign != '+' && sign != '-') ||
		day < 1 || day > daysIn(mon, year) || hh > 23 || mm > 59 || ss > 60 || zh > 23 || zm > 59 {
		return time.Time{}, false
	}
	if ss == 60 {
		ss = 59 // a leap second, as Go's time package reads it
	}
	off := time.Duration(zh)*time.Hour + time.Duration(zm)*time.Minute
	if sign == '-' {
		off = -off
	}
	return time.Date(year, mon, day, hh, mm, ss, 0, time.UTC).Add(-off), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits reads a fixed-width decimal number.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func dash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

func normalizeAccess(rec siem.Record, ev *ecs.Event) error {
	ok, err := NormalizeAccessLine(rec.Data, ev)
	if !ok && err == nil {
		if errorStart.Match(rec.Data) {
			return errors.New("an NGINX error-log line, not an access-log line (route the container's stderr, or the error log, to the nginx-error type)")
		}
		return errNotAccess
	}
	if err == nil {
		setSource(rec, ev)
	}
	return err
}

// NormalizeAccessLine maps one NGINX access-log line onto ev: the
// combined format, optionally with a trailing quoted X-Forwarded-For, a
// leading host and a leading forwarded chain (see the package
// documentation for every field). It reports false, with no error and
// nothing set, when the line does not have the shape of an access-log
// line, so that a caller reading mixed container output can try other
// formats; true with an error when the line has that shape but a part is
// malformed (the caller dead-letters it). It sets no event.dataset: a
// caller whose type is not nginx-access keeps its own, and declares the
// nginx.access vendor fields (AccessVendor).
//
// An Apache combined line has the same shape and is read too.
func NormalizeAccessLine(line []byte, ev *ecs.Event) (bool, error) {
	line = bytes.TrimRight(line, "\r\n")
	var a accessLine
	if err := parseAccess(line, &a); err != nil {
		if err == errNotAccess {
			return false, nil
		}
		return true, err
	}
	a.set(ev)
	return true, nil
}

// set writes the line's fields, in path order.
func (a *accessLine) set(ev *ecs.Event) {
	var host hostPort
	if a.host != nil {
		host = splitHostPort(a.host)
	}
	peerIP, peerIsIP := parser.ParseAddrDropZone(a.peer)
	var req request
	unparsed := false
	if len(a.request) > 0 {
		req = parseRequest(a.request)
		unparsed = req.method == nil
	}
	ev.Date("@timestamp", a.time)
	if host.ip.IsValid() {
		ev.IP("destination.ip", host.ip)
	} else {
		ev.KeywordBytes("destination.domain", host.name)
	}
	if host.hasPort {
		ev.Long("destination.port", host.port)
	}
	ev.Keywords("event.category", "web")
	ev.Keyword("event.kind", "event")
	switch {
	case a.status >= 100 && a.status < 400:
		ev.Keyword("event.outcome", "success")
	case a.status >= 400 && a.status < 600:
		ev.Keyword("event.outcome", "failure")
	}
	ev.Keywords("event.type", "access")
	req.setHTTP(ev, a.referrer)
	if a.hasBytes {
		ev.Long("http.response.body.bytes", a.bodyBytes)
	}
	ev.Long("http.response.status_code", a.status)
	ev.KeywordBytes("http.version", req.version)
	ev.KeywordBytes("nginx.access.extra", a.extra)
	setRemoteList(ev, a)
	if unparsed {
		ev.KeywordBytes("nginx.access.request", a.request)
	}
	switch {
	case a.xff != nil && a.trailing != nil && !bytes.Equal(a.xff, a.trailing):
		ev.Keywords("nginx.access.x_forwarded_for", string(a.xff), string(a.trailing))
	case a.xff != nil:
		ev.KeywordBytes("nginx.access.x_forwarded_for", a.xff)
	default:
		ev.KeywordBytes("nginx.access.x_forwarded_for", a.trailing)
	}
	// related
	peerName := !peerIsIP && isHostName(a.peer)
	switch {
	case host.name != nil && peerName:
		ev.Keywords("related.hosts", string(host.name), string(a.peer))
	case host.name != nil:
		ev.Keywords("related.hosts", string(host.name))
	case peerName:
		ev.Keywords("related.hosts", string(a.peer))
	}
	var ipBuf [8]netip.Addr
	related := append(ipBuf[:0], peerIP, host.ip)
	related = appendChain(related, a.xff)
	related = appendChain(related, a.trailing)
	ev.IPs("related.ip", related...)
	if a.user != nil {
		ev.Keywords("related.user", string(a.user))
	}
	ev.KeywordBytes("source.address", a.peer)
	if peerName {
		ev.KeywordBytes("source.domain", a.peer)
	}
	ev.IP("source.ip", peerIP)
	if req.target != nil {
		req.setURL(ev, host)
	}
	ev.KeywordBytes("user.name", a.user)
	ev.KeywordBytes("user_agent.original", a.agent)
}

// setRemoteList sets nginx.access.remote_ip_list, Elastic's field: every
// entry of the address part (forwarded chain and peer), in order, as
// written.
func setRemoteList(ev *ecs.Event, a *accessLine) {
	var buf [8]string
	list := buf[:0]
	add := func(s []byte) {
		for len(s) > 0 {
			var e []byte
			if c := bytes.IndexAny(s, ", "); c >= 0 {
				e, s = s[:c], s[c+1:]
			} else {
				e, s = s, nil
			}
			e = bytes.Trim(e, `" `)
			if len(e) > 0 && !dash(e) {
				list = append(list, string(e))
			}
		}
	}
	add(a.xff)
	add(a.peer)
	if len(list) == 1 && a.xff == nil {
		ev.Keywords("nginx.access.remote_ip_list", list[0])
		return
	}
	ev.Keywords("nginx.access.remote_ip_list", list...)
}

// appendChain adds the addresses of an X-Forwarded-For value to ips
// (ev.IPs skips duplicates), so that an analyst searching related.ip for
// a client finds the requests a proxy forwarded for it, with or without
// the X-Forwarded-For enricher.
func appendChain(ips []netip.Addr, h []byte) []netip.Addr {
	for len(h) > 0 {
		var e []byte
		if c := bytes.IndexAny(h, ", "); c >= 0 {
			e, h = h[:c], h[c+1:]
		} else {
			e, h = h, nil
		}
		if ip, ok := parser.ParseAddrDropZone(bytes.Trim(e, `" `)); ok {
			ips = append(ips, ip)
		}
	}
	return ips
}

// isHostName reports whether b looks like a host name (not "unix:", a
// path or garbage): letters, digits, dots, hyphens and underscores.
func isHostName(b []byte) bool {
	if len(b) == 0 || len(b) > 253 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// hostPort is "$host[:port]" or an error log's host: "name:port".
type hostPort struct {
	name    []byte // a name (nil when ip is set)
	text    []byte // the host as written, without the port
	ip      netip.Addr
	port    int64
	hasPort bool
}

func splitHostPort(b []byte) hostPort {
	var h hostPort
	host := b
	switch {
	case len(b) > 0 && b[0] == '[':
		if i := bytes.IndexByte(b, ']'); i > 0 {
			host = b[1:i]
			if rest := b[i+1:]; len(rest) > 1 && rest[0] == ':' {
				h.port, h.hasPort = port(rest[1:])
			}
		}
	case bytes.Count(b, []byte(":")) == 1:
		i := bytes.IndexByte(b, ':')
		if p, ok := port(b[i+1:]); ok {
			host, h.port, h.hasPort = b[:i], p, true
		}
	}
	if !dash(host) {
		h.text = host
		if len(b) > 0 && b[0] == '[' && len(host) < len(b) {
			h.text = b[:len(host)+2]
		}
	}
	if ip, ok := parser.ParseAddrDropZone(host); ok {
		h.ip = ip
	} else if len(host) > 0 && !dash(host) {
		h.name = host
	}
	return h
}

func port(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 5 {
		return 0, false
	}
	n, ok := digits(b)
	if !ok || n > 65535 {
		return 0, false
	}
	return int64(n), true
}
