package parser

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
)

// The fuzz targets compare each reader with a plain reference written
// independently (whole input in memory, one obvious step at a time), or,
// where no simple reference exists, check the invariants every framing
// keeps: it stops, numbers records 1, 2, 3..., reports each record's bytes
// exactly where they are in the input, and leaves no byte unaccounted for
// except whitespace and separators.

var lineSeeds = []string{
	"",
	"a\nb\n",
	"a\r\nb\r\n\r\n",
	"\n\n  \t\nx",
	"\xef\xbb\xbfversion account-id\n2 123\n",
	"no newline at the end",
	"long line 1234567890\nshort\n",
	"\r\r\n\r",
	"version x\nversion x\n1 2\n",
}

// referenceLines frames input the slow, obvious way.
func referenceLines(input []byte, opt LineOptions) []event {
	limit := opt.MaxLineBytes
	if limit <= 0 {
		limit = DefaultMaxLineBytes
	}
	skip := opt.SkipLines
	off := 0
	if bytes.HasPrefix(input, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	var out []event
	var number, line int64
	for off < len(input) {
		start := off
		content := input[off:]
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			content = content[:i]
			off += i + 1
		} else {
			off = len(input)
		}
		line++
		content = bytes.TrimSuffix(content, []byte("\r"))
		if skip > 0 {
			skip--
			continue
		}
		if len(bytes.Trim(content, " \t\r")) == 0 {
			continue
		}
		number++
		if len(content) > limit {
			out = append(out, recErr(number, line, int64(start), fmt.Sprintf("line longer than %d bytes", limit), string(content[:limit])))
			continue
		}
		out = append(out, rec(number, line, int64(start), string(content)))
	}
	return out
}

func FuzzLineReader(f *testing.F) {
	for _, s := range lineSeeds {
		f.Add([]byte(s), uint16(0), uint8(0))
		f.Add([]byte(s), uint16(5), uint8(1))
	}
	f.Fuzz(func(t *testing.T, input []byte, maxLine uint16, skip uint8) {
		opt := LineOptions{MaxLineBytes: int(maxLine), SkipLines: int(skip % 4)}
		want := referenceLines(input, opt)
		checkEvents(t, collect(t, NewLineReader(bytes.NewReader(input), opt)), want)
		checkEvents(t, collect(t, NewLineReader(oneByteReader{bytes.NewReader(input)}, opt)), want)
		// A tiny buffer sends most lines down the slow path.
		checkEvents(t, collect(t, newLineReader(bufio.NewReaderSize(bytes.NewReader(input), 16), opt)), want)
	})
}

var jsonSeeds = []string{
	"",
	`{"a":1}{"b":2}`,
	"{\"a\":1}\n{\"b\":[1,2,{\"c\":\"}\"}]}\n",
	`{"Records":[{"a":1},{"b":"x\"y"}]}`,
	"{\n  \"Records\": [\n    {\"a\": 1},\n    [2]\n  ],\n  \"x\": 1\n}\n",
	`{"x":{"Records":[1]},"Records":[2],"y":3,"Records":[4]}`,
	`[1,2,"three",{"four":4}]`,
	"garbage\n{\"a\":1} trailing\n",
	`{"Records":[1, oops` + "\n" + `,2]}`,
	`{"Records":[{"a":1},`,
	`"unterminated \"string`,
	`1 -2.5e3 true false null nul`,
	"\xef\xbb\xbf[]",
	`{"a" 1}{"b"}{"c":}`,
	`{"Records":null}{"Records":"[1]"}`,
	// Breaks: truncated lines, a bracket where no value may start.
	"{\"a\":1\n{\"b\":2}\n{\"c\":3}\n{\"d\":\"x}\n{\"e\":5}\n",
	"{\"a\":\"x\\\r\n{\"b\":{\"c\":1}\r\n[2]",
	`{"Records":[{"a":1},{"b":2{"c":3},{"d":4}]}`,
	"{\n  \"Records\": [\n    {\"a\": \"x\n    {\"b\": 2},\n    3\n  ],\n  \"y\": \"z\n}\n",
	"{\"Records\":[{\"a\":1}]\n{\"Records\":[{\"b\":2}\n[{\"c\":3}{\"d\":4}]",
	"{\n\"r\": [\n{\n\"a\": 1\n}\n]\n}",
}

