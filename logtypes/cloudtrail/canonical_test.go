package cloudtrail

import (
	"bytes"
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
)

// TestCanonical checks which values are used as they stand in the record
// and that, for those, the verdict on indexing is encodeTo's.
func TestCanonical(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        string
		canonical bool
		indexable bool
	}{
		{"compact object", `{"a":"b","c":[1,-2.5e3,true,false,null],"d":{}}`, true, true},
		{"canonical escapes", `{"p":"{\"Version\":\"2012\",\"x\":\"a\\\\b\\n\\r\\t\"}"}`, true, true},
		{"non-ASCII text", `{"name":"café ☕"}`, true, true},
		{"whitespace between tokens", `{"a": "b"}`, false, true},
		{"whitespace in an array", `[1 ,2]`, false, true},
		{"solidus escape", `{"a":"x\/y"}`, false, true},
		{"unicode escape", `{"a":"\u0041"}`, false, true},
		{"unicode escape in a key", `{"\u0061":1}`, false, true},
		{"raw control character", "{\"a\":\"x\x01y\"}", false, true},
		{"invalid UTF-8", "{\"a\":\"x\xffy\"}", false, true},
		{"line separator", "{\"a\":\"x\u2028y\"}", false, true},
		{"NaN", `{"a":NaN}`, false, true},
		{"number with a trailing dot", `{"a":1.}`, false, true},
		{"leading zero", `{"a":01}`, false, true},
		{"repeated key", `{"a":1,"b":2,"a":3}`, true, false},
		{"repeated key in a nested object", `{"x":{"k":1,"k":2}}`, true, false},
		{"repeated key in a large object", `{` + manyKeys(40) + `,"k0a":0}`, true, false},
		{"distinct keys in a large object", `{` + manyKeys(40) + `}`, true, true},
		{"same key in sibling objects", `[{"k":1},{"k":2}]`, true, true},
		{"empty key", `{"":1}`, true, false},
		{"key with a leading dot", `{".a":1}`, true, false},
		{"key with an empty segment", `{"a..b":1}`, true, false},
		{"key with a trailing dot", `{"a.":1}`, true, false},
		{"dotted key", `{"a.b.c":1}`, true, true},
		{"key past the indexed size", `{"a":"` + strings.Repeat("x", maxFlattenedBytes) + `","b":1}`, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, serr := validate([]byte(tc.in))
			if serr != nil {
				t.Fatalf("test input is not valid: %+v", serr)
			}
			w := newJSONWriter()
			if got := w.canonical(v); got != tc.canonical {
				t.Fatalf("canonical = %v, want %v", got, tc.canonical)
			}
			canonicalIndexable := w.indexable
			enc := newJSONWriter()
			out := enc.encodeTo(nil, v)
			if !tc.canonical {
				return
			}
			if !bytes.Equal(out, v) {
				t.Fatalf("canonical value %s is encoded as %s", v, out)
			}
			if canonicalIndexable != enc.indexable || canonicalIndexable != tc.indexable {
				t.Fatalf("indexable: canonical says %v, encodeTo %v, want %v", canonicalIndexable, enc.indexable, tc.indexable)
			}
		})
	}
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"k`)
		b.WriteString(strings.Repeat("x", i%3))
		b.WriteString(string(rune('0' + i%10)))
		b.WriteString(string(rune('a' + i/10)))
		b.WriteString(`":0`)
	}
	return b.String()
}

// TestIsPlain checks isPlain against the document encoder: a plain string
// is written exactly as it is, between quotes.
func TestIsPlain(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plain bool
	}{
		{"", true},
		{"a", true},
		{"1234567", true},
		{"12345678", true},
		{"arn:aws:iam::123456789012:user/Alice", true},
		{"~\x7f", true},
		{"a\"b", false},
		{"a\\b", false},
		{"tab\there", false},
		{"1234567\n", false},
		{"123456789012345\x00", false},
		{"\x1f23456789", false},
		{"caf\u00e9", false},
		{strings.Repeat("x", 17) + "\x80", false},
		{"\x80" + strings.Repeat("x", 17), false},
	} {
		if got := ecs.IsPlain([]byte(tc.in)); got != tc.plain {
			t.Errorf("ecs.IsPlain(%q) = %v, want %v", tc.in, got, tc.plain)
		}
		if tc.plain {
			want := `"` + tc.in + `"`
			if got := string(ecs.AppendStringBytes(nil, []byte(tc.in))); got != want {
				t.Errorf("plain %q is encoded as %s, want %s", tc.in, got, want)
			}
		}
	}
}
