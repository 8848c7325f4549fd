package parquet

import (
	"encoding/base64"
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// scalarKind is how a leaf's values are written, from its logical type
// (or, in files from older writers, its converted type) and physical type.
type scalarKind uint8

const (
	sPhysical  scalarKind = iota // by physical type alone
	sString                      // STRING, ENUM, JSON: a JSON string
	sUnsigned                    // INT(n, false) on INT32 or INT64
	sDecimal                     // DECIMAL: a JSON number
	sDate                        // DATE: "2006-01-02"
	sTime                        // TIME: "15:04:05.000[Z]"
	sTimestamp                   // TIMESTAMP, INT96: RFC 3339
	sUUID                        // UUID: "xxxxxxxx-xxxx-..."
	sFloat16                     // FLOAT16: a JSON number
	sInterval                    // INTERVAL: an ISO 8601 duration
	sNull                        // the NULL (UNKNOWN) type: always null
)

type scalar struct {
	kind     scalarKind
	physical format.Type
	// unit is the number of steps per second of a time or timestamp.
	unit int64
	utc  bool
	// scale and precision of a decimal; bits and signedness of an INT.
	scale, precision int32
	bits             int8
	// label names a string-like logical type (STRING, ENUM, JSON) or a
	// binary one (BSON, GEOMETRY...) for Columns.
	label string
}

// scalarOf works out how to write the values of a leaf. A logical type
// that does not fit its physical type is ignored, so a damaged or unusual
// annotation degrades to the physical rendering rather than to nonsense.
func scalarOf(el *format.SchemaElement) scalar {
	s := scalar{physical: el.Type.V}
	p := el.Type.V
	if p == format.Int96 {
		// INT96 is only ever a timestamp (Impala, Hive, Spark), in UTC.
		s.kind, s.unit, s.utc = sTimestamp, 1e9, true
		return s
	}
	switch lt := el.LogicalType.Value.(type) {
	case *format.StringType:
		return s.stringy(p, "string")
	case *format.EnumType:
		return s.stringy(p, "enum")
	case *format.JsonType:
		return s.stringy(p, "json")
	case *format.BsonType:
		s.label = "bson"
		return s
	case *format.GeometryType:
		s.label = "geometry"
		return s
	case *format.GeographyType:
		s.label = "geography"
		return s
	case *format.UUIDType:
		if p == format.FixedLenByteArray && el.TypeLength.V == 16 {
			s.kind = sUUID
		}
		return s
	case *format.Float16Type:
		if p == format.FixedLenByteArray && el.TypeLength.V == 2 {
			s.kind = sFloat16
		}
		return s
	case *format.NullType:
		s.kind = sNull
		return s
	case *format.DecimalType:
		return s.decimal(p, lt.Scale, lt.Precision)
	case *format.DateType:
		if p == format.Int32 {
			s.kind = sDate
		}
		return s
	case *format.TimeType:
		return s.time(p, sTime, unitOf(&lt.Unit), lt.IsAdjustedToUTC)
	case *format.TimestampType:
		return s.time(p, sTimestamp, unitOf(&lt.Unit), lt.IsAdjustedToUTC)
	case *format.IntType:
		if !lt.IsSigned && (p == format.Int32 || p == format.Int64) {
			s.kind, s.bits = sUnsigned, lt.BitWidth
		} else if p == format.Int32 || p == format.Int64 {
			s.bits = lt.BitWidth
		}
		return s
	}
	if !el.ConvertedType.Valid {
		return s
	}
	switch el.ConvertedType.V {
	case deprecated.UTF8:
		return s.stringy(p, "string")
	case deprecated.Enum:
		return s.stringy(p, "enum")
	case deprecated.Json:
		return s.stringy(p, "json")
	case deprecated.Bson:
		s.label = "bson"
	case deprecated.Decimal:
		return s.decimal(p, el.Scale.V, el.Precision.V)
	case deprecated.Date:
		if p == format.Int32 {
			s.kind = sDate
		}
	case deprecated.TimeMillis:
		return s.time(p, sTime, 1e3, true)
	case deprecated.TimeMicros:
		return s.time(p, sTime, 1e6, true)
	case deprecated.TimestampMillis:
		return s.time(p, sTimestamp, 1e3, true)
	case deprecated.TimestampMicros:
		return s.time(p, sTimestamp, 1e6, true)
	case deprecated.Uint8, deprecated.Uint16, deprecated.Uint32, deprecated.Uint64:
		if p == format.Int32 || p == format.Int64 {
			s.kind = sUnsigned
			s.bits = int8(8 << (el.ConvertedType.V - deprecated.Uint8))
		}
	case deprecated.Int8, deprecated.Int16, deprecated.Int32, deprecated.Int64:
		if p == format.Int32 || p == format.Int64 {
			s.bits = int8(8 << (el.ConvertedType.V - deprecated.Int8))
		}
	case deprecated.Interval:
		if p == format.FixedLenByteArray && el.TypeLength.V == 12 {
			s.kind = sInterval
		}
	}
	return s
}

func (s scalar) stringy(p format.Type, label string) scalar {
	if p == format.ByteArray || p == format.FixedLenByteArray {
		s.kind, s.label = sString, label
	}
	return s
}

func (s scalar) decimal(p format.Type, scale, precision int32) scalar {
	switch p {
	case format.Int32, format.Int64, format.ByteArray, format.FixedLenByteArray:
		s.kind, s.scale, s.precision = sDecimal, scale, precision
	}
	return s
}

func (s scalar) time(p format.Type, k scalarKind, unit int64, utc bool) scalar {
	switch {
	case unit == 0:
	case k == sTime && p == format.Int32 && unit == 1e3,
		k == sTime && p == format.Int64 && unit >= 1e6,
		k == sTimestamp && p == format.Int64:
		s.kind, s.unit, s.utc = k, unit, utc
	}
	return s
}

func unitOf(u *format.TimeUnit) int64 {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return 1e3
	case *format.MicroSeconds:
		return 1e6
	case *format.NanoSeconds:
		return 1e9
	}
	return 0
}

