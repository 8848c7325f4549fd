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

// accessLine is one access log line cut into its parts. Every byte slice
// aliases the line; nil means absent (Apache's "-" is read as absent).
type accessLine struct {
	vhost, vport     []byte // vhost_combined's %v:%p
	xff              []byte // a leading X-Forwarded-For header
	host             []byte // %h
	ident, user      []byte // %l, %u
	time             time.Time
	proto, cipher    []byte // the SSL request log's %{SSL_PROTOCOL}x %{SSL_CIPHER}x
	request          []byte // %r as logged, escapes kept
	status           int    // %>s, 0 when absent
	bodyBytes        int64  // %b or %O
	hasBytes         bool
	referrer, agent  []byte
	in, out          int64 // combinedio's %I %O
	hasIO            bool
	trailing         []byte // what follows the known fields, as logged
	addr             netip.Addr
	vaddr            netip.Addr // vhost as an address
	ssl              bool       // the SSL request log's layout
	hostIsAddr, vIsA bool
}

// errNotAccess is returned by parseAccess for a line that does not have
// the shape of an access line at all.
var errNotAccess = errors.New("apache access line: not in an access log format: no [dd/Mon/yyyy:hh:mm:ss +zzzz] time followed by a quoted request")

// NormalizeAccessLine maps one Apache access log line onto ev, for a log
// type that finds such lines inside other records (a FireLens container
// log type, say). It returns false, and leaves ev untouched, when the
// line does not have the shape of an access line (no CLF time followed by
// a quoted request); true with a nil error when it mapped the line; and
// true with an error when the line has the shape but a part of it is
// broken (then ev is untouched too, and the caller dead-letters the
// record). It sets the fields doc.go lists, event.kind, category, type and
// outcome included, but not event.dataset or event.module, which are the
// caller's.
func NormalizeAccessLine(line []byte, ev *ecs.Event) (bool, error) {
	var a accessLine
	if err := a.parse(line); err != nil {
		if err == errNotAccess {
			return false, nil
		}
		return true, err
	}
	a.write(ev, "")
	return true, nil
}

func normalizeAccess(line []byte, ev *ecs.Event, extraHost string) error {
	var a accessLine
	if err := a.parse(line); err != nil {
		return err
	}
	a.write(ev, extraHost)
	return nil
}

// parse cuts line. See doc.go for the layouts read.
func (a *accessLine) parse(line []byte) error {
	line = bytes.TrimRight(line, " \t\r")
	if len(line) > 0 && line[0] == '[' {
		return a.parseSSL(line)
	}
	ts := findCLFTime(line)
	if ts < 0 {
		return errNotAccess
	}
	t, ok := parseCLFTime(line[ts+1 : ts+1+clfTimeLen])
	if !ok {
		return fmt.Errorf("apache access line: bad time [%s]: want dd/Mon/yyyy:hh:mm:ss +zzzz", line[ts+1:ts+1+clfTimeLen])
	}
	a.time = t
	rest := line[ts+1+clfTimeLen+1:]
	if len(rest) < 2 || rest[0] != ' ' || rest[1] != '"' {
		return errNotAccess
	}
	if err := a.prefix(line[:ts]); err != nil {
		return err
	}
	return a.tail(rest[1:])
}

// prefix reads what precedes the time: [vhost[:port]] [XFF] %h %l %u.
func (a *accessLine) prefix(p []byte) error {
	// The last three words are %h %l %u; what comes before them is a
	// virtual host, an X-Forwarded-For header, or both in that order.
	var words [3][]byte
	end := len(p)
	for i := 2; i >= 0; i-- {
		for end > 0 && p[end-1] == ' ' {
			end--
		}
		start := bytes.LastIndexByte(p[:end], ' ') + 1
		if start == end {
			return fmt.Errorf("apache access line: %d words before the time, want at least 3 (%%h %%l %%u)", 2-i)
		}
		words[i] = p[start:end]
		end = start
	}
	a.host, a.ident, a.user = dashless(words[0]), dashless(words[1]), dashless(words[2])
	if a.addr, a.hostIsAddr = parser.ParseAddrDropZone(a.host); a.hostIsAddr {
		a.addr = a.addr.Unmap()
	}
	lead := bytes.Trim(p[:end], " ")
	if len(lead) == 0 {
		return nil
	}
	first := lead
	if sp := bytes.IndexByte(lead, ' '); sp >= 0 {
		first = lead[:sp]
	}
	if isVhost(first) {
		a.vhost = first
		if i := bytes.LastIndexByte(first, ':'); i > 0 && isDigits(first[i+1:]) && first[i-1] != ':' {
			a.vhost, a.vport = first[:i], first[i+1:]
		}
		if len(a.vhost) > 1 && a.vhost[0] == '[' && a.vhost[len(a.vhost)-1] == ']' {
			a.vhost = a.vhost[1 : len(a.vhost)-1]
		}
		if a.vaddr, a.vIsA = parser.ParseAddr(a.vhost); a.vIsA {
			a.vaddr = a.vaddr.Unmap()
		}
		lead = bytes.TrimLeft(lead[len(first):], " ")
	}
	a.xff = dashless(lead)
	return nil
}

