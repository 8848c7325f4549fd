package syslog

import (
	"sync"
	"time"
)

// timeParts is a timestamp as written, before it becomes a time.Time.
type timeParts struct {
	year, month, day  int
	hour, minute, sec int
	nsec, fracDigits  int
	hasZone           bool
	offset            int // seconds east of UTC, when hasZone
	zoneZ             bool
}

// daysIn returns the number of days of month (1-12) in year.
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

// digits reads exactly n digits at b[p:].
func digits(b []byte, p, n int) (int, bool) {
	if p+n > len(b) {
		return 0, false
	}
	v := 0
	for _, c := range b[p : p+n] {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// parseClock reads "hh:mm:ss[.fraction]" at b[p:] and returns the offset
// after it.
func parseClock(b []byte, p int, t *timeParts) (int, *Error) {
	var ok bool
	if t.hour, ok = digits(b, p, 2); !ok || t.hour > 23 {
		return 0, errAt(p, `an hour from 00 to 23`)
	}
	if p+2 >= len(b) || b[p+2] != ':' {
		return 0, errAt(p+2, `":" after the hour`)
	}
	if t.minute, ok = digits(b, p+3, 2); !ok || t.minute > 59 {
		return 0, errAt(p+3, `minutes from 00 to 59`)
	}
	if p+5 >= len(b) || b[p+5] != ':' {
		return 0, errAt(p+5, `":" after the minutes`)
	}
	// 60 is a leap second; time.Date carries it into the next minute.
	if t.sec, ok = digits(b, p+6, 2); !ok || t.sec > 60 {
		return 0, errAt(p+6, `seconds from 00 to 60`)
	}
	p += 8
	if p < len(b) && b[p] == '.' {
		p++
		start := p
		scale := 100_000_000
		for p < len(b) && isDigit(b[p]) {
			// Digits past nanoseconds are read and dropped.
			t.nsec += int(b[p]-'0') * scale
			scale /= 10
			p++
		}
		if p == start {
			return 0, errAt(p, `fractional seconds after "."`)
		}
		t.fracDigits = min(p-start, 9)
	}
	return p, nil
}

// monthAt returns the month (1-12) whose English abbreviation, in any
// case, is at b[p:], or 0.
func monthAt(b []byte, p int) int {
	if p+3 > len(b) {
		return 0
	}
	k := uint32(b[p]|0x20)<<16 | uint32(b[p+1]|0x20)<<8 | uint32(b[p+2]|0x20)
	switch k {
	case 'j'<<16 | 'a'<<8 | 'n':
		return 1
	case 'f'<<16 | 'e'<<8 | 'b':
		return 2
	case 'm'<<16 | 'a'<<8 | 'r':
		return 3
	case 'a'<<16 | 'p'<<8 | 'r':
		return 4
	case 'm'<<16 | 'a'<<8 | 'y':
		return 5
	case 'j'<<16 | 'u'<<8 | 'n':
		return 6
	case 'j'<<16 | 'u'<<8 | 'l':
		return 7
	case 'a'<<16 | 'u'<<8 | 'g':
		return 8
	case 's'<<16 | 'e'<<8 | 'p':
		return 9
	case 'o'<<16 | 'c'<<8 | 't':
		return 10
	case 'n'<<16 | 'o'<<8 | 'v':
		return 11
	case 'd'<<16 | 'e'<<8 | 'c':
		return 12
	}
	return 0
}

// parseBSDTime reads RFC 3164's "Mmm dd hh:mm:ss", with the day padded by a
// space or a zero or not at all, and optional fractional seconds.
func parseBSDTime(b []byte, p int, t *timeParts) (int, *Error) {
	if t.month = monthAt(b, p); t.month == 0 {
		return 0, errAt(p, `a month name such as "Nov"`)
	}
	p += 3
	if p >= len(b) || b[p] != ' ' {
		return 0, errAt(p, `a space after the month`)
	}
	p++
	if p < len(b) && b[p] == ' ' {
		p++ // "Feb  5"
	}
	start := p
	for p < len(b) && p-start < 2 && isDigit(b[p]) {
		t.day = t.day*10 + int(b[p]-'0')
		p++
	}
	if p == start || t.day < 1 || t.day > 31 {
		return 0, errAt(start, `a day of the month from 1 to 31`)
	}
	if t.day > daysIn(t.month, 2000) { // 2000 is a leap year
		return 0, errAt(start, `a day that exists in `+time.Month(t.month).String())
	}
	if p >= len(b) || b[p] != ' ' {
		return 0, errAt(p, `a space after the day`)
	}
	return parseClock(b, p+1, t)
}

// parseISOTime reads "yyyy-mm-ddThh:mm:ss[.fraction][Z|±hh:mm|±hhmm]".
// With needZone the zone must be there, as RFC 5424 requires.
func parseISOTime(b []byte, p int, t *timeParts, needZone bool) (int, *Error) {
	var ok bool
	if t.year, ok = digits(b, p, 4); !ok {
		return 0, errAt(p, `a four-digit year`)
	}
	if p+4 >= len(b) || b[p+4] != '-' {
		return 0, errAt(p+4, `"-" after the year`)
	}
	if t.month, ok = digits(b, p+5, 2); !ok || t.month < 1 || t.month > 12 {
		return 0, errAt(p+5, `a month from 01 to 12`)
	}
	if p+7 >= len(b) || b[p+7] != '-' {
		return 0, errAt(p+7, `"-" after the month`)
	}
	if t.day, ok = digits(b, p+8, 2); !ok || t.day < 1 || t.day > daysIn(t.month, t.year) {
		return 0, errAt(p+8, `a day that exists in that month`)
	}
	if p+10 >= len(b) || b[p+10]|0x20 != 't' {
		return 0, errAt(p+10, `"T" between the date and the time`)
	}
	p, err := parseClock(b, p+11, t)
	if err != nil {
		return 0, err
	}
	if p < len(b) && b[p]|0x20 == 'z' {
		t.hasZone, t.zoneZ = true, true
		return p + 1, nil
	}
	if p < len(b) && (b[p] == '+' || b[p] == '-') {
		h, ok := digits(b, p+1, 2)
		if !ok || h > 23 {
			return 0, errAt(p+1, `a UTC offset hour from 00 to 23`)
		}
		q := p + 3
		if q < len(b) && b[q] == ':' {
			q++
		}
		mi, ok := digits(b, q, 2)
		if !ok || mi > 59 {
			return 0, errAt(q, `UTC offset minutes from 00 to 59`)
		}
		t.hasZone, t.offset = true, h*3600+mi*60
		if b[p] == '-' {
			t.offset = -t.offset
		}
		return q + 2, nil
	}
	if needZone {
		return 0, errAt(p, `a UTC offset such as "Z" or "+01:00"`)
	}
	return p, nil
}

// fixedZones holds a zone for every offset that is a multiple of 15
// minutes from -14:00 to +14:00, so that reading a timestamp with an
// offset does not allocate a time.Location.
var fixedZones = sync.OnceValue(func() []*time.Location {
	zones := make([]*time.Location, 14*4*2+1)
	for i := range zones {
		zones[i] = time.FixedZone("", (i-14*4)*15*60)
	}
	return zones
})

func zoneFor(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if offset%(15*60) == 0 && offset >= -14*3600 && offset <= 14*3600 {
		return fixedZones()[offset/(15*60)+14*4]
	}
	return time.FixedZone("", offset)
}

// timeOf builds the time of a timestamp that has a year.
func (t *timeParts) timeOf(loc *time.Location) time.Time {
	if t.zoneZ {
		loc = time.UTC
	} else if t.hasZone {
		loc = zoneFor(t.offset)
	}
	return time.Date(t.year, time.Month(t.month), t.day, t.hour, t.minute, t.sec, t.nsec, loc)
}

// inferYear gives a timestamp without a year the latest year that does not
// put it more than maxFuture after ref, and returns its time. The year is
// found by comparing the date and clock with those of the limit in loc;
// time.Date then confirms it, which also settles the hours that a
// daylight saving change makes ambiguous. Years are tried back to eight
// before, far enough to reach a leap year for "Feb 29".
func (t *timeParts) inferYear(ref time.Time, loc *time.Location, maxFuture time.Duration) (time.Time, bool) {
	limit := ref.Add(maxFuture)
	l := limit.In(loc)
	y := l.Year()
	lh, lmin, ls := l.Clock()
	if wallKey(t.month, t.day, t.hour, t.minute, t.sec, t.nsec) > wallKey(int(l.Month()), l.Day(), lh, lmin, ls, l.Nanosecond()) {
		y--
	}
	for stop := y - 9; y > stop; y-- {
		if t.day > daysIn(t.month, y) {
			continue
		}
		at := time.Date(y, time.Month(t.month), t.day, t.hour, t.minute, t.sec, t.nsec, loc)
		if !at.After(limit) {
			t.year = y
			return at, true
		}
	}
	return time.Time{}, false
}

// wallKey orders dates and clock times within a year.
func wallKey(month, day, hour, minute, sec, nsec int) int64 {
	return ((((int64(month)*32+int64(day))*24+int64(hour))*60+int64(minute))*61+int64(sec))*1e9 + int64(nsec)
}
