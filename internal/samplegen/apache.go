package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// ApacheAccess returns an Apache access log, uncompressed: n lines ending
// with a newline, in the formats an httpd writes: combined (most), common,
// combinedio, vhost_combined and the reference system's leading
// X-Forwarded-For layout. They vary as real traffic does: IPv4 and IPv6
// clients, authenticated users, query strings, 2xx to 5xx statuses, "-"
// sizes, 408s without a request line, TLS handshakes on the plain port and
// escaped quotes in user agents.
func ApacheAccess(n int) []byte {
	g := &apacheGen{r: rand.New(rand.NewPCG(0xa9ac, 0x4e55)), now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("", 3600))}
	b := make([]byte, 0, n*260)
	for range n {
		b = g.access(b)
		b = append(b, '\n')
	}
	return b
}

// ApacheError returns an Apache error log, uncompressed: n lines in the
// 2.4 format (most) and the 2.2 one, with and without pid, tid, client
// and AH code, IPv4 and IPv6 clients, referers and mod_rewrite traces.
func ApacheError(n int) []byte {
	g := &apacheGen{r: rand.New(rand.NewPCG(0xa9e4, 0x4e55)), now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	b := make([]byte, 0, n*200)
	for range n {
		b = g.error(b)
		b = append(b, '\n')
	}
	return b
}

type apacheGen struct {
	r   *rand.Rand
	now time.Time
}

var (
	apacheClients = []string{"203.0.113.24", "198.51.100.77", "192.0.2.45", "2001:db8:4b1c::2e7", "10.0.4.17", "2001:db8:77::15", "198.51.100.8", "crawl-66-249-66-1.googlebot.com"}
	apacheUsers   = []string{"-", "-", "-", "-", "alice", "bob"}
	apachePaths   = []string{"/", "/index.html", "/products/espresso-grinder", "/static/css/site.min.css?v=4.2.1", "/api/v2/cart", "/search?q=%22drop+table%22&page=2",
		"/img/logo.svg", "/admin/login.php", "/wp-login.php", "/cgi-bin/.%2e/.%2e/etc/passwd", "/healthz", "/A%20Beka%20G1/15%20reading.mp4"}
	apacheMethods = []string{"GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"}
	apacheStatus  = []int{200, 200, 200, 200, 304, 301, 302, 404, 403, 401, 500, 503}
	apacheAgents  = []string{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "curl/8.5.0", "ELB-HealthChecker/2.0", `python-requests/2.32.3 \"probe\"`, "-"}
	apacheRefs  = []string{"-", "-", "https://shop.example.com/", "https://www.google.com/"}
	apacheHosts = []string{"shop.example.com:443", "static.example.com:80", "www.example.com:443"}
	apacheXFF   = []string{"-", "203.0.113.50", "203.0.113.50, 198.51.100.2", "2001:db8:9::1"}
)

func (g *apacheGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *apacheGen) access(b []byte) []byte {
	g.now = g.now.Add(time.Duration(g.r.IntN(900)) * time.Millisecond)
	layout := g.r.IntN(20)
	switch {
	case layout == 0:
		b = append(b, g.pick(apacheHosts)...)
		b = append(b, ' ')
	case layout == 1:
		b = append(b, g.pick(apacheXFF)...)
		b = append(b, ' ')
	}
	b = append(b, g.pick(apacheClients)...)
	b = append(b, " - "...)
	b = append(b, g.pick(apacheUsers)...)
	b = g.now.AppendFormat(append(b, " ["...), "02/Jan/2006:15:04:05 -0700")
	b = append(b, "] \""...)
	status := apacheStatus[g.r.IntN(len(apacheStatus))]
	switch g.r.IntN(60) {
	case 0:
		b, status = append(b, '-'), 408
	case 1:
		b, status = append(b, `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03`...), 400
	default:
		b = append(b, g.pick(apacheMethods)...)
		b = append(b, ' ')
		b = append(b, g.pick(apachePaths)...)
		b = append(b, " HTTP/1.1"...)
	}
	b = append(b, "\" "...)
	b = strconv.AppendInt(b, int64(status), 10)
	size := g.r.IntN(60000)
	if status == 304 || status == 408 {
		b = append(b, " -"...)
	} else {
		b = strconv.AppendInt(append(b, ' '), int64(size), 10)
	}
	if layout == 19 { // common
		return b
	}
	b = fmt.Appendf(b, ` "%s" "%s"`, g.pick(apacheRefs), g.pick(apacheAgents))
	if layout == 1 || layout == 2 { // combinedio
		b = fmt.Appendf(b, " %d %d", 200+g.r.IntN(900), size+180+g.r.IntN(200))
	}
	return b
}

var (
	apacheModules = []string{"core", "authz_core", "proxy", "ssl", "mpm_event", "php", "rewrite"}
	apacheLevels  = []string{"error", "error", "warn", "notice", "info", "debug", "crit", "trace3"}
	apacheMsgs    = []string{"AH00128: File does not exist: /var/www/html/favicon.ico", "AH01630: client denied by server configuration: /var/www/html/.git/config",
		"AH01114: HTTP: failed to make connection to backend: 127.0.0.1", "PHP Warning:  Undefined variable $id in /var/www/html/item.php on line 12, referer: https://shop.example.com/",
		"AH00485: scoreboard is full, not at MaxRequestWorkers"}
)

func (g *apacheGen) error(b []byte) []byte {
	g.now = g.now.Add(time.Duration(g.r.IntN(5000)) * time.Millisecond)
	client := apacheClients[g.r.IntN(len(apacheClients)-1)]
	if g.r.IntN(6) == 0 { // 2.2
		b = g.now.AppendFormat(append(b, '['), "Mon Jan 02 15:04:05 2006")
		b = append(b, "] [error] [client "...)
		b = append(b, client...)
		b = append(b, "] File does not exist: /var/www/html/robots.txt"...)
		return b
	}
	b = g.now.AppendFormat(append(b, '['), "Mon Jan 02 15:04:05.000000 2006")
	b = fmt.Appendf(b, "] [%s:%s] [pid %d:tid %d] ", g.pick(apacheModules), g.pick(apacheLevels), 1000+g.r.IntN(9000), 140245000000000+g.r.Int64N(1000000000))
	switch g.r.IntN(8) {
	case 0:
		return append(b, "AH00094: Command line: '/usr/sbin/httpd -D FOREGROUND'"...)
	case 1:
		b = fmt.Appendf(b, "mod_rewrite.c(483): [client %s:%d] %s - - [shop.example.com/sid#55d0c1a3b2c8][rid#7f8e4c0a20a0/initial] applying pattern '^/old/(.*)$' to uri '/'", client, 1024+g.r.IntN(60000), client)
		return b
	case 2:
		b = append(b, "(111)Connection refused: "...)
	}
	b = fmt.Appendf(b, "[client %s:%d] %s", client, 1024+g.r.IntN(60000), g.pick(apacheMsgs))
	return b
}