// name is the type's name in Column.Type.
func (s scalar) name() string {
	switch s.kind {
	case sString:
		return s.label
	case sUnsigned:
		return "uint" + strconv.Itoa(int(s.bits))
	case sDecimal:
		return "decimal(" + strconv.Itoa(int(s.precision)) + "," + strconv.Itoa(int(s.scale)) + ")"
	case sDate:
		return "date"
	case sTime, sTimestamp:
		n := "time("
		if s.kind == sTimestamp {
			n = "timestamp("
		}
		switch s.unit {
		case 1e3:
			n += "millis"
		case 1e6:
			n += "micros"
		default:
			n += "nanos"
		}
		if s.utc {
			return n + ",utc)"
		}
		return n + ",local)"
	case sUUID:
		return "uuid"
	case sFloat16:
		return "float16"
	case sInterval:
		return "interval"
	case sNull:
		return "null"
	}
	if s.label != "" {
		return s.label
	}
	switch s.physical {
	case format.Boolean:
		return "boolean"
	case format.Int32, format.Int64:
		if s.bits == 8 || s.bits == 16 {
			return "int" + strconv.Itoa(int(s.bits))
		}
		if s.physical == format.Int32 {
			return "int32"
		}
		return "int64"
	case format.Float:
		return "float"
	case format.Double:
		return "double"
	case format.ByteArray:
		return "binary"
	case format.FixedLenByteArray:
		return "fixed_len_byte_array"
	}
	return s.physical.String()
}

// appendScalar writes a non-null value: as JSON when json is set, else as
// text (strings unquoted, as they are). It renders by the value's own kind
// when that does not match the schema, which only a damaged file shows.
func (w *renderer) appendScalar(dst []byte, s *scalar, v *pq.Value, json bool) []byte {
	kind := v.Kind()
	if format.Type(kind) != s.physical {
		return w.appendPhysical(dst, kind, v, json)
	}
	switch s.kind {
	case sString:
		return appendString(dst, v.ByteArray(), json)
	case sUnsigned:
		if kind == pq.Int32 {
			return strconv.AppendUint(dst, uint64(uint32(v.Int32())), 10)
		}
		return strconv.AppendUint(dst, v.Uint64(), 10)
	case sDecimal:
		return w.appendDecimal(dst, s, v)
	case sDate:
		return quote(json, dst, func(d []byte) []byte {
			return time.Unix(int64(v.Int32())*86400, 0).UTC().AppendFormat(d, "2006-01-02")
		})
	case sTime:
		return quote(json, dst, func(d []byte) []byte { return appendTimeOfDay(d, s, v) })
	case sTimestamp:
		return quote(json, dst, func(d []byte) []byte { return appendTimestamp(d, s, v) })
	case sUUID:
		if len(v.ByteArray()) != 16 {
			break
		}
		return quote(json, dst, func(d []byte) []byte { return appendUUID(d, v.ByteArray()) })
	case sFloat16:
		b := v.ByteArray()
		if len(b) != 2 {
			break
		}
		return appendFloat(dst, float64(float16(binary.LittleEndian.Uint16(b))), 32, json)
	case sInterval:
		b := v.ByteArray()
		if len(b) != 12 {
			break
		}
		return quote(json, dst, func(d []byte) []byte {
			ms := binary.LittleEndian.Uint32(b[8:])
			d = append(d, 'P')
			d = strconv.AppendUint(d, uint64(binary.LittleEndian.Uint32(b)), 10)
			d = append(d, 'M')
			d = strconv.AppendUint(d, uint64(binary.LittleEndian.Uint32(b[4:])), 10)
			d = append(d, "DT"...)
			d = strconv.AppendUint(d, uint64(ms/1000), 10)
			d = append(d, '.')
			d = appendPadded(d, uint64(ms%1000), 3)
			return append(d, 'S')
		})
	case sNull:
		return append(dst, "null"...)
	}
	return w.appendPhysical(dst, kind, v, json)
}

