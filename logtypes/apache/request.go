package apache

import (
	"bytes"
	"unicode/utf8"

	"github.com/siem-go/siem/ecs"
)

// writeRequest maps the request line %r. An HTTP request line, "METHOD
// target HTTP/x.y" (or "METHOD target" of HTTP/0.9), gives
// http.request.method, http.version and url.*; anything else (a TLS
// handshake sent to a plain HTTP port, a scanner's garbage) is kept as
// logged in apache.access.request, and "-" (no request line, as in a 408)
// gives nothing. vhost, when the log has one, is the url.domain of an
// origin-form target.
func writeRequest(ev *ecs.Event, req, vhost []byte) {
	req = dashless(req)
	if req == nil {
		return
	}
	sp := bytes.IndexByte(req, ' ')
	if sp <= 0 || !isMethod(req[:sp]) {
		ev.KeywordBytes("apache.access.request", req)
		return
	}
	req = unescape(req)
	method, target := req[:sp], bytes.TrimLeft(req[sp+1:], " ")
	if last := bytes.LastIndexByte(target, ' '); last >= 0 && bytes.HasPrefix(target[last+1:], []byte("HTTP/")) {
		if v := target[last+1+len("HTTP/"):]; len(v) > 0 {
			ev.KeywordBytes("http.version", v)
		}
		target = bytes.TrimRight(target[:last], " ")
	}
	ev.KeywordBytes("http.request.method", method)
	if len(target) == 0 || isDash(target) {
		return
	}
	ev.KeywordBytes("url.original", target)
	writeURL(ev, target, vhost)
}

// isMethod reports whether m is an HTTP method token (RFC 9110 tchar),
// at most 32 bytes long.
func isMethod(m []byte) bool {
	if len(m) > 32 {
		return false
	}
	for _, c := range m {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case bytes.IndexByte([]byte("!#$%&'*+-.^_`|~"), c) >= 0:
		default:
			return false
		}
	}
	return true
}

// writeURL sets url.scheme, url.domain, url.port, url.path, url.query,
// url.fragment and url.extension from a request target as logged
// (origin form "/p?q", absolute form "http://h/p", authority form
// "h:443" of CONNECT, or "*").
func writeURL(ev *ecs.Event, target, vhost []byte) {
	path := target
	domain := vhost
	if i := bytes.Index(path, []byte("://")); i > 0 && isScheme(path[:i]) {
		ev.KeywordBytes("url.full", target)
		ev.KeywordBytes("url.scheme", path[:i])
		rest := path[i+3:]
		j := bytes.IndexAny(rest, "/?#")
		if j < 0 {
			j = len(rest)
		}
		auth := rest[:j]
		if at := bytes.LastIndexByte(auth, '@'); at >= 0 {
			auth = auth[at+1:]
		}
		host, port := splitHostPort(auth)
		domain = host
		if port > 0 {
			ev.Long("url.port", int64(port))
		}
		path = rest[j:]
	} else if len(path) == 0 || path[0] != '/' {
		// Authority form (CONNECT) or "*": no path.
		if host, port := splitHostPort(path); port > 0 {
			ev.KeywordBytes("url.domain", host)
			ev.Long("url.port", int64(port))
		}
		return
	}
	ev.KeywordBytes("url.domain", dashless(domain))
	if i := bytes.IndexByte(path, '#'); i >= 0 {
		ev.KeywordBytes("url.fragment", dashless(path[i+1:]))
		path = path[:i]
	}
	if i := bytes.IndexByte(path, '?'); i >= 0 {
		if q := path[i+1:]; len(q) > 0 {
			ev.KeywordBytes("url.query", q)
		}
		path = path[:i]
	}
	if len(path) == 0 {
		return
	}
	path = pathDecode(path)
	ev.KeywordBytes("url.path", path)
	if dot := bytes.LastIndexByte(path, '.'); dot > bytes.LastIndexByte(path, '/') && dot < len(path)-1 {
		ev.KeywordBytes("url.extension", path[dot+1:])
	}
}

// splitHostPort splits "host:port" or "[v6]:port"; port is 0 when there
// is none or it is not a port number. An IPv6 host keeps its brackets, as
// ECS asks of url.domain.
func splitHostPort(b []byte) (host []byte, port int) {
	host = b
	if i := bytes.LastIndexByte(b, ':'); i >= 0 && isDigits(b[i+1:]) && len(b)-i-1 <= 5 && bytes.IndexByte(b[:i], ':') < 0 || i > 0 && b[0] == '[' && b[i-1] == ']' && isDigits(b[i+1:]) && len(b)-i-1 <= 5 {
		for _, c := range b[i+1:] {
			port = port*10 + int(c-'0')
		}
		if port > 65535 {
			port = 0
		}
		host = b[:i]
	}
	if len(host) == 0 {
		host = nil
	}
	return host, port
}

func isScheme(s []byte) bool {
	if len(s) == 0 || len(s) > 16 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// unescape undoes the \" and \\ escapes mod_log_config writes for quotes
// and backslashes in %r, %u and headers. Its \xhh escapes of control and
// non-ASCII bytes stay as written: the bytes they stand for need not be
// text. It allocates only when b holds a backslash.
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && (b[i+1] == '"' || b[i+1] == '\\') {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

// pathDecode percent-decodes a URL path once, as Elastic and the
// reference system do, so that "/cgi-bin/.%2e/.%2e/etc/passwd" is
// searchable as the path the server resolved. A path with a malformed
// escape, or one that decodes to bytes that are not UTF-8, is kept as
// logged. It allocates only when p holds a '%'.
func pathDecode(p []byte) []byte {
	if bytes.IndexByte(p, '%') < 0 {
		return p
	}
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' {
			if i+2 >= len(p) || unhex(p[i+1]) < 0 || unhex(p[i+2]) < 0 {
				return p
			}
			c = byte(unhex(p[i+1])<<4 | unhex(p[i+2]))
			i += 2
		}
		out = append(out, c)
	}
	if !utf8.Valid(out) {
		return p
	}
	return out
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
