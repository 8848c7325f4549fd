package parser

import (
	"strings"
	"testing"

	"github.com/valyala/fastjson"
)

func TestJSONReason(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":` + strings.Repeat(`{"a":`, 500) + `1` + strings.Repeat(`}`, 501), "too big depth"},
		{`{"a":12x}`, "cannot parse object"},
		{`{"a":"` + strings.Repeat("x", 1000), "cannot parse"},
		{``, "cannot parse empty string"},
	} {
		_, err := fastjson.Parse(c.in)
		if err == nil {
			t.Fatalf("%.40s: no error", c.in)
		}
		got := JSONReason(err)
		if len(got) > 200 || !strings.Contains(got, c.want) {
			t.Errorf("%.40s: %q (%d bytes), want %q in at most 200 bytes; fastjson: %.200s", c.in, got, len(got), c.want, err)
		}
	}
}
