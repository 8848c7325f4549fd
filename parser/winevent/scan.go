package winevent

import (
	"bytes"
	"unicode/utf8"
)

// The byte scanner reads the XML of an event as encoding/xml's RawToken
// does (in its default, strict mode), for the subset Windows writes:
// elements with ASCII names, attributes in single or double quotes, text
// with the five predefined entities and character references, CDATA
// sections and comments. On anything else (a processing instruction or
// declaration inside the event, a non-ASCII name, a self-closing root) and
// on every error, it gives up, and the event is read again by encoding/xml
// from the start: so the scanner only has to be right about what it
// accepts, and what is accepted and what every error says stay
// encoding/xml's. FuzzScanner checks that both read the same.
//
// It costs a table lookup a byte and a switch on each name, against
// encoding/xml's bytes.Reader call a byte and its allocations for every
// name, attribute and token.

// Byte classes, a bit each in class.
const (
	// cChar marks the bytes that need a look in every kind of character
	// data: control characters (but tab and line feed, which stand for
	// themselves), '\r' (a line end to normalize) and the bytes of
	// multi-byte UTF-8 sequences (to validate).
	cChar = 1 << iota
	// cMarkup marks '&' and '<', which need a look in text and attribute
	// values (not in CDATA sections).
	cMarkup
	// cGT marks '>', which needs a look in text only ("]]>" is refused
	// there).
	cGT
	// cName marks the ASCII bytes of names but ':', which is looked at
	// apart; cFirst those that may start one (the same as encoding/xml's
	// tables: letters, '_' and ':').
	cName
	cFirst
	cSpace
)

// What needs a look in each kind of character data.
const (
	inCDATA = cChar
	inValue = cChar | cMarkup
	inText  = cChar | cMarkup | cGT
)

var class = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf, c < ' ' && c != '\t' && c != '\n':
			t[c] |= cChar
		case c == '&' || c == '<':
			t[c] |= cMarkup
		case c == '>':
			t[c] |= cGT
		}
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
			t[c] |= cName | cFirst
		case c == ':':
			t[c] |= cFirst
		case '0' <= c && c <= '9', c == '.', c == '-':
			t[c] |= cName
		case c == ' ', c == '\t', c == '\r', c == '\n':
			t[c] |= cSpace
		}
	}
	return t
}()

// scan reads the element at data[start] into e (made empty by begin),
// as parse does with encoding/xml, and reports whether it could. When it
// could not, e holds part of the event and the Parser's state is spoiled:
// the caller starts again.
func (p *Parser) scan(data []byte, start int, e *Event, opt Options) bool {
	p.open = p.open[:0]
	i := start
	for {
		if i >= len(data) {
			return false // the data ends inside the root
		}
		if data[i] != '<' {
			// Text, up to the next '<'.
			k := bytes.IndexByte(data[i:], '<')
			if k < 0 {
				return false
			}
			src := data[i : i+k]
			var ok bool
			if p.capture > 0 {
				p.text, ok = appendChars(p.text, src, inText)
			} else {
				ok = checkChars(src, inText)
			}
			if !ok {
				return false
			}
			i += k
			continue
		}
		if i+1 >= len(data) {
			return false
		}
		switch data[i+1] {
		case '/':
			var ok bool
			if i, ok = p.scanEnd(data, i+2, e); !ok {
				return false
			}
			if len(p.open) == 0 {
				return checkTrailing(data, i) == nil
			}
		case '!':
			var ok bool
			if i, ok = p.scanBang(data, i); !ok {
				return false
			}
		case '?':
			// A processing instruction: encoding/xml reads one named xml
			// for its version and encoding.
			return false
		default:
			var ok bool
			if i, ok = p.scanStart(data, i+1, e, opt); !ok {
				return false
			}
		}
	}
}

// scanName reads the name at data[i]: its end, and the offset of its
// colon, -1 when it has none. ok is false for a name encoding/xml would
// refuse, or one with a non-ASCII byte, which the scanner leaves to it.
func scanName(data []byte, i int) (end, colon int, ok bool) {
	if i >= len(data) || class[data[i]]&cFirst == 0 {
		return i, -1, false
	}
	colon, end = -1, i
	for {
		for end < len(data) && class[data[end]]&cName != 0 {
			end++
		}
		if end == len(data) || data[end] != ':' {
			break
		}
		if colon >= 0 {
			return end, colon, false // encoding/xml refuses two colons
		}
		colon = end
		end++
	}
	if end < len(data) && data[end] >= utf8.RuneSelf {
		return end, colon, false
	}
	return end, colon, true
}

