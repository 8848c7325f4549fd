package siem

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Enricher adds information to a normalized event, for example GeoIP data
// for its addresses. logType is the name of the event's log type, so an
// enricher can choose per type which fields it reads. Enrichment never
// fails a record: an enricher that cannot do its work leaves the event as
// it is. Enrich is called from many goroutines at once. Package enrich
// holds the built-in enrichers and orders them.
//
// An enricher that panics, or sets a field that conflicts with another
// (see ecs.Event.Err), gets the record dead-lettered with a reason naming
// it; the run goes on.
type Enricher interface {
	Enrich(logType string, ev *ecs.Event)
}

// Filter excludes records on purpose after normalization and enrichment,
// by rules of the user's (health checks, a noisy service account): it
// returns the name of the rule that excludes the event, or "" to keep
// it. Excluded records are counted under the rule's name. Exclude is
// called from many goroutines at once and must not change ev; a panic
// gets the record dead-lettered. Package exclude holds a filter of rules
// on field values.
type Filter interface {
	Exclude(logType string, ev *ecs.Event) (rule string)
}

// DefaultMaxRecordBytes is the largest record the pipeline normalizes when
// Options.MaxRecordBytes is 0.
const DefaultMaxRecordBytes = 4 << 20

// oversizeKeepBytes is how much of an over-long record a dead letter
// keeps: enough to recognise it, without multiplying a huge record in
// memory and in the dead-letter store.
const oversizeKeepBytes = 64 << 10

// DefaultDrainTimeout is how long records already read may take to settle
// after the run's context is cancelled, when Options.DrainTimeout is 0.
const DefaultDrainTimeout = 30 * time.Second

// Options configures a Pipeline.
type Options struct {
	// Registry detects the log type of objects; nil means Default().
	Registry *Registry
	// Sink receives the documents. Required.
	Sink Sink
	// DeadLetters receives the records that cannot be indexed. Required:
	// no record is ever dropped silently.
	DeadLetters DeadLetterSink
	// Enrichers run in order on every normalized event.
	Enrichers []Enricher
	// Filters run after the enrichers; the first that names a rule
	// excludes the record, counted under that rule.
	Filters []Filter
	// Workers is the number of goroutines normalizing records of one
	// object; 0 means GOMAXPROCS.
	Workers int
	// BatchRecords caps the records per batch handed to a worker and to
	// the sink; 0 means 1024.
	BatchRecords int
	// BatchBytes caps the raw bytes per batch; 0 means 1 MiB. Together
	// with Workers it bounds memory: at most about 2*Workers batches are
	// in flight.
	BatchBytes int
	// MaxRecordBytes bounds one record: a longer one is dead-lettered
	// without being normalized, keeping its first 64 KiB and its full
	// Size, so that one huge record cannot multiply its size in memory.
	// 0 means DefaultMaxRecordBytes (4 MiB). Framings have limits of
	// their own (parser.LineOptions, parser.JSONOptions).
	MaxRecordBytes int
	// OmitOriginal leaves event.original out of the documents.
	OmitOriginal bool
	// Validate checks every document against the ECS field table and the
	// vendor schemas of its type and envelope before it reaches the sink;
	// a document that fails is dead-lettered with the problems. It
	// decodes every document, so it costs throughput: use it while
	// writing a type, or to audit one.
	Validate bool
	// Now returns the ingest time (event.ingested and Record.Ingested),
	// taken once per object; nil means time.Now.
	Now func() time.Time
	// DrainTimeout is how long, after the context of a run is cancelled,
	// the records already read may still take to reach the sinks. Reading
	// stops at once; what was read is normalized and written, and what
	// the sink has not taken when the time is up is dead-lettered with
	// the cancellation as its reason. 0 means DefaultDrainTimeout.
	DrainTimeout time.Duration
}

// Pipeline runs objects through decompression, framing, normalization,
// enrichment and a sink, accounting for every record. It is safe to run
// several objects through one Pipeline at once.
type Pipeline struct {
	opts Options
}

