package multiline

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/siem-go/siem/parser"
)

// DefaultMaxRecordBytes is the largest record a Reader delivers when
// Options.MaxRecordBytes is 0.
const DefaultMaxRecordBytes = parser.DefaultMaxLineBytes

// Options configures a Reader. Exactly one of Start and Continue is set.
type Options struct {
	// Start matches the first line of a record, such as
	// `^\d{4}-\d{2}-\d{2} ` for PostgreSQL or `^# User@Host: ` for the
	// MySQL slow query log. Lines that do not match it continue the
	// record before them.
	Start *regexp.Regexp
	// Lead, with Start, matches a line that opens a record ahead of its
	// Start line, such as the MySQL slow query log's "# Time:" line, which
	// precedes "# User@Host:" when the time has changed since the previous
	// entry. A Lead line always opens a record, and a Start line right
	// after it (blank lines aside) joins that record instead of opening
	// another.
	Lead *regexp.Regexp
	// Continue matches a line that continues the record before it, such
	// as `^\s` for the indented lines of a stack trace. Every other line
	// opens a record.
	Continue *regexp.Regexp
	// MaxRecordBytes bounds a record's length, counting the "\n" between
	// its lines. A longer record is a *parser.RecordError holding its
	// first MaxRecordBytes bytes. 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
	// MaxLines bounds the number of lines in a record, blank ones inside
	// it included. A record with more is a *parser.RecordError holding its
	// first MaxRecordBytes bytes. 0 means no bound other than
	// MaxRecordBytes.
	MaxLines int
}

// Reader groups the lines of a stream into records of one or more lines.
// It is a parser.Reader. See the package documentation for how lines are
// grouped.
//
// Record.Data holds the record's lines joined by "\n", without the last
// line's terminator; Line and Offset are those of its first line.
// Record.Data is valid until the next call to Next.
type Reader struct {
	lines     *parser.LineReader
	start     *regexp.Regexp
	lead      *regexp.Regexp
	cont      *regexp.Regexp
	max       int
	maxLines  int
	tooLong   string // the record's reason when it is over max
	lineLimit string // LineReader's reason for a line over max
	// pending is the line read ahead, which opens the next record; it
	// points into the LineReader's buffer, valid until its next Next.
	pending    line
	hasPending bool
	// started is set once a Start (or Lead) line was seen: until then each
	// line is a record of its own.
	started bool
	buf     []byte
	number  int64
	err     error
}

var _ parser.Reader = (*Reader)(nil)

// line is one line of the stream, or one the LineReader could not deliver
// (reason set, data holding its first bytes).
type line struct {
	data   []byte
	number int64
	offset int64
	reason string
	kind   kind
}

// kind is what a line's patterns say of it.
type kind uint8

const (
	other kind = iota // matches no pattern
	start             // matches Options.Start (and not Lead)
	lead              // matches Options.Lead
	cont              // matches Options.Continue
)

// NewReader returns a Reader reading r. It fails when opt sets neither or
// both of Start and Continue, or Lead without Start.
func NewReader(r io.Reader, opt Options) (*Reader, error) {
	switch {
	case opt.Start == nil && opt.Continue == nil:
		return nil, errors.New("multiline: Options.Start or Options.Continue must be set to tell where records begin")
	case opt.Start != nil && opt.Continue != nil:
		return nil, errors.New("multiline: set Options.Start or Options.Continue, not both")
	case opt.Lead != nil && opt.Start == nil:
		return nil, errors.New("multiline: Options.Lead needs Options.Start")
	}
	limit := opt.MaxRecordBytes
	if limit <= 0 {
		limit = DefaultMaxRecordBytes
	}
	return &Reader{
		// A line over the limit makes its record over the limit too.
		lines:     parser.NewLineReader(r, parser.LineOptions{MaxLineBytes: limit}),
		start:     opt.Start,
		lead:      opt.Lead,
		cont:      opt.Continue,
		max:       limit,
		maxLines:  max(opt.MaxLines, 0),
		tooLong:   "record longer than " + strconv.Itoa(limit) + " bytes",
		lineLimit: fmt.Sprintf("line longer than %d bytes", limit),
	}, nil
}

