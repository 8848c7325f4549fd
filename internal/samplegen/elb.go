package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// elbGen holds what the three ELB generators share: a seeded source and
// pools of realistic values.
type elbGen struct {
	r   *rand.Rand
	now time.Time
}

func newELBGen(seed uint64) *elbGen {
	return &elbGen{
		r:   rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC),
	}
}

var (
	elbUserAgents = []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
		"curl/8.5.0",
		"python-requests/2.32.3",
		"Go-http-client/2.0",
		"ELB-HealthChecker/2.0",
		"okhttp/4.12.0",
		"Amazon CloudFront",
	}
	elbPaths = []string{
		"/", "/index.html", "/login", "/api/v1/orders", "/api/v1/orders/48213",
		"/api/v1/users/me", "/static/css/app.3f9a1c.css", "/static/js/main.8b2d4e.js",
		"/images/logo.png", "/health", "/search", "/checkout/cart", "/favicon.ico",
		"/wp-login.php", "/.env", "/graphql",
	}
	elbQueries = []string{"", "", "", "", "q=shoes&page=2", "limit=50&offset=100", "utm_source=newsletter", "id=1%27%20OR%201%3D1"}
	elbMethods = []string{"GET", "GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"}
	// ELB names TLS 1.2 suites in OpenSSL form and TLS 1.3 suites in IANA form.
	elbCiphers12 = []string{"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"}
	elbCiphers13 = []string{"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"}
	elbHosts     = []string{"www.example.com", "api.example.com", "shop.example.org", "app.example.net"}
)

// status picks a response code, mostly successes as in real traffic.
func (g *elbGen) status() int {
	switch n := g.r.IntN(100); {
	case n < 78:
		return 200
	case n < 82:
		return 204
	case n < 86:
		return 301
	case n < 88:
		return 304
	case n < 92:
		return 404
	case n < 94:
		return 403
	case n < 96:
		return 401
	case n < 98:
		return 500
	default:
		return 502
	}
}

func (g *elbGen) clientIP() string {
	if g.r.IntN(10) == 0 {
		return fmt.Sprintf("2001:db8:%x:%x::%x", g.r.IntN(0xffff), g.r.IntN(0xffff), g.r.IntN(0xffff)+1)
	}
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("192.0.2.%d", g.r.IntN(254)+1)
	case 1:
		return fmt.Sprintf("198.51.100.%d", g.r.IntN(254)+1)
	default:
		return fmt.Sprintf("203.0.113.%d", g.r.IntN(254)+1)
	}
}

func (g *elbGen) targetIP() string {
	return fmt.Sprintf("10.0.%d.%d", g.r.IntN(4), g.r.IntN(250)+4)
}

func (g *elbGen) port() int { return 1024 + g.r.IntN(64000) }

func (g *elbGen) seconds() string {
	return strconv.FormatFloat(float64(g.r.IntN(250))/1000, 'f', 3, 64)
}

