package sink

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// NDJSON writes each document body as one line. Batches are written whole
// under a lock, so lines of concurrent batches never interleave.
type NDJSON struct {
	mu  sync.Mutex
	w   *bufio.Writer
	err error
}

// NewNDJSON returns a sink writing to w. Call Flush when done.
func NewNDJSON(w io.Writer) *NDJSON {
	return &NDJSON{w: bufio.NewWriterSize(w, 256<<10)}
}

// Write implements siem.Sink. An I/O error fails the batch and every later
// one: the documents are then dead-lettered by the pipeline.
func (s *NDJSON) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return siem.WriteResult{}, s.err
	}
	for _, d := range docs {
		s.w.Write(d.Body)
		s.w.WriteByte('\n')
	}
	// bufio keeps the first error; checking once per batch is enough.
	if _, err := s.w.Write(nil); err != nil {
		s.err = err
		return siem.WriteResult{}, err
	}
	return siem.WriteResult{}, nil
}

// Flush writes buffered lines through.
func (s *NDJSON) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.err = s.w.Flush()
	return s.err
}

// DeadLetters writes each dead letter as one JSON line:
//
//	{"object":"s3://b/k","type":"alb","record":7,"line":7,"offset":1234,
//	 "reason":"...","raw":"...","document":{...}}
//
// raw holds the record as text when it is valid UTF-8, else raw_base64
// holds its bytes, so a dead letter can always be replayed exactly.
type DeadLetters struct {
	mu  sync.Mutex
	w   *bufio.Writer
	buf []byte
	n   int64
}

// NewDeadLetters returns a dead-letter sink writing to w. Call Flush when
// done.
func NewDeadLetters(w io.Writer) *DeadLetters {
	return &DeadLetters{w: bufio.NewWriterSize(w, 64<<10)}
}

// DeadLetter implements siem.DeadLetterSink.
func (s *DeadLetters) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	if len(dl.Document) > 0 {
		b = append(b, `,"document":`...)
		b = append(b, dl.Document...)
	}
	b = append(b, '}', '\n')
	s.buf = b
	if _, err := s.w.Write(b); err != nil {
		return err
	}
	s.n++
	return nil
}

// Count reports how many dead letters were written.
func (s *DeadLetters) Count() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// Flush writes buffered lines through.
func (s *DeadLetters) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Flush()
}