// NewPipeline checks opts and returns a pipeline.
func NewPipeline(opts Options) (*Pipeline, error) {
	if opts.Sink == nil {
		return nil, errors.New("siem: Options.Sink is required")
	}
	if opts.DeadLetters == nil {
		return nil, errors.New("siem: Options.DeadLetters is required, so that no record is dropped silently")
	}
	for i, e := range opts.Enrichers {
		if e == nil {
			return nil, fmt.Errorf("siem: Options.Enrichers[%d] is nil", i)
		}
	}
	for i, f := range opts.Filters {
		if f == nil {
			return nil, fmt.Errorf("siem: Options.Filters[%d] is nil", i)
		}
	}
	if opts.Registry == nil {
		opts.Registry = Default()
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BatchRecords <= 0 {
		opts.BatchRecords = 1024
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 1 << 20
	}
	if opts.MaxRecordBytes <= 0 {
		opts.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DrainTimeout <= 0 {
		opts.DrainTimeout = DefaultDrainTimeout
	}
	return &Pipeline{opts: opts}, nil
}

// Process detects the object's log type from its key and runs it. An
// object no type recognises yields *UnknownTypeError, one several types
// claim *AmbiguousTypeError.
func (p *Pipeline) Process(ctx context.Context, obj Object, r io.Reader) (Counts, error) {
	lt, err := p.opts.Registry.Detect(obj)
	if err != nil {
		return Counts{}, err
	}
	return p.ProcessAs(ctx, lt, obj, r)
}

// ProcessAs runs one object as the given log type. r yields the object's
// bytes, compressed or not. The counts are valid whatever the error: the
// records before a broken stream are indexed or dead-lettered and counted.
// A *NotEventsError means the object was skipped on purpose.
//
// When ctx is cancelled, reading stops; the records already read are
// settled (see Options.DrainTimeout) and the error wraps ctx.Err(). When
// the sink reports a *FatalError, or the dead-letter sink fails, the run
// stops at once: the records it had read but not settled are left out of
// the counts' balance (Counts.Unsettled), and the error says so.
func (p *Pipeline) ProcessAs(ctx context.Context, lt LogType, obj Object, r io.Reader) (Counts, error) {
	return p.ProcessWith(ctx, lt, obj, r, RunOptions{})
}

// ProcessWith runs one object as the given log type, as ProcessAs does,
// with the run shaped by opts: a span of its records only, partial
// batches handed on after a delay, an acknowledgement per batch.
func (p *Pipeline) ProcessWith(ctx context.Context, lt LogType, obj Object, r io.Reader, opts RunOptions) (Counts, error) {
	run, err := p.openRun(ctx, lt, obj, r, opts)
	if err != nil {
		return Counts{}, err
	}
	return run.run()
}

// openRun checks the arguments, sniffs the compression and opens the
// object with its log type.
func (p *Pipeline) openRun(ctx context.Context, lt LogType, obj Object, r io.Reader, opts RunOptions) (*objectRun, error) {
	if lt == nil {
		return nil, &ObjectError{Object: obj, Err: errors.New("no log type given (nil LogType)")}
	}
	info := lt.Info()
	if r == nil {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: errors.New("no content to read (nil io.Reader)")}
	}
	if err := opts.check(); err != nil {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	plain, _, err := parser.Decompress(r)
	if err != nil {
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	run := p.newRun(ctx, info, obj, opts)
	or, err := run.open(lt, plain)
	if err != nil {
		if IsNotEvents(err) {
			return nil, err
		}
		return nil, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	run.or = or
	return run, nil
}

func (p *Pipeline) newRun(ctx context.Context, info Info, obj Object, opts RunOptions) *objectRun {
	run := &objectRun{
		p:      p,
		ctx:    ctx,
		obj:    obj,
		info:   info,
		module: moduleOf(info.Dataset),
		opts:   opts,
	}
	run.setIngested(p.opts.Now())
	run.datasetJSON = quoted(info.Dataset)
	run.moduleJSON = quoted(run.module)
	return run
}

// ecsVersionJSON is ecs.version as a JSON string, encoded once.
var ecsVersionJSON = quoted(ecs.Version)

// quoted returns s as a JSON string, or nil for "".
func quoted(s string) []byte {
	if s == "" {
		return nil
	}
	return ecs.AppendString(nil, s)
}

// setIngested sets the time written as event.ingested from now on.
func (r *objectRun) setIngested(t time.Time) {
	r.ingested = t
	b := ecs.AppendTime([]byte{'"'}, t)
	r.ingestedJSON = append(b, '"')
}

// open picks the envelope the object arrived in, if any, and opens the
// object with the log type. A panic in the type's or the envelope's code
// becomes an error for this object.
func (r *objectRun) open(lt LogType, plain io.Reader) (or ObjectReader, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: the %s log type panicked while opening the object (please report it): %v", r.info.Name, p)
		}
	}()
	if len(r.info.Envelopes) == 0 {
		return lt.Open(r.obj, plain)
	}
	// As large as a LineReader's own buffer, so that a type reading
	// lines reuses this one instead of copying every byte through a
	// second.
	br, ok := plain.(*bufio.Reader)
	if !ok || br.Size() < SniffBytes {
		br = bufio.NewReaderSize(plain, 256<<10)
	}
	head, err := br.Peek(SniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	for _, env := range r.info.Envelopes {
		if !env.Sniff(r.obj.Key, head) {
			continue
		}
		msgs, err := env.Open(r.obj, br)
		if err != nil {
			return nil, fmt.Errorf("%s envelope: %w", env.Name(), err)
		}
		r.env = env
		return lt.(MessageOpener).OpenMessages(r.obj, &messages{r: msgs, run: r})
	}
	return lt.Open(r.obj, br)
}

// messages passes an envelope's messages to the log type, settling those
// the envelope marks as excluded before the type sees them.
type messages struct {
	r   parser.Reader
	run *objectRun
}

func (m *messages) Next() (parser.Record, error) {
	for {
		rec, err := m.r.Next()
		if err != nil || rec.Delivery == nil || rec.Delivery.Exclude == "" {
			return rec, err
		}
		if m.run.opts.Records.First > 1 {
			// A run over a later span of the object leaves these to
			// the run that starts at its first record, so that the
			// spans of one object add up to the object.
			continue
		}
		m.run.mu.Lock()
		m.run.counts.Read++
		m.run.counts.exclude(rec.Delivery.Exclude, 1)
		m.run.mu.Unlock()
	}
}

func moduleOf(dataset string) string {
	module, _, _ := strings.Cut(dataset, ".")
	return module
}

// objectRun is the state of one object going through the pipeline.
type objectRun struct {
	p      *Pipeline
	ctx    context.Context
	obj    Object
	info   Info
	module string
	opts   RunOptions
	or     ObjectReader
	// env is the envelope the object arrived in, nil for direct delivery.
	env      Envelope
	ingested time.Time
	// ingestedJSON is event.ingested, encoded once; each batch copies it.
	ingestedJSON []byte
	// datasetJSON and moduleJSON are event.dataset and event.module,
	// encoded once per run rather than escaped for every record; nil
	// when empty, which RawJSON skips as Keyword skips "".
	datasetJSON, moduleJSON []byte
	// sinkCtx is what the sinks are called with: it outlives a cancelled
	// ctx by the drain timeout, so that records already read can settle.
	sinkCtx    context.Context
	cancelSink context.CancelFunc
	stopDrain  func() bool
	work       chan *batch
	wg         sync.WaitGroup

	// bmu guards the batch being filled, which the reading goroutine and
	// the MaxDelay timer both hand on.
	bmu     sync.Mutex
	cur     *batch
	nextSeq int64
	closed  bool

	acks acker

	mu     sync.Mutex
	counts Counts
	// fatal is the first error that stops the run (a dead-letter sink
	// failure, a fatal sink error); later ones are dropped.
	fatal error
}

type batch struct {
	raw  []byte
	recs []batchRecord
	// seq orders the batches of a run; first and last are the numbers of
	// the first and last record taken into it, taken counts them, and
	// dead counts those dead-lettered before normalization.
	seq         int64
	first, last int64
	taken, dead int64
	// ingestedJSON is event.ingested for the batch's records.
	ingested     time.Time
	ingestedJSON []byte
}

type batchRecord struct {
	start, end int
	number     int64
	line       int64
	offset     int64
	delivery   *parser.Delivery
}

var batchPool = sync.Pool{New: func() any { return new(batch) }}

// start launches the workers.
func (r *objectRun) start() {
	r.sinkCtx, r.cancelSink = context.WithCancel(context.WithoutCancel(r.ctx))
	drain := r.p.opts.DrainTimeout
	r.stopDrain = context.AfterFunc(r.ctx, func() { time.AfterFunc(drain, r.cancelSink) })
	r.acks.next = 1
	r.work = make(chan *batch, r.p.opts.Workers)
	for range r.p.opts.Workers {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			w := &worker{r: r}
			for b := range r.work {
				w.process(b)
				b.raw = b.raw[:0]
				b.recs = b.recs[:0]
				batchPool.Put(b)
			}
		}()
	}
}

// finish hands on the last batch, waits for the workers and returns the
// run's counts and error.
func (r *objectRun) finish(readErr error) (Counts, error) {
	r.bmu.Lock()
	r.sendLocked()
	r.closed = true
	close(r.work)
	r.bmu.Unlock()
	r.wg.Wait()
	r.stopDrain()
	r.cancelSink()

	r.mu.Lock()
	defer r.mu.Unlock()
	err := r.fatal
	if err == nil {
		err = readErr
	}
	if err == nil && r.ctx.Err() != nil {
		err = r.ctx.Err()
	}
	unsettled := r.counts.Unsettled()
	if unsettled != 0 {
		err = fmt.Errorf("%w; %d records were read but not settled (neither indexed, excluded nor dead-lettered): process the object again once the cause is fixed", err, unsettled)
	}
	if err != nil {
		return r.counts, &ObjectError{Object: r.obj, Type: r.info.Name, Records: r.counts.Read, Unsettled: unsettled, Err: err}
	}
	return r.counts, nil
}

func (r *objectRun) run() (Counts, error) {
	r.start()
	return r.finish(r.produce())
}

// produce frames records and takes them into batches. It returns the
// error that ended reading early, if any. Every record it takes is
// counted as read and handed on: a cancelled run stops taking records
// but settles those it took.
func (r *objectRun) produce() error {
	span := r.opts.Records
	for {
		if r.ctx.Err() != nil || r.stopped() {
			return nil
		}
		rec, err := r.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			re, ok := parser.AsRecordError(err)
			if !ok {
				return err
			}
			if !span.has(re.Number) {
				continue
			}
			r.takeBroken(re)
			continue
		}
		if !span.has(rec.Number) {
			if span.Last > 0 && rec.Number > span.Last {
				return nil
			}
			continue
		}
		r.take(rec)
	}
}

// takeBroken counts a record the framing could not read and dead-letters it.
func (r *objectRun) takeBroken(re *parser.RecordError) {
	r.addRead(1)
	size := re.Size
	if size == 0 {
		size = int64(len(re.Raw))
	}
	raw := re.Raw
	if len(raw) > r.p.opts.MaxRecordBytes {
		raw = raw[:min(len(raw), oversizeKeepBytes)]
	}
	ok := r.deadLetter(DeadLetter{
		Position: Position{Object: r.obj, Record: re.Number, Line: re.Line, Offset: re.Offset},
		Type:     r.info.Name,
		Reason:   re.Reason,
		Raw:      raw,
		Size:     size,
	})
	r.settledEarly(re.Number, ok)
}

// take counts one framed record as read and adds it to the batch being
// filled, handing the batch on when it is full. An over-long record is
// dead-lettered instead.
func (r *objectRun) take(rec parser.Record) {
	r.addRead(1)
	limit := r.p.opts.MaxRecordBytes
	if len(rec.Data) > limit {
		ok := r.deadLetter(DeadLetter{
			Position: Position{Object: r.obj, Record: rec.Number, Line: rec.Line, Offset: rec.Offset},
			Type:     r.info.Name,
			Reason:   fmt.Sprintf("record of %d bytes is longer than the limit of %d bytes (Options.MaxRecordBytes); its first %d bytes are kept", len(rec.Data), limit, oversizeKeepBytes),
			Raw:      rec.Data[:min(len(rec.Data), oversizeKeepBytes)],
			Size:     int64(len(rec.Data)),
		})
		r.settledEarly(rec.Number, ok)
		return
	}
	r.bmu.Lock()
	defer r.bmu.Unlock()
	b := r.batchLocked(rec.Number)
	start := len(b.raw)
	b.raw = append(b.raw, rec.Data...)
	b.recs = append(b.recs, batchRecord{start: start, end: len(b.raw), number: rec.Number, line: rec.Line, offset: rec.Offset, delivery: rec.Delivery})
	if len(b.recs) >= r.p.opts.BatchRecords || len(b.raw) >= r.p.opts.BatchBytes {
		r.sendLocked()
	}
}

// settledEarly puts a record that was dead-lettered before normalization
// into the batch being filled, so that its batch's acknowledgement covers
// it. A record the dead-letter sink did not take stays out of it: the run
// has stopped.
func (r *objectRun) settledEarly(number int64, ok bool) {
	if r.opts.OnAck == nil {
		return
	}
	r.bmu.Lock()
	defer r.bmu.Unlock()
	b := r.batchLocked(number)
	if ok {
		b.dead++
	}
}

// batchLocked returns the batch being filled with one more record of the
// given number taken into it, opening a batch when there is none. A new
// batch starts the MaxDelay clock.
func (r *objectRun) batchLocked(number int64) *batch {
	b := r.cur
	if b == nil {
		b = batchPool.Get().(*batch)
		r.nextSeq++
		b.seq, b.first, b.taken, b.dead = r.nextSeq, number, 0, 0
		b.ingested = r.ingested
		b.ingestedJSON = append(b.ingestedJSON[:0], r.ingestedJSON...)
		r.cur = b
		if d := r.opts.MaxDelay; d > 0 {
			seq := b.seq
			time.AfterFunc(d, func() { r.sendIfStill(seq) })
		}
	}
	b.last = number
	b.taken++
	return b
}

// sendIfStill hands on batch seq if it is still being filled: its first
// record has waited MaxDelay.
func (r *objectRun) sendIfStill(seq int64) {
	r.bmu.Lock()
	defer r.bmu.Unlock()
	if !r.closed && r.cur != nil && r.cur.seq == seq {
		r.sendLocked()
	}
}

// sendLocked hands the batch being filled to the workers; it blocks while
// they are all busy, which is what bounds memory.
func (r *objectRun) sendLocked() {
	if r.cur != nil && r.cur.taken > 0 {
		r.work <- r.cur
		r.cur = nil
	}
}

// next reads the next record, turning a panic in the log type's framing
// into an error that stops reading the object.
func (r *objectRun) next() (rec parser.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: the %s log type's reader panicked (please report it): %v", r.info.Name, p)
		}
	}()
	return r.or.Next()
}

