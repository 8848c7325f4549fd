package parser

import "fmt"

// SplitQuoted splits an ELB-style line into fields, appending them to
// dst[:0]. Fields are separated by single spaces, so two spaces in a row
// delimit an empty field. A field that starts with a double quote runs to
// the next quote not escaped by a backslash and is returned without its
// quotes; its backslash escapes are kept as they are, for the caller to
// decode if it needs to. The closing quote must end the line or be followed
// by a space.
//
// Fields alias line, with their capacity cut to their length. It allocates
// nothing when dst has room for every field, except to build an error. On
// error the fields before the faulty one are returned.
func SplitQuoted(line []byte, dst [][]byte) ([][]byte, error) {
	dst = dst[:0]
	if len(line) == 0 {
		return dst, nil
	}
	for i := 0; ; {
		if i < len(line) && line[i] == '"' {
			end := closingQuote(line, i+1)
			if end < 0 {
				return dst, fmt.Errorf("column %d: quoted field has no closing quote", len(dst)+1)
			}
			dst = append(dst, line[i+1:end:end])
			i = end + 1
			if i == len(line) {
				return dst, nil
			}
			if line[i] != ' ' {
				return dst, fmt.Errorf("column %d: %q right after the closing quote, where a space must be", len(dst), line[i])
			}
			i++
			continue
		}
		// Unquoted fields are short: a byte loop beats a vectorised search.
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		if j == len(line) {
			return append(dst, line[i:j:j]), nil
		}
		dst = append(dst, line[i:j:j])
		i = j + 1
	}
}

// closingQuote returns the index of the first quote at or after p that no
// backslash escapes, or -1.
func closingQuote(b []byte, p int) int {
	if end, closed := stringEnd(b, p); closed {
		return end - 1
	}
	return -1
}
