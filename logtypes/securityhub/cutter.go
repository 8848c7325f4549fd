package securityhub

import (
	"io"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/parser"
)

// cutter turns records that hold {"findings":[...]} (an EventBridge
// event's detail) into one record per finding. Every other record passes
// through unchanged, and so does a holder whose findings member is
// missing, empty or not an array, so that Normalize can say why it is no
// finding: nothing read is ever dropped without a count. Records are
// renumbered in object order; a cut record keeps the line, offset and
// Delivery of the message it came in.
type cutter struct {
	src    parser.Reader
	msg    parser.Record
	elems  [][]byte
	next   int
	number int64
}

func newCutter(src parser.Reader) *cutter { return &cutter{src: src} }

func (c *cutter) Next() (parser.Record, error) {
	if c.next < len(c.elems) {
		e := c.elems[c.next]
		c.next++
		c.number++
		rec := c.msg
		rec.Data = e
		rec.Number = c.number
		return rec, nil
	}
	c.elems = c.elems[:0]
	c.next = 0
	rec, err := c.src.Next()
	if err != nil {
		if re, ok := parser.AsRecordError(err); ok {
			c.number++
			cp := *re
			cp.Number = c.number
			return parser.Record{}, &cp
		}
		if err == io.EOF {
			c.msg = parser.Record{}
		}
		return parser.Record{}, err
	}
	c.number++
	rec.Number = c.number
	arr := findingsArray(rec.Data)
	if arr == nil {
		return rec, nil
	}
	c.elems = arrayElements(arr, c.elems)
	if len(c.elems) == 0 {
		return rec, nil
	}
	c.number--
	c.msg = rec
	return c.Next()
}

// findingsArray returns the span of the "findings" array of a JSON
// object, or nil when data is not a valid JSON object with such a member
// (the first one, when the key is repeated, as fastjson reads it).
func findingsArray(data []byte) []byte {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil
	}
	// Only objects that name the member are validated: a bare finding is
	// parsed once, by Normalize.
	if !containsKey(data, `"findings"`) || fastjson.ValidateBytes(data) != nil {
		return nil
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != '"' {
			return nil
		}
		kEnd := skipString(data, i)
		key := data[i:kEnd]
		i = skipSpace(data, kEnd)
		i++ // ':'
		i = skipSpace(data, i)
		vEnd := skipValue(data, i)
		if string(key) == `"findings"` {
			if data[i] == '[' {
				return data[i:vEnd]
			}
			return nil
		}
		i = skipSpace(data, vEnd)
		if i >= len(data) || data[i] != ',' {
			return nil
		}
		i++
	}
}

func containsKey(data []byte, key string) bool {
	n := len(key)
	for i := 0; i+n <= len(data); i++ {
		if data[i] == '"' && string(data[i:i+n]) == key {
			return true
		}
	}
	return false
}

// arrayElements appends the spans of the elements of a valid JSON array.
func arrayElements(arr []byte, dst [][]byte) [][]byte {
	i := skipSpace(arr, 1)
	if i < len(arr) && arr[i] == ']' {
		return dst
	}
	for i < len(arr) {
		end := skipValue(arr, i)
		dst = append(dst, arr[i:end])
		i = skipSpace(arr, end)
		if i >= len(arr) || arr[i] != ',' {
			break
		}
		i = skipSpace(arr, i+1)
	}
	return dst
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"').
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index after the valid JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}