func (r *objectRun) stopped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal != nil
}

// stop records the first error that ends the run.
func (r *objectRun) stop(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fatal == nil {
		r.fatal = err
	}
}

func (r *objectRun) addRead(n int64) {
	r.mu.Lock()
	r.counts.Read += n
	r.mu.Unlock()
}

// deadLetter hands one record to the dead-letter sink and counts it. A
// failing dead-letter sink stops the run: the record cannot be accounted
// for, and neither could any later one. It reports whether the sink took
// the record.
func (r *objectRun) deadLetter(dl DeadLetter) bool {
	if err := r.callDeadLetter(dl); err != nil {
		r.stop(fmt.Errorf("dead-letter sink failed, stopping so that no record is lost: %w", err))
		return false
	}
	r.mu.Lock()
	r.counts.DeadLettered++
	r.mu.Unlock()
	return true
}

func (r *objectRun) callDeadLetter(dl DeadLetter) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("dead-letter sink %T panicked: %v", r.p.opts.DeadLetters, p)
		}
	}()
	return r.p.opts.DeadLetters.DeadLetter(r.sinkCtx, dl)
}

// worker normalizes batches. Each worker owns its event and buffers, so
// nothing on this path is shared or locked per record.
type worker struct {
	r *objectRun
	// b is the batch being processed.
	b      *batch
	ev     ecs.Event
	out    []byte
	ends   []int
	docs   []Document
	counts Counts
	// dead counts the batch's records dead-lettered, for its
	// acknowledgement (the run counts them as they happen).
	dead  int64
	idBuf []byte
	check []byte
	// starts holds the event's field count before each enricher ran.
	starts []int
}

