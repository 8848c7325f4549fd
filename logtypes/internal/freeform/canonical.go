package freeform

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Finding types (GuardDuty, Security Hub, Inspector) keep free-form
// members of their records, and those records mostly come compact, with
// strings escaped as the document encoder escapes them. Writing such a
// member again through fastjson (unescape every string, escape it again)
// then costs a fifth of a finding's normalization to produce the very
// bytes the record already holds. Members finds a member's bytes in the
// record and Canonical tells, in one read-only pass, whether they are
// what the type's writer would produce; when they are, the type uses them
// as they stand and writes only the others.

// Shape is what Canonical found.
type Shape struct {
	// OK is true when the value is written as the writers write it.
	OK bool
	// Dotted is true when some key is empty or holds a '.' (AppendClean
	// rewrites such keys).
	Dotted bool
	// Bad is true when some key is one an OpenSearch flat_object refuses:
	// empty, or with an empty dotted segment (".a", "a.", "a..b").
	Bad bool
}

// Bounds of what Canonical follows; a value beyond them is reported not
// canonical and is written by the type's writer, which has its own.
const (
	canonMaxDepth   = 64
	canonMaxKeys    = 32  // keys of one object compared for repeats
	canonMaxOpenKey = 128 // keys of all the open objects
)

// Canonical reports whether v, one JSON value that a parser accepted,
// is written exactly as a free-form writer of this module would write it
// back: no whitespace between tokens; every string (key or value) as
// ecs.AppendStringBytes writes its contents (no control characters, no
// invalid UTF-8, no U+2028 or U+2029, and no escapes but \" \\ \n \r \t);
// every number a JSON number that fits a double; no key repeated within
// one object (objects of more than 32 keys are not followed); and, unless
// keepEmpty, no null, no empty string value and no empty object or array,
// which the writers leave out. Keys are not rewritten: Dotted and Bad say
// whether a writer that rewrites or refuses keys would have to.
//
// Each byte of v is read once, and the work is bounded whatever v holds.
func Canonical(v []byte, keepEmpty bool) Shape {
	sh, end := canonical(v, keepEmpty)
	if end != len(v) {
		sh.OK = false
	}
	return sh
}

// canonical checks the value at the start of v as Canonical does and
// returns, when it is canonical, the index just past it; else end is -1.
func canonical(v []byte, keepEmpty bool) (sh Shape, end int) {
	// keys holds the keys of the open objects, each as its length and
	// first eight bytes, so that most pairs of distinct keys differ in
	// one comparison; start holds where each key is in v.
	var keys [canonMaxOpenKey]uint64
	var starts [canonMaxOpenKey]int32
	nkeys := 0
	// levels holds, per open container, the index in keys where an
	// object's keys start, or -1 for an array.
	var levels [canonMaxDepth]int16
	depth := 0
	key := false   // the next string is a key
	colon := false // a key was just read: a colon comes next
	if len(v) > math.MaxInt32 {
		return sh, -1
	}
	for i := 0; i < len(v); {
		c := v[i]
		if colon != (c == ':') {
			return sh, -1
		}
		switch c {
		case '{', '[':
			if depth == canonMaxDepth {
				return sh, -1
			}
			if !keepEmpty && i+1 < len(v) && (v[i+1] == '}' || v[i+1] == ']') {
				return sh, -1
			}
			if c == '{' {
				levels[depth] = int16(nkeys)
				key = true
			} else {
				levels[depth] = -1
				key = false
			}
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return sh, -1
			}
			depth--
			if base := levels[depth]; base >= 0 {
				nkeys = int(base)
			}
			i++
			if depth == 0 {
				sh.OK = true
				return sh, i
			}
		case ',':
			if depth == 0 {
				return sh, -1
			}
			key = levels[depth-1] >= 0
			i++
		case ':':
			colon = false
			i++
		case '"':
			var end int
			dot := false
			if key {
				end, dot = keyEnd(v, i+1)
			} else {
				end = ecs.CanonicalStringEnd(v, i+1)
			}
			if end < 0 {
				return sh, -1
			}
			k := v[i+1 : end-1]
			if key {
				if dot || len(k) == 0 {
					sh.Dotted = true
					if badKey(k) {
						sh.Bad = true
					}
				}
				base := int(levels[depth-1])
				if nkeys-base >= canonMaxKeys || nkeys == canonMaxOpenKey {
					return sh, -1
				}
				fp := fingerprint(v, i+1, end-1)
				for j := base; j < nkeys; j++ {
					if keys[j] == fp {
						s := int(starts[j])
						if s+len(k) < len(v) && v[s+len(k)] == '"' && string(v[s:s+len(k)]) == string(k) {
							return sh, -1
						}
					}
				}
				keys[nkeys] = fp
				starts[nkeys] = int32(i + 1)
				nkeys++
				key = false
				colon = true
			} else if len(k) == 0 && !keepEmpty {
				return sh, -1
			}
			i = end
			if depth == 0 {
				sh.OK = true
				return sh, i
			}
		default:
			end := i + 1
			for end < len(v) && v[end] != ',' && v[end] != '}' && v[end] != ']' {
				end++
			}
			t := v[i:end]
			switch {
			case string(t) == "true" || string(t) == "false":
			case string(t) == "null":
				if !keepEmpty {
					return sh, -1
				}
			case parser.IsJSONNumber(t):
				if !fitsDouble(t) {
					return sh, -1
				}
			default:
				return sh, -1
			}
			i = end
			if depth == 0 {
				sh.OK = true
				return sh, i
			}
		}
	}
	return sh, -1
}

