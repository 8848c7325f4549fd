package pattern_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser/pattern"
)

func itoa(n int) string { return strconv.Itoa(n) }

// matcher is a Pattern or a Patterns.
type matcher interface {
	Match(line []byte, m *pattern.Match) bool
	Group(name string) int
	NoMatch() error
}

// groups returns the named groups of a match that took part in it.
func groups(t *testing.T, p matcher, names []string, m *pattern.Match) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names {
		i := p.Group(n)
		require.GreaterOrEqual(t, i, 0, "group %s", n)
		if m.Matched(i) {
			out[n] = m.String(i)
		}
	}
	return out
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name    string
		p       matcher
		groups  []string
		line    string
		matched string // the pattern's name, "" when the line must not match
		want    map[string]string
	}{{
		name: "Apache combined", p: apacheAccess, groups: apacheAccess.Groups(),
		line:    `203.0.113.7 - frank [01/May/2024:12:00:01 +0200] "GET /search?q=a%20b HTTP/1.1" 200 5213 "https://www.example.org/" "Mozilla/5.0 (X11; Linux x86_64)"`,
		matched: "Apache combined log format",
		want: map[string]string{
			"client": "203.0.113.7", "ident": "-", "user": "frank", "time": "01/May/2024:12:00:01 +0200",
			"request": "GET /search?q=a%20b HTTP/1.1", "status": "200", "bytes": "5213",
			"referrer": "https://www.example.org/", "agent": "Mozilla/5.0 (X11; Linux x86_64)",
		},
	}, {
		name: "Apache combined, escaped quote and trailing X-Forwarded-For", p: apacheAccess, groups: apacheAccess.Groups(),
		line:    `2001:db8::1 - - [01/May/2024:12:00:02 +0200] "GET /a\"b HTTP/1.1" 404 - "-" "curl/8.5.0 \"x\"" "198.51.100.9, 10.0.0.2"`,
		matched: "Apache combined log format",
		want: map[string]string{
			"client": "2001:db8::1", "ident": "-", "user": "-", "time": "01/May/2024:12:00:02 +0200",
			"request": `GET /a\"b HTTP/1.1`, "status": "404", "bytes": "-", "referrer": "-", "agent": `curl/8.5.0 \"x\"`,
			"forwarded_for": "198.51.100.9, 10.0.0.2",
		},
	}, {
		name: "Apache common, 408 without a request", p: apacheAccess, groups: apacheAccess.Groups(),
		line:    `192.0.2.10 - - [01/May/2024:12:00:03 +0200] "-" 408 -`,
		matched: "Apache common log format",
		want: map[string]string{
			"client": "192.0.2.10", "ident": "-", "user": "-", "time": "01/May/2024:12:00:03 +0200",
			"request": "-", "status": "408", "bytes": "-",
		},
	}, {
		name: "Apache common, TLS handshake on a plain port", p: apacheAccess, groups: apacheAccess.Groups(),
		line:    `192.0.2.11 - - [01/May/2024:12:00:04 +0200] "\x16\x03\x01\x02" 400 226`,
		matched: "Apache common log format",
		want: map[string]string{
			"client": "192.0.2.11", "ident": "-", "user": "-", "time": "01/May/2024:12:00:04 +0200",
			"request": `\x16\x03\x01\x02`, "status": "400", "bytes": "226",
		},
	}, {
		name: "Apache vhost_combined", p: apacheAccess, groups: apacheAccess.Groups(),
		line:    `www.example.org:443 203.0.113.8 - - [01/May/2024:12:00:05 +0200] "POST /login HTTP/2.0" 302 0 "https://www.example.org/login" "Mozilla/5.0"`,
		matched: "Apache vhost_combined log format",
		want: map[string]string{
			"vhost": "www.example.org", "port": "443", "client": "203.0.113.8", "ident": "-", "user": "-",
			"time": "01/May/2024:12:00:05 +0200", "request": "POST /login HTTP/2.0", "status": "302", "bytes": "0",
			"referrer": "https://www.example.org/login", "agent": "Mozilla/5.0",
		},
	}, {
		name: "Apache access, truncated", p: apacheAccess, groups: apacheAccess.Groups(),
		line: `203.0.113.7 - - [01/May/2024:12:00:01 +0200] "GET / HTTP/1.1`,
	}, {
		name: "Apache error 2.4", p: apacheError, groups: apacheError.Groups(),
		line:    `[Wed May 01 12:00:06.123456 2024] [proxy_fcgi:error] [pid 2211:tid 140212] [client 203.0.113.7:51234] AH01071: Got error 'Primary script unknown'`,
		matched: "Apache error log format",
		want: map[string]string{
			"time": "Wed May 01 12:00:06.123456 2024", "module": "proxy_fcgi", "level": "error", "pid": "2211", "tid": "140212",
			"client": "203.0.113.7:51234", "code": "AH01071", "message": "Got error 'Primary script unknown'",
		},
	}, {
		name: "Apache error 2.2 with referer", p: apacheError, groups: apacheError.Groups(),
		line:    `[Wed May 01 12:00:07 2024] [error] [client 203.0.113.7] File does not exist: /var/www/favicon.ico, referer: https://www.example.org/`,
		matched: "Apache error log format",
		want: map[string]string{
			"time": "Wed May 01 12:00:07 2024", "level": "error", "client": "203.0.113.7",
			"message": "File does not exist: /var/www/favicon.ico, referer: https://www.example.org/",
		},
	}, {
		name: "Apache error, process message", p: apacheError, groups: apacheError.Groups(),
		line:    `[Wed May 01 12:00:00.000001 2024] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.59 (Unix) configured -- resuming normal operations`,
		matched: "Apache error log format",
		want: map[string]string{
			"time": "Wed May 01 12:00:00.000001 2024", "module": "mpm_event", "level": "notice", "pid": "1", "tid": "1",
			"code": "AH00489", "message": "Apache/2.4.59 (Unix) configured -- resuming normal operations",
		},
	}, {
		name: "NGINX main with a trailing X-Forwarded-For", p: nginxAccess, groups: nginxAccess.Groups(),
		line:    `10.0.3.17 - - [01/May/2024:12:00:08 +0000] "GET /api/v1/items?page=2 HTTP/1.1" 200 1532 "-" "okhttp/4.12.0" "198.51.100.23, 10.0.1.5"`,
		matched: "NGINX main log format",
		want: map[string]string{
			"client": "10.0.3.17", "user": "-", "time": "01/May/2024:12:00:08 +0000", "request": "GET /api/v1/items?page=2 HTTP/1.1",
			"status": "200", "bytes": "1532", "referrer": "-", "agent": "okhttp/4.12.0", "forwarded_for": "198.51.100.23, 10.0.1.5",
		},
	}, {
		name: "NGINX combined, escaped bytes", p: nginxAccess, groups: nginxAccess.Groups(),
		line:    `198.51.100.4 - alice [01/May/2024:12:00:09 +0000] "GET /\x22quoted\x22 HTTP/1.1" 404 153 "-" "-"`,
		matched: "NGINX main log format",
		want: map[string]string{
			"client": "198.51.100.4", "user": "alice", "time": "01/May/2024:12:00:09 +0000", "request": `GET /\x22quoted\x22 HTTP/1.1`,
			"status": "404", "bytes": "153", "referrer": "-", "agent": "-",
		},
	}, {
		name: "NGINX with a leading host and address list", p: nginxAccess, groups: nginxAccess.Groups(),
		line:    `shop.example.com:443 198.51.100.23, 10.0.1.5 10.0.3.17 - - [01/May/2024:12:00:10 +0000] "GET / HTTP/2.0" 200 612 "-" "Mozilla/5.0"`,
		matched: "NGINX log format with leading addresses",
		want: map[string]string{
			"addresses": "shop.example.com:443 198.51.100.23, 10.0.1.5 10.0.3.17", "user": "-", "time": "01/May/2024:12:00:10 +0000",
			"request": "GET / HTTP/2.0", "status": "200", "bytes": "612", "referrer": "-", "agent": "Mozilla/5.0",
		},
	}, {
		name: "NGINX error, two lines", p: nginxError, groups: nginxError.Groups(),
		line:    "2024/05/01 12:00:11 [error] 29#29: *117 FastCGI sent in stderr: \"PHP message: one\nPHP message: two\" while reading response header from upstream, client: 203.0.113.7",
		matched: "NGINX error log format",
		want: map[string]string{
			"time": "2024/05/01 12:00:11", "level": "error", "pid": "29", "tid": "29", "connection": "117",
			"message": "FastCGI sent in stderr: \"PHP message: one\nPHP message: two\" while reading response header from upstream, client: 203.0.113.7",
		},
	}, {
		name: "NGINX error, process level", p: nginxError, groups: nginxError.Groups(),
		line:    `2024/05/01 12:00:00 [notice] 1#1: start worker process 29`,
		matched: "NGINX error log format",
		want: map[string]string{
			"time": "2024/05/01 12:00:00", "level": "notice", "pid": "1", "tid": "1", "message": "start worker process 29",
		},
	}, {
		name: "RDS MySQL audit", p: mysqlAudit, groups: mysqlAudit.Groups(),
		line:    `20240501 12:00:12,ip-10-0-1-25,app,10.0.3.17,17,3312,QUERY,orders,'SELECT id, total FROM orders WHERE note = \'a,b\'',0`,
		matched: "RDS MySQL audit log format",
		want: map[string]string{
			"time": "20240501 12:00:12", "server_host": "ip-10-0-1-25", "user": "app", "host": "10.0.3.17",
			"connection_id": "17", "query_id": "3312", "operation": "QUERY", "database": "orders",
			"object": `'SELECT id, total FROM orders WHERE note = \'a,b\''`, "retcode": "0",
		},
	}, {
		name: "Aurora MySQL audit, connect", p: mysqlAudit, groups: mysqlAudit.Groups(),
		line:    `1714564812123456,ip-10-0-1-25,rdsadmin,localhost,9,0,CONNECT,,,0`,
		matched: "RDS MySQL audit log format",
		want: map[string]string{
			"time": "1714564812123456", "server_host": "ip-10-0-1-25", "user": "rdsadmin", "host": "localhost",
			"connection_id": "9", "query_id": "0", "operation": "CONNECT", "database": "", "object": "", "retcode": "0",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := pattern.Match{}
			ok := tt.p.Match([]byte(tt.line), &m)
			if tt.matched == "" {
				assert.False(t, ok)
				assert.Nil(t, m.Pattern())
				return
			}
			require.True(t, ok, "%s", tt.line)
			assert.Equal(t, tt.matched, m.Pattern().Name())
			assert.Equal(t, tt.want, groups(t, tt.p, tt.groups, &m))
			for name, value := range tt.want {
				assert.Equal(t, value, string(m.Get(name)), "Get(%q)", name)
			}
		})
	}
}

