package kv

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
)

// TestLinear checks that hostile lines cost time in proportion to their
// length in every dialect: many pairs, runs of "=", escapes and quotes,
// unterminated quotes, and long values that ValuesToNextKey must scan for
// a next key that never comes.
func TestLinear(t *testing.T) {
	inputs := []struct {
		name  string
		input func(n int) []byte
	}{
		{"many pairs", func(n int) []byte { return []byte(strings.Repeat(`k=v q="x y" `, n)) }},
		{"equals signs", func(n int) []byte { return []byte("a" + strings.Repeat("=", 8*n)) }},
		{"pairs of equals signs", func(n int) []byte { return []byte(strings.Repeat("a== ", 2*n)) }},
		{"escaped quotes", func(n int) []byte { return []byte(`a="` + strings.Repeat(`\"`, 4*n) + `"`) }},
		{"unterminated quote full of escapes", func(n int) []byte { return []byte(`a="` + strings.Repeat(`\"\\`, 3*n)) }},
		{"unterminated quote full of other quotes", func(n int) []byte { return []byte(`a="` + strings.Repeat(`'x'`, 3*n)) }},
		{"words without keys", func(n int) []byte { return []byte("msg=" + strings.Repeat("word ", 2*n) + "k=v") }},
		{"words that almost are keys", func(n int) []byte { return []byte("msg=" + strings.Repeat(`w"=x `, 2*n)) }},
		{"escaped separators", func(n int) []byte { return []byte("msg=" + strings.Repeat(`a\ \=`, 2*n) + " k=v") }},
		{"separators", func(n int) []byte { return []byte("a=1" + strings.Repeat(" \t|,;", 2*n) + "b=2") }},
	}
	dialects := []Options{
		{},
		{ValuesToNextKey: true},
		{ValuesToNextKey: true, Escapes: EscapesEverywhere},
		{Separator: '|', ValuesToNextKey: true},
		{Escapes: EscapesNone},
	}
	dst := make([]Pair, 0, 64)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			lineartest.Check(t, 500, in.input, func(line []byte) {
				for _, opt := range dialects {
					dst, _ = opt.Parse(line, dst)
				}
			})
		})
	}
}
