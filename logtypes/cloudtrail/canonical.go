package cloudtrail

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"

	"github.com/siem-go/siem/parser"
)

// CloudTrail writes its records as compact JSON whose strings hold no
// escapes the document encoder would write differently, so encodeTo
// mostly writes back the very bytes it read, at the cost of undoing and
// redoing every string's escapes. canonical recognises such a value in
// one read-only pass, and the record's own bytes are then used as the
// free-form member's compact JSON instead of a copy written by encodeTo.

// canonical reports whether encodeTo would write v, a value validate
// accepted, exactly as it stands, and when it does, sets w.indexable as
// encodeTo would have. It reads each byte of v at most once, like
// encodeTo; on false, w.indexable means nothing and v is to be encoded.
//
// v is as encodeTo writes it when it has no whitespace between tokens,
// every number token is a JSON number (the others become strings), and
// every string is as ecs.AppendStringBytes writes its unescaped contents:
// no control characters, no invalid UTF-8, no U+2028 or U+2029, and only
// the escapes \" \\ \n \r \t (\/, \u0041 and the like are rewritten).
// Because output and input are then the same bytes, keys are tracked for
// closeLevel as spans of v itself, and a key's offset in v is its offset
// in the output.
func (w *jsonWriter) canonical(v value) bool {
	w.indexable = true
	w.keys = w.keys[:0]
	w.levels = w.levels[:0]
	key := false // the next string is a key
	for i := 0; i < len(v); {
		switch c := v[i]; c {
		case '{', '[':
			level := -1
			if c == '{' {
				level = len(w.keys)
			}
			w.levels = append(w.levels, level)
			key = c == '{'
			i++
		case '}', ']':
			level := w.levels[len(w.levels)-1]
			w.levels = w.levels[:len(w.levels)-1]
			if level >= 0 {
				w.closeLevel(v, level)
			}
			i++
		case ',':
			key = w.levels[len(w.levels)-1] >= 0
			i++
		case ':':
			i++
		case ' ', '\t', '\n', '\r':
			return false // encodeTo drops whitespace between tokens
		case '"':
			end := canonicalStringEnd(v, i+1)
			if end < 0 {
				return false
			}
			if key {
				// As jsonWriter.key: the escapes kept here never make or
				// unmake a '.', so the key is judged as written.
				k := v[i+1 : end-1]
				if w.indexable && (badKey(k) || i > maxFlattenedBytes) {
					w.indexable = false
				}
				if w.indexable {
					w.keys = append(w.keys, span{i, end})
				}
				key = false
			}
			i = end
		default:
			end := i + 1
			for end < len(v) && !valueEnd[v[end]] {
				end++
			}
			if s := v[i:end]; !(string(s) == "true" || string(s) == "false" || string(s) == "null" || parser.IsJSONNumber(s)) {
				return false
			}
			i = end
		}
	}
	return true
}

// canonicalStringEnd returns the index just past the quote closing the
// string whose contents start at b[p], or -1 when the string is not as
// ecs.AppendStringBytes would write its contents (see canonical). It looks
// at eight bytes at a time up to the next byte that needs a closer look.
func canonicalStringEnd(b []byte, p int) int {
	for {
		for p+8 <= len(b) {
			m := notPlain8(binary.LittleEndian.Uint64(b[p:]))
			if m == 0 {
				p += 8
				continue
			}
			p += bits.TrailingZeros64(m) >> 3
			break
		}
		if p >= len(b) {
			return -1
		}
		switch c := b[p]; {
		case c == '"':
			return p + 1
		case c == '\\':
			if p+1 >= len(b) {
				return -1
			}
			switch b[p+1] {
			case '"', '\\', 'n', 'r', 't':
				p += 2
			default:
				return -1
			}
		case c < 0x20:
			return -1
		case c < utf8.RuneSelf:
			p++
		default:
			r, size := utf8.DecodeRune(b[p:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				return -1
			}
			p += size
		}
	}
}

// notPlain8 returns a word whose lowest set bit is the high bit of the
// first byte of x (in memory order) that is a control character, '"',
// '\\' or not ASCII, or 0 when none is. Bits above the lowest may be
// spurious.
func notPlain8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	e := x ^ (ones * '\\')
	return (x | (x-ones*0x20)&^x | (q-ones)&^q | (e-ones)&^e) & highs
}

// isPlain reports whether every byte of b is printable ASCII other than
// '"' and '\\', the bytes ecs.AppendStringBytes writes as they are. It
// reads a word at a time, the last word overlapping the one before it
// rather than finishing byte by byte.
func isPlain(b []byte) bool {
	n := len(b)
	if n < 8 {
		for _, c := range b {
			if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	for i := 0; i+8 <= n; i += 8 {
		if notPlain8(binary.LittleEndian.Uint64(b[i:])) != 0 {
			return false
		}
	}
	return n%8 == 0 || notPlain8(binary.LittleEndian.Uint64(b[n-8:])) == 0
}
