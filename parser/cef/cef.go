package cef

import (
	"bytes"
	"fmt"
)

// SyntaxError reports a record that holds no CEF event, or whose header or
// extension cannot be read.
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

// Record is one parsed CEF record.
//
// Its byte slices alias the input given to Parse, with their capacity cut
// to their length, except the header fields and values that held escapes:
// those are unescaped into a buffer the Record owns and reuses. Everything
// is valid until the input is modified or the Record is passed to Parse
// again: a consumer that keeps a value must copy it.
type Record struct {
	// Prefix is what precedes "CEF:" (usually a syslog header), without
	// the blanks that separate it from "CEF:"; nil when the record starts
	// with "CEF:".
	Prefix []byte
	// Version is the text between "CEF:" and the first pipe, "0" or "1".
	Version []byte
	// The header fields, in their order, unescaped.
	DeviceVendor  []byte
	DeviceProduct []byte
	DeviceVersion []byte
	// SignatureID is the Device Event Class ID.
	SignatureID []byte
	Name        []byte
	// Severity is the severity as written; SeverityLevel interprets it.
	Severity []byte
	// Extension is the text after the seventh pipe, as written.
	Extension []byte
	// Fields are the extension's key=value pairs in their order.
	Fields []Field

	buf []byte // unescaped header fields and values
}

// Field is one key=value pair of the extension.
type Field struct {
	// Key is the key as written: "src", "sourceAddress", "cs1Label",
	// "TrendMicroDsTenant".
	Key []byte
	// Value is the unescaped value: Raw itself when Raw holds no escape.
	Value []byte
	// Raw is the value as written, without the blanks (spaces, tabs)
	// around it.
	Raw []byte
	// Offset is the byte offset of Key in the input.
	Offset int

	id int16 // 1 + index in keys; -1 when not a dictionary key; 0 when not looked up
}

// Standard returns the dictionary entry of the field's key, if it has one.
func (f *Field) Standard() (Key, bool) {
	if id := f.keyID(); id > 0 {
		return keys[id-1], true
	}
	return Key{}, false
}

func (f *Field) keyID() int16 {
	if f.id != 0 {
		return f.id
	}
	return keyID(f.Key)
}

var cefMagic = []byte("CEF:")

// Parse parses one CEF record, optionally preceded by a syslog header, into
// r, reusing r's storage: with a Record reused from one record to the next,
// a record whose values need no unescaping costs no allocation.
//
// Trailing blanks and line terminators are ignored. On error, r holds the
// header fields read before the faulty part.
func Parse(data []byte, r *Record) error {
	r.reset()
	data = bytes.TrimRight(data, " \t\r\n")
	start := bytes.Index(data, cefMagic)
	if start < 0 {
		return errorf(0, `no "CEF:" in the record`)
	}
	if prefix := bytes.TrimRight(data[:start], " \t"); len(prefix) > 0 {
		r.Prefix = prefix[:len(prefix):len(prefix)]
	}

	// The header: seven fields, each ended by a pipe that no backslash
	// escapes.
	header := [...]*[]byte{&r.Version, &r.DeviceVendor, &r.DeviceProduct,
		&r.DeviceVersion, &r.SignatureID, &r.Name, &r.Severity}
	n, fieldStart, escaped := 0, start+len(cefMagic), false
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
				if err := checkVersion(data[fieldStart:i], fieldStart); err != nil {
					return err
				}
			}
			*header[n] = r.headerField(data[fieldStart:i], escaped)
			n++
			fieldStart, escaped = i+1, false
		}
	}
	switch {
	case n == len(header):
		return r.parseExtension(data, i)
	case n < len(header)-1:
		if n == 0 {
			if err := checkVersion(data[fieldStart:], fieldStart); err != nil {
				return err
			}
		}
		return errorf(len(data), "CEF header has %d of its 7 pipe-separated fields", n+1)
	}
	// Six pipes: the record ends with the severity and has no extension,
	// unless the severity's pipe was forgotten.
	if bytes.IndexByte(data[fieldStart:], '=') >= 0 {
		return errorf(fieldStart, "no '|' after the severity, where the extension must start: %q", cut(data[fieldStart:]))
	}
	r.Severity = r.headerField(data[fieldStart:], escaped)
	return nil
}

func (r *Record) reset() {
	fields, buf := r.Fields[:0], r.buf[:0]
	*r = Record{Fields: fields, buf: buf}
}

// checkVersion requires digits, optionally followed by a dot and digits.
func checkVersion(v []byte, offset int) error {
	if len(v) == 0 {
		return errorf(offset, "CEF version is empty; expected a number such as 0 or 1")
	}
	digits, dot := 0, false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0:
			dot, digits = true, 0
		default:
			return errorf(offset, "CEF version %q is not a number such as 0 or 1", cut(v))
		}
	}
	if digits == 0 {
		return errorf(offset, "CEF version %q is not a number such as 0 or 1", cut(v))
	}
	return nil
}

