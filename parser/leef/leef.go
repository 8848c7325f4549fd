package leef

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// SyntaxError reports a record that holds no LEEF event, or whose header or
// attributes cannot be read.
type SyntaxError struct {
	// Offset is the byte offset in the input given to Parse where the
	// problem was found.
	Offset int
	// Reason says what is wrong and what was expected.
	Reason string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Reason)
}

func errorf(offset int, format string, args ...any) error {
	return &SyntaxError{Offset: offset, Reason: fmt.Sprintf(format, args...)}
}

// Record is one parsed LEEF record.
//
// Its byte slices alias the input given to Parse, with their capacity cut
// to their length, except the header fields that held escapes and the
// Delimiter: those live in a buffer the Record owns and reuses. Everything
// is valid until the input is modified or the Record is passed to Parse
// again: a consumer that keeps a value must copy it.
type Record struct {
	// Prefix is what precedes "LEEF:" (usually a syslog header), without
	// the blanks that separate it from "LEEF:"; nil when the record starts
	// with "LEEF:".
	Prefix []byte
	// Version is the text between "LEEF:" and the first pipe: "1.0" or
	// "2.0".
	Version []byte
	// The header fields, in their order, unescaped.
	Vendor         []byte
	Product        []byte
	ProductVersion []byte
	EventID        []byte
	// DelimiterField is the LEEF 2.0 delimiter field as written: "^",
	// "x09", "0x5E", or empty. It is nil when the record has none: always
	// in LEEF 1.0, and in LEEF 2.0 records that go straight from the
	// event ID to the attributes.
	DelimiterField []byte
	// Delimiter is the UTF-8 encoding of the character that separates
	// attributes: a tab unless DelimiterField names another.
	Delimiter []byte
	// Attributes are the key=value pairs in their order.
	Attributes []Attribute

	buf []byte // unescaped header fields and the delimiter
}

// Attribute is one key=value pair.
type Attribute struct {
	// Key is the key as written, without blanks around it.
	Key []byte
	// Value is everything after the first '=' up to the next delimiter
	// that starts another attribute, as written.
	Value []byte
	// Offset is the byte offset of Key in the input.
	Offset int
}

var leefMagic = []byte("LEEF:")

// Parse parses one LEEF 1.0 or 2.0 record, optionally preceded by a syslog
// header, into r, reusing r's storage: with a Record reused from one record
// to the next, parsing costs no allocation.
//
// A line terminator at the end of the record is ignored. On error, r holds
// the header fields read before the faulty part.
func Parse(data []byte, r *Record) error {
	r.reset()
	data = bytes.TrimRight(data, "\r\n")
	start := bytes.Index(data, leefMagic)
	if start < 0 {
		return errorf(0, `no "LEEF:" in the record`)
	}
	if prefix := bytes.TrimRight(data[:start], " \t"); len(prefix) > 0 {
		r.Prefix = prefix[:len(prefix):len(prefix)]
	}

	header := [...]*[]byte{&r.Version, &r.Vendor, &r.Product, &r.ProductVersion, &r.EventID}
	major := 0
	n, fieldStart, escaped := 0, start+len(leefMagic), false
	i := fieldStart
	for ; i < len(data) && n < len(header); i++ {
		switch data[i] {
		case '\\':
			if i+1 < len(data) && (data[i+1] == '|' || data[i+1] == '\\') {
				escaped = true
				i++
			}
		case '|':
			if n == 0 {
				var err error
				if major, err = checkVersion(data[fieldStart:i], fieldStart); err != nil {
					return err
				}
			}
			*header[n] = r.headerField(data[fieldStart:i], escaped)
			n++
			fieldStart, escaped = i+1, false
		}
	}
	switch {
	case n < len(header)-1:
		if n == 0 {
			if _, err := checkVersion(data[fieldStart:], fieldStart); err != nil {
				return err
			}
		}
		return errorf(len(data), "LEEF header has %d of its 5 pipe-separated fields", n+1)
	case n == len(header)-1:
		// The record ends with the event ID and has no attributes,
		// unless the event ID's pipe was forgotten.
		if bytes.IndexByte(data[fieldStart:], '=') >= 0 {
			return errorf(fieldStart, "no '|' after the event ID, where the attributes must start: %q", cut(data[fieldStart:]))
		}
		r.EventID = r.headerField(data[fieldStart:], escaped)
		r.setDelimiter('\t')
		return nil
	}

	if major == 2 {
		var err error
		if i, err = r.parseDelimiterField(data, i); err != nil {
			return err
		}
	} else {
		r.setDelimiter('\t')
	}
	return r.parseAttributes(data, i)
}