// fingerprint packs the length and first bytes of the key v[start:end]
// into a word: equal keys have equal fingerprints. A key is followed in v
// by at least its closing quote and a colon, so the word is mostly one
// load, masked to the key's bytes, rather than a loop over them.
func fingerprint(v []byte, start, end int) uint64 {
	n := end - start
	var w uint64
	if start+8 <= len(v) {
		w = binary.LittleEndian.Uint64(v[start:])
		if n < 8 {
			w &= 1<<(8*n) - 1
		}
	} else {
		for i, c := range v[start:end] {
			w |= uint64(c) << (8 * i)
		}
	}
	return w ^ uint64(n)*0x9e3779b97f4a7c15
}

// fitsDouble reports whether the JSON number t reads as a finite double.
// Short numbers without an exponent always do.
func fitsDouble(t []byte) bool {
	if len(t) <= 300 && !bytes.ContainsAny(t, "eE") {
		return true
	}
	x, err := strconv.ParseFloat(string(t), 64)
	return err == nil && !math.IsInf(x, 0)
}

// badKey reports a key a flat_object cannot hold.
func badKey(k []byte) bool {
	return len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' || bytes.Contains(k, []byte(".."))
}

// keyEnd is ecs.CanonicalStringEnd for a key; it also reports whether
// the key holds a '.' (meaningful only when the end is not -1).
func keyEnd(b []byte, p int) (int, bool) {
	end := ecs.CanonicalStringEnd(b, p)
	return end, end >= 0 && bytes.IndexByte(b[p:end-1], '.') >= 0
}

// Member is one member of a record found by Find.
type Member struct {
	// Raw is the value's bytes in the record, nil when the record has no
	// member of that name (or Find could not tell).
	Raw []byte
	// Shape is Canonical(Raw, keepEmpty).
	Shape Shape
}

// Find looks up members of the JSON object rec by name, in one pass:
// out[i] is set for names[i], and each member found is checked as
// Canonical does while it is read. A name met twice is reported not
// found (nil Raw), as is a member whose value Find cannot read through:
// the caller then writes it itself from its parsed value, whichever
// occurrence it reads. It returns false, with out to be disregarded,
// when rec is not an object it could read, or when a key is written
// with escapes (it might spell one of the names). The work is linear in
// rec.
func Find(rec []byte, names []string, keepEmpty bool, out []Member) bool {
	return find(rec, names, true, keepEmpty, out)
}

// Locate is Find without the check: it sets only Raw, for a caller that
// reads the members with AppendCompact, which checks them itself.
func Locate(rec []byte, names []string, out []Member) bool {
	return find(rec, names, false, false, out)
}

