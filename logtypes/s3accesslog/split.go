package s3accesslog

import (
	"bytes"
	"fmt"
)

// splitError reports a line that cannot be cut into fields.
type splitError struct {
	column int // 1-based
	reason string
}

func (e *splitError) Error() string {
	return fmt.Sprintf("s3accesslog record: column %d: %s; the line is truncated or is not an S3 server access log record", e.column, e.reason)
}

// maxQuotedColumns is how many columns the quoted bit set covers: every
// known field and the first trailing ones.
const maxQuotedColumns = 64

// split cuts a record into its fields, appending them to dst[:0]. Fields
// are separated by single spaces. A field that starts with a double quote
// runs to the next quote that no backslash escapes and that ends the line
// or is followed by a space, so that a stray quote inside a User-Agent
// does not end it early; the field is returned without its quotes and
// with its escapes as they are (see unescape), and its bit in quoted is
// set. The third field, the time, is bracketed and holds a space
// ("[06/Feb/2019:00:00:38 +0000]"): it runs to the closing bracket and is
// returned without the brackets. Trailing spaces and a carriage return
// are ignored. An empty unquoted field is an error: S3 writes "-" for a
// missing value, never nothing.
//
// Fields alias line; nothing is allocated when dst has room for them, but
// for an error.
func split(line []byte, dst [][]byte) (fields [][]byte, quoted uint64, err error) {
	dst = dst[:0]
	n := len(line)
	for n > 0 && (line[n-1] == ' ' || line[n-1] == '\r' || line[n-1] == '\t') {
		n--
	}
	line = line[:n]
	if n == 0 {
		return dst, 0, nil
	}
	for i := 0; ; {
		col := len(dst)
		switch {
		case line[i] == '"':
			end := closingQuote(line, i+1)
			if end < 0 {
				return dst, quoted, &splitError{col + 1, "quoted field has no closing quote"}
			}
			dst = append(dst, line[i+1:end:end])
			if col < maxQuotedColumns {
				quoted |= 1 << col
			}
			i = end + 1
		case line[i] == '[' && col == colTime:
			end := closingBracket(line, i+1)
			if end < 0 {
				return dst, quoted, &splitError{col + 1, "the time has no closing bracket"}
			}
			dst = append(dst, line[i+1:end:end])
			i = end + 1
		default:
			j := i
			for j < n && line[j] != ' ' {
				j++
			}
			if j == i {
				return dst, quoted, &splitError{col + 1, `empty field (two spaces in a row, or a leading space), where S3 writes "-"`}
			}
			dst = append(dst, line[i:j:j])
			i = j
		}
		if i == n {
			return dst, quoted, nil
		}
		// line[i] is a space: the quote and bracket rules end a field
		// only before one.
		i++
	}
}

// closingQuote returns the index of the quote that closes a field whose
// text starts at p, or -1.
func closingQuote(b []byte, p int) int {
	for p < len(b) {
		q := bytes.IndexByte(b[p:], '"')
		if q < 0 {
			return -1
		}
		q += p
		if e := bytes.IndexByte(b[p:q], '\\'); e >= 0 {
			p += e + 2 // the backslash and the byte it escapes
			continue
		}
		if q+1 == len(b) || b[q+1] == ' ' {
			return q
		}
		p = q + 1 // a stray quote: text
	}
	return -1
}

// closingBracket returns the index of the bracket that closes the time
// field whose text starts at p, or -1.
func closingBracket(b []byte, p int) int {
	for ; p < len(b); p++ {
		if b[p] == ']' && (p+1 == len(b) || b[p+1] == ' ') {
			return p
		}
	}
	return -1
}

// unescape decodes the backslash escapes S3 writes in quoted fields, \"
// and \\, appending the result to dst. Any other backslash is kept as it
// is. It returns v itself when there is nothing to decode.
func unescape(dst, v []byte) []byte {
	k := bytes.IndexByte(v, '\\')
	if k < 0 {
		return v
	}
	dst = append(dst, v[:k]...)
	for i := k; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
			i++
			c = v[i]
		}
		dst = append(dst, c)
	}
	return dst
}
