package kv

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Escapes says where a backslash escapes the byte after it.
type Escapes uint8

const (
	// EscapesInQuotes, the default, recognises escapes inside quoted
	// values only: `msg="bad \"password\""`. Unquoted values are taken as
	// written, so that `path=C:\Windows\Temp` keeps its backslashes.
	EscapesInQuotes Escapes = iota
	// EscapesNone makes a backslash an ordinary byte everywhere: a quoted
	// value ends at the first matching quote.
	EscapesNone
	// EscapesEverywhere also recognises escapes in unquoted values, where
	// an escaped separator does not end the value (CEF extensions write
	// `\=`, `\\` and `\n`). A key cannot then hold a backslash.
	EscapesEverywhere
)

// Options describes a key=value dialect. The zero value reads pairs
// separated by runs of spaces and tabs, keys and values separated by "=",
// values optionally quoted with double or single quotes, backslash
// escapes inside quotes.
type Options struct {
	// Separator separates pairs. 0 means a run of spaces and tabs.
	// Another byte, such as '\t', '|', ',' or ';', separates pairs on its
	// own; values may then hold spaces, blanks around keys and after
	// unquoted values are ignored, and empty pairs (a trailing ",") are
	// skipped.
	Separator byte
	// Assign separates a key from its value. 0 means '='.
	Assign byte
	// Quotes lists the bytes that may open a quoted value, which the same
	// byte closes. "" means `"'` unless NoQuotes is set.
	Quotes string
	// NoQuotes makes quotes ordinary bytes.
	NoQuotes bool
	// Escapes says where backslash escapes are recognised.
	Escapes Escapes
	// ValuesToNextKey lets an unquoted value run over separators up to
	// the next separator followed by a key and Assign, as many firewalls
	// write: `msg=Login failed for admin src=192.0.2.1` gives msg the
	// value "Login failed for admin".
	ValuesToNextKey bool
}

// Pair is one key and its value. Key and RawValue alias the parsed line
// (their capacity cut to their length); copy them to keep them.
type Pair struct {
	Key []byte
	// RawValue is the value as written, without its quotes and with its
	// escapes. It is empty, not nil, for "key=".
	RawValue []byte
	// Quote is the byte that quoted the value, 0 if it was not quoted.
	Quote byte
	// Escaped reports that RawValue holds backslash escapes that Value
	// and AppendValue decode.
	Escaped bool
}

// Error reports where a line stops being key=value pairs and what was
// expected there.
type Error struct {
	Offset   int
	Expected string
}

func (e *Error) Error() string {
	return "offset " + strconv.Itoa(e.Offset) + ": expected " + e.Expected
}

// Parse reads line with the default Options. See Options.Parse.
func Parse(line []byte, dst []Pair) ([]Pair, error) {
	return Options{}.Parse(line, dst)
}

// Parse reads the pairs of line in order and appends them to dst[:0],
// keeping duplicate keys. It allocates nothing when dst has room for every
// pair, except to build an error. On error the pairs before the faulty one
// are returned with an *Error.
func (o Options) Parse(line []byte, dst []Pair) ([]Pair, error) {
	dst = dst[:0]
	var s scanner
	if err := s.init(&o); err != nil {
		return dst, err
	}
	n := len(line)
	for p := 0; ; {
		for p < n && (s.isSep(line[p]) || isBlank(line[p])) {
			p++
		}
		if p == n {
			return dst, nil
		}
		k := p
		for p < n && s.isKeyByte(line[p]) {
			p++
		}
		if p == n || line[p] != s.assign {
			if p == k {
				return dst, &Error{Offset: p, Expected: "a key"}
			}
			return dst, &Error{Offset: p, Expected: strconv.Quote(string(s.assign)) + " after the key"}
		}
		if p == k {
			return dst, &Error{Offset: p, Expected: "a key before " + strconv.Quote(string(s.assign))}
		}
		pair := Pair{Key: line[k:p:p]}
		p++
		if p < n && s.isQuote(line[p]) {
			q := line[p]
			end := s.closingQuote(line, p+1, q)
			if end < 0 {
				return dst, &Error{Offset: p, Expected: "a closing " + strconv.QuoteRune(rune(q)) + " for the value quoted here"}
			}
			pair.RawValue, pair.Quote = line[p+1:end:end], q
			pair.Escaped = s.escapes != EscapesNone && bytes.IndexByte(pair.RawValue, '\\') >= 0
			p = end + 1
			if s.sep != 0 {
				for p < n && isBlank(line[p]) && line[p] != s.sep {
					p++
				}
			}
			if p < n && !s.isSep(line[p]) {
				return dst, &Error{Offset: p, Expected: "a separator or the end of the line after the closing quote"}
			}
		} else {
			v := p
			if s.toNextKey {
				p = s.valueToNextKey(line, p)
			} else {
				p = s.valueEnd(line, p)
			}
			end := p
			if s.sep != 0 {
				for end > v && isBlank(line[end-1]) && !s.escaped(line, v, end-1) {
					end--
				}
			}
			pair.RawValue = line[v:end:end]
			pair.Escaped = s.escapes == EscapesEverywhere && bytes.IndexByte(pair.RawValue, '\\') >= 0
		}
		dst = append(dst, pair)
	}
}