func TestNoMatch(t *testing.T) {
	var m pattern.Match
	assert.False(t, apacheCombined.Match([]byte("not a log line"), &m))
	assert.EqualError(t, apacheCombined.NoMatch(), "line does not match the Apache combined log format")
	assert.False(t, apacheAccess.Match([]byte("not a log line"), &m))
	assert.EqualError(t, apacheAccess.NoMatch(), "line does not match the Apache access log format (tried the Apache combined log format, "+
		"the Apache common log format, the Apache vhost_combined log format, the Apache SSL request log format)")
	var nm *pattern.NoMatchError
	require.ErrorAs(t, apacheAccess.NoMatch(), &nm)
	assert.Equal(t, "Apache access log format", nm.Format)
	assert.Same(t, apacheAccess.NoMatch(), apacheAccess.NoMatch(), "built once")
}

func TestCompile(t *testing.T) {
	_, err := pattern.Compile("broken format", `(?P<a>x`)
	assert.ErrorContains(t, err, "pattern broken format: error parsing regexp")
	assert.Panics(t, func() { pattern.MustCompile("broken", `(`) })

	p := pattern.MustCompile("alternation", `^(?:(?P<ip>\d+\.\d+\.\d+\.\d+)|\[(?P<ip>[0-9a-f:]+)\]):(?P<port>\d+)$`)
	assert.Equal(t, []string{"ip", "port"}, p.Groups())
	assert.Equal(t, "alternation", p.Name())
	assert.Equal(t, `^(?:(?P<ip>\d+\.\d+\.\d+\.\d+)|\[(?P<ip>[0-9a-f:]+)\]):(?P<port>\d+)$`, p.String())
	ip, port := p.Group("ip"), p.Group("port")
	var m pattern.Match
	require.True(t, p.Match([]byte("[2001:db8::1]:443"), &m))
	assert.Equal(t, "2001:db8::1", string(m.Bytes(ip)))
	require.True(t, p.Match([]byte("192.0.2.1:80"), &m))
	assert.Equal(t, "192.0.2.1", string(m.Bytes(ip)))
	assert.Equal(t, "80", string(m.Bytes(port)))
	start, end := m.Span(port)
	assert.Equal(t, []int{10, 12}, []int{start, end})
	assert.Equal(t, "192.0.2.1:80", string(m.Line()))
}

