package inspector

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/parser"
)

// consoleLayouts are the console-style forms the reference system parsed
// ("Nov 27, 2026, 10:05:00 AM", comma after the year optional), read as
// UTC.
var consoleLayouts = []string{"Jan 2, 2006, 3:04:05 PM", "Jan 2, 2006 3:04:05 PM"}

// parseTime reads one of the finding's times: an RFC 3339 string (what
// EventBridge and the API's JSON carry), epoch seconds as a JSON number
// or a numeric string ("1.663703546405E9", as SDKs that render
// timestamps as doubles write them; a value above 1e11 is taken as
// milliseconds), or the console form above. A nil value is the zero time.
func parseTime(name string, v *fastjson.Value) (time.Time, error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return time.Time{}, nil
	}
	var raw []byte
	switch v.Type() {
	case fastjson.TypeString:
		raw = v.GetStringBytes()
		if len(raw) == 0 {
			return time.Time{}, nil
		}
		if t, err := parser.ParseRFC3339(raw); err == nil {
			return t.UTC(), nil
		}
		if t, ok := parseEpoch(raw); ok {
			return t, nil
		}
		for _, layout := range consoleLayouts {
			if t, err := time.Parse(layout, string(raw)); err == nil {
				return t, nil
			}
		}
		if len(raw) > 64 {
			raw = append(raw[:64:64], "..."...)
		}
		return time.Time{}, fmt.Errorf("%s %q is not a time (want RFC 3339, epoch seconds or \"Jan 2, 2006, 3:04:05 PM\")", name, raw)
	case fastjson.TypeNumber:
		raw = v.MarshalTo(nil)
		if t, ok := parseEpoch(raw); ok {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%s %s is not a time in epoch seconds between years 1970 and 9999", name, raw)
	}
	return time.Time{}, fmt.Errorf("%s is %s, want a time string or epoch seconds", name, article(v.Type()))
}

// parseEpoch reads a non-negative decimal number (with an optional
// fraction and exponent) of seconds since the epoch exactly, without
// going through a float, so that 1.663703546405E9 is .405 seconds and not
// .404999. A value of 1e11 or more is milliseconds. Digits below the
// nanosecond are dropped; a time after year 9999 is refused.
func parseEpoch(b []byte) (time.Time, bool) {
	if len(b) == 0 || len(b) > 64 {
		return time.Time{}, false
	}
	var mant []byte // the significant digits, point removed
	point := -1     // digits before the point, -1 until a point is seen
	i := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			mant = append(mant, c)
		} else if c == '.' && point < 0 {
			point = len(mant)
		} else {
			break
		}
	}
	if len(mant) == 0 {
		return time.Time{}, false
	}
	if point < 0 {
		point = len(mant)
	}
	if i < len(b) {
		if b[i] != 'e' && b[i] != 'E' {
			return time.Time{}, false
		}
		e, err := strconv.Atoi(string(b[i+1:]))
		if err != nil || e > 40 || e < -40 || b[len(b)-1] < '0' || b[len(b)-1] > '9' {
			return time.Time{}, false
		}
		point += e
	}
	for point > len(mant) {
		mant = append(mant, '0')
	}
	for point < 0 {
		mant = append([]byte{'0'}, mant...)
		point++
	}
	intPart := strings.TrimLeft(string(mant[:point]), "0")
	frac := string(mant[point:])
	if len(intPart) > 15 {
		return time.Time{}, false
	}
	whole, _ := strconv.ParseInt("0"+intPart, 10, 64)
	scale := 9 // fraction digits that make nanoseconds
	if whole >= 1e11 {
		scale = 6 // milliseconds: their fraction's first six digits
	}
	frac = (frac + "000000000")[:scale]
	sub, _ := strconv.ParseInt(frac, 10, 64)
	sec, nsec := whole, sub
	if scale == 6 {
		sec, nsec = whole/1000, (whole%1000)*1e6+sub
	}
	if sec > 253402300799 {
		return time.Time{}, false
	}
	return time.Unix(sec, nsec).UTC(), true
}