// Next returns the next record. See parser.Reader for the errors.
func (r *Reader) Next() (parser.Record, error) {
	first, ok := r.read()
	if !ok {
		return parser.Record{}, r.err
	}
	r.number++
	if r.start != nil {
		if first.kind == other && !r.started {
			// Before the first start line every line is a record of its
			// own, complete as soon as it is read.
			if first.reason != "" {
				return parser.Record{}, r.recordError(first, r.lineReason(first.reason), first.data)
			}
			return parser.Record{Data: first.data, Number: r.number, Line: first.number, Offset: first.offset}, nil
		}
		r.started = true
	}
	// leadOnly says the record is a single Lead line so far, which a Start
	// line joins.
	leadOnly := first.kind == lead

	r.buf = append(r.buf[:0], first.data...)
	size := len(first.data) // the record's length, up to just beyond max
	reason := ""
	if first.reason != "" {
		reason = r.lineReason(first.reason)
	}
	last := first.number
	for {
		next, ok := r.read()
		if !ok {
			break
		}
		joins := next.kind == other || next.kind == start && leadOnly
		if r.cont != nil {
			joins = next.kind == cont
		}
		if !joins {
			r.pending, r.hasPending = next, true
			break
		}
		leadOnly = false
		// Blank lines inside the record, which the LineReader skips, are
		// kept as empty lines: line k of the record is line Line+k.
		newlines := int(next.number - last)
		if size <= r.max {
			size += newlines + len(next.data) // only compared with max
		}
		for range min(newlines, r.max-len(r.buf)) {
			r.buf = append(r.buf, '\n')
		}
		r.buf = append(r.buf, next.data[:min(len(next.data), max(r.max-len(r.buf), 0))]...)
		last = next.number
		switch {
		case reason != "":
		case next.reason != "":
			reason = r.lineReason(next.reason)
		case size > r.max:
			reason = r.tooLong
		case r.maxLines > 0 && last-first.number >= int64(r.maxLines):
			reason = "record longer than " + strconv.Itoa(r.maxLines) + " lines"
		}
	}
	if reason == "" && !r.hasPending && r.err != io.EOF {
		// The stream broke after this record's last complete line: more
		// of its lines may have followed.
		reason = "record cut off by a read error: " + r.err.Error()
	}
	if reason != "" {
		return parser.Record{}, r.recordError(first, reason, r.buf)
	}
	return parser.Record{Data: r.buf, Number: r.number, Line: first.number, Offset: first.offset}, nil
}

// read returns the line read ahead, or the next line of the stream,
// classified. It reports false at the end of the stream or when it broke,
// with r.err set.
func (r *Reader) read() (line, bool) {
	if r.hasPending {
		r.hasPending = false
		return r.pending, true
	}
	if r.err != nil {
		return line{}, false
	}
	rec, err := r.lines.Next()
	l := line{data: rec.Data, number: rec.Line, offset: rec.Offset}
	if err != nil {
		re, ok := parser.AsRecordError(err)
		if !ok {
			r.err = err
			return line{}, false
		}
		l = line{data: re.Raw, number: re.Line, offset: re.Offset, reason: re.Reason}
	}
	// Each line is matched once, whichever record it ends up in.
	switch {
	case r.cont != nil:
		if r.cont.Match(l.data) {
			l.kind = cont
		}
	case r.lead != nil && r.lead.Match(l.data):
		l.kind = lead
	case r.start.Match(l.data):
		l.kind = start
	}
	return l, true
}

// lineReason turns the reason the LineReader gave for a line into the
// record's.
func (r *Reader) lineReason(reason string) string {
	if reason == r.lineLimit {
		return r.tooLong
	}
	return reason
}

func (r *Reader) recordError(first line, reason string, raw []byte) *parser.RecordError {
	return &parser.RecordError{
		Number: r.number,
		Line:   first.number,
		Offset: first.offset,
		Reason: reason,
		Raw:    append([]byte(nil), raw[:min(len(raw), r.max)]...),
	}
}
