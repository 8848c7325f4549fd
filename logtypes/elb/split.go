package elb

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/siem-go/siem/ecs"
)

// splitLine cuts an access log line into fields exactly as
// parser.SplitQuoted does (single spaces between fields, a quoted field
// running to the next quote no backslash escapes, the same errors), and
// while it is at it proves which fields need no JSON escaping.
//
// Why not SplitQuoted and ecs.Event.KeywordBytes: a quarter of an ALB
// entry's cost was scanning the same bytes twice, once to find where each
// field ends and once more, in KeywordBytes, to find bytes a JSON string
// must escape; the URL, the domain and the trace id were even escaped
// twice each. Here one eight-byte-at-a-time scan looks for both at once:
// the first byte that is a field's end or needs escaping stops it, so
// finding a field's end proves, for free, that nothing before it needs
// care. A field so proven has its bit set in plainMask, and a quoted one
// can then be written as the quoted span of the line itself (see
// entry.setKeyword).
//
// starts receives each field's offset in line; fields beyond its length
// (or beyond the 64th) get no offset and are never called plain. Work is linear in the line: every byte is looked at
// once by the word scan and at most once more by the byte loops.
func splitLine(line []byte, dst [][]byte, starts []int32) (fields [][]byte, plainMask uint64, err error) {
	dst = dst[:0]
	n := len(line)
	if n == 0 {
		return dst, 0, nil
	}
	// The scans are written out here rather than called: an entry has
	// some thirty fields, most of them a few bytes long, and a call per
	// field cost more than the scanning itself.
	for i := 0; ; {
		col := len(dst)
		if line[i] == '"' {
			p := i + 1
			for p <= n-8 {
				if m := needsCare8(binary.LittleEndian.Uint64(line[p : p+8])); m != 0 {
					p += bits.TrailingZeros64(m) >> 3
					break
				}
				p += 8
			}
			for p < n && plainByte[line[p]] {
				p++
			}
			end := p
			if p < n && line[p] == '"' {
				if col < 64 {
					plainMask |= 1 << col
				}
			} else if end = quotedEndSlow(line, p); end < 0 {
				return dst, plainMask, fmt.Errorf("column %d: quoted field has no closing quote", col+1)
			}
			if col < len(starts) {
				starts[col] = int32(i + 1)
			}
			dst = append(dst, line[i+1:end:end])
			i = end + 1
			if i == n {
				return dst, plainMask, nil
			}
			if line[i] != ' ' {
				return dst, plainMask, fmt.Errorf("column %d: %q right after the closing quote, where a space must be", len(dst), line[i])
			}
			i++
		} else {
			p := i
			for p <= n-8 {
				if m := spaceOrCare8(binary.LittleEndian.Uint64(line[p : p+8])); m != 0 {
					p += bits.TrailingZeros64(m) >> 3
					break
				}
				p += 8
			}
			for p < n && plainByte[line[p]] && line[p] != ' ' {
				p++
			}
			if p == n || line[p] == ' ' {
				if col < 64 {
					plainMask |= 1 << col
				}
			} else {
				for p < n && line[p] != ' ' {
					p++
				}
			}
			if col < len(starts) {
				starts[col] = int32(i)
			}
			dst = append(dst, line[i:p:p])
			if p == n {
				return dst, plainMask, nil
			}
			i = p + 1
		}
		if i == n {
			// A trailing space leaves an empty last field.
			if col+1 < len(starts) {
				starts[col+1] = int32(n)
			}
			if col+1 < 64 {
				plainMask |= 1 << (col + 1)
			}
			return append(dst, line[n:n:n]), plainMask, nil
		}
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// needsCare8 returns a mask whose lowest set high bit marks the first of
// the eight bytes of w (little-endian) that a JSON string cannot hold as
// it is: a control byte, '"', '\\' or a byte of a non-ASCII character.
// Higher bits may be spurious (borrows); only the lowest is exact.
func needsCare8(w uint64) uint64 {
	lessThan20 := (w - ones*0x20) &^ w
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	return (w | lessThan20 | ((quote - ones) &^ quote) | ((backslash - ones) &^ backslash)) & highs
}

// spaceOrCare8 is needsCare8 that also stops at a space, which ends an
// unquoted field: a space is 0x20, so "below 0x21" finds it together with
// the control bytes.
func spaceOrCare8(w uint64) uint64 {
	lessThan21 := (w - ones*0x21) &^ w
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	return (w | lessThan21 | ((quote - ones) &^ quote) | ((backslash - ones) &^ backslash)) & highs
}

// plainByte marks the bytes a JSON string holds as they are.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// quotedEndSlow finds the closing quote of a quoted field from p on, once
// a byte needing escape showed the field is not plain: the first '"' no
// backslash escapes, or -1 when the line ends first.
func quotedEndSlow(b []byte, p int) int {
	for p < len(b) {
		switch b[p] {
		case '"':
			return p
		case '\\':
			p += 2 // the backslash and the byte it escapes
		default:
			p++
		}
	}
	return -1
}

// setKeyword sets path to field col as a string, as KeywordBytes would,
// but without escaping a field the split proved plain: a quoted one is
// copied with its quotes straight from the line, an unquoted one is
// quoted on the stack. An absent field ("-") sets nothing.
func (e *entry) setKeyword(ev *ecs.Event, path string, col int) {
	v := e.value(col)
	if v == nil {
		return
	}
	if !e.isPlain(col) {
		ev.KeywordBytes(path, v)
		return
	}
	if s := e.starts[col]; s > 0 && e.line[s-1] == '"' {
		ev.RawJSON(path, e.line[s-1:int(s)+len(v)+1])
		return
	}
	ev.KeywordPlainBytes(path, v)
}

// setList sets path to the sep-separated items of field col, as setList
// does. A plain quoted field of one item, as most are ("forward", a
// single target), is its quoted span in brackets: no item loop, no
// escape check.
func (e *entry) setList(ev *ecs.Event, path string, col int, sep byte) {
	v := e.value(col)
	if v == nil {
		return
	}
	if e.isPlain(col) && bytes.IndexByte(v, sep) < 0 {
		if s := int(e.starts[col]); s > 0 && e.line[s-1] == '"' && len(v) <= 60 {
			var buf [64]byte
			b := append(buf[:0], '[')
			b = append(b, e.line[s-1:s+len(v)+1]...)
			ev.RawJSON(path, append(b, ']'))
			return
		}
	}
	setList(ev, path, v, sep, "")
}

// isPlain reports whether field col is proven to need no JSON escaping.
func (e *entry) isPlain(col int) bool {
	return col < 64 && e.plain&(1<<col) != 0 && col < len(e.starts)
}
