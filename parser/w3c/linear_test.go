package w3c_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// readAll frames input and splits every record, as a normalizer would.
func readAll(input []byte, opt w3c.Options) {
	r := w3c.NewReader(bytes.NewReader(input), opt)
	var fields [][]byte
	for {
		rec, err := r.Next()
		if err != nil {
			if _, ok := parser.AsRecordError(err); ok {
				continue
			}
			return
		}
		if f := r.Fields(rec); f != nil {
			fields = r.Split(rec.Data, fields)
		}
	}
}

func TestLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("costs under the race detector say nothing of the code's")
	}
	unlimited := w3c.Options{MaxFieldListBytes: 1 << 40, MaxLineBytes: 64 << 20}
	cases := map[string]func(n int) []byte{
		// Directive lines, most of them naming lists no line is read under.
		"many directives": func(n int) []byte {
			var b bytes.Buffer
			for i := range n {
				fmt.Fprintf(&b, "#Version: 1.0\n#Fields: a%d b c\n#Remark: %d\n", i, i)
			}
			b.WriteString("1\t2\t3\n")
			return b.Bytes()
		},
		// A list change before every line: the table grows by one entry a
		// line and Fields searches it.
		"changing lists": func(n int) []byte {
			var b bytes.Buffer
			for i := range n {
				fmt.Fprintf(&b, "#Fields: a%d b c\n1\t2\t3\n", i)
			}
			return b.Bytes()
		},
		// One directive naming n fields and a line of n fields.
		"long lines with many separators": func(n int) []byte {
			var b bytes.Buffer
			b.WriteString("#Fields:")
			for i := range n {
				fmt.Fprintf(&b, " f%d", i)
			}
			b.WriteString("\n")
			b.WriteString(strings.Repeat("-\t", n-1) + "-\n")
			b.WriteString(strings.Repeat("\t", n) + "\n") // one too many: an error
			return b.Bytes()
		},
		// Lines that are nothing but separators, under a short list.
		"separators only": func(n int) []byte {
			return []byte("#Fields: a b\n" + strings.Repeat("x"+strings.Repeat("\t", n)+"\n", 4))
		},
	}
	for name, input := range cases {
		t.Run(name, func(t *testing.T) {
			lineartest.Check(t, 5000, input, func(b []byte) { readAll(b, unlimited) })
		})
	}
}