func TestMatchGroups(t *testing.T) {
	p := pattern.MustCompile("optional", `^(?P<a>x*)(?:-(?P<b>y+))?$`)
	a, b := p.Group("a"), p.Group("b")
	var m pattern.Match
	require.True(t, p.Match([]byte(""), &m))
	// An empty group is an empty slice; a group that took no part is nil.
	assert.NotNil(t, m.Bytes(a))
	assert.Empty(t, m.Bytes(a))
	assert.True(t, m.Matched(a))
	assert.Nil(t, m.Bytes(b))
	assert.False(t, m.Matched(b))
	// Unknown or out-of-range indexes read as no match.
	assert.Equal(t, -1, p.Group("missing"))
	assert.Nil(t, m.Bytes(-1))
	assert.Nil(t, m.Bytes(99))
	assert.Nil(t, m.Get("missing"))
	require.True(t, p.Match([]byte("xx-yy"), &m))
	got := m.Bytes(a)
	assert.Equal(t, "xx", string(got))
	assert.Equal(t, len(got), cap(got), "capacity cut to the group")
	// A failed match leaves nothing behind.
	assert.False(t, p.Match([]byte("z"), &m))
	assert.Nil(t, m.Bytes(a))
	assert.Nil(t, m.Pattern())
	assert.Nil(t, m.Get("a"))
	var zero pattern.Match
	assert.Nil(t, zero.Bytes(0))
	// Even in a nil line.
	require.True(t, p.Match(nil, &m))
	assert.NotNil(t, m.Bytes(a))
	assert.Nil(t, m.Bytes(b))
}

