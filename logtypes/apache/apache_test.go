package apache

import (
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// fields normalizes line with f and returns the wanted fields' JSON.
func fields(t *testing.T, f normalizeFunc, line string, paths ...string) map[string]string {
	t.Helper()
	var ev ecs.Event
	if err := f([]byte(line), &ev); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		if v, ok := ev.Lookup(p); ok {
			out[p] = string(v)
		}
	}
	return out
}

func check(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; w == "" && ok {
			t.Errorf("%s = %s, want absent", k, g)
		} else if w != "" && g != w {
			t.Errorf("%s = %q, want %q", k, g, w)
		}
	}
}

func TestAccessLayouts(t *testing.T) {
	paths := []string{"@timestamp", "source.ip", "source.address", "source.domain", "destination.domain", "destination.ip", "destination.port",
		"apache.access.x_forwarded_for", "user.name", "apache.access.identity", "related.ip", "related.hosts", "url.domain",
		"http.request.bytes", "http.response.bytes", "http.response.body.bytes", "apache.access.trailing", "user_agent.original", "http.request.referrer"}
	for _, c := range []struct {
		name, line string
		want       map[string]string
	}{
		{"common IPv6 with negative offset", `2001:db8::1 - - [31/Dec/2026:23:59:59 -0330] "GET / HTTP/1.1" 200 45`, map[string]string{
			"@timestamp": `"2027-01-01T03:29:59Z"`, "source.ip": `"2001:db8::1"`, "source.address": `"2001:db8::1"`, "user.name": "",
			"destination.domain": "", "apache.access.x_forwarded_for": "", "http.response.body.bytes": "45", "user_agent.original": ""}},
		{"vhost with port", `shop.example.com:8443 192.0.2.1 ident bob [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"`, map[string]string{
			"destination.domain": `"shop.example.com"`, "destination.port": "8443", "url.domain": `"shop.example.com"`, "source.ip": `"192.0.2.1"`,
			"user.name": `"bob"`, "apache.access.identity": `"ident"`, "related.hosts": `["shop.example.com"]`, "http.request.referrer": ""}},
		{"vhost as address with port", `10.0.0.5:80 192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"destination.ip": `"10.0.0.5"`, "destination.port": "80", "destination.domain": "", "related.ip": `["192.0.2.1","10.0.0.5"]`}},
		{"XFF single IPv6 (not a vhost)", `2001:db8::9 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"apache.access.x_forwarded_for": `"2001:db8::9"`, "destination.domain": "", "source.ip": `"10.0.0.1"`, "related.ip": `["10.0.0.1","2001:db8::9"]`}},
		{"XFF list with spaces and unknown", `203.0.113.5, unknown, 198.51.100.2 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"apache.access.x_forwarded_for": `"203.0.113.5, unknown, 198.51.100.2"`, "related.ip": `["10.0.0.1","203.0.113.5","198.51.100.2"]`}},
		{"vhost then XFF", `www.example.com:443 203.0.113.5 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"destination.domain": `"www.example.com"`, "apache.access.x_forwarded_for": `"203.0.113.5"`, "source.ip": `"10.0.0.1"`}},
		{"XFF unknown (not a vhost)", `unknown 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"apache.access.x_forwarded_for": `"unknown"`, "destination.domain": "", "related.ip": `["10.0.0.1"]`}},
		{"vhost without port", `vhost1.domaine.fr 192.168.33.2 - - [26/Dec/2016:16:22:14 +0000] "GET /hello HTTP/1.1" 404 499`, map[string]string{
			"destination.domain": `"vhost1.domaine.fr"`, "destination.port": "", "url.domain": `"vhost1.domaine.fr"`, "apache.access.x_forwarded_for": ""}},
		{"IPv6 client with zone", `fe80::1%eth0 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"source.ip": `"fe80::1"`, "source.address": `"fe80::1%eth0"`, "source.domain": "", "destination.domain": ""}},
		{"user with a space (known limit: no dash is indexed)", `192.0.2.1 - John Doe [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"source.address": "", "source.domain": "", "source.ip": "", "user.name": `"Doe"`}},
		{"XFF dash", `- 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"apache.access.x_forwarded_for": "", "destination.domain": ""}},
		{"host name client", `client.example.net - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"source.domain": `"client.example.net"`, "source.address": `"client.example.net"`, "source.ip": "", "related.hosts": `["client.example.net"]`}},
		{"combinedio", `192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 100 "-" "curl/8" 310 522`, map[string]string{
			"http.request.bytes": "310", "http.response.bytes": "522", "http.response.body.bytes": "100", "apache.access.trailing": ""}},
		{"trailing response time and quoted header", `192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 100 "-" "curl/8" 1234 "x y"`, map[string]string{
			"http.request.bytes": "", "apache.access.trailing": `"1234 \"x y\""`}},
		{"trailing dash", `192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 100 "-" "curl/8" "-"`, map[string]string{
			"apache.access.trailing": ""}},
		{"escaped quotes and backslash", `192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "http://a/\"b\"" "UA \\ \"x\" \x01"`, map[string]string{
			"http.request.referrer": `"http://a/\"b\""`, "user_agent.original": `"UA \\ \"x\" \\x01"`}},
		{"IPv4-mapped client", `::ffff:192.0.2.7 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, map[string]string{
			"source.ip": `"192.0.2.7"`, "source.address": `"::ffff:192.0.2.7"`}},
	} {
		t.Run(c.name, func(t *testing.T) { check(t, fields(t, accessFunc, c.line, paths...), c.want) })
	}
}

