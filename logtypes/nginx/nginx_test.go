package nginx_test

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/xff"
	"github.com/siem-go/siem/logtypes/nginx"
	"github.com/siem-go/siem/siemtest"
)

// doc normalizes one access line with NormalizeAccessLine and returns
// the document as a map of dotted fields.
func doc(t *testing.T, line string) map[string]any {
	t.Helper()
	var ev ecs.Event
	ok, err := nginx.NormalizeAccessLine([]byte(line), &ev)
	if !ok || err != nil {
		t.Fatalf("NormalizeAccessLine(%q) = %v, %v", line, ok, err)
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	return flatten(t, ev.AppendJSON(nil))
}

func flatten(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	out := map[string]any{}
	var walk func(string, map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
				continue
			}
			out[prefix+k] = v
		}
	}
	walk("", m)
	return out
}

func check(t *testing.T, got map[string]any, want map[string]any) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		if w == nil {
			if ok {
				t.Errorf("%s = %v, want absent", k, g)
			}
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %#v, want %#v", k, g, w)
		}
	}
}

// TestAccessVariants covers the lines Elastic's tests fold into the
// record before them (their multiline pattern wants an IPv4 address
// first), with values read from the line by hand.
func TestAccessVariants(t *testing.T) {
	cases := []struct {
		line string
		want map[string]any
	}{
		{`"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront"`,
			map[string]any{"@timestamp": "2016-01-22T13:18:29Z", "source.ip": "10.2.1.185", "source.address": "10.2.1.185",
				"nginx.access.x_forwarded_for": "10.5.102.222, 199.96.1.1, 204.246.1.1",
				"nginx.access.remote_ip_list":  []any{"10.5.102.222", "199.96.1.1", "204.246.1.1", "10.2.1.185"},
				"url.path":                     "/assets/xxxx", "url.query": "q=100", "destination.domain": nil, "user_agent.original": "Amazon CloudFront"}},
		{`2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "Mozilla/5.0 (compatible; Facebot 1.0; https://developers.facebook.com/docs/sharing/webmasters/crawler)"`,
			map[string]any{"source.ip": "10.2.2.121", "nginx.access.x_forwarded_for": "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6, 10.225.192.17",
				"event.outcome": "failure", "url.extension": "html", "destination.ip": nil}},
		{`127.0.0.1 - - [12/Apr/2018:09:48:40 +0200] "" 400 0 "-" "-"`,
			map[string]any{"@timestamp": "2018-04-12T07:48:40Z", "http.response.status_code": float64(400), "http.response.body.bytes": float64(0),
				"url.original": nil, "http.request.method": nil, "nginx.access.request": nil, "user_agent.original": nil, "http.request.referrer": nil}},
		{`unix: - - [26/Feb/2019:15:39:42 +0100] "hello" 400 173 "-" "-"`,
			map[string]any{"source.address": "unix:", "source.ip": nil, "source.domain": nil, "nginx.access.request": "hello", "url.original": nil, "related.ip": nil}},
		{`localhost - - [29/May/2017:19:02:48 +0000] "GET /test2 HTTP/1.1" 200 612 "-" "Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20120716 Firefox/15.0a2" "-"`,
			map[string]any{"source.address": "localhost", "source.domain": "localhost", "related.hosts": []any{"localhost"}, "nginx.access.x_forwarded_for": nil}},
		{`example.com:80 unix: - - [26/Feb/2019:15:39:42 +0100] "hello" 400 173 "-" "-"`,
			map[string]any{"destination.domain": "example.com", "destination.port": float64(80), "source.address": "unix:"}},
		{`67.43.156.15 2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "-"`,
			map[string]any{"destination.ip": "67.43.156.15", "source.ip": "10.2.2.121", "nginx.access.x_forwarded_for": "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6, 10.225.192.17",
				// The peer, the destination, then the chain.
				"related.ip": []any{"10.2.2.121", "67.43.156.15", "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6", "10.225.192.17"}}},
		// The stock "main" format, IPv6 peer, a user, a custom field.
		{`2001:db8::7 - alice [01/Mar/2024:23:59:60 -0930] "GET http://[2001:db8::1]:8080/a/b.tar.gz?x=1#top HTTP/2.0" 302 0 "https://ref.example/" "curl/8.5.0" "198.51.100.1, 10.0.0.5" 0.012 "upstream"`,
			map[string]any{"@timestamp": "2024-03-02T09:29:59Z", "source.ip": "2001:db8::7", "user.name": "alice", "related.user": []any{"alice"},
				"url.scheme": "http", "url.domain": "[2001:db8::1]", "url.port": float64(8080), "url.path": "/a/b.tar.gz", "url.extension": "gz",
				"url.query": "x=1", "url.fragment": "top", "url.full": "http://[2001:db8::1]:8080/a/b.tar.gz?x=1#top", "http.version": "2.0",
				"nginx.access.x_forwarded_for": "198.51.100.1, 10.0.0.5", "nginx.access.extra": `0.012 "upstream"`, "event.outcome": "success"}},
		// Both a leading chain and a trailing header.
		{`203.0.113.9, 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" "198.51.100.1"`,
			map[string]any{"source.ip": "10.0.0.1", "nginx.access.x_forwarded_for": []any{"203.0.113.9", "198.51.100.1"},
				"related.ip": []any{"10.0.0.1", "203.0.113.9", "198.51.100.1"}}},
		// A quoted trailing chain repeating the peer: no duplicate, no quote.
		{`10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" "2001:db8::5, 10.0.0.1"`,
			map[string]any{"related.ip": []any{"10.0.0.1", "2001:db8::5"}}},
		// url.path is percent-decoded once, as Elastic does; url.original
		// and url.query stay as logged; a malformed escape or non-UTF-8
		// result keeps the path as logged.
		{`192.0.2.199 - - [27/Nov/2026:10:00:00 +0000] "GET /cgi-bin/.%2e/.%2e/etc/passwd?a=%2F HTTP/1.1" 400 1 "-" "-"`,
			map[string]any{"url.path": "/cgi-bin/../../etc/passwd", "url.original": "/cgi-bin/.%2e/.%2e/etc/passwd?a=%2F", "url.query": "a=%2F", "url.extension": nil}},
		// The extension is the decoded path's, as Elastic's.
		{`192.0.2.199 - - [27/Nov/2026:10:00:00 +0000] "GET /shell%2Ephp HTTP/1.1" 404 1 "-" "-"`,
			map[string]any{"url.path": "/shell.php", "url.extension": "php"}},
		{`192.0.2.199 - - [27/Nov/2026:10:00:00 +0000] "GET /a%zz/b%ff HTTP/1.1" 400 1 "-" "-"`,
			map[string]any{"url.path": "/a%zz/b%ff"}},
		{`192.0.2.199 - - [27/Nov/2026:10:00:00 +0000] "GET /b%ff HTTP/1.1" 400 1 "-" "-"`,
			map[string]any{"url.path": "/b%ff"}},
		// A "[" inside the host part does not pass for the time.
		{`[2001:db8::1]:443 192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"`,
			map[string]any{"destination.ip": "2001:db8::1", "destination.port": float64(443), "source.ip": "192.0.2.1"}},
	}
	for _, c := range cases {
		t.Run(c.line[:20], func(t *testing.T) { check(t, doc(t, c.line), c.want) })
	}
}

