package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestJSONValueReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opt   JSONOptions
		want  []event
	}{
		{name: "empty", input: ""},
		{name: "whitespace only", input: " \n\t\r\n "},
		{
			name:  "NDJSON",
			input: "{\"a\":1}\n{\"b\":2}\n",
			want:  []event{rec(1, 1, 0, `{"a":1}`), rec(2, 2, 8, `{"b":2}`)},
		},
		{
			name:  "NDJSON with CRLF and blank lines, no final newline",
			input: "{\"a\":1}\r\n\r\n{\"b\":2}",
			want:  []event{rec(1, 1, 0, `{"a":1}`), rec(2, 3, 11, `{"b":2}`)},
		},
		{
			name:  "concatenated without separators",
			input: `{"a":1}{"b":2}[3]"s"`,
			want:  []event{rec(1, 1, 0, `{"a":1}`), rec(2, 1, 7, `{"b":2}`), rec(3, 1, 14, `[3]`), rec(4, 1, 17, `"s"`)},
		},
		{
			name:  "strings holding braces, brackets and escaped quotes",
			input: `{"a":"}{\"][","b":"\\"}{"c":"\\\"}"}`,
			want:  []event{rec(1, 1, 0, `{"a":"}{\"][","b":"\\"}`), rec(2, 1, 23, `{"c":"\\\"}"}`)},
		},
		{
			name:  "pretty-printed values",
			input: "{\n  \"a\": [\n    1,\n    {\"b\": \"x\\ny\"}\n  ]\n}\n[\n  2\n]\n",
			want:  []event{rec(1, 1, 0, "{\n  \"a\": [\n    1,\n    {\"b\": \"x\\ny\"}\n  ]\n}"), rec(2, 7, 42, "[\n  2\n]")},
		},
		{
			name:  "scalars",
			input: "1 -2.5e+3 0\ttrue false\nnull \"x\"",
			want: []event{rec(1, 1, 0, "1"), rec(2, 1, 2, "-2.5e+3"), rec(3, 1, 10, "0"), rec(4, 1, 12, "true"),
				rec(5, 1, 17, "false"), rec(6, 2, 23, "null"), rec(7, 2, 28, `"x"`)},
		},
		{
			name:  "byte order mark",
			input: "\xef\xbb\xbf{\"a\":1}",
			want:  []event{rec(1, 1, 3, `{"a":1}`)},
		},
		{
			name:  "garbage line between values",
			input: "{\"a\":1}\nnot json at all {\"x\":1}\r\n{\"b\":2}\n",
			want: []event{
				rec(1, 1, 0, `{"a":1}`),
				recErr(2, 2, 8, `not JSON: invalid literal`, `not json at all {"x":1}`),
				rec(3, 3, 33, `{"b":2}`),
			},
		},
		{
			name:  "garbage after a value on the same line",
			input: "{\"a\":1} }, {\"b\":2}\n{\"c\":3}",
			want: []event{
				rec(1, 1, 0, `{"a":1}`),
				recErr(2, 1, 8, `not JSON: unexpected '}'`, `}, {"b":2}`),
				rec(3, 2, 19, `{"c":3}`),
			},
		},
		{
			name:  "garbage at the end without newline",
			input: "{\"a\":1}\n<html>",
			want:  []event{rec(1, 1, 0, `{"a":1}`), recErr(2, 2, 8, `not JSON: unexpected '<'`, `<html>`)},
		},
		{
			name:  "invalid literals",
			input: "nul\ntruex\n-\n01\n1.\n{\"ok\":1}",
			want: []event{
				recErr(1, 1, 0, "not JSON: invalid literal", "nul"),
				recErr(2, 2, 4, "not JSON: invalid literal", "truex"),
				recErr(3, 3, 10, "not JSON: invalid literal", "-"),
				recErr(4, 4, 12, "not JSON: invalid literal", "01"),
				recErr(5, 5, 15, "not JSON: invalid literal", "1."),
				rec(6, 6, 18, `{"ok":1}`),
			},
		},
		{
			name:  "unterminated value at the end",
			input: "{\"a\":1}\n{\"b\":[1,2",
			want:  []event{rec(1, 1, 0, `{"a":1}`), recErr(2, 2, 8, "unterminated JSON value at end of stream", `{"b":[1,2`)},
		},
		{
			name:  "unterminated string at the end",
			input: `"abc\"`,
			want:  []event{recErr(1, 1, 0, "unterminated JSON value at end of stream", `"abc\"`)},
		},
		{
			name:  "over-long value is cut and reading goes on",
			input: "{\"a\":\"0123456789\"}\n{\"b\":1}",
			opt:   JSONOptions{MaxRecordBytes: 10},
			want: []event{
				recErr(1, 1, 0, "JSON value longer than 10 bytes", `{"a":"0123`),
				rec(2, 2, 19, `{"b":1}`),
			},
		},
		{
			name:  "value exactly at the limit",
			input: `{"a":"01"}`,
			opt:   JSONOptions{MaxRecordBytes: 10},
			want:  []event{rec(1, 1, 0, `{"a":"01"}`)},
		},
		{
			name:  "mismatched brackets are the parser's problem",
			input: `{"a":[}]{"b":1}`,
			want:  []event{rec(1, 1, 0, `{"a":[}]`), rec(2, 1, 8, `{"b":1}`)},
		},
		{
			name:  "truncated NDJSON lines are reported one by one",
			input: "{\"a\":1\n{\"b\":2}\n{\"c\":3}\n{\"d\":\"x}\n{\"e\":5}\n",
			want: []event{
				recErr(1, 1, 0, bracketBreak('{', '1'), `{"a":1`),
				rec(2, 2, 7, `{"b":2}`),
				rec(3, 3, 15, `{"c":3}`),
				recErr(4, 4, 23, stringBreak, `{"d":"x}`),
				rec(5, 5, 32, `{"e":5}`),
			},
		},
		{
			name:  "CRLF lines truncated mid-string and after a number",
			input: "{\"a\":\"x\r\n{\"b\":1\r\n{\"c\":2}\r\n",
			want: []event{
				recErr(1, 1, 0, stringBreak, `{"a":"x`),
				recErr(2, 2, 9, bracketBreak('{', '1'), `{"b":1`),
				rec(3, 3, 17, `{"c":2}`),
			},
		},
		{
			name:  "truncated after the closing brace of a nested object",
			input: "{\"a\":{\"b\":1}\n{\"c\":[2]}\n",
			want:  []event{recErr(1, 1, 0, bracketBreak('{', '}'), `{"a":{"b":1}`), rec(2, 2, 13, `{"c":[2]}`)},
		},
		{
			name:  "truncated after a key",
			input: "{\"a\"\n[1]\n",
			want:  []event{recErr(1, 1, 0, bracketBreak('[', '"'), `{"a"`), rec(2, 2, 5, `[1]`)},
		},
		{
			name:  "bracket on the broken value's own line",
			input: "{\"a\":1 {\"b\":2}\n",
			want:  []event{recErr(1, 1, 0, bracketBreak('{', '1'), `{"a":1`), rec(2, 1, 7, `{"b":2}`)},
		},
		{
			name:  "bytes before the bracket on its line stay with the broken value",
			input: "{\"a\":1\n  x {\"b\":2}",
			want:  []event{recErr(1, 1, 0, bracketBreak('{', 'x'), "{\"a\":1\n  x"), rec(2, 2, 11, `{"b":2}`)},
		},
		{
			name:  "line feed right after a backslash",
			input: "{\"a\":\"x\\\n{\"b\":1}",
			want:  []event{recErr(1, 1, 0, stringBreak, `{"a":"x\`), rec(2, 2, 9, `{"b":1}`)},
		},
		{
			name:  "top-level string cut at the end of its line",
			input: "\"abc\n\"def\"",
			want:  []event{recErr(1, 1, 0, stringBreak, `"abc`), rec(2, 2, 5, `"def"`)},
		},
		{
			name:  "broken value over the limit is cut and named for the break",
			input: "{\"a\":\"0123456789\n{\"b\":1}",
			opt:   JSONOptions{MaxRecordBytes: 10},
			want:  []event{recErr(1, 1, 0, stringBreak, `{"a":"0123`), rec(2, 2, 17, `{"b":1}`)},
		},
		{
			name:  "valid pretty-printed values, indent 0",
			input: indent0 + "\n{\n}",
			want:  []event{rec(1, 1, 0, indent0), rec(2, 11, int64(len(indent0)+1), "{\n}")},
		},
		{
			name:  "valid values with whitespace around every token",
			input: spacedValue + "\r\n[ \r\n\t[\n] ,\t{\r\n}\n]",
			want:  []event{rec(1, 1, 0, spacedValue), rec(2, 6, int64(len(spacedValue)+2), "[ \r\n\t[\n] ,\t{\r\n}\n]")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, NewJSONValueReader(strings.NewReader(tt.input), tt.opt))
			checkEvents(t, got, tt.want)
			got = collect(t, NewJSONValueReader(oneByteReader{strings.NewReader(tt.input)}, tt.opt))
			checkEvents(t, got, tt.want)
			small := NewJSONValueReader(strings.NewReader(tt.input), tt.opt)
			shrinkJSONBuffer(&small.s)
			checkEvents(t, collect(t, small), tt.want)
		})
	}
}

