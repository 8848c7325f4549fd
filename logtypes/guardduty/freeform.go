package guardduty

import (
	"bytes"
	"math"
	"strconv"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

// maxFlattenedBytes bounds a member indexed as a flat_object: every leaf
// becomes a keyword term and Lucene rejects a document holding a term
// over 32766 bytes, so a longer member is kept as text instead.
const maxFlattenedBytes = 32766

// encoder writes a finding's free-form member (resource, service) again
// as compact JSON that is always valid: strings are written as every
// document string is (invalid UTF-8 replaced), number tokens that are not
// JSON numbers become strings, and nulls, empty strings, empty objects
// and empty arrays are left out, as everywhere in a document. A repeated
// key keeps its first value (left out when that is empty), the one read
// for the mapped fields.
//
// It notes whether OpenSearch can index the result as a flat_object: a
// document is refused whole when a key is empty or has an empty dotted
// segment (".a", "a..b", "a.").
type encoder struct {
	buf       []byte
	indexable bool
	// keys is a stack of the keys written in the open objects.
	keys [][]byte
}

// encode returns the encoding of v, empty when nothing is left.
func (e *encoder) encode(v *fastjson.Value) []byte {
	e.buf = e.buf[:0]
	e.keys = e.keys[:0]
	e.indexable = true
	if !e.value(v) {
		return nil
	}
	return e.buf
}

// value writes v and reports whether anything was written.
func (e *encoder) value(v *fastjson.Value) bool {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		start := len(e.buf)
		e.buf = append(e.buf, '{')
		// The keys written so far in this object sit on e.keys from base.
		base := len(e.keys)
		written := 0
		var seenMap map[string]bool
		o.Visit(func(k []byte, x *fastjson.Value) {
			if seenMap != nil {
				if seenMap[string(k)] {
					return
				}
			} else {
				for _, s := range e.keys[base:] {
					if bytes.Equal(s, k) {
						return
					}
				}
			}
			// The first occurrence of a key counts, even when empty.
			switch {
			case seenMap != nil:
				seenMap[string(k)] = true
			case len(e.keys)-base < 32:
				e.keys = append(e.keys, k)
			default:
				// A large object: a map finds repeats in constant time.
				seenMap = make(map[string]bool, 64)
				for _, s := range e.keys[base:] {
					seenMap[string(s)] = true
				}
				seenMap[string(k)] = true
			}
			mark := len(e.buf)
			if written > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = ecs.AppendStringBytes(e.buf, k)
			e.buf = append(e.buf, ':')
			if !e.value(x) {
				e.buf = e.buf[:mark]
				return
			}
			written++
			if badKey(k) {
				e.indexable = false
			}
		})
		e.keys = e.keys[:base]
		if written == 0 {
			e.buf = e.buf[:start]
			return false
		}
		e.buf = append(e.buf, '}')
		return true
	case fastjson.TypeArray:
		start := len(e.buf)
		e.buf = append(e.buf, '[')
		written := 0
		for _, x := range v.GetArray() {
			mark := len(e.buf)
			if written > 0 {
				e.buf = append(e.buf, ',')
			}
			if !e.value(x) {
				e.buf = e.buf[:mark]
				continue
			}
			written++
		}
		if written == 0 {
			e.buf = e.buf[:start]
			return false
		}
		e.buf = append(e.buf, ']')
		return true
	case fastjson.TypeString:
		s := v.GetStringBytes()
		if len(s) == 0 {
			return false
		}
		e.buf = ecs.AppendStringBytes(e.buf, s)
		return true
	case fastjson.TypeNumber:
		raw := v.MarshalTo(nil)
		if parser.IsJSONNumber(raw) && finite(raw) {
			e.buf = append(e.buf, raw...)
		} else {
			e.buf = ecs.AppendStringBytes(e.buf, raw)
		}
		return true
	case fastjson.TypeTrue:
		e.buf = append(e.buf, "true"...)
		return true
	case fastjson.TypeFalse:
		e.buf = append(e.buf, "false"...)
		return true
	}
	return false
}

// finite reports whether a JSON number fits a double, which is how
// OpenSearch reads it.
func finite(raw []byte) bool {
	x, err := strconv.ParseFloat(string(raw), 64)
	return err == nil && !math.IsInf(x, 0)
}

func badKey(k []byte) bool {
	return len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' || bytes.Contains(k, []byte(".."))
}

// freeForm keeps a finding's member whole: as a flat_object under
// aws.guardduty.flattened when OpenSearch can index it so, else as its
// JSON text under aws.guardduty.text.
// raw is the member as found in the record (see rawMembers): its bytes
// are used as they stand when they are what the encoder would write.
func (n *normalizer) freeForm(flatPath, textPath string, v *fastjson.Value, raw freeform.Member) {
	if v == nil || v.Type() != fastjson.TypeObject {
		return
	}
	var text []byte
	indexable := false
	if raw.Shape.OK {
		text, indexable = raw.Raw, !raw.Shape.Bad
	} else {
		text = n.free.encode(v)
		indexable = n.free.indexable
	}
	if len(text) == 0 {
		return
	}
	if indexable && len(text) <= maxFlattenedBytes {
		n.ev.RawJSON(flatPath, text)
		return
	}
	n.ev.KeywordBytes(textPath, text)
}

// rawNames are the members rawMembers finds.
var rawNames = []string{"resource", "service"}

// rawMembers finds the bytes of the finding's resource and service
// members in the record (see freeform.Find), checked on the way. A name
// repeated is left to the encoder, which reads the first, as Get does.
func (n *normalizer) rawMembers(rec []byte) {
	if !freeform.Find(rec, rawNames, false, n.raw[:]) {
		n.raw = [2]freeform.Member{}
	}
}
