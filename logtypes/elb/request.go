package elb

import (
	"bytes"
	"net/netip"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// request is the quoted request line of ALB and CLB entries,
// "METHOD scheme://host:port/path?query HTTP/x.y", cut into its parts.
// Every part aliases the line; a nil part is absent.
type request struct {
	method, version []byte
	// url is the request target as logged: url.original.
	url                                   []byte
	scheme, domain, path, query, fragment []byte
	extension                             []byte
	port                                  optInt
	// full reports whether url is an absolute URL (url.full).
	full bool
	// hostIP is the URL's host when it is an IP address, for related.ip.
	hostIP netip.Addr
	// plain reports that the whole request line needs no JSON escaping,
	// so that neither does any part of it.
	plain bool
}

// parseRequest cuts a request line. Malformed requests are logged as they
// arrived (a URL may even contain spaces), so the method is cut at the
// first space and the version at the last, and whatever lies between is
// the URL. A line with no space at all yields nothing.
func parseRequest(req []byte) (r request) {
	// CLB TCP and SSL entries write "- - - ", with a trailing space.
	req = bytes.TrimRight(req, " ")
	sp := bytes.IndexByte(req, ' ')
	if sp < 0 {
		return r
	}
	if method := req[:sp]; !absent(method) {
		r.method = method
	}
	target := req[sp+1:]
	if last := bytes.LastIndexByte(target, ' '); last >= 0 {
		version := target[last+1:]
		switch {
		case bytes.HasPrefix(version, []byte("HTTP/")):
			if v := version[len("HTTP/"):]; len(v) > 0 {
				r.version = v
			}
			target = target[:last]
		case absent(version):
			target = target[:last]
		}
	}
	if absent(target) {
		return r
	}
	r.parseURL(target)
	return r
}

// parseURL cuts an absolute ("http://host:port/path") or origin-form
// ("/path?q") request target, as Elastic's uri_parts does.
func (r *request) parseURL(u []byte) {
	r.url = u
	rest := u
	if i := bytes.Index(u, []byte("://")); i > 0 && isScheme(u[:i]) {
		r.scheme = u[:i]
		var host, port []byte
		host, port, rest = splitAuthority(u[i+3:])
		if len(host) > 0 {
			r.domain = host
			if len(host) > 1 && host[0] == '[' {
				host = host[1 : len(host)-1]
			}
			r.hostIP, _ = parser.ParseAddrDropZone(host)
		}
		if p, ok := parsePort(port); ok {
			r.port = optInt{int64(p), true, canonical(port)}
		}
		// url.full is a URL; "host:port-" from an unreadable request is not.
		r.full = len(rest) == 0 || rest[0] == '/' || rest[0] == '?' || rest[0] == '#'
	}
	// A load balancer that cannot read the path writes "host:port-".
	if absent(rest) {
		return
	}
	path := rest
	if i := bytes.IndexByte(path, '#'); i >= 0 {
		path, r.fragment = path[:i], path[i+1:]
	}
	if i := bytes.IndexByte(path, '?'); i >= 0 {
		path, r.query = path[:i], path[i+1:]
	}
	if len(path) > 0 && path[0] == '/' {
		r.path = path
		if dot := bytes.LastIndexByte(path, '.'); dot > bytes.LastIndexByte(path, '/') && dot < len(path)-1 {
			r.extension = path[dot+1:]
		}
	}
}

func isScheme(s []byte) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// splitAuthority cuts "host:port" from the front of what follows "://".
// An IPv6 host keeps its brackets, as ECS asks for url.domain.
func splitAuthority(s []byte) (host, port, rest []byte) {
	end := 0
	if len(s) > 0 && s[0] == '[' {
		if i := bytes.IndexByte(s, ']'); i > 0 {
			end = i + 1
		}
	}
	for end < len(s) && s[end] != ':' && s[end] != '/' && s[end] != '?' && s[end] != '#' {
		end++
	}
	host, rest = s[:end], s[end:]
	if len(rest) > 0 && rest[0] == ':' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		port, rest = rest[1:i], rest[i:]
	}
	return host, port, rest
}

// setMethod and setVersion are apart because the normalizers set fields
// in path order, and http.request.body.bytes and http.response.* fall
// between them.
func (r *request) setMethod(ev *ecs.Event) { r.set(ev, "http.request.method", r.method) }

func (r *request) setVersion(ev *ecs.Event) { r.set(ev, "http.version", r.version) }

// set sets a part of the request as a string, skipping the escape scan
// when the split proved the request plain.
func (r *request) set(ev *ecs.Event, path string, v []byte) {
	if r.plain {
		ev.KeywordPlainBytes(path, v)
	} else {
		ev.KeywordBytes(path, v)
	}
}

// setURL sets the url fields, in path order.
func (r *request) setURL(ev *ecs.Event) {
	if r.url == nil {
		return
	}
	r.set(ev, "url.domain", r.domain)
	r.set(ev, "url.extension", r.extension)
	r.set(ev, "url.fragment", r.fragment)
	if r.full {
		r.set(ev, "url.full", r.url)
	}
	r.set(ev, "url.original", r.url)
	r.set(ev, "url.path", r.path)
	setInt(ev, "url.port", r.port)
	r.set(ev, "url.query", r.query)
	r.set(ev, "url.scheme", r.scheme)
}
