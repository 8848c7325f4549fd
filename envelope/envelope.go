package envelope

import (
	"fmt"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/parser"
)

// Envelope names, as in siem.Envelope.Name and parser.Delivery.Envelope.
const (
	NameCloudWatchLogs       = "cloudwatch-logs"
	NameEventBridge          = "eventbridge"
	NameCloudWatchLogsExport = "cloudwatch-logs-export"
	NameFireLens             = "firelens"
)

// RuleControlMessage is the exclusion rule under which the messages of a
// CloudWatch Logs CONTROL_MESSAGE payload (the health check a subscription
// sends to its destination) are counted.
const RuleControlMessage = "cloudwatch-logs-control-message"

// Limits. Memory per object is bounded by them, whatever the object's
// size.
const (
	// MaxPayloadBytes bounds one JSON value of a JSON envelope: a
	// CloudWatch Logs subscription payload (AWS caps a batch at about
	// 1 MiB of messages, which escaping can grow several times), an
	// EventBridge event (256 KiB at most) or a FireLens line. A longer
	// value is reported as one *parser.RecordError and reading goes on
	// after it; for a CloudWatch Logs payload that error stands for all
	// the messages the payload held.
	MaxPayloadBytes = 8 << 20
	// MaxMessageBytes bounds a message that the envelope assembles from
	// several lines: a multi-line message of a CloudWatch Logs export, a
	// FireLens message reassembled from Docker partial messages. A longer
	// message is reported as a *parser.RecordError holding its start.
	MaxMessageBytes = 4 << 20
	// MaxErrorRawBytes is how much of a broken payload or message a
	// *parser.RecordError keeps in Raw (its Size then tells the length
	// seen): enough to recognise it without copying megabytes into the
	// dead-letter store.
	MaxErrorRawBytes = 64 << 10
)

// recordError builds the error for one broken record, cutting raw to
// MaxErrorRawBytes (copied, as raw may alias a reader's buffer) and
// keeping its length in Size when cut.
func recordError(number, line, offset int64, reason string, raw []byte, size int64, d *parser.Delivery) *parser.RecordError {
	if size < int64(len(raw)) {
		size = int64(len(raw))
	}
	keep := raw
	if len(keep) > MaxErrorRawBytes {
		keep = keep[:MaxErrorRawBytes]
	}
	re := &parser.RecordError{Number: number, Line: line, Offset: offset, Reason: reason, Raw: append([]byte(nil), keep...), Delivery: d}
	if size > int64(len(keep)) {
		re.Size = size
	}
	return re
}

// firehoseError recognises the error records Firehose writes to a
// bucket's error prefix (processing-failed/, decompression-failed/,
// format-conversion-failed/, ...) when it cannot process or deliver a
// record: JSON objects with attemptsMade and errorCode or rawData. It
// returns the reason a dead letter gives for one.
func firehoseError(obj []byte, what string) (string, bool) {
	var attempts, code, msg []byte
	raw := false
	members(obj, func(key, v []byte) bool {
		switch string(key) {
		case "attemptsMade":
			attempts = v
		case "errorCode":
			code = v
		case "errorMessage":
			msg = v
		case "rawData":
			raw = true
		}
		return true
	})
	if attempts == nil || (code == nil && !raw) {
		return "", false
	}
	var p fastjson.Parser
	return fmt.Sprintf("Firehose error record, not %s: Firehose writes one to the error prefix of its bucket for each record it failed to process or deliver "+
		"(errorCode %s, errorMessage %s, attemptsMade %s); the original record is in its rawData, base64-encoded. "+
		"It is never normalized: fix the cause Firehose names, then replay rawData",
		what, scalarText(&p, code), scalarText(&p, msg), scalarText(&p, attempts)), true
}