// The reasons of the two breaks a JSON scanner finds in a value.
const stringBreak = "truncated JSON value: a string is still open at the end of its line (JSON strings cannot hold a line break); the value was probably cut off, reading resumes on the next line"

func bracketBreak(bracket, prev byte) string {
	return fmt.Sprintf("truncated JSON value: a %q cannot follow %q in JSON; the value was probably cut off, reading resumes with the %q as a new value", bracket, prev, bracket)
}

// recordsCut is the reason given when a streamed array or its object is
// cut off by a bracket that starts a new value.
func recordsCut(container string, bracket, prev byte) string {
	return fmt.Sprintf("truncated JSON: the %s breaks off where a %q follows %q; the data may have been cut off, reading resumes with the %q as a new value", container, bracket, prev, bracket)
}

const recordsObject = `object holding the "Records" array`

// Valid values laid out so that brackets start lines and follow line
// breaks, which must not be taken for breaks.
const (
	indent0     = "{\n\"r\": [\n{\n\"a\": 1\n},\n[\n2\n]\n]\n}"
	spacedValue = "{ \"a\" :\r\n\t[ \r\n\t\t{ \"b\" : [ [ ] , { } ] }\r\n\t] ,\n \"c\" : { } }"
)

func TestJSONRecordsReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		key   string
		opt   JSONOptions
		want  []event
	}{
		{name: "empty", input: ""},
		{
			name:  "CloudTrail file",
			input: `{"Records":[{"eventVersion":"1.08","eventName":"GetObject"},{"eventVersion":"1.08","requestParameters":{"list":[1,[2,{"x":"]"}]]}}]}`,
			want: []event{
				rec(1, 1, 12, `{"eventVersion":"1.08","eventName":"GetObject"}`),
				rec(2, 1, 60, `{"eventVersion":"1.08","requestParameters":{"list":[1,[2,{"x":"]"}]]}}`),
			},
		},
		{
			name:  "pretty-printed CloudTrail file",
			input: "{\n  \"Records\": [\n    {\n      \"eventName\": \"A\"\n    },\n    {\n      \"eventName\": \"B\"\n    }\n  ]\n}\n",
			want: []event{
				rec(1, 3, 21, "{\n      \"eventName\": \"A\"\n    }"),
				rec(2, 6, 57, "{\n      \"eventName\": \"B\"\n    }"),
			},
		},
		{
			name:  "several files concatenated",
			input: "{\"Records\":[{\"a\":1}]}{\"Records\":[]}\n{\"Records\":[{\"b\":2}]}",
			want:  []event{rec(1, 1, 12, `{"a":1}`), rec(2, 2, 48, `{"b":2}`)},
		},
		{
			name:  "keys before and after the array are skipped",
			input: `{"x":{"Records":[9]},"y":"Records","z":[1,{"Records":[8]}],"Records":[{"a":1}],"after":[{"Records":[7]}],"n":null}`,
			want:  []event{rec(1, 1, 70, `{"a":1}`)},
		},
		{
			name:  "a second array under the key is streamed too",
			input: `{"Records":[1],"other":2,"Records":[3]}`,
			want:  []event{rec(1, 1, 12, `1`), rec(2, 1, 36, `3`)},
		},
		{
			name:  "bare events, one per line",
			input: "{\"eventName\":\"A\",\"n\":[1]}\n{\"eventName\":\"B\"}\n",
			want:  []event{rec(1, 1, 0, `{"eventName":"A","n":[1]}`), rec(2, 2, 26, `{"eventName":"B"}`)},
		},
		{
			name:  "key whose value is not an array leaves the object whole",
			input: "{\"Records\":null}\n{\"Records\":\"[1]\"}\n{\"Records\":{\"a\":[1]}}",
			want:  []event{rec(1, 1, 0, `{"Records":null}`), rec(2, 2, 17, `{"Records":"[1]"}`), rec(3, 3, 35, `{"Records":{"a":[1]}}`)},
		},
		{
			name:  "keys compared as written",
			input: `{"Rec\u006frds":[1]}{"RecordsX":[2]}{"Record":[3]}`,
			want:  []event{rec(1, 1, 0, `{"Rec\u006frds":[1]}`), rec(2, 1, 20, `{"RecordsX":[2]}`), rec(3, 1, 36, `{"Record":[3]}`)},
		},
		{
			name:  "other key",
			input: `{"Records":[1],"logEvents":[{"id":"1"},{"id":"2"}]}`,
			key:   "logEvents",
			want:  []event{rec(1, 1, 28, `{"id":"1"}`), rec(2, 1, 39, `{"id":"2"}`)},
		},
		{
			name:  "top-level array",
			input: "[{\"a\":1}, {\"b\":2} ,\"s\",3]\n[]\n[[1]]",
			want:  []event{rec(1, 1, 1, `{"a":1}`), rec(2, 1, 10, `{"b":2}`), rec(3, 1, 19, `"s"`), rec(4, 1, 23, `3`), rec(5, 3, 30, `[1]`)},
		},
		{
			name:  "top-level scalars are records",
			input: `1 "x"`,
			want:  []event{rec(1, 1, 0, `1`), rec(2, 1, 2, `"x"`)},
		},
		{
			name:  "garbage inside the array",
			input: "{\"Records\":[{\"a\":1}, oops\n,{\"b\":2}]}",
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				recErr(2, 1, 21, "not JSON: unexpected 'o'", "oops"),
				rec(3, 2, 27, `{"b":2}`),
			},
		},
		{
			name:  "garbage between top-level values",
			input: "{\"Records\":[1]}\nGARBAGE\n{\"Records\":[2]}",
			want: []event{
				rec(1, 1, 12, `1`),
				recErr(2, 2, 16, "not JSON: unexpected 'G'", "GARBAGE"),
				rec(3, 3, 36, `2`),
			},
		},
		{
			name:  "element cut by the end of the stream",
			input: `{"Records":[{"a":1},{"b":"x`,
			want:  []event{rec(1, 1, 12, `{"a":1}`), recErr(2, 1, 20, "unterminated JSON value at end of stream", `{"b":"x`)},
		},
		{
			name:  "array not closed after a complete element",
			input: "{\"Records\":[{\"a\":1},\n",
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				recErr(2, 2, 21, `unterminated JSON at end of stream: the object holding the "Records" array is not closed; the data may be truncated`, ""),
			},
		},
		{
			name:  "object not closed after the array",
			input: `{"Records":[1],"x":`,
			want: []event{
				rec(1, 1, 12, `1`),
				recErr(2, 1, 19, `unterminated JSON at end of stream: the object holding the "Records" array is not closed; the data may be truncated`, ""),
			},
		},
		{
			name:  "top-level array not closed",
			input: `[1,2`,
			want: []event{
				rec(1, 1, 1, `1`),
				rec(2, 1, 3, `2`),
				recErr(3, 1, 4, `unterminated JSON at end of stream: the top-level array is not closed; the data may be truncated`, ""),
			},
		},
		{
			name:  "object without the key cut by the end",
			input: `{"eventName":"A","x":[1,`,
			want:  []event{recErr(1, 1, 0, "unterminated JSON value at end of stream", `{"eventName":"A","x":[1,`)},
		},
		{
			name:  "malformed object without the key is left whole for the parser",
			input: "{\"a\" 1, 2: [{}]}\n{\"b\"}\n{\"c\":}\n{1}",
			want: []event{
				rec(1, 1, 0, `{"a" 1, 2: [{}]}`),
				rec(2, 2, 17, `{"b"}`),
				rec(3, 3, 23, `{"c":}`),
				rec(4, 4, 30, `{1}`),
			},
		},
		{
			name:  "malformed member after the array is reported",
			input: "{\"Records\":[1],\"x\":} {\"Records\":[2]}",
			want: []event{
				rec(1, 1, 12, `1`),
				recErr(2, 1, 19, `malformed JSON after the "Records" array`, `}`),
				rec(3, 1, 33, `2`),
			},
		},
		{
			name:  "over-long element is cut and the next one read",
			input: `{"Records":[{"a":"0123456789"},{"b":1}]}`,
			opt:   JSONOptions{MaxRecordBytes: 10},
			want: []event{
				recErr(1, 1, 12, "JSON value longer than 10 bytes", `{"a":"0123`),
				rec(2, 1, 31, `{"b":1}`),
			},
		},
		{
			name:  "truncated NDJSON events are reported one by one",
			input: "{\"a\":1\n{\"b\":2}\n{\"c\":3}\n{\"d\":\"x}\n{\"e\":5}\n",
			want: []event{
				recErr(1, 1, 0, bracketBreak('{', '1'), `{"a":1`),
				rec(2, 2, 7, `{"b":2}`),
				rec(3, 3, 15, `{"c":3}`),
				recErr(4, 4, 23, stringBreak, `{"d":"x}`),
				rec(5, 5, 32, `{"e":5}`),
			},
		},
		{
			name:  "events broken in a key's value and after a number",
			input: "{\"eventName\":\"A\",\"x\":\"tr\n{\"eventName\":\"B\",\"n\":1\n{\"eventName\":\"C\"}",
			want: []event{
				recErr(1, 1, 0, stringBreak, `{"eventName":"A","x":"tr`),
				recErr(2, 2, 25, bracketBreak('{', '1'), `{"eventName":"B","n":1`),
				rec(3, 3, 48, `{"eventName":"C"}`),
			},
		},
		{
			name:  "broken element in the middle of a one-line file",
			input: `{"Records":[{"a":1},{"b":2{"c":3},{"d":4}]}` + "\n" + `{"e":5}`,
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				recErr(2, 1, 20, bracketBreak('{', '2'), `{"b":2`),
				rec(3, 1, 26, `{"c":3}`),
				rec(4, 1, 34, `{"d":4}`),
				rec(5, 2, 44, `{"e":5}`),
			},
		},
		{
			name:  "element cut mid-string in a pretty-printed CRLF file",
			input: "{\r\n  \"Records\": [\r\n    {\"a\": \"x\r\n    {\"b\": 2},\r\n    {\"c\": 3}\r\n  ]\r\n}\r\n",
			want: []event{
				recErr(1, 3, 23, stringBreak, `{"a": "x`),
				rec(2, 4, 37, `{"b": 2}`),
				rec(3, 5, 52, `{"c": 3}`),
			},
		},
		{
			name:  "file cut after an element, then the next file",
			input: `{"Records":[{"a":1},{"b":2}` + "\n" + `{"Records":[{"c":3}]}`,
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				rec(2, 1, 20, `{"b":2}`),
				recErr(3, 2, 28, recordsCut(recordsObject, '{', '}'), ""),
				rec(4, 2, 40, `{"c":3}`),
			},
		},
		{
			name:  "file cut after its array, then the next file",
			input: `{"Records":[{"a":1}]` + "\n" + `{"Records":[{"c":3}]}`,
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				recErr(2, 2, 21, recordsCut(recordsObject, '{', ']'), ""),
				rec(3, 2, 33, `{"c":3}`),
			},
		},
		{
			name:  "member after the array cut mid-string",
			input: `{"Records":[{"a":1}],"x":"ab` + "\n" + `{"Records":[{"c":3}]}`,
			want: []event{
				rec(1, 1, 12, `{"a":1}`),
				recErr(2, 2, 29, `truncated JSON: the object holding the "Records" array breaks off after the array: `+
					`a string is still open at the end of its line (JSON strings cannot hold a line break); `+
					`the data may have been cut off, reading resumes on the next line`, ""),
				rec(3, 2, 41, `{"c":3}`),
			},
		},
		{
			name:  "top-level array with a broken element",
			input: "[{\"a\":1 {\"b\":2}, 3]\n[4]",
			want: []event{
				recErr(1, 1, 1, bracketBreak('{', '1'), `{"a":1`),
				rec(2, 1, 8, `{"b":2}`),
				rec(3, 1, 17, `3`),
				rec(4, 2, 21, `4`),
			},
		},
		{
			name:  "a missing comma before an object element is taken for a cut",
			input: `[{"a":1}{"b":2}]`,
			want: []event{
				rec(1, 1, 1, `{"a":1}`),
				recErr(2, 1, 8, recordsCut("top-level array", '{', '}'), ""),
				rec(3, 1, 8, `{"b":2}`),
			},
		},
		{
			name:  "after a break, leftover punctuation is skipped and garbage still reported",
			input: `{"Records":[{"a":"x` + "\n" + `},{"b":1}],` + "\n" + `oops`,
			want: []event{
				recErr(1, 1, 12, stringBreak, `{"a":"x`),
				rec(2, 2, 22, `{"b":1}`),
				recErr(3, 3, 32, "not JSON: unexpected 'o'", "oops"),
			},
		},
		{
			name:  "valid pretty-printed file, indent 0",
			input: "{\n\"Records\": [\n{\n\"a\": 1\n},\n{\n\"b\": [\n{\n\"c\": 2\n}\n]\n}\n]\n}\n",
			want: []event{
				rec(1, 3, 15, "{\n\"a\": 1\n}"),
				rec(2, 6, 27, "{\n\"b\": [\n{\n\"c\": 2\n}\n]\n}"),
			},
		},
		{
			name:  "long keys before the array do not count against the limit",
			input: `{"meta":"` + strings.Repeat("m", 100) + `","Records":[{"b":1}]}`,
			opt:   JSONOptions{MaxRecordBytes: 10},
			want:  []event{rec(1, 1, 122, `{"b":1}`)},
		},
		{
			name:  "over-long object without the key",
			input: `{"meta":"` + strings.Repeat("m", 100) + `"}` + "\n[1]",
			opt:   JSONOptions{MaxRecordBytes: 10},
			want:  []event{recErr(1, 1, 0, "JSON value longer than 10 bytes", `{"meta":"m`), rec(2, 2, 113, `1`)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := tt.key
			if key == "" {
				key = "Records"
			}
			got := collect(t, NewJSONRecordsReader(strings.NewReader(tt.input), key, tt.opt))
			checkEvents(t, got, tt.want)
			got = collect(t, NewJSONRecordsReader(oneByteReader{strings.NewReader(tt.input)}, key, tt.opt))
			checkEvents(t, got, tt.want)
			small := NewJSONRecordsReader(strings.NewReader(tt.input), key, tt.opt)
			shrinkJSONBuffer(&small.s)
			checkEvents(t, collect(t, small), tt.want)
		})
	}
}

