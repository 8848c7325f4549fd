package pattern_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
	"github.com/siem-go/siem/parser/pattern"
)

// Go's regexp is linear whatever the input; these inputs would be
// quadratic or worse for a backtracking engine.
func TestLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("costs under the race detector say nothing of the code's")
	}
	var m pattern.Match
	cases := []struct {
		name  string
		n     int
		match func([]byte) bool
		input func(n int) []byte
	}{{
		// Escaped quotes in a quoted field that never closes, against every
		// pattern of the set.
		name: "unterminated quoted field", n: 8000, match: func(b []byte) bool { return apacheAccess.Match(b, &m) },
		input: func(n int) []byte {
			return []byte(`203.0.113.7 - - [01/May/2024:12:00:01 +0200] "GET /` + strings.Repeat(`\"a `, n))
		},
	}, {
		// Many " - " separators before the one that would end the leading
		// addresses, and no "[" after any of them.
		name: "lazy addresses", match: func(b []byte) bool { return nginxAccess.Match(b, &m) },
		input: func(n int) []byte {
			return []byte(strings.Repeat("10.0.0.1 - - ", n) + "x")
		},
	}, {
		// A line that matches, with a long user agent of many separators.
		name: "long matching line", match: func(b []byte) bool { return apacheCombined.Match(b, &m) },
		input: func(n int) []byte {
			return []byte(`203.0.113.7 - - [01/May/2024:12:00:01 +0200] "GET / HTTP/1.1" 200 1 "-" "` + strings.Repeat(`Mozilla/5.0 (X11; \"x\") `, n) + `"`)
		},
	}, {
		// A multi-line NGINX error record of many lines: the whole record
		// goes through regexp's NFA, whose cost per byte depends on the
		// caches more than most, so both sizes are made large.
		name: "multi-line message", n: 4000, match: func(b []byte) bool { return nginxError.Match(b, &m) },
		input: func(n int) []byte {
			return []byte("2024/05/01 12:00:11 [error] 29#29: *1 FastCGI sent in stderr:" + strings.Repeat("\nPHP message: warning", n))
		},
	}, {
		// An unanchored pattern is tried from every position.
		name: "unanchored", n: 8000, match: func(b []byte) bool { return unanchored.Match(b, &m) },
		input: func(n int) []byte { return []byte(strings.Repeat("a= ", n)) },
	}}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.n
			if n == 0 {
				n = 2000
			}
			lineartest.Check(t, n, tt.input, func(b []byte) { tt.match(b) })
		})
	}
}

var unanchored = pattern.MustCompile("key=value pair", `(?P<key>\w+)=(?P<value>"[^"]*"|[^\s=]+)`)
