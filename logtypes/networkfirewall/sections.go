package networkfirewall

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// visit calls f for each member of v when v is an object; when it is not,
// v is kept whole under name.
func (n *normalizer) visit(v *fastjson.Value, object string, f func(k []byte, v *fastjson.Value) bool) {
	if v == nil {
		return
	}
	o, err := v.Object()
	if err != nil {
		i := strings.LastIndexByte(object, '.')
		n.keep(object[:max(i, 0)], []byte(object[i+1:]), v)
		return
	}
	o.Visit(func(k []byte, v *fastjson.Value) {
		if !f(k, v) {
			n.keep(object, k, v)
		}
	})
}

// keyword sets path from a string value; false for any other value.
func keyword(ev *ecs.Event, path string, v *fastjson.Value) bool {
	if v.Type() != fastjson.TypeString {
		return false
	}
	ev.KeywordBytes(path, str(v))
	return true
}

// long sets path from an integer value (or a string of digits).
func long(ev *ecs.Event, path string, v *fastjson.Value) bool {
	u, ok := uintOf(v)
	if !ok || u > 1<<63-1 {
		return false
	}
	ev.Long(path, int64(u))
	return true
}

// idString sets a keyword path from an integer or a string.
func (n *normalizer) idString(ev *ecs.Event, path string, v *fastjson.Value) bool {
	if u, ok := uintOf(v); ok && v.Type() == fastjson.TypeNumber {
		n.scratch = strconv.AppendUint(n.scratch[:0], u, 10)
		ev.KeywordBytes(path, n.scratch)
		return true
	}
	return keyword(ev, path, v)
}

func (n *normalizer) emitAlert(ev *ecs.Event) error {
	ev.Keyword("event.kind", "alert")
	ev.Keywords("event.category", "network", "intrusion_detection")
	var action []byte
	n.visit(n.alert, "event.alert", func(k []byte, v *fastjson.Value) bool {
		switch string(k) {
		case "action":
			action = str(v)
			return keyword(ev, "event.action", v)
		case "signature_id":
			return n.idString(ev, "rule.id", v)
		case "signature":
			return keyword(ev, "rule.name", v)
		case "rev":
			return n.idString(ev, "rule.version", v)
		case "category":
			return keyword(ev, "rule.category", v)
		case "severity":
			return long(ev, "event.severity", v)
		case "gid":
			return long(ev, "aws.networkfirewall.alert.gid", v)
		case "metadata":
			if v.Type() != fastjson.TypeObject {
				return false
			}
			if o, _ := v.Object(); o.Len() > 0 {
				ev.RawJSON("aws.networkfirewall.alert.metadata", appendClean(nil, v))
			}
			return true
		}
		return false
	})
	switch string(action) {
	case "allowed":
		ev.Keywords("event.type", "connection", "allowed")
	case "blocked":
		ev.Keywords("event.type", "connection", "denied")
	default:
		ev.Keywords("event.type", "connection")
	}
	return nil
}

func (n *normalizer) emitNetflow(ev *ecs.Event) error {
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "network")
	ev.Keywords("event.type", "connection")
	var start, end time.Time
	n.visit(n.netflow, "event.netflow", func(k []byte, v *fastjson.Value) bool {
		switch string(k) {
		case "pkts":
			return long(ev, "network.packets", v) && long(ev, "source.packets", v)
		case "bytes":
			return long(ev, "network.bytes", v) && long(ev, "source.bytes", v)
		case "start", "end":
			t, err := parseTime(str(v))
			if err != nil {
				return false
			}
			if k[0] == 's' {
				start = t
				ev.Date("event.start", t)
			} else {
				end = t
				ev.Date("event.end", t)
			}
			return true
		case "age":
			return long(ev, "aws.networkfirewall.netflow.age", v)
		case "min_ttl":
			return long(ev, "aws.networkfirewall.netflow.min_ttl", v)
		case "max_ttl":
			return long(ev, "aws.networkfirewall.netflow.max_ttl", v)
		}
		return false
	})
	if !start.IsZero() && !end.IsZero() && !end.Before(start) {
		ev.Long("event.duration", end.Sub(start).Nanoseconds())
	}
	return nil
}

