package siemtest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Ingested is the fixed event.ingested time of documents made by Run.
var Ingested = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

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

// memory collects documents and dead letters, copying what the pipeline
// only lends for the duration of a call.
type memory struct {
	mu   sync.Mutex
	docs []siem.Document
	dls  []siem.DeadLetter
}

func (m *memory) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range docs {
		d.Body = bytes.Clone(d.Body)
		d.Raw = bytes.Clone(d.Raw)
		m.docs = append(m.docs, d)
	}
	return siem.WriteResult{}, nil
}

func (m *memory) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	dl.Raw = bytes.Clone(dl.Raw)
	dl.Document = bytes.Clone(dl.Document)
	m.dls = append(m.dls, dl)
	return nil
}

// Run runs lt over data, plain or compressed, as the object named key,
// with several workers and small batches so that concurrency is exercised.
// It fails the test when the counts do not reconcile.
func Run(t testing.TB, lt siem.LogType, key string, data []byte) *Result {
	t.Helper()
	mem := &memory{}
	p, err := siem.NewPipeline(siem.Options{
		Sink:         mem,
		DeadLetters:  mem,
		Workers:      4,
		BatchRecords: 3,
		Now:          func() time.Time { return Ingested },
	})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := p.ProcessAs(context.Background(), lt, siem.Object{Key: key}, bytes.NewReader(data))
	res := &Result{Docs: mem.docs, DeadLetters: mem.dls, Counts: counts, Err: err}
	slices.SortFunc(res.Docs, func(a, b siem.Document) int { return int(a.Source.Record - b.Source.Record) })
	slices.SortFunc(res.DeadLetters, func(a, b siem.DeadLetter) int { return int(a.Record - b.Record) })
	if !counts.Reconciled() {
		t.Errorf("counts do not reconcile: %v", counts)
	}
	if int64(len(res.Docs)) != counts.Indexed || int64(len(res.DeadLetters)) != counts.DeadLettered {
		t.Errorf("counts %v disagree with %d documents and %d dead letters collected", counts, len(res.Docs), len(res.DeadLetters))
	}
	return res
}

// Golden runs lt over inputFile as the object named key and compares a
// readable rendering of the result with goldenFile; `go test -update`
// rewrites the golden file instead. Every document must pass
// ecs.Validate with the given vendor prefixes.
func Golden(t *testing.T, lt siem.LogType, key, inputFile, goldenFile string, vendor ...string) *Result {
	t.Helper()
	data, err := os.ReadFile(inputFile)
	if err != nil {
		t.Fatal(err)
	}
	res := Run(t, lt, key, data)
	for _, d := range res.Docs {
		if err := ecs.Validate(d.Body, vendor...); err != nil {
			t.Errorf("record %d of %s is not valid ECS: %v", d.Source.Record, inputFile, err)
		}
	}
	got := Render(res)
	if *update {
		if err := os.MkdirAll(filepath.Dir(goldenFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return res
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (create it with `go test -run %s -update` and read it by eye before committing)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output for %s differs from %s; run `go test -run '%s' -update` and review the diff\n%s", inputFile, goldenFile, t.Name(), firstDiff(want, got))
	}
	return res
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
