package route53resolver

import "testing"

func TestReverseName(t *testing.T) {
	for in, want := range map[string]string{
		"159.86.31.172.in-addr.arpa": "172.31.86.159",
		"1.0.0.127.IN-ADDR.ARPA":     "127.0.0.1",
		"6.c.f.6.a.9.0.e.2.b.9.a.2.f.1.9.2.0.0.4.d.d.a.0.0.4.f.c.2.0.a.2.ip6.arpa": "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6",
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa": "2001:db8::1",
		"86.31.172.in-addr.arpa": "", // a zone, not an address
		"256.1.1.1.in-addr.arpa": "",
		"01.1.1.1.in-addr.arpa":  "",
		"g.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa": "",
		"www.example.com": "",
		"in-addr.arpa":    "",
	} {
		ip, ok := reverseName(in)
		got := ""
		if ok {
			got = ip.String()
		}
		if got != want {
			t.Errorf("reverseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	for in, want := range map[string]string{
		"2021-12-11T22:46:23Z":      "2021-12-11T22:46:23Z",
		"2021-12-11T23:46:23+01:00": "2021-12-11T22:46:23Z",
		"2022-06-25 00:27:53":       "2022-06-25T00:27:53Z",
		"2020-05-21 19:20:25.250":   "2020-05-21T19:20:25.25Z",
		"2022-06-25":                "error",
		"2022-06-25 25:00:00":       "error",
		"yesterday":                 "error",
	} {
		got, err := parseTimestamp([]byte(in))
		switch {
		case want == "error":
			if err == nil {
				t.Errorf("%q: got %v, want an error", in, got)
			}
		case err != nil:
			t.Errorf("%q: %v", in, err)
		case got.Format("2006-01-02T15:04:05.999999999Z07:00") != want:
			t.Errorf("%q: got %v, want %s", in, got, want)
		}
	}
}
