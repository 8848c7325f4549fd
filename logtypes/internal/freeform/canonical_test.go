package freeform

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/valyala/fastjson"
)

// randomJSON writes a random JSON value meant to hit what Canonical and
// AppendCompact turn down or drop: whitespace, escapes, non-ASCII, empty
// and null members, repeated and dotted keys, odd numbers.
func randomJSON(r *rand.Rand, b *strings.Builder, depth int) {
	ws := func() {
		if r.Intn(12) == 0 {
			b.WriteString([]string{" ", "\n", "\t", "\r\n "}[r.Intn(4)])
		}
	}
	ws()
	k := r.Intn(10)
	if depth > 4 {
		k = 4 + r.Intn(6)
	}
	switch k {
	case 0, 1:
		b.WriteByte('{')
		n := r.Intn(5)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			ws()
			b.WriteString(randomString(r, true))
			ws()
			b.WriteByte(':')
			randomJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte('}')
	case 2, 3:
		b.WriteByte('[')
		n := r.Intn(4)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte(']')
	case 4, 5:
		b.WriteString(randomString(r, false))
	case 6:
		b.WriteString([]string{"0", "-1", "1.5", "1e3", "1E400", "-0.0", "123456789012345678901234567890", "2.5e-3", "1e999999"}[r.Intn(9)])
	case 7:
		b.WriteString([]string{"true", "false"}[r.Intn(2)])
	case 8:
		b.WriteString("null")
	case 9:
		b.WriteString(`""`)
	}
	ws()
}

func randomString(r *rand.Rand, key bool) string {
	parts := []string{"a", "b", "ip", ".", "..", `\"`, `\\`, `\n`, `\t`, `\u0041`, `\/`, `\u00e9`, "é", "\u2028", `\u0001`, "x y", "_", "ab"}
	var s strings.Builder
	s.WriteByte('"')
	n := r.Intn(4)
	if key {
		n = r.Intn(3)
	}
	for i := 0; i < n; i++ {
		s.WriteString(parts[r.Intn(len(parts))])
	}
	s.WriteByte('"')
	return s.String()
}

// checkAgainstClean checks Canonical and AppendCompact against
// AppendClean on one value.
func checkAgainstClean(t *testing.T, raw []byte) {
	t.Helper()
	var p fastjson.Parser
	v, err := p.ParseBytes(raw)
	if err != nil {
		return
	}
	want := AppendClean(nil, v)
	if sh := Canonical(raw, false); sh.OK && !sh.Dotted {
		if !bytes.Equal(raw, want) {
			t.Fatalf("Canonical accepts %s, AppendClean writes %s", raw, want)
		}
	}
	got, sh := AppendCompact([]byte("x"), raw, false)
	if !sh.OK {
		if string(got) != "x" {
			t.Fatalf("AppendCompact(%s) failed but wrote %q", raw, got)
		}
		return
	}
	if !sh.Dotted && !bytes.Equal(got[1:], want) {
		t.Fatalf("AppendCompact(%s) = %s, AppendClean writes %s", raw, got[1:], want)
	}
	// Kept empty, the value is as AppendWhole writes it.
	if sh := Canonical(raw, true); sh.OK {
		if want := AppendWhole(nil, v); !bytes.Equal(raw, want) {
			t.Fatalf("Canonical(keepEmpty) accepts %s, a writer keeping empties writes %s", raw, want)
		}
	}
}

func TestCanonicalMatchesAppendClean(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	accepted, compacted := 0, 0
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		randomJSON(r, &b, 0)
		raw := []byte(b.String())
		checkAgainstClean(t, raw)
		if Canonical(raw, false).OK {
			accepted++
		}
		if _, sh := AppendCompact(nil, raw, false); sh.OK {
			compacted++
		}
	}
	// The generator must reach both sides of each decision.
	if accepted < 1000 || compacted < 5000 {
		t.Fatalf("only %d canonical and %d compactable values: the test checks too little", accepted, compacted)
	}
}

