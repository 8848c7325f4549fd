// Package freeform writes JSON members of any shape as values an
// OpenSearch flat_object field takes, for the log types whose records carry
// free-form objects (finding resources, DNS answers).
package freeform

import (
	"bytes"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// AppendClean appends v as compact JSON fit for an OpenSearch flat_object
// field and for the document validator: null members, empty strings and
// empty arrays and objects are left out (recursively), dots in member
// names become underscores (a dotted name would read as a path and could
// collide with a nested member), an empty name becomes "_", a name met
// twice in one object keeps its last value, strings are re-encoded as
// valid UTF-8 and a number that is not a JSON number (fastjson reads NaN
// and Inf) is written as a string. It returns dst unchanged when nothing
// is left.
func AppendClean(dst []byte, v *fastjson.Value) []byte {
	switch v.Type() {
	case fastjson.TypeNull:
		return dst
	case fastjson.TypeString:
		s := v.GetStringBytes()
		if len(s) == 0 {
			return dst
		}
		return ecs.AppendStringBytes(dst, s)
	case fastjson.TypeNumber:
		start := len(dst)
		dst = v.MarshalTo(dst)
		if !parser.IsJSONNumber(dst[start:]) {
			num := string(dst[start:])
			dst = ecs.AppendString(dst[:start], num)
		}
		return dst
	case fastjson.TypeTrue:
		return append(dst, "true"...)
	case fastjson.TypeFalse:
		return append(dst, "false"...)
	case fastjson.TypeArray:
		start := len(dst)
		dst = append(dst, '[')
		n := 0
		for _, e := range v.GetArray() {
			mark := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			before := len(dst)
			dst = AppendClean(dst, e)
			if len(dst) == before {
				dst = dst[:mark]
				continue
			}
			n++
		}
		if n == 0 {
			return dst[:start]
		}
		return append(dst, ']')
	case fastjson.TypeObject:
		o, _ := v.Object()
		type member struct {
			key string
			val *fastjson.Value
		}
		var members []member
		var index map[string]int // past a few members, where each name is
		o.Visit(func(k []byte, val *fastjson.Value) {
			key := cleanKey(k)
			if index != nil {
				if i, ok := index[key]; ok {
					members[i].val = val
					return
				}
			} else {
				for i := range members {
					if members[i].key == key {
						members[i].val = val
						return
					}
				}
			}
			members = append(members, member{key, val})
			if index == nil && len(members) > 16 {
				index = make(map[string]int, 2*len(members))
				for i, m := range members {
					index[m.key] = i
				}
			} else if index != nil {
				index[key] = len(members) - 1
			}
		})
		start := len(dst)
		dst = append(dst, '{')
		n := 0
		for _, m := range members {
			mark := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			dst = ecs.AppendString(dst, m.key)
			dst = append(dst, ':')
			before := len(dst)
			dst = AppendClean(dst, m.val)
			if len(dst) == before {
				dst = dst[:mark]
				continue
			}
			n++
		}
		if n == 0 {
			return dst[:start]
		}
		return append(dst, '}')
	}
	return dst
}

// cleanKey returns a member name fit for a flat_object path.
func cleanKey(k []byte) string {
	if len(k) == 0 {
		return "_"
	}
	if bytes.IndexByte(k, '.') < 0 {
		return string(k)
	}
	return string(bytes.ReplaceAll(k, []byte("."), []byte("_")))
}

// AppendWhole appends v as compact JSON with every member kept, as the
// writers write strings: unlike fastjson's MarshalTo, it never writes
// what is not JSON (strings are re-escaped by ecs.AppendStringBytes,
// invalid UTF-8 replaced, and a number token JSON does not allow, NaN or
// Inf, which fastjson accepts, is written as a string), and escapes only
// what that function escapes (MarshalTo quotes unprintable runes).
func AppendWhole(dst []byte, v *fastjson.Value) []byte {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		dst = append(dst, '{')
		first := true
		o.Visit(func(k []byte, e *fastjson.Value) {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = ecs.AppendStringBytes(dst, k)
			dst = append(dst, ':')
			dst = AppendWhole(dst, e)
		})
		return append(dst, '}')
	case fastjson.TypeArray:
		dst = append(dst, '[')
		for i, e := range v.GetArray() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendWhole(dst, e)
		}
		return append(dst, ']')
	case fastjson.TypeString:
		return ecs.AppendStringBytes(dst, v.GetStringBytes())
	case fastjson.TypeNumber:
		start := len(dst)
		dst = v.MarshalTo(dst)
		if !parser.IsJSONNumber(dst[start:]) {
			tok := string(dst[start:])
			dst = ecs.AppendString(dst[:start], tok)
		}
		return dst
	case fastjson.TypeTrue:
		return append(dst, "true"...)
	case fastjson.TypeFalse:
		return append(dst, "false"...)
	}
	return append(dst, "null"...)
}