func (w *worker) process(b *batch) {
	r := w.r
	if r.stopped() {
		return // the run failed: these records stay unsettled
	}
	w.b = b
	w.out = w.out[:0]
	w.ends = w.ends[:0]
	w.docs = w.docs[:0]
	w.counts = Counts{}
	w.dead = 0
	for _, br := range b.recs {
		raw := b.raw[br.start:br.end]
		rec := Record{
			Record:   parser.Record{Data: raw, Number: br.number, Line: br.line, Offset: br.offset, Delivery: br.delivery},
			Object:   r.obj,
			Ingested: b.ingested,
		}
		doc, ok := w.normalize(rec)
		if !ok {
			continue
		}
		w.docs = append(w.docs, doc)
		w.ends = append(w.ends, len(w.out))
	}
	// Bodies are cut from w.out only now: appending may have moved it.
	start := 0
	for i := range w.docs {
		w.docs[i].Body = w.out[start:w.ends[i]]
		start = w.ends[i]
	}
	if len(w.docs) > 0 {
		w.write()
	}
	r.mu.Lock()
	r.counts.Add(w.counts)
	r.mu.Unlock()
	if r.opts.OnAck != nil && !r.stopped() {
		c := w.counts
		c.Read = b.taken
		c.DeadLettered = b.dead + w.dead
		r.acks.done(r, b.seq, Ack{First: b.first, Last: b.last, Counts: c})
	}
}

