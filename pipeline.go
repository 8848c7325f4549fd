package siem

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/zeebo/xxh3"
)

// Enricher adds information to a normalized event, for example GeoIP data
// for its addresses. logType is the name of the event's log type, so an
// enricher can choose per type which fields it reads. Enrichment never
// fails a record: an enricher that cannot do its work leaves the event as
// it is. Enrich is called from many goroutines at once. Package enrich
// holds the built-in enrichers and orders them.
type Enricher interface {
	Enrich(logType string, ev *ecs.Event)
}

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
	// OmitOriginal leaves event.original out of the documents.
	OmitOriginal bool
	// Now returns the ingest time for event.ingested; nil means time.Now.
	Now func() time.Time
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
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Pipeline{opts: opts}, nil
}

// Process detects the object's log type from its key and runs it. An
// object no type recognises yields *UnknownTypeError.
func (p *Pipeline) Process(ctx context.Context, obj Object, r io.Reader) (Counts, error) {
	lt, ok := p.opts.Registry.Detect(obj.Key)
	if !ok {
		return Counts{}, &UnknownTypeError{Object: obj}
	}
	return p.ProcessAs(ctx, lt, obj, r)
}

// ProcessAs runs one object as the given log type. r yields the object's
// bytes, compressed or not. The counts are valid whatever the error: the
// records before a broken stream are indexed or dead-lettered and counted.
// A *NotEventsError means the object was skipped on purpose.
func (p *Pipeline) ProcessAs(ctx context.Context, lt LogType, obj Object, r io.Reader) (Counts, error) {
	info := lt.Info()
	plain, _, err := parser.Decompress(r)
	if err != nil {
		return Counts{}, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	or, err := lt.Open(obj, plain)
	if err != nil {
		if IsNotEvents(err) {
			return Counts{}, err
		}
		return Counts{}, &ObjectError{Object: obj, Type: info.Name, Err: err}
	}
	run := &objectRun{
		p:      p,
		ctx:    ctx,
		obj:    obj,
		info:   info,
		module: moduleOf(info.Dataset),
		or:     or,
	}
	run.ingested = ecs.AppendTime(append(run.ingested, '"'), p.opts.Now())
	run.ingested = append(run.ingested, '"')
	return run.run()
}

func moduleOf(dataset string) string {
	if i := bytes.IndexByte([]byte(dataset), '.'); i > 0 {
		return dataset[:i]
	}
	return dataset
}

// objectRun is the state of one object going through the pipeline.
type objectRun struct {
	p      *Pipeline
	ctx    context.Context
	obj    Object
	info   Info
	module string
	or     ObjectReader
	// ingested is event.ingested, encoded once for the whole object.
	ingested []byte

	mu     sync.Mutex
	counts Counts
	// fatal is the first error that stops the run (a dead-letter sink
	// failure); later ones are dropped.
	fatal error
}

type batch struct {
	raw  []byte
	recs []batchRecord
}

type batchRecord struct {
	start, end int
	number     int64
	line       int64
	offset     int64
}

var batchPool = sync.Pool{New: func() any { return new(batch) }}

func (r *objectRun) run() (Counts, error) {
	work := make(chan *batch, r.p.opts.Workers)
	var wg sync.WaitGroup
	for range r.p.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(r)
			for b := range work {
				w.process(b)
				b.raw = b.raw[:0]
				b.recs = b.recs[:0]
				batchPool.Put(b)
			}
		}()
	}

	readErr := r.produce(work)
	close(work)
	wg.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	err := r.fatal
	if err == nil {
		err = readErr
	}
	if err == nil && r.ctx.Err() != nil {
		err = r.ctx.Err()
	}
	if err != nil {
		return r.counts, &ObjectError{Object: r.obj, Type: r.info.Name, Records: r.counts.Read, Err: err}
	}
	return r.counts, nil
}

// produce frames records into batches and hands them to the workers. It
// returns the error that ended reading early, if any.
func (r *objectRun) produce(work chan<- *batch) error {
	b := batchPool.Get().(*batch)
	send := func() bool {
		if len(b.recs) == 0 {
			return true
		}
		select {
		case work <- b:
		case <-r.ctx.Done():
			return false
		}
		b = batchPool.Get().(*batch)
		return true
	}
	defer func() {
		if len(b.recs) > 0 {
			// Records never handed to a worker were not read, as far as the
			// accounting goes: the run stopped before them.
			r.addRead(-int64(len(b.recs)))
		}
	}()
	for {
		if r.ctx.Err() != nil || r.stopped() {
			return nil
		}
		rec, err := r.or.Next()
		if err == io.EOF {
			if !send() {
				return nil
			}
			return nil
		}
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				r.addRead(1)
				r.deadLetter(DeadLetter{
					Position: Position{Object: r.obj, Record: re.Number, Line: re.Line, Offset: re.Offset},
					Type:     r.info.Name,
					Reason:   re.Reason,
					Raw:      re.Raw,
				})
				continue
			}
			send()
			return err
		}
		r.addRead(1)
		start := len(b.raw)
		b.raw = append(b.raw, rec.Data...)
		b.recs = append(b.recs, batchRecord{start: start, end: len(b.raw), number: rec.Number, line: rec.Line, offset: rec.Offset})
		if len(b.recs) >= r.p.opts.BatchRecords || len(b.raw) >= r.p.opts.BatchBytes {
			if !send() {
				return nil
			}
		}
	}
}