// checkJSONEvents checks what any JSON framing must satisfy on input:
// every byte ends in a record, in a RecordError's raw bytes, or among
// separators, and once a RecordError has been reported, among
// laterSeparators.
func checkJSONEvents(t *testing.T, input []byte, events []event, limit int, separators, laterSeparators string) {
	t.Helper()
	var number int64
	covered := 0        // input before this is accounted for
	unknownEnd := false // the last error's raw bytes were cut: its end is not known
	for _, e := range events {
		if e.Err != "" {
			t.Fatalf("stream error on an in-memory input: %s", e.Err)
		}
		number++
		if e.Number != number {
			t.Fatalf("event %v: want number %d", e, number)
		}
		data := e.Data
		if e.Reason != "" {
			data = e.Raw
		}
		start := int(e.Offset)
		if start < covered || start+len(data) > len(input) || string(input[start:start+len(data)]) != data {
			t.Fatalf("event %v: bytes are not the input's at offset %d (covered up to %d)", e, start, covered)
		}
		if want := int64(1 + bytes.Count(input[:start], []byte("\n"))); e.Line != want {
			t.Fatalf("event %v: line %d, want %d", e, e.Line, want)
		}
		if len(data) > limit {
			t.Fatalf("event %v: longer than the %d byte limit", e, limit)
		}
		if e.Reason == "" && len(data) == 0 {
			t.Fatalf("event %v: empty record", e)
		}
		if !unknownEnd {
			checkGap(t, input, covered, start, separators)
		}
		covered = start + len(data)
		unknownEnd = e.Reason != "" && len(data) == limit
		if e.Reason != "" {
			separators = laterSeparators
		}
	}
	if !unknownEnd {
		checkGap(t, input, covered, len(input), separators)
	}
}

// checkGap allows only separators and a leading byte order mark between
// framed values.
func checkGap(t *testing.T, input []byte, from, to int, separators string) {
	t.Helper()
	gap := input[from:to]
	if from == 0 {
		gap = bytes.TrimPrefix(gap, []byte("\xef\xbb\xbf"))
	}
	if len(bytes.Trim(gap, separators)) != 0 {
		t.Fatalf("bytes %d to %d (%q) are in no record and no error", from, to, input[from:to])
	}
}

func FuzzJSONValueReader(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(8))
	}
	f.Fuzz(func(t *testing.T, input []byte, maxRecord uint16) {
		opt := JSONOptions{MaxRecordBytes: int(maxRecord)}
		limit := opt.MaxRecordBytes
		if limit == 0 {
			limit = DefaultMaxRecordBytes
		}
		events := collect(t, NewJSONValueReader(bytes.NewReader(input), opt))
		checkJSONEvents(t, input, events, limit, " \t\r\n", " \t\r\n")
		checkEvents(t, collect(t, NewJSONValueReader(oneByteReader{bytes.NewReader(input)}, opt)), events)
		small := NewJSONValueReader(bytes.NewReader(input), opt)
		shrinkJSONBuffer(&small.s)
		checkEvents(t, collect(t, small), events)

		// Differential: a stream encoding/json decodes value by value must
		// frame into exactly those values.
		if want, ok := decodeJSONStream(input); ok && !tooLong(want, limit) {
			if len(want) != len(events) {
				t.Fatalf("%d events, encoding/json finds %d values", len(events), len(want))
			}
			for i, w := range want {
				if events[i].Data != w {
					t.Fatalf("value %d = %q, encoding/json says %q", i, events[i].Data, w)
				}
			}
			// Laid out again, one token a line, the values must still
			// come out whole: line breaks between tokens are no breaks.
			for _, prefix := range []string{"  ", ""} {
				relaid, values := reindent(want, prefix)
				if tooLong(values, limit) {
					continue
				}
				got := collect(t, NewJSONValueReader(bytes.NewReader(relaid), opt))
				if len(got) != len(values) {
					t.Fatalf("re-indented %q: %d events %v, want %d values", relaid, len(got), got, len(values))
				}
				for i, v := range values {
					if got[i].Data != v {
						t.Fatalf("re-indented value %d = %v, want %q", i, got[i], v)
					}
				}
			}
		}
	})
}

// reindent lays out valid values with json.Indent, one per line, and
// returns the stream and the values in it.
func reindent(values []string, indent string) ([]byte, []string) {
	var stream bytes.Buffer
	out := make([]string, len(values))
	for i, v := range values {
		var b bytes.Buffer
		json.Indent(&b, []byte(v), "", indent)
		out[i] = b.String()
		stream.WriteString(out[i])
		stream.WriteByte('\n')
	}
	return stream.Bytes(), out
}

