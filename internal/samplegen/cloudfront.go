package samplegen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// cloudFrontRequest is one generated viewer request, written by both
// CloudFront generators.
type cloudFrontRequest struct {
	sec, ms                        int64
	edge, ip, method, path, query  string
	status, scheme, proto, ua, ref string
	result, detailed, ctype, tls   string
	cipher, xff, country           string
	cookie, headers, headerNames   string // cs(Cookie), cs-headers, cs-header-names
	headerCount                    int64
	scBytes, csBytes, port, ctLen  int64
	taken, ttfb                    int64 // milliseconds
	ipv6                           bool
	asn                            int64
}

var (
	cloudFrontEdges   = []string{"FRA56-P1", "IAD89-C3", "LHR61-P4", "NRT57-P2", "SEA19-C2", "CDG52-P2", "GRU3-C1", "SIN52-C1"}
	cloudFrontCountry = []string{"DE", "US", "GB", "JP", "US", "FR", "BR", "SG"}
	cloudFrontTypes   = []string{"text/html", "application/json", "image/png", "text/css", "application/javascript", "application/json;charset=UTF-8"}
)

// cloudFrontGen draws varied requests from a seeded source.
func cloudFrontGen(rng *rand.Rand, i int) cloudFrontRequest {
	const windowStart = 1795773600 // 2026-11-27T10:00:00Z
	e := rng.IntN(len(cloudFrontEdges))
	r := cloudFrontRequest{
		sec:     windowStart + int64(i%3600),
		ms:      int64(rng.IntN(1000)),
		edge:    cloudFrontEdges[e],
		country: cloudFrontCountry[e],
		method:  elbMethods[rng.IntN(len(elbMethods))],
		path:    elbPaths[rng.IntN(len(elbPaths))],
		query:   elbQueries[rng.IntN(len(elbQueries))],
		ua:      strings.ReplaceAll(elbUserAgents[rng.IntN(len(elbUserAgents))], " ", "%20"),
		ctype:   cloudFrontTypes[rng.IntN(len(cloudFrontTypes))],
		port:    int64(1024 + rng.IntN(64000)),
		csBytes: int64(80 + rng.IntN(2000)),
		asn:     int64(64496 + rng.IntN(16)),
	}
	if rng.IntN(5) == 0 {
		r.ipv6 = true
		r.ip = "2001:db8:" + strconv.FormatInt(int64(rng.IntN(0xffff)), 16) + "::" + strconv.FormatInt(int64(1+rng.IntN(0xfffe)), 16)
	} else {
		r.ip = []string{"198.51.100.", "203.0.113.", "192.0.2."}[rng.IntN(3)] + strconv.Itoa(1+rng.IntN(254))
	}
	switch n := rng.IntN(100); {
	case n < 55:
		r.status, r.result, r.detailed = "200", "Hit", "Hit"
	case n < 75:
		r.status, r.result, r.detailed = "200", "Miss", "Miss"
	case n < 80:
		r.status, r.result, r.detailed = "304", "RefreshHit", "RefreshHit"
	case n < 84:
		r.status, r.result, r.detailed = "301", "Redirect", "Redirect"
	case n < 92:
		r.status, r.result, r.detailed = "404", "Error", "Error"
	case n < 95:
		r.status, r.result, r.detailed = "403", "Error", "Error"
	case n < 98:
		r.status, r.result, r.detailed = "502", "Error", "OriginConnectError"
	default:
		r.status, r.result, r.detailed = "000", "Error", "ClientCommError"
	}
	r.scheme, r.tls, r.cipher, r.proto = "https", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "HTTP/2.0"
	switch rng.IntN(6) {
	case 0:
		r.scheme, r.tls, r.cipher, r.proto = "http", "-", "-", "HTTP/1.1"
	case 1:
		r.tls, r.cipher, r.proto = "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", "HTTP/1.1"
	case 2:
		r.proto = "HTTP/3.0"
	}
	r.ref = "-"
	if rng.IntN(3) == 0 {
		r.ref = "https://" + elbHosts[rng.IntN(len(elbHosts))] + "/"
	}
	r.xff = "-"
	if rng.IntN(8) == 0 {
		r.xff = "10.0." + strconv.Itoa(rng.IntN(255)) + "." + strconv.Itoa(1+rng.IntN(254)) + ",\\x20" + r.ip
	}
	r.ctLen = int64(100 + rng.IntN(200000))
	r.scBytes = r.ctLen + int64(300+rng.IntN(200))
	r.ttfb = int64(rng.IntN(300))
	r.taken = r.ttfb + int64(rng.IntN(50))
	r.cookie, r.headers, r.headerNames, r.headerCount = "-", "host:www.example.com%0Aaccept:*/*%0A", "host%0Aaccept%0A", 2
	if rng.IntN(4) == 0 {
		// A signed-in viewer: a session cookie, which the type redacts.
		r.cookie = "session-id=" + strconv.FormatUint(rng.Uint64(), 16) + ";%20theme=dark"
		r.headers += "cookie:" + r.cookie + "%0A"
		r.headerNames += "cookie%0A"
		r.headerCount = 3
	}
	return r
}

