package parser

import (
	"slices"
	"testing"
)

// vpcHeader is the header of a default-format VPC flow log.
const vpcHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"

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