// isVhost reports whether the first word before %h is a virtual host
// (host name, or address with a port) rather than an X-Forwarded-For
// entry (an address, a comma list, "-").
func isVhost(w []byte) bool {
	if isDash(w) || bytes.IndexByte(w, ',') >= 0 || bytes.EqualFold(w, []byte("unknown")) {
		return false
	}
	if _, ok := parser.ParseAddrDropZone(w); ok {
		return false
	}
	for _, c := range w {
		if c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' || c == '-' || c == '_' || c == '[' {
			return true
		}
	}
	// Digits, dots and colons: an IPv4 address with a port is a vhost,
	// anything else an address list entry.
	i := bytes.LastIndexByte(w, ':')
	if i <= 0 || !isDigits(w[i+1:]) {
		return false
	}
	_, ok := parser.ParseAddr(w[:i])
	return ok
}

// tail reads from the opening quote of the request to the end.
func (a *accessLine) tail(b []byte) error {
	req, _, rest, err := nextField(b)
	if err != nil {
		return fmt.Errorf("apache access line: request: %v", err)
	}
	a.request = req
	status, _, rest, err := nextField(rest)
	if err != nil || status == nil {
		return errors.New("apache access line: no status after the request")
	}
	if len(status) != 3 || !isDigits(status) {
		return fmt.Errorf("apache access line: status %q is not a three-digit HTTP status code", status)
	}
	a.status = int(status[0]-'0')*100 + int(status[1]-'0')*10 + int(status[2]-'0')
	size, _, rest, err := nextField(rest)
	if err != nil || size == nil {
		return errors.New("apache access line: no size after the status")
	}
	if err := a.setBytes(size); err != nil {
		return err
	}
	// "referrer" "user agent"
	if f1, q1, r1, err := nextField(rest); err == nil && q1 {
		if f2, q2, r2, err := nextField(r1); err == nil && q2 {
			a.referrer, a.agent, rest = dashless(f1), dashless(f2), r2
		}
	}
	// %I %O
	if f1, q1, r1, err := nextField(rest); err == nil && !q1 && isDigits(f1) {
		if f2, q2, r2, err := nextField(r1); err == nil && !q2 && isDigits(f2) {
			in, ok1 := parser.ParseUint(f1)
			out, ok2 := parser.ParseUint(f2)
			if ok1 && ok2 && in <= 1<<62 && out <= 1<<62 {
				a.in, a.out, a.hasIO, rest = int64(in), int64(out), true, r2
			}
		}
	}
	rest = bytes.TrimLeft(rest, " ")
	if string(rest) != `"-"` && !isDash(rest) && len(rest) > 0 {
		a.trailing = rest
	}
	return nil
}

func (a *accessLine) setBytes(size []byte) error {
	if isDash(size) {
		// %b writes "-" for no bytes.
		a.hasBytes = true
		return nil
	}
	n, ok := parser.ParseUint(size)
	if !ok || n > 1<<62 {
		return fmt.Errorf("apache access line: size %q is not a number of bytes", size)
	}
	a.bodyBytes, a.hasBytes = int64(n), true
	return nil
}