// Values longer than the scanner's buffer: delivered whole under the limit,
// cut and skipped over it, without holding more than the limit.
func TestJSONLongValues(t *testing.T) {
	long := `{"k":"` + strings.Repeat(`ab\"{[`, 100_000) + `"}`
	input := long + "\n" + `{"Records":[` + long + `,{"x":1}]}` + "\n" + long

	got := collect(t, NewJSONValueReader(strings.NewReader(input), JSONOptions{}))
	second := `{"Records":[` + long + `,{"x":1}]}`
	checkEvents(t, got, []event{
		rec(1, 1, 0, long),
		rec(2, 2, int64(len(long)+1), second),
		rec(3, 3, int64(len(long)+len(second)+2), long),
	})

	got = collect(t, NewJSONRecordsReader(strings.NewReader(input), "Records", JSONOptions{}))
	checkEvents(t, got, []event{
		rec(1, 1, 0, long),
		rec(2, 2, int64(len(long)+13), long),
		rec(3, 2, int64(2*len(long)+14), `{"x":1}`),
		rec(4, 3, int64(len(long)+len(second)+2), long),
	})

	const limit = 1000
	reason := "JSON value longer than 1000 bytes"
	r := NewJSONRecordsReader(strings.NewReader(input), "Records", JSONOptions{MaxRecordBytes: limit})
	got = collect(t, r)
	checkEvents(t, got, []event{
		recErr(1, 1, 0, reason, long[:limit]),
		recErr(2, 2, int64(len(long)+13), reason, long[:limit]),
		rec(3, 2, int64(2*len(long)+14), `{"x":1}`),
		recErr(4, 3, int64(len(long)+len(second)+2), reason, long[:limit]),
	})
	if n := len(r.s.buf); n > limit+jsonReadBytes {
		t.Errorf("buffer grew to %d bytes with a %d byte limit", n, limit)
	}
}

