package elb

import (
	"bytes"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// FieldError reports a field of an access log entry that does not have its
// documented form. The record is dead-lettered with this error as reason.
type FieldError struct {
	// Type is the log type name: "alb", "nlb" or "clb".
	Type string
	// Column is the 1-based position of the field in the entry.
	Column int
	// Field is the field's name in the AWS documentation, e.g. "client:port".
	Field string
	// Value is the field as found, cut to 128 bytes.
	Value string
	// Reason says what is wrong and what was expected.
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s access log entry: field %d (%s) = %q: %s", e.Type, e.Column, e.Field, e.Value, e.Reason)
}

const maxErrorValue = 128

// kind identifies the log type of an entry, indexing kinds. An entry holds
// this index rather than the names themselves so that nothing it points to
// reaches an error value: escape analysis does not tell struct fields
// apart, and the field slice would otherwise move to the heap.
type kind int

const (
	kindALB kind = iota
	kindNLB
	kindCLB
)

var kinds = [...]struct {
	name, upper string
	fields      []string
}{
	kindALB: {"alb", "ALB", albNames},
	kindNLB: {"nlb", "NLB", nlbNames},
	kindCLB: {"clb", "CLB", clbNames},
}

// entry is one access log line cut into fields. It lives on the
// normalizer's stack, fields too.
type entry struct {
	kind   kind
	fields [][]byte
	// line is the entry as read and starts the offset in it of each
	// field; plain has bit i set when field i is proven to need no JSON
	// escaping (see splitLine).
	line   []byte
	starts []int32
	plain  uint64
}

// err builds the FieldError for field col (0-based).
func (e *entry) err(col int, reason string) error {
	return fieldError(e.kind, col, e.fields[col], reason)
}

func fieldError(k kind, col int, v []byte, reason string) error {
	name := "unnamed trailing field"
	if names := kinds[k].fields; col < len(names) {
		name = names[col]
	}
	return &FieldError{Type: kinds[k].name, Column: col + 1, Field: name, Value: cut(v), Reason: reason}
}

// value returns field col, or nil when the entry is shorter or the field
// holds the "-" AWS writes for an absent value.
func (e *entry) value(col int) []byte {
	if col >= len(e.fields) {
		return nil
	}
	v := e.fields[col]
	if absent(v) {
		return nil
	}
	return v
}

func absent(v []byte) bool { return len(v) == 0 || len(v) == 1 && v[0] == '-' }

// time parses field col as an ISO 8601 time, which every ELB time field is.
func (e *entry) time(col int) (time.Time, error) {
	t, ok := parseTime(e.fields[col])
	if !ok {
		return time.Time{}, e.err(col, "not an ISO 8601 UTC time such as 2026-11-27T10:05:00.123456Z")
	}
	if t.IsZero() {
		// 0001-01-01T00:00:00 is Go's "no time"; an event dated there
		// would have no @timestamp.
		return time.Time{}, e.err(col, "the zero time 0001-01-01T00:00:00 is not a real access time")
	}
	return t, nil
}

// endpoint is an "ip:port" field.
type endpoint struct {
	ip         netip.Addr
	host, port []byte
	portNum    int
	// plainHost reports that host needs no JSON escaping.
	plainHost bool
}

// endpoint parses field col as ip:port. An absent field gives the zero
// endpoint, whose ip is not valid.
func (e *entry) endpoint(col int) (endpoint, error) {
	v := e.value(col)
	if v == nil {
		return endpoint{}, nil
	}
	host, port, ok := splitHostPort(v)
	if !ok {
		return endpoint{}, e.err(col, "not an ip:port pair")
	}
	// An address ParseAddr takes whole is digits, hex, dots and colons,
	// which need no JSON escaping; only a zone, which ParseAddrDropZone
	// also takes, could hold anything.
	ip, plain := parser.ParseAddr(host)
	if !plain {
		var ok bool
		if ip, ok = parser.ParseAddrDropZone(host); !ok {
			return endpoint{}, e.err(col, "the address part is not an IP address")
		}
	}
	n, ok := parsePort(port)
	if !ok {
		return endpoint{}, e.err(col, "the port part is not a number from 0 to 65535")
	}
	return endpoint{ip: ip, host: host, port: port, portNum: n, plainHost: plain}, nil
}

// set sets the endpoint's ip and port, and its address when addressPath
// is not empty. A zero endpoint sets nothing.
func (p *endpoint) set(ev *ecs.Event, addressPath, ipPath, portPath string) {
	if !p.ip.IsValid() {
		return
	}
	switch {
	case addressPath == "":
	case p.plainHost:
		ev.KeywordPlainBytes(addressPath, p.host)
	default:
		ev.KeywordBytes(addressPath, p.host)
	}
	p.setIP(ev, ipPath)
	if text := canonical(p.port); text != nil {
		ev.RawJSON(portPath, text) // parsePort checked its digits
	} else {
		ev.Long(portPath, int64(p.portNum))
	}
}

// setIP sets the endpoint's address as an ip field. An IPv4 address that
// ParseAddr took whole was written as a dotted quad without leading
// zeros, which is exactly how netip formats it: the text is copied rather
// than formatted again.
func (p *endpoint) setIP(ev *ecs.Event, path string) {
	if p.plainHost && p.ip.Is4() {
		ev.KeywordPlainBytes(path, p.host)
	} else {
		ev.IP(path, p.ip)
	}
}

// setBackend sets the endpoint as aws.elb.backend, where Elastic keeps the
// target of ALB and the back end of CLB, with the port as a keyword.
func (p *endpoint) setBackend(ev *ecs.Event) {
	if !p.ip.IsValid() {
		return
	}
	p.setIP(ev, "aws.elb.backend.ip")
	ev.KeywordPlainBytes("aws.elb.backend.port", p.port) // parsePort proved it digits
}

// lastValue appends to dst the value just encoded for path, to set it
// again under another path: event.end repeats @timestamp, and copying the
// encoded JSON is cheaper than formatting the time a second time. Called
// right after path was set, Lookup finds it at once; later it would search
// the whole event. It returns nil when path is not set.
func lastValue(dst []byte, ev *ecs.Event, path string) []byte {
	v, ok := ev.Lookup(path)
	if !ok {
		return nil
	}
	return append(dst, v...)
}

// splitEntry cuts an entry into its fields; starts must be as long as
// buf's capacity.
func splitEntry(k kind, line []byte, buf [][]byte, starts []int32) (entry, error) {
	fields, plain, err := splitLine(line, buf, starts)
	if err != nil {
		return entry{}, splitError(k, err)
	}
	return entry{kind: k, fields: fields, line: line, starts: starts, plain: plain}, nil
}

// atLeast reports an entry with fewer than n fields.
func (e *entry) atLeast(n int) error {
	if len(e.fields) < n {
		return tooFew(e.kind, len(e.fields), n)
	}
	return nil
}

// access holds the fields ALB and CLB entries share, which they write in
// the same order: ALB after its leading request type, CLB from the start.
type access struct {
	end                   time.Time
	client, backend       endpoint
	times                 [3]optFloat // request, backend (target), response processing
	status, backendStatus optInt
	received, sent        optInt
	req                   request
	cipher, protocol      []byte
	tlsv                  tlsVersion
	hasTLSVersion         bool
}

// The shared fields, relative to the column of the time.
const (
	accessTime              = 0
	accessClient            = 2
	accessBackend           = 3
	accessProcessingTimes   = 4 // request, backend, response: three columns
	accessELBStatusCode     = 7
	accessBackendStatusCode = 8
	accessReceivedBytes     = 9
	accessSentBytes         = 10
	accessRequest           = 11
	accessSSLCipher         = 13
	accessSSLProtocol       = 14
)

// Both layouts must line up with the shared one; these fail to compile
// otherwise.
var (
	_ = [1]struct{}{}[albSSLProtocol-albTime-accessSSLProtocol]
	_ = [1]struct{}{}[clbSSLProtocol-clbTime-accessSSLProtocol]
	_ = [1]struct{}{}[albResponseProcessingTime-albTime-accessProcessingTimes-2]
	_ = [1]struct{}{}[clbResponseProcessingTime-clbTime-accessProcessingTimes-2]
	_ = [1]struct{}{}[albRequest-albTime-accessRequest]
	_ = [1]struct{}{}[clbRequest-clbTime-accessRequest]
)

// parse reads the shared fields of e, whose time is in column base.
func (a *access) parse(e *entry, base int) error {
	var err error
	if a.end, err = e.time(base + accessTime); err != nil {
		return err
	}
	if a.client, err = e.endpoint(base + accessClient); err != nil {
		return err
	}
	if a.backend, err = e.endpoint(base + accessBackend); err != nil {
		return err
	}
	for i := range a.times {
		if a.times[i], err = e.seconds(base + accessProcessingTimes + i); err != nil {
			return err
		}
	}
	if a.status, err = e.status(base + accessELBStatusCode); err != nil {
		return err
	}
	if a.backendStatus, err = e.status(base + accessBackendStatusCode); err != nil {
		return err
	}
	if a.received, err = e.count(base + accessReceivedBytes); err != nil {
		return err
	}
	if a.sent, err = e.count(base + accessSentBytes); err != nil {
		return err
	}
	a.req = parseRequest(e.value(base + accessRequest))
	a.req.plain = e.isPlain(base + accessRequest)
	a.cipher, a.protocol = e.value(base+accessSSLCipher), e.value(base+accessSSLProtocol)
	a.tlsv, a.hasTLSVersion = parseTLSVersion(a.protocol)
	return nil
}

// optional numbers: ok is false when the field was absent.
type (
	optInt struct {
		v  int64
		ok bool
		// text is the number as written when that is how JSON writes
		// it (digits, no leading zero), nil otherwise.
		text []byte
	}
	optFloat struct {
		v  float64
		ok bool
	}
)

// setInt sets an optional number. Most numbers of an entry are written
// canonically, and copying their text is cheaper than formatting them.
func setInt(ev *ecs.Event, path string, n optInt) {
	switch {
	case n.text != nil:
		ev.RawJSON(path, n.text)
	case n.ok:
		ev.Long(path, n.v)
	}
}

// canonical returns v when it is the decimal form strconv would write for
// the number parsed from it, digits without a leading zero, or nil.
func canonical(v []byte) []byte {
	if len(v) == 0 || len(v) > 1 && v[0] == '0' {
		return nil
	}
	return v
}

func setFloat(ev *ecs.Event, path string, f optFloat) {
	if f.ok {
		ev.Double(path, f.v)
	}
}

// seconds parses a processing time in seconds. AWS writes -1 when the
// request could not be dispatched or answered; like Elastic, such a time
// is left out rather than indexed as a negative duration.
func (e *entry) seconds(col int) (optFloat, error) {
	v := e.value(col)
	if v == nil || string(v) == "-1" {
		return optFloat{}, nil
	}
	f, ok := parseSeconds(v)
	if !ok {
		return optFloat{}, e.err(col, "not a number of seconds or -1")
	}
	return optFloat{f, true}, nil
}

// count parses a non-negative integer field (bytes, milliseconds).
func (e *entry) count(col int) (optInt, error) {
	v := e.value(col)
	if v == nil {
		return optInt{}, nil
	}
	n, ok := parseCount(v)
	if !ok {
		return optInt{}, e.err(col, "not a non-negative integer")
	}
	return optInt{n, true, canonical(v)}, nil
}

// status parses an HTTP status code.
func (e *entry) status(col int) (optInt, error) {
	v := e.value(col)
	if v == nil {
		return optInt{}, nil
	}
	n, ok := parseCount(v)
	if !ok || len(v) > 3 {
		return optInt{}, e.err(col, "not an HTTP status code")
	}
	return optInt{n, true, canonical(v)}, nil
}

// splitHostPort cuts "ip:port", "[ipv6]:port" or the unbracketed
// "ipv6:port" that load balancers write, splitting at the last colon.
func splitHostPort(v []byte) (host, port []byte, ok bool) {
	if len(v) > 0 && v[0] == '[' {
		end := bytes.IndexByte(v, ']')
		if end < 0 || end+1 >= len(v) || v[end+1] != ':' {
			return nil, nil, false
		}
		return v[1:end], v[end+2:], true
	}
	i := bytes.LastIndexByte(v, ':')
	if i <= 0 {
		return nil, nil, false
	}
	return v[:i], v[i+1:], true
}

func parsePort(b []byte) (int, bool) {
	n, ok := parser.ParseUint(b)
	return int(n), ok && n <= 65535
}

// parseCount parses a non-negative decimal integer that fits an int64.
func parseCount(b []byte) (int64, bool) {
	n, ok := parser.ParseUint(b)
	return int64(n), ok && n <= math.MaxInt64
}

// parseSeconds parses a non-negative decimal such as "0.000043". The
// digits become an integer divided by a power of ten: both are exact in a
// float64 up to 15 digits, so the one division rounds correctly, as
// strconv would, without its cost.
func parseSeconds(b []byte) (float64, bool) {
	var mant int64
	digits, frac := 0, -1
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + int64(c-'0')
			digits++
		case c == '.' && frac < 0 && i > 0:
			frac = digits
		default:
			return 0, false
		}
	}
	if digits == 0 || frac == digits {
		return 0, false
	}
	if digits > 15 {
		f, err := strconv.ParseFloat(string(b), 64)
		return f, err == nil
	}
	if frac < 0 {
		return float64(mant), true
	}
	return float64(mant) / pow10[digits-frac], true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseTime parses the ISO 8601 times of ELB logs:
