package main

import (
	"bytes"
	"context"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
)

var letterSeeds = []string{
	`{"object":"s3://b/k","type":"alb","record":7,"line":7,"offset":1234,"reason":"bad","raw":"a b c"}`,
	`{"object":"s3://b/k","type":"alb","record":7,"offset":1234,"reason":"bad","raw_base64":"/w==","size":9}`,
	`{"object":"/tmp/x.log","type":"vpcflow","record":1,"offset":0,"reason":"r","raw":"\u00e9\n\t\"","document":{"a":1}}`,
	`{"object":"s3://","type":"","record":-1,"raw":"x"}`,
	`{"object":1,"type":"alb","record":1.5,"raw":null}`,
	`[1,2]`,
	"{\"object\":\"\",\"type\":\"\xa7\",\"record\":0,\"raw\":\"\"}",
	`not json`,
	"",
}

// FuzzParseLetter checks that any line is either refused with an error
// or read into a dead letter that sink.DeadLetters writes back into a
// line read the same.
func FuzzParseLetter(f *testing.F) {
	for _, s := range letterSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var p fastjson.Parser
		l, err := parseLetter(&p, line)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		dl := sink.NewDeadLetters(&buf)
		if err := dl.DeadLetter(context.Background(), siem.DeadLetter{Position: l.pos, Type: l.typeName, Raw: l.raw, Size: l.size}); err != nil {
			t.Fatal(err)
		}
		if err := dl.Flush(); err != nil {
			t.Fatal(err)
		}
		var p2 fastjson.Parser
		back, err := parseLetter(&p2, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
		if err != nil {
			t.Fatalf("the dead letter written for %q cannot be read back: %v\n%s", line, err, buf.Bytes())
		}
		// The writer replaces invalid UTF-8 in the object and type names
		// (raw keeps its bytes, in base64); such names are compared as
		// written.
		wantObject, wantType := l.pos.Object.String(), l.typeName
		if !utf8.ValidString(wantObject) || !utf8.ValidString(wantType) {
			wantObject, wantType = back.pos.Object.String(), back.typeName
		}
		if back.pos.Object.String() != wantObject || back.typeName != wantType || back.pos.Record != l.pos.Record ||
			back.pos.Line != l.pos.Line || back.pos.Offset != l.pos.Offset || !bytes.Equal(back.raw, l.raw) {
			t.Fatalf("round trip changed the dead letter:\n in  %+v\n out %+v", l, back)
		}
		if l.size > int64(len(l.raw)) && back.size != l.size {
			t.Fatalf("round trip lost size %d: %d", l.size, back.size)
		}
	})
}

// FuzzLetterLines checks that lines, read with a small limit, are found
// at their offsets in the input and hold its bytes.
func FuzzLetterLines(f *testing.F) {
	for _, s := range []string{"a\nb\n", "\r\n\n  \nxyz", "0123456789abcdef\nshort\n", "no newline at all, longer than the limit"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		const limit = 8
		r := newLetterLines(bytes.NewReader(in), limit)
		var last int64 = -1
		for {
			line, err := r.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if line.offset <= last || line.offset+line.size > int64(len(in)) {
				t.Fatalf("line %d at offset %d, size %d, after offset %d, in %d bytes", line.number, line.offset, line.size, last, len(in))
			}
			last = line.offset
			if len(line.data) > limit || int64(len(line.data)) > line.size {
				t.Fatalf("line %d holds %d bytes of %d with limit %d", line.number, len(line.data), line.size, limit)
			}
			if !bytes.Equal(in[line.offset:line.offset+int64(len(line.data))], line.data) {
				t.Fatalf("line %d = %q, not the input's bytes at offset %d", line.number, line.data, line.offset)
			}
			if end := line.offset + line.size; end < int64(len(in)) && in[end] != '\n' && in[end] != '\r' {
				t.Fatalf("line %d does not end at a line ending: %q", line.number, in[end:])
			}
		}
	})
}