// A set's group indexes are its own: one index per name, whichever
// pattern matched, and a group the matching pattern lacks reads as not
// matched.
func TestPatternsGroups(t *testing.T) {
	vhost, client, referrer := apacheAccess.Group("vhost"), apacheAccess.Group("client"), apacheAccess.Group("referrer")
	var m pattern.Match
	require.True(t, apacheAccess.Match([]byte(`example.org:80 192.0.2.1 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`), &m))
	assert.Same(t, apacheVhost, m.Pattern())
	assert.Equal(t, "example.org", string(m.Bytes(vhost)))
	assert.Equal(t, "192.0.2.1", string(m.Bytes(client)))
	require.True(t, apacheAccess.Match([]byte(`192.0.2.2 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 1`), &m))
	assert.Same(t, apacheCommon, m.Pattern())
	assert.Equal(t, "192.0.2.2", string(m.Bytes(client)))
	assert.Nil(t, m.Bytes(vhost))
	assert.Nil(t, m.Bytes(referrer))
	assert.Equal(t, "Apache access log format", apacheAccess.Name())
	assert.Len(t, apacheAccess.Patterns(), 4)
	assert.Equal(t, -1, apacheAccess.Group("missing"))
}

// Match makes one allocation per matched line (regexp's submatch
// positions) and none for a line that does not match.
func TestMatchAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	line := []byte(combinedLine(3))
	miss := []byte(strings.Replace(combinedLine(3), "[", "(", 1))
	var m pattern.Match
	client := apacheCombined.Group("client")
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() {
		apacheCombined.Match(line, &m)
		_ = m.Bytes(client)
	}))
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { apacheCombined.Match(miss, &m) }))
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { apacheAccess.Match(miss, &m) }))
}