// deadLetter dead-letters one record of the batch.
func (w *worker) deadLetter(dl DeadLetter) {
	if w.r.deadLetter(dl) {
		w.dead++
	}
}

// normalize turns one raw record into a document body appended to w.out.
// It reports false when the record was excluded or dead-lettered. Dead
// letters always carry the record's bytes as read, even when the
// normalizer was given a repaired copy.
func (w *worker) normalize(rec Record) (doc Document, ok bool) {
	r := w.r
	raw := rec.Data
	pos := Position{Object: r.obj, Record: rec.Number, Line: rec.Line, Offset: rec.Offset}
	fail := func(reason string) (Document, bool) {
		w.deadLetter(DeadLetter{Position: pos, Type: r.info.Name, Reason: reason, Raw: raw})
		return Document{}, false
	}
	repaired := !utf8.Valid(raw)
	if repaired {
		rec.Data = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	ev := &w.ev
	ev.Reset()
	// Set in path order: one sorted run keeps the final sort cheap.
	ev.RawJSON("ecs.version", ecsVersionJSON)
	ev.RawJSON("event.dataset", r.datasetJSON)
	ev.RawJSON("event.ingested", w.b.ingestedJSON)
	ev.RawJSON("event.module", r.moduleJSON)
	if !r.p.opts.OmitOriginal {
		ev.KeywordBytes("event.original", rec.Data)
	}
	if rec.Delivery != nil && r.env != nil {
		if err := w.mapEnvelope(rec.Delivery); err != nil {
			return fail(err.Error())
		}
	}
	if err := w.callNormalize(rec); err != nil {
		var ex *ExcludedError
		if errors.As(err, &ex) {
			w.counts.exclude(ex.Rule, 1)
			return Document{}, false
		}
		return fail(err.Error())
	}
	if err := ev.Err(); err != nil {
		return fail(fmt.Sprintf("the %s normalizer built an invalid event (please report it with this record): %v", r.info.Name, err))
	}
	if !ev.Has("@timestamp") {
		// ECS requires it and time-based indices and data streams cannot
		// take a document without it.
		return fail("the normalizer set no @timestamp (the record's time is missing or unusable); every ECS event needs one")
	}
	if repaired {
		markRepaired(ev)
	}
	if len(r.p.opts.Enrichers) > 0 {
		if err := w.enrich(); err != nil {
			return fail(err.Error())
		}
	}
	for _, f := range r.p.opts.Filters {
		rule, err := callFilter(f, r.info.Name, ev)
		if err != nil {
			return fail(err.Error())
		}
		if rule != "" {
			w.counts.exclude(rule, 1)
			return Document{}, false
		}
	}
	route := ev.Route()
	if route != "" && !slices.Contains(r.info.Routes, route) {
		return fail(fmt.Sprintf("the %s normalizer routed the document to %q, which is not one of the type's Info.Routes %q (please report it with this record)", r.info.Name, route, r.info.Routes))
	}
	id := ev.ID()
	if id == "" && rec.Delivery != nil {
		id = rec.Delivery.ID
	}
	if id == "" {
		id = w.hashID(raw, rec.Number, rec.Delivery)
	}
	if r.p.opts.Validate {
		if err := w.validate(); err != nil {
			return fail(err.Error())
		}
	}
	w.out = ev.AppendJSON(w.out)
	return Document{ID: id, Type: r.info.Name, Route: route, Timestamp: ev.Timestamp(), Source: pos, Raw: raw}, true
}

func (w *worker) mapEnvelope(d *parser.Delivery) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: the %s envelope panicked while mapping its metadata (please report it with this record): %v", w.r.env.Name(), p)
		}
	}()
	w.r.env.Map(d, &w.ev)
	if err := w.ev.Err(); err != nil {
		return fmt.Errorf("the %s envelope set an invalid field: %v", w.r.env.Name(), err)
	}
	return nil
}