// headerField returns raw, unescaped into r.buf when it holds escapes.
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

// parseExtension reads the key=value pairs of data[p:].
//
// A value runs to the next unescaped "=" whose key is preceded by a space;
// the spaces before that key separate the pairs. The scan is one pass:
// after each space it reads ahead over the bytes a key may hold, and goes
// on from where that stopped when no '=' follows them.
func (r *Record) parseExtension(data []byte, p int) error {
	n := len(data)
	ext := data[p:]
	r.Extension = ext[:len(ext):len(ext)]
	for p < n && data[p] == ' ' {
		p++
	}
	if p == n {
		return nil
	}
	keyStart := p
	if keyClass[data[p]] == keyStartChar {
		for p < n && keyClass[data[p]] != 0 {
			p++
		}
	}
	if err := checkFirstKey(data, keyStart, p); err != nil {
		return err
	}
	keyEnd := p
	for {
		valueStart := keyEnd + 1
		next, escaped := -1, false
		j := valueStart
	scan:
		for j < n {
			switch data[j] {
			case ' ':
				j++
				k := j
				if k < n && keyClass[data[k]] == keyStartChar {
					for k++; k < n && keyClass[data[k]] != 0; k++ {
					}
					if k < n && data[k] == '=' {
						next = j
						j = k
						break scan
					}
				}
				j = k // the bytes skipped are key bytes: nothing to look at
			case '\\':
				if j+1 < n {
					switch data[j+1] {
					case '=', '\\', 'n', 'r':
						escaped = true
						j++
					}
				}
				j++
			default:
				// Most bytes are plain value bytes.
				for j++; j < n && !valueSpecial[data[j]]; j++ {
				}
			}
		}
		valueEnd := n
		if next >= 0 {
			valueEnd = next - 1 // the space before the next key
		}
		r.addField(data, keyStart, keyEnd, valueStart, valueEnd, escaped)
		if next < 0 {
			return nil
		}
		keyStart, keyEnd = next, j
	}
}

// valueSpecial marks the bytes the extension scan stops at.
var valueSpecial = [256]bool{' ': true, '\\': true}

func (r *Record) addField(data []byte, keyStart, keyEnd, valueStart, valueEnd int, escaped bool) {
	for valueStart < valueEnd && isBlank(data[valueStart]) {
		valueStart++
	}
	for valueEnd > valueStart && isBlank(data[valueEnd-1]) {
		valueEnd--
	}
	key := data[keyStart:keyEnd:keyEnd]
	raw := data[valueStart:valueEnd:valueEnd]
	value := raw
	if escaped {
		start := len(r.buf)
		r.buf = appendUnescaped(r.buf, raw)
		value = r.buf[start:len(r.buf):len(r.buf)]
	}
	r.Fields = append(r.Fields, Field{Key: key, Value: value, Raw: raw, Offset: keyStart, id: keyID(key)})
}

// isBlank reports the bytes trimmed from around a value: the specification
// has no escape for them, so they could not be written back.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// appendUnescaped appends the extension value raw to dst with its escapes
// decoded: \= \\ \n \r. Any other backslash is kept as it is.
func appendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\\' && i+1 < len(raw) {
			switch raw[i+1] {
			case '=', '\\':
				i++
				c = raw[i]
			case 'n':
				i++
				c = '\n'
			case 'r':
				i++
				c = '\r'
			}
		}
		dst = append(dst, c)
	}
	return dst
}

const (
	keyChar      = 1 // may appear in a key
	keyStartChar = 2 // may start a key, and appear in it
)

// keyClass classifies the bytes of extension keys: letters, digits and
// underscores anywhere, dots, hyphens and brackets after the first byte
// (ad.* keys, arrays such as ad.name[0]).
var keyClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
			t[c] = keyStartChar
		case c == '.', c == '-', c == '[', c == ']':
			t[c] = keyChar
		}
	}
	return t
}()

// checkFirstKey reports why the extension does not start with a key
// running from start to the '=' at end, if it does not.
func checkFirstKey(data []byte, start, end int) error {
	switch {
	case end < len(data) && data[end] == '=' && end > start:
		return nil
	case end < len(data) && data[end] == '=':
		return errorf(start, "extension starts with '=', with no key before it")
	}
	word := data[start:]
	if i := bytes.IndexByte(word, ' '); i >= 0 {
		word = word[:i]
	}
	if eq := bytes.IndexByte(word, '='); eq > 0 {
		return errorf(end, "extension key %q holds %q: keys are letters, digits and _ . - [ ], and start with a letter, a digit or _",
			cut(word[:eq]), data[end])
	}
	return errorf(start, "extension starts with %q, not with a key=value pair", cut(data[start:]))
}