// Breaks in values longer than the scanner's buffer: the broken value's
// bytes end where they would in a short one, even when the bytes before
// the break have already left the buffer.
func TestJSONBreaksInLongValues(t *testing.T) {
	text := strings.Repeat("ab ", 100_000)
	spaces := strings.Repeat(" ", 300_000)
	tests := []struct {
		name   string
		input  string
		broken string // the first record's bytes
		reason string
		next   int64 // offset of the second record, {"z":0}
	}{
		{
			name:   "string cut at a line feed",
			input:  `{"k":"` + text + "\r\n" + `{"z":0}`,
			broken: `{"k":"` + text,
			reason: stringBreak,
			next:   int64(len(text) + 8),
		},
		{
			name:   "bracket after a long run of whitespace",
			input:  `{"a":1` + spaces + `{"z":0}`,
			broken: `{"a":1`,
			reason: bracketBreak('{', '1'),
			next:   int64(len(spaces) + 6),
		},
		{
			name:   "bracket after a long member",
			input:  `{"k":"` + text + `"` + spaces + "\n" + `{"z":0}`,
			broken: `{"k":"` + text + `"`,
			reason: bracketBreak('{', '"'),
			next:   int64(len(text) + len(spaces) + 8),
		},
	}
	for _, tt := range tests {
		for _, limit := range []int{0, 1000} {
			t.Run(fmt.Sprintf("%s, limit %d", tt.name, limit), func(t *testing.T) {
				raw := tt.broken
				if limit > 0 {
					raw = raw[:min(len(raw), limit)]
				}
				line := int64(1 + strings.Count(tt.input[:tt.next], "\n"))
				want := []event{recErr(1, 1, 0, tt.reason, raw), rec(2, line, tt.next, `{"z":0}`)}
				opt := JSONOptions{MaxRecordBytes: limit}
				checkEvents(t, collect(t, NewJSONValueReader(strings.NewReader(tt.input), opt)), want)
				checkEvents(t, collect(t, NewJSONRecordsReader(strings.NewReader(tt.input), "Records", opt)), want)
			})
		}
	}
}