func (r *Record) reset() {
	attrs, buf := r.Attributes[:0], r.buf[:0]
	*r = Record{Attributes: attrs, buf: buf}
}

// checkVersion returns the major version of v, which must be 1 or 2,
// optionally followed by a dot and digits.
func checkVersion(v []byte, offset int) (int, error) {
	ok := len(v) > 0 && (v[0] == '1' || v[0] == '2')
	if ok && len(v) > 1 {
		ok = v[1] == '.' && len(v) > 2
		for _, c := range v[min(2, len(v)):] {
			ok = ok && c >= '0' && c <= '9'
		}
	}
	if !ok {
		return 0, errorf(offset, "LEEF version %q is not 1.0 or 2.0", cut(v))
	}
	return int(v[0] - '0'), nil
}

// headerField returns raw, unescaped into r.buf when it holds escapes:
// \| and \\, as in CEF headers.
func (r *Record) headerField(raw []byte, escaped bool) []byte {
	if !escaped {
		return raw[:len(raw):len(raw)]
	}
	start := len(r.buf)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\\' && i+1 < len(raw) && (raw[i+1] == '|' || raw[i+1] == '\\') {
			i++
			c = raw[i]
		}
		r.buf = append(r.buf, c)
	}
	return r.buf[start:len(r.buf):len(r.buf)]
}

func (r *Record) setDelimiter(c rune) {
	start := len(r.buf)
	r.buf = utf8.AppendRune(r.buf, c)
	r.Delimiter = r.buf[start:len(r.buf):len(r.buf)]
}

// parseDelimiterField reads the LEEF 2.0 delimiter field at data[p:], if
// the record has one, and returns where the attributes start.
//
// The field is optional: when the text up to the next pipe holds an '='
// (or there is no pipe and the text holds one), it is the first attribute
// and the delimiter is a tab.
func (r *Record) parseDelimiterField(data []byte, p int) (int, error) {
	rest := data[p:]
	field, next := rest, len(data)
	if pipe := bytes.IndexByte(rest, '|'); pipe >= 0 {
		field, next = rest[:pipe], p+pipe+1
	}
	if bytes.IndexByte(field, '=') >= 0 {
		r.setDelimiter('\t')
		return p, nil
	}
	c, ok := delimiter(field)
	switch {
	case !ok:
		return 0, errorf(p, "LEEF 2.0 delimiter %q is neither one character nor a hex code such as x09 or 0x5E", cut(field))
	case c == '=':
		return 0, errorf(p, "LEEF 2.0 delimiter %q is '=', which separates keys from values", cut(field))
	}
	r.DelimiterField = field[:len(field):len(field)]
	r.setDelimiter(c)
	return next, nil
}

// delimiter reads a delimiter field: empty for a tab, one character, or
// x or 0x followed by 1 to 4 hex digits naming a Unicode code point.
func delimiter(field []byte) (rune, bool) {
	if len(field) == 0 {
		return '\t', true
	}
	if c, size := utf8.DecodeRune(field); size == len(field) {
		if c == utf8.RuneError && size == 1 {
			return 0, false // one byte that is not UTF-8
		}
		return c, true
	}
	hex := field
	switch {
	case len(hex) > 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'):
		hex = hex[2:]
	case hex[0] == 'x' || hex[0] == 'X':
		hex = hex[1:]
	default:
		return 0, false
	}
	if len(hex) == 0 || len(hex) > 4 {
		return 0, false
	}
	var c rune
	for _, h := range hex {
		switch {
		case h >= '0' && h <= '9':
			c = c<<4 | rune(h-'0')
		case h >= 'a' && h <= 'f':
			c = c<<4 | rune(h-'a'+10)
		case h >= 'A' && h <= 'F':
			c = c<<4 | rune(h-'A'+10)
		default:
			return 0, false
		}
	}
	return c, utf8.ValidRune(c)
}

