package nginx

import (
	"bytes"
	"net/url"
	"unicode/utf8"

	"github.com/siem-go/siem/ecs"
)

// request is a request line, "METHOD target HTTP/x.y", cut into its
// parts, each aliasing the line; nil is absent. A line that is not a
// request (binary TLS bytes sent to a plain port, a probe's "hello") has
// no method.
type request struct {
	method, version, target []byte
	scheme, domain          []byte
	path, query, fragment   []byte
	port                    int64
	hasPort                 bool
	full                    bool
}

// parseRequest cuts a request line. The method is cut at the first blank
// and must be a token of capital letters; the version, "HTTP/x.y", at the
// last (HTTP/0.9 requests have none). What lies between is the target,
// as written.
func parseRequest(line []byte) (r request) {
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 || !isMethod(line[:sp]) {
		return r
	}
	target := line[sp+1:]
	if last := bytes.LastIndexByte(target, ' '); last >= 0 && bytes.HasPrefix(target[last+1:], []byte("HTTP/")) {
		if v := target[last+1+len("HTTP/"):]; len(v) > 0 {
			r.version = v
		}
		target = target[:last]
	}
	if len(target) == 0 || bytes.IndexByte(target, ' ') >= 0 && !bytes.HasPrefix(target, []byte("/")) {
		return r
	}
	r.method = line[:sp]
	r.parseTarget(target)
	return r
}

func isMethod(b []byte) bool {
	if len(b) > 32 {
		return false
	}
	for _, c := range b {
		if !(c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// parseTarget reads an origin-form ("/path?query"), absolute-form
// ("http://host:port/path") or authority-form ("host:443", CONNECT)
// target, as Elastic's uri_parts does. Only url.path is percent-decoded
// (by setURL).
func (r *request) parseTarget(t []byte) {
	r.target = t
	rest := t
	switch {
	case len(t) > 0 && t[0] == '/':
	case bytes.Contains(t, []byte("://")):
		i := bytes.Index(t, []byte("://"))
		if !isScheme(t[:i]) {
			return
		}
		r.scheme = t[:i]
		auth := t[i+3:]
		end := bytes.IndexAny(auth, "/?#")
		if end < 0 {
			end = len(auth)
		}
		r.setAuthority(auth[:end])
		rest = auth[end:]
		r.full = true
	case bytes.Equal(r.method, []byte("CONNECT")):
		r.setAuthority(t)
		return
	default:
		// "*" (OPTIONS) or something no URL parser reads: url.original only.
		return
	}
	if i := bytes.IndexByte(rest, '#'); i >= 0 {
		rest, r.fragment = rest[:i], nonEmpty(rest[i+1:])
	}
	if i := bytes.IndexByte(rest, '?'); i >= 0 {
		rest, r.query = rest[:i], nonEmpty(rest[i+1:])
	}
	if len(rest) > 0 {
		r.path = rest
	}
}

func (r *request) setAuthority(auth []byte) {
	if at := bytes.LastIndexByte(auth, '@'); at >= 0 {
		auth = auth[at+1:] // user info is not the domain
	}
	h := splitHostPort(auth)
	switch {
	case h.ip.IsValid():
		// ECS keeps a literal address in url.domain, IPv6 in brackets
		// when the URL had them.
		host := auth
		if h.hasPort {
			host = auth[:bytes.LastIndexByte(auth, ':')]
		}
		r.domain = host
	default:
		r.domain = h.name
	}
	r.port, r.hasPort = h.port, h.hasPort
}

func nonEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func isScheme(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// setHTTP sets http.request.method and http.request.referrer.
func (r *request) setHTTP(ev *ecs.Event, referrer []byte) {
	ev.KeywordBytes("http.request.method", r.method)
	ev.KeywordBytes("http.request.referrer", referrer)
}

// setURL sets the url fields, in path order. The host the server logged
// (the access log's leading $host, the error log's host:) names the
// domain and port of an origin-form target.
func (r *request) setURL(ev *ecs.Event, host hostPort) {
	domain, p, hasPort := r.domain, r.port, r.hasPort
	if domain == nil && host.name != nil {
		domain = host.name
		if !r.hasPort {
			p, hasPort = host.port, host.hasPort
		}
	}
	ev.KeywordBytes("url.domain", domain)
	path := decodePath(r.path)
	if dot := bytes.LastIndexByte(path, '.'); dot > bytes.LastIndexByte(path, '/') && dot < len(path)-1 {
		ev.KeywordBytes("url.extension", path[dot+1:])
	}
	ev.KeywordBytes("url.fragment", r.fragment)
	if r.full {
		ev.KeywordBytes("url.full", r.target)
	}
	ev.KeywordBytes("url.original", r.target)
	ev.KeywordBytes("url.path", path)
	if hasPort {
		ev.Long("url.port", p)
	}
	ev.KeywordBytes("url.query", r.query)
	ev.KeywordBytes("url.scheme", r.scheme)
}

// decodePath percent-decodes a URL path once, as Elastic's uri_parts
// does, so that "/cgi-bin/.%2e/.%2e/etc/passwd" is searchable as the path
// the server resolved. A malformed escape, or bytes that are not UTF-8
// once decoded, keep the path as logged (url.original always is).
func decodePath(p []byte) []byte {
	if bytes.IndexByte(p, '%') < 0 {
		return p
	}
	s, err := url.PathUnescape(string(p))
	if err != nil || !utf8.ValidString(s) {
		return p
	}
	return []byte(s)
}
