package cef

import (
	"bytes"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
)

// TestParseIsLinear checks that hostile records cost time in proportion to
// their size: a value scanned again after every space, escape or equals
// sign would be quadratic.
func TestParseIsLinear(t *testing.T) {
	const head = "<134>May 01 12:00:00 host CEF:0|Vendor|Product|1.0|100|Name|5|"
	repeat := func(prefix, unit, suffix string) func(int) []byte {
		return func(n int) []byte { return []byte(prefix + strings.Repeat(unit, n) + suffix) }
	}
	tests := []struct {
		name  string
		input func(int) []byte
	}{
		{"escaped equals signs", repeat(head+"msg=", `\=`, " end=1")},
		{"escaped backslashes", repeat(head+"msg=", `\\`, " end=1")},
		{"unknown escapes", repeat(head+"msg=", `\x`, "")},
		{"dangling backslashes", repeat(head+"msg=", `\`, "")},
		{"equals signs", repeat(head+"msg=", "=", " end=1")},
		{"equals signs after spaces", repeat(head+"msg=", " =", "")},
		{"keys that are not keys", repeat(head+"msg=", " .k=", "")},
		{"words before a key", repeat(head+"msg=", " word", " k=1")},
		{"spaces before a key", repeat(head+"msg=a", " ", "k=1")},
		{"trailing spaces", repeat(head+"msg=a", " ", "")},
		{"a long key", repeat(head+"msg=x ", "k", "=1")},
		{"pairs", repeat(head, "k=v ", "")},
		{"standard pairs", repeat(head, "src=10.0.0.1 ", "")},
		{"empty values", repeat(head, "a= ", "")},
		{"pipes in the extension", repeat(head+"msg=", "|", "")},
		{"escaped pipes in the header", repeat("CEF:0|", `\|`, "|P|1|100|N|5|a=1")},
		{"backslashes in the header", repeat("CEF:0|", `\\`, "|P|1|100|N|5|a=1")},
		{"a long version", repeat("CEF:", "0", "")},
		{"a long prefix", repeat("", "CE", "CEF:0|V|P|1|100|N|5|")},
		{"spaces before CEF", repeat("x", " ", "CEF:0|V|P|1|100|N|5|")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			lineartest.Check(t, 10000, tt.input, func(b []byte) { _ = Parse(b, &r) })
		})
	}
}

// TestLookupsAreLinear checks the lookups on records with many fields.
func TestLookupsAreLinear(t *testing.T) {
	labels := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("CEF:0|V|P|1|100|N|5|")
		for range n {
			b.WriteString("acmeLabel=L cs1Label=L ")
		}
		return b.Bytes()
	}
	var r Record
	lineartest.Check(t, 1000, labels, func(b []byte) {
		_ = Parse(b, &r)
		r.ByLabel("L")
		r.ByLabel("M")
		r.Label("acme")
		r.Get("missing")
		r.Get("src")
	})
}