func TestJSONReadErrorMidValue(t *testing.T) {
	input := "{\"Records\":[{\"a\":1},{\"b\":"
	for _, r := range []Reader{
		NewJSONRecordsReader(&failingReader{data: []byte(input), err: errNetwork}, "Records", JSONOptions{}),
	} {
		checkEvents(t, collect(t, r), []event{
			rec(1, 1, 12, `{"a":1}`),
			recErr(2, 1, 20, "record cut off by a read error: connection reset by peer", `{"b":`),
			{Err: "connection reset by peer"},
		})
		if _, err := r.Next(); err != errNetwork {
			t.Errorf("error is not sticky: %v", err)
		}
	}
	vr := NewJSONValueReader(&failingReader{data: []byte("{\"a\":1}\n{\"b\":"), err: errNetwork}, JSONOptions{})
	checkEvents(t, collect(t, vr), []event{
		rec(1, 1, 0, `{"a":1}`),
		recErr(2, 2, 8, "record cut off by a read error: connection reset by peer", `{"b":`),
		{Err: "connection reset by peer"},
	})
	// A break between values is only the stream's error.
	vr = NewJSONValueReader(&failingReader{data: []byte("{\"a\":1}\n"), err: errNetwork}, JSONOptions{})
	checkEvents(t, collect(t, vr), []event{rec(1, 1, 0, `{"a":1}`), {Err: "connection reset by peer"}})
}

