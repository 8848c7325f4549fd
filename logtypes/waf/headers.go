package waf

import (
	"bytes"
	"slices"

	"github.com/siem-go/siem/ecs"
	"github.com/valyala/fastjson"
)

// sensitiveHeaders are the request headers whose values are credentials:
// whoever reads the index could replay them. Their values are redacted
// wherever this type writes them (see redact). Names are lower case.
var sensitiveHeaders = []string{
	"authorization", "proxy-authorization", "cookie",
	"x-api-key", "x-amz-security-token", "x-auth-token",
}

// redactedMark replaces a credential.
const redactedMark = "[REDACTED]"

// maxHeaderKey bounds the length of a header name used as a key of
// aws.waf.request.headers; a longer name is only in header_list.
const maxHeaderKey = 128

// headerState reads httpRequest.headers once per record.
type headerState struct {
	entries []headerEntry
	keys    []byte // the sanitized names, entries point into it
	list    []byte // header_list
	scratch []byte
	// host, userAgent and referer are the first values of those headers.
	host, userAgent, referer []byte
	// redacted is set when a credential was redacted; sensitive holds
	// the header objects concerned and their redacted values.
	redacted  bool
	sensitive []redaction
}

type headerEntry struct {
	keyFrom, keyTo int
	value          []byte
}

type redaction struct {
	obj   *fastjson.Object
	value []byte
}

func (h *headerState) reset() {
	h.entries = h.entries[:0]
	h.keys = h.keys[:0]
	h.list = h.list[:0]
	h.host, h.userAgent, h.referer = nil, nil, nil
	h.redacted = false
	clear(h.sensitive)
	h.sensitive = h.sensitive[:0]
}

// read reads the headers array: [{"name":..,"value":..}, ...].
func (h *headerState) read(v *fastjson.Value) {
	n := 0
	h.list = append(h.list, '[')
	for _, e := range array(v) {
		if e.Type() != fastjson.TypeObject {
			continue
		}
		o, _ := e.Object()
		name, value := str(o.Get("name")), str(o.Get("value"))
		if o.Get("name") != nil && len(name) == 0 {
			// "-" is a name, not WAF's "no value".
			name, _ = o.Get("name").StringBytes()
		}
		if o.Get("value") != nil && len(value) == 0 {
			value, _ = o.Get("value").StringBytes()
		}
		if vv := o.Get("value"); vv != nil && vv.Type() != fastjson.TypeNull && isSensitive(o) {
			// Whatever its type: a credential is never written back.
			value = redact(name, value)
			h.redacted = true
			h.sensitive = append(h.sensitive, redaction{o, value})
		}
		if len(name) == 0 && len(value) == 0 {
			continue
		}
		value = clip(value, maxLeafBytes)

		if n > 0 {
			h.list = append(h.list, ',')
		}
		h.list = append(h.list, '{')
		if len(name) > 0 {
			h.list = append(h.list, `"name":`...)
			h.list = ecs.AppendStringBytes(h.list, clip(name, maxLeafBytes))
			if len(value) > 0 {
				h.list = append(h.list, ',')
			}
		}
		if len(value) > 0 {
			h.list = append(h.list, `"value":`...)
			h.list = ecs.AppendStringBytes(h.list, value)
		}
		h.list = append(h.list, '}')
		n++

		if len(name) == 0 || len(name) > maxHeaderKey || len(value) == 0 {
			continue
		}
		from := len(h.keys)
		for _, c := range name {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
			default:
				c = '_'
			}
			h.keys = append(h.keys, c)
		}
		switch {
		case h.host == nil && bytes.EqualFold(name, []byte("host")):
			h.host = value
		case h.userAgent == nil && bytes.EqualFold(name, []byte("user-agent")):
			h.userAgent = value
		case h.referer == nil && bytes.EqualFold(name, []byte("referer")):
			h.referer = value
		}
		h.entries = append(h.entries, headerEntry{from, len(h.keys), value})
	}
	if n == 0 {
		h.list = h.list[:0]
		return
	}
	h.list = append(h.list, ']')
}

