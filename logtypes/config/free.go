package config

import (
	"unicode/utf8"

	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/valyala/fastjson"
)

// maxFlatLeaf bounds the dotted path plus value of one leaf of an object
// written for a flat_object mapping: OpenSearch indexes each leaf, and
// each path=value pair, as one term, and a term longer than 32766 bytes
// fails the whole document. The margin covers the separator and escapes.
const maxFlatLeaf = 32000

// maxFlatDepth bounds the nesting of an object written for a flat_object
// mapping; deeper objects go to the text form.
const maxFlatDepth = 64

// free writes a free-form member (configuration, supplementaryConfiguration,
// tags, configurationItemDiff) under aws.config.<name>: an object as it
// came, for a flat_object mapping; anything else (a JSON string that is
// not an object, an array), or an object OpenSearch's flat_object would
// refuse, as compact JSON text under aws.config.<name>_text (wildcard).
// A null, empty or absent member is left out.
func (m *mapper) free(name string, v *fastjson.Value) {
	if v == nil {
		return
	}
	switch v.Type() {
	case fastjson.TypeNull:
		return
	case fastjson.TypeObject:
		o, _ := v.Object()
		if o.Len() == 0 {
			return
		}
		m.scratch = freeform.AppendWhole(m.scratch[:0], v)
		if m.flat.safe(v) {
			m.ev.RawJSON("aws.config."+name, m.scratch)
			return
		}
		m.ev.KeywordBytes("aws.config."+name+"_text", m.scratch)
	case fastjson.TypeString:
		m.ev.KeywordBytes("aws.config."+name+"_text", v.GetStringBytes())
	case fastjson.TypeArray:
		if len(v.GetArray()) == 0 {
			return
		}
		fallthrough
	default:
		m.scratch = freeform.AppendWhole(m.scratch[:0], v)
		m.ev.KeywordBytes("aws.config."+name+"_text", m.scratch)
	}
}

// flatCheck tells whether OpenSearch can index a value as a flat_object:
// no empty key, no key with an empty dotted segment, no key twice in one
// object, no leaf whose dotted path and value exceed maxFlatLeaf, and at
// most maxFlatDepth levels. It is reused across records: its one visit
// function is made once, so checking allocates nothing (but for objects
// of more than manyKeys members, whose repeats are found with a map).
type flatCheck struct {
	ok             bool
	depth, pathLen int
	// keys holds the keys met in the objects being walked; base is where
	// the current object's start, seen replaces them for large objects.
	keys  [][]byte
	base  int
	seen  map[string]struct{}
	visit func(k []byte, v *fastjson.Value)
}

// manyKeys is the size from which an object's keys are checked for
// repeats with a map rather than by comparing them with each other.
const manyKeys = 16

func newFlatCheck() *flatCheck {
	c := &flatCheck{}
	c.visit = func(k []byte, e *fastjson.Value) {
		if !c.ok {
			return
		}
		if !validKey(k) {
			c.ok = false
			return
		}
		if c.seen != nil {
			if _, dup := c.seen[string(k)]; dup {
				c.ok = false
				return
			}
			c.seen[string(k)] = struct{}{}
		} else {
			for _, p := range c.keys[c.base:] {
				if string(p) == string(k) {
					c.ok = false
					return
				}
			}
			c.keys = append(c.keys, k)
		}
		pathLen := c.pathLen
		c.pathLen += 1 + len(k)
		c.value(e)
		c.pathLen = pathLen
	}
	return c
}

// safe reports whether v can be a flat_object.
func (c *flatCheck) safe(v *fastjson.Value) bool {
	c.ok, c.depth, c.pathLen, c.base, c.seen = true, 0, 0, 0, nil
	c.value(v)
	clear(c.keys)
	c.keys = c.keys[:0]
	return c.ok
}

func (c *flatCheck) value(v *fastjson.Value) {
	if !c.ok {
		return
	}
	if c.depth > maxFlatDepth {
		c.ok = false
		return
	}
	c.depth++
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		base, seen := c.base, c.seen
		c.base, c.seen = len(c.keys), nil
		if o.Len() > manyKeys {
			c.seen = make(map[string]struct{}, o.Len())
		}
		o.Visit(c.visit)
		c.keys = c.keys[:c.base]
		c.base, c.seen = base, seen
	case fastjson.TypeArray:
		for _, e := range v.GetArray() {
			c.value(e)
		}
	case fastjson.TypeString:
		if c.pathLen+1+len(v.GetStringBytes()) > maxFlatLeaf {
			c.ok = false
		}
	}
	c.depth--
}

// validKey reports whether k can be a flat_object key: not empty, no
// empty segment when split at dots, and valid UTF-8 (invalid bytes are
// written as U+FFFD, which could make two keys one).
func validKey(k []byte) bool {
	if len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' || !utf8.Valid(k) {
		return false
	}
	for i := 1; i < len(k); i++ {
		if k[i] == '.' && k[i-1] == '.' {
			return false
		}
	}
	return true
}