func appendMillis(b []byte, ms int64) []byte {
	b = strconv.AppendInt(b, ms/1000, 10)
	b = append(b, '.')
	f := ms % 1000
	b = append(b, byte('0'+f/100), byte('0'+f/10%10), byte('0'+f%10))
	return b
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// CloudFront returns a CloudFront standard log object as CloudFront
// writes it, uncompressed: the #Version and #Fields lines of the 33-field
// format and n varied requests (cache hits and misses, redirects, client
// and origin errors, viewer disconnects with status 000, IPv6 viewers,
// HTTP/1.1, 2 and 3, plain HTTP, proxied requests with X-Forwarded-For),
// ending with a newline.
func CloudFront(n int) []byte {
	rng := rand.New(rand.NewPCG(0xcf01, 0x5eed))
	const header = "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n"
	b := make([]byte, 0, len(header)+n*420)
	b = append(b, header...)
	for i := range n {
		r := cloudFrontGen(rng, i)
		b = append(b, "2026-11-27\t"...)
		s := r.sec % 86400
		b = append(b, byte('0'+s/36000), byte('0'+s/3600%10), ':', byte('0'+s%3600/600), byte('0'+s%600/60), ':', byte('0'+s%60/10), byte('0'+s%10), '\t')
		b = append(b, r.edge...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.scBytes, 10)
		b = append(b, '\t')
		b = append(b, r.ip...)
		b = append(b, '\t')
		b = append(b, r.method...)
		b = append(b, "\td1a2b3c4d5e6f7.cloudfront.net\t"...)
		b = append(b, r.path...)
		b = append(b, '\t')
		b = append(b, r.status...)
		b = append(b, '\t')
		b = append(b, r.ref...)
		b = append(b, '\t')
		b = append(b, r.ua...)
		b = append(b, '\t')
		b = append(b, dash(r.query)...)
		b = append(b, '\t')
		b = append(b, r.cookie...)
		b = append(b, '\t')
		b = append(b, r.result...)
		b = append(b, '\t')
		b = cloudFrontRequestID(b, rng)
		b = append(b, "\twww.example.com\t"...)
		b = append(b, r.scheme...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.csBytes, 10)
		b = append(b, '\t')
		b = appendMillis(b, r.taken)
		b = append(b, '\t')
		b = append(b, r.xff...)
		b = append(b, '\t')
		b = append(b, r.tls...)
		b = append(b, '\t')
		b = append(b, r.cipher...)
		b = append(b, '\t')
		b = append(b, r.result...)
		b = append(b, '\t')
		b = append(b, r.proto...)
		b = append(b, "\t-\t-\t"...)
		b = strconv.AppendInt(b, r.port, 10)
		b = append(b, '\t')
		b = appendMillis(b, r.ttfb)
		b = append(b, '\t')
		b = append(b, r.detailed...)
		b = append(b, '\t')
		b = append(b, r.ctype...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.ctLen, 10)
		b = append(b, "\t-\t-\n"...)
	}
	return b
}

// CloudFrontRealtime returns n CloudFront real-time log records with all
// the fields of AWS's catalogue, in its order, as Firehose delivers them
// to S3 (one line each, uncompressed).
func CloudFrontRealtime(n int) []byte {
	rng := rand.New(rand.NewPCG(0xcf02, 0x5eed))
	b := make([]byte, 0, n*560)
	for i := range n {
		r := cloudFrontGen(rng, i)
		b = appendMillis(b, r.sec*1000+r.ms)
		b = append(b, '\t')
		b = append(b, r.ip...)
		b = append(b, '\t')
		b = appendMillis(b, r.ttfb)
		b = append(b, '\t')
		b = append(b, r.status...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.scBytes, 10)
		b = append(b, '\t')
		b = append(b, r.method...)
		b = append(b, '\t')
		b = append(b, r.scheme...)
		b = append(b, "\td1a2b3c4d5e6f7.cloudfront.net\t"...)
		b = append(b, r.path...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.csBytes, 10)
		b = append(b, '\t')
		b = append(b, r.edge...)
		b = append(b, '\t')
		b = cloudFrontRequestID(b, rng)
		b = append(b, "\twww.example.com\t"...)
		b = appendMillis(b, r.taken)
		b = append(b, '\t')
		b = append(b, r.proto...)
		if r.ipv6 {
			b = append(b, "\tIPv6\t"...)
		} else {
			b = append(b, "\tIPv4\t"...)
		}
		b = append(b, r.ua...)
		b = append(b, '\t')
		b = append(b, r.ref...)
		b = append(b, '\t')
		b = append(b, r.cookie...)
		b = append(b, '\t')
		b = append(b, dash(r.query)...)
		b = append(b, '\t')
		b = append(b, r.result...)
		b = append(b, '\t')
		b = append(b, r.xff...)
		b = append(b, '\t')
		b = append(b, r.tls...)
		b = append(b, '\t')
		b = append(b, r.cipher...)
		b = append(b, '\t')
		b = append(b, r.result...)
		b = append(b, "\t-\t-\t"...) // fle-encrypted-fields, fle-status
		b = append(b, r.ctype...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.ctLen, 10)
		b = append(b, "\t-\t-\t"...)
		b = strconv.AppendInt(b, r.port, 10)
		b = append(b, '\t')
		b = append(b, r.detailed...)
		b = append(b, '\t')
		b = append(b, r.country...)
		b = append(b, "\tgzip,%20deflate,%20br\t*/*\t*\t"...)
		b = append(b, r.headers...)
		b = append(b, '\t')
		b = append(b, r.headerNames...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.headerCount, 10)
		b = append(b, '\t')
		b = appendMillis(b, r.ttfb*8/10)
		b = append(b, '\t')
		b = appendMillis(b, r.ttfb*9/10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.asn, 10)
		b = append(b, '\n')
	}
	return b
}

// cloudFrontRequestID appends an x-edge-request-id: 56 characters of the
// URL-safe base64 alphabet ending in "==".
func cloudFrontRequestID(b []byte, rng *rand.Rand) []byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for range 54 {
		b = append(b, alphabet[rng.IntN(len(alphabet))])
	}
	return append(b, "=="...)
}
