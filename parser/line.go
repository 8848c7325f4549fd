package parser

import (
	"bufio"
	"fmt"
	"io"
)

// DefaultMaxLineBytes is the longest line a LineReader delivers when
// LineOptions.MaxLineBytes is 0.
const DefaultMaxLineBytes = 1 << 20

// lineBufferBytes is large enough that a read from a decompressor or a
// network body moves a useful amount of data, and small enough to give every
// object being read at once its own buffer.
const lineBufferBytes = 256 << 10

// LineOptions configures a LineReader.
type LineOptions struct {
	// MaxLineBytes bounds a line's length, without its terminator. A longer
	// line is reported as a *RecordError holding its first MaxLineBytes
	// bytes, and reading continues with the next line. 0 means
	// DefaultMaxLineBytes.
	MaxLineBytes int
	// SkipLines is how many leading lines (blank or not) are not records,
	// such as the "#Version" and "#Fields" lines of a CloudFront log.
	SkipLines int
}

// LineReader frames a stream into lines. It is a Reader.
//
// Lines end with "\n" or "\r\n", which are not part of Record.Data; the last
// line needs no terminator. Blank lines (empty, or only spaces, tabs and
// carriage returns) are not records: they get no Number but still count for Line. A UTF-8 byte
// order mark at the start of the stream is dropped.
//
// Record.Data points into the reader's buffer and is valid until the next
// call to Next.
type LineReader struct {
	br     *bufio.Reader
	max    int
	skip   int
	number int64
	line   int64
	offset int64
	// long assembles a line that does not fit in br's buffer.
	long    []byte
	err     error
	started bool
}

// NewLineReader returns a LineReader reading r.
func NewLineReader(r io.Reader, opt LineOptions) *LineReader {
	size := lineBufferBytes
	if opt.MaxLineBytes > 0 && opt.MaxLineBytes+2 < size {
		// Lines near the limit then fit the buffer and take the fast path.
		size = max(opt.MaxLineBytes+2, 4096)
	}
	if br, ok := r.(*bufio.Reader); ok && br.Size() >= size {
		// Reuse the caller's buffer (Decompress returns one) rather than
		// copying every byte through a second one.
		return newLineReader(br, opt)
	}
	return newLineReader(bufio.NewReaderSize(r, size), opt)
}

func newLineReader(br *bufio.Reader, opt LineOptions) *LineReader {
	maxLine := opt.MaxLineBytes
	if maxLine <= 0 {
		maxLine = DefaultMaxLineBytes
	}
	return &LineReader{br: br, max: maxLine, skip: max(opt.SkipLines, 0)}
}

// Next returns the next line. See Reader for the errors.
func (l *LineReader) Next() (Record, error) {
	if !l.started {
		l.started = true
		l.skipBOM()
	}
	for l.err == nil {
		start := l.offset
		frag, err := l.br.ReadSlice('\n')
		if err != nil {
			rec, ok, err := l.slowLine(frag, err, start)
			if ok || err != nil {
				return rec, err
			}
			continue
		}
		l.offset += int64(len(frag))
		l.line++
		data := frag[:len(frag)-1]
		if n := len(data); n > 0 && data[n-1] == '\r' {
			data = data[:n-1]
		}
		if l.skip > 0 {
			l.skip--
			continue
		}
		if isBlank(data) {
			continue
		}
		if len(data) > l.max {
			return Record{}, l.recordError(start, l.tooLongReason(), data)
		}
		l.number++
		return Record{Data: data, Number: l.number, Line: l.line, Offset: start}, nil
	}
	return Record{}, l.err
}

// slowLine finishes a line that ReadSlice could not return whole: one longer
// than the buffer, the last one of the stream, or one cut by a read error.
// ok reports a record; a nil error without ok means the line was skipped.
func (l *LineReader) slowLine(frag []byte, err error, start int64) (rec Record, ok bool, _ error) {
	total := len(frag)
	data := frag
	blank := isBlank(frag)
	if err == bufio.ErrBufferFull {
		// Keep up to two bytes past the limit: enough to tell a long line
		// from one that only looks long because of its "\r\n".
		l.long = append(l.long[:0], frag...)
		for err == bufio.ErrBufferFull {
			frag, err = l.br.ReadSlice('\n')
			total += len(frag)
			blank = blank && isBlank(frag)
			if keep := l.max + 2 - len(l.long); keep > 0 {
				l.long = append(l.long, frag[:min(keep, len(frag))]...)
			}
		}
		data = l.long
	}
	l.offset += int64(total)
	if err != nil {
		// The stream is over (io.EOF) or broken; either way this line is
		// the last one read.
		l.err = err
		if total == 0 {
			return Record{}, false, err
		}
	}
	l.line++
	if err == nil {
		total-- // "\n"
		data = data[:min(len(data), total)]
		if total > 0 && len(data) == total && data[total-1] == '\r' {
			total--
			data = data[:total]
		}
	} else if total > 0 && len(data) == total && data[total-1] == '\r' {
		total--
		data = data[:total]
	}
	if l.skip > 0 {
		l.skip--
		return Record{}, false, nil
	}
	if blank {
		return Record{}, false, nil
	}
	if err != nil && err != io.EOF {
		return Record{}, false, l.recordError(start, "record cut off by a read error: "+err.Error(), data)
	}
	if total > l.max {
		return Record{}, false, l.recordError(start, l.tooLongReason(), data)
	}
	l.number++
	return Record{Data: data, Number: l.number, Line: l.line, Offset: start}, true, nil
}

func (l *LineReader) tooLongReason() string {
	return fmt.Sprintf("line longer than %d bytes", l.max)
}

// recordError numbers a line that is not delivered and keeps a copy of its
// first bytes for the dead-letter sink.
func (l *LineReader) recordError(start int64, reason string, data []byte) *RecordError {
	l.number++
	return &RecordError{
		Number: l.number,
		Line:   l.line,
		Offset: start,
		Reason: reason,
		Raw:    append([]byte(nil), data[:min(len(data), l.max)]...),
	}
}

func (l *LineReader) skipBOM() {
	if b, _ := l.br.Peek(3); string(b) == "\xef\xbb\xbf" {
		n, _ := l.br.Discard(3)
		l.offset += int64(n)
	}
}

// isBlank reports a line holding only whitespace, which no log format uses
// as a record.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
