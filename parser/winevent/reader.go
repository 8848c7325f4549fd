package winevent

import (
	"bytes"
	"fmt"
	"io"

	"github.com/siem-go/siem/parser"
)

// readBytes is the reader's starting buffer and read size, and the most it
// holds beyond MaxEventBytes.
const readBytes = 64 << 10

// lookBytes is the most the reader looks ahead of pos: enough to describe
// unexpected bytes in an error.
const lookBytes = 80

var (
	endPI      = []byte("?>")
	endComment = []byte("-->")
	endCDATA   = []byte("]]>")
)

// Reader frames a stream holding Windows events back to back into records,
// one per <Event> element. It is a parser.Reader.
//
// The events may be wrapped in <Events>...</Events> (a wevtutil export) and
// separated by whitespace, UTF-8 byte order marks, XML declarations and
// other processing instructions, and comments; none of these are records.
// Every other byte between events is reported as a *parser.RecordError
// (one per run of such bytes, up to the next <Event>).
//
// Record.Data holds exactly the bytes of the element, from "<Event" to the
// end of "</Event>" (or of "<Event .../>"), so that it can be kept as the
// original event and given to Parse again; it points into the reader's
// buffer and is valid until the next call to Next. Record.Line is the line
// the element starts on and Record.Offset its byte offset in the stream.
//
// Unless Options.FrameOnly is set, every record is parsed as Parse does,
// and one that fails is reported as a *parser.RecordError with Parse's
// reason and the element's bytes; Event returns the parsed event of a
// record, saving a second parse. See the package documentation for how
// the end of an event is found and what is recoverable.
type Reader struct {
	src    io.Reader
	opt    Options
	parser Parser
	ev     Event
	parsed bool

	buf  []byte
	base int64 // stream offset of buf[0]
	pos  int
	end  int
	// keep is the index of the first byte of the span being read (an
	// event, or bytes skipped or reported between events), -1 when none
	// needs keeping: the bytes before it or pos may then be discarded.
	keep  int
	chunk int
	// err is io.EOF or the read error once no byte will come; fatal is
	// returned by every later call.
	err   error
	fatal error

	number int64
	// Line feeds in buf[:lineIdx] are counted in line, the 1-based line
	// of buf[lineIdx].
	line    int64
	lineIdx int

	// The span being read: its stream offset and line, and, once it
	// outgrew MaxEventBytes (spilled), its first MaxEventBytes in raw.
	spanOff  int64
	spanLine int64
	spilled  bool
	raw      []byte
}

// NewReader returns a Reader reading r with the limits of opt.
func NewReader(r io.Reader, opt Options) *Reader {
	return newReader(r, opt, readBytes)
}

func newReader(r io.Reader, opt Options, chunk int) *Reader {
	opt = opt.withDefaults()
	rd := &Reader{src: r, opt: opt, chunk: chunk, keep: -1, line: 1}
	rd.parser.opt = opt
	return rd
}

// Event returns the event parsed from the record the last call to Next
// returned, or nil when that call returned an error or the reader was
// made with Options.FrameOnly. The event is overwritten by the next call
// to Next (the strings in it stay valid).
func (r *Reader) Event() *Event {
	if !r.parsed {
		return nil
	}
	return &r.ev
}

type found uint8

const (
	atEnd found = iota
	atEvent
	atJunk
)

// Next returns the next event. See parser.Reader for the errors.
func (r *Reader) Next() (parser.Record, error) {
	r.parsed = false
	if r.fatal != nil {
		return parser.Record{}, r.fatal
	}
	if r.buf == nil {
		r.buf = make([]byte, r.chunk)
		r.ensure(2)
		if isUTF16(r.buf[r.pos:r.end]) {
			r.fatal = ErrUTF16
			return parser.Record{}, r.fatal
		}
	}
	switch k, what := r.skipBetween(); k {
	case atEvent:
		return r.event()
	case atJunk:
		return r.junk(what)
	}
	if r.err != io.EOF {
		r.fatal = r.err
	}
	return parser.Record{}, r.err
}

