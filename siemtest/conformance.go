package siemtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
)

// LoadExpected reads an expected-output file of Elastic's pipeline tests,
// {"expected":[doc, ...]}.
func LoadExpected(t testing.TB, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Expected []map[string]any `json:"expected"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f.Expected
}

// Report is the agreement of our documents with expected ones.
type Report struct {
	// Compared counts field comparisons where at least one side had a value.
	Compared int
	Agreed   int
	// PerField holds agreed and compared counts by field.
	PerField map[string][2]int
	// Mismatches describe each disagreement.
	Mismatches []string
}

// Ratio is Agreed/Compared, 1 when nothing was compared.
func (r Report) Ratio() float64 {
	if r.Compared == 0 {
		return 1
	}
	return float64(r.Agreed) / float64(r.Compared)
}

// Add merges o into r.
func (r *Report) Add(o Report) {
	r.Compared += o.Compared
	r.Agreed += o.Agreed
	r.Mismatches = append(r.Mismatches, o.Mismatches...)
	if r.PerField == nil {
		r.PerField = map[string][2]int{}
	}
	for f, c := range o.PerField {
		have := r.PerField[f]
		r.PerField[f] = [2]int{have[0] + c[0], have[1] + c[1]}
	}
}

// Log writes the per-field agreement and the mismatches to the test log.
func (r Report) Log(t testing.TB, name string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: agreement %.1f%% (%d of %d field values)\n", name, 100*r.Ratio(), r.Agreed, r.Compared)
	for _, f := range slices.Sorted(maps.Keys(r.PerField)) {
		c := r.PerField[f]
		fmt.Fprintf(&b, "  %-32s %d/%d\n", f, c[0], c[1])
	}
	for _, m := range r.Mismatches {
		fmt.Fprintf(&b, "  mismatch: %s\n", m)
	}
	t.Log(b.String())
}

// Agreement compares docs with expected pairwise: expected[i] is paired
// with the document of record i+1. Only fields with a value on at least
// one side are compared. Dates compare as instants, arrays as sets (a
// scalar equals a one-element array), numbers by value, strings exactly.
func Agreement(docs []siem.Document, expected []map[string]any, fields []string) Report {
	byRecord := map[int64]map[string]any{}
	for _, d := range docs {
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(d.Body))
		dec.UseNumber()
		if dec.Decode(&m) == nil {
			byRecord[d.Source.Record] = m
		}
	}
	r := Report{PerField: map[string][2]int{}}
	for i, want := range expected {
		got := byRecord[int64(i+1)]
		for _, f := range fields {
			w, wok := lookup(want, f)
			g, gok := lookup(got, f)
			if !wok && !gok {
				continue
			}
			c := r.PerField[f]
			c[1]++
			r.Compared++
			if wok && gok && equalValues(w, g) {
				c[0]++
				r.Agreed++
			} else {
				r.Mismatches = append(r.Mismatches, fmt.Sprintf("record %d %s: expected %s, got %s", i+1, f, show(w, wok), show(g, gok)))
			}
			r.PerField[f] = c
		}
	}
	return r
}

func show(v any, ok bool) string {
	if !ok {
		return "(absent)"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// lookup finds a dotted path in a nested document, also accepting keys
// that are themselves dotted (flat documents).
func lookup(m map[string]any, path string) (any, bool) {
	if m == nil {
		return nil, false
	}
	if v, ok := m[path]; ok {
		return v, v != nil
	}
	for i := 0; i < len(path); i++ {
		if path[i] != '.' {
			continue
		}
		if sub, ok := m[path[:i]].(map[string]any); ok {
			if v, ok := lookup(sub, path[i+1:]); ok {
				return v, true
			}
		}
	}
	return nil, false
}

func equalValues(a, b any) bool {
	as, bs := asSet(a), asSet(b)
	if len(as) != len(bs) {
		return false
	}
	for _, x := range as {
		if !slices.ContainsFunc(bs, func(y any) bool { return equalScalar(x, y) }) {
			return false
		}
	}
	return true
}

func asSet(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func equalScalar(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, e1 := x.Float64()
		fy, e2 := y.Float64()
		return e1 == nil && e2 == nil && fx == fy
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, e1 := time.Parse(time.RFC3339Nano, x)
		ty, e2 := time.Parse(time.RFC3339Nano, y)
		return e1 == nil && e2 == nil && tx.Equal(ty)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if !equalValues(v, y[k]) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}
