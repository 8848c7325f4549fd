package siemtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/siem-go/siem"
)

// Ingested is the event.ingested time of documents made by Run when
// Options.Ingested is zero, so that golden files do not change by the
// day.
var Ingested = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// Options tunes how Run drives the pipeline.
type Options struct {
	// Enrichers run on every event, as siem.Options.Enrichers.
	Enrichers []siem.Enricher
	// OmitOriginal leaves event.original out.
	OmitOriginal bool
	// Ingested is the ingest time; zero means the fixed Ingested.
	Ingested time.Time
	// Validate turns on siem.Options.Validate, so that documents that
	// fail validation are dead-lettered instead of indexed.
	Validate bool
}

// Result is what one object produced.
type Result struct {
	// Docs are the indexed documents in record order.
	Docs []siem.Document
	// DeadLetters are in record order.
	DeadLetters []siem.DeadLetter
	Counts      siem.Counts
	// Err is the object-level error, if any.
	Err error
}

// Memory is a siem.Sink and siem.DeadLetterSink that keeps everything it
// is given, copying what the pipeline only lends for the duration of a
// call. It is safe for concurrent use.
type Memory struct {
	mu   sync.Mutex
	docs []siem.Document
	dls  []siem.DeadLetter
}

// Write implements siem.Sink; it accepts every document.
func (m *Memory) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range docs {
		d.Body = bytes.Clone(d.Body)
		d.Raw = bytes.Clone(d.Raw)
		m.docs = append(m.docs, d)
	}
	return siem.WriteResult{}, nil
}

// DeadLetter implements siem.DeadLetterSink.
func (m *Memory) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	dl.Raw = bytes.Clone(dl.Raw)
	dl.Document = bytes.Clone(dl.Document)
	m.dls = append(m.dls, dl)
	return nil
}

// Docs returns the documents received so far, in record order.
func (m *Memory) Docs() []siem.Document {
	m.mu.Lock()
	defer m.mu.Unlock()
	docs := slices.Clone(m.docs)
	slices.SortStableFunc(docs, func(a, b siem.Document) int { return cmpPosition(a.Source, b.Source) })
	return docs
}

// DeadLetters returns the dead letters received so far, in record order.
func (m *Memory) DeadLetters() []siem.DeadLetter {
	m.mu.Lock()
	defer m.mu.Unlock()
	dls := slices.Clone(m.dls)
	slices.SortStableFunc(dls, func(a, b siem.DeadLetter) int { return cmpPosition(a.Position, b.Position) })
	return dls
}

func cmpPosition(a, b siem.Position) int {
	if a.Record != b.Record {
		if a.Record < b.Record {
			return -1
		}
		return 1
	}
	return 0
}

// Run runs lt over data, plain or compressed, as the object named key,
// with default Options.
func Run(t testing.TB, lt siem.LogType, key string, data []byte) *Result {
	t.Helper()
	return Options{}.Run(t, lt, key, data)
}

// Run runs lt over data, plain or compressed, as the object named key,
// with several workers and small batches so that concurrency is
// exercised. It fails the test when the counts do not reconcile or
// disagree with what the sinks received.
func (o Options) Run(t testing.TB, lt siem.LogType, key string, data []byte) *Result {
	t.Helper()
	res, err := o.run(lt, key, data, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Counts.Reconciled() {
		t.Errorf("counts do not reconcile: %v", res.Counts)
	}
	if int64(len(res.Docs)) != res.Counts.Indexed || int64(len(res.DeadLetters)) != res.Counts.DeadLettered {
		t.Errorf("counts %v disagree with %d documents and %d dead letters collected", res.Counts, len(res.Docs), len(res.DeadLetters))
	}
	return res
}

func (o Options) run(lt siem.LogType, key string, data []byte, workers int) (*Result, error) {
	ingested := o.Ingested
	if ingested.IsZero() {
		ingested = Ingested
	}
	mem := &Memory{}
	p, err := siem.NewPipeline(siem.Options{
		Sink:         mem,
		DeadLetters:  mem,
		Enrichers:    o.Enrichers,
		OmitOriginal: o.OmitOriginal,
		Validate:     o.Validate,
		Workers:      workers,
		BatchRecords: 3,
		Now:          func() time.Time { return ingested },
	})
	if err != nil {
		return nil, err
	}
	counts, err := p.ProcessAs(context.Background(), lt, siem.Object{Key: key}, bytes.NewReader(data))
	return &Result{Docs: mem.Docs(), DeadLetters: mem.DeadLetters(), Counts: counts, Err: err}, nil
}

// Render formats a result for a golden file: each document pretty-printed
// with its id and record number, then the dead letters, then the counts.
func Render(res *Result) []byte {
	var b bytes.Buffer
	for _, d := range res.Docs {
		fmt.Fprintf(&b, "# record %d id %s\n", d.Source.Record, d.ID)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, d.Body, "", "  "); err != nil {
			fmt.Fprintf(&b, "INVALID JSON (%v): %s\n", err, d.Body)
			continue
		}
		b.Write(pretty.Bytes())
		b.WriteByte('\n')
	}
	for _, dl := range res.DeadLetters {
		fmt.Fprintf(&b, "# dead letter: record %d line %d offset %d: %s\n#   raw: %q\n", dl.Record, dl.Line, dl.Offset, dl.Reason, dl.Raw)
		if dl.Size > int64(len(dl.Raw)) {
			fmt.Fprintf(&b, "#   (first %d of %d bytes)\n", len(dl.Raw), dl.Size)
		}
	}
	if res.Err != nil {
		fmt.Fprintf(&b, "# object error: %v\n", res.Err)
	}
	fmt.Fprintf(&b, "# counts: %v\n", res.Counts)
	return b.Bytes()
}

func firstDiff(want, got []byte) string {
	wl := bytes.Split(want, []byte("\n"))
	gl := bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("first difference at line %d:\n- %s\n+ %s", i+1, w, g)
		}
	}
	return ""
}

// GoldenDocuments splits a golden file written by Render (documents
// pretty-printed between comment lines starting with "# ") into its
// documents.
func GoldenDocuments(data []byte) [][]byte {
	var docs [][]byte
	var cur []byte
	flush := func() {
		if len(bytes.TrimSpace(cur)) > 0 {
			docs = append(docs, cur)
		}
		cur = nil
	}
	for line := range bytes.Lines(data) {
		if bytes.HasPrefix(line, []byte("# ")) {
			flush()
			continue
		}
		cur = append(cur, line...)
	}
	flush()
	return docs
}