func TestAccessRequest(t *testing.T) {
	paths := []string{"http.request.method", "http.version", "url.original", "url.path", "url.query", "url.extension", "url.fragment",
		"url.scheme", "url.domain", "url.port", "url.full", "apache.access.request", "event.outcome", "http.response.body.bytes"}
	line := func(req string) string {
		return `192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "` + req + `" 400 -`
	}
	for _, c := range []struct {
		req  string
		want map[string]string
	}{
		{"-", map[string]string{"http.request.method": "", "url.original": "", "apache.access.request": "", "event.outcome": `"failure"`, "http.response.body.bytes": "0"}},
		{`\x16\x03\x01\x00\xa5\x01`, map[string]string{"apache.access.request": `"\\x16\\x03\\x01\\x00\\xa5\\x01"`, "http.request.method": "", "url.original": ""}},
		{"GET /index.html", map[string]string{"http.request.method": `"GET"`, "http.version": "", "url.path": `"/index.html"`, "url.extension": `"html"`, "url.full": ""}},
		{"GET /a%20b/c.tar.gz?x=%26&y#frag HTTP/1.0", map[string]string{"http.version": `"1.0"`, "url.original": `"/a%20b/c.tar.gz?x=%26&y#frag"`,
			"url.path": `"/a b/c.tar.gz"`, "url.query": `"x=%26&y"`, "url.fragment": `"frag"`, "url.extension": `"gz"`}},
		{"GET /bad%zz/%ff HTTP/1.1", map[string]string{"url.path": `"/bad%zz/%ff"`}},
		{"GET /%ff HTTP/1.1", map[string]string{"url.path": `"/%ff"`}},
		{"GET /dir.d/file HTTP/1.1", map[string]string{"url.extension": ""}},
		{"GET https://user@[2001:db8::1]:8443/p?q HTTP/1.1", map[string]string{"url.scheme": `"https"`, "url.domain": `"[2001:db8::1]"`, "url.port": "8443", "url.path": `"/p"`, "url.query": `"q"`,
			"url.full": `"https://user@[2001:db8::1]:8443/p?q"`}},
		{"CONNECT example.com:443 HTTP/1.1", map[string]string{"url.domain": `"example.com"`, "url.port": "443", "url.path": ""}},
		{"CONNECT [2001:db8::1]:443 HTTP/1.1", map[string]string{"url.domain": `"[2001:db8::1]"`, "url.port": "443"}},
		// The extension is the decoded path's, as Elastic's.
		{"GET /shell%2Ephp HTTP/1.1", map[string]string{"url.path": `"/shell.php"`, "url.extension": `"php"`}},
		{"OPTIONS * HTTP/1.1", map[string]string{"url.original": `"*"`, "url.path": "", "url.domain": ""}},
		{`GET /x HTTP/1.1\r\nHost: a`, map[string]string{"http.request.method": `"GET"`, "url.original": `"/x HTTP/1.1\\r\\nHost: a"`}},
	} {
		t.Run(c.req, func(t *testing.T) { check(t, fields(t, accessFunc, line(c.req), paths...), c.want) })
	}
}

