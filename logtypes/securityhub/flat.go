package securityhub

import (
	"math"
	"strconv"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// maxFlatBytes bounds the encoding of one flat_object value: OpenSearch
// indexes every leaf as a term of its path and value, and refuses the
// whole document for a term over 32766 bytes.
const maxFlatBytes = 32766

// appendFlat appends v, an object, re-encoded for a flat_object field:
// members in order, a repeated key keeping its first value (as fastjson's
// Get reads it, so what the type maps and what it keeps agree), strings
// re-escaped as valid UTF-8. ok is false when OpenSearch would refuse the
// object: a key that is empty or has an empty dotted segment ("a.", ".a",
// "a..b"), or an encoding longer than maxFlatBytes.
func appendFlat(dst []byte, v *fastjson.Value) (out []byte, ok bool) {
	start := len(dst)
	dst, ok = appendValue(dst, v, true)
	if !ok || len(dst)-start > maxFlatBytes {
		return dst[:start], false
	}
	return dst, true
}

// maxScanKeys is the most keys of one object checked for repeats by
// comparison; a larger object uses a map.
const maxScanKeys = 64

func appendValue(dst []byte, v *fastjson.Value, checkKeys bool) ([]byte, bool) {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		dst = append(dst, '{')
		n := 0
		ok := true
		var small [maxScanKeys][]byte
		seen := small[:0]
		var big map[string]bool
		if o.Len() > maxScanKeys {
			big = make(map[string]bool, o.Len())
		}
		o.Visit(func(k []byte, e *fastjson.Value) {
			if !ok {
				return
			}
			if checkKeys && badKey(k) {
				ok = false
				return
			}
			if big != nil {
				if big[string(k)] {
					return
				}
				big[string(k)] = true
			} else {
				for _, s := range seen {
					if string(s) == string(k) {
						return
					}
				}
				seen = append(seen, k)
			}
			if n > 0 {
				dst = append(dst, ',')
			}
			n++
			dst = ecs.AppendStringBytes(dst, k)
			dst = append(dst, ':')
			dst, ok = appendValue(dst, e, checkKeys)
		})
		return append(dst, '}'), ok
	case fastjson.TypeArray:
		dst = append(dst, '[')
		ok := true
		for i, e := range v.GetArray() {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, ok = appendValue(dst, e, checkKeys); !ok {
				return dst, false
			}
		}
		return append(dst, ']'), true
	case fastjson.TypeString:
		return ecs.AppendStringBytes(dst, v.GetStringBytes()), true
	case fastjson.TypeNumber:
		// As written when that is valid JSON; fastjson also takes forms
		// JSON does not (00012, +1, .5, nan, inf), which are rewritten
		// (or kept as a string when they have no JSON number form).
		start := len(dst)
		dst = v.MarshalTo(dst)
		if parser.IsJSONNumber(dst[start:]) {
			return dst, true
		}
		raw := string(dst[start:])
		dst = dst[:start]
		if f := v.GetFloat64(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return strconv.AppendFloat(dst, f, 'g', -1, 64), true
		}
		return ecs.AppendString(dst, raw), true
	default:
		// true, false and null.
		return v.MarshalTo(dst), true
	}
}

// badKey reports a key a flat_object cannot hold.
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

// appendCompact appends v as compact JSON, whatever it holds (the string
// form kept when a value cannot be a flat_object).
func appendCompact(dst []byte, v *fastjson.Value) []byte {
	dst, _ = appendValue(dst, v, false)
	return dst
}

// snake turns a member name into a snake_case path segment:
// "AwsAccountName" -> "aws_account_name", "SourceIpV4" -> "source_ip_v4",
// "p_any_ip_addresses" unchanged. Bytes other than letters and digits
// become '_', so the result is always one valid segment.
func snake(dst []byte, name []byte) []byte {
	start := len(dst)
	for i, c := range name {
		switch {
		case c >= 'A' && c <= 'Z':
			if i > 0 && len(dst) > start && dst[len(dst)-1] != '_' {
				prev := name[i-1]
				nextLower := i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z'
				if (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9') || ((prev >= 'A' && prev <= 'Z') && nextLower) {
					dst = append(dst, '_')
				}
			}
			dst = append(dst, c+'a'-'A')
		case (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'):
			dst = append(dst, c)
		default:
			if len(dst) > start && dst[len(dst)-1] != '_' {
				dst = append(dst, '_')
			}
		}
	}
	for len(dst) > start && dst[len(dst)-1] == '_' {
		dst = dst[:len(dst)-1]
	}
	if len(dst) == start {
		dst = append(dst, '_')
	}
	return dst
}
