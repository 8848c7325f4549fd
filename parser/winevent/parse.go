package winevent

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// The limits used when an Options field is 0.
const (
	// DefaultMaxEventBytes bounds one event. Windows events are a few
	// kilobytes; the largest (a PowerShell script block, a 4662 with
	// many properties) stay well under it.
	DefaultMaxEventBytes = 1 << 20
	// DefaultMaxDepth bounds element nesting, counting <Event> as 1.
	// Windows writes at most 5 or 6 levels, in UserData.
	DefaultMaxDepth = 32
	// DefaultMaxAttrs bounds the attributes of one element. Windows
	// writes at most 7 (on <Execution>).
	DefaultMaxAttrs = 64
)

// Options sets the limits of a Parser or a Reader. The zero value means
// the defaults.
type Options struct {
	// MaxEventBytes bounds the bytes of one <Event> element. A longer
	// event is an error, and a Reader holds no more than this (plus one
	// read's worth of buffer) whatever the size of the payload.
	MaxEventBytes int
	// MaxDepth bounds the nesting of elements, <Event> counting as 1.
	MaxDepth int
	// MaxAttrs bounds the attributes of one element.
	MaxAttrs int
	// FrameOnly makes a Reader cut events out of the stream without
	// parsing them: Next is then several times faster but only reports
	// framing problems (an event cut off, too long, or bytes that are not
	// an event), and a record may not be well-formed. Use it when records
	// are parsed later, in parallel. Parsers ignore it.
	FrameOnly bool
}

