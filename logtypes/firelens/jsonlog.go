package firelens

import (
	"bytes"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// maxFlatBytes bounds the encoded size of firelens.json. A flat_object
// indexes every leaf as a keyword term and Lucene refuses a whole document
// holding a term over 32766 bytes, so a larger object is kept only as
// text (firelens.json_text).
const maxFlatBytes = 32766

// maxFlatDepth bounds the nesting of firelens.json (OpenSearch's default
// index.mapping.depth.limit is 20); a deeper object is kept as text.
const maxFlatDepth = 20

// maxLevelBytes bounds log.level: a longer "level" is no level name.
const maxLevelBytes = 32

var parsers fastjson.ParserPool

var writers = sync.Pool{New: func() any { return new(flatWriter) }}

// jsonLine maps a line that is one JSON object (an application's
// structured log) and reports whether it was one. Its members are kept
// under firelens.json (or firelens.json_text), and the common ones are
// mapped: message or msg to message, level (severity, log.level) to
// log.level, @timestamp (timestamp, time, ts) to @timestamp, logger to
// log.logger, trace and span ids to trace.id and span.id.
func jsonLine(line []byte, ev *ecs.Event) bool {
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) < 2 || trimmed[0] != '{' {
		return false
	}
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(trimmed)
	if err != nil || v.Type() != fastjson.TypeObject {
		return false
	}
	obj, _ := v.Object()
	var m members
	obj.Visit(m.visit)

	if t, ok := timeOf(m.time); ok {
		ev.Date("@timestamp", t)
	}
	w := writers.Get().(*flatWriter)
	defer writers.Put(w)
	w.buf, w.keys = w.buf[:0], w.keys[:0]
	if w.object(obj, 1) && len(w.buf) > 2 && len(w.buf) <= maxFlatBytes {
		ev.RawJSON(pathJSON, w.buf)
	} else if !w.clean || len(w.buf) > 2 {
		// Not indexable as a flat_object, or too large: the compact JSON
		// as one string.
		w.buf = v.MarshalTo(w.buf[:0])
		w.text = ecs.AppendStringBytes(w.text[:0], w.buf)
		ev.RawJSON(pathJSONText, w.text)
	}
	if cap(w.buf) > 1<<20 || cap(w.text) > 1<<20 {
		// Do not keep a huge line's buffers.
		w.buf, w.text = nil, nil
	}
	if s := stringOf(m.logger); len(s) > 0 {
		ev.KeywordBytes("log.logger", s)
	}
	if lvl := levelOf(m.level); lvl != "" {
		ev.Keyword("log.level", lvl)
	}
	if s := stringOf(m.message); len(bytes.TrimSpace(s)) > 0 {
		ev.KeywordBytes("message", s)
	}
	if s := stringOf(m.spanID); len(s) > 0 {
		ev.KeywordBytes("span.id", s)
	}
	if s := stringOf(m.traceID); len(s) > 0 {
		ev.KeywordBytes("trace.id", s)
	}
	return true
}

// members are the members of an application's JSON line that map to ECS;
// for each, the first of its candidate names present wins.
type members struct {
	message, level, time, logger, traceID, spanID *fastjson.Value
	// rank holds, per member, the rank of the candidate found (lower is
	// preferred).
	rank [6]int8
}

func (m *members) set(slot **fastjson.Value, i int, rank int8, v *fastjson.Value) {
	if *slot == nil || rank < m.rank[i] {
		*slot, m.rank[i] = v, rank
	}
}

func (m *members) visit(key []byte, v *fastjson.Value) {
	switch string(key) {
	case "message":
		m.set(&m.message, 0, 0, v)
	case "msg":
		m.set(&m.message, 0, 1, v)
	case "log.level":
		m.set(&m.level, 1, 0, v)
	case "level":
		m.set(&m.level, 1, 1, v)
	case "severity":
		m.set(&m.level, 1, 2, v)
	case "@timestamp":
		m.set(&m.time, 2, 0, v)
	case "timestamp":
		m.set(&m.time, 2, 1, v)
	case "time":
		m.set(&m.time, 2, 2, v)
	case "ts":
		m.set(&m.time, 2, 3, v)
	case "log.logger":
		m.set(&m.logger, 3, 0, v)
	case "logger":
		m.set(&m.logger, 3, 1, v)
	case "logger_name":
		m.set(&m.logger, 3, 2, v)
	case "trace.id":
		m.set(&m.traceID, 4, 0, v)
	case "trace_id":
		m.set(&m.traceID, 4, 1, v)
	case "traceId":
		m.set(&m.traceID, 4, 2, v)
	case "span.id":
		m.set(&m.spanID, 5, 0, v)
	case "span_id":
		m.set(&m.spanID, 5, 1, v)
	case "spanId":
		m.set(&m.spanID, 5, 2, v)
	}
}

// stringOf returns a string member's text, nil for any other type. A
// value of "-" means none, as everywhere in the project.
func stringOf(v *fastjson.Value) []byte {
	if v == nil || v.Type() != fastjson.TypeString {
		return nil
	}
	s := v.GetStringBytes()
	if string(s) == "-" {
		return nil
	}
	return s
}

