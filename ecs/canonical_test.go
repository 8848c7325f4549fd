package ecs

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestCanonicalStringEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string // a JSON string, quotes included, then more bytes
		want int    // the end, -1 when not canonical
	}{
		{`"plain ascii, long enough for words"x`, 36},
		{`""`, 2},
		{`"tab\tquote\"backslash\\"`, 25},
		{`"Linköping ✓"`, 16},
		{`"\u0041"`, -1},   // written A
		{`"\/"`, -1},       // written /
		{"\"\x01\"", -1},   // a control byte is written escaped
		{"\"\xff\"", -1},   // invalid UTF-8 is written as U+FFFD
		{"\"\u2028\"", -1}, // written \u2028
		{`"unterminated`, -1},
		{`"ends in a backslash\`, -1},
	} {
		if got := CanonicalStringEnd([]byte(tc.in), 1); got != tc.want {
			t.Errorf("CanonicalStringEnd(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// FuzzCanonical checks both functions against AppendStringBytes itself.
// Soundness: contents accepted as canonical decode to a value that
// AppendStringBytes writes back byte for byte. Reach: what
// AppendStringBytes writes is accepted, unless it needed a \u escape
// (which the check leaves to the slow path). IsPlain holds exactly for
// values written unchanged, for ASCII.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"", "abc", "a\"b\\c\nd", "Linköping", "\u2028", "\xff\xfe", "0123456789abcdef\x00", `\u0041"`, `\/"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		// Soundness, with s read as the contents of a JSON string.
		cand := append([]byte{'"'}, s...)
		if end := CanonicalStringEnd(cand, 1); end >= 0 {
			var v string
			if err := json.Unmarshal(cand[:end], &v); err != nil {
				t.Fatalf("%q accepted as canonical but is not a JSON string: %v", cand[:end], err)
			}
			if again := AppendString(nil, v); !bytes.Equal(again, cand[:end]) {
				t.Fatalf("%q accepted as canonical but %q is written %q", cand[:end], v, again)
			}
		}
		// Reach.
		enc := AppendStringBytes(nil, s)
		if got := CanonicalStringEnd(enc, 1); got != len(enc) && !bytes.Contains(enc, []byte(`\u`)) {
			t.Fatalf("CanonicalStringEnd(%q) = %d, want %d", enc, got, len(enc))
		}
		unchanged := bytes.Equal(enc[1:len(enc)-1], s)
		if IsPlain(s) != (unchanged && isASCII(s)) {
			t.Fatalf("IsPlain(%q) = %v, written %q", s, IsPlain(s), enc)
		}
	})
}

func isASCII(s []byte) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// KeywordPlain and KeywordPlainBytes write what Keyword writes, for the
// plain values they are for: addresses, digits, tokens.
func TestKeywordPlainMatchesKeyword(t *testing.T) {
	for _, v := range []string{"", "0", "42", "10.0.0.1", "2001:db8::1", "::ffff:10.0.0.1", "eni-0123456789abcdef0",
		"app/my-alb/50dc6c495c0c9188", strings.Repeat("x", 200)} {
		if !IsPlain([]byte(v)) {
			t.Fatalf("%q is not plain", v)
		}
		var got, gotBytes, want Event
		got.KeywordPlain("a.b", v)
		gotBytes.KeywordPlainBytes("a.b", []byte(v))
		want.Keyword("a.b", v)
		w := want.AppendJSON(nil)
		if g := got.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Errorf("KeywordPlain(%q) wrote %s, want %s", v, g, w)
		}
		if g := gotBytes.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Errorf("KeywordPlainBytes(%q) wrote %s, want %s", v, g, w)
		}
	}
}
