package cloudfront

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// entry holds the fields of one record by column; nil when absent or
// "-".
type entry struct {
	v    [numColumns][]byte
	plan *plan
	o    *objectReader
}

// errorf reports a field that cannot be read. A value that does not
// parse means the columns are not what the field list says (or the
// line was damaged), so the whole record is dead-lettered rather than
// mapped wrongly.
func (e *entry) errorf(c column, reason string) error {
	return fmt.Errorf("%s: field %s = %q: %s", e.o.what(), e.plan.names[c], clip(e.v[c]), reason)
}

func clip(b []byte) []byte {
	if len(b) > 64 {
		return append(bytes.Clone(b[:61]), "..."...)
	}
	return b
}

// normalize maps the fields of one record, separated by sep and named by
// p, onto ev. Everything that can fail is parsed before anything is set.
func normalize(fields [][]byte, sep byte, p *plan, o *objectReader, ev *ecs.Event) error {
	e := entry{plan: p, o: o}
	n := min(len(fields), p.n)
	for i, f := range fields[:n] {
		if c := p.cols[i]; c != colUnknown && !w3c.IsEmpty(f) {
			e.v[c] = f
		}
	}
	v := &e.v

	// Time.
	var ts time.Time
	switch {
	case v[colDate] != nil && v[colTime] != nil:
		t, ok := parseDateTime(v[colDate], v[colTime])
		if !ok {
			return fmt.Errorf("%s: fields date = %q and time = %q: not a date (YYYY-MM-DD) and a time (hh:mm:ss[.fff]) in UTC", o.what(), clip(v[colDate]), clip(v[colTime]))
		}
		ts = t
	case v[colTimestamp] != nil:
		ns, ok := parseSeconds(v[colTimestamp])
		if !ok {
			return e.errorf(colTimestamp, "not epoch seconds with a fraction (1764237612.345)")
		}
		ts = time.Unix(0, ns).UTC()
	case v[colTimestampMs] != nil:
		ms, ok := parser.ParseUint(v[colTimestampMs])
		if !ok || ms > 1<<53 {
			return e.errorf(colTimestampMs, "not epoch milliseconds")
		}
		ts = time.UnixMilli(int64(ms)).UTC()
	default:
		return fmt.Errorf("%s: no time: the record has no date and time fields and no timestamp", o.what())
	}

	var ip netip.Addr
	if v[colClientIP] != nil {
		var ok bool
		if ip, ok = parser.ParseAddr(v[colClientIP]); !ok {
			return e.errorf(colClientIP, "not an IP address")
		}
	}
	status := -1
	if b := v[colStatus]; b != nil {
		s, ok := parser.ParseUint(b)
		if !ok || len(b) != 3 {
			return e.errorf(colStatus, "not a three-digit HTTP status code")
		}
		status = int(s)
	}
	var nums [numColumns]int64
	for _, c := range []column{colScBytes, colCsBytes, colClientPort, colFLEEncryptedFields, colContentLen, colRangeStart, colRangeEnd, colHeadersCount, colASN} {
		if b := v[c]; b != nil {
			x, ok := parser.ParseUint(b)
			if !ok || x > 1<<62 {
				return e.errorf(c, "not a non-negative integer")
			}
			nums[c] = int64(x)
		}
	}
	if v[colClientPort] != nil && nums[colClientPort] > 65535 {
		return e.errorf(colClientPort, "not a port number (0 to 65535)")
	}
	for _, c := range []column{colTimeTaken, colTimeToFirstByte, colOriginFBL, colOriginLBL} {
		if b := v[c]; b != nil {
			x, ok := parseSeconds(b)
			if !ok {
				return e.errorf(c, "not a number of seconds")
			}
			nums[c] = x
		}
	}

	// Event.
	ev.Date("@timestamp", ts)
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "web")
	switch {
	case status >= 400:
		ev.Keywords("event.type", "access", "error")
	default:
		ev.Keywords("event.type", "access")
	}
	switch {
	case status < 0:
	case status == 0 || status >= 400:
		ev.Keyword("event.outcome", "failure")
	default:
		ev.Keyword("event.outcome", "success")
	}
	if v[colTimeTaken] != nil {
		ev.Long("event.duration", nums[colTimeTaken])
	}
	if id := v[colRequestID]; id != nil {
		ev.KeywordBytes("event.id", id)
		ev.KeywordBytes("http.request.id", id)
		ev.SetID(idPrefix(o) + string(id))
	}

	// Cloud and observer.
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", "global")
	ev.Keyword("cloud.service.name", "cloudfront")
	ev.Keyword("cloud.account.id", o.origin.account)
	ev.Keyword("observer.vendor", "AWS")
	ev.Keyword("observer.product", "CloudFront")
	ev.Keyword("observer.type", "proxy")
	if loc := v[colEdgeLocation]; loc != nil {
		ev.KeywordBytes("observer.geo.name", loc)
		ev.KeywordBytes(Dataset+".edge_location", loc)
	}

	// Source.
	if ip.IsValid() {
		ev.IP("source.ip", ip)
		ev.KeywordBytes("source.address", v[colClientIP])
		ev.IPs("related.ip", ip)
	}
	if v[colClientPort] != nil {
		ev.Long("source.port", nums[colClientPort])
	}
	// Where the GeoIP enricher's databases place the address, its
	// source.geo and source.as replace these (ecs.Event.ReplaceJSON).
	if c := v[colCountry]; isCountryCode(c) {
		ev.KeywordPlainBytes("source.geo.country_iso_code", c)
	} else if c != nil {
		ev.KeywordBytes(Dataset+".country", c)
	}
	if v[colASN] != nil {
		ev.Long("source.as.number", nums[colASN])
	}
	switch iv := v[colIPVersion]; {
	case bytes.EqualFold(iv, []byte("IPv4")):
		ev.Keyword("network.type", "ipv4")
	case bytes.EqualFold(iv, []byte("IPv6")):
		ev.Keyword("network.type", "ipv6")
	case iv != nil:
		ev.KeywordBytes(Dataset+".ip_version", iv)
	case ip.Is4() || ip.Is4In6():
		ev.Keyword("network.type", "ipv4")
	case ip.Is6():
		ev.Keyword("network.type", "ipv6")
	}

	// HTTP.
	var scratch [512]byte
	ev.KeywordBytes("http.request.method", v[colMethod])
	if v[colCsBytes] != nil {
		ev.Long("http.request.bytes", nums[colCsBytes])
	}
	if v[colScBytes] != nil {
		ev.Long("http.response.bytes", nums[colScBytes])
	}
	switch {
	case status > 0:
		ev.Long("http.response.status_code", int64(status))
	case status == 0:
		ev.KeywordBytes(Dataset+".sc_status", v[colStatus])
	}
	if ref := v[colReferer]; ref != nil {
		ev.KeywordBytes("http.request.referrer", unescape(scratch[:0], ref))
	}
	if pv := v[colProtocolVersion]; pv != nil {
		if len(pv) > 5 && bytes.EqualFold(pv[:5], []byte("HTTP/")) {
			ev.KeywordBytes("http.version", pv[5:])
		} else {
			ev.KeywordBytes(Dataset+".protocol_version", pv)
		}
	}
	if ct := v[colContentType]; ct != nil {
		mime := mimeType(scratch[:0], ct)
		ev.KeywordBytes("http.response.mime_type", mime)
		if !bytes.Equal(mime, ct) {
			ev.KeywordBytes(Dataset+".content_type", ct)
		}
	}
	if ua := v[colUserAgent]; ua != nil {
		ev.KeywordBytes("user_agent.original", unescape(scratch[:0], ua))
	}

	// URL.
	scheme, host, path, query := v[colProtocol], v[colHostHeader], v[colURIStem], v[colQuery]
	if host == nil {
		host = v[colHost]
	}
	if i := bytes.IndexByte(path, '?'); i >= 0 {
		// A stem that kept its query string.
		if query == nil && i+1 < len(path) {
			query = path[i+1:]
		}
		path = path[:i]
	}
	domain, port, ok := splitHost(host)
	if !ok && host != nil {
		// Not a host name: the Host header the viewer sent is kept as it
		// came, and the distribution's domain name, which the request
		// reached, is the URL's.
		ev.KeywordBytes(Dataset+".host_header", host)
		host = v[colHost]
		domain, port, _ = splitHost(host)
	}
	ev.KeywordBytes("url.scheme", scheme)
	ev.KeywordBytes("url.domain", domain)
	if domain != nil {
		hosts := append(ecs.AppendStringBytes(append(scratch[:0], '['), domain), ']')
		ev.RawJSON("related.hosts", hosts)
	}
	if port > 0 {
		ev.Long("url.port", int64(port))
	}
	ev.KeywordBytes("url.path", path)
	ev.KeywordBytes("url.query", query)
	if path != nil {
		u := append(scratch[:0], path...)
		if query != nil {
			u = append(append(u, '?'), query...)
		}
		ev.KeywordBytes("url.original", u)
		if scheme != nil && domain != nil {
			var fb [512]byte
			full := append(append(append(append(fb[:0], scheme...), "://"...), host...), u...)
			ev.KeywordBytes("url.full", full)
		}
	}
	switch {
	case bytes.Equal(scheme, []byte("http")), bytes.Equal(scheme, []byte("https")):
		ev.Keyword("network.protocol", "http")
	case bytes.Equal(scheme, []byte("ws")), bytes.Equal(scheme, []byte("wss")):
		ev.Keyword("network.protocol", "websocket")
	}

	// TLS.
	if sp := v[colSSLProtocol]; sp != nil {
		if proto, ver, ok := tlsVersion(sp); ok {
			ev.Keyword("tls.version_protocol", proto)
			ev.Keyword("tls.version", ver)
		} else {
			ev.KeywordBytes(Dataset+".ssl_protocol", sp)
		}
	}
	ev.KeywordBytes("tls.cipher", v[colSSLCipher])

	// CloudFront's own fields.
	dist := o.origin.distribution
	if d := v[colDistributionID]; d != nil {
		dist = string(d)
	}
	ev.Keyword(Dataset+".distribution_id", dist)
	ev.KeywordBytes(Dataset+".distribution_domain", v[colHost])
	if dd := v[colDistributionDomain]; dd != nil && !bytes.Equal(dd, v[colHost]) {
		ev.KeywordBytes(Dataset+".distribution_dns_name", dd)
	}
	ev.KeywordBytes(Dataset+".edge_result_type", v[colEdgeResultType])
	ev.KeywordBytes(Dataset+".edge_response_result_type", v[colEdgeResponseResultType])
	ev.KeywordBytes(Dataset+".edge_detailed_result_type", v[colEdgeDetailedResultType])
	if xff := v[colForwardedFor]; xff != nil {
		ev.KeywordBytes(Dataset+".x_forwarded_for", unescapeHex(scratch[:0], xff))
	}
	cookie, headers, redacted := redactSecrets(v[colCookie], v[colHeaders])
	ev.KeywordBytes(Dataset+".cookie", cookie)
	ev.KeywordBytes(Dataset+".fle_status", v[colFLEStatus])
	for _, c := range []struct {
		col  column
		path string
	}{
		{colFLEEncryptedFields, Dataset + ".fle_encrypted_fields"},
		{colContentLen, Dataset + ".content_len"},
		{colRangeStart, Dataset + ".range_start"},
		{colRangeEnd, Dataset + ".range_end"},
		{colHeadersCount, Dataset + ".headers_count"},
	} {
		if v[c.col] != nil {
			ev.Long(c.path, nums[c.col])
		}
	}
	for _, c := range []struct {
		col  column
		path string
	}{
		{colTimeToFirstByte, Dataset + ".time_to_first_byte"},
		{colOriginFBL, Dataset + ".origin_fbl"},
		{colOriginLBL, Dataset + ".origin_lbl"},
	} {
		if v[c.col] != nil {
			ev.Double(c.path, float64(nums[c.col])/1e9)
		}
	}
	if ae := v[colAcceptEncoding]; ae != nil {
		ev.KeywordBytes(Dataset+".accept_encoding", unescape(scratch[:0], ae))
	}
	if a := v[colAccept]; a != nil {
		ev.KeywordBytes(Dataset+".accept", unescape(scratch[:0], a))
	}
	ev.KeywordBytes(Dataset+".cache_behavior_path_pattern", v[colCacheBehavior])
	ev.KeywordBytes(Dataset+".headers", headers)
	ev.KeywordBytes(Dataset+".header_names", v[colHeaderNames])

	// Fields this package does not know, kept as they came.
	for i, f := range fields[:n] {
		if path := p.unknown[i]; path != "" && !w3c.IsEmpty(f) {
			ev.KeywordBytes(path, f)
		}
	}

	// event.original, when the pipeline keeps it, must not hold the
	// secrets that the fields above redact.
	if redacted && ev.Has("event.original") {
		ev.KeywordBytes("event.original", redactedOriginal(nil, fields, sep, p, cookie, headers))
	}
	return nil
}