// parseAttributes reads the attributes of data[p:], separated by
// r.Delimiter.
//
// A segment between delimiters with a key before its first '=' starts an
// attribute. Segments of blanks are skipped; any other segment belongs to
// the previous attribute's value, a value holding the delimiter.
func (r *Record) parseAttributes(data []byte, p int) error {
	n := len(data)
	d := r.Delimiter
	valueStart := -1 // of the last attribute
	for {
		end := n
		var at int
		if len(d) == 1 {
			at = bytes.IndexByte(data[p:], d[0])
		} else {
			at = bytes.Index(data[p:], d)
		}
		if at >= 0 {
			end = p + at
		}
		if segStart := skipBlanks(data, p, end); segStart < end {
			eq := bytes.IndexByte(data[segStart:end], '=')
			keyEnd := segStart + eq
			for eq >= 0 && keyEnd > segStart && isBlank(data[keyEnd-1]) {
				keyEnd--
			}
			switch {
			case eq >= 0 && keyEnd > segStart:
				valueStart = segStart + eq + 1
				r.Attributes = append(r.Attributes, Attribute{
					Key:    data[segStart:keyEnd:keyEnd],
					Value:  data[valueStart:end:end],
					Offset: segStart,
				})
			case valueStart >= 0:
				r.Attributes[len(r.Attributes)-1].Value = data[valueStart:end:end]
			case eq >= 0:
				return errorf(segStart, "attributes start with '=', with no key before it")
			default:
				return errorf(segStart, "attributes start with %q, not with a key=value pair", cut(data[segStart:end]))
			}
		}
		if at < 0 {
			return nil
		}
		p = end + len(d)
	}
}

func skipBlanks(data []byte, p, end int) int {
	for p < end && isBlank(data[p]) {
		p++
	}
	return p
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// maxQuoted bounds the text an error quotes.
const maxQuoted = 64

func cut(b []byte) []byte {
	if len(b) > maxQuoted {
		return b[:maxQuoted]
	}
	return b
}

// Get returns the value of the attribute whose key is name, compared
// exactly. When the key occurs more than once, the last occurrence wins,
// as it does for a decoder that stores the pairs in a map.
func (r *Record) Get(name string) ([]byte, bool) {
	if i := r.index(name); i >= 0 {
		return r.Attributes[i].Value, true
	}
	return nil, false
}

// Lookup is Get returning the whole attribute.
func (r *Record) Lookup(name string) (Attribute, bool) {
	if i := r.index(name); i >= 0 {
		return r.Attributes[i], true
	}
	return Attribute{}, false
}

func (r *Record) index(name string) int {
	for i := len(r.Attributes) - 1; i >= 0; i-- {
		if string(r.Attributes[i].Key) == name {
			return i
		}
	}
	return -1
}

const labelSuffix = "Label"

// Label returns the label of the attribute name: the value of the key
// name followed by "Label", the convention CEF set and LEEF producers such
// as Deep Security follow (cn1 and cn1Label).
func (r *Record) Label(name string) ([]byte, bool) {
	for i := len(r.Attributes) - 1; i >= 0; i-- {
		k := r.Attributes[i].Key
		if len(k) == len(name)+len(labelSuffix) && string(k[:len(name)]) == name && string(k[len(name):]) == labelSuffix {
			return r.Attributes[i].Value, true
		}
	}
	return nil, false
}

// ByLabel returns the attribute whose label is label: with cn1=88 and
// cn1Label=Host ID, ByLabel("Host ID") is the cn1 attribute. Labels are
// compared exactly; when several attributes carry the label, the last one
// names the attribute, and ByLabel reports false if that one is absent.
func (r *Record) ByLabel(label string) (Attribute, bool) {
	for i := len(r.Attributes) - 1; i >= 0; i-- {
		k := r.Attributes[i].Key
		if string(r.Attributes[i].Value) != label || len(k) <= len(labelSuffix) || string(k[len(k)-len(labelSuffix):]) != labelSuffix {
			continue
		}
		name := k[:len(k)-len(labelSuffix)]
		for j := len(r.Attributes) - 1; j >= 0; j-- {
			if bytes.Equal(r.Attributes[j].Key, name) {
				return r.Attributes[j], true
			}
		}
		return Attribute{}, false
	}
	return Attribute{}, false
}

// SeverityLevel reads the sev attribute: an integer from 1 to 10 in the
// specification, 0 accepted too. Anything else reports false.
func (r *Record) SeverityLevel() (int, bool) {
	v, ok := r.Get("sev")
	if !ok {
		return 0, false
	}
	v = bytes.Trim(v, " ")
	if len(v) == 0 || len(v) > 2 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= 10
}

// DevTime returns the devTime attribute and the devTimeFormat that says how
// to read it (a Java SimpleDateFormat pattern such as
// "MMM dd yyyy HH:mm:ss.SSS zzz"), nil when the record has none. Reading
// the time is left to the caller.
func (r *Record) DevTime() (value, format []byte, ok bool) {
	value, ok = r.Get("devTime")
	format, _ = r.Get("devTimeFormat")
	return value, format, ok
}