// appendPhysical writes a value by its physical type alone. Binary values
// are base64 (standard alphabet, padded): without a string annotation
// nothing says they are text.
func (w *renderer) appendPhysical(dst []byte, kind pq.Kind, v *pq.Value, json bool) []byte {
	switch kind {
	case pq.Boolean:
		return strconv.AppendBool(dst, v.Boolean())
	case pq.Int32:
		return strconv.AppendInt(dst, int64(v.Int32()), 10)
	case pq.Int64:
		return strconv.AppendInt(dst, v.Int64(), 10)
	case pq.Int96:
		s := scalar{kind: sTimestamp, physical: format.Int96, unit: 1e9, utc: true}
		return quote(json, dst, func(d []byte) []byte { return appendTimestamp(d, &s, v) })
	case pq.Float:
		return appendFloat(dst, float64(v.Float()), 32, json)
	case pq.Double:
		return appendFloat(dst, v.Double(), 64, json)
	case pq.ByteArray, pq.FixedLenByteArray:
		return quote(json, dst, func(d []byte) []byte {
			return base64.StdEncoding.AppendEncode(d, v.ByteArray())
		})
	}
	return append(dst, "null"...)
}

// quote runs f, between double quotes when json is set. f writes only
// characters that need no escaping.
func quote(json bool, dst []byte, f func([]byte) []byte) []byte {
	if !json {
		return f(dst)
	}
	dst = append(dst, '"')
	dst = f(dst)
	return append(dst, '"')
}

// Layouts of timestamps by unit, in UTC (RFC 3339) and in local time (no
// offset: the writer did not say which zone the wall clock was in).
var (
	layoutMillis = [2]string{"2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05.000"}
	layoutMicros = [2]string{"2006-01-02T15:04:05.000000Z", "2006-01-02T15:04:05.000000"}
	layoutNanos  = [2]string{"2006-01-02T15:04:05.000000000Z", "2006-01-02T15:04:05.000000000"}
)

// appendTimestamp writes a TIMESTAMP or INT96 value in RFC 3339 with as
// many fractional digits as its unit has.
func appendTimestamp(dst []byte, s *scalar, v *pq.Value) []byte {
	var sec, nsec int64
	if v.Kind() == pq.Int96 {
		// Nanoseconds within the day, then the Julian day number.
		i := v.Int96()
		nanos := int64(uint64(i[1])<<32 | uint64(i[0]))
		days := int64(i[2]) - 2440588 // the Julian day of 1970-01-01
		sec = days*86400 + floorDiv(nanos, 1e9)
		nsec = nanos - floorDiv(nanos, 1e9)*1e9
	} else {
		x := v.Int64()
		sec = floorDiv(x, s.unit)
		nsec = (x - sec*s.unit) * (1e9 / s.unit)
	}
	layouts := layoutNanos
	switch s.unit {
	case 1e3:
		layouts = layoutMillis
	case 1e6:
		layouts = layoutMicros
	}
	layout := layouts[1]
	if s.utc {
		layout = layouts[0]
	}
	return time.Unix(sec, nsec).UTC().AppendFormat(dst, layout)
}

// appendTimeOfDay writes a TIME value as HH:MM:SS with its unit's
// fractional digits, and Z when it is adjusted to UTC. A negative value
// (out of range) is written as the plain number.
func appendTimeOfDay(dst []byte, s *scalar, v *pq.Value) []byte {
	var x int64
	if v.Kind() == pq.Int32 {
		x = int64(v.Int32())
	} else {
		x = v.Int64()
	}
	if x < 0 {
		return strconv.AppendInt(dst, x, 10)
	}
	sec, frac := uint64(x/s.unit), uint64(x%s.unit)
	dst = appendPadded(dst, sec/3600, 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, sec/60%60, 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, sec%60, 2)
	dst = append(dst, '.')
	switch s.unit {
	case 1e3:
		dst = appendPadded(dst, frac, 3)
	case 1e6:
		dst = appendPadded(dst, frac, 6)
	default:
		dst = appendPadded(dst, frac, 9)
	}
	if s.utc {
		dst = append(dst, 'Z')
	}
	return dst
}

