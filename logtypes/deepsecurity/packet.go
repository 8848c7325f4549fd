package deepsecurity

import (
	"bytes"
	"encoding/base64"
	"unicode/utf8"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// maxPacket bounds the decoded payload kept: Deep Security sends at most
// a packet's worth, so anything larger is not its packet data.
const maxPacket = 64 << 10

// packet maps TrendMicroDsPacketData and xff. The payload is base64; when
// it decodes to text (an HTTP request, say) the text is kept without its
// Cookie and Set-Cookie lines, which carry session secrets, its request
// line and headers are read into http.*, url.*, user_agent.original and
// network.forwarded_ip, and the base64 is dropped. A payload that is not
// text is kept as sent.
func (r *record) packet(ev *ecs.Event, ips *ipSet) {
	xff := r.v[kXff]
	data := r.v[kPacketData]
	if len(data) > 0 {
		text, ok := decodeText(data)
		if !ok {
			ev.KeywordBytes(Namespace+".packet_data", data)
		} else {
			hx := r.httpText(ev, text)
			if len(xff) == 0 {
				xff = hx
			}
		}
	}
	if len(xff) > 0 {
		ev.KeywordBytes(Namespace+".xff", xff)
		first := xff
		if i := bytes.IndexByte(first, ','); i >= 0 {
			first = first[:i]
		}
		if ip, ok := parser.ParseAddrDropZone(bytes.TrimSpace(first)); ok {
			ev.IP("network.forwarded_ip", ip)
			ips.add(ip)
		}
	}
}

// decodeText decodes base64 (padded or not) into text: UTF-8 without
// control characters other than tab, CR and LF.
func decodeText(b []byte) ([]byte, bool) {
	b = bytes.TrimRight(bytes.TrimSpace(b), "=")
	if len(b) == 0 || base64.RawStdEncoding.DecodedLen(len(b)) > maxPacket {
		return nil, false
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(b)))
	n, err := base64.RawStdEncoding.Decode(out, b)
	if err != nil {
		// A payload cut mid-quantum still decodes up to the cut.
		if n == 0 {
			return nil, false
		}
	}
	out = out[:n]
	if !utf8.Valid(out) {
		return nil, false
	}
	for _, c := range out {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
			return nil, false
		}
	}
	return out, len(out) > 0
}

var httpMethods = [...]string{"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE", "PROPFIND"}

// httpText keeps the payload text without cookie lines, reads an HTTP
// request's first line and headers, and returns X-Forwarded-For.
func (r *record) httpText(ev *ecs.Event, text []byte) (xff []byte) {
	kept := make([]byte, 0, len(text))
	first := true
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimRight(line, "\r")
		name, value, isHeader := header(line)
		if isHeader && (bytes.EqualFold(name, []byte("Cookie")) || bytes.EqualFold(name, []byte("Set-Cookie"))) {
			continue
		}
		if len(kept) > 0 {
			kept = append(kept, '\n')
		}
		kept = append(kept, line...)
		if first {
			first = false
			r.requestLine(ev, line)
			continue
		}
		if !isHeader {
			continue
		}
		switch {
		case bytes.EqualFold(name, []byte("X-Forwarded-For")):
			xff = value
		case bytes.EqualFold(name, []byte("User-Agent")):
			ev.KeywordBytes("user_agent.original", value)
		case bytes.EqualFold(name, []byte("Referer")):
			ev.KeywordBytes("http.request.referrer", value)
		case bytes.EqualFold(name, []byte("Host")):
			ev.KeywordBytes("url.domain", hostOnly(value))
		}
	}
	ev.KeywordBytes(Namespace+".packet_text", kept)
	return xff
}

// requestLine reads "METHOD target HTTP/x.y".
func (r *record) requestLine(ev *ecs.Event, line []byte) {
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 {
		return
	}
	method := line[:sp]
	known := false
	for _, m := range httpMethods {
		if string(method) == m {
			known = true
			break
		}
	}
	rest := line[sp+1:]
	sp = bytes.LastIndexByte(rest, ' ')
	if !known || sp <= 0 || !bytes.HasPrefix(rest[sp+1:], []byte("HTTP/")) {
		return
	}
	ev.KeywordBytes("http.request.method", method)
	ev.KeywordBytes("http.version", rest[sp+1+len("HTTP/"):])
	target := rest[:sp]
	if len(r.v[kRequest]) == 0 {
		ev.KeywordBytes("url.original", target)
	}
	path := target
	if i := bytes.IndexByte(path, '?'); i >= 0 {
		ev.KeywordBytes("url.query", path[i+1:])
		path = path[:i]
	}
	if len(path) > 0 && path[0] == '/' {
		ev.KeywordBytes("url.path", path)
	}
}

// header splits "Name: value".
func header(line []byte) (name, value []byte, ok bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return nil, nil, false
	}
	for _, c := range line[:i] {
		if c <= ' ' || c >= 0x7f {
			return nil, nil, false
		}
	}
	return line[:i], bytes.TrimSpace(line[i+1:]), true
}

// hostOnly drops a port from a Host header.
func hostOnly(h []byte) []byte {
	if len(h) > 0 && h[0] == '[' {
		if i := bytes.IndexByte(h, ']'); i > 0 {
			return h[1:i]
		}
		return nil
	}
	if i := bytes.LastIndexByte(h, ':'); i >= 0 && bytes.IndexByte(h[:i], ':') < 0 {
		return h[:i]
	}
	return h
}
