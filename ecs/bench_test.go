package ecs

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A setOp is one setter call replayed by the document benchmarks.
type setOp func(e *Event)

// pipelineFirst are the fields the pipeline sets before a normalizer runs,
// in the order it sets them.
var pipelineFirst = []string{"ecs.version", "event.dataset", "event.ingested", "event.module", "event.original"}

// loadBenchDoc turns a document of testdata/bench into the setter calls
// that rebuild it: strings with Keyword (event.original with KeywordBytes,
// @timestamp with Date), numbers with Long or Double, string arrays with
// Keywords, and other arrays and the members of a "flattened" object
// with RawJSON, as the normalizers do.
func loadBenchDoc(tb testing.TB, name string) (ops []setOp, want []byte) {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "bench", name+".json"))
	require.NoError(tb, err)
	var compact bytes.Buffer
	require.NoError(tb, json.Compact(&compact, raw))
	// Raw members keep their bytes (and so their key order) as they are.
	leaves := map[string]json.RawMessage{}
	var flatten func(prefix string, v json.RawMessage)
	flatten = func(prefix string, v json.RawMessage) {
		var obj map[string]json.RawMessage
		if v[0] != '{' || strings.HasSuffix(prefix, ".flattened") {
			if v[0] == '{' { // members of a flat_object are kept as raw JSON
				require.NoError(tb, json.Unmarshal(v, &obj))
				for k, m := range obj {
					leaves[prefix+"."+k] = m
				}
				return
			}
			leaves[prefix] = v
			return
		}
		require.NoError(tb, json.Unmarshal(v, &obj))
		for k, m := range obj {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, m)
		}
	}
	flatten("", compact.Bytes())
	paths := make([]string, 0, len(leaves))
	for p := range leaves {
		if !slices.Contains(pipelineFirst, p) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	paths = append(slices.Clone(pipelineFirst), paths...)
	for _, p := range paths {
		ops = append(ops, opFor(tb, p, leaves[p]))
	}
	return ops, compact.Bytes()
}

func opFor(tb testing.TB, path string, raw json.RawMessage) setOp {
	switch raw[0] {
	case '"':
		var v string
		require.NoError(tb, json.Unmarshal(raw, &v))
		if path == "@timestamp" {
			ts, err := time.Parse(time.RFC3339Nano, v)
			require.NoError(tb, err)
			return func(e *Event) { e.Date(path, ts) }
		}
		if path == "event.original" {
			b := []byte(v)
			return func(e *Event) { e.KeywordBytes(path, b) }
		}
		return func(e *Event) { e.Keyword(path, v) }
	case 't', 'f':
		v := raw[0] == 't'
		return func(e *Event) { e.Bool(path, v) }
	case '[':
		var strs []string
		if json.Unmarshal(raw, &strs) == nil {
			return func(e *Event) { e.Keywords(path, strs...) }
		}
		return func(e *Event) { e.RawJSON(path, raw) }
	case '{':
		return func(e *Event) { e.RawJSON(path, raw) }
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return func(e *Event) { e.Long(path, n) }
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	require.NoError(tb, err, "no setter for %s: %s", path, raw)
	return func(e *Event) { e.Double(path, f) }
}

// buildDoc runs the per-record sequence of the pipeline's worker: reset,
// setters, the path check, the @timestamp check, the id, the document.
func buildDoc(e *Event, ops []setOp, out []byte) ([]byte, error) {
	e.Reset()
	for _, op := range ops {
		op(e)
	}
	if err := e.Err(); err != nil {
		return out, err
	}
	if !e.Has("@timestamp") {
		return out, assert.AnError
	}
	_ = e.ID()
	return e.AppendJSON(out), nil
}

var benchDocs = []string{"alb", "cloudtrail", "vpcflow"}

// TestBenchDocumentsRebuild checks that the benchmark inputs rebuild their
// documents byte for byte, the first time (a fresh shape) and from the
// cached shape.
func TestBenchDocumentsRebuild(t *testing.T) {
	for _, name := range benchDocs {
		t.Run(name, func(t *testing.T) {
			ops, want := loadBenchDoc(t, name)
			var e Event
			for range 3 {
				got, err := buildDoc(&e, ops, nil)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got))
			}
		})
	}
}

// BenchmarkDocument builds realistic documents the way the pipeline does:
// an ALB access log entry (~50 fields, quoted strings), a CloudTrail
// record (a 2 KB JSON event.original full of quotes, raw JSON members)
// and a VPC flow record (~35 short fields).
func BenchmarkDocument(b *testing.B) {
	for _, name := range benchDocs {
		b.Run(name, func(b *testing.B) {
			ops, want := loadBenchDoc(b, name)
			var e Event
			var out []byte
			b.SetBytes(int64(len(want)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if out, err = buildDoc(&e, ops, out[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAppendStringJSON escapes a JSON record as a string value, the
// cost of event.original for every JSON log type.
func BenchmarkAppendStringJSON(b *testing.B) {
	ops, _ := loadBenchDoc(b, "cloudtrail")
	var e Event
	ops[4](&e) // event.original
	raw, ok := e.LookupString("event.original")
	require.True(b, ok)
	src := []byte(raw)
	var out []byte
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		out = AppendStringBytes(out[:0], src)
	}
}
