package cef

import (
	"bytes"
	"errors"
	"testing"
	"unsafe"
)

// The fuzz target checks what Parse promises rather than comparing with a
// second parser: every header field and value is a span of the input or
// the unescaped form of one, the spans are where the grammar puts them
// with nothing but blanks between them, and writing the record back with
// canonical escaping and parsing it again gives the same record.

var fuzzSeeds = []string{
	deepSecurityIPS, deepSecurityMalware, deepSecuritySystem, deepSecurityLogInspection, fortigate, checkPoint,
	`CEF:0|Ven\|dor|Pro\\duct|1.0|100|Name \| \\ x|5|msg=a\=b c\\d e\nf\rg h=`,
	`CEF:0|V|P|1|100|N|5|a=x\\=y b=x\\ c=1 d=\ e=\| f=end\`,
	`CEF:0|V|P|1|100|N|5|request=https://x/?a=b msg=1 + 1 =2 [a]=b ad.k[0]=v x-y=z`,
	"CEF:0|V|P|1|100|N|5|   a=  b   c=\t d=e \t\r\n",
	`CEF:0|V|P|1|100|N|High`,
	`CEF:1.2||||||| a=`,
	`x CEF:0|V|P|1|100|msg CEF:1|5|msg=CEF:0|x`,
	"", "CEF:", "CEF:0|V|P|1|100", "CEF:0|V|P|1|100|N|5 a=1", "CEF:0|V|P|1|100|N|5|free text",
	"CEF:0|V|P|1|100|N|5|=x", "CEF:0|V|\x00|1|100|N|5|", "CEF:0|V|P|1|100|N|5|s@rc=1", `CEF:0|V|P|1|100|N|5|src\=1`, "CEF:x|",
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

// describe is a record's content, for comparison.
func describe(r *Record) string {
	var b bytes.Buffer
	for _, f := range [][]byte{r.Prefix, r.Version, r.DeviceVendor, r.DeviceProduct, r.DeviceVersion, r.SignatureID, r.Name, r.Severity} {
		b.WriteString(quote(f))
	}
	for _, f := range r.Fields {
		b.WriteString(" " + quote(f.Key) + "=" + quote(f.Value))
	}
	return b.String()
}

func quote(b []byte) string { return "\"" + string(b) + "\"" }

// render writes r back in canonical form.
func render(r *Record) []byte {
	var b []byte
	if len(r.Prefix) > 0 {
		b = append(append(b, r.Prefix...), ' ')
	}
	b = append(append(b, "CEF:"...), r.Version...)
	for _, h := range [][]byte{r.DeviceVendor, r.DeviceProduct, r.DeviceVersion, r.SignatureID, r.Name, r.Severity} {
		b = append(b, '|')
		for _, c := range h {
			if c == '|' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, c)
		}
	}
	b = append(b, '|')
	for i, f := range r.Fields {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(append(b, f.Key...), '=')
		for _, c := range f.Value {
			switch c {
			case '\\', '=':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			default:
				b = append(b, c)
			}
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

// referenceHeader splits the header the obvious way: fields end at pipes a
// backslash does not escape.
func referenceHeader(data []byte) (spans [][2]int, rest int) {
	start := bytes.Index(data, []byte("CEF:")) + 4
	for i := start; i < len(data) && len(spans) < 7; i++ {
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
	trimmed := bytes.TrimRight(data, " \t\r\n")
	cefAt := bytes.Index(trimmed, []byte("CEF:"))
	if cefAt < 0 {
		t.Fatal("parsed a record without CEF:")
	}
	if got, want := string(r.Prefix), string(bytes.TrimRight(trimmed[:cefAt], " \t")); got != want {
		t.Fatalf("prefix %q, want %q", got, want)
	}
	if len(r.Prefix) > 0 && offsetIn(data, r.Prefix) != 0 {
		t.Fatalf("prefix does not alias the start of the input")
	}

	spans, rest := referenceHeader(trimmed)
	header := [][]byte{r.Version, r.DeviceVendor, r.DeviceProduct, r.DeviceVersion, r.SignatureID, r.Name, r.Severity}
	if len(spans) == 6 { // the record ends with the severity
		spans = append(spans, [2]int{rest, len(trimmed)})
		rest = len(trimmed)
	}
	if len(spans) != 7 {
		t.Fatalf("parsed a header of %d fields", len(spans))
	}
	for i, h := range header {
		raw := trimmed[spans[i][0]:spans[i][1]]
		if off := offsetIn(data, h); off != spans[i][0] && off != -2 && !bytes.Equal(h, unescapeHeader(raw)) {
			t.Fatalf("header field %d %q is neither the span %q nor its unescaped form", i, h, raw)
		}
		if !bytes.Equal(h, unescapeHeader(raw)) {
			t.Fatalf("header field %d = %q, want %q unescaped", i, h, raw)
		}
	}

	// The extension: blanks, then key=value pairs separated by blanks
	// ending with a space.
	if string(r.Extension) != string(trimmed[rest:]) {
		t.Fatalf("extension %q, want %q", r.Extension, trimmed[rest:])
	}
	pos := rest
	for i, f := range r.Fields {
		gap := trimmed[pos:f.Offset]
		if len(bytes.Trim(gap, " \t")) != 0 || i > 0 && (len(gap) == 0 || gap[len(gap)-1] != ' ') {
			t.Fatalf("field %d: %q between pairs", i, gap)
		}
		if offsetIn(data, f.Key) != f.Offset || len(f.Key) == 0 || keyClass[f.Key[0]] != keyStartChar {
			t.Fatalf("field %d: key %q at %d is not a key of the input", i, f.Key, f.Offset)
		}
		for _, c := range f.Key {
			if keyClass[c] == 0 {
				t.Fatalf("field %d: key %q holds %q", i, f.Key, c)
			}
		}
		valueStart := f.Offset + len(f.Key) + 1
		if trimmed[valueStart-1] != '=' {
			t.Fatalf("field %d: no '=' after key %q", i, f.Key)
		}
		rawAt := offsetIn(data, f.Raw)
		if rawAt == -2 { // an empty value: the blanks after '=' count as the gap
			rawAt = valueStart
		}
		if rawAt < valueStart || len(bytes.Trim(trimmed[valueStart:rawAt], " \t")) != 0 {
			t.Fatalf("field %d: raw value %q does not follow its key", i, f.Raw)
		}
		if len(f.Raw) > 0 && (f.Raw[0] == ' ' || f.Raw[0] == '\t' || f.Raw[len(f.Raw)-1] == ' ' || f.Raw[len(f.Raw)-1] == '\t') {
			t.Fatalf("field %d: raw value %q has blanks around it", i, f.Raw)
		}
		if want := appendUnescaped(nil, f.Raw); !bytes.Equal(f.Value, want) {
			t.Fatalf("field %d: value %q, want %q unescaped", i, f.Value, f.Raw)
		}
		if !hasEscape(f.Raw) && len(f.Raw) > 0 && offsetIn(data, f.Value) != rawAt {
			t.Fatalf("field %d: value %q holds no escape but does not alias the input", i, f.Value)
		}
		pos = rawAt + len(f.Raw)
	}
	if len(bytes.Trim(trimmed[pos:], " \t")) != 0 {
		t.Fatalf("%q after the last pair", trimmed[pos:])
	}
}

// hasEscape reports whether raw holds an escape that unescaping changes.
func hasEscape(raw []byte) bool {
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == '\\' {
			switch raw[i+1] {
			case '=', '\\', 'n', 'r':
				return true
			}
		}
	}
	return false
}