// callNormalize runs the log type's normalization, turning a panic into a
// per-record error: one bad record must never take the process down.
func (w *worker) callNormalize(rec Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in %s normalizer (please report it with this record): %v", w.r.info.Name, p)
		}
	}()
	return w.r.or.Normalize(rec, &w.ev)
}

// enrich runs the enrichers in order. A panic, or a field that conflicts
// with another (found once, after the last enricher, and blamed on the
// enricher that set it), becomes the reason the record is dead-lettered.
func (w *worker) enrich() error {
	ev := &w.ev
	w.starts = w.starts[:0]
	for _, e := range w.r.p.opts.Enrichers {
		w.starts = append(w.starts, ev.Len())
		if err := callEnrich(e, w.r.info.Name, ev); err != nil {
			return err
		}
	}
	err := ev.Err()
	if err == nil {
		return nil
	}
	culprit := w.r.p.opts.Enrichers[0]
	var pe *ecs.PathError
	if errors.As(err, &pe) {
		for i, start := range w.starts {
			if pe.Index >= start {
				culprit = w.r.p.opts.Enrichers[i]
			}
		}
	}
	return fmt.Errorf("internal error: enricher %T set a field the event cannot hold (please report it): %v", culprit, err)
}

func callFilter(f Filter, logType string, ev *ecs.Event) (rule string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: filter %T panicked on this record (please report it): %v", f, p)
		}
	}()
	return f.Exclude(logType, ev), nil
}

