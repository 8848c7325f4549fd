package parser

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseRFC3339(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC3339Nano in UTC
		off  int    // zone offset, seconds east of UTC
	}{
		{"2026-11-27T10:05:00Z", "2026-11-27T10:05:00Z", 0},
		{"2026-11-27t10:05:00z", "2026-11-27T10:05:00Z", 0},
		{"2026-11-27T10:05:00.1Z", "2026-11-27T10:05:00.1Z", 0},
		{"2026-11-27T10:05:00.123456789Z", "2026-11-27T10:05:00.123456789Z", 0},
		{"2026-11-27T10:05:00.000Z", "2026-11-27T10:05:00Z", 0},
		{"2026-11-27T12:05:00+02:00", "2026-11-27T10:05:00Z", 7200},
		{"2026-11-27T04:35:00.5-05:30", "2026-11-27T10:05:00.5Z", -19800},
		{"2026-11-27T10:05:00+00:00", "2026-11-27T10:05:00Z", 0},
		{"2026-11-27T10:05:00-00:00", "2026-11-27T10:05:00Z", 0},
		{"2026-11-27T23:59:59+23:59", "2026-11-27T00:00:59Z", 86340},
		{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", 0},
		{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0},
		{"0000-02-29T00:00:00Z", "0000-02-29T00:00:00Z", 0},
		{"9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z", 0},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z", 0},
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", 0},
		// Leap seconds become the start of the next second.
		{"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z", 0},
		{"2016-12-31T23:59:60.25Z", "2017-01-01T00:00:00.25Z", 0},
		{"2017-01-01T00:59:60+01:00", "2017-01-01T00:00:00Z", 3600},
		{"2015-06-30T23:59:60Z", "2015-07-01T00:00:00Z", 0},
	}
	for _, tt := range tests {
		got, err := ParseRFC3339([]byte(tt.in))
		if err != nil {
			t.Errorf("ParseRFC3339(%q): %v", tt.in, err)
			continue
		}
		if s := got.UTC().Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("ParseRFC3339(%q) = %s, want %s", tt.in, s, tt.want)
		}
		if _, off := got.Zone(); off != tt.off {
			t.Errorf("ParseRFC3339(%q) has offset %d, want %d", tt.in, off, tt.off)
		}
	}
}

// TestParseRFC3339LeapSecondOrder checks that a leap second sorts after the
// second before it and no later than the second after it.
func TestParseRFC3339LeapSecondOrder(t *testing.T) {
	parse := func(s string) time.Time {
		t.Helper()
		v, err := ParseRFC3339([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before, leap, after := parse("2016-12-31T23:59:59.999Z"), parse("2016-12-31T23:59:60Z"), parse("2017-01-01T00:00:00.001Z")
	if !before.Before(leap) || !leap.Before(after) {
		t.Errorf("order broken: %v, %v, %v", before, leap, after)
	}
}

func TestParseRFC3339Errors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		reason string
	}{
		{"", 0, "ends early: want a digit of the year"},
		{"2026-11-27", 10, "ends early: want 'T' between the date and the time"},
		{"2026-11-27 10:05:00Z", 10, `want 'T' between the date and the time, found " "`},
		{"2026/11/27T10:05:00Z", 4, `want '-' after the year, found "/"`},
		{"20261127T100500Z", 4, "want '-' after the year"},
		{"2026-1-27T10:05:00Z", 6, "want a digit of the month"},
		{"2026-13-27T10:05:00Z", 5, "month 13 is out of range 01-12"},
		{"2026-00-27T10:05:00Z", 5, "month 00 is out of range"},
		{"2026-02-29T10:05:00Z", 8, "day 29 is out of range 01-28 for February 2026"},
		{"2026-04-31T10:05:00Z", 8, "day 31 is out of range 01-30 for April 2026"},
		{"2026-04-00T10:05:00Z", 8, "day 00 is out of range"},
		{"2026-11-27T24:00:00Z", 11, "hour 24 is out of range 00-23"},
		{"2026-11-27T10:60:00Z", 14, "minute 60 is out of range 00-59"},
		{"2026-11-27T10:05:61Z", 17, "second 61 is out of range 00-60"},
		{"2026-11-27T1:05:00Z", 12, "want a digit of the hour"},
		{"2026-11-27T10:05:00", 19, "ends early: want the time zone"},
		{"2026-11-27T10:05:00.Z", 20, "want a digit of the fraction"},
		{"2026-11-27T10:05:00.", 20, "ends early: want a digit of the fraction"},
		{"2026-11-27T10:05:00,5Z", 19, `want the time zone, Z or an offset such as +02:00, found ","`},
		{"2026-11-27T10:05:00.1234567891Z", 29, "more than 9 digits"},
		{"2026-11-27T10:05:00+2:00", 19, `want an offset ±hh:mm, found "+2:00"`},
		{"2026-11-27T10:05:00+0200", 19, "want an offset ±hh:mm"},
		{"2026-11-27T10:05:00+24:00", 20, "offset hour 24 is out of range 00-23"},
		{"2026-11-27T10:05:00+01:60", 23, "offset minute 60 is out of range 00-59"},
		{"2026-11-27T10:05:00ZZ", 20, `unexpected text "Z" after the time zone`},
		{"2026-11-27T10:05:00Z ", 20, "unexpected text"},
		{"2026-11-27T10:05:00UTC", 19, "want the time zone"},
		{"\xff026-11-27T10:05:00Z", 0, `found "\xff"`},
	}
	for _, tt := range tests {
		_, err := ParseRFC3339([]byte(tt.in))
		var te *TimeError
		if !errors.As(err, &te) {
			t.Errorf("ParseRFC3339(%q) = %v, want a *TimeError", tt.in, err)
			continue
		}
		if te.Offset != tt.offset || !strings.Contains(te.Reason, tt.reason) {
			t.Errorf("ParseRFC3339(%q): offset %d reason %q, want offset %d and a reason containing %q", tt.in, te.Offset, te.Reason, tt.offset, tt.reason)
		}
		if msg := err.Error(); !strings.Contains(msg, "is not an RFC 3339 timestamp") || !strings.Contains(msg, "at byte") {
			t.Errorf("ParseRFC3339(%q) error %q does not say what and where", tt.in, msg)
		}
	}
	long := strings.Repeat("x", 1000)
	_, err := ParseRFC3339([]byte(long))
	var te *TimeError
	if !errors.As(err, &te) || len(te.Text) > 64 {
		t.Errorf("error for a long text keeps %d bytes of it, want at most 64", len(te.Text))
	}
}

func TestParseRFC3339DoesNotAllocate(t *testing.T) {
	for _, in := range []string{"2026-11-27T10:05:00Z", "2026-11-27T10:05:00.123456Z", "2026-11-27T12:05:00+02:00", "2016-12-31T23:59:60Z"} {
		b := []byte(in)
		if _, err := ParseRFC3339(b); err != nil { // caches the zone
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = ParseRFC3339(b) }); n != 0 {
			t.Errorf("ParseRFC3339(%q) allocates %.0f times per call, want 0", in, n)
		}
	}
}