func TestAccessBroken(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 2OO 1`, "status"},
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1k`, "size"},
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1`, "closing quote"},
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1"`, "no status"},
		{`192.0.2.1 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, "bad time"},
		{`192.0.2.1 - - [27/Foo/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, "bad time"},
		{`- - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, "words before the time"},
		{`just some text`, "not in an access log format"},
	} {
		var ev ecs.Event
		err := accessFunc([]byte(c.line), &ev)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "apache access line: ") {
			t.Errorf("%s: error %v, want one saying %q", c.line, err, c.want)
		}
	}
}

func TestNormalizeLine(t *testing.T) {
	for _, c := range []struct {
		line         string
		access, errl bool // whether each claims the line
		accessErr    bool
	}{
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, true, false, false},
		{`[27/Nov/2026:10:00:00 +0000] 192.0.2.1 TLSv1.3 TLS_AES_128_GCM_SHA256 "GET / HTTP/1.1" 1`, true, false, false},
		{`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 2OO 1`, true, false, true},
		{`[Fri Nov 27 10:00:01.482913 2026] [core:notice] [pid 1] AH00094: Command line: 'httpd'`, false, true, false},
		{`10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] 200`, false, false, false},
		{`{"level":"info","msg":"listening"}`, false, false, false},
		{`2026/11/27 10:00:00 [error] 7#7: *1 open() failed`, false, false, false},
		{``, false, false, false},
	} {
		var ev ecs.Event
		ok, err := NormalizeAccessLine([]byte(c.line), &ev)
		if ok != c.access || (err != nil) != c.accessErr {
			t.Errorf("NormalizeAccessLine(%s) = %v, %v", c.line, ok, err)
		}
		if (!ok || err != nil) && ev.Len() != 0 {
			t.Errorf("NormalizeAccessLine(%s) set fields on a line it did not map", c.line)
		}
		ev.Reset()
		ok, err = NormalizeErrorLine([]byte(c.line), &ev)
		if ok != c.errl || err != nil {
			t.Errorf("NormalizeErrorLine(%s) = %v, %v", c.line, ok, err)
		}
	}
}

func TestSSLRequestLog(t *testing.T) {
	got := fields(t, accessFunc, `[27/Nov/2026:10:00:00 +0100] 2001:db8::5 TLSv1 ECDHE-RSA-AES256-SHA "GET /x.php?a=1 HTTP/1.1" 1375`,
		"@timestamp", "source.ip", "tls.version", "tls.version_protocol", "tls.cipher", "url.path", "http.response.status_code", "event.outcome")
	check(t, got, map[string]string{"@timestamp": `"2026-11-27T09:00:00Z"`, "source.ip": `"2001:db8::5"`, "tls.version": `"1.0"`,
		"tls.version_protocol": `"tls"`, "tls.cipher": `"ECDHE-RSA-AES256-SHA"`, "url.path": `"/x.php"`, "http.response.status_code": "", "event.outcome": ""})
}