// skipBetween skips what may stand between events and stops at the start
// of an event or of bytes that are neither (a span then begins there; what
// describes them when known).
func (r *Reader) skipBetween() (found, string) {
	for {
		if r.pos == r.end && !r.more() {
			return atEnd, ""
		}
		c := r.buf[r.pos]
		if isSpace(c) {
			r.pos++
			continue
		}
		if c == bom[0] {
			r.ensure(len(bom))
			if bytes.HasPrefix(r.buf[r.pos:r.end], bom) {
				r.pos += len(bom)
				continue
			}
		}
		r.beginSpan()
		if c != '<' {
			return atJunk, ""
		}
		r.ensure(len("<![CDATA["))
		b, eof := r.buf[r.pos:r.end], r.err != nil
		switch {
		case tagStart(b, "<Event", eof):
			return atEvent, ""
		case bytes.HasPrefix(b, []byte("<?")):
			r.pos += 2
			if !r.skipPast(endPI) {
				return atJunk, "an unterminated processing instruction"
			}
		case bytes.HasPrefix(b, []byte("<!--")):
			r.pos += 4
			if !r.skipPast(endComment) {
				return atJunk, "an unterminated comment"
			}
		case tagStart(b, "<Events", eof):
			r.pos += len("<Events")
			if closed, _ := r.startTag(); !closed {
				return atJunk, "an unterminated <Events> tag"
			}
		case tagStart(b, "</Events", eof):
			r.pos += len("</Events")
			r.skipSpace()
			if r.pos == r.end || r.buf[r.pos] != '>' {
				return atJunk, "a malformed </Events> tag"
			}
			r.pos++
		default:
			return atJunk, ""
		}
		r.endSpan()
	}
}

// event reads the event whose "<Event" is at pos.
func (r *Reader) event() (parser.Record, error) {
	r.pos += len("<Event")
	closed, empty := r.startTag()
	switch {
	case empty:
		return r.complete()
	case !closed && r.pos == r.end:
		return parser.Record{}, r.unclosed()
	}
	// The content, up to "</Event>". Its markup is not parsed: a '<' in
	// well-formed XML starts a tag, which cannot hold another '<', or a
	// comment, CDATA section or processing instruction, which are skipped
	// whole; so only end tags named Event can end it.
	for {
		// Most tags can neither end the event, cut it nor hide markup:
		// those whose '<' is followed by none of '!', '?', 'E' and "/E".
		// They are skipped here without going through r, as long as the
		// buffer holds the lookahead below needs (so that it would read
		// nothing more); the cases below take the rest.
		buf, pos := r.buf[:r.end], r.pos
		for {
			k := bytes.IndexByte(buf[pos:], '<')
			if k < 0 || len(buf)-pos-k < len("<![CDATA[") {
				break
			}
			pos += k
			if c := buf[pos+1]; c == '!' || c == '?' || c == 'E' || c == '/' && buf[pos+2] == 'E' {
				break
			}
			pos++
		}
		r.pos = pos
		k := bytes.IndexByte(r.buf[r.pos:r.end], '<')
		if k < 0 {
			r.pos = r.end
			if !r.more() {
				return parser.Record{}, r.unclosed()
			}
			continue
		}
		r.pos += k
		r.ensure(len("<![CDATA["))
		b := r.buf[r.pos:r.end]
		// The byte after the '<' tells which case may be, so that most
		// tags cost no comparison of prefixes.
		var c byte
		if len(b) >= 2 {
			c = b[1]
		}
		ok := true
		switch {
		case c == '!' && bytes.HasPrefix(b, []byte("<!--")):
			r.pos += 4
			ok = r.skipPast(endComment)
		case c == '!' && bytes.HasPrefix(b, []byte("<![CDATA[")):
			r.pos += 9
			ok = r.skipPast(endCDATA)
		case c == '?':
			r.pos += 2
			ok = r.skipPast(endPI)
		case c == '/' && len(b) > 2 && b[2] == 'E' && tagStart(b, "</Event", r.err != nil):
			r.pos += len("</Event")
			// Up to its '>', or what stands where it should (for Parse
			// to report).
			for {
				if r.pos == r.end && !r.more() {
					return parser.Record{}, r.unclosed()
				}
				if c := r.buf[r.pos]; c == '>' {
					r.pos++
					break
				} else if c == '<' {
					break
				}
				r.pos++
			}
			return r.complete()
		case c == 'E' && tagStart(b, "<Event", r.err != nil):
			return parser.Record{}, r.recordError("event cut off: another <Event> starts before it is closed; the data may be truncated", r.pos)
		default:
			r.pos++
		}
		if !ok {
			return parser.Record{}, r.unclosed()
		}
	}
}

