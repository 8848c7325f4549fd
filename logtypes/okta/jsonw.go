package okta

import (
	"slices"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

// appendFlat appends v as JSON for a flat_object field: object keys
// snake_cased (dots, which a flat_object reads as path separators, become
// '_'; an empty key becomes "_"), a repeated key after conversion kept
// only the first time, nulls and empty strings, objects and arrays left
// out, strings re-encoded as valid UTF-8, numbers written as strings when
// their text is not a JSON number. It appends nothing when nothing
// remains. key is scratch space.
func appendFlat(dst []byte, v *fastjson.Value, key *[]byte) []byte {
	dst, _ = appendFlatValue(dst, v, key)
	return dst
}

func appendFlatValue(dst []byte, v *fastjson.Value, key *[]byte) ([]byte, bool) {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		start := len(dst)
		dst = append(dst, '{')
		var keysBuf [16][2]int
		keys := keysBuf[:0] // where each written key stands, to drop repeats
		o.Visit(func(k []byte, mv *fastjson.Value) {
			at := len(dst)
			if len(keys) > 0 {
				dst = append(dst, ',')
			}
			ks := len(dst)
			*key = snake((*key)[:0], k)
			dst = ecs.AppendStringBytes(dst, *key)
			ke := len(dst)
			for _, p := range keys {
				if string(dst[p[0]:p[1]]) == string(dst[ks:ke]) {
					dst = dst[:at]
					return
				}
			}
			dst = append(dst, ':')
			var ok bool
			if dst, ok = appendFlatValue(dst, mv, key); !ok {
				dst = dst[:at]
				return
			}
			keys = append(keys, [2]int{ks, ke})
		})
		if len(keys) == 0 {
			return dst[:start], false
		}
		return append(dst, '}'), true
	case fastjson.TypeArray:
		arr, _ := v.Array()
		start := len(dst)
		dst = append(dst, '[')
		n := 0
		for _, e := range arr {
			at := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			var ok bool
			if dst, ok = appendFlatValue(dst, e, key); !ok {
				dst = dst[:at]
				continue
			}
			n++
		}
		if n == 0 {
			return dst[:start], false
		}
		return append(dst, ']'), true
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		if len(b) == 0 {
			return dst, false
		}
		return ecs.AppendStringBytes(dst, b), true
	case fastjson.TypeNumber:
		var nb [40]byte
		raw := v.MarshalTo(nb[:0])
		if jsonNumber(raw) {
			return append(dst, raw...), true
		}
		return ecs.AppendStringBytes(dst, raw), true
	case fastjson.TypeTrue:
		return append(dst, "true"...), true
	case fastjson.TypeFalse:
		return append(dst, "false"...), true
	}
	return dst, false
}

// jsonNumber reports whether b is a number by the JSON grammar (fastjson
// accepts some text that is not, such as "1." or "-", "inf" or "NaN").
func jsonNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	return i == len(b)
}