func find(rec []byte, names []string, check, keepEmpty bool, out []Member) bool {
	clear(out)
	// seen marks the names met (at most 64 are followed).
	var seen uint64
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return false
	}
	i = skipSpace(rec, i+1)
	if i < len(rec) && rec[i] == '}' {
		return true
	}
	for {
		if i >= len(rec) || rec[i] != '"' {
			return false
		}
		kend, escaped := anyStringEnd(rec, i+1)
		if kend < 0 || escaped {
			return false
		}
		key := rec[i+1 : kend-1]
		i = skipSpace(rec, kend)
		if i >= len(rec) || rec[i] != ':' {
			return false
		}
		i = skipSpace(rec, i+1)
		want := -1
		for j, name := range names {
			if j < 64 && name == string(key) {
				want = j
				break
			}
		}
		end := -1
		switch {
		case want >= 0 && seen&(1<<want) != 0:
			out[want] = Member{}
			end = valueEnd(rec, i)
		case want >= 0:
			seen |= 1 << want
			var sh Shape
			if !check {
				if end = valueEnd(rec, i); end >= 0 {
					out[want] = Member{Raw: rec[i:end]}
				}
			} else if sh, end = canonical(rec[i:], keepEmpty); end >= 0 {
				end += i
				out[want] = Member{Raw: rec[i:end], Shape: sh}
			} else if end = valueEnd(rec, i); end >= 0 {
				out[want] = Member{Raw: rec[i:end]}
			}
		default:
			end = valueEnd(rec, i)
		}
		if end < 0 {
			return false
		}
		i = skipSpace(rec, end)
		if i >= len(rec) {
			return false
		}
		switch rec[i] {
		case ',':
			i = skipSpace(rec, i+1)
		case '}':
			return true
		default:
			return false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// anyStringEnd returns the index just past the quote closing the string
// whose contents start at b[p], or -1, and whether the string holds a
// backslash. It looks at eight bytes at a time for either.
func anyStringEnd(b []byte, p int) (int, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	escaped := false
	for {
		for p+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[p:])
			q := x ^ (ones * '"')
			e := x ^ (ones * '\\')
			if m := ((q-ones)&^q | (e-ones)&^e) & highs; m != 0 {
				p += bits.TrailingZeros64(m) >> 3
				break
			}
			p += 8
		}
		if p >= len(b) {
			return -1, escaped
		}
		switch b[p] {
		case '"':
			return p + 1, escaped
		case '\\':
			escaped = true
			p += 2
		default:
			p++
		}
	}
}

// valueEnd returns the index just past the JSON value starting at b[i],
// or -1 when none ends there.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		end, _ := anyStringEnd(b, i+1)
		return end
	case '{', '[':
	default:
		end := i
		for end < len(b) {
			switch b[end] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return end
			}
			end++
		}
		return end
	}
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			end, _ := anyStringEnd(b, i+1)
			if end < 0 {
				return -1
			}
			i = end
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return -1
}

// AppendCompact appends the JSON value v, one value a parser accepted
// and whose strings and numbers are as Canonical requires, as the
// free-form writers write it: whitespace between tokens dropped and,
// unless keepEmpty, null members and elements, empty strings and empty
// objects and arrays left out (recursively, as an object left with no
// member is empty too). Strings, numbers and keys are copied as they
// stand, with no unescaping and escaping again: this is the writers'
// output for the records that hold a few empty members, which Canonical
// turns down. A key repeated within one object, an object of more than
// 32 keys, a string or number Canonical turns down, or nesting deeper
// than 64 make sh.OK false and dst is returned as it was: the caller then
// writes v itself. Dotted is as for Canonical, over every key; Bad is
// over the keys written. out holds nothing new when everything was left out.
func AppendCompact(dst, v []byte, keepEmpty bool) (out []byte, sh Shape) {
	c := compacter{v: v, dst: dst, keepEmpty: keepEmpty}
	start := len(dst)
	end, _ := c.value(skipSpace(v, 0), 0)
	if end < 0 || skipSpace(v, end) != len(v) {
		return dst[:start], Shape{}
	}
	c.sh.OK = true
	return c.dst, c.sh
}

type compacter struct {
	v         []byte
	dst       []byte
	keepEmpty bool
	sh        Shape
	// keys and starts are as in canonical: the keys of the open objects.
	keys   [canonMaxOpenKey]uint64
	starts [canonMaxOpenKey]int32
	nkeys  int
}

