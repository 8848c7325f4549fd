package cloudtrail

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// Records are read without building a tree of values: one pass over a
// record checks it and finds the members this type reads (state.walk,
// with scanValue for the rest), and the few it reads further are walked
// again. A tree costs over a hundred bytes per value, so a record of tiny
// values ([0,0,0,...]) used to take hundreds of times its own size in
// memory; walking costs nothing per value, and every walk is linear in
// the bytes walked.

// maxDepth bounds nesting: a value inside maxDepth arrays and objects is
// refused, as the parser this type used before did.
const maxDepth = 300

// A value is one JSON value of a record: its bytes exactly as they stand
// in the record, already checked, with no whitespace around them. A nil
// value is an absent member.
type value []byte

type jsonType uint8

const (
	typeNull jsonType = iota
	typeObject
	typeArray
	typeString
	typeNumber
	typeTrue
	typeFalse
)

var typeNames = [...]string{"null", "object", "array", "string", "number", "true", "false"}

func (t jsonType) String() string { return typeNames[t] }

// typ returns the type of a value that is present.
func (v value) typ() jsonType {
	switch v[0] {
	case '{':
		return typeObject
	case '[':
		return typeArray
	case '"':
		return typeString
	case 't':
		return typeTrue
	case 'f':
		return typeFalse
	case 'n':
		if string(v) == "null" {
			return typeNull
		}
	}
	return typeNumber
}

// is reports whether v is present and of type t.
func (v value) is(t jsonType) bool { return v != nil && v.typ() == t }

// syntaxErr says where and why a record is not JSON.
type syntaxErr struct {
	offset int
	reason string
	// tooDeep marks valid JSON nested deeper than maxDepth.
	tooDeep bool
}

// validate checks that data is one JSON value, with optional whitespace
// around it, and returns the value.
//
// The grammar is JSON's with the leniencies of the fastjson parser this
// type used before, so that the same records are accepted: strings may
// hold raw control characters and unknown escapes (kept as written), and
// a number is any run of digits, '.', 'e', 'E', '+' and '-' or an
// optionally signed NaN or Inf, in any case. The encoder writes such
// tokens as strings, so no invalid JSON reaches a document. Nesting is
// limited to maxDepth.
func validate(b []byte) (value, *syntaxErr) {
	i := skipSpace(b, 0)
	end, err := scanValue(b, i, 0)
	if err != nil {
		return nil, err
	}
	if j := skipSpace(b, end); j != len(b) {
		return nil, &syntaxErr{j, "invalid character after the top-level value", false}
	}
	return b[i:end], nil
}

// scanValue checks the value starting at b[i], inside outer arrays and
// objects, and returns where it ends. It walks the value once, keeping the
// kind of each open container in a bit.
func scanValue(b []byte, i, outer int) (int, *syntaxErr) {
	var objects [(maxDepth + 63) / 64]uint64 // bit d: container d is an object
	depth := 0                               // containers open in the value
	for {
		// A value starts at b[i].
		if i >= len(b) {
			return 0, &syntaxErr{i, "unexpected end of JSON input", false}
		}
		if outer+depth >= maxDepth {
			return 0, tooDeep(i)
		}
		switch c := b[i]; c {
		case '{', '[':
			closing := byte('}')
			if c == '[' {
				closing = ']'
			}
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == closing {
				i++
				break
			}
			if c == '{' {
				objects[depth/64] |= 1 << (depth % 64)
				var e *syntaxErr
				if i, _, e = memberStart(b, i); e != nil {
					return 0, e
				}
			} else {
				objects[depth/64] &^= 1 << (depth % 64)
			}
			depth++
			continue
		case '"':
			end := stringEnd(b, i+1)
			if end < 0 {
				return 0, &syntaxErr{len(b), "unexpected end of JSON input in a string", false}
			}
			i = end
		case 't':
			if !bytes.HasPrefix(b[i:], []byte("true")) {
				return 0, &syntaxErr{i, "invalid literal", false}
			}
			i += 4
		case 'f':
			if !bytes.HasPrefix(b[i:], []byte("false")) {
				return 0, &syntaxErr{i, "invalid literal", false}
			}
			i += 5
		case 'n':
			switch {
			case bytes.HasPrefix(b[i:], []byte("null")):
				i += 4
			case len(b)-i >= 3 && bytes.EqualFold(b[i:i+3], []byte("nan")):
				i += 3
			default:
				return 0, &syntaxErr{i, "invalid literal", false}
			}
		default:
			end, ok := numberEnd(b, i)
			if !ok {
				return 0, &syntaxErr{i, fmt.Sprintf("invalid character %q looking for the beginning of a value", c), false}
			}
			i = end
		}
		// After a value: close containers, or move to the next value.
		for {
			if depth == 0 {
				return i, nil
			}
			if i = skipSpace(b, i); i >= len(b) {
				return 0, &syntaxErr{i, "unexpected end of JSON input", false}
			}
			c, object := b[i], objects[(depth-1)/64]&(1<<((depth-1)%64)) != 0
			if c == ',' {
				i = skipSpace(b, i+1)
				if object {
					var e *syntaxErr
					if i, _, e = memberStart(b, i); e != nil {
						return 0, e
					}
				}
				break
			}
			if object && c == '}' || !object && c == ']' {
				depth--
				i++
				continue
			}
			return 0, afterValue(i, c, object)
		}
	}
}

