package leef

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// The fuzz target checks what Parse promises: header fields are spans of
// the input or their unescaped form, keys and values are spans of the
// input where the grammar puts them, with nothing but delimiters and
// blanks between attributes, and writing the record back and parsing it
// again gives the same record.

var fuzzSeeds = []string{
	qradarExchange, stealthWatch, deepSecurityLEEF, deepSecurityFirewall, carbonBlack,
	"LEEF:2.0|V|P|1|E|X7C|a=1|b=2", "LEEF:2.0|V|P|1|E|¦|a=1¦b=x¦y=2", "LEEF:2.0|V|P|1|E|xA6|a=1¦b=2",
	"LEEF:2.0|V|P|1|E||a=1\tb=2", "LEEF:2.0|V|P|1|E|msg=a|b\tc=d|e", `LEEF:1.0|Ven\|dor|Pro\\duct|1\|2|E|a=b`,
	"LEEF:1.0|V|P|1|E|\t src =1\t\t \tdst=2\t\r\n", "LEEF:1.0|V|P|1|E|msg=line one\tline two\t\tx\tsev=3\t=x",
	"LEEF:1.0|V|P|1|Logon Event", "LEEF:2.0|V|P|1|E|x5E", "LEEF:2.0|V|P|1|E| |a=1 b=2  c=3", "LEEF:2|||||a=1",
	"", "LEEF:", "LEEF:3.0|", "LEEF:1.0|V|P", "LEEF:1.0|V|P|1|E src=1", "LEEF:2.0|V|P|1|E|^^|a=1",
	"LEEF:2.0|V|P|1|E|xD800|a=1", "LEEF:2.0|V|P|1|E|x3D|a=1", "LEEF:1.0|V|P|1|E|free text", "LEEF:2.0|V|P|1|E|^| ^=1",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		input := bytes.Clone(data)
		var r Record
		err := Parse(data, &r)
		if !bytes.Equal(data, input) {
			t.Fatalf("Parse modified its input")
		}
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(data) {
				t.Fatalf("error %v is not a *SyntaxError within the input", err)
			}
			return
		}
		checkRecord(t, data, &r)

		rendered := render(&r)
		var again Record
		if err := Parse(rendered, &again); err != nil {
			t.Fatalf("re-rendered record %q does not parse: %v", rendered, err)
		}
		if a, b := describe(&r), describe(&again); a != b {
			t.Fatalf("re-rendered record %q parses differently:\n got %s\nwant %s", rendered, b, a)
		}
	})
}

func describe(r *Record) string {
	var b bytes.Buffer
	for _, f := range [][]byte{r.Prefix, r.Version, r.Vendor, r.Product, r.ProductVersion, r.EventID, r.Delimiter} {
		b.WriteString("\"" + string(f) + "\"")
	}
	for _, a := range r.Attributes {
		b.WriteString(" \"" + string(a.Key) + "\"=\"" + string(a.Value) + "\"")
	}
	return b.String()
}

// render writes r back, escaping the header.
func render(r *Record) []byte {
	var b []byte
	if len(r.Prefix) > 0 {
		b = append(append(b, r.Prefix...), ' ')
	}
	b = append(append(b, "LEEF:"...), r.Version...)
	for _, h := range [][]byte{r.Vendor, r.Product, r.ProductVersion, r.EventID} {
		b = append(b, '|')
		for _, c := range h {
			if c == '|' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, c)
		}
	}
	b = append(b, '|')
	if r.DelimiterField != nil {
		b = append(append(b, r.DelimiterField...), '|')
	}
	for i, a := range r.Attributes {
		if i > 0 {
			b = append(b, r.Delimiter...)
		}
		b = append(append(append(b, a.Key...), '='), a.Value...)
	}
	// A line terminator ending the last value would end the record
	// instead: a trailing delimiter, which Parse skips, keeps it a value.
	if n := len(r.Attributes); n > 0 {
		if v := r.Attributes[n-1].Value; len(v) > 0 && (v[len(v)-1] == '\n' || v[len(v)-1] == '\r') {
			b = append(b, r.Delimiter...)
		}
	}
	return b
}

// offsetIn returns where sub starts in data, or -1 when sub does not alias
// data. Empty slices carry no position and report -2.
func offsetIn(data, sub []byte) int {
	if len(sub) == 0 {
		return -2
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(sub)))
	if p < base || p+uintptr(len(sub)) > base+uintptr(len(data)) {
		return -1
	}
	return int(p - base)
}