// split splits the name data[i:end] with its colon (or -1) into prefix
// and local name as encoding/xml does: a colon first or last is part of
// the local name.
func split(data []byte, i, end, colon int) (space, local []byte) {
	if colon <= i || colon == end-1 {
		return nil, data[i:end]
	}
	return data[i:colon], data[colon+1 : end]
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && class[data[i]]&cSpace != 0 {
		i++
	}
	return i
}

// scanStart reads a start tag from data[i], past its '<', and returns the
// offset past its '>'.
func (p *Parser) scanStart(data []byte, i int, e *Event, opt Options) (int, bool) {
	nameStart := i
	end, colon, ok := scanName(data, i)
	if !ok {
		return i, false
	}
	_, local := split(data, nameStart, end, colon)
	i = end
	t := &p.tag
	t.local = local
	t.attrs = t.attrs[:0]
	p.abuf = p.abuf[:0]
	empty := false
	for {
		i = skipSpace(data, i)
		if i >= len(data) {
			return i, false
		}
		if c := data[i]; c == '>' {
			i++
			break
		} else if c == '/' {
			if i+1 >= len(data) || data[i+1] != '>' {
				return i, false
			}
			i += 2
			empty = true
			break
		}
		if len(t.attrs) == opt.MaxAttrs {
			return i, false
		}
		aStart := i
		aEnd, aColon, ok := scanName(data, i)
		if !ok {
			return i, false
		}
		i = skipSpace(data, aEnd)
		if i >= len(data) || data[i] != '=' {
			return i, false
		}
		i = skipSpace(data, i+1)
		if i >= len(data) || data[i] != '"' && data[i] != '\'' {
			return i, false
		}
		k := bytes.IndexByte(data[i+1:], data[i])
		if k < 0 {
			return i, false
		}
		src := data[i+1 : i+1+k]
		i += 1 + k + 1
		// Most values stand for themselves: they point into the data.
		value := src
		if n := plain(src, inValue); n < len(src) {
			from := len(p.abuf)
			if p.abuf, ok = appendChars(p.abuf, src, inValue); !ok {
				return i, false
			}
			value = p.abuf[from:len(p.abuf):len(p.abuf)]
		}
		space, name := split(data, aStart, aEnd, aColon)
		t.attrs = append(t.attrs, attribute{space: space, local: name, value: value})
	}
	depth := len(p.open) + 1
	if depth > opt.MaxDepth {
		return i, false
	}
	if depth == 1 && (empty || string(local) != "Event") {
		// A self-closing root is no event Windows writes, and the limits
		// checked before encoding/xml reads would look past it.
		return i, false
	}
	p.open = append(p.open, span{nameStart, end})
	if p.startElement(e, t, depth) != nil {
		return i, false
	}
	if empty {
		p.open = p.open[:depth-1]
		if p.endElement(e, depth) != nil {
			return i, false
		}
	}
	return i, true
}

// scanEnd reads an end tag from data[i], past its "</", and returns the
// offset past its '>'.
func (p *Parser) scanEnd(data []byte, i int, e *Event) (int, bool) {
	n := len(p.open)
	name := p.open[n-1]
	// The name must be the open element's, byte for byte (encoding/xml's
	// names are made of the bytes alone, so equal bytes are equal names
	// and the other way round), and end there.
	raw := data[name.start:name.end]
	if !bytes.HasPrefix(data[i:], raw) {
		return i, false
	}
	i += len(raw)
	if i < len(data) && (class[data[i]]&cName != 0 || data[i] == ':' || data[i] >= utf8.RuneSelf) {
		return i, false
	}
	i = skipSpace(data, i)
	if i >= len(data) || data[i] != '>' {
		return i, false
	}
	if p.endElement(e, n) != nil {
		return i, false
	}
	p.open = p.open[:n-1]
	return i + 1, true
}

// scanBang reads the comment or CDATA section at data[i] and returns the
// offset past it.
func (p *Parser) scanBang(data []byte, i int) (int, bool) {
	rest := data[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		// encoding/xml ends a comment at the first "--", which must be
		// followed by '>'. checkLimits, which reads before it, ends it at
		// the first "-->" after "<!": they differ on "<!-->" and
		// "<!--->", left to them.
		body := rest[4:]
		if len(body) == 0 || body[0] == '>' || body[0] == '-' {
			return i, false
		}
		k := bytes.Index(body, []byte("--"))
		if k < 0 || k+2 >= len(body) || body[k+2] != '>' {
			return i, false
		}
		return i + 4 + k + 3, true
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		body := rest[9:]
		k := bytes.Index(body, []byte("]]>"))
		if k < 0 {
			return i, false
		}
		var ok bool
		if p.capture > 0 {
			p.text, ok = appendChars(p.text, body[:k], inCDATA)
		} else {
			ok = checkChars(body[:k], inCDATA)
		}
		return i + 9 + k + 3, ok
	}
	// A declaration, which parse refuses, or malformed.
	return i, false
}

