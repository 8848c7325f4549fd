package winevent

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// isUTF16 reports data starting with a UTF-16 byte order mark, or with a
// '<' encoded in UTF-16.
func isUTF16(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	switch string(b[:2]) {
	case "\xff\xfe", "\xfe\xff", "<\x00", "\x00<":
		return true
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// quoteStart quotes the first bytes of b for an error message.
func quoteStart(b []byte) string {
	const n = 40
	if len(b) <= n {
		return strconv.Quote(string(b))
	}
	cut := n
	for cut > n-utf8.UTFMax && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return strconv.Quote(string(b[:cut])) + "..."
}

var bom = []byte("\xef\xbb\xbf")

// skipMisc skips what may stand around the root element: whitespace, byte
// order marks, comments and processing instructions (an XML declaration).
func skipMisc(data []byte, i int) (int, error) {
	for i < len(data) {
		switch c := data[i]; {
		case isSpace(c):
			i++
		case bytes.HasPrefix(data[i:], bom):
			i += len(bom)
		case bytes.HasPrefix(data[i:], []byte("<?")):
			k := bytes.Index(data[i+2:], []byte("?>"))
			if k < 0 {
				return i, &Error{Offset: i, Reason: "malformed XML: unterminated processing instruction"}
			}
			i += 2 + k + 2
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			k := bytes.Index(data[i+4:], []byte("-->"))
			if k < 0 {
				return i, &Error{Offset: i, Reason: "malformed XML: unterminated comment"}
			}
			i += 4 + k + 3
		default:
			return i, nil
		}
	}
	return i, nil
}

// findRoot returns the offset of the <Event> element data holds, or says
// what data holds instead.
func findRoot(data []byte) (int, error) {
	i, err := skipMisc(data, 0)
	if err != nil {
		return 0, err
	}
	if i == len(data) {
		return 0, &Error{Offset: i, Reason: "not a Windows event: the document holds no element"}
	}
	if tagStart(data[i:], "<Event", false) {
		return i, nil // what describe says, without making its strings
	}
	switch what, k := describe(data[i:]); k {
	case isEvent:
		return i, nil
	case isEvents:
		return 0, &Error{Offset: i, Reason: "not a single Windows event: found " + what + ", a list of events; read it with NewReader"}
	default:
		return 0, &Error{Offset: i, Reason: "not a Windows event: found " + what + " where the <Event> element should start"}
	}
}

// checkTrailing checks that nothing but whitespace, comments and
// processing instructions follows the root element ending at data[i].
func checkTrailing(data []byte, i int) error {
	j, err := skipMisc(data, i)
	if err != nil {
		return err
	}
	if j == len(data) {
		return nil
	}
	what, k := describe(data[j:])
	if k == isEvent {
		return &Error{Offset: j, Reason: "several events in one document: another <Event> follows the first; read them with NewReader"}
	}
	return &Error{Offset: j, Reason: "unexpected " + what + " after the end of the event"}
}

type markup uint8

const (
	isOther markup = iota
	isEvent
	isEvents
)

// describe names what b starts with for an error message, and tells an
// <Event> or <Events> start tag.
func describe(b []byte) (string, markup) {
	switch {
	case len(b) == 0:
		return "the end of the data", isOther
	case b[0] != '<':
		return "text " + quoteStart(b), isOther
	case bytes.HasPrefix(b, []byte("<!--")):
		return "an unterminated comment", isOther
	case bytes.HasPrefix(b, []byte("<?")):
		return "an unterminated processing instruction", isOther
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		return "a CDATA section", isOther
	case bytes.HasPrefix(b, []byte("<!")):
		return "the declaration " + quoteStart(b[:min(len(b), declLen(b))]), isOther
	case bytes.HasPrefix(b, []byte("</")):
		return "the end tag </" + tagName(b[2:]) + ">", isOther
	}
	name := tagName(b[1:])
	if name == "" {
		return "a stray " + quoteStart(b[:min(len(b), 2)]), isOther
	}
	local := name
	if k := strings.LastIndexByte(name, ':'); k >= 0 {
		local = name[k+1:]
	}
	switch local {
	case "Event":
		return "<" + name + ">", isEvent
	case "Events":
		return "<" + name + ">", isEvents
	}
	return "the element <" + name + ">", isOther
}

// declLen is the length of the "<!WORD" that starts b.
func declLen(b []byte) int {
	i := 2
	for i < len(b) && i < 20 && !isSpace(b[i]) && b[i] != '>' && b[i] != '[' {
		i++
	}
	return i
}

// tagName returns the name at the start of b, cut to 64 bytes.
func tagName(b []byte) string {
	i := 0
	for i < len(b) && !isSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '<' && b[i] != '"' && b[i] != '\'' && b[i] != '=' {
		i++
	}
	if i > 64 {
		return string(b[:64]) + "..."
	}
	return string(b[:i])
}

// checkLimits walks the markup of the element starting at data[start],
// checking nesting and attribute counts before the decoder gets to
// allocate for them. It checks nothing else: what it does not understand
// it leaves to the decoder to report. It reads each byte once.
func checkLimits(data []byte, start int, opt Options) error {
	depth := 0
	i := start
	for i < len(data) {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		rest := data[i:]
		var term string
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			term = "-->"
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			term = "]]>"
		case bytes.HasPrefix(rest, []byte("<?")):
			term = "?>"
		case bytes.HasPrefix(rest, []byte("</")):
			depth--
			if depth <= 0 {
				return nil // the root's end; what follows is checkTrailing's
			}
			i += 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			i += 2
			continue
		}
		if term != "" {
			k := bytes.Index(rest[2:], []byte(term))
			if k < 0 {
				return nil
			}
			i += 2 + k + len(term)
			continue
		}
		end, attrs, empty := scanTag(data, i+1, opt.MaxAttrs)
		if attrs > opt.MaxAttrs {
			return &Error{Offset: i, Reason: fmt.Sprintf("element <%s> has more than %d attributes", tagName(rest[1:]), opt.MaxAttrs)}
		}
		if depth+1 > opt.MaxDepth {
			return &Error{Offset: i, Reason: fmt.Sprintf("element <%s> is nested deeper than %d levels", tagName(rest[1:]), opt.MaxDepth)}
		}
		if !empty {
			depth++
		}
		i = end
	}
	return nil
}

// scanTag reads a start tag from data[i] (past its '<') and returns the
// offset past its '>' (or of a '<' or the end of the data, which leave it
// malformed), its count of attributes (at most maxAttrs+1: it stops there)
// and whether it ends with "/>".
func scanTag(data []byte, i, maxAttrs int) (end, attrs int, empty bool) {
	prev := byte(0)
	for i < len(data) {
		c := data[i]
		switch c {
		case '"', '\'':
			k := bytes.IndexByte(data[i+1:], c)
			if k < 0 {
				return len(data), attrs, false
			}
			i += 1 + k + 1
			prev = c
			continue
		case '=':
			attrs++
			if attrs > maxAttrs {
				return i, attrs, false
			}
		case '>':
			return i + 1, attrs, prev == '/'
		case '<':
			return i, attrs, false
		}
		prev = c
		i++
	}
	return i, attrs, false
}

// tagStart reports a tag named name (with its "<" or "</") at the start of
// b: name followed by a space, '>' or (for a start tag) '/', or by the end
// of the stream when eof.
func tagStart(b []byte, name string, eof bool) bool {
	if !bytes.HasPrefix(b, []byte(name)) {
		return false
	}
	if len(b) == len(name) {
		return eof
	}
	c := b[len(name)]
	return isSpace(c) || c == '>' || c == '/' && name[1] != '/'
}
