package s3accesslog

import (
	"bytes"

	"github.com/siem-go/siem/ecs"
)

// request is the quoted Request-URI field, "METHOD target HTTP/x.y", cut
// into its parts. Every part aliases the field; a nil part is absent.
// The GET record of a copy has no version ("GET /bucket/key").
type request struct {
	method, version          []byte
	target, path, query, ext []byte
}

// parseRequest cuts a Request-URI field. A malformed request is logged as
// it arrived and its target may hold spaces, so the method is cut at the
// first space and the version at the last, and whatever lies between is
// the target. A field with no space is a bare target.
func parseRequest(v []byte) (r request) {
	v = bytes.TrimRight(v, " ")
	if len(v) == 0 {
		return r
	}
	target := v
	if sp := bytes.IndexByte(v, ' '); sp >= 0 {
		if method := v[:sp]; !isDash(method) {
			r.method = method
		}
		target = v[sp+1:]
		if last := bytes.LastIndexByte(target, ' '); last >= 0 {
			version := target[last+1:]
			switch {
			case bytes.HasPrefix(version, []byte("HTTP/")):
				if ver := version[len("HTTP/"):]; len(ver) > 0 {
					r.version = ver
				}
				target = target[:last]
			case isDash(version):
				target = target[:last]
			}
		}
	}
	if len(target) == 0 || isDash(target) {
		return r
	}
	r.target = target
	path := target
	// An absolute target (proxy form) has its path after the authority.
	if i := bytes.Index(path, []byte("://")); i > 0 && isScheme(path[:i]) {
		rest := path[i+3:]
		j := bytes.IndexAny(rest, "/?")
		if j < 0 {
			return r
		}
		path = rest[j:]
	}
	if i := bytes.IndexByte(path, '#'); i >= 0 {
		path = path[:i]
	}
	if i := bytes.IndexByte(path, '?'); i >= 0 {
		if q := path[i+1:]; len(q) > 0 {
			r.query = q
		}
		path = path[:i]
	}
	if len(path) > 0 && path[0] == '/' {
		r.path = path
		if dot := bytes.LastIndexByte(path, '.'); dot > bytes.LastIndexByte(path, '/') && dot < len(path)-1 {
			r.ext = path[dot+1:]
		}
	}
	return r
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

func isScheme(s []byte) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// setURL sets url.extension, url.original, url.path and url.query.
func (r *request) setURL(ev *ecs.Event) {
	ev.KeywordBytes("url.extension", r.ext)
	ev.KeywordBytes("url.original", r.target)
	ev.KeywordBytes("url.path", r.path)
	ev.KeywordBytes("url.query", r.query)
}
