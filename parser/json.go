package parser

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
)

// DefaultMaxRecordBytes is the largest JSON record delivered when
// JSONOptions.MaxRecordBytes is 0.
const DefaultMaxRecordBytes = 16 << 20

// jsonReadBytes is the scanner's starting buffer and the most it holds
// beyond the record limit.
const jsonReadBytes = 128 << 10

// JSONOptions configures a JSONValueReader or a JSONRecordsReader.
type JSONOptions struct {
	// MaxRecordBytes bounds one record. A longer value is reported as a
	// *RecordError holding its first MaxRecordBytes bytes, and reading
	// continues after it. 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
}

// JSONValueReader frames a stream of JSON values: one per line (NDJSON), or
// written back to back with or without whitespace between them
// (`{"a":1}{"b":2}`, as Firehose delivers). Every top-level value, whatever
// its type, is a record. It is a Reader.
//
// The JSON readers find where values begin and end without decoding them:
// they track strings, escapes and nesting depth. A record is not validated
// (the log type parses it), so malformed JSON inside a value is the log
// type's to report, while bytes that cannot start a value are reported here
// as one *RecordError per run of them up to the end of their line; scanning
// starts afresh on the next line. A value still open at the end of the
// stream is a *RecordError too.
//
// Depth alone would let one cut-off value (a truncated NDJSON line, a
// partial write followed by the next one) swallow every value after it, so
// two signs that no valid JSON can show end a value early. Each is
// reported as a *RecordError holding the value's bytes up to the break,
// and scanning goes on from there:
//
//   - a raw line feed inside a string (JSON strings cannot hold control
//     characters): the value ends before it and scanning resumes on the
//     next line;
//   - inside a value, a '{' or '[' whose previous byte other than
//     whitespace is not '[', ',' or ':': the value ends at that byte
//     (so at the end of the previous line when the bracket starts a line)
//     and the bracket starts the next value.
//
// Pretty-printed, compact and concatenated valid JSON never shows either,
// whatever its size, so it is never split.
//
// Record.Line is the line on which the value starts, whatever the layout,
// and Record.Offset its byte offset. Record.Data points into the reader's
// buffer and is valid until the next call to Next. A UTF-8 byte order mark
// at the start of the stream is dropped.
type JSONValueReader struct {
	s jsonScanner
}

// NewJSONValueReader returns a JSONValueReader reading r.
func NewJSONValueReader(r io.Reader, opt JSONOptions) *JSONValueReader {
	j := &JSONValueReader{}
	j.s.init(r, opt)
	return j
}

// Next returns the next value. See Reader for the errors.
func (j *JSONValueReader) Next() (Record, error) {
	s := &j.s
	if s.fatal != nil {
		return Record{}, s.fatal
	}
	s.start()
	c, ok := s.skipSpace()
	if !ok {
		return Record{}, s.err
	}
	return s.value(c)
}

// JSONRecordsReader frames a stream whose records are the elements of
// arrays. It is a Reader. In each top-level value:
//
//   - an object holding key with an array value yields the array's elements,
//     one record each, streamed: only the current element is held in memory,
//     so a 1 GB CloudTrail file {"Records":[...]} is read in constant space.
//     Other keys of that object are skipped;
//   - an object without such a key is itself one record (for example bare
//     CloudTrail events, one per line);
//   - an array yields its elements;
//   - any other value is one record.
//
// Keys are compared byte for byte as written in the stream, without
// unescaping. Scanning, errors and the Record fields are as for
// JSONValueReader. A doubled comma between elements, or a missing one
// before a string, number or literal, loses no data and is let pass.
//
// A streamed array can be cut off too: an element breaks as described for
// JSONValueReader, or a '{' or '[' stands where only a comma or the end of
// the array or object may (a file cut after an element's '}' and followed
// by the next file). The broken element, or the cut itself, is reported as
// a *RecordError, and from there on the enclosing array and object can no
// longer be trusted: what follows is read as top-level values (so a next
// {"Records":[...]} file is streamed as usual, and the rest of the broken
// array yields its elements one top-level value each), and the commas and
// closing brackets left over from the abandoned array and object are
// skipped wherever they stand between top-level values.
type JSONRecordsReader struct {
	s     jsonScanner
	key   []byte
	state recordsState
	// inObject tells whether the array being streamed is a member of a
	// top-level object rather than the top-level value itself.
	inObject bool
	// resynced is set once a streamed array broke: the ',' ']' and '}'
	// it leaves behind are skipped between top-level values from then on.
	resynced bool
}

