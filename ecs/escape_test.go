package ecs

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// referenceString is the plain byte-at-a-time statement of the encoding
// AppendString implements: the word-at-a-time encoder must match it byte
// for byte, since documents must not change.
func referenceString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20:
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xF])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("\ufffd")
		case r == '\u2028' || r == '\u2029':
			b.WriteString(`\u202`)
			b.WriteByte(hexDigits[r&0xF])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// escapeCases put every kind of byte that needs care at every offset of
// a word and next to each other, where the word-at-a-time encoder changes
// paths.
func escapeCases() []string {
	cases := []string{"", "a", `"`, `\`, `""""""""""`, `\\\\\\\\\`, "\x00\x01\x1f\x7f", "\xff", "\u2028\u2029", "é😀", "\xe2\x80", `{"a":"b","c":[1,2]}`}
	for _, special := range []string{`"`, `\`, "\n", "\x01", "\xe9", "\u00e9", "\u2028", "\xff\xfe", "😀"} {
		for pre := 0; pre <= 17; pre++ {
			for _, post := range []int{0, 1, 7, 8, 9} {
				cases = append(cases, strings.Repeat("a", pre)+special+strings.Repeat("b", post))
				cases = append(cases, strings.Repeat("a", pre)+special+special+`"`+strings.Repeat("b", post))
			}
		}
	}
	return cases
}

func TestAppendStringMatchesReference(t *testing.T) {
	for _, s := range escapeCases() {
		want := referenceString(s)
		assert.Equal(t, want, string(AppendString(nil, s)), "%q", s)
		// Appending to a buffer with and without spare capacity keeps
		// what came before and writes nothing else.
		dst := append(make([]byte, 0, 3+len(want)), "xyz"...)
		assert.Equal(t, "xyz"+want, string(AppendString(dst, s)), "%q", s)
		assert.Equal(t, "xyz"+want, string(AppendString([]byte("xyz"), s)), "%q", s)
	}
}

// FuzzAppendStringReference checks the encoder against referenceString on
// any input, appended after a prefix.
func FuzzAppendStringReference(f *testing.F) {
	for _, s := range escapeCases() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := referenceString(s)
		assert.Equal(t, "p"+want, string(AppendString([]byte("p"), s)))
		assert.Equal(t, want, string(AppendStringBytes(nil, []byte(s))))
	})
}