// emitTLSLog maps the records of the TLS log: TLS errors and failed
// certificate revocation checks of TLS inspection.
func (n *normalizer) emitTLSLog(ev *ecs.Event) {
	ev.Keywords("event.category", "network")
	if n.tlsError != nil {
		ev.Keyword("event.kind", "event")
		ev.Keyword("event.action", "tls-error")
		ev.Keywords("event.type", "connection", "error")
		ev.Keyword("event.outcome", "failure")
		n.visit(n.tlsError, "event.tls_error", func(k []byte, v *fastjson.Value) bool {
			if string(k) == "error_message" {
				return keyword(ev, "error.message", v)
			}
			return false
		})
	}
	if n.revocation != nil {
		var action []byte
		n.visit(n.revocation, "event.revocation_check", func(k []byte, v *fastjson.Value) bool {
			switch string(k) {
			case "leaf_cert_fpr":
				return keyword(ev, "aws.networkfirewall.revocation_check.leaf_cert_fpr", v)
			case "status":
				return keyword(ev, "aws.networkfirewall.revocation_check.status", v)
			case "action":
				action = str(v)
				return keyword(ev, "aws.networkfirewall.revocation_check.action", v)
			}
			return false
		})
		if n.tlsError == nil {
			ev.Keyword("event.action", "revocation-check")
			switch strings.ToUpper(string(action)) {
			case "DROP", "REJECT":
				ev.Keyword("event.kind", "alert")
				ev.Keywords("event.type", "connection", "denied")
			case "PASS":
				ev.Keyword("event.kind", "event")
				ev.Keywords("event.type", "connection", "allowed")
			default:
				ev.Keyword("event.kind", "event")
				ev.Keywords("event.type", "connection")
			}
		}
	}
}

func (n *normalizer) emitTCP(ev *ecs.Event) {
	n.visit(n.tcp, "event.tcp", func(k []byte, v *fastjson.Value) bool {
		if !safeName(k) {
			return false
		}
		path, ok := tcpPaths[string(k)]
		if !ok {
			path = "aws.networkfirewall.tcp." + string(k)
		}
		switch v.Type() {
		case fastjson.TypeTrue, fastjson.TypeFalse:
			ev.Bool(path, v.Type() == fastjson.TypeTrue)
			return true
		case fastjson.TypeString:
			return keyword(ev, path, v)
		}
		return false
	})
}

// tcpPaths are the paths of the members Suricata writes in its tcp object.
var tcpPaths = map[string]string{}

func init() {
	for _, k := range []string{"tcp_flags", "tcp_flags_ts", "tcp_flags_tc", "syn", "fin", "rst", "psh", "ack", "urg", "ecn", "cwr", "state"} {
		tcpPaths[k] = "aws.networkfirewall.tcp." + k
	}
}

func safeName(k []byte) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return len(k) > 0 && len(k) <= 64
}

func (n *normalizer) emitHTTP(ev *ecs.Event) {
	var host []byte
	n.visit(n.http, "event.http", func(k []byte, v *fastjson.Value) bool {
		switch string(k) {
		case "hostname":
			host = str(v)
			return keyword(ev, "url.domain", v)
		case "url":
			b := str(v)
			if v.Type() != fastjson.TypeString {
				return false
			}
			ev.KeywordBytes("url.original", b)
			if path, query, _ := bytes.Cut(b, []byte("?")); len(b) > 0 && b[0] == '/' {
				ev.KeywordBytes("url.path", path)
				ev.KeywordBytes("url.query", query)
			}
			return true
		case "http_method":
			return keyword(ev, "http.request.method", v)
		case "protocol":
			b := str(v)
			if ver, ok := bytes.CutPrefix(b, []byte("HTTP/")); ok {
				ev.KeywordBytes("http.version", ver)
				return true
			}
			return false
		case "status":
			return long(ev, "http.response.status_code", v)
		case "length":
			return long(ev, "http.response.body.bytes", v)
		case "http_user_agent":
			return keyword(ev, "user_agent.original", v)
		case "http_refer":
			return keyword(ev, "http.request.referrer", v)
		case "http_content_type":
			return keyword(ev, "http.response.mime_type", v)
		}
		return false
	})
	n.host(host, true)
}