// snake appends k in snake_case: an upper-case ASCII letter becomes lower
// case, preceded by '_' where it starts a word (after a lower-case letter
// or digit, or before a lower-case letter after another capital:
// "rawUserAgent" -> "raw_user_agent", "requestURI" -> "request_uri",
// "IPAddress" -> "ip_address"). '.' becomes '_'; an empty key is "_".
func snake(dst, k []byte) []byte {
	if len(k) == 0 {
		return append(dst, '_')
	}
	for i, c := range k {
		switch {
		case c >= 'A' && c <= 'Z':
			if i > 0 {
				p := k[i-1]
				lowerPrev := (p >= 'a' && p <= 'z') || (p >= '0' && p <= '9')
				capRun := p >= 'A' && p <= 'Z' && i+1 < len(k) && k[i+1] >= 'a' && k[i+1] <= 'z'
				if lowerPrev || capRun {
					dst = append(dst, '_')
				}
			}
			dst = append(dst, c+'a'-'A')
		case c == '.':
			dst = append(dst, '_')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// elemSpec says how to write the elements of an array of objects (target,
// request.ipChain): known string members under their ECS-style names, an
// ip member, free-form members as flat objects, and every other member,
// or a known one of an unexpected type, in the element's "extra".
type elemSpec struct {
	strs  [][2]string
	ip    string
	flats [][2]string
}

// appendElem appends o as described by spec; it appends nothing and
// returns false when nothing remains.
func appendElem(dst []byte, o *fastjson.Object, spec elemSpec, key *[]byte) ([]byte, bool) {
	start := len(dst)
	dst = append(dst, '{')
	n := 0
	sep := func() {
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
	}
	var odd []int // indexes (in visiting order) of members that go to extra
	i := -1
	o.Visit(func(k []byte, v *fastjson.Value) {
		i++
		if v.Type() == fastjson.TypeNull {
			return
		}
		for _, f := range spec.strs {
			if string(k) == f[0] {
				if v.Type() != fastjson.TypeString {
					odd = append(odd, i)
					return
				}
				if b, _ := v.StringBytes(); len(b) > 0 {
					sep()
					dst = ecs.AppendString(dst, f[1])
					dst = append(dst, ':')
					dst = ecs.AppendStringBytes(dst, b)
				}
				return
			}
		}
		if spec.ip != "" && string(k) == spec.ip {
			b := v.GetStringBytes()
			if ip, ok := parser.ParseAddrDropZone(b); ok {
				sep()
				dst = ecs.AppendString(dst, spec.ip)
				dst = append(dst, ':', '"')
				dst = ip.AppendTo(dst)
				dst = append(dst, '"')
			} else if len(b) > 0 || v.Type() != fastjson.TypeString {
				odd = append(odd, i)
			}
			return
		}
		for _, f := range spec.flats {
			if string(k) == f[0] {
				if v.Type() != fastjson.TypeObject {
					odd = append(odd, i)
					return
				}
				at := len(dst)
				sep()
				dst = ecs.AppendString(dst, f[1])
				dst = append(dst, ':')
				var ok bool
				if dst, ok = appendFlatValue(dst, v, key); !ok {
					dst = dst[:at]
					n--
				}
				return
			}
		}
		odd = append(odd, i)
	})
	if len(odd) > 0 {
		at := len(dst)
		sep()
		dst = append(dst, `"extra":{`...)
		m := 0
		var keys [][2]int
		i := -1
		o.Visit(func(k []byte, v *fastjson.Value) {
			i++
			if !slices.Contains(odd, i) {
				return
			}
			mark := len(dst)
			if m > 0 {
				dst = append(dst, ',')
			}
			ks := len(dst)
			*key = snake((*key)[:0], k)
			dst = ecs.AppendStringBytes(dst, *key)
			ke := len(dst)
			for _, p := range keys {
				if string(dst[p[0]:p[1]]) == string(dst[ks:ke]) {
					dst = dst[:mark]
					return
				}
			}
			dst = append(dst, ':')
			var ok bool
			if dst, ok = appendFlatValue(dst, v, key); !ok {
				dst = dst[:mark]
				return
			}
			keys = append(keys, [2]int{ks, ke})
			m++
		})
		if m == 0 {
			dst = dst[:at]
			n--
		} else {
			dst = append(dst, '}')
		}
	}
	if n == 0 {
		return dst[:start], false
	}
	return append(dst, '}'), true
}

// writeExtra writes okta.extra: members the event has that this version
// does not map, and mapped members of an unexpected JSON type, grouped by
// the object they stand in ("client.user_agent" -> {"client":{"user_agent":
// {...}}}), keys snake_cased, the first of repeated keys kept.
func (s *state) writeExtra() {
	// Drop members that would write nothing (null, "", {}), so that no
	// group is opened for them.
	kept := s.extra[:0]
	for _, x := range s.extra {
		if _, ok := appendFlatValue(s.buf[:0], x.v, &s.key); ok {
			kept = append(kept, x)
		}
	}
	s.extra = kept
	if len(s.extra) == 0 {
		return
	}
	// Stable order by group so that each group is written once.
	slices.SortStableFunc(s.extra, func(a, b extra) int {
		switch {
		case a.group < b.group:
			return -1
		case a.group > b.group:
			return 1
		}
		return 0
	})
	dst := append(s.buf[:0], '{')
	var open []string // the groups' path segments currently open
	first := []bool{true}
	var keys [][2]int
	for _, x := range s.extra {
		segs := splitGroup(x.group)
		// Close groups that differ, open new ones.
		common := 0
		for common < len(open) && common < len(segs) && open[common] == segs[common] {
			common++
		}
		for len(open) > common {
			dst = append(dst, '}')
			open = open[:len(open)-1]
			first = first[:len(first)-1]
			keys = nil
		}
		for _, seg := range segs[common:] {
			if !first[len(first)-1] {
				dst = append(dst, ',')
			}
			first[len(first)-1] = false
			dst = ecs.AppendString(dst, seg)
			dst = append(dst, ':', '{')
			open = append(open, seg)
			first = append(first, true)
			keys = nil
		}
		mark := len(dst)
		if !first[len(first)-1] {
			dst = append(dst, ',')
		}
		ks := len(dst)
		s.key = snake(s.key[:0], x.key)
		dst = ecs.AppendStringBytes(dst, s.key)
		ke := len(dst)
		dup := false
		for _, p := range keys {
			if string(dst[p[0]:p[1]]) == string(dst[ks:ke]) {
				dup = true
				break
			}
		}
		if !dup && len(open) == 0 {
			// A top-level unknown member must not collide with a group.
			for _, y := range s.extra {
				if y.group != "" && splitGroup(y.group)[0] == string(dst[ks+1:ke-1]) {
					dup = true
					break
				}
			}
		}
		if dup {
			dst = dst[:mark]
			continue
		}
		dst = append(dst, ':')
		var ok bool
		if dst, ok = appendFlatValue(dst, x.v, &s.key); !ok {
			dst = dst[:mark]
			continue
		}
		keys = append(keys, [2]int{ks, ke})
		first[len(first)-1] = false
	}
	for range open {
		dst = append(dst, '}')
	}
	dst = append(dst, '}')
	s.buf = dst
	if len(dst) > 2 {
		s.ev.RawJSON("okta.extra", dst)
	}
}

func splitGroup(g string) []string {
	if g == "" {
		return nil
	}
	var out []string
	for {
		i := 0
		for i < len(g) && g[i] != '.' {
			i++
		}
		out = append(out, g[:i])
		if i == len(g) {
			return out
		}
		g = g[i+1:]
	}
}
