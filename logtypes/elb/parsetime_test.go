package elb

import (
	"strconv"
	"testing"
	"time"
)

// referenceTime is parseTime written plainly with strconv and time.Date,
// the form it had before it was made fast; the two must agree on every
// input.
func referenceTime(b []byte) (time.Time, bool) {
	s := string(b)
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(p string) (int, bool) {
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(p)
		return n, err == nil
	}
	year, ok1 := num(s[0:4])
	month, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	hour, ok4 := num(s[11:13])
	minute, ok5 := num(s[14:16])
	sec, ok6 := num(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false
	}
	rest := s[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 || i > 10 {
			return time.Time{}, false
		}
		frac, _ := strconv.Atoi((rest[1:i] + "000000000")[:9])
		nsec = frac
		rest = rest[i:]
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	switch {
	case rest == "" || rest == "Z":
		return t, true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off := time.Duration(oh)*time.Hour + time.Duration(om)*time.Minute
		if rest[0] == '+' {
			off = -off
		}
		return t.Add(off), true
	}
	return time.Time{}, false
}

func checkParseTime(t *testing.T, in string) {
	t.Helper()
	got, ok := parseTime([]byte(in))
	want, wantOK := referenceTime([]byte(in))
	if ok != wantOK || !got.Equal(want) || got != want {
		t.Fatalf("parseTime(%q) = %v, %v; the reference gives %v, %v", in, got, ok, want, wantOK)
	}
}

func TestParseTimeAgreesWithReference(t *testing.T) {
	for _, in := range []string{
		"2026-11-27T10:05:00.123456Z", "2026-11-27T10:05:00Z", "2018-12-20T02:59:40",
		"2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
		"0000-02-29T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:60.999999999Z",
		"2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
		"2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z",
		"2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00.000000001",
		"2026-01-01T00:00:00.5+05:30", "2026-01-01T00:00:00-23:59", "2026-01-01T00:00:00+24:00",
		"2026-01-01T00:00:00+05:60", "2026-01-01 00:00:00", "2026-01-01T00:00:00ZZ",
		"2O26-01-01T00:00:00Z", "2026-1a-01T00:00:00Z", "2026-01-01T00:00:00.12x",
		"-026-01-01T00:00:00Z", "2026-01-01T00:00:0", "",
	} {
		checkParseTime(t, in)
	}
}

func FuzzParseTime(f *testing.F) {
	f.Add("2026-11-27T10:05:00.123456Z")
	f.Add("2024-02-29T23:59:60.5+05:30")
	f.Add("2018-12-20T02:59:40")
	f.Fuzz(checkParseTime)
}