func TestCanonicalCases(t *testing.T) {
	for _, c := range []struct {
		in              string
		keepEmpty       bool
		ok, dotted, bad bool
	}{
		{`{"a":1,"b":"x"}`, false, true, false, false},
		{`{"a":1, "b":"x"}`, false, false, false, false},
		{`{"a":null}`, false, false, false, false},
		{`{"a":null}`, true, true, false, false},
		{`{"a":[]}`, false, false, false, false},
		{`{"a":""}`, false, false, false, false},
		{`{"a":"","b":{}}`, true, true, false, false},
		{`{"a":1,"a":2}`, false, false, false, false},
		{`{"a.b":1}`, false, true, true, false},
		{`{"a..b":1}`, false, true, true, true},
		{`{"":1}`, false, true, true, true},
		{`{"a":"\u0041"}`, false, false, false, false},
		{`{"a":"\n\"\\"}`, false, true, false, false},
		{`{"a":1e400}`, false, false, false, false},
		{`{"a":"é"}`, false, true, false, false},
		{`{"a":"` + "\u2028" + `"}`, false, false, false, false},
		{`[1,2]`, false, true, false, false},
		{`{"a":{"b":1},"b":{"b":2}}`, false, true, false, false},
	} {
		sh := Canonical([]byte(c.in), c.keepEmpty)
		if sh.OK != c.ok || (sh.OK && (sh.Dotted != c.dotted || sh.Bad != c.bad)) {
			t.Errorf("Canonical(%s, %v) = %+v", c.in, c.keepEmpty, sh)
		}
	}
}

func TestFind(t *testing.T) {
	rec := []byte(` { "x" : [1,{"a":"}"}], "resource":{"a":1} ,"service":{"b":null},"z":"\"","service2":1}`)
	var out [3]Member
	if !Find(rec, []string{"resource", "service", "absent"}, false, out[:]) {
		t.Fatal("Find failed")
	}
	if string(out[0].Raw) != `{"a":1}` || !out[0].Shape.OK {
		t.Errorf("resource: %+v", out[0])
	}
	if string(out[1].Raw) != `{"b":null}` || out[1].Shape.OK {
		t.Errorf("service: %+v", out[1])
	}
	if out[2].Raw != nil {
		t.Errorf("absent: %+v", out[2])
	}
	// A repeated name is not reported; an escaped key stops the search.
	if !Find([]byte(`{"a":1,"a":2}`), []string{"a"}, false, out[:1]) || out[0].Raw != nil {
		t.Errorf("repeated: %+v", out[0])
	}
	if Find([]byte(`{"\u0061":1,"a":2}`), []string{"a"}, false, out[:1]) {
		t.Error("escaped key accepted")
	}
	for _, bad := range []string{``, `[]`, `{"a":1`, `{"a" 1}`, `{"a":"1}`, `{"a":{"b":1}`, `{"a":1,}`} {
		if Find([]byte(bad), []string{"a"}, false, out[:1]) {
			t.Errorf("Find(%q) succeeded", bad)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[1,{"c":""}],"d":null}`, `{"a.b":{"":[]}}`, `[{"a":"\n"},{}]`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkAgainstClean(t, raw)
		// Beyond not failing, these read only what a parser accepted.
		var p fastjson.Parser
		if _, err := p.ParseBytes(raw); err != nil {
			Canonical(raw, false)
			AppendCompact(nil, raw, false)
			var out [1]Member
			Find(raw, []string{"a"}, false, out[:])
			Locate(raw, []string{"a"}, out[:])
			return
		}
		var out, loc [2]Member
		names := []string{"a", "b"}
		found, located := Find(raw, names, false, out[:]), Locate(raw, names, loc[:])
		if found != located {
			t.Fatalf("Find %v, Locate %v", found, located)
		}
		if found {
			for i, m := range out {
				if !bytes.Equal(m.Raw, loc[i].Raw) {
					t.Fatalf("Find %q, Locate %q", m.Raw, loc[i].Raw)
				}
				if m.Raw != nil {
					checkAgainstClean(t, m.Raw)
					if sh := Canonical(m.Raw, false); sh.OK != m.Shape.OK || sh.OK && sh != m.Shape {
						t.Fatalf("Find's shape %+v, Canonical's %+v", m.Shape, sh)
					}
				}
			}
		}
	})
}
