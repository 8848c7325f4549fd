package w3c

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/siem-go/siem/parser"
)

// DefaultMaxFieldListBytes is the most a Reader keeps of the field lists
// it has handed out when Options.MaxFieldListBytes is 0: about 1000 changes
// of a CloudFront #Fields line.
const DefaultMaxFieldListBytes = 1 << 20

// segmentBytes is what one change of the field list costs in a Reader's
// table, on top of the list itself.
const segmentBytes = 64

// Options configures a Reader.
type Options struct {
	// Separator splits a data line into its fields. 0 means a tab, as
	// CloudFront writes; IIS and other W3C extended logs use a space.
	Separator byte
	// Fields names the fields of data lines read before any #Fields
	// directive, in order: the configured field list of a log written
	// without directives, such as a CloudFront real-time log. A #Fields
	// directive replaces it for the lines after it.
	Fields []string
	// MaxLineBytes bounds a line's length, as parser.LineOptions does. 0
	// means parser.DefaultMaxLineBytes.
	MaxLineBytes int
	// MaxFieldListBytes bounds the memory a Reader spends on field lists:
	// every list that records were read under is kept for the reader's
	// lifetime, so that Fields can answer for any record. Each change of
	// the list costs its names plus 16 bytes a name and 64 bytes. An object
	// whose lists exceed the limit fails with a stream error. 0 means
	// DefaultMaxFieldListBytes.
	MaxFieldListBytes int
}

// Reader frames a W3C extended log (a CloudFront standard log, an IIS log)
// into its data lines. It is a parser.Reader.
//
// Lines, blank lines, limits and line errors are those of
// parser.LineReader; a byte order mark is dropped at the start of every
// line. A line starting with '#' is a directive, not a record:
// "#Fields:" sets the field list for the lines after it, and every other
// directive ("#Version:", "#Software:", "#Date:", "#Remark:") is skipped.
// Every other line is a record whose Data is the whole line; Split cuts it
// into fields and Fields returns the list that names them.
//
// A data line whose number of fields differs from its field list is a
// *parser.RecordError, except that empty fields left by separators at the
// end of the line are allowed beyond the list (AWS's own CloudFront example
// ends one line with a tab). A data line without a field list is a
// *parser.RecordError too.
type Reader struct {
	lines   *parser.LineReader
	sep     byte
	sepName string
	number  int64
	// current is the list in effect for the next data line; nil when
	// there is none, with missing saying why.
	current *Fields
	missing string
	// segs maps record numbers to field lists; published is the copy
	// normalizers read. Both only grow: a change appends to segs and
	// stores a new slice header, so a reader holding an older one sees a
	// prefix of the same entries.
	segs      []segment
	published atomic.Pointer[[]segment]
	spent     int
	budget    int
	// scratch holds the names of the #Fields line being read.
	scratch [][]byte
	err     error
}

var _ parser.Reader = (*Reader)(nil)

// segment says that records numbered first and above were read under
// fields, up to the next segment.
type segment struct {
	first  int64
	fields *Fields
}

// NewReader returns a Reader reading r.
func NewReader(r io.Reader, opt Options) *Reader {
	sep := opt.Separator
	if sep == 0 {
		sep = '\t'
	}
	budget := opt.MaxFieldListBytes
	if budget <= 0 {
		budget = DefaultMaxFieldListBytes
	}
	rd := &Reader{
		lines:   parser.NewLineReader(r, parser.LineOptions{MaxLineBytes: opt.MaxLineBytes}),
		sep:     sep,
		sepName: separatorName(sep),
		budget:  budget,
		missing: "no field list: the line comes before any #Fields line and Options.Fields is empty; " +
			"for a log written without directives (such as a CloudFront real-time log) set Options.Fields to its configured field list",
	}
	if len(opt.Fields) > 0 {
		rd.current = NewFields(opt.Fields...)
	}
	return rd
}

// Next returns the next data line. See parser.Reader for the errors.
func (r *Reader) Next() (parser.Record, error) {
	for r.err == nil {
		rec, err := r.lines.Next()
		if err != nil {
			re, ok := parser.AsRecordError(err)
			if !ok {
				r.err = err
				break
			}
			if mayBeFieldsDirective(re.Raw) {
				// The lines after it cannot be read without it.
				r.current = nil
				r.missing = fmt.Sprintf("no field list: the #Fields line on line %d could not be read (%s)", re.Line, re.Reason)
			}
			r.number++
			re.Number = r.number
			return parser.Record{}, re
		}
		if bytes.HasPrefix(rec.Data, bom) {
			// Files that each start with a byte order mark, concatenated.
			rec.Data, rec.Offset = rec.Data[len(bom):], rec.Offset+int64(len(bom))
			if isBlank(rec.Data) {
				continue
			}
		}
		if rec.Data[0] == '#' {
			r.directive(rec)
			continue
		}
		r.number++
		rec.Number = r.number
		f := r.current
		if f == nil {
			return parser.Record{}, r.recordError(rec, r.missing)
		}
		if n := bytes.Count(rec.Data, []byte{r.sep}) + 1; n != f.Len() && !trailingEmpty(rec.Data, r.sep, n-f.Len()) {
			return parser.Record{}, r.recordError(rec, fmt.Sprintf("line has %d %s fields, %s names %d", n, r.sepName, f.source(), f.Len()))
		}
		if err := r.use(rec, f); err != nil {
			r.err = err
			break
		}
		return rec, nil
	}
	return parser.Record{}, r.err
}

