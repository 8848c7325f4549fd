package parser

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestIsJSONNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "12", "-12.5", "1e9", "1E+9", "2.5e-3", "123456789012345678901234567890"} {
		if !IsJSONNumber([]byte(s)) {
			t.Errorf("%q is a JSON number", s)
		}
	}
	for _, s := range []string{"", "-", "00", "012", "+1", ".5", "1.", "1e", "1e+", "NaN", "Inf", "-Infinity", "0x10", "1 ", " 1", "1_000"} {
		if IsJSONNumber([]byte(s)) {
			t.Errorf("%q is not a JSON number", s)
		}
	}
}

func FuzzIsJSONNumber(f *testing.F) {
	for _, s := range []string{"0", "-12.5e+3", "012", "1.", "nan"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// encoding/json is the oracle: a JSON text that is one number,
		// with no white space around it.
		var v any
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		_, isNumber := v.(json.Number)
		if d.Decode(&v) == nil {
			_, isNumber = v.(json.Number)
		}
		valid := isNumber && d.InputOffset() == int64(len(s)) && strings.TrimSpace(s) == s
		if got := IsJSONNumber([]byte(s)); got != valid {
			t.Fatalf("IsJSONNumber(%q) = %v, encoding/json says %v", s, got, valid)
		}
	})
}