// referenceHeader splits the header the obvious way.
func referenceHeader(data []byte) (spans [][2]int, rest int) {
	start := bytes.Index(data, []byte("LEEF:")) + 5
	for i := start; i < len(data) && len(spans) < 5; i++ {
		if data[i] == '\\' && i+1 < len(data) && (data[i+1] == '|' || data[i+1] == '\\') {
			i++
			continue
		}
		if data[i] == '|' {
			spans = append(spans, [2]int{start, i})
			start = i + 1
		}
	}
	return spans, start
}

func unescapeHeader(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && (b[i+1] == '|' || b[i+1] == '\\') {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

func checkRecord(t *testing.T, data []byte, r *Record) {
	trimmed := bytes.TrimRight(data, "\r\n")
	at := bytes.Index(trimmed, []byte("LEEF:"))
	if got, want := string(r.Prefix), string(bytes.TrimRight(trimmed[:at], " \t")); got != want {
		t.Fatalf("prefix %q, want %q", got, want)
	}
	if len(r.Prefix) > 0 && offsetIn(data, r.Prefix) != 0 {
		t.Fatalf("prefix does not alias the start of the input")
	}
	spans, rest := referenceHeader(trimmed)
	if len(spans) == 4 {
		spans = append(spans, [2]int{rest, len(trimmed)})
		rest = len(trimmed)
	}
	if len(spans) != 5 {
		t.Fatalf("parsed a header of %d fields", len(spans))
	}
	for i, h := range [][]byte{r.Version, r.Vendor, r.Product, r.ProductVersion, r.EventID} {
		raw := trimmed[spans[i][0]:spans[i][1]]
		if !bytes.Equal(h, unescapeHeader(raw)) {
			t.Fatalf("header field %d = %q, want %q unescaped", i, h, raw)
		}
		if bytes.Equal(h, raw) && len(h) > 0 && offsetIn(data, h) != spans[i][0] {
			t.Fatalf("header field %d %q holds no escape but does not alias the input", i, h)
		}
	}

	want := []byte{'\t'}
	if r.DelimiterField != nil {
		off := offsetIn(data, r.DelimiterField)
		if off != -2 && off != rest {
			t.Fatalf("delimiter field %q is not where the header ends", r.DelimiterField)
		}
		c, ok := delimiter(r.DelimiterField)
		if !ok {
			t.Fatalf("delimiter field %q accepted", r.DelimiterField)
		}
		want = utf8.AppendRune(nil, c)
		rest += len(r.DelimiterField) + 1
	}
	if !bytes.Equal(r.Delimiter, want) {
		t.Fatalf("delimiter %q, want %q", r.Delimiter, want)
	}
	if bytes.Equal(r.Delimiter, []byte("=")) {
		t.Fatalf("'=' accepted as delimiter")
	}

	d := r.Delimiter
	pos := min(rest, len(trimmed))
	for i, a := range r.Attributes {
		if a.Offset < pos || offsetIn(data, a.Key) != a.Offset {
			t.Fatalf("attribute %d: key %q at %d is not a span of the input after %d", i, a.Key, a.Offset, pos)
		}
		gap := trimmed[pos:a.Offset]
		if i > 0 && !bytes.HasPrefix(gap, d) {
			t.Fatalf("attribute %d: %q before it, not a delimiter", i, gap)
		}
		if len(bytes.Trim(bytes.ReplaceAll(gap, d, nil), " \t")) != 0 {
			t.Fatalf("attribute %d: %q before it", i, gap)
		}
		if len(a.Key) == 0 || isBlank(a.Key[0]) || isBlank(a.Key[len(a.Key)-1]) || bytes.IndexByte(a.Key, '=') >= 0 || bytes.Contains(a.Key, d) {
			t.Fatalf("attribute %d: key %q", i, a.Key)
		}
		eq := a.Offset + len(a.Key)
		for eq < len(trimmed) && isBlank(trimmed[eq]) {
			eq++
		}
		if eq == len(trimmed) || trimmed[eq] != '=' {
			t.Fatalf("attribute %d: no '=' after key %q", i, a.Key)
		}
		valueAt := offsetIn(data, a.Value)
		if valueAt == -2 {
			valueAt = eq + 1
		}
		if valueAt != eq+1 {
			t.Fatalf("attribute %d: value %q does not follow its '='", i, a.Value)
		}
		pos = valueAt + len(a.Value)
		if pos < len(trimmed) && !bytes.HasPrefix(trimmed[pos:], d) {
			t.Fatalf("attribute %d: value %q ends before %q, not at a delimiter", i, a.Value, trimmed[pos:])
		}
	}
	if tail := trimmed[pos:]; len(bytes.Trim(bytes.ReplaceAll(tail, d, nil), " \t")) != 0 {
		t.Fatalf("%q after the last attribute", tail)
	}
}
