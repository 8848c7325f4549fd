package syslog

import (
	"bytes"
	"iter"
)

// StructuredData is the STRUCTURED-DATA of an RFC 5424 line as written: one
// or more "[SD-ID name="value" ...]" elements. Parse has validated it;
// ranging over it does not allocate.
type StructuredData []byte

// SDElement is one "[SD-ID ...]" element.
type SDElement struct {
	// ID is the SD-ID, such as "timeQuality" or "origin@32473".
	ID     []byte
	params []byte // " name="value" name="value"", as written
}

// SDParam is one name="value" parameter of an element.
type SDParam struct {
	Name []byte
	// RawValue is the value between its quotes as written, with its
	// backslash escapes; Value and AppendValue remove them.
	RawValue []byte
}

// Elements iterates over the elements in the order written. Bytes that
// Parse did not validate end the iteration at the first malformed element.
func (sd StructuredData) Elements() iter.Seq[SDElement] {
	return func(yield func(SDElement) bool) {
		for p := 0; p < len(sd) && sd[p] == '['; {
			id, params, next, err := scanElement(sd, p)
			if err != nil || !yield(SDElement{ID: id, params: params}) {
				return
			}
			p = next
		}
	}
}

// Param returns the first parameter called name of the first element
// whose ID is id.
func (sd StructuredData) Param(id, name string) (SDParam, bool) {
	for e := range sd.Elements() {
		if string(e.ID) == id {
			return e.Param(name)
		}
	}
	return SDParam{}, false
}

// Params iterates over the element's parameters in the order written. A
// name may occur more than once.
func (e SDElement) Params() iter.Seq[SDParam] {
	return func(yield func(SDParam) bool) {
		for p := 0; p < len(e.params) && e.params[p] == ' '; {
			name, value, next, err := scanParam(e.params, p+1)
			if err != nil || !yield(SDParam{Name: name, RawValue: value}) {
				return
			}
			p = next
		}
	}
}

// Param returns the element's first parameter called name.
func (e SDElement) Param(name string) (SDParam, bool) {
	for p := range e.Params() {
		if string(p.Name) == name {
			return p, true
		}
	}
	return SDParam{}, false
}

// Escaped reports whether RawValue holds a backslash, so that Value may
// differ from it.
func (p SDParam) Escaped() bool { return bytes.IndexByte(p.RawValue, '\\') >= 0 }

// Value returns the value without its escapes: RawValue itself when it has
// none, otherwise the value written into scratch[:0] (grown if needed).
// The result may alias the line, so it must not be passed back as the
// scratch of a later call, which would write into the line: keep the
// scratch buffer apart, or use AppendValue.
func (p SDParam) Value(scratch []byte) []byte {
	if !p.Escaped() {
		return p.RawValue
	}
	return p.AppendValue(scratch[:0])
}

// AppendValue appends the value without its escapes to dst. RFC 5424
// escapes '"', '\' and ']' with a backslash; a backslash before any other
// byte is an ordinary byte and is kept.
func (p SDParam) AppendValue(dst []byte) []byte {
	v := p.RawValue
	for {
		i := bytes.IndexByte(v, '\\')
		if i < 0 || i+1 == len(v) {
			return append(dst, v...)
		}
		dst = append(dst, v[:i]...)
		if c := v[i+1]; c == '"' || c == '\\' || c == ']' {
			dst = append(dst, c)
		} else {
			dst = append(dst, '\\', c)
		}
		v = v[i+2:]
	}
}

// isSDName reports a byte of an SD-ID or PARAM-NAME: printable US-ASCII
// except '=', ' ', ']' and '"'.
func isSDName(c byte) bool {
	return c > ' ' && c < 0x7f && c != '=' && c != ']' && c != '"'
}

// scanElement reads the element "[SD-ID *(SP PARAM)]" at b[p:] and returns
// its ID, its parameters as written and the offset after its "]".
func scanElement(b []byte, p int) (id, params []byte, next int, err *Error) {
	q := p + 1
	for q < len(b) && isSDName(b[q]) {
		q++
	}
	if q == p+1 {
		return nil, nil, 0, errAt(q, `an SD-ID after "["`)
	}
	id = sub(b, p+1, q)
	start := q
	for {
		if q >= len(b) {
			return nil, nil, 0, errAt(q, `"]" to close the structured data element`)
		}
		switch b[q] {
		case ']':
			return id, sub(b, start, q), q + 1, nil
		case ' ':
			if _, _, q, err = scanParam(b, q+1); err != nil {
				return nil, nil, 0, err
			}
		default:
			return nil, nil, 0, errAt(q, `a space and a parameter, or "]"`)
		}
	}
}

// scanParam reads `name="value"` at b[p:] and returns the name, the value
// as written and the offset after its closing quote.
func scanParam(b []byte, p int) (name, value []byte, next int, err *Error) {
	q := p
	for q < len(b) && isSDName(b[q]) {
		q++
	}
	if q == p {
		return nil, nil, 0, errAt(q, `a parameter name`)
	}
	if q >= len(b) || b[q] != '=' {
		return nil, nil, 0, errAt(q, `"=" after the parameter name`)
	}
	if q+1 >= len(b) || b[q+1] != '"' {
		return nil, nil, 0, errAt(q+1, `'"' to open the parameter value`)
	}
	open := q + 1
	end := closingQuote(b, open+1)
	if end < 0 {
		return nil, nil, 0, errAt(open, `a closing '"' for the parameter value that opens here`)
	}
	return sub(b, p, q), sub(b, open+1, end), end + 1, nil
}

// closingQuote returns the offset of the first '"' at or after p that an
// odd run of backslashes does not escape, or -1.
func closingQuote(b []byte, p int) int {
	for start := p; ; {
		i := bytes.IndexByte(b[p:], '"')
		if i < 0 {
			return -1
		}
		q := p + i
		k := q
		for k > start && b[k-1] == '\\' {
			k--
		}
		if (q-k)%2 == 0 {
			return q
		}
		p = q + 1
	}
}
