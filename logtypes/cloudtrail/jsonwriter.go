package cloudtrail

import (
	"bytes"
	"slices"

	"github.com/siem-go/siem/ecs"
	"github.com/valyala/fastjson"
)

// jsonWriter writes parsed values back as compact JSON that is always
// valid. fastjson's own MarshalTo is not used because it quotes unusual
// strings the Go way (\x01) and passes through number-like tokens such as
// NaN that it accepted while parsing; either would put invalid JSON into
// a document.
//
// Objects are walked with Object.Visit, which takes a callback: the
// callback is built once per writer and the per-level "first member"
// state lives in the writer, so walking allocates nothing.
//
// It also notes whether the value can be indexed as a field of an
// OpenSearch document: OpenSearch rejects a document holding an empty key,
// a key with an empty dotted segment (".a", "a..b") or a key repeated in
// its object, and such values are only written in string form.
type jsonWriter struct {
	buf   []byte
	first bool
	visit func(key []byte, v *fastjson.Value)
	// indexable is cleared by a key OpenSearch would reject.
	indexable bool
	// keys holds the keys of the objects being written, the innermost
	// object's from levelStart on, to find repeats.
	keys       [][]byte
	levelStart int
}

func newJSONWriter() *jsonWriter {
	w := &jsonWriter{}
	w.visit = func(key []byte, v *fastjson.Value) {
		if !w.first {
			w.buf = append(w.buf, ',')
		}
		w.first = false
		if w.indexable {
			if badKey(key) {
				w.indexable = false
			} else {
				w.keys = append(w.keys, key)
			}
		}
		w.buf = ecs.AppendStringBytes(w.buf, key)
		w.buf = append(w.buf, ':')
		w.value(v)
	}
	return w
}

// encodeTo appends the encoding of v to dst.
func (w *jsonWriter) encodeTo(dst []byte, v *fastjson.Value) []byte {
	w.buf = dst
	w.indexable = true
	w.keys = w.keys[:0]
	w.levelStart = 0
	w.value(v)
	out := w.buf
	w.buf = nil
	return out
}

func badKey(k []byte) bool {
	return len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' || bytes.Contains(k, []byte(".."))
}

// closeLevel checks the keys of the object just written for repeats and
// forgets them. Sorting finds repeats in n log n whatever the object's
// size, without a map.
func (w *jsonWriter) closeLevel() {
	level := w.keys[w.levelStart:]
	if w.indexable && len(level) > 1 {
		slices.SortFunc(level, bytes.Compare)
		for i := 1; i < len(level); i++ {
			if bytes.Equal(level[i-1], level[i]) {
				w.indexable = false
				break
			}
		}
	}
	w.keys = w.keys[:w.levelStart]
}

func (w *jsonWriter) value(v *fastjson.Value) {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		w.buf = append(w.buf, '{')
		outerFirst, outerStart := w.first, w.levelStart
		w.first, w.levelStart = true, len(w.keys)
		o.Visit(w.visit)
		w.closeLevel()
		w.first, w.levelStart = outerFirst, outerStart
		w.buf = append(w.buf, '}')
	case fastjson.TypeArray:
		a, _ := v.Array()
		w.buf = append(w.buf, '[')
		for i, e := range a {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.value(e)
		}
		w.buf = append(w.buf, ']')
	case fastjson.TypeString:
		w.buf = ecs.AppendStringBytes(w.buf, v.GetStringBytes())
	case fastjson.TypeNumber:
		start := len(w.buf)
		w.buf = v.MarshalTo(w.buf)
		if !isJSONNumber(w.buf[start:]) {
			w.quoteFrom(start)
		}
	case fastjson.TypeTrue:
		w.buf = append(w.buf, "true"...)
	case fastjson.TypeFalse:
		w.buf = append(w.buf, "false"...)
	default:
		w.buf = append(w.buf, "null"...)
	}
}

// quoteFrom turns the token written from start on into a JSON string. It
// is only used for number-like tokens, which hold no quote or backslash.
func (w *jsonWriter) quoteFrom(start int) {
	n := len(w.buf) - start
	w.buf = append(w.buf, 0, 0)
	copy(w.buf[start+1:], w.buf[start:start+n])
	w.buf[start] = '"'
	w.buf[start+n+1] = '"'
}

// isJSONNumber reports whether b follows the JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			return false
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return false
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	return i == len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
