package parser

import (
	"slices"
	"strings"
	"testing"
)

const vpcHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"

func TestColumnReader(t *testing.T) {
	row1 := "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"
	row2 := "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK"
	tests := []struct {
		name   string
		input  string
		opt    LineOptions
		header []string
		want   []event
	}{
		{
			name:  "empty",
			input: "",
		},
		{
			name:   "header only",
			input:  vpcHeader + "\n",
			header: strings.Fields(vpcHeader),
		},
		{
			name:   "rows",
			input:  vpcHeader + "\n" + row1 + "\n" + row2,
			header: strings.Fields(vpcHeader),
			want: []event{
				rec(1, 2, int64(len(vpcHeader)+1), row1),
				rec(2, 3, int64(len(vpcHeader)+len(row1)+2), row2),
			},
		},
		{
			name:   "blank lines before the header and between rows, CRLF",
			input:  "\r\n\r\n" + vpcHeader + "\r\n\r\n" + row1 + "\r\n",
			header: strings.Fields(vpcHeader),
			want:   []event{rec(1, 5, int64(len(vpcHeader)+8), row1)},
		},
		{
			name:   "repeated header of concatenated files is not a record",
			input:  vpcHeader + "\n" + row1 + "\n" + vpcHeader + "\n" + row2 + "\n",
			header: strings.Fields(vpcHeader),
			want: []event{
				rec(1, 2, int64(len(vpcHeader)+1), row1),
				rec(2, 4, int64(2*len(vpcHeader)+len(row1)+3), row2),
			},
		},
		{
			name:   "tabs and runs of spaces in the header",
			input:  "a\t b   c\n1 2 3\n",
			header: []string{"a", "b", "c"},
			want:   []event{rec(1, 2, 9, "1 2 3")},
		},
		{
			name:   "over-long row is numbered among the rows",
			input:  "a b\n1 2\n11111 22222\n3 4\n",
			opt:    LineOptions{MaxLineBytes: 5},
			header: []string{"a", "b"},
			want: []event{
				rec(1, 2, 4, "1 2"),
				recErr(2, 3, 8, "line longer than 5 bytes", "11111"),
				rec(3, 4, 20, "3 4"),
			},
		},
		{
			name:  "over-long header fails the object",
			input: "aaaaaa b\n1 2\n",
			opt:   LineOptions{MaxLineBytes: 5},
			want:  []event{{Err: "header line 1: line longer than 5 bytes: without its column names no line of the object can be read"}},
		},
		{
			name:   "skip lines before the header",
			input:  "# comment\na b\n1 2\n",
			opt:    LineOptions{SkipLines: 1},
			header: []string{"a", "b"},
			want:   []event{rec(1, 3, 14, "1 2")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := NewColumnReader(strings.NewReader(tt.input), tt.opt)
			if cr.Header() != nil {
				t.Fatal("Header() before Next is not nil")
			}
			got := collect(t, cr)
			checkEvents(t, got, tt.want)
			var names []string
			if h := cr.Header(); h != nil {
				names = h.Names
			}
			if !slices.Equal(names, tt.header) {
				t.Errorf("header = %q, want %q", names, tt.header)
			}
		})
	}
}

func TestColumnReaderHeaderReadError(t *testing.T) {
	cr := NewColumnReader(&failingReader{data: []byte("version acc"), err: errNetwork}, LineOptions{})
	checkEvents(t, collect(t, cr), []event{{Err: "header line 1: record cut off by a read error: connection reset by peer: without its column names no line of the object can be read"}})
	if _, err := cr.Next(); err == nil {
		t.Error("error is not sticky")
	}
}

func TestHeaderIndex(t *testing.T) {
	h := &Header{Names: strings.Fields(vpcHeader)}
	for i, name := range h.Names {
		if got := h.Index(name); got != i {
			t.Errorf("Index(%q) = %d, want %d", name, got, i)
		}
	}
	if got := h.Index("tcp-flags"); got != -1 {
		t.Errorf("Index of an absent column = %d", got)
	}
	if got := h.Index("Version"); got != -1 {
		t.Errorf("Index is case-insensitive: %d", got)
	}
}

func TestSplitFields(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"", nil},
		{"   \t ", nil},
		{"a", []string{"a"}},
		{"a b c", []string{"a", "b", "c"}},
		{"  a \t b  ", []string{"a", "b"}},
		{"a\tb", []string{"a", "b"}},
		{"- - NODATA", []string{"-", "-", "NODATA"}},
		{"a\"b c", []string{"a\"b", "c"}},
	}
	for _, tt := range tests {
		got := SplitFields([]byte(tt.line), nil)
		var s []string
		for _, f := range got {
			s = append(s, string(f))
			if cap(f) != len(f) {
				t.Errorf("%q: field %q has spare capacity", tt.line, f)
			}
		}
		if !slices.Equal(s, tt.want) {
			t.Errorf("SplitFields(%q) = %q, want %q", tt.line, s, tt.want)
		}
	}
}

func TestSplitFieldsDoesNotAllocate(t *testing.T) {
	line := []byte("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK")
	dst := make([][]byte, 0, 32)
	allocs := testing.AllocsPerRun(1000, func() { dst = SplitFields(line, dst) })
	if allocs != 0 || len(dst) != 14 {
		t.Errorf("%v allocations, %d fields", allocs, len(dst))
	}
}
