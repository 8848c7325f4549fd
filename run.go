package siem

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/siem-go/siem/parser"
)

// RunOptions shape one run of ProcessWith or OpenStream. The zero value
// is a plain run: every record, batches handed on when full, no
// acknowledgements.
type RunOptions struct {
	// Records limits the run to a span of the object's records, so that
	// one large object can be processed in parts, by several calls or
	// machines, that add up to the whole. Records outside the span are
	// framed but neither counted nor normalized.
	Records Span
	// MaxDelay bounds how long a record waits in a batch that is not yet
	// full: when the batch's first record has waited this long, the
	// batch is handed on as it is. 0 hands batches on only when they are
	// full (Options.BatchRecords, Options.BatchBytes) or the object ends,
	// which is fastest for objects read at disk speed; a Stream fed at a
	// shipper's pace wants a delay (OpenStream defaults to
	// DefaultMaxDelay).
	MaxDelay time.Duration
	// OnAck, when set, is called once per batch after every record of it
	// settled (indexed, excluded or dead-lettered). Calls come in the
	// order the batches were filled and never at once, so when OnAck is
	// called for a batch every record read before it has settled too: a
	// shipper can commit its offset up to Ack.Last. A batch the run could
	// not settle (a failing sink stopped it) is never acknowledged, nor
	// is any later one. OnAck runs on a pipeline goroutine and holds up
	// the next acknowledgement: keep it short. A panic in it stops the
	// run.
	OnAck func(Ack)
}

// DefaultMaxDelay is a Stream's RunOptions.MaxDelay when none is given.
const DefaultMaxDelay = time.Second

func (o RunOptions) check() error {
	if o.Records.First < 0 || o.Records.Last < 0 || (o.Records.Last > 0 && o.Records.Last < o.Records.First) {
		return fmt.Errorf("record span %s is not a span: want 1 <= First <= Last, or Last 0 for up to the end", o.Records)
	}
	if o.MaxDelay < 0 {
		return fmt.Errorf("negative MaxDelay %v", o.MaxDelay)
	}
	return nil
}

// Span selects records by their 1-based number in an object, First and
// Last included. Zero First means from the first record, zero Last up to
// the last one: the zero Span is the whole object.
type Span struct {
	First, Last int64
}

func (s Span) has(n int64) bool {
	return n >= s.First && (s.Last == 0 || n <= s.Last)
}

func (s Span) String() string {
	switch {
	case s.First <= 1 && s.Last == 0:
		return "all records"
	case s.Last == 0:
		return fmt.Sprintf("records %d-", s.First)
	}
	return fmt.Sprintf("records %d-%d", max(s.First, 1), s.Last)
}

// Ack reports one settled batch of a run; see RunOptions.OnAck.
type Ack struct {
	// First and Last are the numbers of the batch's first and last
	// records. For a Stream, record n is the n-th record added.
	First, Last int64
	// Counts is the batch's accounting: Read is the number of records
	// in it, and Read == Indexed + Excluded + DeadLettered.
	Counts Counts
}

// acker delivers acknowledgements in batch order.
type acker struct {
	mu      sync.Mutex
	next    int64
	waiting map[int64]Ack
}

// done records batch seq as settled and delivers every acknowledgement
// that is now in order.
func (a *acker) done(r *objectRun, seq int64, ack Ack) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.waiting == nil {
		a.waiting = make(map[int64]Ack)
	}
	a.waiting[seq] = ack
	for {
		next, ok := a.waiting[a.next]
		if !ok {
			return
		}
		delete(a.waiting, a.next)
		a.next++
		if err := callAck(r.opts.OnAck, next); err != nil {
			r.stop(err)
			return
		}
	}
}

func callAck(f func(Ack), ack Ack) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the OnAck callback panicked on the acknowledgement of records %d-%d: %v", ack.First, ack.Last, p)
		}
	}()
	f(ack)
	return nil
}

// Stream feeds records of one log type to a pipeline one at a time, as a
// log shipper receives them, without an object to read: each record added
// is normalized, enriched and written like a record read from an object
// of that type, and gets the same document id. Batches are handed on when
// full or after RunOptions.MaxDelay, so a record reaches the sink within
// about MaxDelay; RunOptions.OnAck tells which records have settled.
//
// A Stream is safe for use by several goroutines; records are numbered in
// the order Add takes them.
type Stream struct {
	run *objectRun

	mu     sync.Mutex
	n      int64
	offset int64
	done   bool
}