// plain returns the length of the run of bytes at the start of src that
// stand for themselves in character data of the kind: four at a time,
// which halves the instructions a byte of the loop one at a time.
func plain(src []byte, kind uint8) int {
	n := 0
	for ; n+4 <= len(src); n += 4 {
		b := src[n : n+4 : n+4]
		if (class[b[0]]|class[b[1]]|class[b[2]]|class[b[3]])&kind != 0 {
			break
		}
	}
	for n < len(src) && class[src[n]]&kind == 0 {
		n++
	}
	return n
}

// checkChars reports whether src is character data that encoding/xml
// accepts as the kind (inText, inValue or inCDATA) says: appendChars
// without the appending, for text that is not kept.
func checkChars(src []byte, kind uint8) bool {
	for i := plain(src, kind); i < len(src); i += plain(src[i:], kind) {
		var ok bool
		if i, ok = checkChar(src, i, kind); !ok {
			return false
		}
	}
	return true
}

// appendChars appends src decoded as encoding/xml decodes character data
// of the kind (inText, inValue or inCDATA): entities and character
// references (but in CDATA), "\r\n" and "\r" made "\n". ok is false for
// what encoding/xml refuses, or leaves to it: an entity it does not know,
// a character XML forbids, invalid UTF-8, "]]>" in text, '<' in a value.
func appendChars(dst, src []byte, kind uint8) (_ []byte, ok bool) {
	run := 0 // src[run:i] is still to append
	for i := plain(src, kind); i < len(src); i += plain(src[i:], kind) {
		switch src[i] {
		case '\r':
			dst = append(dst, src[run:i]...)
			dst = append(dst, '\n')
			i++
			if i < len(src) && src[i] == '\n' {
				i++
			}
			run = i
		case '&':
			dst = append(dst, src[run:i]...)
			var r rune
			if r, i, ok = entity(src, i); !ok {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			run = i
		default:
			if i, ok = checkChar(src, i, kind); !ok {
				return dst, false
			}
		}
	}
	return append(dst, src[run:]...), true
}

// checkChar checks the byte at src[i], of class kind, and returns the
// offset past what it starts.
func checkChar(src []byte, i int, kind uint8) (int, bool) {
	switch c := src[i]; {
	case c >= utf8.RuneSelf:
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 || !isChar(r) {
			return i, false
		}
		return i + n, true
	case c == '\r':
		return i + 1, true
	case c == '&':
		_, next, ok := entity(src, i)
		return next, ok
	case c == '>':
		// The two bytes before a text are never "]]": markup ends with
		// '>'.
		return i + 1, i < 2 || src[i-2] != ']' || src[i-1] != ']'
	}
	// A control character, or '<' in a value.
	return i, false
}

// entity returns what the entity or character reference at src[i]
// stands for and the offset past its ';'.
func entity(src []byte, i int) (_ rune, next int, ok bool) {
	rest := src[i+1:]
	if len(rest) > 0 && rest[0] == '#' {
		// As encoding/xml: decimal, or hex after a lower case 'x', up to
		// a ';'; a surrogate's code stands for U+FFFD.
		j, base := 1, rune(10)
		if j < len(rest) && rest[j] == 'x' {
			j, base = 2, 16
		}
		digits := j
		var r rune
	loop:
		for ; j < len(rest); j++ {
			var d rune
			switch c := rest[j]; {
			case '0' <= c && c <= '9':
				d = rune(c - '0')
			case base == 16 && 'a' <= c && c <= 'f':
				d = rune(c-'a') + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = rune(c-'A') + 10
			default:
				break loop
			}
			if r = r*base + d; r > utf8.MaxRune {
				return 0, i, false
			}
		}
		if j == digits || j >= len(rest) || rest[j] != ';' {
			return 0, i, false
		}
		if 0xD800 <= r && r <= 0xDFFF {
			r = utf8.RuneError
		}
		return r, i + 1 + j + 1, isChar(r)
	}
	for _, ent := range entities {
		if bytes.HasPrefix(rest, []byte(ent.name)) {
			return rune(ent.char), i + 1 + len(ent.name), true
		}
	}
	return 0, i, false
}

var entities = [...]struct {
	name string
	char byte
}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}}

// isChar reports whether r is a character XML allows (encoding/xml's
// isInCharacterRange).
func isChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