func (o Options) withDefaults() Options {
	if o.MaxEventBytes <= 0 {
		o.MaxEventBytes = DefaultMaxEventBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxAttrs <= 0 {
		o.MaxAttrs = DefaultMaxAttrs
	}
	return o
}

// Error is what Parse returns for data that is not one well-formed
// Windows event within the limits.
type Error struct {
	// Offset is the byte offset in the parsed data at which the problem
	// was found, or -1 when it concerns the whole of it (too long).
	Offset int
	// Reason says what is wrong.
	Reason string
	// cause is a sentinel error the reason comes from, such as ErrUTF16.
	cause error
}

// Unwrap returns the sentinel error e stands for, if any.
func (e *Error) Unwrap() error { return e.cause }

func (e *Error) Error() string {
	if e.Offset < 0 {
		return e.Reason
	}
	return fmt.Sprintf("%s (at byte %d)", e.Reason, e.Offset)
}

// ErrUTF16 is returned for data that starts as UTF-16 text does. Windows
// writes event XML in UTF-16 when it is saved from PowerShell with ">" or
// Out-File without -Encoding utf8; it must be converted to UTF-8 first.
var ErrUTF16 = errors.New("the data is UTF-16 text, not UTF-8: convert it to UTF-8 first (in PowerShell, Out-File -Encoding utf8)")

// Parse parses data holding one <Event> element, with the default limits.
// See Parser.Parse.
func Parse(data []byte) (*Event, error) {
	var p Parser
	e := new(Event)
	if err := p.Parse(data, e); err != nil {
		return nil, err
	}
	return e, nil
}

// Parser parses events, reusing its working memory from one call to the
// next. The zero value parses with the default limits. A Parser is not safe
// for concurrent use; give each goroutine its own.
type Parser struct {
	opt Options
	br  bytes.Reader
	// stack holds the names of the open elements, the root first, for
	// encoding/xml; open holds the same for the byte scanner, as offsets
	// of the raw names in the data.
	stack []xml.Name
	open  []span
	// tag is the start tag being read, by either tokenizer; abuf holds
	// the attribute values that needed decoding (the others point into
	// the data), xbuf the bytes of an encoding/xml tag.
	tag  tag
	abuf []byte
	xbuf []byte
	// section is the part of the event (depth 2 element) being read.
	section section
	// keywords is set while the open depth 3 element is <Keywords>.
	keywords bool
	// capture is the depth of the element whose text is collected in
	// text (with that of its descendants), 0 when none; target says
	// where it goes when that element ends.
	capture int
	target  target
	text    []byte
	// For UserData: path holds the current element's path, segs[k] the
	// length of the path of its ancestor (or itself) k levels below
	// <UserData>, and leaf is set while the innermost element has no
	// child element.
	path []byte
	segs []int
	leaf bool
	// The strings of the event are kept in vals, each with a fix saying
	// where it goes, and made into strings at the end with a single
	// allocation, rather than one each (a 4624 event has about 70).
	vals  []byte
	fixes []fix
}

// NewParser returns a Parser with the limits of opt.
func NewParser(opt Options) *Parser {
	return &Parser{opt: opt.withDefaults()}
}

// span is a range of offsets.
type span struct{ start, end int }

// tag is a start tag as the event is read from it: its local name and its
// attributes, with their values decoded.
type tag struct {
	local []byte
	attrs []attribute
}

type attribute struct {
	space, local, value []byte
}

// attr returns the value of the attribute named local, without a prefix.
func (t *tag) attr(local string) []byte {
	for i := range t.attrs {
		if a := &t.attrs[i]; len(a.space) == 0 && string(a.local) == local {
			return a.value
		}
	}
	return nil
}

type section uint8

const (
	secOther section = iota
	secSystem
	secEventData
	secUserData
	secRendering
)

type target uint8

const (
	tNone target = iota
	tEventID
	tVersion
	tLevel
	tTask
	tOpcode
	tKeywords
	tRecordID
	tChannel
	tComputer
	tData
	tBinary
	tMessage
	tRLevel
	tRTask
	tROpcode
	tRChannel
	tRProvider
	tRKeyword
)

// slot names a string field of an Event, for a fix.
type slot uint8

const (
	sProviderName slot = iota
	sProviderGUID
	sEventSourceName
	sKeywords
	sSystemTime
	sActivityID
	sRelatedActivityID
	sChannel
	sComputer
	sUserID
	sBinary
	sCulture
	sMessage
	sRLevel
	sRTask
	sROpcode
	sRChannel
	sRProvider
	// The slots of slice elements, whose index is in the fix.
	sRKeyword
	sDataName
	sDataValue
	sUserPath
	sUserValue
)

// fix says that vals[start:end] is the string of slot (index telling
// which element of a slice).
type fix struct {
	slot       slot
	index      int
	start, end int
}

// keep stores b as the string of slot s (element i of its slice).
func (p *Parser) keep(s slot, i int, b []byte) {
	start := len(p.vals)
	p.vals = append(p.vals, b...)
	p.fixes = append(p.fixes, fix{slot: s, index: i, start: start, end: len(p.vals)})
}

// strings makes the strings kept in vals and sets them in e, in the order
// they were read, so that the last of an element repeated counts.
func (p *Parser) strings(e *Event) {
	if len(p.fixes) == 0 {
		return
	}
	all := string(p.vals)
	s, r := &e.System, &e.rendering
	for _, f := range p.fixes {
		v := all[f.start:f.end]
		switch f.slot {
		case sProviderName:
			s.Provider.Name = v
		case sProviderGUID:
			s.Provider.GUID = v
		case sEventSourceName:
			s.Provider.EventSourceName = v
		case sKeywords:
			s.Keywords = v
		case sSystemTime:
			s.SystemTime = v
		case sActivityID:
			s.Correlation.ActivityID = v
		case sRelatedActivityID:
			s.Correlation.RelatedActivityID = v
		case sChannel:
			s.Channel = v
		case sComputer:
			s.Computer = v
		case sUserID:
			s.Security.UserID = v
		case sBinary:
			e.EventData.Binary = v
		case sCulture:
			r.Culture = v
		case sMessage:
			r.Message = v
		case sRLevel:
			r.Level = v
		case sRTask:
			r.Task = v
		case sROpcode:
			r.Opcode = v
		case sRChannel:
			r.Channel = v
		case sRProvider:
			r.Provider = v
		case sRKeyword:
			e.keywords[f.index] = v
		case sDataName:
			e.data[f.index].Name = v
		case sDataValue:
			e.data[f.index].Value = v
		case sUserPath:
			e.user[f.index].Path = v
		case sUserValue:
			e.user[f.index].Value = v
		}
	}
	// The last TimeCreated's SystemTime counts; without one it is "",
	// which is not a time.
	s.TimeCreated, _ = parseTime(s.SystemTime)
}

// Parse parses data holding one <Event> element into e, overwriting it
// whole (the backing arrays of its slices included, so copy what must
// outlive the next call). Before and after the element data may hold
// whitespace, a UTF-8 byte order mark, comments and processing
// instructions such as an XML declaration; anything else is an error.
//
// The element must be well-formed XML within the limits of the Parser's
// Options, and its System numbers must be numbers; the error is then an
// *Error saying what was found instead. A TimeCreated that is not a valid
// time is not an error: see System.TimeCreated. On error e is left empty.
func (p *Parser) Parse(data []byte, e *Event) error {
	return p.parseWith(data, e, true)
}

// parseWith is Parse, trying the byte scanner first when fast is set
// (only tests unset it, to compare the two).
func (p *Parser) parseWith(data []byte, e *Event, fast bool) error {
	e.reset()
	err := p.parse(data, e, fast)
	if err != nil {
		e.reset()
		return err
	}
	p.strings(e)
	e.settle()
	return nil
}

// begin readies the Parser to read an event into e, which is empty.
func (p *Parser) begin() {
	p.section, p.keywords, p.capture, p.target, p.leaf = secOther, false, 0, tNone, false
	p.text = p.text[:0]
	p.vals, p.fixes = p.vals[:0], p.fixes[:0]
}

func (p *Parser) parse(data []byte, e *Event, fast bool) error {
	opt := p.opt.withDefaults()
	if len(data) > opt.MaxEventBytes {
		return &Error{Offset: -1, Reason: fmt.Sprintf("event longer than %d bytes (%d)", opt.MaxEventBytes, len(data))}
	}
	if isUTF16(data) {
		return &Error{Offset: 0, Reason: ErrUTF16.Error(), cause: ErrUTF16}
	}
	start, err := findRoot(data)
	if err != nil {
		return err
	}
	// The byte scanner reads the events Windows writes several times
	// faster than encoding/xml. It gives up on anything it does not
	// handle (and on every error), and encoding/xml then reads the event
	// from the start, so that what is accepted, and every error, is
	// encoding/xml's.
	if fast {
		p.begin()
		if p.scan(data, start, e, opt) {
			return nil
		}
		e.reset()
	}
	// encoding/xml reads a whole start tag before returning it, so the
	// attribute limit is checked before it gets to allocate for them.
	if err := checkLimits(data, start, opt); err != nil {
		return err
	}
	p.begin()
	p.br.Reset(data[start:])
	d := xml.NewDecoder(&p.br)
	p.stack = p.stack[:0]
	for {
		tok, err := d.RawToken()
		if err != nil {
			return p.xmlError(err, start+int(d.InputOffset()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(p.stack) >= opt.MaxDepth {
				return &Error{Offset: start + int(d.InputOffset()), Reason: fmt.Sprintf("element <%s> is nested deeper than %d levels", fullName(t.Name), opt.MaxDepth)}
			}
			if len(t.Attr) > opt.MaxAttrs {
				return &Error{Offset: start + int(d.InputOffset()), Reason: fmt.Sprintf("element <%s> has more than %d attributes", fullName(t.Name), opt.MaxAttrs)}
			}
			p.stack = append(p.stack, t.Name)
			if len(p.stack) == 1 && t.Name.Local != "Event" {
				// findRoot saw "Event" after the last colon; the decoder
				// splits names at the first.
				return &Error{Offset: start + int(d.InputOffset()), Reason: fmt.Sprintf("not a Windows event: found the element <%s> where the <Event> element should start", fullName(t.Name))}
			}
			if err := p.startElement(e, p.fromXML(t), len(p.stack)); err != nil {
				return &Error{Offset: start + int(d.InputOffset()), Reason: err.Error()}
			}
		case xml.EndElement:
			n := len(p.stack)
			if n == 0 || p.stack[n-1] != t.Name {
				// Cannot happen for n == 0: the root is an element.
				open := ""
				if n > 0 {
					open = fullName(p.stack[n-1])
				}
				return &Error{Offset: start + int(d.InputOffset()), Reason: fmt.Sprintf("malformed XML: element <%s> closed by </%s>", open, fullName(t.Name))}
			}
			if err := p.endElement(e, n); err != nil {
				return &Error{Offset: start + int(d.InputOffset()), Reason: err.Error()}
			}
			p.stack = p.stack[:n-1]
			if n == 1 {
				return checkTrailing(data, start+int(d.InputOffset()))
			}
		case xml.CharData:
			if p.capture > 0 {
				p.text = append(p.text, t...)
			}
		case xml.Directive:
			return &Error{Offset: start + int(d.InputOffset()), Reason: "a <!DOCTYPE> or other <! declaration is not allowed in an event"}
		}
	}
}

// fromXML returns the tag of an encoding/xml start element, its bytes in
// xbuf.
func (p *Parser) fromXML(t xml.StartElement) *tag {
	n := len(t.Name.Local)
	for _, a := range t.Attr {
		n += len(a.Name.Space) + len(a.Name.Local) + len(a.Value)
	}
	b := p.xbuf[:0]
	if cap(b) < n {
		b = make([]byte, 0, n)
	}
	p.xbuf = b
	bytesOf := func(s string) []byte {
		k := len(b)
		b = append(b, s...)
		return b[k:len(b):len(b)]
	}
	p.tag.local = bytesOf(t.Name.Local)
	p.tag.attrs = p.tag.attrs[:0]
	for _, a := range t.Attr {
		p.tag.attrs = append(p.tag.attrs, attribute{space: bytesOf(a.Name.Space), local: bytesOf(a.Name.Local), value: bytesOf(a.Value)})
	}
	return &p.tag
}

// xmlError turns a decoder error into an *Error.
func (p *Parser) xmlError(err error, off int) error {
	if err == io.EOF {
		open := "Event"
		if n := len(p.stack); n > 0 {
			open = fullName(p.stack[n-1])
		}
		return &Error{Offset: off, Reason: fmt.Sprintf("malformed XML: the data ends inside <%s>; the event may be truncated", open)}
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &Error{Offset: off, Reason: "malformed XML: " + se.Msg}
	}
	return &Error{Offset: off, Reason: "malformed XML: " + err.Error()}
}

// startElement reads the start tag t of an element at depth (the root at
// 1, already checked to be <Event>).
func (p *Parser) startElement(e *Event, t *tag, depth int) error {
	switch depth {
	case 1:
		return nil
	case 2:
		p.section = secOther
		switch string(t.local) {
		case "System":
			p.section = secSystem
		case "EventData":
			p.section = secEventData
		case "UserData":
			p.section = secUserData
			p.path, p.segs = p.path[:0], p.segs[:0]
		case "RenderingInfo":
			p.section = secRendering
			e.RenderingInfo = &e.rendering
			p.keep(sCulture, 0, t.attr("Culture"))
		}
		return nil
	case 3:
		p.keywords = string(t.local) == "Keywords"
	}
	if p.section == secUserData {
		p.userStart(e, t, depth)
		return nil
	}
	if p.capture > 0 {
		return nil // inside an element whose text is collected
	}
	switch p.section {
	case secSystem:
		if depth == 3 {
			return p.systemStart(e, t, depth)
		}
	case secEventData:
		if depth == 3 {
			switch string(t.local) {
			case "Data":
				e.data = append(e.data, Data{})
				p.keep(sDataName, len(e.data)-1, t.attr("Name"))
				p.collect(tData, depth)
			case "Binary":
				p.collect(tBinary, depth)
			}
		}
	case secRendering:
		switch {
		case depth == 3:
			switch string(t.local) {
			case "Message":
				p.collect(tMessage, depth)
			case "Level":
				p.collect(tRLevel, depth)
			case "Task":
				p.collect(tRTask, depth)
			case "Opcode":
				p.collect(tROpcode, depth)
			case "Channel":
				p.collect(tRChannel, depth)
			case "Provider":
				p.collect(tRProvider, depth)
			}
		case depth == 4 && p.keywords && string(t.local) == "Keyword":
			p.collect(tRKeyword, depth)
		}
	}
	return nil
}

// collect starts collecting the text of the element at depth for t.
func (p *Parser) collect(t target, depth int) {
	p.capture, p.target = depth, t
	p.text = p.text[:0]
}

func (p *Parser) systemStart(e *Event, t *tag, depth int) error {
	s := &e.System
	switch string(t.local) {
	case "Provider":
		p.keep(sProviderName, 0, t.attr("Name"))
		p.keep(sProviderGUID, 0, t.attr("Guid"))
		p.keep(sEventSourceName, 0, t.attr("EventSourceName"))
	case "EventID":
		if q := t.attr("Qualifiers"); len(q) > 0 {
			v, err := parseNumber("EventID Qualifiers", q, 16)
			if err != nil {
				return err
			}
			s.Qualifiers = uint16(v)
			s.Present |= FieldQualifiers
		}
		p.collect(tEventID, depth)
	case "Version":
		p.collect(tVersion, depth)
	case "Level":
		p.collect(tLevel, depth)
	case "Task":
		p.collect(tTask, depth)
	case "Opcode":
		p.collect(tOpcode, depth)
	case "Keywords":
		p.collect(tKeywords, depth)
	case "TimeCreated":
		p.keep(sSystemTime, 0, t.attr("SystemTime"))
	case "EventRecordID":
		p.collect(tRecordID, depth)
	case "Correlation":
		p.keep(sActivityID, 0, t.attr("ActivityID"))
		p.keep(sRelatedActivityID, 0, t.attr("RelatedActivityID"))
	case "Execution":
		if v := t.attr("ProcessID"); len(v) > 0 {
			n, err := parseNumber("Execution ProcessID", v, 32)
			if err != nil {
				return err
			}
			s.Execution.ProcessID = uint32(n)
			s.Present |= FieldProcessID
		}
		if v := t.attr("ThreadID"); len(v) > 0 {
			n, err := parseNumber("Execution ThreadID", v, 32)
			if err != nil {
				return err
			}
			s.Execution.ThreadID = uint32(n)
			s.Present |= FieldThreadID
		}
	case "Channel":
		p.collect(tChannel, depth)
	case "Computer":
		p.collect(tComputer, depth)
	case "Security":
		p.keep(sUserID, 0, t.attr("UserID"))
	}
	return nil
}

// userStart flattens an element below <UserData> (depth 3 or more).
func (p *Parser) userStart(e *Event, t *tag, depth int) {
	k := depth - 3
	base := 0
	if k > 0 {
		base = p.segs[k-1]
	}
	p.path = p.path[:base]
	if k > 0 {
		p.path = append(p.path, '.')
	}
	p.path = append(p.path, t.local...)
	p.segs = append(p.segs[:k], len(p.path))
	for i := range t.attrs {
		a := &t.attrs[i]
		if string(a.space) == "xmlns" || len(a.space) == 0 && string(a.local) == "xmlns" {
			continue
		}
		n := len(p.path)
		p.path = append(append(p.path, ".@"...), a.local...)
		e.user = append(e.user, Pair{})
		p.keep(sUserPath, len(e.user)-1, p.path)
		p.keep(sUserValue, len(e.user)-1, a.value)
		p.path = p.path[:n]
	}
	// The parent, if any, has a child: only this element may be a leaf.
	p.leaf = true
	p.collect(tNone, depth)
}

// endElement ends the element at depth.
func (p *Parser) endElement(e *Event, depth int) error {
	if p.section == secUserData && depth >= 3 {
		if p.leaf {
			e.user = append(e.user, Pair{})
			p.keep(sUserPath, len(e.user)-1, p.path[:p.segs[depth-3]])
			p.keep(sUserValue, len(e.user)-1, p.text)
		}
		// Whatever element is innermost now has had a child.
		p.leaf = false
		p.capture = 0
		return nil
	}
	if depth == 2 {
		p.section = secOther
	}
	if p.capture != depth {
		return nil
	}
	p.capture = 0
	s := &e.System
	text := p.text
	switch p.target {
	case tEventID:
		v, ok, err := number("EventID", text, 32)
		if ok {
			s.EventID = uint32(v)
			s.Present |= FieldEventID
		}
		return err
	case tVersion:
		v, ok, err := number("Version", text, 8)
		if ok {
			s.Version = uint8(v)
			s.Present |= FieldVersion
		}
		return err
	case tLevel:
		v, ok, err := number("Level", text, 8)
		if ok {
			s.Level = uint8(v)
			s.Present |= FieldLevel
		}
		return err
	case tTask:
		v, ok, err := number("Task", text, 16)
		if ok {
			s.Task = uint16(v)
			s.Present |= FieldTask
		}
		return err
	case tOpcode:
		v, ok, err := number("Opcode", text, 8)
		if ok {
			s.Opcode = uint8(v)
			s.Present |= FieldOpcode
		}
		return err
	case tRecordID:
		v, ok, err := number("EventRecordID", text, 64)
		if ok {
			s.EventRecordID = v
			s.Present |= FieldEventRecordID
		}
		return err
	case tKeywords:
		p.keep(sKeywords, 0, trimSpace(text))
	case tChannel:
		p.keep(sChannel, 0, trimSpace(text))
	case tComputer:
		p.keep(sComputer, 0, trimSpace(text))
	case tData:
		p.keep(sDataValue, len(e.data)-1, text)
	case tBinary:
		p.keep(sBinary, 0, trimSpace(text))
	case tMessage:
		p.keep(sMessage, 0, text)
	case tRLevel:
		p.keep(sRLevel, 0, text)
	case tRTask:
		p.keep(sRTask, 0, text)
	case tROpcode:
		p.keep(sROpcode, 0, text)
	case tRChannel:
		p.keep(sRChannel, 0, text)
	case tRProvider:
		p.keep(sRProvider, 0, text)
	case tRKeyword:
		e.keywords = append(e.keywords, "")
		p.keep(sRKeyword, len(e.keywords)-1, text)
	}
	return nil
}

// number parses a System number; ok is false when the element is empty,
// which leaves it absent.
func number(name string, text []byte, bits int) (v uint64, ok bool, err error) {
	text = trimSpace(text)
	if len(text) == 0 {
		return 0, false, nil
	}
	v, err = parseNumber(name, text, bits)
	return v, err == nil, err
}

// parseNumber parses a decimal number of at most bits bits.
func parseNumber(name string, b []byte, bits int) (uint64, error) {
	limit := uint64(1)<<bits - 1
	if bits == 64 {
		limit = ^uint64(0)
	}
	var v uint64
	ok := len(b) > 0 && len(b) <= 20
	for _, c := range b {
		if c < '0' || c > '9' || v > (limit-uint64(c-'0'))/10 {
			ok = false
			break
		}
		v = v*10 + uint64(c-'0')
	}
	if !ok {
		return 0, fmt.Errorf("%s is %s, not a number from 0 to %d", name, quoteStart(b), limit)
	}
	return v, nil
}

func fullName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