// host records a host name for related.hosts and, when it names the
// destination (an HTTP host, a TLS SNI; not a DNS query's name, which is
// not the resolver's), for destination.domain (the first one met). An
// address is not a domain.
func (n *normalizer) host(h []byte, destination bool) {
	if h == nil {
		return
	}
	if _, ok := parser.ParseAddr(h); ok {
		return
	}
	if destination && n.domain == nil {
		n.domain = h
	}
	for _, x := range n.hosts {
		if bytes.Equal(x, h) {
			return
		}
	}
	n.hosts = append(n.hosts, h)
}

// tlsVersions maps Suricata's version text to ECS tls.version and
// tls.version_protocol.
var tlsVersions = map[string][2]string{
	"TLS 1.3": {"1.3", "tls"}, "TLS 1.2": {"1.2", "tls"}, "TLS 1.1": {"1.1", "tls"}, "TLS 1.0": {"1.0", "tls"},
	"TLSv1.3": {"1.3", "tls"}, "TLSv1.2": {"1.2", "tls"}, "TLSv1.1": {"1.1", "tls"}, "TLSv1": {"1.0", "tls"},
	"SSLv3": {"3.0", "ssl"}, "SSLv2": {"2.0", "ssl"},
}

func (n *normalizer) emitTLS(ev *ecs.Event) {
	sni := str(n.sni)
	if n.sni != nil && n.sni.Type() != fastjson.TypeString {
		n.keep("event", []byte("sni"), n.sni)
	}
	n.visit(n.tls, "event.tls", func(k []byte, v *fastjson.Value) bool {
		switch string(k) {
		case "sni":
			if v.Type() != fastjson.TypeString || sni != nil {
				return false
			}
			sni = str(v)
			return true
		case "version":
			if x, ok := tlsVersions[string(str(v))]; ok {
				ev.Keyword("tls.version", x[0])
				ev.Keyword("tls.version_protocol", x[1])
				return true
			}
			return false
		case "subject":
			return keyword(ev, "tls.server.subject", v)
		case "issuerdn":
			return keyword(ev, "tls.server.issuer", v)
		case "fingerprint":
			h := hexDigest(str(v))
			if len(h) != 40 {
				return false
			}
			ev.Keyword("tls.server.hash.sha1", h)
			return true
		case "serial":
			s := strings.ToUpper(strings.ReplaceAll(string(str(v)), ":", ""))
			if s == "" {
				return false
			}
			ev.Keyword("tls.server.x509.serial_number", s)
			return true
		case "notbefore", "notafter":
			t, err := time.Parse("2006-01-02T15:04:05", string(str(v)))
			if err != nil {
				return false
			}
			if k[3] == 'b' {
				ev.Date("tls.server.not_before", t)
			} else {
				ev.Date("tls.server.not_after", t)
			}
			return true
		case "ja3", "ja3s":
			if v.Type() != fastjson.TypeObject {
				return false
			}
			path := "tls.client.ja3"
			if len(k) == 4 {
				path = "tls.server.ja3s"
			}
			n.visit(v, "event.tls."+string(k), func(k2 []byte, v2 *fastjson.Value) bool {
				return string(k2) == "hash" && keyword(ev, path, v2)
			})
			return true
		}
		return false
	})
	if sni != nil {
		ev.KeywordBytes("tls.client.server_name", sni)
		n.host(sni, true)
	}
}

// hexDigest turns "aa:bb:..." into "AABB...", "" when it is not hex.
func hexDigest(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		switch {
		case c == ':':
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
			out = append(out, c)
		case c >= 'a' && c <= 'f':
			out = append(out, c-'a'+'A')
		default:
			return ""
		}
	}
	return string(out)
}

// emitDNS maps the first query or answer of Suricata's dns object and
// keeps the object whole under aws.networkfirewall.dns.
func (n *normalizer) emitDNS(ev *ecs.Event) {
	if n.dns == nil {
		return
	}
	if n.dns.Type() != fastjson.TypeObject {
		n.keep("event", []byte("dns"), n.dns)
		return
	}
	if o, _ := n.dns.Object(); o.Len() == 0 {
		return
	}
	ev.RawJSON("aws.networkfirewall.dns", appendClean(nil, n.dns))
	q := n.dns
	if list := n.dns.GetArray("query"); len(list) > 0 && list[0].Type() == fastjson.TypeObject {
		q = list[0]
	}
	if t := str(q.Get("type")); string(t) == "query" || string(t) == "answer" {
		ev.KeywordBytes("dns.type", t)
	}
	if name := str(q.Get("rrname")); name != nil {
		ev.KeywordBytes("dns.question.name", name)
		n.host(name, false)
	}
	ev.KeywordBytes("dns.question.type", str(q.Get("rrtype")))
	if id, ok := uintOf(q.Get("id")); ok {
		n.scratch = strconv.AppendUint(n.scratch[:0], id, 10)
		ev.KeywordBytes("dns.id", n.scratch)
	}
	ev.KeywordBytes("dns.response_code", str(q.Get("rcode")))
}