// TestNormalizeAccessLineRefuses checks what the exported entry point
// reports for lines that are not access lines, or are broken ones.
func TestNormalizeAccessLineRefuses(t *testing.T) {
	for _, line := range []string{
		"",
		"hello world",
		`{"level":"info","msg":"listening on :8080"}`,
		`2026/11/27 10:00:00 [notice] 1#1: start worker process 29`,
		`192.0.2.1 - - [27/Nov/2026:10:00:00] "GET / HTTP/1.1" 200 1`, // no zone: not the format
	} {
		var ev ecs.Event
		ok, err := nginx.NormalizeAccessLine([]byte(line), &ev)
		if ok || err != nil || ev.Len() != 0 {
			t.Errorf("%q: got %v, %v, %d fields; want false, nil, nothing set", line, ok, err, ev.Len())
		}
	}
	for line, want := range map[string]string{
		`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 2000 1`:      "three-digit",
		`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 lots`:    "bytes sent",
		`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1 200 1`:        "closing quote",
		`192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] GET / HTTP/1.1 200 1`:         "not quoted",
		`a b c d - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`:         "at most",
		`192.0.2.1 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "" ""`: "", // not a date: not the format
	} {
		var ev ecs.Event
		ok, err := nginx.NormalizeAccessLine([]byte(line), &ev)
		if want == "" {
			if ok || err != nil {
				t.Errorf("%q: got %v, %v; want false, nil", line, ok, err)
			}
			continue
		}
		if !ok || err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, %v; want true and an error about %q", line, ok, err, want)
		}
	}
}

