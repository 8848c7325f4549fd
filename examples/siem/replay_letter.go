package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
)

// letter is one dead letter read back: where its record came from, the
// type it was read as, and its raw bytes.
type letter struct {
	pos      siem.Position
	typeName string
	raw      []byte
	// size is the record's full length when raw holds only its start,
	// else 0.
	size int64
}

// parseLetter decodes one dead-letter line, as sink.DeadLetters writes
// them. raw may point into p's memory: it is valid until p parses again.
// Fields replay does not need (reason, document) are not checked.
func parseLetter(p *fastjson.Parser, line []byte) (letter, error) {
	var l letter
	v, err := p.ParseBytes(line)
	if err != nil {
		return l, fmt.Errorf("not JSON: %v", err)
	}
	if v.Type() != fastjson.TypeObject {
		return l, fmt.Errorf("a JSON %s, not an object", v.Type())
	}
	object, err := stringField(v, "object", true)
	if err != nil {
		return l, err
	}
	l.pos.Object = parseObject(object)
	if l.typeName, err = stringField(v, "type", true); err != nil {
		return l, err
	}
	if l.pos.Record, err = intField(v, "record", true); err != nil {
		return l, err
	}
	if l.pos.Line, err = intField(v, "line", false); err != nil {
		return l, err
	}
	if l.pos.Offset, err = intField(v, "offset", false); err != nil {
		return l, err
	}
	if l.size, err = intField(v, "size", false); err != nil {
		return l, err
	}
	raw, b64 := v.Get("raw"), v.Get("raw_base64")
	switch {
	case raw != nil && b64 != nil:
		return l, errors.New(`it has both "raw" and "raw_base64"; a dead letter has one of them`)
	case raw != nil:
		if l.raw, err = raw.StringBytes(); err != nil {
			return l, errors.New(`"raw" is not a string`)
		}
	case b64 != nil:
		enc, err := b64.StringBytes()
		if err != nil {
			return l, errors.New(`"raw_base64" is not a string`)
		}
		if l.raw, err = base64.StdEncoding.AppendDecode(nil, enc); err != nil {
			return l, fmt.Errorf(`"raw_base64" is not standard base64: %v`, err)
		}
	default:
		return l, errors.New(`it has neither "raw" nor "raw_base64"`)
	}
	return l, nil
}

func stringField(v *fastjson.Value, name string, required bool) (string, error) {
	f := v.Get(name)
	if f == nil {
		if required {
			return "", fmt.Errorf("no %q field", name)
		}
		return "", nil
	}
	b, err := f.StringBytes()
	if err != nil {
		return "", fmt.Errorf("%q is a JSON %s, not a string", name, f.Type())
	}
	return string(b), nil
}

func intField(v *fastjson.Value, name string, required bool) (int64, error) {
	f := v.Get(name)
	if f == nil {
		if required {
			return 0, fmt.Errorf("no %q field", name)
		}
		return 0, nil
	}
	n, err := f.Int64()
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is %s, not a whole number of 0 or more", name, f)
	}
	return n, nil
}

// parseObject reads back siem.Object.String: "s3://bucket/key" is an S3
// object, anything else a local name.
func parseObject(s string) siem.Object {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return siem.Object{Key: s}
	}
	bucket, key, _ := strings.Cut(rest, "/")
	if bucket == "" {
		return siem.Object{Key: s}
	}
	return siem.Object{Bucket: bucket, Key: key}
}

// maxLetterBytes bounds one dead-letter line. A dead letter holds a record
// of at most the pipeline's record limit (4 MiB by default), JSON-escaped
// or base64-encoded, and perhaps its refused document: this leaves room
// for the worst case of both.
const maxLetterBytes = 64 << 20

// letterLines splits a source into lines without holding more than one
// line, of at most max bytes, in memory.
type letterLines struct {
	br     *bufio.Reader
	buf    []byte
	max    int
	number int64
	offset int64 // of the next line
}

func newLetterLines(r io.Reader, max int) *letterLines {
	return &letterLines{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// sourceLine is one line of a source; data holds at most the reader's
// max bytes, and size is the line's full length (without its newline).
type sourceLine struct {
	data           []byte
	number, offset int64
	size           int64
}

// next returns the next line that is not blank, without its line ending;
// its data is valid until the next call. It returns io.EOF at the end.
func (r *letterLines) next() (sourceLine, error) {
	for {
		line, err := r.read()
		if err != nil {
			return line, err
		}
		if len(bytes.TrimSpace(line.data)) > 0 {
			return line, nil
		}
	}
}

func (r *letterLines) read() (sourceLine, error) {
	r.buf = r.buf[:0]
	line := sourceLine{offset: r.offset}
	newline := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		line.size += int64(len(chunk))
		if room := r.max - len(r.buf); room > 0 {
			r.buf = append(r.buf, chunk[:min(len(chunk), room)]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		// A last line without a newline is a line too.
		if err != nil && (err != io.EOF || line.size == 0) {
			return line, err
		}
		newline = err == nil
		break
	}
	r.offset += line.size
	r.number++
	line.number = r.number
	if newline {
		line.size--
	}
	data := r.buf[:min(int64(len(r.buf)), line.size)]
	if int64(len(data)) == line.size && bytes.HasSuffix(data, []byte{'\r'}) {
		data = data[:len(data)-1]
		line.size--
	}
	line.data = data
	return line, nil
}