func tooDeep(i int) *syntaxErr {
	return &syntaxErr{i, fmt.Sprintf("values nest more than %d levels deep, more than this type reads", maxDepth), true}
}

func afterValue(i int, c byte, object bool) *syntaxErr {
	in := "an array"
	if object {
		in = "an object"
	}
	return &syntaxErr{i, fmt.Sprintf("invalid character %q after a value in %s", c, in), false}
}

// memberStart reads `"key" :` at b[i] and returns where the value starts
// and the key as written, without its quotes.
func memberStart(b []byte, i int) (int, []byte, *syntaxErr) {
	if i >= len(b) {
		return i, nil, &syntaxErr{i, "unexpected end of JSON input", false}
	}
	if b[i] != '"' {
		return i, nil, &syntaxErr{i, fmt.Sprintf("invalid character %q looking for the beginning of an object key", b[i]), false}
	}
	end := stringEnd(b, i+1)
	if end < 0 {
		return i, nil, &syntaxErr{len(b), "unexpected end of JSON input in an object key", false}
	}
	key := b[i+1 : end-1]
	i = skipSpace(b, end)
	if i >= len(b) || b[i] != ':' {
		return i, nil, &syntaxErr{i, "missing ':' after an object key", false}
	}
	return skipSpace(b, i+1), key, nil
}

var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func skipSpace(b []byte, i int) int {
	for i < len(b) && jsonSpace[b[i]] {
		i++
	}
	return i
}

// numberByte holds the bytes of a number token.
var numberByte = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'.': true, 'e': true, 'E': true, '+': true, '-': true,
}

// numberEnd returns the end of the number token at b[i] (see validate).
func numberEnd(b []byte, i int) (int, bool) {
	j := i
	for j < len(b) && numberByte[b[j]] {
		j++
	}
	if j == len(b) {
		return j, true
	}
	if j == i || j == i+1 && (b[i] == '-' || b[i] == '+') {
		if len(b)-j >= 3 && (bytes.EqualFold(b[j:j+3], []byte("inf")) || bytes.EqualFold(b[j:j+3], []byte("nan"))) {
			return j + 3, true
		}
		return 0, false
	}
	return j, true
}

// stringEnd returns the index just past the quote closing the string
// whose contents start at b[p], or -1 when b ends first. It looks at each
// byte once, eight at a time up to the next quote or backslash, so its
// cost is linear whatever mix of escapes the string holds.
//
// Most strings of a record are keys and short values of a word or two,
// so the search for the next quote or backslash is written out here
// rather than called for: the cost of a call per string was as much as
// that of reading it.
func stringEnd(b []byte, p int) int {
	for p+8 <= len(b) {
		m := quoteOrBackslash(binary.LittleEndian.Uint64(b[p:]))
		if m == 0 {
			p += 8
			continue
		}
		p += bits.TrailingZeros64(m) >> 3
		if b[p] == '"' {
			return p + 1
		}
		p += 2 // the backslash and the byte it escapes
	}
	for p < len(b) {
		switch b[p] {
		case '"':
			return p + 1
		case '\\':
			p += 2
		default:
			p++
		}
	}
	return -1
}