// notRFC3339 reports the forms that time.Parse(time.RFC3339Nano) accepts
// although RFC 3339 does not: a one-digit hour, a ',' before the
// fraction, more than 9 fraction digits, and offsets of 24 hours or 60
// minutes.
func notRFC3339(s string) bool {
	if len(s) < 20 || s[12] == ':' {
		return true
	}
	rest := s[19:]
	if rest[0] == ',' {
		return true
	}
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n-1 > 9 {
			return true
		}
		rest = rest[n:]
	}
	if len(rest) == 6 && (rest[1:3] == "24" || rest[4:6] == "60") {
		return true
	}
	return false
}

func FuzzParseRFC3339(f *testing.F) {
	for _, s := range []string{
		"2026-11-27T10:05:00Z", "2026-11-27T10:05:00.123456789+02:00", "2016-12-31T23:59:60Z",
		"2026-11-27t10:05:00z", "0000-01-01T00:00:00-23:59", "9999-12-31T23:59:59.9Z", "2026-02-29T10:05:00Z",
		"2026-11-27T1:05:00Z", "2026-11-27T10:05:00,5Z", "2026-11-27T10:05:00.1234567891Z", "2026-11-27T10:05:00+24:00",
		"2026-11-27 10:05:00Z", "+026-11-27T10:05:00Z", "2026-11-27T10:05:00+01:60",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseRFC3339([]byte(s))
		want, werr := time.Parse(time.RFC3339Nano, s)
		if werr == nil && !notRFC3339(s) {
			if err != nil {
				t.Fatalf("ParseRFC3339(%q): %v; time.Parse accepts it as %v", s, err, want)
			}
			_, gotOff := got.Zone()
			_, wantOff := want.Zone()
			if !got.Equal(want) || gotOff != wantOff {
				t.Fatalf("ParseRFC3339(%q) = %v, time.Parse gives %v", s, got, want)
			}
		}
		if err != nil {
			var te *TimeError
			if !errors.As(err, &te) || te.Offset < 0 || te.Offset > len(s) || te.Reason == "" {
				t.Fatalf("ParseRFC3339(%q): error %#v does not place the problem", s, err)
			}
			return
		}
		// Whatever is accepted, time.Parse reads too once the leap second
		// and the lower-case letters are taken out, and to the same time.
		norm := []byte(s)
		norm[10] = 'T'
		if c := norm[len(norm)-1]; c == 'z' {
			norm[len(norm)-1] = 'Z'
		}
		leap := string(norm[17:19]) == "60"
		if leap {
			norm[17], norm[18] = '5', '9'
		}
		ref, rerr := time.Parse(time.RFC3339Nano, string(norm))
		if rerr != nil {
			t.Fatalf("ParseRFC3339(%q) = %v, but time.Parse refuses %q: %v", s, got, norm, rerr)
		}
		if leap {
			ref = ref.Add(time.Second)
		}
		if !got.Equal(ref) {
			t.Fatalf("ParseRFC3339(%q) = %v, want %v", s, got, ref)
		}
	})
}

func BenchmarkParseRFC3339(b *testing.B) {
	for _, in := range []string{"2026-11-27T10:05:00Z", "2026-11-27T10:05:00.123456Z", "2026-11-27T12:05:00+02:00"} {
		data := []byte(in)
		b.Run("ParseRFC3339/"+in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseRFC3339(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("time.Parse/"+in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := time.Parse(time.RFC3339Nano, string(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