// appendPadded writes x in decimal with at least width digits.
func appendPadded(dst []byte, x uint64, width int) []byte {
	var tmp [20]byte
	d := strconv.AppendUint(tmp[:0], x, 10)
	for i := len(d); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

func floorDiv(x, y int64) int64 {
	q := x / y
	if (x%y != 0) && ((x < 0) != (y < 0)) {
		q--
	}
	return q
}

const hexDigits = "0123456789abcdef"

func appendUUID(dst, b []byte) []byte {
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hexDigits[c>>4], hexDigits[c&0x0f])
	}
	return dst
}

// maxDecimalPad is the largest scale written by padding with zeros; a
// larger one (only a damaged file has it) is written with an exponent, so
// the output stays proportional to the value.
const maxDecimalPad = 76

// appendDecimal writes a DECIMAL as a JSON number with exactly scale
// fractional digits: the unscaled value is a two's complement integer
// (big-endian for the byte array forms).
func (w *renderer) appendDecimal(dst []byte, s *scalar, v *pq.Value) []byte {
	var digits []byte
	var tmp [24]byte
	switch v.Kind() {
	case pq.Int32:
		digits = strconv.AppendInt(tmp[:0], int64(v.Int32()), 10)
	case pq.Int64:
		digits = strconv.AppendInt(tmp[:0], v.Int64(), 10)
	default:
		b := v.ByteArray()
		if len(b) == 0 {
			return append(dst, '0')
		}
		if len(b) <= 8 {
			var x int64
			if b[0]&0x80 != 0 {
				x = -1
			}
			for _, c := range b {
				x = x<<8 | int64(c)
			}
			digits = strconv.AppendInt(tmp[:0], x, 10)
		} else {
			w.big.SetBytes(b)
			if b[0]&0x80 != 0 {
				w.bigTmp.SetUint64(1)
				w.bigTmp.Lsh(&w.bigTmp, uint(8*len(b)))
				w.big.Sub(&w.big, &w.bigTmp)
			}
			w.digits = w.big.Append(w.digits[:0], 10)
			digits = w.digits
		}
	}
	neg := digits[0] == '-'
	if neg {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	scale := int(s.scale)
	switch {
	case scale == 0:
		return append(dst, digits...)
	case scale < 0 || scale > maxDecimalPad:
		dst = append(dst, digits...)
		dst = append(dst, 'e')
		return strconv.AppendInt(dst, int64(-scale), 10)
	case len(digits) > scale:
		dst = append(dst, digits[:len(digits)-scale]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-scale:]...)
	}
	dst = append(dst, "0."...)
	for i := len(digits); i < scale; i++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// appendFloat writes a float as a JSON number, in the shortest form that
// reads back as the same value of its size, with an exponent only for very
// large or small magnitudes. NaN and the infinities, which JSON numbers
// cannot hold, are written as the strings "NaN", "Infinity" and
// "-Infinity".
func appendFloat(dst []byte, f float64, bits int, json bool) []byte {
	switch {
	case math.IsNaN(f):
		return quote(json, dst, func(d []byte) []byte { return append(d, "NaN"...) })
	case math.IsInf(f, 1):
		return quote(json, dst, func(d []byte) []byte { return append(d, "Infinity"...) })
	case math.IsInf(f, -1):
		return quote(json, dst, func(d []byte) []byte { return append(d, "-Infinity"...) })
	}
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			fmt = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, fmt, -1, bits)
	if fmt == 'e' {
		// 1e-07 reads better as 1e-7.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// float16 converts an IEEE 754 half-precision value.
func float16(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch exp {
	case 0:
		// Zero or subnormal: mant × 2^-24.
		f := float32(mant) / (1 << 24)
		if sign != 0 {
			f = -f
		}
		return f
	case 0x1f:
		return math.Float32frombits(sign | 0xff<<23 | mant<<13)
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// safeJSON marks the ASCII bytes a JSON string holds as they are.
var safeJSON = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString writes s as a JSON string when json is set, escaping what
// JSON requires; bytes that are not valid UTF-8 become U+FFFD, so the
// record is always valid JSON. As text it writes s as it is, except that
// invalid UTF-8 becomes U+FFFD too.
func appendString(dst, s []byte, json bool) []byte {
	if json {
		dst = append(dst, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !json || safeJSON[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0x0f])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	if json {
		dst = append(dst, '"')
	}
	return dst
}

// bigScratch holds what decimals wider than 64 bits need, reused.
type bigScratch struct {
	big, bigTmp big.Int
	digits      []byte
}