func (r *objectRun) stopped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal != nil
}

func (r *objectRun) addRead(n int64) {
	r.mu.Lock()
	r.counts.Read += n
	r.mu.Unlock()
}

// deadLetter hands one record to the dead-letter sink and counts it. A
// failing dead-letter sink stops the run: the record could not be
// accounted for otherwise.
func (r *objectRun) deadLetter(dl DeadLetter) {
	err := r.p.opts.DeadLetters.DeadLetter(r.ctx, dl)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.counts.Read-- // neither indexed, excluded nor stored: the run fails
		if r.fatal == nil {
			r.fatal = fmt.Errorf("dead-letter sink failed, stopping so that no record is lost: %w", err)
		}
		return
	}
	r.counts.DeadLettered++
}

// worker normalizes batches. Each worker owns its event and buffers, so
// nothing on this path is shared or locked per record.
type worker struct {
	r      *objectRun
	ev     ecs.Event
	out    []byte
	ends   []int
	docs   []Document
	counts Counts
	idBuf  []byte
}

func newWorker(r *objectRun) *worker { return &worker{r: r} }

func (w *worker) process(b *batch) {
	r := w.r
	if r.ctx.Err() != nil {
		r.addRead(-int64(len(b.recs)))
		return
	}
	w.out = w.out[:0]
	w.ends = w.ends[:0]
	w.docs = w.docs[:0]
	w.counts = Counts{}
	for _, br := range b.recs {
		raw := b.raw[br.start:br.end]
		pos := Position{Object: r.obj, Record: br.number, Line: br.line, Offset: br.offset}
		doc, ok := w.normalize(raw, pos)
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
}

// normalize turns one raw record into a document body appended to w.out.
// It reports false when the record was excluded or dead-lettered.
func (w *worker) normalize(raw []byte, pos Position) (doc Document, ok bool) {
	r := w.r
	repaired := false
	if !utf8.Valid(raw) {
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		repaired = true
	}
	ev := &w.ev
	ev.Reset()
	// Set in path order: one sorted run keeps the final sort cheap.
	ev.Keyword("ecs.version", ecs.Version)
	ev.Keyword("event.dataset", r.info.Dataset)
	ev.RawJSON("event.ingested", r.ingested)
	ev.Keyword("event.module", r.module)
	if !r.p.opts.OmitOriginal {
		ev.KeywordBytes("event.original", raw)
	}
	rec := parser.Record{Data: raw, Number: pos.Record, Line: pos.Line, Offset: pos.Offset}
	if err := w.callNormalize(rec, ev); err != nil {
		var ex *ExcludedError
		if errors.As(err, &ex) {
			w.counts.exclude(ex.Rule, 1)
			return Document{}, false
		}
		r.deadLetter(DeadLetter{Position: pos, Type: r.info.Name, Reason: err.Error(), Raw: raw})
		return Document{}, false
	}
	if !ev.Has("@timestamp") {
		// ECS requires it and time-based indices and data streams cannot
		// take a document without it.
		r.deadLetter(DeadLetter{Position: pos, Type: r.info.Name, Reason: "the normalizer set no @timestamp (the record's time is missing or unusable); every ECS event needs one", Raw: raw})
		return Document{}, false
	}
	if repaired {
		markRepaired(ev)
	}
	for _, e := range r.p.opts.Enrichers {
		e.Enrich(r.info.Name, ev)
	}
	id := ev.ID()
	if id == "" {
		id = w.hashID(raw)
	}
	w.out = ev.AppendJSON(w.out)
	return Document{ID: id, Type: r.info.Name, Timestamp: ev.Timestamp(), Source: pos, Raw: raw}, true
}

// callNormalize runs the log type's normalization, turning a panic into a
// per-record error: one bad record must never take the process down.
func (w *worker) callNormalize(rec parser.Record, ev *ecs.Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in %s normalizer (please report it with this record): %v", w.r.info.Name, p)
		}
	}()
	return w.r.or.Normalize(rec, ev)
}

// RepairedTag is added to tags of events whose raw record held invalid
// UTF-8; the bad bytes were replaced by U+FFFD.
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
// them. 128 bits keep collisions negligible at any realistic volume.
func (w *worker) hashID(raw []byte) string {
	h := xxh3.New()
	h.WriteString(w.r.info.Name)
	h.Write([]byte{0})
	h.Write(raw)
	sum := h.Sum128().Bytes()
	w.idBuf = base64.RawURLEncoding.AppendEncode(w.idBuf[:0], sum[:])
	return string(w.idBuf)
}

func (w *worker) write() {
	r := w.r
	res, err := r.p.opts.Sink.Write(r.ctx, w.docs)
	w.counts.Retried += res.Retries
	if err != nil {
		if r.ctx.Err() != nil {
			// Cancelled: these records are left for the next attempt at
			// this object, not dead-lettered.
			w.counts.Read -= int64(len(w.docs))
			return
		}
		for _, d := range w.docs {
			r.deadLetter(DeadLetter{Position: d.Source, Type: d.Type, Reason: "sink failed: " + err.Error(), Raw: d.Raw, Document: d.Body})
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
		r.deadLetter(DeadLetter{Position: d.Source, Type: d.Type, Reason: rej.Reason, Raw: d.Raw, Document: d.Body})
	}
	w.counts.Indexed += int64(len(w.docs) - refused)
}
