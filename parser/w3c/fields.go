package w3c

import (
	"slices"
	"strings"
)

// Fields is one field list: the names of a #Fields directive, or
// Options.Fields. It never changes once a Reader has handed it out, so
// normalizers on any goroutine may read it, and may use its pointer as a
// cache key for what they derive from it (such as the position of each
// field they map): two records read under the same list get the same
// *Fields.
type Fields struct {
	names []string
	index map[string]int
	// line is the line of the #Fields directive, 0 for a configured list.
	line int64
	// size is what the list costs to keep, counted against
	// Options.MaxFieldListBytes.
	size int
}

// NewFields returns a field list holding names, in order, for lines read
// without a Reader (a CloudFront real-time log record taken from a Kinesis
// stream, for example).
func NewFields(names ...string) *Fields {
	return newFields(slices.Clone(names), 0)
}

// newFields takes ownership of names.
func newFields(names []string, line int64) *Fields {
	f := &Fields{names: names, index: make(map[string]int, len(names)), line: line}
	for i, n := range names {
		if _, dup := f.index[n]; !dup {
			f.index[n] = i
		}
		f.size += len(n) + 16
	}
	return f
}

// Len returns the number of fields.
func (f *Fields) Len() int { return len(f.names) }

// Name returns the name of field i.
func (f *Fields) Name(i int) string { return f.names[i] }

// Names returns a copy of the field names, in order.
func (f *Fields) Names() []string { return slices.Clone(f.names) }

// Index returns the position of the field named name (the first one, if
// the list names it twice), or -1. Names are matched exactly, as the
// directive spells them ("cs(User-Agent)", "x-edge-location"). It is a map
// lookup: resolve the positions a normalizer needs once per *Fields, not
// once per line.
func (f *Fields) Index(name string) int {
	if i, ok := f.index[name]; ok {
		return i
	}
	return -1
}

// Line returns the line of the #Fields directive that set the list, or 0
// for a list that came from Options.Fields or NewFields.
func (f *Fields) Line() int64 { return f.line }

// String returns the names separated by spaces, as a #Fields line
// writes them.
func (f *Fields) String() string { return strings.Join(f.names, " ") }

// source names where the list came from, for error messages.
func (f *Fields) source() string {
	if f.line == 0 {
		return "Options.Fields"
	}
	return "the #Fields line on line " + itoa(f.line)
}

// equal reports whether the list is names, spelled as a directive's bytes.
func (f *Fields) equal(names [][]byte) bool {
	if len(names) != len(f.names) {
		return false
	}
	for i, n := range names {
		if string(n) != f.names[i] {
			return false
		}
	}
	return true
}

// Split splits a data line on sep, appending the fields to dst[:0]. Every
// separator ends a field, so two separators in a row delimit an empty field
// and a line always has one field more than it has separators. Fields alias
// line, with their capacity cut to their length so that appending to one
// cannot overwrite the next. It allocates nothing when dst has room for
// every field.
//
// A field is returned as written: "-" (see IsEmpty) and escapes such as
// CloudFront's "%20" and "\x20" are left for the caller.
func Split(line []byte, sep byte, dst [][]byte) [][]byte {
	dst = dst[:0]
	start := 0
	// Fields are short: a byte loop beats a vectorised search.
	for i, c := range line {
		if c == sep {
			dst = append(dst, line[start:i:i])
			start = i + 1
		}
	}
	return append(dst, line[start:len(line):len(line)])
}

// IsEmpty reports whether a field holds no value: W3C logs write "-" for
// an empty field. An empty slice (two separators in a row) is empty too.
func IsEmpty(field []byte) bool {
	return len(field) == 0 || len(field) == 1 && field[0] == '-'
}

// Value returns field, or nil when it holds no value (see IsEmpty).
func Value(field []byte) []byte {
	if IsEmpty(field) {
		return nil
	}
	return field
}
