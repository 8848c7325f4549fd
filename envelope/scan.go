package envelope

import (
	"bytes"
	"errors"
	"fmt"
)

// The byte scanning here finds the members of a JSON object and the spans
// of their values without decoding them, so that an envelope can hand a
// member (an EventBridge detail) to the log type exactly as the source
// wrote it, and so that sniffing can read the top-level keys of a
// possibly cut-off head. Every function is linear in its input and uses
// no recursion: nesting is a counter, so no depth of nesting costs stack.

// errTruncated reports input that ends inside the object.
var errTruncated = errors.New("the JSON object is cut off")

// syntaxError reports bytes no JSON object can hold where they stand.
type syntaxError struct {
	at   int
	what string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("malformed JSON at byte %d: %s", e.at, e.what)
}

func errSyntax(b []byte, at int, want string) error {
	return &syntaxError{at: at, what: fmt.Sprintf("want %s, found %q", want, b[at])}
}

var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func skipSpace(b []byte, i int) int {
	for i < len(b) && jsonSpace[b[i]] {
		i++
	}
	return i
}

// skipBOMAndSpace returns b without a leading UTF-8 byte order mark and
// whitespace.
func skipBOMAndSpace(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	return b[skipSpace(b, 0):]
}

// stringEnd returns the index just past the closing quote of the string
// whose opening quote is at b[i], or -1 when b ends first. The next quote
// and the next backslash are each searched for once and remembered until
// passed, so runs of escapes keep the scan linear.
func stringEnd(b []byte, i int) int {
	p := i + 1
	q, e := -1, -1
	for {
		if q < p {
			k := bytes.IndexByte(b[p:], '"')
			if k < 0 {
				return -1
			}
			q = p + k
		}
		if e < p {
			k := bytes.IndexByte(b[p:q], '\\')
			if k < 0 {
				e = q
			} else {
				e = p + k
			}
		}
		if e < q {
			p = e + 2 // the backslash and the byte it escapes
			if p > len(b) {
				return -1
			}
			continue
		}
		return q + 1
	}
}

// valueEnd returns the index just past the JSON value starting at b[i]
// (which is not whitespace), or an error. Containers are delimited by
// depth alone; bracket kinds are not matched against each other, which is
// left to whoever parses the value.
func valueEnd(b []byte, i int) (int, error) {
	switch b[i] {
	case '"':
		end := stringEnd(b, i)
		if end < 0 {
			return 0, errTruncated
		}
		return end, nil
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end := stringEnd(b, j)
				if end < 0 {
					return 0, errTruncated
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errTruncated
	case '}', ']', ',', ':':
		return 0, errSyntax(b, i, "a value")
	}
	j := i
	for j < len(b) && !jsonSpace[b[j]] && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ':' && b[j] != '"' {
		j++
	}
	if j == len(b) {
		// A number or literal at the very end may be cut.
		return j, errTruncated
	}
	return j, nil
}

// members calls visit with the raw key (between its quotes, escapes left
// as written) and the value span of each member of the object at the
// start of b, in order, until visit returns false. It returns
// errTruncated when b ends inside the object (after visiting the members
// before the cut) and a *syntaxError when the bytes are not an object.
func members(b []byte, visit func(key, value []byte) bool) error {
	return scanMembers(b, visit, nil)
}

// scanMembers is members; when the data ends inside a member's value and
// cut is not nil, it is called with that member's key first.
func scanMembers(b []byte, visit func(key, value []byte) bool, cut func(key []byte)) error {
	i := skipSpace(b, 0)
	if i == len(b) {
		return errTruncated
	}
	if b[i] != '{' {
		return errSyntax(b, i, "'{'")
	}
	i++
	for {
		i = skipSpace(b, i)
		if i == len(b) {
			return errTruncated
		}
		switch b[i] {
		case '}':
			return nil
		case ',':
			i++
			continue
		case '"':
		default:
			return errSyntax(b, i, "a key or '}'")
		}
		kend := stringEnd(b, i)
		if kend < 0 {
			return errTruncated
		}
		key := b[i+1 : kend-1]
		i = skipSpace(b, kend)
		if i == len(b) {
			return errTruncated
		}
		if b[i] != ':' {
			return errSyntax(b, i, "':' after the key")
		}
		i = skipSpace(b, i+1)
		if i == len(b) {
			return errTruncated
		}
		vend, err := valueEnd(b, i)
		if err != nil {
			if err == errTruncated && cut != nil {
				cut(key)
			}
			return err
		}
		if !visit(key, b[i:vend]) {
			return nil
		}
		i = vend
	}
}

// topKeys reports which of the wanted keys are top-level keys of the JSON
// object at the start of head (after a byte order mark and whitespace),
// as a bit set in the order of want, and whether the object was complete
// within head. A head that does not start with '{' has no keys.
func topKeys(head []byte, want ...string) (found uint32, complete bool) {
	head = skipBOMAndSpace(head)
	if len(head) == 0 || head[0] != '{' {
		return 0, false
	}
	mark := func(key []byte) {
		for i, w := range want {
			if string(key) == w {
				found |= 1 << i
			}
		}
	}
	// A key counts as soon as it is read, even when the head ends inside
	// its value: a FireLens record's log line can outgrow the head.
	err := scanMembers(head, func(key, _ []byte) bool { mark(key); return true }, mark)
	return found, err == nil
}