// recordsStream generates {"Records":[e,e,...]} of about size bytes on the
// fly, so the test holds none of it.
type recordsStream struct {
	element []byte // with a trailing comma
	left    int
	state   int
	pending []byte
}

func newRecordsStream(element string, size int) *recordsStream {
	return &recordsStream{element: []byte(element + ","), left: size / (len(element) + 1)}
}

func (s *recordsStream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.pending) == 0 {
			switch {
			case s.state == 0:
				s.pending = []byte(`{"Records":[`)
				s.state = 1
			case s.state == 1 && s.left > 0:
				s.pending = s.element
				s.left--
				if s.left == 0 {
					s.pending = s.element[:len(s.element)-1]
				}
			case s.state == 1:
				s.pending = []byte("]}\n")
				s.state = 2
			default:
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
		}
		c := copy(p[n:], s.pending)
		n += c
		s.pending = s.pending[c:]
	}
	return n, nil
}

// A 200 MB CloudTrail file streams in a heap no larger than the scanner's
// buffer.
func TestJSONRecordsReaderStreamsLargeFileInBoundedMemory(t *testing.T) {
	const size = 200 << 20
	element := `{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/R/s"},"eventTime":"2024-05-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":{"bucketName":"b","key":"k \"quoted\" {x}"},"resources":[{"ARN":"arn:aws:s3:::b/k"}]}`
	src := newRecordsStream(element, size)
	want := src.left

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()

	r := NewJSONRecordsReader(src, "Records", JSONOptions{})
	records := 0
	var maxHeap uint64
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		records++
		if len(rec.Data) != len(element) {
			t.Fatalf("record %d has %d bytes", rec.Number, len(rec.Data))
		}
		if records%100_000 == 0 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			maxHeap = max(maxHeap, m.HeapAlloc)
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	if records != want {
		t.Errorf("%d records, want %d", records, want)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d records, %d MB in %v (%.0f MB/s); allocated %d KB; peak heap %d KB",
		records, size>>20, elapsed, float64(size)/elapsed.Seconds()/1e6, allocated>>10, maxHeap>>10)
	if allocated > 2<<20 {
		t.Errorf("allocated %d bytes to stream the file", allocated)
	}
	if maxHeap > before.HeapAlloc+4<<20 {
		t.Errorf("heap grew from %d to %d bytes", before.HeapAlloc, maxHeap)
	}
}

