package samplegen

import (
	"math/rand/v2"
	"strconv"
)

// NginxAccess returns an NGINX access log, uncompressed: n lines of varied
// traffic in the stock "main" format (combined plus a trailing quoted
// X-Forwarded-For): browsers and API clients behind a load balancer,
// direct IPv4 and IPv6 clients, authenticated users, scanners, 3xx-5xx
// statuses, the odd empty or binary request, and a share of lines in
// Elastic's variant with a leading host and forwarded chain.
func NginxAccess(n int) []byte {
	rng := rand.New(rand.NewPCG(0x9e1a, 0xacce55))
	b := make([]byte, 0, n*230)
	paths := []string{"/", "/index.html", "/api/v1/products?category=shoes&page=2", "/api/v1/cart", "/static/app.8f3a1c.js",
		"/static/logo.svg", "/login", "/api/v1/search?q=running+shoes", "/favicon.ico", "/healthz", "/.env", "/wp-login.php"}
	methods := []string{"GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE"}
	statuses := []int64{200, 200, 200, 200, 200, 304, 301, 404, 403, 401, 499, 500, 502}
	agents := []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
		"curl/8.5.0", "ELB-HealthChecker/2.0", "python-requests/2.32.3", "-",
	}
	users := []string{"-", "-", "-", "-", "-", "-", "alice", "bob"}
	months := []string{"Nov"}
	ipv4 := func(dst []byte, prefix string) []byte {
		dst = append(dst, prefix...)
		dst = strconv.AppendInt(dst, int64(rng.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	public := func(dst []byte) []byte {
		p := []string{"198.51.", "203.0.", "192.0."}[rng.IntN(3)]
		return ipv4(dst, p)
	}
	for i := range n {
		sec := i * 3600 / max(n, 1)
		elastic := rng.IntN(10) == 0
		if elastic {
			b = append(b, "shop.example.com"...)
			if rng.IntN(2) == 0 {
				b = append(b, ":443"...)
			}
			b = append(b, ' ')
			b = public(b)
			b = append(b, ", "...)
			b = ipv4(b, "10.0.")
		} else {
			switch k := rng.IntN(10); {
			case k < 5:
				b = ipv4(b, "10.0.") // the load balancer
			case k < 8:
				b = public(b)
			default:
				b = append(b, "2001:db8:4a1f::"...)
				b = strconv.AppendInt(b, int64(1+rng.IntN(0xfffe)), 16)
			}
		}
		b = append(b, " - "...)
		b = append(b, users[rng.IntN(len(users))]...)
		b = append(b, " [27/"...)
		b = append(b, months[0]...)
		b = append(b, "/2026:"...)
		b = nginxAppend2(b, 10+sec/3600)
		b = append(b, ':')
		b = nginxAppend2(b, sec/60%60)
		b = append(b, ':')
		b = nginxAppend2(b, sec%60)
		b = append(b, " +0900] \""...)
		status := statuses[rng.IntN(len(statuses))]
		switch rng.IntN(200) {
		case 0:
			status = 400 // nothing received
		case 1:
			b = append(b, `\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03`...)
			status = 400
		default:
			b = append(b, methods[rng.IntN(len(methods))]...)
			b = append(b, ' ')
			b = append(b, paths[rng.IntN(len(paths))]...)
			b = append(b, " HTTP/1.1"...)
		}
		b = append(b, "\" "...)
		b = strconv.AppendInt(b, status, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(rng.IntN(40000)), 10)
		if rng.IntN(3) == 0 {
			b = append(b, ` "-" "`...)
		} else {
			b = append(b, ` "https://shop.example.com/" "`...)
		}
		b = append(b, agents[rng.IntN(len(agents))]...)
		b = append(b, '"')
		if !elastic {
			b = append(b, ` "`...)
			if rng.IntN(2) == 0 {
				b = public(b)
			} else {
				b = append(b, '-')
			}
			b = append(b, '"')
		}
		b = append(b, '\n')
	}
	return b
}

// NginxError returns an NGINX error log, uncompressed: n records of
// varied levels, most about a request (with the client, server, request,
// upstream and host context), some spanning several lines of FastCGI
// output.
func NginxError(n int) []byte {
	rng := rand.New(rand.NewPCG(0x9e1a, 0xe4404))
	b := make([]byte, 0, n*260)
	for i := range n {
		sec := i * 3600 / max(n, 1)
		b = append(b, "2026/11/27 "...)
		b = nginxAppend2(b, 10+sec/3600)
		b = append(b, ':')
		b = nginxAppend2(b, sec/60%60)
		b = append(b, ':')
		b = nginxAppend2(b, sec%60)
		conn := strconv.AppendInt(nil, int64(1000+i), 10)
		switch k := rng.IntN(10); {
		case k < 4:
			b = append(b, " [error] 29#29: *"...)
			b = append(b, conn...)
			b = append(b, ` open() "/usr/share/nginx/html/robots.txt" failed (2: No such file or directory), client: 203.0.113.`...)
			b = strconv.AppendInt(b, int64(1+rng.IntN(254)), 10)
			b = append(b, `, server: shop.example.com, request: "GET /robots.txt HTTP/1.1", host: "shop.example.com"`...)
		case k < 6:
			b = append(b, " [error] 30#30: *"...)
			b = append(b, conn...)
			b = append(b, ` upstream timed out (110: Connection timed out) while reading response header from upstream, client: 2001:db8:4a1f::`...)
			b = strconv.AppendInt(b, int64(1+rng.IntN(0xfffe)), 16)
			b = append(b, `, server: shop.example.com, request: "POST /api/v1/checkout HTTP/1.1", upstream: "http://10.0.5.12:8080/api/v1/checkout", host: "shop.example.com:8443", referrer: "https://shop.example.com/cart"`...)
		case k < 7:
			b = append(b, " [error] 30#30: *"...)
			b = append(b, conn...)
			b = append(b, " FastCGI sent in stderr: \"PHP message: PHP Warning:  Undefined array key \"cart\" in /var/www/shop/public/checkout.php on line 88\nPHP message: PHP Fatal error:  Uncaught TypeError in /var/www/shop/public/checkout.php:91\nStack trace:\n#0 {main}\" while reading response header from upstream, client: 203.0.113.45, server: shop.example.com, request: \"GET /checkout.php?step=2 HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php8.3-fpm.sock:\", host: \"shop.example.com\""...)
		case k < 8:
			b = append(b, " [warn] 29#29: *"...)
			b = append(b, conn...)
			b = append(b, ` a client request body is buffered to a temporary file /var/cache/nginx/client_temp/0000000042, client: 10.0.1.23, server: shop.example.com, request: "POST /api/v1/upload HTTP/1.1", host: "shop.example.com"`...)
		case k < 9:
			b = append(b, " [info] 29#29: *"...)
			b = append(b, conn...)
			b = append(b, " client 198.51.100.5 closed keepalive connection"...)
		default:
			b = append(b, " [notice] 1#1: signal 17 (SIGCHLD) received from 31"...)
		}
		b = append(b, '\n')
	}
	return b
}

func nginxAppend2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10%10), byte('0'+v%10))
}