// write sets aws.waf.request.header_list, aws.waf.request.headers (an
// object of one string per name, or an array when the name repeats; names
// equal once lower-cased and sanitized count as one) and
// aws.waf.request.x_forwarded_for.
//
// The map is written as one value, not one field per header: the event
// caches a document's shape by its set of field paths, and header sets
// vary from client to client, so per-header fields made most documents a
// new shape, which doubled the cost of writing them.
func (h *headerState) write(ev *ecs.Event) {
	ev.RawJSON("aws.waf.request.header_list", h.list)
	if len(h.entries) == 0 {
		return
	}
	keys := h.keys
	key := func(e headerEntry) []byte { return keys[e.keyFrom:e.keyTo] }
	slices.SortStableFunc(h.entries, func(a, b headerEntry) int { return bytes.Compare(key(a), key(b)) })
	b := append(h.scratch[:0], '{')
	xff, xffEnd := -1, -1
	for i := 0; i < len(h.entries); {
		j := i + 1
		for j < len(h.entries) && bytes.Equal(key(h.entries[j]), key(h.entries[i])) {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, key(h.entries[i])...) // a-z, 0-9 and _ only
		b = append(b, '"', ':')
		start := len(b)
		if j == i+1 {
			b = ecs.AppendStringBytes(b, h.entries[i].value)
		} else {
			b = append(b, '[')
			for k := i; k < j; k++ {
				if k > i {
					b = append(b, ',')
				}
				b = ecs.AppendStringBytes(b, h.entries[k].value)
			}
			b = append(b, ']')
		}
		if string(key(h.entries[i])) == "x_forwarded_for" {
			xff, xffEnd = start, len(b)
		}
		i = j
	}
	b = append(b, '}')
	ev.RawJSON("aws.waf.request.headers", b)
	if xff >= 0 {
		ev.RawJSON("aws.waf.request.x_forwarded_for", b[xff:xffEnd])
	}
	h.scratch = b
}

// isSensitive reports whether a header object names a credential header
// (any of its "name" members, should the name repeat).
func isSensitive(o *fastjson.Object) bool {
	found := false
	o.Visit(func(key []byte, v *fastjson.Value) {
		if found || string(key) != "name" || v.Type() != fastjson.TypeString {
			return
		}
		name, _ := v.StringBytes()
		for _, s := range sensitiveHeaders {
			if len(name) == len(s) && bytes.EqualFold(name, []byte(s)) {
				found = true
				return
			}
		}
	})
	return found
}

// redact returns a credential header's value with the secret replaced:
// an Authorization value keeps its scheme ("Bearer [REDACTED]"), a
// Cookie value its cookie names ("session=[REDACTED]; theme=[REDACTED]"),
// anything else becomes "[REDACTED]". The scheme and the cookie names say
// how a client authenticated without letting anyone replay it.
func redact(name, value []byte) []byte {
	lower := bytes.ToLower(name)
	switch string(lower) {
	case "authorization", "proxy-authorization":
		value = bytes.TrimSpace(value)
		if sp := bytes.IndexByte(value, ' '); sp > 0 && sp <= 32 && isToken(value[:sp]) {
			return append(append([]byte(nil), value[:sp+1]...), redactedMark...)
		}
	case "cookie":
		var out []byte
		for part := range bytes.SplitSeq(value, []byte(";")) {
			part = bytes.TrimSpace(part)
			if len(part) == 0 {
				continue
			}
			if len(out) > 0 {
				out = append(out, "; "...)
			}
			if eq := bytes.IndexByte(part, '='); eq > 0 && eq <= 64 && isToken(part[:eq]) {
				out = append(out, part[:eq+1]...)
			}
			out = append(out, redactedMark...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return []byte(redactedMark)
}

// isToken reports whether b is an HTTP token (RFC 9110): the characters
// of a scheme or cookie name, never of a secret's padding or separators.
func isToken(b []byte) bool {
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case bytes.IndexByte([]byte("!#$%&'*+-.^_`|~"), c) >= 0:
		default:
			return false
		}
	}
	return len(b) > 0
}

// redactOriginal replaces the credentials in the parsed record, so that
// it can be written again as event.original.
func (st *state) redactOriginal() {
	for _, r := range st.hdrs.sensitive {
		for r.obj.Get("value") != nil {
			r.obj.Del("value")
		}
		r.obj.Set("value", st.arena.NewStringBytes(r.value))
	}
}