// 2018-07-02T22:23:00.186641Z (ALB, CLB) and 2018-12-20T02:59:40 (NLB,
// UTC without a zone designator). A numeric offset is accepted too, and a
// leap second (:60) is the start of the next second, as in
// parser.ParseRFC3339.
//
// ALB entries carry two times, and this was a tenth of their cost with
// the general tools (a parse per number, time.Date to find the length of
// the month, a division per fractional digit): digits are read in pairs,
// month lengths come from a table and the fraction is scaled once.
func parseTime(b []byte) (time.Time, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	century, ok0 := digits2(b[0], b[1])
	yy, ok1 := digits2(b[2], b[3])
	month, ok2 := digits2(b[5], b[6])
	day, ok3 := digits2(b[8], b[9])
	hour, ok4 := digits2(b[11], b[12])
	minute, ok5 := digits2(b[14], b[15])
	sec, ok6 := digits2(b[17], b[18])
	year := century*100 + yy
	if !(ok0 && ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false
	}
	rest := b[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			if i <= 9 {
				nsec = nsec*10 + int(rest[i]-'0')
			}
		}
		if i == 1 || i > 10 {
			return time.Time{}, false
		}
		nsec *= nanoScale[i-1]
		rest = rest[i:]
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	switch {
	case len(rest) == 0 || len(rest) == 1 && rest[0] == 'Z':
		return t, true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := digits2(rest[1], rest[2])
		om, ok2 := digits2(rest[4], rest[5])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off := time.Duration(oh)*time.Hour + time.Duration(om)*time.Minute
		if rest[0] == '+' {
			off = -off
		}
		return t.Add(off), true
	}
	return time.Time{}, false
}

