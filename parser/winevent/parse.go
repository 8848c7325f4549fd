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
	// stack holds the names of the open elements, the root first.
	stack []xml.Name
	// section is the part of the event (depth 2 element) being read.
	section section
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
}

// NewParser returns a Parser with the limits of opt.
func NewParser(opt Options) *Parser {
	return &Parser{opt: opt.withDefaults()}
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
	e.reset()
	err := p.parse(data, e)
	if err != nil {
		e.reset()
		return err
	}
	e.settle()
	return nil
}

func (p *Parser) parse(data []byte, e *Event) error {
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
	// encoding/xml reads a whole start tag before returning it, so the
	// attribute limit is checked before it gets to allocate for them.
	if err := checkLimits(data, start, opt); err != nil {
		return err
	}
	p.br.Reset(data[start:])
	d := xml.NewDecoder(&p.br)
	p.stack = p.stack[:0]
	p.section, p.capture, p.target, p.leaf = secOther, 0, tNone, false
	p.text = p.text[:0]
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
			if err := p.startElement(e, t); err != nil {
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
			if err := p.endElement(e); err != nil {
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

func (p *Parser) startElement(e *Event, t xml.StartElement) error {
	depth := len(p.stack)
	switch depth {
	case 1:
		if t.Name.Local != "Event" {
			// findRoot saw "Event" after the last colon; the decoder
			// splits names at the first.
			return fmt.Errorf("not a Windows event: found the element <%s> where the <Event> element should start", fullName(t.Name))
		}
		return nil
	case 2:
		p.section = secOther
		switch t.Name.Local {
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
			e.rendering.Culture, _ = attr(t, "Culture")
		}
		return nil
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
			return p.systemStart(e, t)
		}
	case secEventData:
		if depth == 3 {
			switch t.Name.Local {
			case "Data":
				name, _ := attr(t, "Name")
				e.data = append(e.data, Data{Name: name})
				p.collect(tData)
			case "Binary":
				p.collect(tBinary)
			}
		}
	case secRendering:
		switch {
		case depth == 3:
			switch t.Name.Local {
			case "Message":
				p.collect(tMessage)
			case "Level":
				p.collect(tRLevel)
			case "Task":
				p.collect(tRTask)
			case "Opcode":
				p.collect(tROpcode)
			case "Channel":
				p.collect(tRChannel)
			case "Provider":
				p.collect(tRProvider)
			}
		case depth == 4 && t.Name.Local == "Keyword" && p.stack[2].Local == "Keywords":
			p.collect(tRKeyword)
		}
	}
	return nil
}

// collect starts collecting the text of the innermost element for t.
func (p *Parser) collect(t target) {
	p.capture, p.target = len(p.stack), t
	p.text = p.text[:0]
}

func (p *Parser) systemStart(e *Event, t xml.StartElement) error {
	s := &e.System
	switch t.Name.Local {
	case "Provider":
		s.Provider.Name, _ = attr(t, "Name")
		s.Provider.GUID, _ = attr(t, "Guid")
		s.Provider.EventSourceName, _ = attr(t, "EventSourceName")
	case "EventID":
		if q, _ := attr(t, "Qualifiers"); q != "" {
			v, err := parseNumber("EventID Qualifiers", []byte(q), 16)
			if err != nil {
				return err
			}
			s.Qualifiers = uint16(v)
			s.Present |= FieldQualifiers
		}
		p.collect(tEventID)
	case "Version":
		p.collect(tVersion)
	case "Level":
		p.collect(tLevel)
	case "Task":
		p.collect(tTask)
	case "Opcode":
		p.collect(tOpcode)
	case "Keywords":
		p.collect(tKeywords)
	case "TimeCreated":
		s.SystemTime, _ = attr(t, "SystemTime")
		s.TimeCreated, _ = ParseSystemTime(s.SystemTime)
	case "EventRecordID":
		p.collect(tRecordID)
	case "Correlation":
		s.Correlation.ActivityID, _ = attr(t, "ActivityID")
		s.Correlation.RelatedActivityID, _ = attr(t, "RelatedActivityID")
	case "Execution":
		if v, _ := attr(t, "ProcessID"); v != "" {
			n, err := parseNumber("Execution ProcessID", []byte(v), 32)
			if err != nil {
				return err
			}
			s.Execution.ProcessID = uint32(n)
			s.Present |= FieldProcessID
		}
		if v, _ := attr(t, "ThreadID"); v != "" {
			n, err := parseNumber("Execution ThreadID", []byte(v), 32)
			if err != nil {
				return err
			}
			s.Execution.ThreadID = uint32(n)
			s.Present |= FieldThreadID
		}
	case "Channel":
		p.collect(tChannel)
	case "Computer":
		p.collect(tComputer)
	case "Security":
		s.Security.UserID, _ = attr(t, "UserID")
	}
	return nil
}

// userStart flattens an element below <UserData> (depth 3 or more).
func (p *Parser) userStart(e *Event, t xml.StartElement, depth int) {
	k := depth - 3
	base := 0
	if k > 0 {
		base = p.segs[k-1]
	}
	p.path = p.path[:base]
	if k > 0 {
		p.path = append(p.path, '.')
	}
	p.path = append(p.path, t.Name.Local...)
	p.segs = append(p.segs[:k], len(p.path))
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		n := len(p.path)
		p.path = append(append(p.path, ".@"...), a.Name.Local...)
		e.user = append(e.user, Pair{Path: string(p.path), Value: a.Value})
		p.path = p.path[:n]
	}
	// The parent, if any, has a child: only this element may be a leaf.
	p.leaf = true
	p.collect(tNone)
}

func (p *Parser) endElement(e *Event) error {
	depth := len(p.stack)
	if p.section == secUserData && depth >= 3 {
		if p.leaf {
			e.user = append(e.user, Pair{Path: string(p.path[:p.segs[depth-3]]), Value: string(p.text)})
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
	var err error
	switch p.target {
	case tEventID:
		err = p.number(s, text, "EventID", 32, FieldEventID, func(v uint64) { s.EventID = uint32(v) })
	case tVersion:
		err = p.number(s, text, "Version", 8, FieldVersion, func(v uint64) { s.Version = uint8(v) })
	case tLevel:
		err = p.number(s, text, "Level", 8, FieldLevel, func(v uint64) { s.Level = uint8(v) })
	case tTask:
		err = p.number(s, text, "Task", 16, FieldTask, func(v uint64) { s.Task = uint16(v) })
	case tOpcode:
		err = p.number(s, text, "Opcode", 8, FieldOpcode, func(v uint64) { s.Opcode = uint8(v) })
	case tRecordID:
		err = p.number(s, text, "EventRecordID", 64, FieldEventRecordID, func(v uint64) { s.EventRecordID = v })
	case tKeywords:
		s.Keywords = string(trimSpace(text))
	case tChannel:
		s.Channel = string(trimSpace(text))
	case tComputer:
		s.Computer = string(trimSpace(text))
	case tData:
		e.data[len(e.data)-1].Value = string(text)
	case tBinary:
		e.EventData.Binary = string(trimSpace(text))
	case tMessage:
		e.rendering.Message = string(text)
	case tRLevel:
		e.rendering.Level = string(text)
	case tRTask:
		e.rendering.Task = string(text)
	case tROpcode:
		e.rendering.Opcode = string(text)
	case tRChannel:
		e.rendering.Channel = string(text)
	case tRProvider:
		e.rendering.Provider = string(text)
	case tRKeyword:
		e.keywords = append(e.keywords, string(text))
	}
	return err
}

// number parses a System number; an empty element leaves it absent.
func (p *Parser) number(s *System, text []byte, name string, bits int, f Field, set func(uint64)) error {
	text = trimSpace(text)
	if len(text) == 0 {
		return nil
	}
	v, err := parseNumber(name, text, bits)
	if err != nil {
		return err
	}
	set(v)
	s.Present |= f
	return nil
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

// attr returns the value of the attribute named local, without a prefix.
func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func fullName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
