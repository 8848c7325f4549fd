package cloudfront

import "bytes"

// Cookies and credential headers are secrets: whoever reads the index
// could replay a bearer token or take over a session. Their values are
// redacted wherever this type writes them, names and separators kept as
// logged, so that an analyst still sees which cookies a request carried
// and which authentication scheme it used.

// redactedMark replaces a secret value.
const redactedMark = "[REDACTED]"

// credentialHeaders are the request headers whose values are secrets,
// lower case.
var credentialHeaders = [][]byte{
	[]byte("authorization"), []byte("proxy-authorization"), []byte("cookie"),
	[]byte("x-api-key"), []byte("x-amz-security-token"), []byte("x-auth-token"),
}

// encodedNewline ends each header of cs-headers.
var encodedNewline = []byte("%0A")

// redactCookie appends a cookie header as logged ("a=1;%20b=2"), each
// value replaced ("a=[REDACTED];%20b=[REDACTED]"). A part without "="
// is a value alone and is replaced whole.
func redactCookie(dst, v []byte) []byte {
	for i, part := range bytes.Split(v, []byte(";")) {
		if i > 0 {
			dst = append(dst, ';')
		}
		name, _, hasValue := bytes.Cut(part, []byte("="))
		if !hasValue {
			// The blanks before a name, then the value alone.
			trimmed := bytes.TrimLeft(part, " ")
			for bytes.HasPrefix(trimmed, []byte("%20")) {
				trimmed = trimmed[3:]
			}
			dst = append(dst, part[:len(part)-len(trimmed)]...)
			if len(trimmed) > 0 {
				dst = append(dst, redactedMark...)
			}
			continue
		}
		dst = append(append(append(dst, name...), '='), redactedMark...)
	}
	return dst
}

// redactHeaders appends cs-headers ("name:value%0A..."), the value of
// each credential header redacted: an Authorization value keeps its
// scheme ("Bearer%20[REDACTED]"), a Cookie its cookie names.
func redactHeaders(dst, v []byte) []byte {
	for len(v) > 0 {
		line, rest, found := bytes.Cut(v, encodedNewline)
		v = rest
		name, value, ok := bytes.Cut(line, []byte(":"))
		switch {
		case !ok || !isCredential(name):
			dst = append(dst, line...)
		case bytes.EqualFold(name, []byte("cookie")):
			dst = redactCookie(append(append(dst, name...), ':'), value)
		case bytes.EqualFold(name, []byte("authorization")), bytes.EqualFold(name, []byte("proxy-authorization")):
			dst = append(append(dst, name...), ':')
			if scheme, _, ok := bytes.Cut(value, []byte("%20")); ok {
				dst = append(append(dst, scheme...), "%20"...)
			}
			dst = append(dst, redactedMark...)
		default:
			dst = append(append(append(dst, name...), ':'), redactedMark...)
		}
		if found {
			dst = append(dst, encodedNewline...)
		}
	}
	return dst
}

func isCredential(name []byte) bool {
	for _, c := range credentialHeaders {
		if bytes.EqualFold(name, c) {
			return true
		}
	}
	return false
}

// redactSecrets returns the cookie and cs-headers values to write, and
// whether either differs from the record's.
func redactSecrets(cookie, headers []byte) (rc, rh []byte, redacted bool) {
	if cookie != nil {
		rc = redactCookie(nil, cookie)
		redacted = !bytes.Equal(rc, cookie)
	}
	rh = headers
	if hasCredential(headers) {
		rh = redactHeaders(nil, headers)
		redacted = redacted || !bytes.Equal(rh, headers)
	}
	return rc, rh, redacted
}

// hasCredential reports whether cs-headers has a credential header, so
// that the common record without one is written without a copy.
func hasCredential(headers []byte) bool {
	for v := headers; len(v) > 0; {
		var line []byte
		line, v, _ = bytes.Cut(v, encodedNewline)
		if name, _, ok := bytes.Cut(line, []byte(":")); ok && isCredential(name) {
			return true
		}
	}
	return false
}

// redactedOriginal appends the record's fields joined by sep again, with
// its cookie and cs-headers fields replaced by their redacted values.
func redactedOriginal(dst []byte, fields [][]byte, sep byte, p *plan, cookie, headers []byte) []byte {
	for i, f := range fields {
		if i > 0 {
			dst = append(dst, sep)
		}
		if i < p.n {
			switch c := p.cols[i]; {
			case c == colCookie && cookie != nil:
				f = cookie
			case c == colHeaders && headers != nil:
				f = headers
			}
		}
		dst = append(dst, f...)
	}
	return dst
}
