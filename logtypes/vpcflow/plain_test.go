package vpcflow

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// The shortcuts of plain.go must write what the general setters write.
func TestPlainSettersMatchGeneralOnes(t *testing.T) {
	same := func(t *testing.T, what string, set, want func(ev *ecs.Event)) {
		t.Helper()
		var got, exp ecs.Event
		set(&got)
		want(&exp)
		if g, w := got.AppendJSON(nil), exp.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Errorf("%s: %s, want %s", what, g, w)
		}
	}
	for _, v := range []string{"", "0", "7", "42", "0042", "00", "123456789012", "18446744073709551615",
		"ACCEPT", "REJECT", "OK", "NODATA", "SKIPDATA", "accept", "eni-0123456789abcdef0", `a"b`, "ü", "-"} {
		b := []byte(v)
		same(t, "setKeyword "+v, func(ev *ecs.Event) { setKeyword(ev, "k", b) }, func(ev *ecs.Event) { ev.KeywordBytes("k", b) })
		if n, ok := parser.ParseUint(b); ok && n <= maxCount {
			same(t, "setNumber "+v, func(ev *ecs.Event) { setNumber(ev, "n", int64(n), b) }, func(ev *ecs.Event) { ev.Long("n", int64(n)) })
		}
	}
	for i := range 256 {
		same(t, "protocol", func(ev *ecs.Event) { ev.RawJSON("p", protocolNumbersJSON[i]) }, func(ev *ecs.Event) { ev.Keyword("p", protocolNumbers[i]) })
		same(t, "transport", func(ev *ecs.Event) { ev.RawJSON("p", transportsJSON[i]) }, func(ev *ecs.Event) { ev.Keyword("p", transports[i]) })
	}
}