// parseSSL reads mod_ssl's request log:
// [time] %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b
func (a *accessLine) parseSSL(line []byte) error {
	if len(line) < clfTimeLen+2 || line[clfTimeLen+1] != ']' {
		return errNotAccess
	}
	t, ok := parseCLFTime(line[1 : 1+clfTimeLen])
	if !ok {
		return errNotAccess
	}
	a.time, a.ssl = t, true
	b := line[clfTimeLen+2:]
	var words [3][]byte
	for i := range words {
		f, q, rest, err := nextField(b)
		if err != nil || q || f == nil {
			return errors.New("apache SSL request log line: want [time] client protocol cipher \"request\" size")
		}
		words[i], b = f, rest
	}
	a.host, a.proto, a.cipher = dashless(words[0]), dashless(words[1]), dashless(words[2])
	if a.addr, a.hostIsAddr = parser.ParseAddrDropZone(a.host); a.hostIsAddr {
		a.addr = a.addr.Unmap()
	}
	req, q, rest, err := nextField(b)
	if err != nil || !q {
		return errors.New("apache SSL request log line: no quoted request after the cipher")
	}
	a.request = req
	size, _, rest, err := nextField(rest)
	if err != nil || size == nil {
		return errors.New("apache SSL request log line: no size after the request")
	}
	if err := a.setBytes(size); err != nil {
		return err
	}
	if rest = bytes.TrimLeft(rest, " "); len(rest) > 0 {
		a.trailing = rest
	}
	return nil
}

// nextField returns the next space-separated field of b, without the
// quotes of a quoted one (whose backslash escapes are kept), and what
// follows it. A nil field with a nil error means b held no more fields.
func nextField(b []byte) (f []byte, quoted bool, rest []byte, err error) {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	if len(b) == 0 {
		return nil, false, nil, nil
	}
	if b[0] != '"' {
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			return b, false, nil, nil
		}
		return b[:i], false, b[i:], nil
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			if i+1 < len(b) && b[i+1] != ' ' {
				return nil, true, nil, fmt.Errorf("closing quote at byte %d is followed by %q, not a space", i, b[i+1])
			}
			return b[1:i], true, b[i+1:], nil
		}
	}
	return nil, true, nil, errors.New("quoted field has no closing quote")
}

// write maps the parsed line onto ev; extraHost, when set, is added to
// related.hosts.
func (a *accessLine) write(ev *ecs.Event, extraHost string) {
	ev.Date("@timestamp", a.time)
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "web")
	ev.Keywords("event.type", "access")
	if a.status > 0 {
		ev.Long("http.response.status_code", int64(a.status))
		if a.status < 400 {
			ev.Keyword("event.outcome", "success")
		} else {
			ev.Keyword("event.outcome", "failure")
		}
	}
	if a.hasBytes {
		ev.Long("http.response.body.bytes", a.bodyBytes)
	}
	if a.hasIO {
		ev.Long("http.request.bytes", a.in)
		ev.Long("http.response.bytes", a.out)
	}
	ev.KeywordBytes("http.request.referrer", unescape(a.referrer))
	ev.KeywordBytes("user_agent.original", unescape(a.agent))
	ev.KeywordBytes("user.name", unescape(a.user))
	ev.KeywordBytes("apache.access.identity", unescape(a.ident))
	ev.KeywordBytes("apache.access.x_forwarded_for", a.xff)
	ev.KeywordBytes("apache.access.trailing", a.trailing)

	ev.KeywordBytes("source.address", a.host)
	var ips [8]netip.Addr
	related := ips[:0]
	if a.hostIsAddr {
		ev.IP("source.ip", a.addr)
		related = append(related, a.addr)
	} else if a.host != nil {
		ev.KeywordBytes("source.domain", a.host)
	}
	if a.vhost != nil {
		if a.vIsA {
			ev.IP("destination.ip", a.vaddr)
			ev.KeywordBytes("destination.address", a.vhost)
			related = appendUnique(related, a.vaddr)
		} else {
			ev.KeywordBytes("destination.domain", a.vhost)
		}
		if p, ok := parser.ParseUint(a.vport); ok && p <= 65535 {
			ev.Long("destination.port", int64(p))
		}
	}
	related = appendXFF(related, a.xff)
	if len(related) > 0 {
		ev.IPs("related.ip", related...)
	}
	var host, vhost string
	if !a.hostIsAddr && a.host != nil {
		host = string(a.host)
	}
	if a.vhost != nil && !a.vIsA {
		vhost = string(a.vhost)
	}
	if host != "" || vhost != "" || extraHost != "" {
		ev.Keywords("related.hosts", host, vhost, extraHost)
	}
	if a.user != nil {
		ev.Keywords("related.user", string(unescape(a.user)))
	}
	if a.ssl {
		ev.KeywordBytes("tls.cipher", a.cipher)
		setTLSVersion(ev, a.proto)
	}
	writeRequest(ev, a.request, a.vhost)
}