func callEnrich(e Enricher, logType string, ev *ecs.Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: enricher %T panicked on this record (please report it): %v", e, p)
		}
	}()
	e.Enrich(logType, ev)
	return nil
}

// validate checks the event's document against ECS and the vendor
// schemas of the type and its envelopes.
func (w *worker) validate() error {
	w.check = w.ev.AppendJSON(w.check[:0])
	if err := w.r.info.CheckDocument(w.check); err != nil {
		return fmt.Errorf("document fails validation (Options.Validate): %w", err)
	}
	return nil
}

// RepairedTag is added to tags of events whose raw record held invalid
// UTF-8; the bad bytes were replaced by U+FFFD for normalization, while
// dead letters keep the bytes as read.
const RepairedTag = "invalid_utf8_repaired"

func markRepaired(ev *ecs.Event) {
	tags, ok := ev.Lookup("tags")
	if !ok || len(tags) < 2 || tags[0] != '[' {
		ev.Keywords("tags", RepairedTag)
		return
	}
	merged := append([]byte(nil), tags[:len(tags)-1]...)
	merged = append(merged, `,"`+RepairedTag+`"]`...)
	ev.RawJSON("tags", merged)
}

// hashID derives a stable id from the type and the raw record, so that
// re-reading an object overwrites its documents instead of duplicating
// them. 128 bits keep collisions negligible at any realistic volume. A
// message from an envelope that gives it no id of its own (a FireLens
// line) is identified by its object and position too: two identical
// lines a container wrote are two events, and a re-read object still
// gets the same ids.
func (w *worker) hashID(raw []byte, number int64, d *parser.Delivery) string {
	h := xxh3.New()
	h.WriteString(w.r.info.Name)
	h.Write([]byte{0})
	if d != nil {
		h.WriteString(w.r.obj.String())
		h.Write([]byte{0})
		var pos [8]byte
		binary.LittleEndian.PutUint64(pos[:], uint64(number))
		h.Write(pos[:])
	}
	h.Write(raw)
	sum := h.Sum128().Bytes()
	w.idBuf = base64.RawURLEncoding.AppendEncode(w.idBuf[:0], sum[:])
	return string(w.idBuf)
}