// value appends the value at v[i] and returns the index just past it, or
// -1 when it cannot be copied, and whether anything was written.
func (c *compacter) value(i, depth int) (int, bool) {
	v := c.v
	if i >= len(v) {
		return -1, false
	}
	switch v[i] {
	case '{':
		return c.object(i, depth)
	case '[':
		return c.array(i, depth)
	case '"':
		end := ecs.CanonicalStringEnd(v, i+1)
		if end < 0 {
			return -1, false
		}
		if end == i+2 && !c.keepEmpty {
			return end, false
		}
		c.dst = append(c.dst, v[i:end]...)
		return end, true
	}
	end := i + 1
	for end < len(v) {
		if b := v[end]; b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r' {
			break
		}
		end++
	}
	t := v[i:end]
	switch {
	case string(t) == "true" || string(t) == "false":
	case string(t) == "null":
		if !c.keepEmpty {
			return end, false
		}
	case parser.IsJSONNumber(t):
		if !fitsDouble(t) {
			return -1, false
		}
	default:
		return -1, false
	}
	c.dst = append(c.dst, t...)
	return end, true
}

func (c *compacter) object(i, depth int) (int, bool) {
	v := c.v
	if depth == canonMaxDepth {
		return -1, false
	}
	start := len(c.dst)
	c.dst = append(c.dst, '{')
	base := c.nkeys
	defer func() { c.nkeys = base }()
	n := 0
	i = skipSpace(v, i+1)
	if i < len(v) && v[i] == '}' {
		i++
	} else {
		for {
			if i >= len(v) || v[i] != '"' {
				return -1, false
			}
			kend, dot := keyEnd(v, i+1)
			if kend < 0 {
				return -1, false
			}
			k := v[i+1 : kend-1]
			if c.nkeys-base >= canonMaxKeys || c.nkeys == canonMaxOpenKey {
				return -1, false
			}
			fp := fingerprint(v, i+1, kend-1)
			for j := base; j < c.nkeys; j++ {
				if c.keys[j] == fp {
					s := int(c.starts[j])
					if s+len(k) < len(v) && v[s+len(k)] == '"' && string(v[s:s+len(k)]) == string(k) {
						return -1, false
					}
				}
			}
			c.keys[c.nkeys] = fp
			c.starts[c.nkeys] = int32(i + 1)
			c.nkeys++
			colon := skipSpace(v, kend)
			if colon >= len(v) || v[colon] != ':' {
				return -1, false
			}
			mark := len(c.dst)
			if n > 0 {
				c.dst = append(c.dst, ',')
			}
			c.dst = append(c.dst, v[i:kend]...)
			c.dst = append(c.dst, ':')
			end, wrote := c.value(skipSpace(v, colon+1), depth+1)
			if end < 0 {
				return -1, false
			}
			if dot || len(k) == 0 {
				// Dotted counts every key (AppendClean's rewritten keys
				// may collide with others, written or not), Bad only
				// the keys written.
				c.sh.Dotted = true
				if wrote && badKey(k) {
					c.sh.Bad = true
				}
			}
			if wrote {
				n++
			} else {
				c.dst = c.dst[:mark]
			}
			i = skipSpace(v, end)
			if i >= len(v) {
				return -1, false
			}
			if v[i] == '}' {
				i++
				break
			}
			if v[i] != ',' {
				return -1, false
			}
			i = skipSpace(v, i+1)
		}
	}
	if n == 0 && !c.keepEmpty {
		c.dst = c.dst[:start]
		return i, false
	}
	c.dst = append(c.dst, '}')
	return i, true
}

func (c *compacter) array(i, depth int) (int, bool) {
	v := c.v
	if depth == canonMaxDepth {
		return -1, false
	}
	start := len(c.dst)
	c.dst = append(c.dst, '[')
	n := 0
	i = skipSpace(v, i+1)
	if i < len(v) && v[i] == ']' {
		i++
	} else {
		for {
			mark := len(c.dst)
			if n > 0 {
				c.dst = append(c.dst, ',')
			}
			end, wrote := c.value(i, depth+1)
			if end < 0 {
				return -1, false
			}
			if wrote {
				n++
			} else {
				c.dst = c.dst[:mark]
			}
			i = skipSpace(v, end)
			if i >= len(v) {
				return -1, false
			}
			if v[i] == ']' {
				i++
				break
			}
			if v[i] != ',' {
				return -1, false
			}
			i = skipSpace(v, i+1)
		}
	}
	if n == 0 && !c.keepEmpty {
		c.dst = c.dst[:start]
		return i, false
	}
	c.dst = append(c.dst, ']')
	return i, true
}