// complete delivers the event read up to pos.
func (r *Reader) complete() (parser.Record, error) {
	if r.spilled || r.base+int64(r.pos)-r.spanOff > int64(r.opt.MaxEventBytes) {
		return parser.Record{}, r.recordError(fmt.Sprintf("event longer than %d bytes", r.opt.MaxEventBytes), r.pos)
	}
	data := r.buf[r.keep:r.pos]
	if !r.opt.FrameOnly {
		if err := r.parser.Parse(data, &r.ev); err != nil {
			return parser.Record{}, r.recordError(err.Error(), r.pos)
		}
		r.parsed = true
	}
	r.number++
	rec := parser.Record{Data: data, Number: r.number, Line: r.spanLine, Offset: r.spanOff}
	r.endSpan() // the bytes stay in the buffer until the next call reads more
	return rec, nil
}

// unclosed reports the event cut off by the end of the stream.
func (r *Reader) unclosed() error {
	r.pos = r.end
	if r.err != io.EOF {
		return r.recordError("record cut off by a read error: "+r.err.Error(), r.pos)
	}
	return r.recordError("event not closed at the end of the data; it may be truncated", r.pos)
}

// junk reports the span at keep, which is not an event, up to the next
// "<Event" or the end of the stream; what describes it, or is "" for the
// span's first bytes to tell.
func (r *Reader) junk(what string) (parser.Record, error) {
	for {
		k := bytes.IndexByte(r.buf[r.pos:r.end], '<')
		if k < 0 {
			r.pos = r.end
			if !r.more() {
				break
			}
			continue
		}
		r.pos += k
		r.ensure(len("<Event "))
		// The span does not start with one: skipBetween saw to it.
		if tagStart(r.buf[r.pos:r.end], "<Event", r.err != nil) {
			break
		}
		r.pos++
	}
	if what == "" {
		// From the bytes the error keeps, so that it does not depend on
		// how much the buffer held.
		b := r.raw
		if !r.spilled {
			b = r.buf[r.keep:r.pos]
		} else if size := r.base + int64(r.pos) - r.spanOff; int64(len(b)) > size {
			b = b[:size] // see recordError
		}
		what, _ = describe(b[:min(len(b), lookBytes, r.opt.MaxEventBytes)])
	}
	if r.pos == r.end && r.err != nil && r.err != io.EOF {
		return parser.Record{}, r.recordError("record cut off by a read error: "+r.err.Error(), r.pos)
	}
	return parser.Record{}, r.recordError("not a Windows event: found "+what+" where an <Event> element should start", r.pos)
}

// recordError reports the span from keep (or raw) to end and ends it.
func (r *Reader) recordError(reason string, end int) *parser.RecordError {
	size := r.base + int64(end) - r.spanOff
	var raw []byte
	if r.spilled {
		raw = r.raw
	} else {
		raw = r.buf[r.keep:end]
	}
	// A span is spilled when the buffer past its start outgrows
	// MaxEventBytes, which lookahead can do before the span itself is that
	// long: raw may then hold bytes past its end.
	raw = raw[:min(int64(len(raw)), int64(r.opt.MaxEventBytes), size)]
	r.number++
	re := &parser.RecordError{
		Number: r.number,
		Line:   r.spanLine,
		Offset: r.spanOff,
		Reason: reason,
		Raw:    bytes.Clone(raw),
	}
	if int64(len(raw)) < size {
		re.Size = size
	}
	r.endSpan()
	return re
}