// emitOther writes the members without a home as one object under
// aws.networkfirewall.other, nested as in the record.
func (n *normalizer) emitOther(ev *ecs.Event) {
	ev.KeywordBytes("destination.domain", n.domain)
	if len(n.hosts) > 0 {
		n.scratch = append(n.scratch[:0], '[')
		for i, h := range n.hosts {
			if i > 0 {
				n.scratch = append(n.scratch, ',')
			}
			n.scratch = ecs.AppendStringBytes(n.scratch, h)
		}
		ev.RawJSON("related.hosts", append(n.scratch, ']'))
	}
	if len(n.other) == 0 {
		return
	}
	b := n.renderObject(nil, "")
	ev.RawJSON("aws.networkfirewall.other", b)
}

// renderObject writes the section named name and its subsections.
func (n *normalizer) renderObject(dst []byte, name string) []byte {
	dst = append(dst, '{')
	var keys keySet
	add := func(k string) { dst = keys.add(dst, k) }
	for _, s := range n.other {
		if s.name != name {
			continue
		}
		for _, m := range s.members {
			add(string(m.key))
			dst = appendClean(dst, m.v)
		}
	}
	for _, s := range n.other {
		parent, child := "", s.name
		if i := strings.LastIndexByte(s.name, '.'); i >= 0 {
			parent, child = s.name[:i], s.name[i+1:]
		}
		if s.name == "" || parent != name {
			continue
		}
		add(child)
		dst = n.renderObject(dst, s.name)
	}
	return append(dst, '}')
}

// keySet writes the keys of one JSON object so that the object can be
// indexed as a flat_object: no key is empty, none has an empty dotted
// segment, and none repeats (a repeat is numbered: "k#2").
type keySet struct{ seen map[string]bool }

func (s *keySet) add(dst []byte, k string) []byte {
	if s.seen == nil {
		s.seen = map[string]bool{}
	} else {
		dst = append(dst, ',')
	}
	if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, "..") {
		k = "_" + strings.ReplaceAll(k, ".", "_")
	}
	for i, base := 2, k; s.seen[k]; i++ {
		k = base + "#" + strconv.Itoa(i)
	}
	s.seen[k] = true
	dst = ecs.AppendString(dst, k)
	return append(dst, ':')
}

// appendClean writes v as JSON with its object keys made fit for a
// flat_object (see keySet).
func appendClean(dst []byte, v *fastjson.Value) []byte {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		var keys keySet
		dst = append(dst, '{')
		o.Visit(func(k []byte, v *fastjson.Value) {
			dst = keys.add(dst, string(k))
			dst = appendClean(dst, v)
		})
		return append(dst, '}')
	case fastjson.TypeArray:
		a, _ := v.Array()
		dst = append(dst, '[')
		for i, x := range a {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendClean(dst, x)
		}
		return append(dst, ']')
	case fastjson.TypeString:
		// Not MarshalTo: fastjson escapes control characters and
		// invalid UTF-8 the Go way (\x00), which is not JSON.
		return ecs.AppendStringBytes(dst, v.GetStringBytes())
	case fastjson.TypeNumber:
		// fastjson also reads forms JSON does not (00012, +1, nan):
		// those are kept as strings, as written.
		start := len(dst)
		dst = v.MarshalTo(dst)
		if _, err := strconv.ParseFloat(string(dst[start:]), 64); err != nil || !parser.IsJSONNumber(dst[start:]) {
			raw := string(dst[start:])
			dst = ecs.AppendString(dst[:start], raw)
		}
		return dst
	}
	return v.MarshalTo(dst) // true, false, null
}