type recordsState int

const (
	betweenValues recordsState = iota
	inArray
	afterArray
)

// NewJSONRecordsReader returns a JSONRecordsReader reading r that streams
// the array under key.
func NewJSONRecordsReader(r io.Reader, key string, opt JSONOptions) *JSONRecordsReader {
	j := &JSONRecordsReader{key: []byte(key)}
	j.s.init(r, opt)
	return j
}

// Next returns the next record. See Reader for the errors.
func (j *JSONRecordsReader) Next() (Record, error) {
	s := &j.s
	s.start()
	for {
		if s.fatal != nil {
			return Record{}, s.fatal
		}
		switch j.state {
		case betweenValues:
			c, ok := s.skipSpace()
			if !ok {
				return Record{}, s.err
			}
			switch c {
			case '[':
				s.pos++
				j.state, j.inObject = inArray, false
			case '{':
				rec, streaming, err := j.object()
				if !streaming {
					return rec, err
				}
			case ',', ']', '}':
				if j.resynced {
					s.pos++
					continue
				}
				return s.value(c)
			default:
				return s.value(c)
			}
		case inArray:
			c, ok := s.skipSpace()
			if !ok {
				return j.unclosed()
			}
			switch c {
			case ',':
				s.pos++
			case ']':
				s.pos++
				if j.inObject {
					j.state = afterArray
				} else {
					j.state = betweenValues
				}
			default:
				if c == '{' || c == '[' {
					if prev, _ := s.before(s.pos); prev != '[' && prev != ',' {
						return j.cut(c, prev)
					}
				}
				rec, err := s.value(c)
				switch {
				case err != nil && s.broke:
					j.state, j.resynced = betweenValues, true
				case err != nil && s.atEnd():
					// The element's error already says the stream ended.
					j.state = betweenValues
				}
				return rec, err
			}
		case afterArray:
			if rec, err := j.afterArray(); err != nil {
				return rec, err
			}
		}
	}
}

// object walks the keys of the top-level object at s.pos. When it finds key
// with an array value it positions the scanner on the array's first element
// and reports streaming; otherwise it returns the whole object as one
// record.
func (j *JSONRecordsReader) object() (rec Record, streaming bool, err error) {
	s := &j.s
	s.begin()
	s.pos++
	for {
		c, ok := s.skipSpace()
		switch {
		case !ok:
			rec, err = s.finish(false)
			return rec, false, err
		case c == '}':
			s.pos++
			rec, err = s.finish(true)
			return rec, false, err
		case c == ',':
			s.pos++
			continue
		case c != '"':
			// Not an object this walk understands: find its end by depth
			// alone and let the log type's parser say what is wrong.
			rec, err = s.finish(s.skipNested(1))
			return rec, false, err
		}
		isKey, ok := j.member()
		if !ok {
			rec, err = s.finish(false)
			return rec, false, err
		}
		if isKey {
			// The object is a container, not a record: its other keys are
			// not kept.
			s.drop()
			j.state, j.inObject = inArray, true
			return Record{}, true, nil
		}
		c, ok = s.skipSpace()
		switch {
		case !ok:
			rec, err = s.finish(false)
			return rec, false, err
		case c == '}' || c == ',' || c == ']':
			// A member without a value.
			rec, err = s.finish(s.skipNested(1))
			return rec, false, err
		}
		if !s.skipMember(c) {
			rec, err = s.finish(false)
			return rec, false, err
		}
	}
}

// member reads `"name" :` at s.pos. isKey reports that name is j.key and
// its value is an array, in which case the scanner is past the '['.
// Otherwise the scanner is on the value's first byte, or on whatever stands
// where the colon should be. ok is false at the end of the stream.
func (j *JSONRecordsReader) member() (isKey, ok bool) {
	s := &j.s
	match := s.peekString(j.key)
	s.pos++
	if !s.skipString() {
		return false, false
	}
	c, ok := s.skipSpace()
	if !ok {
		return false, false
	}
	if c != ':' {
		return false, true
	}
	s.pos++
	c, ok = s.skipSpace()
	if !ok {
		return false, false
	}
	if match && c == '[' {
		s.pos++
		return true, true
	}
	return false, true
}