// setTLSVersion maps mod_ssl's SSL_PROTOCOL (TLSv1.2, TLSv1, SSLv3) to
// tls.version and tls.version_protocol.
func setTLSVersion(ev *ecs.Event, p []byte) {
	switch {
	case bytes.HasPrefix(p, []byte("TLSv")):
		v := p[len("TLSv"):]
		if len(v) == 1 {
			v = append(v[:1:1], '.', '0')
		}
		ev.KeywordBytes("tls.version", v)
		ev.Keyword("tls.version_protocol", "tls")
	case bytes.HasPrefix(p, []byte("SSLv")):
		ev.KeywordBytes("tls.version", append(p[len("SSLv"):len(p):len(p)], ".0"...))
		ev.Keyword("tls.version_protocol", "ssl")
	default:
		ev.KeywordBytes("apache.access.ssl.protocol", p)
	}
}

// appendXFF adds the addresses of an X-Forwarded-For header to ips,
// skipping what is not an address and what is there already.
func appendXFF(ips []netip.Addr, h []byte) []netip.Addr {
	for len(h) > 0 {
		i := bytes.IndexAny(h, ", ")
		var w []byte
		if i < 0 {
			w, h = h, nil
		} else {
			w, h = h[:i], h[i+1:]
		}
		if ip, ok := parser.ParseAddr(w); ok {
			ips = appendUnique(ips, ip.Unmap())
		}
	}
	return ips
}

func appendUnique(ips []netip.Addr, ip netip.Addr) []netip.Addr {
	for _, x := range ips {
		if x == ip {
			return ips
		}
	}
	return append(ips, ip)
}

// clfTimeLen is the length of "26/Dec/2016:16:16:29 +0200".
const clfTimeLen = 26

// findCLFTime returns the index of the '[' that opens the %t time, -1
// when the line has none.
func findCLFTime(line []byte) int {
	from := 0
	for {
		i := bytes.Index(line[from:], []byte(" ["))
		if i < 0 {
			return -1
		}
		i += from + 1
		if len(line) >= i+1+clfTimeLen+1 && line[i+1+clfTimeLen] == ']' && looksCLF(line[i+1:i+1+clfTimeLen]) {
			return i
		}
		from = i
	}
}

// looksCLF checks the punctuation of dd/Mon/yyyy:hh:mm:ss +zzzz.
func looksCLF(b []byte) bool {
	return b[2] == '/' && b[6] == '/' && b[11] == ':' && b[14] == ':' && b[17] == ':' && b[20] == ' ' && (b[21] == '+' || b[21] == '-')
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func monthOf(b []byte) time.Month {
	for i, m := range months {
		if string(b) == m {
			return time.Month(i + 1)
		}
	}
	return 0
}

// parseCLFTime reads "26/Dec/2016:16:16:29 +0200" into UTC.
func parseCLFTime(b []byte) (time.Time, bool) {
	if len(b) != clfTimeLen || !looksCLF(b) {
		return time.Time{}, false
	}
	num := func(s []byte) int {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	day, mon, year := num(b[0:2]), monthOf(b[3:6]), num(b[7:11])
	hh, mm, ss := num(b[12:14]), num(b[15:17]), num(b[18:20])
	zh, zm := num(b[22:24]), num(b[24:26])
	if day < 1 || mon == 0 || year < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || zh < 0 || zh > 23 || zm < 0 || zm > 59 {
		return time.Time{}, false
	}
	if day > daysIn(mon, year) {
		return time.Time{}, false
	}
	t := time.Date(year, mon, day, hh, mm, ss, 0, time.UTC)
	off := time.Duration(zh)*time.Hour + time.Duration(zm)*time.Minute
	if b[21] == '+' {
		off = -off
	}
	return t.Add(off), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

// dashless returns b, or nil when b is empty or Apache's "-".
func dashless(b []byte) []byte {
	if len(b) == 0 || isDash(b) {
		return nil
	}
	return b
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
