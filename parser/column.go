package parser

import (
	"bytes"
	"fmt"
	"io"
)

// ColumnReader frames whitespace-separated columns named by a header line,
// as VPC Flow Logs are written. It is a Reader over the data lines.
//
// The first non-blank line (after LineOptions.SkipLines) is the header; every
// later line is a record whose Data is the whole line, to be split with
// SplitFields. A line identical to the header, as found where several files
// were concatenated into one, is not a record. Lines, limits and errors are
// those of LineReader. A header line the reader cannot take (too long, cut by
// a read error) fails the whole object, since no line after it can be
// interpreted.
type ColumnReader struct {
	lines      *LineReader
	header     *Header
	headerLine []byte
	number     int64
	err        error
}

// NewColumnReader returns a ColumnReader reading r.
func NewColumnReader(r io.Reader, opt LineOptions) *ColumnReader {
	return &ColumnReader{lines: NewLineReader(r, opt)}
}

// Header returns the column names. It is nil until the first call to Next
// has returned and never changes afterwards, so normalizers running on other
// goroutines may read it.
func (c *ColumnReader) Header() *Header { return c.header }

// Next returns the next data line. See Reader for the errors.
func (c *ColumnReader) Next() (Record, error) {
	for c.err == nil {
		rec, err := c.lines.Next()
		if err != nil {
			re, ok := AsRecordError(err)
			switch {
			case !ok:
				c.err = err
			case c.header == nil:
				c.err = fmt.Errorf("header line %d: %s: without its column names no line of the object can be read", re.Line, re.Reason)
			default:
				// Numbered by this reader: the header and repeated headers
				// are not records.
				c.number++
				re.Number = c.number
				return Record{}, re
			}
			continue
		}
		if c.header == nil {
			c.headerLine = append([]byte(nil), rec.Data...)
			h := &Header{}
			for _, name := range SplitFields(rec.Data, nil) {
				h.Names = append(h.Names, string(name))
			}
			c.header = h
			continue
		}
		if bytes.Equal(rec.Data, c.headerLine) {
			continue
		}
		c.number++
		rec.Number = c.number
		return rec, nil
	}
	return Record{}, c.err
}

// Header holds the column names of a ColumnReader's stream, verbatim and in
// order (for VPC Flow Logs "version", "account-id", ...).
type Header struct {
	Names []string
}

// Index returns the position of the column named name, or -1.
func (h *Header) Index(name string) int {
	for i, n := range h.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// SplitFields splits line on runs of spaces and tabs, appending the fields
// to dst[:0]. Fields alias line; each has its capacity cut to its length so
// that appending to one cannot overwrite the next. It allocates nothing when
// dst has room for every field.
func SplitFields(line []byte, dst [][]byte) [][]byte {
	dst = dst[:0]
	i, n := 0, len(line)
	for {
		for i < n && isFieldSeparator[line[i]] {
			i++
		}
		if i == n {
			return dst
		}
		j := i + 1
		for j < n && !isFieldSeparator[line[j]] {
			j++
		}
		dst = append(dst, line[i:j:j])
		i = j
	}
}

var isFieldSeparator = [256]bool{' ': true, '\t': true}
