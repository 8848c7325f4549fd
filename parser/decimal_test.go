package parser

import (
	"strconv"
	"testing"
)

func TestParseUint(t *testing.T) {
	for _, s := range []string{"0", "7", "65535", "007", "9223372036854775807", "9223372036854775808", "18446744073709551615"} {
		want, _ := strconv.ParseUint(s, 10, 64)
		got, ok := ParseUint([]byte(s))
		if !ok || got != want {
			t.Errorf("ParseUint(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "-1", "+1", "1_000", "0x10", "1.5", " 1", "18446744073709551616", "99999999999999999999", "123456789012345678901"} {
		if n, ok := ParseUint([]byte(s)); ok {
			t.Errorf("ParseUint(%q) = %d, want a refusal", s, n)
		}
	}
}

func FuzzParseUint(f *testing.F) {
	for _, s := range []string{"0", "18446744073709551615", "18446744073709551616", "-1", "1e3", "00000000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseUint([]byte(s))
		want, err := strconv.ParseUint(s, 10, 64)
		plain := len(s) > 0
		for _, c := range []byte(s) {
			plain = plain && c >= '0' && c <= '9'
		}
		// strconv accepts the same inputs, except underscores (base 0
		// only) and lengths above 20 digits of leading zeros, which no
		// log writes and ParseUint refuses.
		switch {
		case ok && (err != nil || got != want):
			t.Fatalf("ParseUint(%q) = %d, strconv: %d, %v", s, got, want, err)
		case !ok && err == nil && plain && len(s) <= 20:
			t.Fatalf("ParseUint(%q) refused what strconv reads as %d", s, want)
		}
	})
}

func BenchmarkParseUint(b *testing.B) {
	in := []byte("1795773600")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, ok := ParseUint(in); !ok {
			b.Fatal("refused")
		}
	}
}
