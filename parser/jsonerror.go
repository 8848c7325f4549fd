package parser

import "strings"

// JSONReason shortens an error of fastjson's parser for a dead-letter
// reason. fastjson says "cannot parse …:" once per nesting level, some
// 14 KB for a record nested deeper than its limit of 300, with the cause
// at the very end; JSONReason keeps the innermost "cannot parse …" and
// the cause, and clips the unparsed tail fastjson quotes to 64 bytes.
func JSONReason(err error) string {
	const prefix, tail = "cannot parse ", "; unparsed tail: "
	s := err.Error()
	for strings.HasPrefix(s, prefix) {
		i := strings.Index(s, ": ")
		if i < 0 || !strings.HasPrefix(s[i+2:], prefix) {
			break
		}
		s = s[i+2:]
	}
	if i := strings.Index(s, tail); i >= 0 && len(s) > i+len(tail)+64 {
		s = s[:i+len(tail)+64] + "…"
	}
	return s
}