func TestErrorLine(t *testing.T) {
	paths := []string{"@timestamp", "log.level", "apache.error.module", "process.pid", "process.thread.id", "source.ip", "source.port", "source.address", "source.domain",
		"error.code", "message", "log.origin.file.name", "log.origin.file.line", "apache.error.os_error", "file.path", "http.request.referrer", "event.type"}
	for _, c := range []struct {
		name, line string
		want       map[string]string
	}{
		{"2.4 IPv6 client with port", `[Fri Nov 27 10:15:26.006731 2026] [core:info] [pid 2214:tid 1402] [client 2001:db8::2e7:53110] AH00128: File does not exist: /var/www/x`, map[string]string{
			"@timestamp": `"2026-11-27T10:15:26.006731Z"`, "source.ip": `"2001:db8::2e7"`, "source.port": "53110", "error.code": `"AH00128"`,
			"message": `"AH00128: File does not exist: /var/www/x"`, "file.path": `"/var/www/x"`, "event.type": `["info"]`, "process.thread.id": "1402"}},
		{"2.4 bracketed IPv6", `[Fri Nov 27 10:15:26.006731 2026] [core:error] [pid 1] [client [2001:db8::1]:443] x`, map[string]string{
			"source.ip": `"2001:db8::1"`, "source.port": "443", "source.address": `"2001:db8::1"`}},
		{"2.2 IPv6 client without port", `[Fri Nov 27 09:31:40 2026] [warn] [client 2001:db8::1:25] mod_fcgid: timeout`, map[string]string{
			"source.ip": `"2001:db8::1:25"`, "source.port": "", "apache.error.module": "", "process.pid": "", "event.type": `["error"]`, "message": `"mod_fcgid: timeout"`}},
		{"2.4 empty module, no tid", `[Fri Nov 27 09:31:40.1 2026] [:error] [pid 77] [client host.example.net:80] AH01797: client denied, referer: -`, map[string]string{
			"apache.error.module": "", "log.level": `"error"`, "process.pid": "77", "process.thread.id": "", "source.domain": `"host.example.net"`, "source.ip": "", "source.address": `"host.example.net"`, "source.port": "80",
			"http.request.referrer": "", "error.code": `"AH01797"`}},
		{"%F and %E", `[Fri Nov 27 10:15:33.019284 2026] [proxy:debug] [pid 2216:tid 9] proxy_util.c(2792): (111)Connection refused: [client 10.0.4.17:38810] AH00957: failed`, map[string]string{
			"log.origin.file.name": `"proxy_util.c"`, "log.origin.file.line": "2792", "apache.error.os_error": `"(111)Connection refused"`,
			"source.ip": `"10.0.4.17"`, "message": `"AH00957: failed"`, "error.code": `"AH00957"`, "event.type": `["info"]`}},
		{"%E without client stays in message", `[Fri Nov 27 09:32:02 2026] [crit] (13)Permission denied: /x/.htaccess pcfg_openfile: unable`, map[string]string{
			"apache.error.os_error": "", "message": `"(13)Permission denied: /x/.htaccess pcfg_openfile: unable"`, "event.type": `["error"]`}},
		{"referer", `[Mon Dec 26 16:22:00 2016] [error] [client 192.168.33.1] File does not exist: /var/www/favicon.ico, referer: http://192.168.33.72/`, map[string]string{
			"file.path": `"/var/www/favicon.ico"`, "http.request.referrer": `"http://192.168.33.72/"`}},
		{"space-padded day", `[Sun Dec  6 17:36:52 2026] [notice] started`, map[string]string{"@timestamp": `"2026-12-06T17:36:52Z"`, "message": `"started"`}},
		{"one-digit day (time.Parse fallback)", `[Sun Dec 6 17:36:52.25 2026] [notice] started`, map[string]string{"@timestamp": `"2026-12-06T17:36:52.25Z"`}},
		{"nanoseconds", `[Sun Dec 06 17:36:52.123456789 2026] [notice] x`, map[string]string{"@timestamp": `"2026-12-06T17:36:52.123456789Z"`}},
		{"no message", `[Sun Dec  6 17:36:52 2026] [notice]`, map[string]string{"message": ""}},
	} {
		t.Run(c.name, func(t *testing.T) { check(t, fields(t, errorFunc, c.line, paths...), c.want) })
	}
}

func TestErrorZone(t *testing.T) {
	loc := time.FixedZone("UTC+05:30", 5*3600+1800)
	var ev ecs.Event
	if err := normalizeError([]byte(`[Fri Nov 27 10:00:00.5 2026] [core:notice] [pid 1] x`), &ev, "", loc); err != nil {
		t.Fatal(err)
	}
	ts, _ := ev.Lookup("@timestamp")
	tz, _ := ev.Lookup("event.timezone")
	if string(ts) != `"2026-11-27T04:30:00.5Z"` || string(tz) != `"UTC+05:30"` {
		t.Errorf("@timestamp %s, event.timezone %s", ts, tz)
	}
	ev.Reset()
	_ = errorFunc([]byte(`[Fri Nov 27 10:00:00 2026] [notice] x`), &ev)
	if ev.Has("event.timezone") {
		t.Error("UTC is recorded as event.timezone")
	}
}