// afterArray skips the members after a streamed array up to the end of its
// object. It returns an error (a RecordError or the end of the stream) or
// nil once the object is closed or another array under key opens.
func (j *JSONRecordsReader) afterArray() (Record, error) {
	s := &j.s
	for {
		c, ok := s.skipSpace()
		if !ok {
			return j.unclosed()
		}
		switch c {
		case '}':
			s.pos++
			j.state = betweenValues
			return Record{}, nil
		case ',':
			s.pos++
			continue
		case '{', '[':
			prev, _ := s.before(s.pos)
			return j.cut(c, prev)
		case '"':
			isKey, ok := j.member()
			if !ok {
				return j.brokenOrUnclosed()
			}
			if isKey {
				j.state = inArray
				return Record{}, nil
			}
			c, ok = s.skipSpace()
			if !ok {
				return j.unclosed()
			}
			if c != '}' && c != ',' && c != ']' && c != ':' {
				if !s.skipMember(c) {
					return j.brokenOrUnclosed()
				}
				continue
			}
		}
		// Bytes no object member can hold: report them with the rest of
		// the object, which depth alone delimits.
		j.state = betweenValues
		s.begin()
		ended := s.skipNested(1)
		if !ended {
			rec, err := s.finish(false)
			j.resynced = j.resynced || s.broke
			return rec, err
		}
		return s.fail(fmt.Sprintf("malformed JSON after the %q array", j.key), s.pos)
	}
}

// unclosed reports the end of the stream inside a top-level array or
// object after its last complete element.
func (j *JSONRecordsReader) unclosed() (Record, error) {
	s := &j.s
	j.state = betweenValues
	if s.err != io.EOF {
		return Record{}, s.err
	}
	s.begin()
	return s.fail("unterminated JSON at end of stream: the "+j.container()+" is not closed; the data may be truncated", s.pos)
}

// brokenOrUnclosed reports a member after the streamed array that broke
// (see jsonScanner.breakAt) or was cut by the end of the stream. The
// members around the array are not records, so what a broken one held is
// not kept: the report is of the cut, at the byte where reading resumes.
func (j *JSONRecordsReader) brokenOrUnclosed() (Record, error) {
	s := &j.s
	seen, resume, broke := s.takeBreak()
	if !broke {
		return j.unclosed()
	}
	j.state, j.resynced = betweenValues, true
	s.begin()
	return s.fail("truncated JSON: the "+j.container()+" breaks off after the array: "+seen+"; the data may have been cut off, reading resumes "+resume, s.pos)
}

// cut reports a '{' or '[' (c, after prev) standing in a streamed array or
// its object where no value may: the array or object was cut off and c
// starts the next top-level value, which reading resumes with.
func (j *JSONRecordsReader) cut(c, prev byte) (Record, error) {
	s := &j.s
	j.state, j.resynced = betweenValues, true
	s.begin()
	return s.fail(fmt.Sprintf("truncated JSON: the %s breaks off where a %q follows %q; the data may have been cut off, reading resumes with the %q as a new value", j.container(), c, prev, c), s.pos)
}

func (j *JSONRecordsReader) container() string {
	if j.inObject {
		return fmt.Sprintf("object holding the %q array", j.key)
	}
	return "top-level array"
}

// jsonScanner is the buffer and byte scanner shared by the JSON readers.
//
// Positions are indexes into buf. Bytes before keep (or before pos when
// keep is -1) may be discarded whenever the buffer is refilled, so a caller
// that needs bytes again sets keep first.
type jsonScanner struct {
	r     io.Reader
	buf   []byte
	base  int64 // stream offset of buf[0]
	pos   int
	end   int
	keep  int
	max   int
	chunk int // the starting buffer size and read size
	limit int // largest buffer: max plus a chunk
	// err is io.EOF or the read error once no byte will come; fatal is a
	// read error that has been reported with the record it cut, returned
	// from every later call.
	err   error
	fatal error
	// Newlines in buf[:lineIdx] are counted in line, the 1-based line of
	// buf[lineIdx].
	lineIdx int
	line    int64
	number  int64
	// The current record, from keep.
	recLine int64
	recOff  int64
	// spilled is set when the current record outgrew the buffer; raw then
	// holds its first max bytes.
	spilled bool
	raw     []byte
	started bool
	// A break (see breakAt) found in the current record: what was seen,
	// where reading resumes (both for the reason), and the stream offset
	// the record's bytes end at. broke tells that the last record
	// reported was ended by one.
	breakSeen   string
	breakResume string
	breakEnd    int64
	broke       bool
	// Of the bytes discarded from the front of buf: the last one, and the
	// last one that is not whitespace with its stream offset, for looking
	// back past buf[0].
	lastByte    byte
	lastSolid   byte
	lastSolidAt int64
	// nl caches lineEnd: -1, or the index of a line feed (or end) with
	// none in buf[nlFrom:nl].
	nl     int
	nlFrom int
}

