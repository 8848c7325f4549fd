package siemprocessor

import (
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// rawRecord returns the raw log record held in a log record body: a line
// (string or bytes) as it is, or a JSON object a receiver already parsed
// (a map), encoded back to JSON. It appends to dst[:0].
func rawRecord(body pcommon.Value, dst []byte) ([]byte, error) {
	switch body.Type() {
	case pcommon.ValueTypeStr:
		return append(dst[:0], body.Str()...), nil
	case pcommon.ValueTypeBytes:
		return append(dst[:0], body.Bytes().AsRaw()...), nil
	case pcommon.ValueTypeMap:
		return appendJSON(dst[:0], body)
	}
	return nil, fmt.Errorf("the log record body is of type %s; the siem processor reads a raw line (string or bytes) or a parsed JSON object (map)", body.Type())
}

// appendJSON appends the JSON form of a pdata value. It writes JSON
// itself rather than through a generic encoder so that every string is
// escaped as RFC 8259 requires (control characters as \u00XX, invalid
// UTF-8 as U+FFFD) and no intermediate tree is built.
func appendJSON(dst []byte, v pcommon.Value) ([]byte, error) {
	switch v.Type() {
	case pcommon.ValueTypeEmpty:
		return append(dst, "null"...), nil
	case pcommon.ValueTypeStr:
		return appendString(dst, v.Str()), nil
	case pcommon.ValueTypeBool:
		return strconv.AppendBool(dst, v.Bool()), nil
	case pcommon.ValueTypeInt:
		return strconv.AppendInt(dst, v.Int(), 10), nil
	case pcommon.ValueTypeDouble:
		return appendDouble(dst, v.Double())
	case pcommon.ValueTypeBytes:
		// The OTLP JSON encoding writes bytes as base64 too.
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, v.Bytes().AsRaw())
		return append(dst, '"'), nil
	case pcommon.ValueTypeSlice:
		s := v.Slice()
		dst = append(dst, '[')
		for i := range s.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendJSON(dst, s.At(i)); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case pcommon.ValueTypeMap:
		dst = append(dst, '{')
		first := true
		var err error
		v.Map().Range(func(k string, e pcommon.Value) bool {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = appendString(dst, k)
			dst = append(dst, ':')
			dst, err = appendJSON(dst, e)
			return err == nil
		})
		if err != nil {
			return nil, err
		}
		return append(dst, '}'), nil
	}
	return nil, fmt.Errorf("the log record body holds a value of type %s, which has no JSON form", v.Type())
}

// appendDouble keeps a fraction or an exponent, so that the number reads
// back as a double, not an integer.
func appendDouble(dst []byte, d float64) ([]byte, error) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return nil, fmt.Errorf("the log record body holds the number %v, which JSON cannot represent", d)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, d, 'g', -1, 64)
	for _, c := range dst[start:] {
		if c == '.' || c == 'e' || c == 'E' {
			return dst, nil
		}
	}
	return append(dst, ".0"...), nil
}

const hexDigits = "0123456789abcdef"

func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}