// quoteOrBackslash returns a word whose lowest set bit is the high bit of
// the first byte of x (in memory order) that is '"' or '\\', or 0 when none
// is. Bits above the lowest may be spurious.
func quoteOrBackslash(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	e := x ^ (ones * '\\')
	return ((q-ones)&^q | (e-ones)&^e) & highs
}

// valueEnd holds the bytes that end a number or literal in valid text.
var valueEnd = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, ',': true, ']': true, '}': true}

// skipValue returns the end of the value starting at b[i], in text that
// validate accepted.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i+1)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j+1) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i + 1
	for j < len(b) && !valueEnd[b[j]] {
		j++
	}
	return j
}

// members walks the members of an object. It yields nothing for a value
// that is not an object.
type members struct {
	b value
	i int
	// key is the member's key as written, without its quotes (escapes
	// are not undone); val its value.
	key []byte
	val value
}

func (v value) members() members {
	if !v.is(typeObject) {
		return members{}
	}
	return members{b: v, i: 1}
}

func (m *members) next() bool {
	if m.b == nil {
		return false
	}
	b := m.b
	i := skipSpace(b, m.i)
	if b[i] == ',' {
		i = skipSpace(b, i+1)
	}
	if b[i] != '"' {
		return false
	}
	end := stringEnd(b, i+1)
	m.key = b[i+1 : end-1]
	i = skipSpace(b, skipSpace(b, end)+1) // past the ':'
	vend := skipValue(b, i)
	m.val = b[i:vend]
	m.i = vend
	return true
}

// elements walks the elements of an array. It yields nothing for a value
// that is not an array.
type elements struct {
	b   value
	i   int
	val value
}

func (v value) elements() elements {
	if !v.is(typeArray) {
		return elements{}
	}
	return elements{b: v, i: 1}
}

func (e *elements) next() bool {
	if e.b == nil {
		return false
	}
	b := e.b
	i := skipSpace(b, e.i)
	if b[i] == ',' {
		i = skipSpace(b, i+1)
	}
	if b[i] == ']' {
		return false
	}
	end := skipValue(b, i)
	e.val = b[i:end]
	e.i = end
	return true
}

// empty reports whether v is an object or array without members.
func (v value) empty() bool {
	return len(v) >= 2 && (v[0] == '{' || v[0] == '[') && skipSpace(v, 1) == len(v)-1
}

// unescape appends the contents of a JSON string (s, without its quotes)
// to dst with its escapes undone, the way fastjson did: an escape it
// cannot read (\x, \u12, \uZZZZ, a lone surrogate) is kept as written.
// The result is never longer than s.
func unescape(dst, s []byte) []byte {
	for {
		n := bytes.IndexByte(s, '\\')
		if n < 0 || n+1 == len(s) {
			return append(dst, s...)
		}
		dst = append(dst, s[:n]...)
		c := s[n+1]
		s = s[n+2:]
		switch c {
		case '"', '\\', '/':
			dst = append(dst, c)
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			x, ok := hex4(s)
			if !ok {
				dst = append(dst, '\\', 'u')
				break
			}
			if !utf16.IsSurrogate(x) {
				dst = utf8.AppendRune(dst, x)
				s = s[4:]
				break
			}
			y, ok := rune(0), false
			if len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
				y, ok = hex4(s[6:])
			}
			if !ok {
				dst = append(dst, '\\', 'u')
				dst = append(dst, s[:4]...)
				s = s[4:]
				break
			}
			dst = utf8.AppendRune(dst, utf16.DecodeRune(x, y))
			s = s[10:]
		default:
			dst = append(dst, '\\', c)
		}
	}
}

// hex4 reads the four hexadecimal digits at the start of s.
func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var x rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		x = x<<4 | rune(c)
	}
	return x, true
}
