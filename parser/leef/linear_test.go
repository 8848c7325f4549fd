package leef

import (
	"bytes"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
)

// TestParseIsLinear checks that hostile records cost time in proportion to
// their size.
func TestParseIsLinear(t *testing.T) {
	const head = "<13>Jan 18 11:07:53 host LEEF:1.0|Vendor|Product|1.0|Event|"
	repeat := func(prefix, unit, suffix string) func(int) []byte {
		return func(n int) []byte { return []byte(prefix + strings.Repeat(unit, n) + suffix) }
	}
	tests := []struct {
		name  string
		input func(int) []byte
	}{
		{"attributes", repeat(head, "k=v\t", "")},
		{"predefined attributes", repeat(head, "src=10.0.0.1\t", "")},
		{"equals signs", repeat(head+"msg=", "=", "")},
		{"segments without keys", repeat(head+"msg=", "\tx", "")},
		{"empty segments", repeat(head+"msg=x", "\t", "k=v")},
		{"blank segments", repeat(head+"msg=x", "\t ", "")},
		{"segments of equals signs", repeat(head+"msg=x", "\t=", "")},
		{"blanks before a key", repeat(head+"msg=x\t", " ", "k=v")},
		{"blanks before an equals sign", repeat(head+"msg=x\tk", " ", "=v")},
		{"pipes in values", repeat(head+"msg=", "|", "")},
		{"escaped pipes in the header", repeat("LEEF:1.0|", `\|`, "|P|1|E|a=1")},
		{"backslashes in the header", repeat("LEEF:1.0|", `\\`, "|P|1|E|a=1")},
		{"a multi-byte delimiter", repeat("LEEF:2.0|V|P|1|E|¦|", "k=v¦", "")},
		{"half a multi-byte delimiter", repeat("LEEF:2.0|V|P|1|E|¦|msg=", "\xc2", "")},
		{"no delimiter field and pipes", repeat("LEEF:2.0|V|P|1|E|", "a=|", "")},
		{"a long delimiter field", repeat("LEEF:2.0|V|P|1|E|", "^", "|a=1")},
		{"a long prefix", repeat("", "LEE", "LEEF:1.0|V|P|1|E|")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			lineartest.Check(t, 10000, tt.input, func(b []byte) { _ = Parse(b, &r) })
		})
	}
}

// TestLookupsAreLinear checks the lookups on records with many attributes.
func TestLookupsAreLinear(t *testing.T) {
	labels := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("LEEF:1.0|V|P|1|E|")
		for range n {
			b.WriteString("acmeLabel=L\tcs1Label=L\t")
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
		r.SeverityLevel()
	})
}
