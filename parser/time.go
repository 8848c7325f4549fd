package parser

import (
	"fmt"
	"sync/atomic"
	"time"
)

// ParseRFC3339 parses an RFC 3339 timestamp: YYYY-MM-DDThh:mm:ss, an
// optional fraction of a second of 1 to 9 digits after a '.', and a time
// zone that is Z or an offset ±hh:mm. As RFC 3339 allows (its ABNF strings
// are case-insensitive), 't' and 'z' are accepted too; a space instead of
// the 'T' is not. Years 0000 to 9999 are read; a caller that cannot hold
// some of them checks the result.
//
// Second 60 is a leap second (2016-12-31T23:59:60Z). It is accepted and
// read as the start of the next second (2017-01-01T00:00:00Z), fraction
// kept: that is what time.Date's normalization gives, a time.Time cannot
// hold second 60, and the leap second still sorts after the second before
// it and no later than the events that follow it. Whether a leap second
// was really inserted at that minute is not checked.
//
// It reads b without allocating. A time with a Z is in time.UTC; one with
// an offset is in a fixed zone of that offset, named "" (time.Parse picks
// time.Local instead when the offset matches it; the instant is the same).
// Wherever time.Parse(time.RFC3339Nano, s) accepts an RFC 3339 timestamp,
// ParseRFC3339 returns the same instant and offset. time.Parse also
// accepts some text that is not RFC 3339 (a one-digit hour, a ',' before
// the fraction, more than 9 fraction digits, offsets of 24 hours or 60
// minutes), which ParseRFC3339 refuses.
//
// An error is a *TimeError naming the byte offset of the problem and what
// was expected there.
func ParseRFC3339(b []byte) (time.Time, error) {
	// The fixed part: 2006-01-02T15:04:05.
	if len(b) < len(rfc3339Shape) || b[4] != '-' || b[7] != '-' || b[10] != 'T' && b[10] != 't' || b[13] != ':' || b[16] != ':' ||
		!digits2(b[0:2]) || !digits2(b[2:4]) || !digits2(b[5:7]) || !digits2(b[8:10]) || !digits2(b[11:13]) || !digits2(b[14:16]) || !digits2(b[17:19]) {
		return time.Time{}, shapeError(b)
	}
	year := num(b[0:4])
	month := num(b[5:7])
	day := num(b[8:10])
	hour := num(b[11:13])
	minute := num(b[14:16])
	sec := num(b[17:19])
	if month < 1 || month > 12 {
		return time.Time{}, timeError(b, 5, fmt.Sprintf("month %02d is out of range 01-12", month))
	}
	if n := daysIn(month, year); day < 1 || day > n {
		return time.Time{}, timeError(b, 8, fmt.Sprintf("day %02d is out of range 01-%02d for %s %04d", day, n, time.Month(month), year))
	}
	if hour > 23 {
		return time.Time{}, timeError(b, 11, fmt.Sprintf("hour %02d is out of range 00-23", hour))
	}
	if minute > 59 {
		return time.Time{}, timeError(b, 14, fmt.Sprintf("minute %02d is out of range 00-59", minute))
	}
	if sec > 60 {
		return time.Time{}, timeError(b, 17, fmt.Sprintf("second %02d is out of range 00-60 (60 only for a leap second)", sec))
	}

	i := len(rfc3339Shape)
	nsec := 0
	if i < len(b) && b[i] == '.' {
		start := i + 1
		j := start
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		switch n := j - start; {
		case n == 0:
			if j < len(b) {
				return time.Time{}, timeError(b, j, "want a digit of the fraction of a second after '.', found "+quoteByte(b[j]))
			}
			return time.Time{}, timeError(b, j, "the text ends early: want a digit of the fraction of a second after '.'")
		case n > 9:
			return time.Time{}, timeError(b, start+9, "the fraction of a second has more than 9 digits")
		}
		for k := start; k < start+9; k++ {
			nsec *= 10
			if k < j {
				nsec += int(b[k] - '0')
			}
		}
		i = j
	}

	if i >= len(b) {
		return time.Time{}, timeError(b, i, "the text ends early: want the time zone, Z or an offset such as +02:00")
	}
	var loc *time.Location
	offset := 0 // seconds east of UTC
	switch c := b[i]; c {
	case 'Z', 'z':
		loc = time.UTC
		i++
	case '+', '-':
		if len(b) < i+6 {
			return time.Time{}, timeError(b, i, fmt.Sprintf("want an offset ±hh:mm, found %q", b[i:]))
		}
		z := b[i : i+6]
		if !isDigit(z[1]) || !isDigit(z[2]) || z[3] != ':' || !isDigit(z[4]) || !isDigit(z[5]) {
			return time.Time{}, timeError(b, i, fmt.Sprintf("want an offset ±hh:mm, found %q", z))
		}
		oh, om := num(z[1:3]), num(z[4:6])
		if oh > 23 {
			return time.Time{}, timeError(b, i+1, fmt.Sprintf("offset hour %02d is out of range 00-23", oh))
		}
		if om > 59 {
			return time.Time{}, timeError(b, i+4, fmt.Sprintf("offset minute %02d is out of range 00-59", om))
		}
		minutes := oh*60 + om
		if c == '-' {
			minutes = -minutes
		}
		offset = minutes * 60
		loc = fixedZone(minutes)
		i += 6
	default:
		return time.Time{}, timeError(b, i, "want the time zone, Z or an offset such as +02:00, found "+quoteByte(c))
	}
	if i != len(b) {
		return time.Time{}, timeError(b, i, fmt.Sprintf("unexpected text %q after the time zone", clipText(b[i:])))
	}

	// time.Date normalizes second 60 to the start of the next minute.
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if offset != 0 {
		t = t.Add(-time.Duration(offset) * time.Second)
	}
	return t.In(loc), nil
}