// shrinkJSONBuffer makes a scanner refill, grow and spill its buffer on
// inputs of a few bytes, as it does on megabytes in production.
func shrinkJSONBuffer(s *jsonScanner) {
	s.chunk = 4
	s.limit = s.max + s.chunk
}

// decodeJSONStream returns the values of a stream, or false when
// encoding/json rejects it.
func decodeJSONStream(input []byte) ([]string, bool) {
	if bytes.HasPrefix(input, []byte("\xef\xbb\xbf")) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(input))
	var values []string
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return values, true
		}
		if err != nil {
			return nil, false
		}
		// encoding/json splits "00" or "1true" into two values; the
		// scanner wants a scalar to end at whitespace or punctuation, and
		// reports such runs as not JSON.
		if end := dec.InputOffset(); scalarStart[raw[0]] && end < int64(len(input)) && scalarByte[input[end]] {
			return nil, false
		}
		values = append(values, string(raw))
	}
}

func tooLong(values []string, limit int) bool {
	for _, v := range values {
		if len(v) > limit {
			return true
		}
	}
	return false
}

func FuzzJSONRecordsReader(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(8))
	}
	f.Fuzz(func(t *testing.T, input []byte, maxRecord uint16) {
		opt := JSONOptions{MaxRecordBytes: int(maxRecord)}
		limit := opt.MaxRecordBytes
		if limit == 0 {
			limit = DefaultMaxRecordBytes
		}
		events := collect(t, NewJSONRecordsReader(bytes.NewReader(input), "Records", opt))
		// An object holding the key keeps its other members out of every
		// record, so its gaps are not checked; the rest is. Once an array
		// broke, the '}' it leaves behind are skipped too.
		if !bytes.Contains(input, []byte(`"Records"`)) {
			checkJSONEvents(t, input, events, limit, " \t\r\n,[]", " \t\r\n,[]}")
		}
		checkEvents(t, collect(t, NewJSONRecordsReader(oneByteReader{bytes.NewReader(input)}, "Records", opt)), events)
		small := NewJSONRecordsReader(bytes.NewReader(input), "Records", opt)
		shrinkJSONBuffer(&small.s)
		checkEvents(t, collect(t, small), events)

		if want, ok := referenceRecords(input, "Records"); ok && !tooLong(want, limit) {
			if len(want) != len(events) {
				t.Fatalf("%d events %v, encoding/json finds %d records %q", len(events), events, len(want), want)
			}
			for i, w := range want {
				if events[i].Data != w {
					t.Fatalf("record %d = %q, encoding/json says %q", i, events[i].Data, w)
				}
			}
			values, _ := decodeJSONStream(input)
			for _, prefix := range []string{"  ", ""} {
				relaid, _ := reindent(values, prefix)
				records, _ := referenceRecords(relaid, "Records")
				if tooLong(records, limit) {
					continue
				}
				got := collect(t, NewJSONRecordsReader(bytes.NewReader(relaid), "Records", opt))
				if len(got) != len(records) {
					t.Fatalf("re-indented %q: %d events %v, want %d records", relaid, len(got), got, len(records))
				}
				for i, w := range records {
					if got[i].Data != w {
						t.Fatalf("re-indented record %d = %v, want %q", i, got[i], w)
					}
				}
			}
		}
	})
}

// referenceRecords frames a stream with encoding/json, or reports false when
// encoding/json rejects it (or when escaped keys make byte-wise and decoded
// key comparison differ).
func referenceRecords(input []byte, key string) ([]string, bool) {
	values, ok := decodeJSONStream(input)
	if !ok || bytes.IndexByte(input, '\\') >= 0 {
		return nil, false
	}
	var records []string
	for _, v := range values {
		switch v[0] {
		case '[':
			var elems []json.RawMessage
			json.Unmarshal([]byte(v), &elems)
			for _, e := range elems {
				records = append(records, string(e))
			}
		case '{':
			elems, found := arraysUnder([]byte(v), key)
			if !found {
				records = append(records, v)
			}
			records = append(records, elems...)
		default:
			records = append(records, v)
		}
	}
	return records, true
}