// nanoScale[n] turns a fraction of n digits into nanoseconds.
var nanoScale = [10]int{1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1}

// digits2 reads the two-digit number hi lo, such as a time's month.
func digits2(hi, lo byte) (int, bool) {
	h, l := hi-'0', lo-'0' // bytes wrap: anything but a digit is above 9
	return int(h)*10 + int(l), h <= 9 && l <= 9
}

// daysIn returns the length of month m (1-12) of a proleptic Gregorian
// year, as time.Date counts them.
func daysIn(m, year int) int {
	if m == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 29
	}
	return monthDays[m]
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// tlsVersion holds the ECS form of a protocol such as "TLSv1.2" (ALB,
// CLB) or "tlsv12" (NLB): version "1.2", protocol "tls".
type tlsVersion struct {
	version, protocol [8]byte
	nv, np            int
}

// parseTLSVersion reads a protocol; ok is false for a form it does not know.
func parseTLSVersion(p []byte) (t tlsVersion, ok bool) {
	v := bytes.IndexAny(p, "vV")
	if v <= 0 || v == len(p)-1 || v > len(t.protocol) || len(p)-v-1 > len(t.version)-2 {
		return t, false
	}
	for _, c := range p[:v] {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		t.protocol[t.np] = c
		t.np++
	}
	ver := p[v+1:]
	for _, c := range ver {
		if (c < '0' || c > '9') && c != '.' {
			return t, false
		}
	}
	// "1.2" stays as it is; "12" becomes "1.2" and a bare "1" or "3"
	// becomes "1.0" or "3.0", so that both spellings index alike.
	out := t.version[:0]
	switch {
	case bytes.IndexByte(ver, '.') >= 0:
		out = append(out, ver...)
	case len(ver) == 1:
		out = append(out, ver[0], '.', '0')
	default:
		out = append(out, ver[0], '.')
		out = append(out, ver[1:]...)
	}
	t.nv = len(out)
	return t, true
}

