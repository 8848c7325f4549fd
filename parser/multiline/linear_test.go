package multiline_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
	"github.com/siem-go/siem/parser/multiline"
)

func readAll(input []byte, opt multiline.Options) {
	r, err := multiline.NewReader(bytes.NewReader(input), opt)
	if err != nil {
		panic(err)
	}
	for {
		if _, err := r.Next(); err != nil && err.Error() == "EOF" {
			return
		}
	}
}

func TestLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("costs under the race detector say nothing of the code's")
	}
	start := regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `)
	big := multiline.Options{Start: start, MaxRecordBytes: 64 << 20}
	cases := []struct {
		name  string
		opt   multiline.Options
		input func(n int) []byte
	}{{
		// One record of n continuation lines.
		name: "huge record of continuation lines", opt: big,
		input: func(n int) []byte {
			return []byte("2024-05-01 00:00:00 UTC:LOG: statement: INSERT INTO t VALUES\n" + strings.Repeat("\t(1, 'a'),\n", n))
		},
	}, {
		// The same over the limit: its lines are read and dropped.
		name: "huge record over the limit", opt: multiline.Options{Start: start, MaxRecordBytes: 1024},
		input: func(n int) []byte {
			return []byte("2024-05-01 00:00:00 x\n" + strings.Repeat("\t(1, 'a'),\n", n) + "2024-05-01 00:00:01 y\n")
		},
	}, {
		// Blank lines inside a record, kept as empty lines.
		name: "blank lines", opt: big,
		input: func(n int) []byte {
			return []byte("2024-05-01 00:00:00 x\n" + strings.Repeat("\n \n", n) + "end\n")
		},
	}, {
		// Long lines that almost match the start pattern.
		name: "long near-miss lines", opt: big,
		input: func(n int) []byte {
			return []byte("2024-05-01 x\n" + strings.Repeat(strings.Repeat("2024-05-0", n/10)+"\n", 10))
		},
	}, {
		// An unanchored pattern tries every position of a long line.
		name: "unanchored pattern", opt: multiline.Options{Continue: regexp.MustCompile(`\s+at \S+\(`), MaxRecordBytes: 64 << 20},
		input: func(n int) []byte {
			return []byte(strings.Repeat("x", n) + "\n" + strings.Repeat("  at ", n) + "\n")
		},
	}, {
		// Many one-line records.
		name: "many records", opt: big,
		input: func(n int) []byte {
			return bytes.Repeat([]byte("2024-05-01 00:00:00 LOG: checkpoint starting: time\n"), n)
		},
	}}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, 10000, tt.input, func(b []byte) { readAll(b, tt.opt) })
		})
	}
}
