package nginx

import "testing"

func TestInstanceIDAndSiteName(t *testing.T) {
	for s, want := range map[string]string{
		"i-0a1b2c3d4e5f60718":            "i-0a1b2c3d4e5f60718",
		"web_i-0123abcd_access":          "i-0123abcd",
		"ip-10-0-1-23.ec2.internal":      "",
		"i-0123abcde":                    "", // 9 digits
		"host/i-0a1b2c3d4e5f60718/nginx": "i-0a1b2c3d4e5f60718",
		"xi-0123abcd":                    "",
		"i-0123ABCD":                     "",
		"":                               "",
	} {
		if got := instanceID(s); got != want {
			t.Errorf("instanceID(%q) = %q, want %q", s, got, want)
		}
	}
	for key, want := range map[string]string{
		"AWSLogs/aws-account-id=1/service=nginx-access/web-site-name=shop/aws-region=x/a": "shop",
		"logs/web-01/nginx/access/a.log": "",
		"x/myweb-site-name=shop/a":       "",
		"web-site-name=blog":             "blog",
	} {
		if got := siteName(key); got != want {
			t.Errorf("siteName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestParseHTTPDate(t *testing.T) {
	for in, want := range map[string]string{
		"07/Dec/2016:11:05:07 +0100":  "2016-12-07T10:05:07Z",
		"09/Jun/2020:12:10:39 -0700":  "2020-06-09T19:10:39Z",
		"29/Feb/2024:00:00:00 +0000":  "2024-02-29T00:00:00Z",
		"29/Feb/2023:00:00:00 +0000":  "",
		"07/Dec/2016:24:05:07 +0100":  "",
		"07/dec/2016:11:05:07 +0100":  "",
		"07/Dec/2016:11:05:07 0100 ":  "",
		"07/Dec/2016:11:05:07 +01000": "2016-12-07T10:05:07Z", // read from the start; the caller checks the "]"
	} {
		got, ok := parseHTTPDate([]byte(in))
		s := ""
		if ok {
			s = got.UTC().Format("2006-01-02T15:04:05Z")
		}
		if s != want {
			t.Errorf("parseHTTPDate(%q) = %q, want %q", in, s, want)
		}
	}
}