// arraysUnder returns the elements of every array under key in a valid
// object, in order, keeping duplicate keys.
func arraysUnder(object []byte, key string) (elems []string, found bool) {
	dec := json.NewDecoder(bytes.NewReader(object))
	dec.Token() // {
	for dec.More() {
		tok, _ := dec.Token()
		var raw json.RawMessage
		dec.Decode(&raw)
		if tok != key || raw[0] != '[' {
			continue
		}
		found = true
		var arr []json.RawMessage
		json.Unmarshal(raw, &arr)
		for _, e := range arr {
			elems = append(elems, string(e))
		}
	}
	return elems, found
}

// referenceSplitQuoted splits the slow, obvious way.
func referenceSplitQuoted(line []byte) ([]string, string) {
	var fields []string
	if len(line) == 0 {
		return nil, ""
	}
	i := 0
	for {
		if i < len(line) && line[i] == '"' {
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				return fields, fmt.Sprintf("column %d: quoted field has no closing quote", len(fields)+1)
			}
			fields = append(fields, string(line[i+1:j]))
			i = j + 1
			if i == len(line) {
				return fields, ""
			}
			if line[i] != ' ' {
				return fields, fmt.Sprintf("column %d: %q right after the closing quote, where a space must be", len(fields), line[i])
			}
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		fields = append(fields, string(line[i:j]))
		if j == len(line) {
			return fields, ""
		}
		i = j + 1
	}
}

func FuzzSplitQuoted(f *testing.F) {
	for _, s := range []string{
		"",
		`a b c`,
		`a "b c" d`,
		`"x\"y" "z\\"`,
		`a "unterminated`,
		`"a"b`,
		`a  b `,
		`"\`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		fields, err := SplitQuoted(line, nil)
		wantFields, wantErr := referenceSplitQuoted(line)
		if msg := errString(err); msg != wantErr {
			t.Fatalf("error %q, want %q", msg, wantErr)
		}
		if len(fields) != len(wantFields) {
			t.Fatalf("fields %q, want %q", fields, wantFields)
		}
		for i := range fields {
			if string(fields[i]) != wantFields[i] {
				t.Fatalf("field %d = %q, want %q", i, fields[i], wantFields[i])
			}
		}
	})
}

func FuzzDecompress(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("plain text\n"))
	f.Add(gzipBytes(f, "a\n", "b\n"))
	f.Add(zstdBytes(f, "zstd\n"))
	f.Add(readTestdata(f, "two-streams.bz2"))
	f.Add(zipBytes(f, zipFile{"a", "PK\x07\x08 stored\n", zip.Store}))
	f.Add([]byte("PK\x03\x04\x14\x00\x08\x00\x00\x00"))
	f.Add([]byte("BZh91AY&SY"))
	f.Add([]byte("\x1f\x8b\x08"))
	f.Fuzz(func(t *testing.T, input []byte) {
		// Whatever the bytes, Decompress and Read stop and do not panic;
		// the output is bounded against decompression bombs.
		r, comp, err := Decompress(bytes.NewReader(input))
		if err == nil {
			out, _ := io.ReadAll(io.LimitReader(r, 64<<20))
			if comp == None && !bytes.Equal(out, input) {
				t.Fatalf("plain input changed: %q", out)
			}
		}
		if sniff(input) != None {
			return
		}
		// Round trips: whatever the content, including bytes that look
		// like headers and descriptors, each wrapping reads back as it was.
		// One exception: stored content that holds a data descriptor
		// matching its own prefix, followed by a header signature, is
		// indistinguishable from the member's end to a streaming reader.
		// Only a crafted input does both.
		wrappings := map[string][]byte{
			"gzip":         gzipBytes(t, string(input)),
			"gzip in gzip": gzipBytes(t, string(gzipBytes(t, string(input)))),
			"zstd":         zstdBytes(t, string(input)),
			"zip stored":   zipBytes(t, zipFile{"f", string(input), zip.Store}),
			"zip deflate":  zipBytes(t, zipFile{"f", string(input), zip.Deflate}),
		}
		if bytes.Contains(input, []byte("PK\x01\x02")) || bytes.Contains(input, []byte("PK\x03\x04")) {
			delete(wrappings, "zip stored")
		}
		for name, wrapped := range wrappings {
			r, _, err := Decompress(bytes.NewReader(wrapped))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(out, input) {
				t.Fatalf("%s: read back %q, %v", name, out, err)
			}
		}
	})
}