// beginSpan starts a span at pos.
func (r *Reader) beginSpan() {
	r.keep = r.pos
	r.spilled = false
	r.spanOff = r.base + int64(r.pos)
	r.line += int64(bytes.Count(r.buf[r.lineIdx:r.pos], []byte{'\n'}))
	r.lineIdx = r.pos
	r.spanLine = r.line
}

func (r *Reader) endSpan() {
	r.keep = -1
	r.spilled = false
}

// startTag reads the rest of a start tag up to its '>'. closed reports
// that it was found, empty that the tag ends with "/>". A '<' (which no
// tag holds) or the end of the stream stop it unclosed.
func (r *Reader) startTag() (closed, empty bool) {
	var quote, prev byte
	for {
		if r.pos == r.end && !r.more() {
			return false, false
		}
		// Over the buffered bytes, without going through r a byte.
		for i, c := range r.buf[r.pos:r.end] {
			switch {
			case c == '<':
				r.pos += i
				return false, false
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				r.pos += i + 1
				return true, prev == '/'
			}
			prev = c
		}
		r.pos = r.end
	}
}

func (r *Reader) skipSpace() {
	for (r.pos < r.end || r.more()) && isSpace(r.buf[r.pos]) {
		r.pos++
	}
}

// skipPast moves past the next term, or to the end of the stream.
func (r *Reader) skipPast(term []byte) bool {
	for {
		if k := bytes.Index(r.buf[r.pos:r.end], term); k >= 0 {
			r.pos += k + len(term)
			return true
		}
		r.pos = max(r.pos, r.end-len(term)+1)
		if !r.more() {
			r.pos = r.end
			return false
		}
	}
}

// ensure reads until n bytes follow pos or the stream ends.
func (r *Reader) ensure(n int) {
	if r.end-r.pos >= n {
		return // the usual case, inlined
	}
	for r.end-r.pos < n && r.more() {
	}
}

// more reads more of the stream, keeping the bytes from keep (or pos), and
// reports whether any byte was added. A span that outgrows MaxEventBytes
// is spilled: its first MaxEventBytes are copied to raw and the rest is no
// longer kept, so the buffer never exceeds MaxEventBytes plus a chunk.
func (r *Reader) more() bool {
	if r.err != nil {
		return false
	}
	from := r.pos
	if r.keep >= 0 && r.keep < from {
		from = r.keep
	}
	if from > 0 && (r.end == len(r.buf) || from >= len(r.buf)/2) {
		r.discard(from)
	}
	if r.end == len(r.buf) && r.keep >= 0 && r.end-r.keep > r.opt.MaxEventBytes {
		r.raw = append(r.raw[:0], r.buf[r.keep:r.keep+r.opt.MaxEventBytes]...)
		r.spilled = true
		r.keep = -1
		r.discard(r.pos)
	}
	if r.end == len(r.buf) {
		// Only a span within the limit, or the lookahead, fills it, and
		// both fit in the largest buffer.
		nb := make([]byte, min(2*len(r.buf), r.bufLimit()))
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	for range 100 {
		n, err := r.src.Read(r.buf[r.end:])
		r.end += n
		if err != nil {
			r.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	r.err = io.ErrNoProgress
	return false
}

// bufLimit is the largest the buffer grows: a span of MaxEventBytes (or
// the longest lookahead, lookBytes) plus a chunk to read into.
func (r *Reader) bufLimit() int {
	return max(r.opt.MaxEventBytes, lookBytes) + r.chunk
}

// discard drops buf[:from].
func (r *Reader) discard(from int) {
	if r.lineIdx < from {
		r.line += int64(bytes.Count(r.buf[r.lineIdx:from], []byte{'\n'}))
		r.lineIdx = from
	}
	copy(r.buf, r.buf[from:r.end])
	r.end -= from
	r.pos -= from
	r.lineIdx -= from
	if r.keep >= 0 {
		r.keep -= from
	}
	r.base += int64(from)
}
