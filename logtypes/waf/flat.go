package waf

import (
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Free-form members (the rule lists, match details, inserted headers,
// members this type does not know) are written for an OpenSearch
// flat_object mapping. OpenSearch refuses a whole document for a key
// that is empty, has an empty dotted segment or repeats in its object,
// and for a term longer than 32766 bytes, so the encoder writes a form it
// always accepts:
//
//   - nulls, empty strings, empty arrays and empty objects are left out
//     (WAF writes "ruleMatchDetails":null beside lists of details, the
//     mapping conflict of the reference system);
//   - a key's dots become underscores, an empty key becomes "_", and of
//     keys equal after that the first is kept;
//   - strings are cut to maxLeafBytes (at a character boundary);
//   - number tokens that are not JSON numbers (fastjson reads NaN, 01,
//     1.) are written as strings;
//   - below maxFlatDepth levels a value is written as its JSON text.
const (
	maxLeafBytes = 8 << 10
	maxFlatDepth = 12
)

// flatWriter encodes values; it is reused across records.
type flatWriter struct {
	tmp []byte
}

// appendValue appends the encoding of v to dst and reports whether it
// wrote anything (false for a value with nothing to index).
func (w *flatWriter) appendValue(dst []byte, v *fastjson.Value, depth int) ([]byte, bool) {
	if v == nil {
		return dst, false
	}
	switch v.Type() {
	case fastjson.TypeString:
		s, _ := v.StringBytes()
		if len(s) == 0 {
			return dst, false
		}
		return ecs.AppendStringBytes(dst, clip(s, maxLeafBytes)), true
	case fastjson.TypeNumber:
		start := len(dst)
		dst = v.MarshalTo(dst)
		if !parser.IsJSONNumber(dst[start:]) {
			w.tmp = append(w.tmp[:0], dst[start:]...)
			dst = ecs.AppendStringBytes(dst[:start], w.tmp)
		}
		return dst, true
	case fastjson.TypeTrue:
		return append(dst, "true"...), true
	case fastjson.TypeFalse:
		return append(dst, "false"...), true
	case fastjson.TypeArray:
		if depth >= maxFlatDepth {
			return w.appendText(dst, v), true
		}
		arr, _ := v.Array()
		start := len(dst)
		dst = append(dst, '[')
		n := 0
		for _, e := range arr {
			mark := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			var ok bool
			if dst, ok = w.appendValue(dst, e, depth+1); ok {
				n++
			} else {
				dst = dst[:mark]
			}
		}
		if n == 0 {
			return dst[:start], false
		}
		return append(dst, ']'), true
	case fastjson.TypeObject:
		if depth >= maxFlatDepth {
			return w.appendText(dst, v), true
		}
		obj, _ := v.Object()
		return w.appendObject(dst, obj, depth, nil)
	}
	return dst, false
}

// appendObject appends obj as an object, leaving out the members skip
// reports true for.
func (w *flatWriter) appendObject(dst []byte, obj *fastjson.Object, depth int, skip func(key []byte) bool) ([]byte, bool) {
	start := len(dst)
	dst = append(dst, '{')
	n := 0
	// Keys written so far in this object, as spans of dst. A small
	// object is searched linearly; a large one through a map, so that a
	// record of a million keys stays linear.
	var spans []span
	var seen map[string]struct{}
	obj.Visit(func(key []byte, v *fastjson.Value) {
		if skip != nil && skip(key) {
			return
		}
		mark := len(dst)
		if n > 0 {
			dst = append(dst, ',')
		}
		keyAt := len(dst)
		dst = appendKey(dst, key)
		name := dst[keyAt:]
		dup := false
		if seen != nil {
			_, dup = seen[string(name)]
		} else {
			for _, k := range spans {
				if string(dst[k.from:k.to]) == string(name) {
					dup = true
					break
				}
			}
		}
		if dup {
			dst = dst[:mark]
			return
		}
		keyEnd := len(dst)
		dst = append(dst, ':')
		var ok bool
		if dst, ok = w.appendValue(dst, v, depth+1); !ok {
			dst = dst[:mark]
			return
		}
		if seen != nil {
			seen[string(dst[keyAt:keyEnd])] = struct{}{}
		} else if spans = append(spans, span{keyAt, keyEnd}); len(spans) > 16 {
			seen = make(map[string]struct{}, 2*len(spans))
			for _, k := range spans {
				seen[string(dst[k.from:k.to])] = struct{}{}
			}
		}
		n++
	})
	if n == 0 {
		return dst[:start], false
	}
	return append(dst, '}'), true
}

// span is a range of a buffer.
type span struct{ from, to int }

// appendText writes v's JSON text as one string.
func (w *flatWriter) appendText(dst []byte, v *fastjson.Value) []byte {
	w.tmp = v.MarshalTo(w.tmp[:0])
	return ecs.AppendStringBytes(dst, clip(w.tmp, maxLeafBytes))
}

// appendKey writes key as a JSON string with its dots made underscores
// and "_" for an empty key.
func appendKey(dst, key []byte) []byte {
	if len(key) == 0 {
		return append(dst, `"_"`...)
	}
	key = clip(key, 256)
	start := len(dst)
	dst = ecs.AppendStringBytes(dst, key)
	for i := start + 1; i < len(dst)-1; i++ {
		if dst[i] == '.' {
			dst[i] = '_'
		}
	}
	return dst
}

// clip cuts s to at most n bytes, at a character boundary.
func clip(s []byte, n int) []byte {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && i > n-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