func (t *tlsVersion) set(ev *ecs.Event) {
	ev.KeywordBytes("tls.version", t.version[:t.nv])
	ev.KeywordBytes("tls.version_protocol", t.protocol[:t.np])
}

// appendList appends the sep-separated items of v as a JSON array of
// strings, leaving out empty items and trimming the bytes in trim from
// each. A "-" item stays: in the target lists of ALB it keeps a target and
// its status code at the same position. It returns dst unchanged when no
// item remains.
//
// Items needing no JSON escape are appended as they are, which keeps a
// caller's stack buffer on the stack; only when an item needs escaping is
// ok false, and the caller builds the list with appendListEscaped.
func appendList(dst, v []byte, sep byte, trim string) (list []byte, ok bool) {
	start := len(dst)
	dst = append(dst, '[')
	n := 0
	for len(v) > 0 {
		item := v
		if i := bytes.IndexByte(v, sep); i >= 0 {
			item, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		if trim != "" {
			item = bytes.Trim(item, trim)
		}
		if len(item) == 0 {
			continue
		}
		for _, c := range item {
			if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return dst[:start], false
			}
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = append(dst, item...)
		dst = append(dst, '"')
		n++
	}
	if n == 0 {
		return dst[:start], true
	}
	return append(dst, ']'), true
}

// appendListEscaped is appendList for items that need JSON escapes.
func appendListEscaped(dst, v []byte, sep byte, trim string) []byte {
	start := len(dst)
	dst = append(dst, '[')
	n := 0
	for len(v) > 0 {
		item := v
		if i := bytes.IndexByte(v, sep); i >= 0 {
			item, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		if trim != "" {
			item = bytes.Trim(item, trim)
		}
		if len(item) == 0 {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = ecs.AppendStringBytes(dst, item)
		n++
	}
	if n == 0 {
		return dst[:start]
	}
	return append(dst, ']')
}

// setList sets path to the sep-separated items of v as a keyword array.
func setList(ev *ecs.Event, path string, v []byte, sep byte, trim string) {
	if v == nil {
		return
	}
	var buf [256]byte
	list, ok := appendList(buf[:0], v, sep, trim)
	if !ok {
		list = appendListEscaped(nil, v, sep, trim)
	}
	ev.RawJSON(path, list)
}

func cut(b []byte) string {
	if len(b) > maxErrorValue {
		b = b[:maxErrorValue]
	}
	return string(b)
}
