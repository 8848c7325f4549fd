package ecs

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// CanonicalStringEnd returns the index just past the quote that closes
// the JSON string whose contents start at b[start], when those contents
// are exactly what AppendStringBytes writes for the value they stand for;
// else -1. A log type that proves a raw member canonical this way can
// copy it into a document instead of decoding and writing it again.
// Canonical contents hold printable ASCII and valid UTF-8 as they are
// (but U+2028 and U+2029), and the escapes \" \\ \n \r \t; anything else
// (\u escapes, \/, control characters, invalid UTF-8) is written
// differently, and gives -1.
func CanonicalStringEnd(b []byte, start int) int {
	p := start
	for {
		for p+8 <= len(b) {
			if m := specials8(binary.LittleEndian.Uint64(b[p:])); m != 0 {
				p += bits.TrailingZeros64(m) >> 3
				break
			}
			p += 8
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

// IsPlain reports whether AppendStringBytes writes every byte of b as it
// is: printable ASCII other than '"' and '\\'. It reads a word at a time,
// the last word overlapping the one before it rather than finishing byte
// by byte.
func IsPlain(b []byte) bool {
	n := len(b)
	if n < 8 {
		for _, c := range b {
			if !plain[c] {
				return false
			}
		}
		return true
	}
	for i := 0; i+8 <= n; i += 8 {
		if specials8(binary.LittleEndian.Uint64(b[i:])) != 0 {
			return false
		}
	}
	return n%8 == 0 || specials8(binary.LittleEndian.Uint64(b[n-8:])) == 0
}
