package syslog

import (
	"strconv"
	"time"
)

// Format is the layout a line was written in.
type Format uint8

const (
	// RFC3164 is the BSD layout "[<PRI>]TIMESTAMP HOST TAG[PID]: MSG",
	// with either the traditional "Mmm dd hh:mm:ss" timestamp or an
	// ISO 8601 one (rsyslog's high-precision file format, journalctl -o
	// short-iso).
	RFC3164 Format = iota + 1
	// RFC5424 is "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG".
	RFC5424
)

// String returns "RFC3164" or "RFC5424".
func (f Format) String() string {
	switch f {
	case RFC3164:
		return "RFC3164"
	case RFC5424:
		return "RFC5424"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Priority is a syslog PRI value, Facility*8 + Severity, from 0 to 191.
type Priority uint8

// Facility returns the facility part of p.
func (p Priority) Facility() Facility { return Facility(p >> 3) }

// Severity returns the severity part of p.
func (p Priority) Severity() Severity { return Severity(p & 7) }

// Message is one parsed syslog line. Its byte slices alias the line given
// to Parse (their capacity is cut to their length, so appending to one
// never writes into the line); copy them to keep them past the line's
// lifetime. A field the line does not have, or holds as the RFC 5424 nil
// value "-", is nil.
type Message struct {
	Format Format
	// HasPriority reports a "<PRI>" prefix. Files such as /var/log/secure
	// are written without one; Priority is then 0 and means nothing.
	HasPriority bool
	Priority    Priority
	// Version is the RFC 5424 protocol version (1), 0 for RFC 3164.
	Version int

	// Timestamp is the line's time. It is the zero Time when an RFC 5424
	// line has the nil timestamp "-". A timestamp with an offset keeps it
	// (Timestamp.Location() is a fixed zone); one without is read in
	// Options.Location.
	Timestamp time.Time
	// HasYear reports that the year was written in the line; when false
	// it was inferred from Options.Reference.
	HasYear bool
	// HasZone reports that a UTC offset or "Z" was written in the line;
	// when false the time was read in Options.Location.
	HasZone bool
	// FracDigits is how many digits of fractional seconds the line wrote
	// (0 to 9), so that the time can be printed with the source's
	// precision.
	FracDigits int

	// Hostname is HOSTNAME, which RFC 3164 lines may leave out.
	Hostname []byte
	// AppName is RFC 5424's APP-NAME or RFC 3164's TAG, the program name
	// without its "[pid]" and ":".
	AppName []byte
	// ProcID is RFC 5424's PROCID or the pid in brackets after an RFC 3164
	// TAG.
	ProcID []byte
	// MsgID is RFC 5424's MSGID; always nil for RFC 3164.
	MsgID []byte
	// StructuredData is RFC 5424's STRUCTURED-DATA, validated; nil for
	// the nil value and for RFC 3164.
	StructuredData StructuredData
	// Msg is the free-form message, always a suffix of the line (possibly
	// empty), without the byte order mark an RFC 5424 message may start
	// with.
	Msg []byte
}

// DefaultMaxFuture is how far after Options.Reference a timestamp without
// a year may fall when Options.MaxFuture is 0.
const DefaultMaxFuture = 31 * 24 * time.Hour

// Options tell Parse what the line cannot.
type Options struct {
	// Reference is a time close after the line was written: the delivery
	// envelope's timestamp, the object's or file's modification time. It
	// gives the year of a timestamp written without one (see the package
	// documentation). The zero Time means the time of the call.
	Reference time.Time
	// Location is the zone of timestamps written without an offset. nil
	// means UTC.
	Location *time.Location
	// MaxFuture is how far after Reference a timestamp without a year may
	// fall before it is taken to be from the year before. 0 means
	// DefaultMaxFuture; a negative value allows none. Keep it well under
	// six months, or the year chosen stops being the one closest to
	// Reference.
	MaxFuture time.Duration
}

// Error reports a line that is not syslog: the byte offset in the line
// where the parser stopped and what it expected to find there.
type Error struct {
	Offset   int
	Expected string
}

func (e *Error) Error() string {
	return "offset " + strconv.Itoa(e.Offset) + ": expected " + e.Expected
}

func errAt(offset int, expected string) *Error {
	return &Error{Offset: offset, Expected: expected}
}

// Parse reads one syslog line, without its line terminator. It accepts, in
// this order of detection: RFC 5424 ("<PRI>1 "), RFC 3164 with a priority,
// then the on-disk layouts without one (traditional "Mmm dd hh:mm:ss" and
// ISO 8601 timestamps). Anything else is an *Error.
func Parse(line []byte, opt Options) (Message, error) {
	var m Message
	if err := m.parse(line, &opt); err != nil {
		return Message{}, err
	}
	return m, nil
}

func (m *Message) parse(line []byte, opt *Options) *Error {
	p := 0
	if len(line) > 0 && line[0] == '<' {
		pri, end, err := parsePriority(line)
		if err != nil {
			return err
		}
		m.HasPriority, m.Priority, p = true, pri, end
		// A version and a space mean RFC 5424; an RFC 3164 timestamp
		// starts with a month name or a four-digit year and a dash.
		q := p
		for q < len(line) && q-p < 4 && isDigit(line[q]) {
			q++
		}
		if q > p && q < len(line) && line[q] == ' ' {
			if q != p+1 || line[p] != '1' {
				return errAt(p, "syslog protocol version 1")
			}
			m.Format, m.Version = RFC5424, 1
			return m.parse5424(line, q+1, opt)
		}
	}
	m.Format = RFC3164
	return m.parse3164(line, p, opt)
}

// parsePriority reads "<PRI>" at the start of line and returns the offset
// after it.
func parsePriority(line []byte) (Priority, int, *Error) {
	v, p := 0, 1
	for p < len(line) && p <= 3 && isDigit(line[p]) {
		v = v*10 + int(line[p]-'0')
		p++
	}
	if p == 1 {
		return 0, 0, errAt(1, `a priority of 1 to 3 digits after "<"`)
	}
	if p >= len(line) || line[p] != '>' {
		return 0, 0, errAt(p, `">" to close the priority`)
	}
	if v > 191 {
		return 0, 0, errAt(1, "a priority from 0 to 191")
	}
	return Priority(v), p + 1, nil
}

func isDigit(c byte) bool { return c-'0' < 10 }

func isAlnum(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 26 }

// sub returns line[i:j] with its capacity cut to its length.
func sub(line []byte, i, j int) []byte { return line[i:j:j] }