func (w *worker) write() {
	r := w.r
	res, err := w.callWrite()
	w.counts.Retried += res.Retries
	if err != nil {
		var fatal *FatalError
		if errors.As(err, &fatal) {
			// The sink can take nothing more (a full disk, a closed
			// output): stop rather than dead-letter every later record.
			// This batch stays unsettled, and the run's error says so.
			r.stop(fmt.Errorf("sink failed: %w", err))
			return
		}
		reason := "sink failed: " + err.Error()
		if r.ctx.Err() != nil {
			reason = "not indexed: the run was cancelled before the sink took the record (" + err.Error() + "); replay it"
		}
		for _, d := range w.docs {
			w.deadLetter(DeadLetter{Position: d.Source, Type: d.Type, Reason: reason, Raw: d.Raw, Document: d.Body})
		}
		return
	}
	refused := 0
	for _, rej := range res.Rejected {
		if rej.Doc < 0 || rej.Doc >= len(w.docs) || w.docs[rej.Doc].Raw == nil {
			continue // out of range or reported twice: the sink is confused, count each doc once
		}
		d := w.docs[rej.Doc]
		w.docs[rej.Doc].Raw = nil
		refused++
		w.deadLetter(DeadLetter{Position: d.Source, Type: d.Type, Reason: rej.Reason, Raw: d.Raw, Document: d.Body})
	}
	w.counts.Indexed += int64(len(w.docs) - refused)
}

// callWrite hands the batch to the sink, turning a panic into an error
// for the batch.
func (w *worker) callWrite() (res WriteResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = WriteResult{}, fmt.Errorf("internal error: sink %T panicked on this batch (please report it): %v", w.r.p.opts.Sink, p)
		}
	}()
	return w.r.p.opts.Sink.Write(w.r.sinkCtx, w.docs)
}
