package sink

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// NDJSON writes each document body as one line. Each batch is written to
// the underlying writer whole, with one Write call under a lock, before
// Write returns: lines of concurrent batches never interleave, and a
// document counts as indexed only once its line was handed to the
// writer (for a file: to the operating system).
//
// A write error is final: Write returns it as a *siem.FatalError, for this
// batch and every later one, so that the pipeline stops the run instead
// of dead-lettering every remaining record (a full disk, a closed pipe or
// file stay full and closed). The failed batch may have been written in
// part; the error says how much of it reached the writer.
type NDJSON struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
	err error
}

// maxKeptBuffer is the largest batch buffer NDJSON keeps for reuse; a
// larger one, built for an exceptional batch, is let go after the write.
const maxKeptBuffer = 8 << 20

// NewNDJSON returns a sink writing to w. It does not close w. Call Flush
// when done: it reports a write error that ended the run, and flushes w
// when w buffers itself.
func NewNDJSON(w io.Writer) *NDJSON {
	return &NDJSON{w: w}
}

// Write implements siem.Sink.
func (s *NDJSON) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return siem.WriteResult{}, siem.Fatal(s.err)
	}
	b := s.buf[:0]
	for _, d := range docs {
		b = append(b, d.Body...)
		b = append(b, '\n')
	}
	n, err := s.w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if cap(b) <= maxKeptBuffer {
		s.buf = b[:0]
	} else {
		s.buf = nil
	}
	if err != nil {
		n = min(max(n, 0), len(b))
		complete := bytes.Count(b[:n], []byte{'\n'})
		partial := ""
		if n > 0 && b[n-1] != '\n' {
			partial = " and the start of one more"
		}
		s.err = fmt.Errorf("writing documents: %w (the output holds %d of the %d documents of the failed batch%s, none of them counted as indexed)", err, complete, len(docs), partial)
		return siem.WriteResult{}, siem.Fatal(s.err)
	}
	return siem.WriteResult{}, nil
}

// Flush reports the write error that stopped the sink, if any, and
// flushes the writer given to NewNDJSON when it has a Flush method (a
// *bufio.Writer, a *gzip.Writer), reporting its error. Write hands every
// batch through at once, so NDJSON itself holds nothing back.
func (s *NDJSON) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if f, ok := s.w.(interface{ Flush() error }); ok {
		if err := f.Flush(); err != nil {
			s.err = fmt.Errorf("flushing documents: %w", err)
		}
	}
	return s.err
}

// DeadLetters writes each dead letter as one JSON line:
//
//	{"object":"s3://b/k","type":"alb","record":7,"line":7,"offset":1234,
//	 "reason":"...","raw":"...","size":123456,"document":{...}}
//
// raw holds the record as text when it is valid UTF-8, else raw_base64
// holds its bytes, so a dead letter can always be replayed exactly. size
// is there only when raw holds just the start of an over-long record: it
// is the record's full length in bytes.
//
// Dead letters are buffered; a write error is final (every later call
// returns it, which stops the pipeline's run), and Flush reports it.
type DeadLetters struct {
	mu  sync.Mutex
	w   *bufio.Writer
	buf []byte
	n   int64
	err error
}

// NewDeadLetters returns a dead-letter sink writing to w. It does not
// close w. Call Flush when done and check its error: dead letters still
// in the buffer reach w only then.
func NewDeadLetters(w io.Writer) *DeadLetters {
	return &DeadLetters{w: bufio.NewWriterSize(w, 64<<10)}
}

// DeadLetter implements siem.DeadLetterSink.
func (s *DeadLetters) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	b := s.buf[:0]
	b = append(b, `{"object":`...)
	b = ecs.AppendString(b, dl.Object.String())
	b = append(b, `,"type":`...)
	b = ecs.AppendString(b, dl.Type)
	b = append(b, `,"record":`...)
	b = strconv.AppendInt(b, dl.Record, 10)
	if dl.Line > 0 {
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, dl.Line, 10)
	}
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, dl.Offset, 10)
	b = append(b, `,"reason":`...)
	b = ecs.AppendString(b, dl.Reason)
	if utf8.Valid(dl.Raw) {
		b = append(b, `,"raw":`...)
		b = ecs.AppendStringBytes(b, dl.Raw)
	} else {
		b = append(b, `,"raw_base64":"`...)
		b = base64.StdEncoding.AppendEncode(b, dl.Raw)
		b = append(b, '"')
	}
	if dl.Size > int64(len(dl.Raw)) {
		b = append(b, `,"size":`...)
		b = strconv.AppendInt(b, dl.Size, 10)
	}
	if len(dl.Document) > 0 {
		b = append(b, `,"document":`...)
		b = append(b, dl.Document...)
	}
	b = append(b, '}', '\n')
	if cap(b) <= maxKeptBuffer {
		s.buf = b
	} else {
		s.buf = nil
	}
	if _, err := s.w.Write(b); err != nil {
		s.err = fmt.Errorf("writing dead letters: %w", err)
		return s.err
	}
	s.n++
	return nil
}

// Count reports how many dead letters were written (or buffered, until
// Flush).
func (s *DeadLetters) Count() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// Flush writes buffered lines through and reports the first write error.
func (s *DeadLetters) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if err := s.w.Flush(); err != nil {
		s.err = fmt.Errorf("writing dead letters: %w", err)
	}
	return s.err
}