// TimeError reports text that ParseRFC3339 cannot read.
type TimeError struct {
	// Text is the text, cut to 64 bytes.
	Text string
	// Offset is the byte offset of the problem in the text.
	Offset int
	// Reason says what was expected there or what is out of range.
	Reason string
}

func (e *TimeError) Error() string {
	return fmt.Sprintf("%q is not an RFC 3339 timestamp (such as 2026-11-27T10:05:00Z): at byte %d: %s", e.Text, e.Offset, e.Reason)
}

func timeError(b []byte, offset int, reason string) error {
	return &TimeError{Text: string(clipText(b)), Offset: offset, Reason: reason}
}

// shapeError explains why b does not start with the fixed-width part of
// an RFC 3339 timestamp.
func shapeError(b []byte) error {
	for i := range rfc3339Shape {
		want := &rfc3339Shape[i]
		if i >= len(b) {
			return timeError(b, i, "the text ends early: want "+want.what)
		}
		c := b[i]
		switch {
		case want.sep == 0:
			if !isDigit(c) {
				return timeError(b, i, fmt.Sprintf("want %s, found %s", want.what, quoteByte(c)))
			}
		case c != want.sep && !(want.sep == 'T' && c == 't'):
			return timeError(b, i, fmt.Sprintf("want %s, found %s", want.what, quoteByte(c)))
		}
	}
	return timeError(b, 0, "malformed date and time")
}

// digits2 reports whether both bytes of b are digits.
func digits2(b []byte) bool {
	return isDigit(b[0]) && isDigit(b[1])
}

// rfc3339Shape is the fixed-width start of an RFC 3339 timestamp: a digit
// where sep is 0, else that separator.
var rfc3339Shape = [...]struct {
	sep  byte
	what string
}{
	{0, "a digit of the year (YYYY)"}, {0, "a digit of the year (YYYY)"}, {0, "a digit of the year (YYYY)"}, {0, "a digit of the year (YYYY)"},
	{'-', "'-' after the year"},
	{0, "a digit of the month (MM)"}, {0, "a digit of the month (MM)"},
	{'-', "'-' after the month"},
	{0, "a digit of the day (DD)"}, {0, "a digit of the day (DD)"},
	{'T', "'T' between the date and the time"},
	{0, "a digit of the hour (hh)"}, {0, "a digit of the hour (hh)"},
	{':', "':' after the hour"},
	{0, "a digit of the minute (mm)"}, {0, "a digit of the minute (mm)"},
	{':', "':' after the minute"},
	{0, "a digit of the second (ss)"}, {0, "a digit of the second (ss)"},
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num reads digits already checked.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func quoteByte(c byte) string {
	return fmt.Sprintf("%q", []byte{c})
}

func clipText(b []byte) []byte {
	const max = 64
	if len(b) > max {
		return b[:max]
	}
	return b
}

// zones caches the fixed zones of the offsets met, one per minute of
// offset from -23:59 to +23:59, so that parsing allocates only the first
// time an offset is seen.
var zones [2*24*60 - 1]atomic.Pointer[time.Location]

// fixedZone returns the zone minutes east of UTC; the zero offset is UTC.
func fixedZone(minutes int) *time.Location {
	if minutes == 0 {
		return time.UTC
	}
	slot := &zones[minutes+24*60-1]
	if loc := slot.Load(); loc != nil {
		return loc
	}
	loc := time.FixedZone("", minutes*60)
	slot.CompareAndSwap(nil, loc)
	return slot.Load()
}