// TestXFFEnricherFindsElasticsClient checks the claim of the package
// documentation: with the private ranges trusted, the X-Forwarded-For
// enricher reading nginx.access.x_forwarded_for picks the client
// Elastic's pipeline picks, from the peer the type sets.
func TestXFFEnricherFindsElasticsClient(t *testing.T) {
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 127.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	e, err := xff.New(xff.Config{TrustedProxies: proxies, Fields: enrich.Fields{ByType: map[string][]string{
		"nginx-access": {"nginx.access.x_forwarded_for"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[string]string{
		// Elastic's expected source.ip for these lines of its fixtures.
		`10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "-"`:                                 "10.0.0.2",
		`10.0.0.2, 10.0.0.1, 67.43.156.14 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "-"`:                              "67.43.156.14",
		`67.43.156.15 2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET / HTTP/1.1" 404 1`: "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6",
	} {
		var ev ecs.Event
		if ok, err := nginx.NormalizeAccessLine([]byte(line), &ev); !ok || err != nil {
			t.Fatalf("%q: %v %v", line, ok, err)
		}
		e.Enrich("nginx-access", &ev)
		got, _ := ev.LookupString("source.ip")
		if netip.MustParseAddr(want).String() != got {
			t.Errorf("%q: source.ip %q after the enricher, want %q", line, got, want)
		}
	}
}

// TestErrorContext checks the reading of the request context appended to
// error messages, on records written by hand.
func TestErrorContext(t *testing.T) {
	input := strings.Join([]string{
		// A quote inside the request does not end it early.
		`2026/11/27 10:00:00 [error] 7#7: *1 invalid request, client: 192.0.2.9, server: _, request: "GET /a"b HTTP/1.1", host: "www.example.com:8443", referrer: "https://x.example/"`,
		// No server name ("-" is none), subrequest, upstream with a port.
		`2026/11/27 10:00:01 [warn] 7#7: *2 upstream server temporarily disabled, client: 2001:db8::9, server: -, request: "GET / HTTP/1.1", subrequest: "/auth", upstream: "http://10.0.0.5:8080/auth", host: "[2001:db8::10]"`,
		// Process-level message without a connection, and a message
		// that names "client:" in its own text.
		`2026/11/27 10:00:02 [notice] 1#1: gracefully shutting down, client: unknown`,
		`2026/11/27 10:00:03 [debug] 7#7: *3 http header: "client: 1.2.3.4"`,
		// A request that is not a request line.
		`2026/11/27 10:00:04 [info] 7#7: *4 client sent invalid method while reading client request line, client: 192.0.2.10, server: www.example.com, request: "\x16\x03\x01"`,
	}, "\n")
	res := siemtest.Run(t, nginx.Error(), "nginx/error/x.log", []byte(input))
	if res.Counts.Indexed != 5 {
		t.Fatalf("counts %v", res.Counts)
	}
	wants := []map[string]any{
		{"source.ip": "192.0.2.9", "nginx.error.server": "_", "url.original": "/a\"b", "url.domain": "www.example.com", "url.port": float64(8443),
			"http.request.referrer": "https://x.example/", "nginx.error.connection_id": float64(1), "event.type": []any{"error"}},
		{"source.ip": "2001:db8::9", "nginx.error.server": nil, "nginx.error.subrequest": "/auth", "nginx.error.upstream": "http://10.0.0.5:8080/auth",
			"url.domain": "[2001:db8::10]", "url.port": nil, "related.ip": []any{"2001:db8::9", "2001:db8::10"}, "log.level": "warn"},
		{"source.address": "unknown", "source.ip": nil, "nginx.error.connection_id": nil, "event.type": []any{"info"}, "process.pid": float64(1)},
		{"source.address": nil, "message": `http header: "client: 1.2.3.4"`},
		{"nginx.error.request": `\x16\x03\x01`, "http.request.method": nil, "url.original": nil, "source.ip": "192.0.2.10"},
	}
	for i, d := range res.Docs {
		t.Run(fmt.Sprint(d.Source.Record), func(t *testing.T) { check(t, flatten(t, d.Body), wants[i]) })
	}
}

// TestErrorMessagesJoined checks that error-log messages delivered one
// line each (a CloudWatch agent without multi_line_start_pattern) are
// joined into records, per payload, around a payload that is broken.
func TestErrorMessagesJoined(t *testing.T) {
	payload := func(stream string, msgs ...string) string {
		evs := make([]map[string]any, len(msgs))
		for i, m := range msgs {
			evs[i] = map[string]any{"id": fmt.Sprint(stream, i), "timestamp": 1795741560000 + i, "message": m}
		}
		b, _ := json.Marshal(map[string]any{"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/ec2/nginx/error",
			"logStream": stream, "subscriptionFilters": []string{"f"}, "logEvents": evs})
		return string(b)
	}
	obj := payload("i-0a1b2c3d4e5f60718",
		`2026/11/27 01:06:01 [error] 30#30: *402 FastCGI sent in stderr: "PHP message: one`,
		`PHP message: two" while reading response header from upstream, client: 10.0.1.23, server: s, request: "GET /a.php HTTP/1.1", host: "s"`,
		`2026/11/27 01:06:02 [notice] 1#1: exiting`,
	) + "\n{not json}\n" + payload("i-0f9e8d7c6b5a40312",
		`continuation of a record from another stream`,
		`2026/11/27 01:06:03 [warn] 29#29: *5 something`,
	)
	res := siemtest.Run(t, nginx.Error(), errorCWLKey, []byte(obj))
	if c := res.Counts; c.Indexed != 3 || c.DeadLettered != 2 {
		t.Fatalf("counts %v, want 3 indexed (joined), 2 dead-lettered (the broken payload, the orphan continuation)", c)
	}
	first := flatten(t, res.Docs[0].Body)
	check(t, first, map[string]any{
		"message":           "FastCGI sent in stderr: \"PHP message: one\nPHP message: two\" while reading response header from upstream, client: 10.0.1.23, server: s, request: \"GET /a.php HTTP/1.1\", host: \"s\"",
		"source.ip":         "10.0.1.23",
		"cloud.instance.id": "i-0a1b2c3d4e5f60718",
		"event.id":          "i-0a1b2c3d4e5f607180",
	})
	var numbers []int64
	for _, d := range res.Docs {
		numbers = append(numbers, d.Source.Record)
	}
	for _, dl := range res.DeadLetters {
		numbers = append(numbers, dl.Record)
	}
	if !reflect.DeepEqual(numbers, []int64{1, 2, 5, 3, 4}) {
		t.Errorf("record numbers %v, want documents 1, 2, 5 and dead letters 3, 4", numbers)
	}
}

// TestErrorBroken checks that a broken error-log record is dead-lettered
// with a reason that says what is wrong and what was expected, quoting at
// most 64 bytes of the record.
func TestErrorBroken(t *testing.T) {
	long := strings.Repeat("x", 5000)
	for line, want := range map[string]string{
		`2026/13/27 10:00:26 [error] 29#29: *23 a month that does not exist`: `bad time "2026/13/27 10:00:26": want yyyy/mm/dd hh:mm:ss`,
		`2026/11/27 10:00:26 [loud] 29#29: *23 shouting`:                     `unknown level "loud": want one of emerg, alert, crit, error, warn, notice, info, debug`,
		`2026/11/27 10:00:26 [` + long + `] 29#29: x`:                        `unknown level "` + long[:64] + `": want one of`,
		`2026/11/27 10:00:26 [error] 29#x: *23 bad thread`:                   `bad pid#tid "29#x": want two numbers such as 1234#1234`,
	} {
		res := siemtest.Run(t, nginx.Error(), "logs/web-01/nginx/error/2026/11/27/error.log", []byte(line+"\n"))
		if len(res.DeadLetters) != 1 {
			t.Fatalf("%.60s: %v, want it dead-lettered", line, res.Counts)
		}
		if got := res.DeadLetters[0].Reason; !strings.Contains(got, want) || len(got) > 200 {
			t.Errorf("%.60s: reason %q, want one of at most 200 bytes containing %q", line, got, want)
		}
	}
}