// OpenStream starts a stream of records of log type lt. obj names where
// the records come from (a topic and partition, a file being tailed): it
// is what dead letters and messages name, and Key may be anything. Close
// the stream to settle its last records and get its counts.
//
// Records are taken as they are given, already framed: one log line, one
// JSON event. The type's own framing is not applied, so a type whose
// records depend on something earlier in the object (a header naming the
// columns, as in CloudFront's W3C logs) reads them with its defaults;
// feed such an object whole through ProcessWith instead.
func (p *Pipeline) OpenStream(ctx context.Context, lt LogType, obj Object, opts RunOptions) (*Stream, error) {
	if lt == nil {
		return nil, &ObjectError{Object: obj, Err: errors.New("no log type given (nil LogType)")}
	}
	info := lt.Info()
	if err := opts.check(); err != nil {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	if opts.Records != (Span{}) {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: errors.New("a stream takes every record added: RunOptions.Records is for objects")}
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = DefaultMaxDelay
	}
	run := p.newRun(ctx, info, obj, opts)
	or, err := openForRecords(lt, obj)
	if err != nil {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	run.or = or
	run.start()
	return &Stream{run: run}, nil
}

// openForRecords gets the type's normalizer for records framed by the
// caller by opening an empty object, as if the records had come in one;
// a type that refuses an empty object is opened for messages, as an
// envelope would deliver them.
func openForRecords(lt LogType, obj Object) (or ObjectReader, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: the %s log type panicked while opening a stream (please report it): %v", lt.Info().Name, p)
		}
	}()
	or, err = lt.Open(obj, bytes.NewReader(nil))
	if mo, ok := lt.(MessageOpener); ok && err != nil {
		or, err = mo.OpenMessages(obj, noRecords{})
	}
	if err != nil {
		return nil, fmt.Errorf("the %s log type cannot take records one at a time (%v); process whole objects with ProcessWith", lt.Info().Name, err)
	}
	return or, nil
}

type noRecords struct{}

func (noRecords) Next() (parser.Record, error) { return parser.Record{}, io.EOF }

// Add takes one record; its bytes are copied, so rec may be reused when
// Add returns. Add blocks while the workers are all busy, which is the
// stream's back-pressure. It returns an error, and takes nothing, after
// Close, once the stream's context is cancelled, or once a failing sink
// stopped the stream (Close then reports what was left unsettled).
func (s *Stream) Add(rec []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.run
	switch {
	case s.done:
		return fmt.Errorf("%s: Add after Close", r.obj)
	case r.ctx.Err() != nil:
		return fmt.Errorf("%s: stream stopped after %d records: %w", r.obj, s.n, r.ctx.Err())
	}
	if err := r.fatalErr(); err != nil {
		return fmt.Errorf("%s: stream stopped after %d records: %w", r.obj, s.n, err)
	}
	s.n++
	r.take(parser.Record{Data: rec, Number: s.n, Offset: s.offset})
	s.offset += int64(len(rec)) + 1
	return nil
}

// Close hands on the last partial batch, waits until every record added
// has settled (or the drain timeout after a cancellation ran out) and
// returns the stream's counts, with the same guarantees as ProcessAs. A
// second Close returns an error.
func (s *Stream) Close() (Counts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return Counts{}, fmt.Errorf("%s: stream closed twice", s.run.obj)
	}
	s.done = true
	return s.run.finish(nil)
}

func (r *objectRun) fatalErr() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal
}

// Count frames an object as ProcessAs would and returns how many records
// it holds, without normalizing them: the numbers a Span refers to. A
// program splitting a large object into spans counts it first.
func (p *Pipeline) Count(ctx context.Context, lt LogType, obj Object, r io.Reader) (int64, error) {
	run, err := p.openRun(ctx, lt, obj, r, RunOptions{})
	if err != nil {
		return 0, err
	}
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, &ObjectError{Object: obj, Type: run.info.Name, Records: n, Err: err}
		}
		rec, err := run.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			re, ok := parser.AsRecordError(err)
			if !ok {
				return n, &ObjectError{Object: obj, Type: run.info.Name, Records: n, Err: err}
			}
			n = max(n, re.Number)
			continue
		}
		n = max(n, rec.Number)
	}
}
