package rdspostgresql

import "bytes"

// redactedMark replaces a password literal's contents.
const redactedMark = "[REDACTED]"

// redacted replaces the passwords a record's statements set, so that
// they reach neither the index nor event.original:
//
//	CREATE ROLE app LOGIN PASSWORD 'secret'      -> PASSWORD '[REDACTED]'
//	ALTER USER app WITH ENCRYPTED PASSWORD 'x'   -> PASSWORD '[REDACTED]'
//
// PostgreSQL logs statements as they were sent (log_statement = ddl or
// all, pgaudit), so a password set in SQL lands in the log in clear. The
// literal after the keyword PASSWORD (lower, upper or capitalized case;
// then blanks, an '=' or both) has its contents replaced: a quoted
// literal, an E'...' one or a dollar-quoted one. Inside quotes both a
// doubled quote and a backslash before a quote are read as escaped
// quotes, so that a literal is never cut short (at worst more is
// replaced), and an unterminated literal is replaced to the end of the
// record. PASSWORD NULL, and the word in any other place, are left
// alone. ok is false, and data returned as it is, when nothing was
// replaced.
func redacted(data []byte) (out []byte, ok bool) {
	copied := 0
	for k := keyword(data, 0); k >= 0; k = keyword(data, k+len("password")) {
		after := k + len("password")
		p := skipBlanks(data, after)
		if p < len(data) && data[p] == '=' {
			p = skipBlanks(data, p+1)
		}
		if p == after {
			// No blank or '=' before the literal: the word itself is
			// quoted ('password'), or part of something else.
			continue
		}
		start, end := literal(data, p)
		if start < 0 {
			continue
		}
		out = append(out, data[copied:start]...)
		out = append(out, redactedMark...)
		copied = end
		if end == len(data) {
			break
		}
		k = end - len("password")
	}
	if out == nil {
		return data, false
	}
	return append(out, data[copied:]...), true
}

// keyword returns the index of the next word "password" at or after
// from, in lower, upper or capitalized case, or -1.
func keyword(data []byte, from int) int {
	for from < len(data) {
		i := bytes.Index(data[from:], []byte("assword"))
		j := bytes.Index(data[from:], []byte("ASSWORD"))
		if i < 0 || j >= 0 && j < i {
			i = j
		}
		if i < 0 {
			return -1
		}
		k := from + i - 1 // the P
		from += i + len("assword")
		if k < 0 || data[k]|0x20 != 'p' || k > 0 && isIdent(data[k-1]) || from < len(data) && isIdent(data[from]) {
			continue
		}
		return k
	}
	return -1
}

// literal returns where the contents of the string literal at data[p]
// start and end (the end at the closing quote, or len(data) when there
// is none), or -1, -1 when no literal starts there.
func literal(data []byte, p int) (start, end int) {
	if p < len(data) && data[p]|0x20 == 'e' && p+1 < len(data) && data[p+1] == '\'' {
		p++
	}
	if p >= len(data) {
		return -1, -1
	}
	switch data[p] {
	case '\'':
		for i := p + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '\'':
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return p + 1, i
			}
		}
		return p + 1, len(data)
	case '$':
		tagEnd := bytes.IndexByte(data[p+1:], '$')
		if tagEnd < 0 {
			return -1, -1
		}
		tag := data[p : p+tagEnd+2]
		for _, c := range tag[1 : len(tag)-1] {
			if !isIdent(c) {
				return -1, -1
			}
		}
		start = p + len(tag)
		if i := bytes.Index(data[start:], tag); i >= 0 {
			return start, start + i
		}
		return start, len(data)
	}
	return -1, -1
}

func skipBlanks(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80
}