// The scanner's records agree with encoding/json on what the elements are.
func TestJSONRecordsReaderAgreesWithEncodingJSON(t *testing.T) {
	input := `{"Records":[{"a":"\u00e9\\\"","b":[1.5e-3,true,null,{"c":[]}]},{"d":"}]"},[],"",0,-1]}`
	var doc struct{ Records []json.RawMessage }
	if err := json.Unmarshal([]byte(input), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	r := NewJSONRecordsReader(strings.NewReader(input), "Records", JSONOptions{})
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(rec.Data))
	}
	if len(got) != len(doc.Records) {
		t.Fatalf("got %d records, want %d", len(got), len(doc.Records))
	}
	for i := range got {
		if !bytes.Equal([]byte(got[i]), doc.Records[i]) {
			t.Errorf("record %d = %s, want %s", i, got[i], doc.Records[i])
		}
	}
}

func TestJSONSteadyStateDoesNotAllocate(t *testing.T) {
	input := strings.Repeat(`{"eventVersion":"1.08","eventName":"GetObject","requestParameters":{"key":"a\"b"}}`+"\n", 50000)
	vr := NewJSONValueReader(strings.NewReader(input), JSONOptions{})
	vr.Next()
	if allocs := testing.AllocsPerRun(10000, func() {
		if _, err := vr.Next(); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("JSONValueReader: %v allocations per record", allocs)
	}
	rr := NewJSONRecordsReader(strings.NewReader(input), "Records", JSONOptions{})
	rr.Next()
	if allocs := testing.AllocsPerRun(10000, func() {
		if _, err := rr.Next(); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("JSONRecordsReader: %v allocations per record", allocs)
	}
}