// scanner is Options resolved for one Parse.
type scanner struct {
	sep       byte // 0: spaces and tabs
	assign    byte
	quotes    string
	escapes   Escapes
	toNextKey bool
	// class holds the role of every byte value, as a set of the c* bits.
	class [256]uint8
}

// Byte classes.
const (
	cSep    = 1 << iota // separates pairs
	cBlank              // space or tab
	cAssign             // separates key and value
	cQuote              // opens a quoted value
	cEscape             // a backslash that escapes in unquoted values

	// cNotKey are the classes a key cannot hold.
	cNotKey = cSep | cBlank | cAssign | cQuote | cEscape
)

// init resolves o into s, which must be zero.
func (s *scanner) init(o *Options) error {
	s.sep, s.assign, s.quotes, s.escapes, s.toNextKey = o.Separator, o.Assign, o.Quotes, o.Escapes, o.ValuesToNextKey
	if s.assign == 0 {
		s.assign = '='
	}
	if o.NoQuotes {
		s.quotes = ""
	} else if s.quotes == "" {
		s.quotes = `"'`
	}
	switch {
	case s.escapes > EscapesEverywhere:
		return errors.New("kv: invalid Options: unknown Escapes value " + strconv.Itoa(int(s.escapes)))
	case s.assign == s.sep || isBlank(s.assign) || s.assign == '\\' || strings.IndexByte(s.quotes, s.assign) >= 0:
		return errors.New("kv: invalid Options: Assign " + strconv.QuoteRune(rune(s.assign)) + " is also a separator, a blank, a backslash or a quote")
	case s.sep == '\\' || (s.sep != 0 && strings.IndexByte(s.quotes, s.sep) >= 0):
		return errors.New("kv: invalid Options: Separator " + strconv.QuoteRune(rune(s.sep)) + " is also a backslash or a quote")
	case strings.ContainsAny(s.quotes, " \t\\"):
		return errors.New("kv: invalid Options: Quotes " + strconv.Quote(s.quotes) + " holds a blank or a backslash")
	}
	s.class[' '] |= cBlank
	s.class['\t'] |= cBlank
	if s.sep == 0 {
		s.class[' '] |= cSep
		s.class['\t'] |= cSep
	} else {
		s.class[s.sep] |= cSep
	}
	s.class[s.assign] |= cAssign
	for i := range len(s.quotes) {
		s.class[s.quotes[i]] |= cQuote
	}
	if s.escapes == EscapesEverywhere {
		s.class['\\'] |= cEscape
	}
	return nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func (s *scanner) isSep(c byte) bool { return s.class[c]&cSep != 0 }

func (s *scanner) isQuote(c byte) bool { return s.class[c]&cQuote != 0 }

// isKeyByte reports a byte that may be part of a key: anything but a
// blank, a separator, Assign, a quote, and a backslash where it escapes.
func (s *scanner) isKeyByte(c byte) bool { return s.class[c]&cNotKey == 0 }

// escaped reports whether b[i], in an unquoted value starting at b[v], is
// escaped by an odd run of backslashes.
func (s *scanner) escaped(b []byte, v, i int) bool {
	if s.escapes != EscapesEverywhere {
		return false
	}
	k := i
	for k > v && b[k-1] == '\\' {
		k--
	}
	return (i-k)%2 == 1
}

// closingQuote returns the offset of the quote q that closes a value
// starting at b[p], or -1.
func (s *scanner) closingQuote(b []byte, p int, q byte) int {
	if s.escapes == EscapesNone {
		if i := bytes.IndexByte(b[p:], q); i >= 0 {
			return p + i
		}
		return -1
	}
	for start := p; ; {
		i := bytes.IndexByte(b[p:], q)
		if i < 0 {
			return -1
		}
		e := p + i
		k := e
		for k > start && b[k-1] == '\\' {
			k--
		}
		if (e-k)%2 == 0 {
			return e
		}
		p = e + 1
	}
}

// valueEnd returns the end of an unquoted value starting at b[p]: the next
// separator not escaped, or the end of the line.
func (s *scanner) valueEnd(b []byte, p int) int {
	for p < len(b) {
		switch s.class[b[p]] & (cSep | cEscape) {
		case 0:
			p++
		case cEscape:
			p = min(p+2, len(b))
		default:
			return p
		}
	}
	return p
}

// valueToNextKey returns the end of an unquoted value starting at b[p]
// that may hold separators: the start of the first run of separators
// followed by a key and Assign, or of the separators that end the line.
// Each byte is looked at no more than twice.
func (s *scanner) valueToNextKey(b []byte, p int) int {
	n := len(b)
	for p < n {
		switch s.class[b[p]] & (cSep | cEscape) {
		case 0:
			p++
			continue
		case cEscape:
			p = min(p+2, n)
			continue
		}
		j := p
		for j < n && (s.isSep(b[j]) || (s.sep != 0 && isBlank(b[j]))) {
			j++
		}
		k := j
		for k < n && s.isKeyByte(b[k]) {
			k++
		}
		if j == n || (k > j && k < n && b[k] == s.assign) {
			return p
		}
		p = j
	}
	return p
}

// First returns the first pair whose key is key.
func First(pairs []Pair, key string) (Pair, bool) {
	for _, p := range pairs {
		if string(p.Key) == key {
			return p, true
		}
	}
	return Pair{}, false
}

// Value returns the value with its escapes decoded: RawValue itself when
// Escaped is false, otherwise the value written into scratch[:0] (grown if
// needed). The result may alias the line, so it must not be passed back as
// the scratch of a later call, which would write into the line: keep the
// scratch buffer apart, or use AppendValue.
func (p Pair) Value(scratch []byte) []byte {
	if !p.Escaped {
		return p.RawValue
	}
	return p.AppendValue(scratch[:0])
}

// AppendValue appends the value to dst, decoding its escapes when Escaped
// is set: "\n", "\r" and "\t" become a newline, a carriage return and a
// tab; a backslash before a space or ASCII punctuation ("\"", "\\", "\=",
// "\|", ...) stands for that byte; before any other byte, and at the end
// of the value, the backslash is kept as written.
func (p Pair) AppendValue(dst []byte) []byte {
	v := p.RawValue
	if !p.Escaped {
		return append(dst, v...)
	}
	for {
		i := bytes.IndexByte(v, '\\')
		if i < 0 || i+1 == len(v) {
			return append(dst, v...)
		}
		dst = append(dst, v[:i]...)
		switch c := v[i+1]; {
		case c == 'n':
			dst = append(dst, '\n')
		case c == 'r':
			dst = append(dst, '\r')
		case c == 't':
			dst = append(dst, '\t')
		case c == ' ' || isPunct(c):
			dst = append(dst, c)
		default:
			dst = append(dst, '\\', c)
		}
		v = v[i+2:]
	}
}

// isPunct reports ASCII punctuation.
func isPunct(c byte) bool {
	return (c > ' ' && c < '0') || (c > '9' && c < 'A') || (c > 'Z' && c < 'a') || (c > 'z' && c < 0x7f)
}
