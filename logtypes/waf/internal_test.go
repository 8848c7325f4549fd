package waf

import "testing"

func TestParseKey(t *testing.T) {
	for key, want := range map[string]keyInfo{
		"AWSLogs/123456789012/WAFLogs/eu-west-1/shop/2026/11/27/10/05/x_waflogs_y.log.gz":        {"123456789012", "eu-west-1", "shop"},
		"prefix/AWSLogs/123456789012/WAFLogs/cloudfront/cdn/2026/11/27/10/05/x_waflogs_y.log.gz": {"123456789012", "global", "cdn"},
		"AWSLogs/12345/WAFLogs/eu-west-1/shop/2026/x.log.gz":                                     {"", "eu-west-1", "shop"},
		"2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-1a2b3c4d":                         {},
		"WAFLogs/eu-west-1/shop/x":      {},
		"AWSLogs/123456789012/WAFLogs/": {"123456789012", "", ""},
	} {
		if got := parseKey(key); got != want {
			t.Errorf("parseKey(%q) = %+v, want %+v", key, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ name, value, want string }{
		{"Authorization", "Bearer abc", "Bearer [REDACTED]"},
		{"authorization", "  AWS4-HMAC-SHA256 Credential=AKIA/2026, Signature=ff", "AWS4-HMAC-SHA256 [REDACTED]"},
		{"Authorization", "opaque-token", "[REDACTED]"},
		{"Authorization", "Bea\"rer abc", "[REDACTED]"},
		{"Cookie", "a=1;b=2", "a=[REDACTED]; b=[REDACTED]"},
		{"Cookie", ";;", "[REDACTED]"},
		{"Cookie", "we ird=1", "[REDACTED]"},
		{"X-Api-Key", "Bearer abc", "[REDACTED]"},
	} {
		if got := string(redact([]byte(c.name), []byte(c.value))); got != c.want {
			t.Errorf("redact(%s: %s) = %q, want %q", c.name, c.value, got, c.want)
		}
	}
}

func TestSplitHostPort(t *testing.T) {
	for in, want := range map[string]struct {
		host string
		port int
	}{
		"example.com":       {"example.com", 0},
		"example.com:8080":  {"example.com", 8080},
		"example.com:0":     {"example.com:0", 0},
		"example.com:":      {"example.com:", 0},
		"[2001:db8::1]:443": {"2001:db8::1", 443},
		"[2001:db8::1]":     {"2001:db8::1", 0},
		"[2001:db8::1":      {"[2001:db8::1", 0},
		"2001:db8::1":       {"2001:db8::1", 0},
		"192.0.2.1:65535":   {"192.0.2.1", 65535},
	} {
		h, p := splitHostPort([]byte(in))
		if string(h) != want.host || p != want.port {
			t.Errorf("splitHostPort(%q) = %q, %d, want %q, %d", in, h, p, want.host, want.port)
		}
	}
}
