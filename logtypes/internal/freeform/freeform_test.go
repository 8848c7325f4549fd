package freeform

import (
	"testing"

	"github.com/valyala/fastjson"
)

func TestAppendClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":1,"b":"","c":null,"d":[],"e":{},"f":[null,""],"g":{"h":{}}}`, `{"a":1}`},
		{`{"a.b":1,"":2,"x":{"y.z":"w"}}`, `{"a_b":1,"_":2,"x":{"y_z":"w"}}`},
		{`{"a":1,"a":2,"b":3}`, `{"a":2,"b":3}`},
		{`{"a.b":1,"a_b":2}`, `{"a_b":2}`},
		// fastjson keeps an escaped lone surrogate as the text "\ud800".
		{`{"s":"\u2028 \ud800 \u0000"}`, `{"s":"\u2028 \\ud800 \u0000"}`},
		{`[1,{"a":[]},"x"]`, `[1,"x"]`},
		{`{"n":1.5e3,"t":true,"f":false}`, `{"n":1.5e3,"t":true,"f":false}`},
		{`{}`, ``},
	} {
		got := string(AppendClean(nil, fastjson.MustParse(c.in)))
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}