// Fields returns the field list that names the fields of rec, a record
// that Next returned: the list in effect where rec was read, even when
// Next has since read past later #Fields directives. It is safe to call
// from any goroutine at any time, and costs no more than a binary search
// over the changes of the list (nothing when it never changed). Asked
// about a record it did not return (a RecordError's number, or any other),
// it answers for the last record returned before it, or nil.
func (r *Reader) Fields(rec parser.Record) *Fields {
	p := r.published.Load()
	if p == nil {
		return nil
	}
	segs := *p
	if n := len(segs); n > 0 && rec.Number >= segs[n-1].first {
		return segs[n-1].fields // the common case: one list per object
	}
	// The last segment starting at or before the record.
	lo, hi := 0, len(segs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if segs[mid].first <= rec.Number {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return nil
	}
	return segs[lo-1].fields
}

// Split splits a data line on the reader's separator; see the package
// function Split. It is safe to call from any goroutine.
func (r *Reader) Split(line []byte, dst [][]byte) [][]byte {
	return Split(line, r.sep, dst)
}

// use records that rec, about to be returned, was read under f.
func (r *Reader) use(rec parser.Record, f *Fields) error {
	if n := len(r.segs); n > 0 && r.segs[n-1].fields == f {
		return nil
	}
	r.spent += segmentBytes + f.size
	if r.spent > r.budget {
		return fmt.Errorf("w3c: line %d: the field lists of this object take more than %d bytes (Options.MaxFieldListBytes) after %d changes; an object that changes its #Fields this often cannot be read with bounded memory",
			rec.Line, r.budget, len(r.segs))
	}
	r.segs = append(r.segs, segment{first: rec.Number, fields: f})
	segs := r.segs
	r.published.Store(&segs)
	return nil
}

// directive handles a line starting with '#'.
func (r *Reader) directive(rec parser.Record) {
	if !isFieldsDirective(rec.Data) {
		return
	}
	r.scratch = parser.SplitFields(rec.Data[len(fieldsDirective):], r.scratch)
	if len(r.scratch) == 0 {
		r.current = nil
		r.missing = fmt.Sprintf("no field list: the #Fields line on line %d names no fields", rec.Line)
		return
	}
	if r.current != nil && r.current.equal(r.scratch) {
		// A repeated directive, where delivered files were concatenated.
		return
	}
	names := make([]string, len(r.scratch))
	for i, n := range r.scratch {
		names[i] = string(n)
	}
	r.current = newFields(names, rec.Line)
}

func (r *Reader) recordError(rec parser.Record, reason string) *parser.RecordError {
	return &parser.RecordError{
		Number: rec.Number,
		Line:   rec.Line,
		Offset: rec.Offset,
		Reason: reason,
		Raw:    bytes.Clone(rec.Data),
	}
}

const fieldsDirective = "#Fields:"

var bom = []byte("\xef\xbb\xbf")

// isBlank reports a line of spaces and tabs, which parser.LineReader
// skips.
func isBlank(b []byte) bool {
	return len(bytes.Trim(b, " \t\r")) == 0
}

// isFieldsDirective reports a "#Fields:" line, in any letter case.
func isFieldsDirective(line []byte) bool {
	return len(line) >= len(fieldsDirective) && bytes.EqualFold(line[:len(fieldsDirective)], []byte(fieldsDirective))
}

// mayBeFieldsDirective reports whether the first bytes of a line that
// could not be read are, or may be, those of a "#Fields:" line, after a
// byte order mark.
func mayBeFieldsDirective(raw []byte) bool {
	if n := min(len(raw), len(bom)); bytes.Equal(raw[:n], bom[:n]) {
		raw = raw[n:]
	}
	n := min(len(raw), len(fieldsDirective))
	return bytes.EqualFold(raw[:n], []byte(fieldsDirective[:n]))
}

// trailingEmpty reports whether line ends with extra separators: the empty
// fields beyond the list that a trailing separator leaves.
func trailingEmpty(line []byte, sep byte, extra int) bool {
	if extra <= 0 || extra > len(line) {
		return false
	}
	for _, c := range line[len(line)-extra:] {
		if c != sep {
			return false
		}
	}
	return true
}

func separatorName(sep byte) string {
	switch sep {
	case '\t':
		return "tab-separated"
	case ' ':
		return "space-separated"
	case ',':
		return "comma-separated"
	}
	return strconv.QuoteRune(rune(sep)) + "-separated"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
