package syslog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
)

// TestLinear checks that hostile lines cost time in proportion to their
// length: many structured data elements and parameters, long runs of
// escapes and quotes, unterminated values, and words that look like the
// start of a tag.
func TestLinear(t *testing.T) {
	header := "<13>1 2026-11-27T10:00:00Z host app - - "
	tests := []struct {
		name  string
		input func(n int) []byte
	}{
		{"SD elements", func(n int) []byte {
			return []byte(header + strings.Repeat(`[e a="b"]`, n) + " msg")
		}},
		{"SD parameters", func(n int) []byte {
			return []byte(header + "[e" + strings.Repeat(` a="b"`, n) + "] msg")
		}},
		{"escaped quotes", func(n int) []byte {
			return []byte(header + `[e a="` + strings.Repeat(`\"`, n) + `"] msg`)
		}},
		{"escaped backslashes and quotes", func(n int) []byte {
			return []byte(header + `[e a="` + strings.Repeat(`\\\"\]`, n) + `"] msg`)
		}},
		{"unterminated value full of escaped quotes", func(n int) []byte {
			return []byte(header + `[e a="` + strings.Repeat(`\"`, n))
		}},
		{"unterminated element after many parameters", func(n int) []byte {
			return []byte(header + "[e" + strings.Repeat(` a="]"`, n))
		}},
		{"words before a late bracket", func(n int) []byte {
			return []byte("Nov 27 10:00:00 host " + strings.Repeat("a ", n) + "b[1]: x")
		}},
		{"one long word", func(n int) []byte {
			return []byte("Nov 27 10:00:00 " + strings.Repeat("h", 2*n) + " " + strings.Repeat("t", 2*n) + "[1]: x")
		}},
		{"long pid", func(n int) []byte {
			return []byte("Nov 27 10:00:00 host tag[" + strings.Repeat("1", 8*n) + "]x")
		}},
		{"long fraction", func(n int) []byte {
			return []byte("2026-11-27T10:00:00." + strings.Repeat("1", 8*n) + "Z host app: x")
		}},
	}
	var buf []byte
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, 500, tt.input, func(line []byte) {
				m, _ := Parse(line, Options{Reference: ref})
				for e := range m.StructuredData.Elements() {
					for p := range e.Params() {
						buf = p.AppendValue(buf[:0])
					}
				}
				_ = bytes.Count(m.Msg, []byte{' '})
			})
		})
	}
}
