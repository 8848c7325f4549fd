package cloudtrail

import (
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// CloudTrail writes its records as compact JSON whose strings hold no
// escapes the document encoder would write differently, so encodeTo
// mostly writes back the very bytes it read, at the cost of undoing and
// redoing every string's escapes. canonical recognises such a value in
// one read-only pass, and the record's own bytes are then used as the
// free-form member's compact JSON instead of a copy written by encodeTo.

// canonical reports whether encodeTo would write v, a value validate
// accepted, exactly as it stands, and when it does, sets w.indexable as
// encodeTo would have. It reads each byte of v at most once, like
// encodeTo; on false, w.indexable means nothing and v is to be encoded.
//
// v is as encodeTo writes it when it has no whitespace between tokens,
// every number token is a JSON number (the others become strings), and
// every string is as ecs.AppendStringBytes writes its unescaped contents:
// no control characters, no invalid UTF-8, no U+2028 or U+2029, and only
// the escapes \" \\ \n \r \t (\/, \u0041 and the like are rewritten).
// Because output and input are then the same bytes, keys are tracked for
// closeLevel as spans of v itself, and a key's offset in v is its offset
// in the output.
func (w *jsonWriter) canonical(v value) bool {
	w.indexable = true
	w.keys = w.keys[:0]
	w.levels = w.levels[:0]
	key := false // the next string is a key
	for i := 0; i < len(v); {
		switch c := v[i]; c {
		case '{', '[':
			level := -1
			if c == '{' {
				level = len(w.keys)
			}
			w.levels = append(w.levels, level)
			key = c == '{'
			i++
		case '}', ']':
			level := w.levels[len(w.levels)-1]
			w.levels = w.levels[:len(w.levels)-1]
			if level >= 0 {
				w.closeLevel(v, level)
			}
			i++
		case ',':
			key = w.levels[len(w.levels)-1] >= 0
			i++
		case ':':
			i++
		case ' ', '\t', '\n', '\r':
			return false // encodeTo drops whitespace between tokens
		case '"':
			end := ecs.CanonicalStringEnd(v, i+1)
			if end < 0 {
				return false
			}
			if key {
				// As jsonWriter.key: the escapes kept here never make or
				// unmake a '.', so the key is judged as written.
				k := v[i+1 : end-1]
				if w.indexable && (badKey(k) || i > maxFlattenedBytes) {
					w.indexable = false
				}
				if w.indexable {
					w.keys = append(w.keys, span{i, end})
				}
				key = false
			}
			i = end
		default:
			end := i + 1
			for end < len(v) && !valueEnd[v[end]] {
				end++
			}
			if s := v[i:end]; !(string(s) == "true" || string(s) == "false" || string(s) == "null" || parser.IsJSONNumber(s)) {
				return false
			}
			i = end
		}
	}
	return true
}
