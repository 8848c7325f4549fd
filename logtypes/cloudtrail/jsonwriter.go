package cloudtrail

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// jsonWriter writes values back as compact JSON that is always valid:
// escapes are undone and strings written again the way every document
// string is, and number-like tokens that are not JSON numbers (NaN, 1.,
// 01; see validate) become strings. It reads the value's bytes once, from
// start to end, so its cost is linear in their length however deeply
// they nest, and it allocates nothing beyond its buffers.
//
// It also notes whether the value can be indexed as a field of an
// OpenSearch document: OpenSearch rejects a document holding an empty key,
// a key with an empty dotted segment (".a", "a..b") or a key repeated in
// its object, and such values are only written in string form. Only
// values of at most maxFlattenedBytes are indexed, so the keys of a value
// that grows past that are no longer tracked.
type jsonWriter struct {
	buf   []byte
	start int
	// indexable is cleared by a key OpenSearch would reject, or once the
	// value is too long to index anyway.
	indexable bool
	// keys holds where the keys of the open objects stand in buf; each
	// open object's start in keys is on levels, with -1 for an array.
	keys   []span
	levels []int
	// str holds a string with its escapes undone.
	str []byte
}

// span is a range of a buffer.
type span struct{ from, to int }

func newJSONWriter() *jsonWriter { return &jsonWriter{} }

// encodeTo appends the encoding of v, a value validate accepted, to dst.
func (w *jsonWriter) encodeTo(dst []byte, v value) []byte {
	// The encoding is about as long as the value; growing once keeps
	// appending from copying a large value over and over.
	w.buf = slices.Grow(dst, len(v))
	w.start = len(dst)
	w.indexable = true
	w.keys = w.keys[:0]
	w.levels = w.levels[:0]
	key := false // the next string is a key
	for i := 0; i < len(v); {
		switch c := v[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '{', '[':
			w.buf = append(w.buf, c)
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
				w.closeLevel(w.buf, level)
			}
			w.buf = append(w.buf, c)
			i++
		case ',':
			w.buf = append(w.buf, ',')
			key = w.levels[len(w.levels)-1] >= 0
			i++
		case ':':
			w.buf = append(w.buf, ':')
			i++
		case '"':
			end := stringEnd(v, i+1)
			s := w.unescaped(v[i+1 : end-1])
			w.reserve(s)
			if key {
				w.key(s)
				key = false
			} else {
				w.buf = ecs.AppendStringBytes(w.buf, s)
			}
			i = end
		default:
			end := i + 1
			for end < len(v) && !valueEnd[v[end]] {
				end++
			}
			w.scalar(v[i:end])
			i = end
		}
	}
	out := w.buf
	w.buf = nil
	return out
}

// reserve makes room in buf for s written as a JSON string. A string
// that may not fit has its encoded length counted, and buf at least
// doubles when it grows: appending alone would grow it by a quarter at a
// time, copying a large value over and over.
func (w *jsonWriter) reserve(s []byte) {
	room := cap(w.buf) - len(w.buf)
	if room >= 6*len(s)+2 {
		return // even if every byte became \u00XX
	}
	if need := encodedLen(s); room < need {
		w.buf = slices.Grow(w.buf, max(need, cap(w.buf)))
	}
}

// encodedLen is the length of s written by ecs.AppendStringBytes: plain
// printable ASCII as is, '"', '\\' and the common control characters as
// two-byte escapes, the other control characters and U+2028 and U+2029
// as six-byte ones, and invalid UTF-8 as U+FFFD.
func encodedLen(s []byte) int {
	n := len(s) + 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
				n++
			case c < 0x20:
				n += 5
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 2
		case r == '\u2028' || r == '\u2029':
			n += 3
		}
		i += size
	}
	return n
}

// key writes an object's key and notes it for closeLevel.
func (w *jsonWriter) key(k []byte) {
	if w.indexable && (badKey(k) || len(w.buf)-w.start > maxFlattenedBytes) {
		w.indexable = false
	}
	from := len(w.buf)
	w.buf = ecs.AppendStringBytes(w.buf, k)
	if w.indexable {
		w.keys = append(w.keys, span{from, len(w.buf)})
	}
}

// scalar writes a number or literal.
func (w *jsonWriter) scalar(v []byte) {
	switch {
	case string(v) == "true" || string(v) == "false" || string(v) == "null" || parser.IsJSONNumber(v):
		w.buf = append(w.buf, v...)
	default:
		// NaN, Inf, 1., 01: only number bytes and letters, nothing to
		// escape.
		w.buf = append(w.buf, '"')
		w.buf = append(w.buf, v...)
		w.buf = append(w.buf, '"')
	}
}

// badKey reports a key OpenSearch refuses as a field name. Keys are
// short, and a loop over their bytes costs less than the call that
// searching for ".." took.
func badKey(k []byte) bool {
	if len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' {
		return true
	}
	for i := 1; i < len(k); i++ {
		if k[i] == '.' && k[i-1] == '.' {
			return true
		}
	}
	return false
}

// closeLevel checks the keys of the object just written to buf, from
// level on, for repeats and forgets them. Keys are compared as written,
// which is how OpenSearch sees them.
//
// Most objects have a few keys, which are compared pair by pair, their
// lengths first: cheaper than sorting them. Larger objects are sorted,
// which finds repeats in n log n whatever their size, without a map.
func (w *jsonWriter) closeLevel(buf []byte, level int) {
	if level > len(w.keys) {
		level = len(w.keys) // keys stopped being tracked inside the object
	}
	keys := w.keys[level:]
	switch {
	case !w.indexable || len(keys) < 2:
	case len(keys) <= maxPairwiseKeys:
	pairs:
		for i := 1; i < len(keys); i++ {
			k := buf[keys[i].from:keys[i].to]
			for _, prev := range keys[:i] {
				if prev.to-prev.from == len(k) && bytes.Equal(buf[prev.from:prev.to], k) {
					w.indexable = false
					break pairs
				}
			}
		}
	default:
		slices.SortFunc(keys, func(a, b span) int { return bytes.Compare(buf[a.from:a.to], buf[b.from:b.to]) })
		for i := 1; i < len(keys); i++ {
			if bytes.Equal(buf[keys[i-1].from:keys[i-1].to], buf[keys[i].from:keys[i].to]) {
				w.indexable = false
				break
			}
		}
	}
	w.keys = w.keys[:level]
}

// maxPairwiseKeys is the most keys an object may have for closeLevel to
// compare them pair by pair: at most 120 comparisons, nearly all of
// lengths only.
const maxPairwiseKeys = 16

// unescaped returns the contents of a string (s, without its quotes)
// with its escapes undone: s itself when it has none, else a copy in
// w.str, valid until the next call.
func (w *jsonWriter) unescaped(s []byte) []byte {
	if bytes.IndexByte(s, '\\') < 0 {
		return s
	}
	// Unescaping never lengthens a string: one allocation at most.
	w.str = unescape(slices.Grow(w.str[:0], len(s)), s)
	return w.str
}