func TestErrorBroken(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`[Fri Nov 27 10:17 2026] [core:error] x`, "bad time"},
		{`[Fri Nov 27 10:17:00 2O26] [core:error] x`, "bad time"},
		{`[Fri Nov 31 10:17:00 2026] [core:error] x`, "bad time"},
		{`[Fri Nov 27 10:17:00.12x 2026] [core:error] x`, "bad time"},
		{`[Fri Nov 27 24:17:00 2026] [core:error] x`, "bad time"},
		{`[Fri Nov 27 10:17:00 2026] [core:error] [pid x1] x`, "pid"},
		{`[Fri Nov 27 10:17:00 2026] [core:error] [pid 1:tid y] x`, "tid"},
		{`[Fri Nov 27 10:17:00 2026] [core:] x`, "no level"},
		{`PHP Warning: something`, "not in an error log format"},
		{`[Fri Nov 27 10:17:00 2026] no level`, "not in an error log format"},
	} {
		var ev ecs.Event
		err := errorFunc([]byte(c.line), &ev)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "apache error line: ") {
			t.Errorf("%s: error %v, want one saying %q", c.line, err, c.want)
		}
	}
}

func TestOrigin(t *testing.T) {
	o := originOf("AWSLogs/aws-account-id=123456789012/service=apache-access/web-site-name=shop/aws-region=eu-west-1/2026/11/27/09/x")
	if o.site != "shop" || o.region != "eu-west-1" || o.account != "123456789012" {
		t.Errorf("%+v", o)
	}
	if o := originOf("apache/access/web-site-name=/x-aws-region=eu-west-1/y"); o != (origin{}) {
		t.Errorf("%+v", o)
	}
	for s, want := range map[string]string{
		"i-0a1b2c3d4e5f67890": "i-0a1b2c3d4e5f67890", "web-01_i-0a1b2c3d": "i-0a1b2c3d", "ip-10-0-1-23": "",
		"i-0a1b2c3d4e5f678901": "", "xi-0a1b2c3d": "", "i-0A1B2C3D": "", "apache/i-12345678/access": "i-12345678",
	} {
		if got := instanceID(s); got != want {
			t.Errorf("instanceID(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestOriginWrite(t *testing.T) {
	o := originOf("AWSLogs/aws-account-id=123456789012/service=apache-access/web-site-name=shop/aws-region=eu-west-1/x")
	rec := siem.Record{Record: parser.Record{Delivery: &parser.Delivery{Meta: &envelope.CloudWatchLogsMeta{
		LogGroup: "/web/shop/apache/ssl_access_log", LogStream: "i-0a1b2c3d4e5f67890", Owner: "210987654321"}}}}
	var ev ecs.Event
	ev.Keyword("cloud.account.id", "210987654321") // as the envelope maps it
	inst := o.instance(&rec)
	if err := normalizeAccess([]byte(`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`), &ev, inst); err != nil {
		t.Fatal(err)
	}
	o.write(&rec, &ev, inst)
	for path, want := range map[string]string{
		"service.name": `"shop"`, "cloud.region": `"eu-west-1"`, "cloud.account.id": `"210987654321"`,
		"cloud.instance.id": `"i-0a1b2c3d4e5f67890"`, "related.hosts": `["i-0a1b2c3d4e5f67890"]`, "url.scheme": `"https"`,
	} {
		if got, _ := ev.Lookup(path); string(got) != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	// A plain object at such a key: the key's account, no instance.
	ev.Reset()
	rec = siem.Record{}
	_ = normalizeAccess([]byte(`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`), &ev, "")
	o.write(&rec, &ev, o.instance(&rec))
	if got, _ := ev.Lookup("cloud.account.id"); string(got) != `"123456789012"` || ev.Has("cloud.instance.id") || ev.Has("url.scheme") {
		t.Errorf("plain object: cloud.account.id %s, instance %v, scheme %v", got, ev.Has("cloud.instance.id"), ev.Has("url.scheme"))
	}
}