// maxQuoted bounds the text an error quotes.
const maxQuoted = 64

func cut(b []byte) []byte {
	if len(b) > maxQuoted {
		return b[:maxQuoted]
	}
	return b
}

// Get returns the value of the field whose key is name, given in either
// form for a dictionary key: Get("src") and Get("sourceAddress") both find
// a field written src=... or sourceAddress=.... Other keys are matched
// exactly. When the key occurs more than once, the last occurrence wins, as
// it does for a decoder that stores the pairs in a map.
func (r *Record) Get(name string) ([]byte, bool) {
	if i := r.index(name); i >= 0 {
		return r.Fields[i].Value, true
	}
	return nil, false
}

// Lookup is Get returning the whole field.
func (r *Record) Lookup(name string) (Field, bool) {
	if i := r.index(name); i >= 0 {
		return r.Fields[i], true
	}
	return Field{}, false
}

func (r *Record) index(name string) int {
	if id := keyIDs[name]; id != 0 {
		return r.indexID(id)
	}
	for i := len(r.Fields) - 1; i >= 0; i-- {
		if string(r.Fields[i].Key) == name {
			return i
		}
	}
	return -1
}

func (r *Record) indexID(id int16) int {
	for i := len(r.Fields) - 1; i >= 0; i-- {
		if r.Fields[i].keyID() == id {
			return i
		}
	}
	return -1
}

// Label returns the label of the custom field name: for "cs1" or
// "deviceCustomString1", the value of cs1Label. For keys outside the
// dictionary the label is the value of the key followed by "Label", the
// convention vendors follow for their own pairs.
func (r *Record) Label(name string) ([]byte, bool) {
	if id := keyIDs[name]; id != 0 {
		if l := labelOf[id]; l != 0 {
			if i := r.indexID(l); i >= 0 {
				return r.Fields[i].Value, true
			}
		}
		return nil, false
	}
	for i := len(r.Fields) - 1; i >= 0; i-- {
		k := r.Fields[i].Key
		if len(k) == len(name)+len(labelSuffix) && string(k[:len(name)]) == name && string(k[len(name):]) == labelSuffix {
			return r.Fields[i].Value, true
		}
	}
	return nil, false
}

// ByLabel returns the custom field whose label is label: in a record with
// cn1=12 cn1Label=Host ID, ByLabel("Host ID") returns the cn1 field. Labels
// are compared exactly. Custom pairs of the dictionary (csN, cnN, cfpN,
// c6aN, deviceCustomDateN, flexStringN, flexNumberN, flexDate1) are
// matched in either form; any other key K is labelled by KLabel. When
// several fields carry the label, the last one names the field, and
// ByLabel reports false if that field is absent.
func (r *Record) ByLabel(label string) (Field, bool) {
	for i := len(r.Fields) - 1; i >= 0; i-- {
		f := &r.Fields[i]
		if string(f.Value) != label || !isLabelKey(f.Key) {
			continue
		}
		if id := f.keyID(); id > 0 {
			if target := labelled[id]; target != 0 {
				if j := r.indexID(target); j >= 0 {
					return r.Fields[j], true
				}
			}
			return Field{}, false
		}
		name := f.Key[:len(f.Key)-len(labelSuffix)]
		for j := len(r.Fields) - 1; j >= 0; j-- {
			if bytes.Equal(r.Fields[j].Key, name) {
				return r.Fields[j], true
			}
		}
		return Field{}, false
	}
	return Field{}, false
}

func isLabelKey(k []byte) bool {
	return len(k) > len(labelSuffix) && string(k[len(k)-len(labelSuffix):]) == labelSuffix
}

// SeverityLevel interprets Severity: an integer from 0 to 10 as it is, or
// one of the words of the specification, case-insensitively: Low 0,
// Medium 4, High 7, Very-High 9 (the lowest level of each word's band, as
// Elastic maps them). Unknown, any other word and any other number report
// false.
func (r *Record) SeverityLevel() (int, bool) {
	return severityLevel(bytes.Trim(r.Severity, " "))
}

func severityLevel(s []byte) (int, bool) {
	if len(s) > 0 && len(s) <= 2 {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				n = -1
				break
			}
			n = n*10 + int(c-'0')
		}
		if n >= 0 {
			return n, n <= 10
		}
	}
	switch {
	case bytes.EqualFold(s, []byte("low")):
		return 0, true
	case bytes.EqualFold(s, []byte("medium")):
		return 4, true
	case bytes.EqualFold(s, []byte("high")):
		return 7, true
	case bytes.EqualFold(s, []byte("very-high")), bytes.EqualFold(s, []byte("very high")):
		return 9, true
	}
	return 0, false
}