// scalarText renders a JSON scalar for a reason: a string unquoted and
// quoted again with Go syntax, clipped, anything else as written.
func scalarText(p *fastjson.Parser, v []byte) string {
	if len(v) == 0 {
		return "(none)"
	}
	if v[0] == '"' {
		return strconv.Quote(clip(jsonString(p, v), 200))
	}
	return clip(string(v), 40)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// jsonString unescapes the JSON string whose span (quotes included) is v.
// Strings without escapes, the common case, cost no parse.
func jsonString(p *fastjson.Parser, v []byte) string {
	if len(v) < 2 || v[0] != '"' {
		return ""
	}
	inner := v[1 : len(v)-1]
	if !hasBackslash(inner) {
		return string(inner)
	}
	pv, err := p.ParseBytes(v)
	if err != nil {
		return string(inner)
	}
	return string(pv.GetStringBytes())
}

func hasBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// describeJSON names the JSON type of a value by its first byte, for
// reasons.
func describeJSON(v []byte) string {
	v = skipBOMAndSpace(v)
	if len(v) == 0 {
		return "empty value"
	}
	switch v[0] {
	case '{':
		return "JSON object"
	case '[':
		return "JSON array"
	case '"':
		return "JSON string"
	case 't', 'f':
		return "JSON boolean"
	case 'n':
		return "JSON null"
	}
	return "JSON number"
}

// parseTimeRFC3339 reads an RFC 3339 timestamp; a zero time when v is
// none. UTC times ("2026-11-27T10:05:00Z", as AWS writes them) are read
// without allocating.
func parseTimeRFC3339(v []byte) time.Time {
	if len(v) == 0 {
		return time.Time{}
	}
	if t, n, ok := exportTimestamp(v); ok && n == len(v) {
		return t
	}
	t, err := time.Parse(time.RFC3339Nano, string(v))
	if err != nil {
		return time.Time{}
	}
	return t
}

// arena collects the strings of one payload in one buffer so that they
// become Go strings with a single allocation: the strings of one payload
// live and die together.
type arena struct {
	buf  []byte
	ends []int
}

func (a *arena) reset() {
	a.buf = a.buf[:0]
	a.ends = a.ends[:0]
}

// add appends b and returns its index.
func (a *arena) add(b []byte) int {
	a.buf = append(a.buf, b...)
	a.ends = append(a.ends, len(a.buf))
	return len(a.ends) - 1
}

// strings converts the buffer once; get then returns the string of an
// index without allocating.
func (a *arena) strings() arenaStrings {
	return arenaStrings{s: string(a.buf), ends: a.ends}
}

type arenaStrings struct {
	s    string
	ends []int
}

func (s arenaStrings) get(i int) string {
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.s[start:s.ends[i]]
}

// maxPooledBytes is the largest JSON value after which a reader's parser
// still goes back to the pool: the parser keeps a copy of the largest
// value it parsed, which should not stay pinned after a rare giant one.
// Busy CloudWatch Logs payloads run to 1 or 2 MiB (1 MiB of messages, and
// about 100 bytes of id, timestamp and quoting per event).
const maxPooledBytes = 4 << 20

// parsers are shared between the readers of successive objects, so that a
// parser's buffers, grown once, serve every object: a new parser
// allocates for every value of its first payload. The arena for the
// payload's strings travels with it.
var parsers = sync.Pool{New: func() any { return new(parseState) }}

type parseState struct {
	p    fastjson.Parser
	strs arena
}

// pooledParser is a reader's parser, returned to the pool once the reader
// is done (at the end of its stream, when no value it returned is in use
// any more).
type pooledParser struct {
	s       *parseState
	largest int
}

func (pp *pooledParser) state() *parseState {
	if pp.s == nil {
		pp.s = parsers.Get().(*parseState)
	}
	return pp.s
}

func (pp *pooledParser) parse(b []byte) (*fastjson.Value, error) {
	pp.largest = max(pp.largest, len(b))
	return pp.state().p.ParseBytes(b)
}

// arena returns the arena for the strings of one payload, reset.
func (pp *pooledParser) arena() *arena {
	a := &pp.state().strs
	a.reset()
	return a
}

// release returns the parser to the pool; values it returned are invalid
// from then on.
func (pp *pooledParser) release() {
	if pp.s != nil && pp.largest <= maxPooledBytes && cap(pp.s.strs.buf) <= maxPooledBytes {
		parsers.Put(pp.s)
	}
	pp.s, pp.largest = nil, 0
}