// pinoLevels names the numeric levels of pino and bunyan.
var pinoLevels = map[int64]string{10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal"}

// levelOf returns log.level: a level name lower-cased, or a numeric
// level named as pino and bunyan number theirs (other numbers as they
// are).
func levelOf(v *fastjson.Value) string {
	if v == nil {
		return ""
	}
	switch v.Type() {
	case fastjson.TypeString:
		s := bytes.TrimSpace(v.GetStringBytes())
		if len(s) == 0 || len(s) > maxLevelBytes || string(s) == "-" {
			return ""
		}
		return string(bytes.ToLower(s))
	case fastjson.TypeNumber:
		n, err := v.Int64()
		if err != nil {
			return ""
		}
		if name, ok := pinoLevels[n]; ok {
			return name
		}
		return strconv.FormatInt(n, 10)
	}
	return ""
}

// timeOf reads an application's time: RFC 3339 (or with a space for the
// T), or a number of seconds, milliseconds, microseconds or nanoseconds
// since the epoch, told apart by magnitude. Anything else is no time; the
// member stays under firelens.json and @timestamp comes from FireLens.
func timeOf(v *fastjson.Value) (time.Time, bool) {
	if v == nil {
		return time.Time{}, false
	}
	switch v.Type() {
	case fastjson.TypeString:
		s := v.GetStringBytes()
		if len(s) > 10 && s[10] == ' ' {
			var buf [64]byte
			if len(s) > len(buf) {
				return time.Time{}, false
			}
			b := append(buf[:0], s...)
			b[10] = 'T'
			s = b
		}
		t, err := parser.ParseRFC3339(s)
		if err != nil {
			return time.Time{}, false
		}
		return t.UTC(), true
	case fastjson.TypeNumber:
		f, err := v.Float64()
		if err != nil || f <= 0 || math.IsInf(f, 0) {
			return time.Time{}, false
		}
		switch {
		case f < 1e11: // seconds: until the year 5138
		case f < 1e14:
			f /= 1e3
		case f < 1e17:
			f /= 1e6
		default:
			f /= 1e9
		}
		if f > 253402300799 { // 9999-12-31T23:59:59Z
			return time.Time{}, false
		}
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).UTC(), true
	}
	return time.Time{}, false
}

// flatWriter writes an application's JSON object for a flat_object
// field: compact, without null, empty and "-" values (no values), and
// notes whether OpenSearch could index it (clean): no empty key, no key
// with an empty dotted segment, no key repeated within its object, and
// nesting within maxFlatDepth.
type flatWriter struct {
	buf   []byte
	clean bool
	keys  [][]byte
	// text holds the quoted form when the object goes to json_text.
	text []byte
}

// object writes obj and reports whether the whole of it is clean.
func (w *flatWriter) object(obj *fastjson.Object, depth int) bool {
	if depth == 1 {
		w.clean = true
	}
	if depth > maxFlatDepth {
		w.clean = false
		return false
	}
	start := len(w.buf)
	w.buf = append(w.buf, '{')
	keysStart := len(w.keys)
	obj.Visit(func(key []byte, v *fastjson.Value) {
		if !w.clean {
			return
		}
		if !validKey(key) {
			w.clean = false
			return
		}
		for _, k := range w.keys[keysStart:] {
			if bytes.Equal(k, key) {
				w.clean = false
				return
			}
		}
		w.keys = append(w.keys, key)
		mark := len(w.buf)
		if len(w.buf) > start+1 {
			w.buf = append(w.buf, ',')
		}
		w.buf = ecs.AppendStringBytes(w.buf, key)
		w.buf = append(w.buf, ':')
		if !w.value(v, depth) {
			w.buf = w.buf[:mark]
		}
	})
	w.keys = w.keys[:keysStart]
	w.buf = append(w.buf, '}')
	return w.clean
}

// value writes v and reports whether it wrote anything.
func (w *flatWriter) value(v *fastjson.Value, depth int) bool {
	switch v.Type() {
	case fastjson.TypeNull:
		return false
	case fastjson.TypeString:
		s := v.GetStringBytes()
		if len(s) == 0 || string(s) == "-" {
			return false
		}
		w.buf = ecs.AppendStringBytes(w.buf, s)
	case fastjson.TypeObject:
		o, _ := v.Object()
		start := len(w.buf)
		w.object(o, depth+1)
		if len(w.buf)-start == 2 { // {}
			w.buf = w.buf[:start]
			return false
		}
	case fastjson.TypeArray:
		a, _ := v.Array()
		start := len(w.buf)
		w.buf = append(w.buf, '[')
		for _, e := range a {
			mark := len(w.buf)
			if len(w.buf) > start+1 {
				w.buf = append(w.buf, ',')
			}
			if !w.value(e, depth+1) {
				w.buf = w.buf[:mark]
			}
		}
		if len(w.buf) == start+1 {
			w.buf = w.buf[:start]
			return false
		}
		w.buf = append(w.buf, ']')
	case fastjson.TypeNumber:
		// fastjson also takes NaN and Inf, which JSON has no form for:
		// such a number is written as a string.
		start := len(w.buf)
		w.buf = v.MarshalTo(w.buf)
		if !parser.IsJSONNumber(w.buf[start:]) {
			num := string(w.buf[start:])
			w.buf = ecs.AppendString(w.buf[:start], num)
		}
	default: // true, false
		w.buf = v.MarshalTo(w.buf)
	}
	return true
}

// validKey reports whether a flat_object can take key: not empty, and
// no empty segment between dots.
func validKey(key []byte) bool {
	if len(key) == 0 || key[0] == '.' || key[len(key)-1] == '.' || bytes.Contains(key, []byte("..")) {
		return false
	}
	return true
}