// idPrefix keeps the documents of a request's real-time record and of
// its standard log entry apart when both go to one index: they share
// the x-edge-request-id.
func idPrefix(o *objectReader) string {
	if o.realtime {
		return "rt-"
	}
	return ""
}

// parseSeconds reads "<seconds>[.<fraction>]" into nanoseconds; digits
// beyond nanoseconds are dropped.
func parseSeconds(b []byte) (int64, bool) {
	whole, frac, _ := bytes.Cut(b, []byte{'.'})
	s, ok := parser.ParseUint(whole)
	if !ok || s > 1<<33 {
		return 0, false
	}
	ns := int64(s) * 1e9
	scale := int64(1e8)
	for _, c := range frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		ns += int64(c-'0') * scale
		scale /= 10
	}
	if len(b) > 0 && b[len(b)-1] == '.' {
		return 0, false
	}
	return ns, true
}

// unescape undoes CloudFront's escaping of a header value: "%XX"
// (URL encoding) and "\xXX" (its escape for spaces and other bytes),
// once. Anything else, including a "%" not followed by two hex digits,
// is kept.
func unescape(dst, b []byte) []byte {
	if bytes.IndexByte(b, '%') < 0 && bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '%' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			dst = append(dst, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
		case c == '\\' && i+3 < len(b) && b[i+1] == 'x' && isHex(b[i+2]) && isHex(b[i+3]):
			dst = append(dst, unhex(b[i+2])<<4|unhex(b[i+3]))
			i += 3
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// unescapeHex undoes only the "\xXX" escapes, for fields whose "%"
// belongs to the value.
func unescapeHex(dst, b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+3 < len(b) && b[i+1] == 'x' && isHex(b[i+2]) && isHex(b[i+3]) {
			dst = append(dst, unhex(b[i+2])<<4|unhex(b[i+3]))
			i += 3
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// mimeType returns the media type of a Content-Type value: without
// parameters, in lower case. It is empty for a value without a "/".
func mimeType(dst, ct []byte) []byte {
	ct = unescape(dst[len(dst):], ct)
	if i := bytes.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = bytes.TrimSpace(ct)
	if bytes.IndexByte(ct, '/') <= 0 {
		return nil
	}
	for _, c := range ct {
		if c >= 'A' && c <= 'Z' {
			return bytes.ToLower(ct)
		}
	}
	return ct
}

// tlsVersion splits CloudFront's ssl-protocol (SSLv3, TLSv1, TLSv1.1,
// TLSv1.2, TLSv1.3) into ECS's protocol and version.
func tlsVersion(b []byte) (proto, version string, ok bool) {
	switch string(b) {
	case "SSLv3":
		return "ssl", "3.0", true
	case "TLSv1":
		return "tls", "1.0", true
	case "TLSv1.1":
		return "tls", "1.1", true
	case "TLSv1.2":
		return "tls", "1.2", true
	case "TLSv1.3":
		return "tls", "1.3", true
	}
	return "", "", false
}

// splitHost splits a Host header value into a host name (or address)
// and a port. ok is false for a value that is no host: one holding a
// character a host name cannot have.
func splitHost(h []byte) (domain []byte, port int, ok bool) {
	if len(h) == 0 {
		return nil, 0, false
	}
	for _, c := range h {
		if c <= ' ' || c >= 0x7f || strings.IndexByte("/?#@\\\"%<>{}|^`'", c) >= 0 {
			return nil, 0, false
		}
	}
	if h[0] == '[' {
		// [IPv6]:port
		end := bytes.IndexByte(h, ']')
		if end < 0 {
			return nil, 0, false
		}
		domain, rest := h[1:end], h[end+1:]
		if len(rest) == 0 {
			return domain, 0, true
		}
		if rest[0] != ':' {
			return nil, 0, false
		}
		p, ok := parser.ParseUint(rest[1:])
		if !ok || p == 0 || p > 65535 {
			return nil, 0, false
		}
		return domain, int(p), true
	}
	if i := bytes.LastIndexByte(h, ':'); i >= 0 {
		if bytes.IndexByte(h[:i], ':') >= 0 {
			return h, 0, true // a bare IPv6 address
		}
		p, ok := parser.ParseUint(h[i+1:])
		if !ok || p == 0 || p > 65535 || i == 0 {
			return nil, 0, false
		}
		return h[:i], int(p), true
	}
	if h[0] == '.' || h[len(h)-1] == '.' && len(h) == 1 {
		return nil, 0, false
	}
	return h, 0, true
}

// parseDateTime reads CloudFront's date (YYYY-MM-DD) and time
// (hh:mm:ss, with an optional fraction), both UTC.
func parseDateTime(d, t []byte) (time.Time, bool) {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' || len(t) < 8 || t[2] != ':' || t[5] != ':' {
		return time.Time{}, false
	}
	num := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, day := num(d[:4]), num(d[5:7]), num(d[8:10])
	h, mi, sec := num(t[:2]), num(t[3:5]), num(t[6:8])
	if y < 0 || mo < 1 || mo > 12 || day < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	if day > time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, false
	}
	ns := 0
	if len(t) > 8 {
		frac := t[9:]
		if t[8] != '.' || len(frac) == 0 || len(frac) > 9 || num(frac) < 0 {
			return time.Time{}, false
		}
		ns = num(frac)
		for range 9 - len(frac) {
			ns *= 10
		}
	}
	return time.Date(y, time.Month(mo), day, h, mi, sec, ns, time.UTC), true
}

// isCountryCode reports whether b is two capital letters, the form of an
// ISO 3166 country code.
func isCountryCode(b []byte) bool {
	return len(b) == 2 && 'A' <= b[0] && b[0] <= 'Z' && 'A' <= b[1] && b[1] <= 'Z'
}