func (g *elbGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *elbGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

// tick advances the clock by up to max.
func (g *elbGen) tick(max time.Duration) time.Time {
	g.now = g.now.Add(time.Duration(g.r.Int64N(int64(max))))
	return g.now
}

// tls picks a protocol and a cipher suite that go together.
func (g *elbGen) tls(v12, v13 string) (protocol, cipher string) {
	if g.r.IntN(3) == 0 {
		return v13, g.pick(elbCiphers13)
	}
	return v12, g.pick(elbCiphers12)
}

// ALB returns n Application Load Balancer access log entries: HTTP, HTTPS,
// HTTP/2 and gRPC requests to instance and Lambda targets, with redirects,
// WAF blocks, undispatched requests and some IPv6 clients.
func ALB(n int) []byte {
	g := newELBGen(1)
	const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-targets/73e2d6bc24d8a067"
	const cert = "arn:aws:acm:us-east-1:123456789012:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99"
	out := make([]byte, 0, n*560)
	for range n {
		end := g.tick(20 * time.Millisecond).Truncate(time.Microsecond)
		start := end.Add(-time.Duration(g.r.IntN(300_000)) * time.Microsecond)
		typ, scheme, port, version := "http", "http", 80, "HTTP/1.1"
		cipher, proto, sni, chosen := "-", "-", "-", "-"
		switch k := g.r.IntN(10); {
		case k < 5:
			typ, scheme, port = "https", "https", 443
		case k < 7:
			typ, scheme, port, version = "h2", "https", 443, "HTTP/2.0"
		case k < 8:
			typ, scheme, port, version = "grpcs", "https", 443, "HTTP/2.0"
		}
		host := g.pick(elbHosts)
		if scheme == "https" {
			proto, cipher = g.tls("TLSv1.2", "TLSv1.3")
			sni, chosen = host, cert
		}
		method, path := g.pick(elbMethods), g.pick(elbPaths)
		if typ == "grpcs" {
			method, path = "POST", "/orders.OrderService/GetOrder"
		}
		url := fmt.Sprintf("%s://%s:%d%s", scheme, host, port, path)
		if q := g.pick(elbQueries); q != "" {
			url += "?" + q
		}
		status := g.status()
		target := g.targetIP() + ":" + strconv.Itoa(8080)
		reqTime, targetTime, respTime := g.seconds(), g.seconds(), "0.000"
		targetStatus := strconv.Itoa(status)
		actions, redirect, errReason := "forward", "-", "-"
		targetGroup := tg
		switch k := g.r.IntN(40); {
		case status == 301:
			target, reqTime, targetTime, respTime, targetStatus = "-", "-1", "-1", "-1", "-"
			actions, redirect, targetGroup = "redirect", "https://"+host+":443"+path, "-"
		case status == 403 && k < 20:
			target, reqTime, targetTime, respTime, targetStatus = "-", "-1", "-1", "-1", "-"
			actions, targetGroup = "waf", "-"
		case k == 0:
			target, reqTime, targetTime, respTime, targetStatus = "-", "-1", "-1", "-1", "-"
			status = 460
		case k == 1:
			target = "-"
			targetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-fn/0a1b2c3d4e5f6a7b"
			if g.r.IntN(2) == 0 {
				status, targetStatus, errReason = 502, "-", "LambdaInvalidResponse"
			}
		}
		targetList, statusList := "-", "-"
		if target != "-" {
			targetList, statusList = target, targetStatus
		}
		out = fmt.Appendf(out, "%s %s app/my-alb/50dc6c495c0c9188 %s:%d %s %s %s %s %d %s %d %d \"%s %s %s\" \"%s\" %s %s %s \"Root=1-%08x-%s\" \"%s\" \"%s\" %d %s \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" \"-\" \"-\" TID_%s\n",
			typ, end.Format("2006-01-02T15:04:05.000000Z"), g.clientIP(), g.port(), target,
			reqTime, targetTime, respTime, status, targetStatus, 200+g.r.IntN(2000), 300+g.r.IntN(40000),
			method, url, version, g.pick(elbUserAgents), cipher, proto, targetGroup,
			end.Unix(), g.hex(24), sni, chosen, g.r.IntN(20), start.Format("2006-01-02T15:04:05.000000Z"),
			actions, redirect, errReason, targetList, statusList, g.hex(32))
	}
	return out
}

// NLB returns n Network Load Balancer TLS listener entries (log version
// 2.0), with ALPN negotiation, TLS 1.2 and 1.3 and failed handshakes.
func NLB(n int) []byte {
	g := newELBGen(2)
	const cert = "arn:aws:acm:us-east-1:123456789012:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99"
	out := make([]byte, 0, n*360)
	for range n {
		end := g.tick(2 * time.Second).Truncate(time.Second)
		connMillis := g.r.IntN(90_000)
		start := end.Add(-time.Duration(connMillis) * time.Millisecond).Truncate(time.Second)
		client := g.clientIP()
		if g.r.IntN(25) == 0 {
			// A client that gave up during the handshake.
			out = fmt.Appendf(out, "tls 2.0 %s net/my-nlb/0123456789abcdef 3f2a9c1e7b5d4a60 %s:%d 10.0.0.25:443 %d - 0 0 %s - - - - - - - - - %s\n",
				end.Format("2006-01-02T15:04:05"), client, g.port(), g.r.IntN(50), g.pick([]string{"-", "46", "48"}), start.Format("2006-01-02T15:04:05"))
			continue
		}
		proto, cipher := g.tls("tlsv12", "tlsv13")
		group := "-"
		if proto == "tlsv13" {
			group = "x25519"
		}
		fe, be, prefs := "-", "-", "-"
		if g.r.IntN(2) == 0 {
			fe, be, prefs = "h2", "h2", `"h2","http/1.1"`
		}
		out = fmt.Appendf(out, "tls 2.0 %s net/my-nlb/0123456789abcdef 3f2a9c1e7b5d4a60 %s:%d 10.0.0.25:443 %d %d %d %d - %s - %s %s %s %s %s %s %s %s\n",
			end.Format("2006-01-02T15:04:05"), client, g.port(), connMillis, 1+g.r.IntN(40),
			g.r.IntN(50_000), g.r.IntN(500_000), cert, cipher, proto, group,
			g.pick(elbHosts), fe, be, prefs, start.Format("2006-01-02T15:04:05"))
	}
	return out
}

// CLB returns n Classic Load Balancer entries from HTTP, HTTPS, TCP and
// SSL listeners, including requests no back end could take.
func CLB(n int) []byte {
	g := newELBGen(3)
	out := make([]byte, 0, n*300)
	for range n {
		ts := g.tick(20 * time.Millisecond).Format("2006-01-02T15:04:05.000000Z")
		client := fmt.Sprintf("%s:%d", g.clientIP(), g.port())
		backend := g.targetIP() + ":80"
		switch k := g.r.IntN(10); {
		case k < 2: // TCP or SSL listener: connections, not requests
			cipher, proto := "-", "-"
			if k == 1 {
				cipher, proto = g.pick(elbCiphers12), "TLSv1.2"
			}
			out = fmt.Appendf(out, "%s my-clb %s %s 0.000%03d 0.00001 0.000015 - - %d %d \"- - - \" \"-\" %s %s\n",
				ts, client, backend, g.r.IntN(999), g.r.IntN(5000), g.r.IntN(50_000), cipher, proto)
		default:
			scheme, port, cipher, proto := "http", 80, "-", "-"
			if k < 6 {
				scheme, port, cipher, proto = "https", 443, g.pick(elbCiphers12), "TLSv1.2"
			}
			url := fmt.Sprintf("%s://%s:%d%s", scheme, g.pick(elbHosts), port, g.pick(elbPaths))
			if q := g.pick(elbQueries); q != "" {
				url += "?" + q
			}
			status := g.status()
			times, backendStatus := fmt.Sprintf("0.0000%02d %s 0.0000%02d", g.r.IntN(99), g.seconds(), g.r.IntN(99)), strconv.Itoa(status)
			if g.r.IntN(30) == 0 {
				backend, times, status, backendStatus = "-", "-1 -1 -1", 503, "0"
			}
			out = fmt.Appendf(out, "%s my-clb %s %s %s %d %s %d %d \"%s %s HTTP/1.1\" \"%s\" %s %s\n",
				ts, client, backend, times, status, backendStatus, g.r.IntN(2000), 300+g.r.IntN(40000),
				g.pick(elbMethods), url, g.pick(elbUserAgents), cipher, proto)
		}
	}
	return out
}