func (s *jsonScanner) init(r io.Reader, opt JSONOptions) {
	s.r = r
	s.max = opt.MaxRecordBytes
	if s.max <= 0 {
		s.max = DefaultMaxRecordBytes
	}
	s.chunk = jsonReadBytes
	s.limit = s.max + s.chunk
	s.keep = -1
	s.line = 1
	s.nl = -1
}

func (s *jsonScanner) start() {
	if s.started {
		return
	}
	s.started = true
	s.buf = make([]byte, s.chunk)
	for s.end < 3 && s.fill() {
	}
	if s.end >= 3 && string(s.buf[:3]) == "\xef\xbb\xbf" {
		s.pos = 3
	}
}

// atEnd reports that no byte is left to scan.
func (s *jsonScanner) atEnd() bool { return s.err != nil && s.pos == s.end }

// fill reads more of the stream, keeping the bytes from keep (or pos), and
// reports whether any byte was added.
func (s *jsonScanner) fill() bool {
	if s.err != nil {
		return false
	}
	s.nl = -1
	from := s.pos
	if s.keep >= 0 && s.keep < from {
		from = s.keep
	}
	if from > 0 && (s.end == len(s.buf) || from >= len(s.buf)/2) {
		s.discard(from)
	}
	if s.end == len(s.buf) && s.keep >= 0 && s.pos-s.keep > s.max {
		s.spill()
	}
	if s.end == len(s.buf) {
		// Up to the limit; past it only for bytes not yet scanned, which
		// only peekString asks for, never more than a key's length.
		size := min(2*len(s.buf), s.limit)
		if size <= len(s.buf) {
			size = 2 * len(s.buf)
		}
		grown := make([]byte, size)
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// discard drops buf[:n], counting its newlines first.
func (s *jsonScanner) discard(n int) {
	if s.lineIdx < n {
		s.line += int64(bytes.Count(s.buf[s.lineIdx:n], newline))
		s.lineIdx = n
	}
	if n > 0 {
		s.lastByte = s.buf[n-1]
		// Each discarded byte is looked at here at most once, so runs of
		// whitespace cost no more than reading them.
		for i := n - 1; i >= 0; i-- {
			if !jsonSpace[s.buf[i]] {
				s.lastSolid, s.lastSolidAt = s.buf[i], s.base+int64(i)
				break
			}
		}
	}
	copy(s.buf, s.buf[n:s.end])
	s.base += int64(n)
	s.pos -= n
	s.end -= n
	s.lineIdx -= n
	if s.keep >= 0 {
		s.keep -= n
	}
}

// spill gives up keeping the current record, which is over the limit: its
// first max bytes are saved for the RecordError and scanning goes on to
// its end without keeping anything.
func (s *jsonScanner) spill() {
	s.raw = append(s.raw[:0], s.buf[s.keep:s.keep+s.max]...)
	s.spilled = true
	s.keep = -1
	s.discard(s.pos)
}

var newline = []byte{'\n'}

// lineAt returns the line of buf[i]; i never goes backwards.
func (s *jsonScanner) lineAt(i int) int64 {
	if i <= s.lineIdx {
		return s.line
	}
	from := s.lineIdx
	s.lineIdx = i
	if s.nl >= 0 && from <= s.nlFrom && s.nlFrom <= i {
		// lineEnd has already searched most of the way: one line feed
		// (an NDJSON line's) or none (a file written as one line), so
		// only the bytes around that search are counted.
		s.line += int64(bytes.Count(s.buf[from:s.nlFrom], newline))
		if s.nl >= i {
			return s.line
		}
		s.line++
		from = s.nl + 1
	}
	s.line += int64(bytes.Count(s.buf[from:i], newline))
	return s.line
}

// begin starts a record (or a run of bad bytes) at pos.
func (s *jsonScanner) begin() {
	s.keep = s.pos
	s.recLine = s.lineAt(s.pos)
	s.recOff = s.base + int64(s.pos)
	s.spilled = false
	s.broke = false
}

// drop abandons the current record without reporting it.
func (s *jsonScanner) drop() {
	s.keep = -1
	s.spilled = false
}

// finish ends the record begun at keep. ended is false when the stream
// ended (or broke) inside it.
func (s *jsonScanner) finish(ended bool) (Record, error) {
	if !ended {
		if seen, resume, broke := s.takeBreak(); broke {
			// Cut to the limit like any record, but named for the break,
			// which says more about it than its length.
			s.broke = true
			return s.failAt("truncated JSON value: "+seen+"; the value was probably cut off, reading resumes "+resume, s.breakEnd)
		}
		if s.err == io.EOF {
			return s.fail("unterminated JSON value at end of stream", s.pos)
		}
		s.fatal = s.err
		return s.fail("record cut off by a read error: "+s.err.Error(), s.pos)
	}
	if s.spilled || s.pos-s.keep > s.max {
		return s.fail(fmt.Sprintf("JSON value longer than %d bytes", s.max), s.pos)
	}
	s.number++
	rec := Record{Data: s.buf[s.keep:s.pos:s.pos], Number: s.number, Line: s.recLine, Offset: s.recOff}
	s.keep = -1
	return rec, nil
}

// fail reports the record begun at keep, whose bytes end at buf[end], as a
// RecordError.
func (s *jsonScanner) fail(reason string, end int) (Record, error) {
	return s.failAt(reason, s.base+int64(end))
}

// failAt is fail with the end given as a stream offset, which may lie in
// bytes already discarded when the record spilled.
func (s *jsonScanner) failAt(reason string, end int64) (Record, error) {
	n := int(max(0, min(end-s.recOff, int64(s.max))))
	var raw []byte
	if s.spilled {
		raw = s.raw[:min(n, len(s.raw))]
		s.raw = nil
	} else {
		raw = append([]byte(nil), s.buf[s.keep:s.keep+n]...)
	}
	s.number++
	s.drop()
	return Record{}, &RecordError{Number: s.number, Line: s.recLine, Offset: s.recOff, Reason: reason, Raw: raw}
}

// takeBreak returns and clears the break found since the last call.
func (s *jsonScanner) takeBreak() (seen, resume string, broke bool) {
	seen, resume = s.breakSeen, s.breakResume
	s.breakSeen, s.breakResume = "", ""
	return seen, resume, seen != ""
}

// breakAt records that the value being scanned cannot be valid JSON and
// ends early, having seen what seen says: its bytes end at stream offset
// end, and scanning resumes at buf[at], which resume describes. It returns
// false, as the scanning functions do when a value does not end normally;
// finish then reports the break.
func (s *jsonScanner) breakAt(seen, resume string, end int64, at int) bool {
	s.breakSeen, s.breakResume = seen, resume
	s.breakEnd = end
	s.pos = at
	return false
}

// breakInString ends the value before the raw line feed at buf[nl], which
// a string holds, and resumes on the next line.
func (s *jsonScanner) breakInString(nl int) bool {
	end := s.base + int64(nl)
	prev := s.lastByte
	if nl > 0 {
		prev = s.buf[nl-1]
	}
	if prev == '\r' {
		end--
	}
	return s.breakAt("a string is still open at the end of its line (JSON strings cannot hold a line break)", "on the next line", end, nl+1)
}

// breakAtBracket ends the value before the '{' or '[' at buf[i], which
// cannot belong to it, and resumes with the bracket as a new value.
func (s *jsonScanner) breakAtBracket(i int) bool {
	c := s.buf[i]
	prev, at := s.before(i)
	return s.breakAt(fmt.Sprintf("a %q cannot follow %q in JSON", c, prev), fmt.Sprintf("with the %q as a new value", c), at+1, i)
}

// before returns the last byte before buf[i] that is not whitespace and
// its stream offset.
func (s *jsonScanner) before(i int) (byte, int64) {
	for j := i - 1; j >= 0; j-- {
		if c := s.buf[j]; !jsonSpace[c] {
			return c, s.base + int64(j)
		}
	}
	return s.lastSolid, s.lastSolidAt
}

// mayOpen reports whether the '{' or '[' at buf[i], inside a value, may
// stand there in valid JSON: only as an array element or a member's value.
func (s *jsonScanner) mayOpen(i int) bool {
	if i > 0 && precedesValue[s.buf[i-1]] {
		return true
	}
	prev, _ := s.before(i)
	return precedesValue[prev]
}

// value frames the value starting with c at pos.
func (s *jsonScanner) value(c byte) (Record, error) {
	s.begin()
	switch {
	case c == '{' || c == '[':
		s.pos++
		return s.finish(s.skipNested(1))
	case c == '"':
		s.pos++
		return s.finish(s.skipString())
	case scalarStart[c]:
		if !s.skipScalar() {
			return s.finish(false)
		}
		if s.spilled || s.pos-s.keep > s.max || validScalar(s.buf[s.keep:s.pos]) {
			// An over-long run is reported as such, valid or not, so the
			// outcome does not depend on where the buffer was cut.
			return s.finish(true)
		}
		return s.garbage("not JSON: invalid literal")
	}
	return s.garbage(fmt.Sprintf("not JSON: unexpected %q", c))
}

// garbage reports the bytes from keep to the end of their line.
func (s *jsonScanner) garbage(reason string) (Record, error) {
	for {
		if i := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); i >= 0 {
			nl := s.pos + i
			s.pos = nl + 1
			end := nl
			if s.keep >= 0 && end > s.keep && s.buf[end-1] == '\r' {
				end--
			}
			return s.fail(reason, end)
		}
		s.pos = s.end
		if !s.fill() {
			break
		}
	}
	if s.err != io.EOF {
		s.fatal = s.err
	}
	return s.fail(reason, s.pos)
}

// skipSpace moves pos to the next byte that is not JSON whitespace and
// returns it; ok is false at the end of the stream.
func (s *jsonScanner) skipSpace() (c byte, ok bool) {
	for {
		for s.pos < s.end {
			c = s.buf[s.pos]
			if !jsonSpace[c] {
				return c, true
			}
			s.pos++
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// skipNested moves pos past the bracket that closes the depth containers
// open at pos (pos being outside any string). It reports false when the
// stream ends first or the value breaks (see breakAt). Bracket kinds are
// not matched against each other.
func (s *jsonScanner) skipNested(depth int) bool {
	for {
		buf := s.buf[:s.end]
		for i := s.pos; i < len(buf); i++ {
			switch structural[buf[i]] {
			case 0:
				continue
			case quote:
				nl := s.lineEnd(i + 1)
				end, closed := stringEnd(buf[:nl], i+1)
				if !closed {
					if nl < len(buf) {
						return s.breakInString(nl)
					}
					s.pos = end
					if !s.fill() || !s.skipString() {
						return false
					}
					buf = s.buf[:s.end]
					end = s.pos
				}
				i = end - 1
			case opening:
				if !s.mayOpen(i) {
					return s.breakAtBracket(i)
				}
				depth++
			case closing:
				depth--
				if depth == 0 {
					s.pos = i + 1
					return true
				}
			}
		}
		s.pos = len(buf)
		if !s.fill() {
			return false
		}
	}
}

const (
	quote = 1 + iota
	opening
	closing
)

var structural = [256]uint8{'"': quote, '{': opening, '[': opening, '}': closing, ']': closing}

var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// precedesValue holds the bytes after which a value may start inside an
// array or object.
var precedesValue = [256]bool{'[': true, ',': true, ':': true}

// skipString moves pos from inside a string past its closing quote. It
// reports false when the stream ends first or the string breaks at a line
// feed (see breakInString).
func (s *jsonScanner) skipString() bool {
	for {
		nl := s.lineEnd(s.pos)
		end, closed := stringEnd(s.buf[:nl], s.pos)
		if closed {
			s.pos = end
			return true
		}
		if nl < s.end {
			return s.breakInString(nl)
		}
		s.pos = end
		if !s.fill() {
			return false
		}
	}
}

// lineEnd returns the index of the first line feed in buf at or after i,
// or end when there is none. Strings are scanned only up to it: a string
// that reaches it is broken. The answer is kept until the scan passes it
// or the buffer changes, so each byte is searched once, whether a line
// holds one long string or many short ones.
func (s *jsonScanner) lineEnd(i int) int {
	if s.nl < i {
		s.findLineEnd(i)
	}
	return s.nl
}

func (s *jsonScanner) findLineEnd(i int) {
	s.nlFrom, s.nl = i, s.end
	if k := bytes.IndexByte(s.buf[i:s.end], '\n'); k >= 0 {
		s.nl = i + k
	}
}

// stringEnd scans b from p, which is inside a string and not right after a
// backslash. It returns the index just past the closing quote and true, or,
// when b ends first, the index to resume from once more bytes are in (a
// trailing backslash is kept for then) and false.
//
// Most strings in logs are short, so the first bytes are looked at eight at
// a time with word arithmetic; past those, the next quote and the next
// backslash are each found with a vectorised IndexByte and remembered until
// passed, so no run of escapes makes the scan quadratic.
func stringEnd(b []byte, p int) (int, bool) {
	for stop := min(len(b), p+64); p+8 <= stop; {
		m := quoteOrBackslash(binary.LittleEndian.Uint64(b[p:]))
		if m == 0 {
			p += 8
			continue
		}
		i := p + bits.TrailingZeros64(m)>>3
		if b[i] == '"' {
			return i + 1, true
		}
		if i+1 == len(b) {
			return i, false
		}
		p = i + 2 // the backslash and the byte it escapes
	}
	q, e := -1, -1
	for {
		if q < p {
			q = bytes.IndexByte(b[p:], '"')
			if q < 0 {
				q = len(b)
			} else {
				q += p
			}
		}
		if e < p {
			e = bytes.IndexByte(b[p:q], '\\')
			if e < 0 {
				e = q
			} else {
				e += p
			}
		}
		if e < q {
			if e+1 == len(b) {
				return e, false
			}
			p = e + 2
			continue
		}
		if q < len(b) {
			return q + 1, true
		}
		return len(b), false
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// quoteOrBackslash returns a word whose lowest set bit is the high bit of
// the first byte of x (in memory order) that is '"' or '\\', or 0 when none
// is. Bits above the lowest may be spurious.
func quoteOrBackslash(x uint64) uint64 {
	q := x ^ (ones * '"')
	e := x ^ (ones * '\\')
	return ((q-ones)&^q | (e-ones)&^e) & highs
}

// skipScalar moves pos past a number or literal. It reports false only when
// a read error cuts it; the end of the stream ends it.
func (s *jsonScanner) skipScalar() bool {
	for {
		for s.pos < s.end && scalarByte[s.buf[s.pos]] {
			s.pos++
		}
		if s.pos < s.end {
			return true
		}
		if !s.fill() {
			return s.err == io.EOF
		}
	}
}

// skipMember moves pos past an object member's value starting with c,
// without judging it.
func (s *jsonScanner) skipMember(c byte) bool {
	switch c {
	case '{', '[':
		if !s.mayOpen(s.pos) {
			return s.breakAtBracket(s.pos)
		}
		s.pos++
		return s.skipNested(1)
	case '"':
		s.pos++
		return s.skipString()
	}
	if scalarByte[c] {
		return s.skipScalar()
	}
	// Anything else is consumed alone; the walk then meets the next
	// separator or reports the object by depth.
	s.pos++
	return true
}

// peekString reports whether the string starting at pos (on its opening
// quote) is exactly want, looking at no more than len(want)+2 bytes.
func (s *jsonScanner) peekString(want []byte) bool {
	n := len(want) + 2
	for s.end-s.pos < n && s.fill() {
	}
	if s.end-s.pos < n {
		return false
	}
	b := s.buf[s.pos : s.pos+n]
	return b[n-1] == '"' && bytes.Equal(b[1:n-1], want)
}

var scalarStart, scalarByte [256]bool

func init() {
	for _, c := range []byte("-0123456789tfn") {
		scalarStart[c] = true
	}
	for c := 0; c < 256; c++ {
		scalarByte[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.'
	}
}

// validScalar checks a JSON number or literal.
func validScalar(b []byte) bool {
	switch string(b) {
	case "true", "false", "null":
		return true
	}
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}
