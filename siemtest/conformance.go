package siemtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/siem-go/siem"
)

// Expected is another normalizer's output for one input: one entry per
// input record, in order. A nil entry means that normalizer produced no
// document for the record (it dropped a header line, say).
type Expected []map[string]any

// ParseExpected reads an expected-output file: Elastic's pipeline-test
// form {"expected":[doc, ...]} or a bare array [doc, ...]. Documents may
// be nested or use flat dotted keys; numbers are kept exact.
func ParseExpected(data []byte) (Expected, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("expected output is not JSON: %w", err)
	}
	if obj, ok := v.(map[string]any); ok {
		if v, ok = obj["expected"]; !ok {
			return nil, errors.New(`expected output is an object without an "expected" array; want {"expected":[...]} or [...]`)
		}
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New(`expected output holds no array of documents; want {"expected":[...]} or [...]`)
	}
	out := make(Expected, len(list))
	for i, e := range list {
		switch doc := e.(type) {
		case nil:
		case map[string]any:
			out[i] = doc
		default:
			return nil, fmt.Errorf("expected document %d is %T, not an object or null", i+1, e)
		}
	}
	return out, nil
}

// Difference declares a field in which a log type differs on purpose
// from another normalizer's output, and why. A conformance comparison
// reports such differences with their reason instead of failing.
type Difference struct {
	Field  string
	Reason string
}

// Mismatch is one field of one record where the documents disagree.
type Mismatch struct {
	// Source names the input, when a report merges several.
	Source string
	// Record is the 1-based record number.
	Record int64
	// Field is the dotted field, "" when the whole document is missing
	// on one side.
	Field string
	// Expected and Got are the values, rendered as JSON ("(absent)" when
	// the side has none).
	Expected, Got string
	// Reason is the declared reason of an allowed difference.
	Reason string
}

func (m Mismatch) String() string {
	where := fmt.Sprintf("record %d", m.Record)
	if m.Source != "" {
		where = m.Source + " " + where
	}
	if m.Field == "" {
		return fmt.Sprintf("%s: expected %s, got %s", where, m.Expected, m.Got)
	}
	return fmt.Sprintf("%s %s: expected %s, got %s", where, m.Field, m.Expected, m.Got)
}

// From names the input every mismatch of r came from.
func (r Report) From(source string) Report {
	for i := range r.Mismatches {
		r.Mismatches[i].Source = source
	}
	for i := range r.Allowed {
		r.Allowed[i].Source = source
	}
	return r
}

// Report is a field-by-field comparison of documents with expected ones.
type Report struct {
	// Compared counts field values compared: those present on at least
	// one side.
	Compared int
	// PerField holds agreed and compared counts by field.
	PerField map[string][2]int
	// Mismatches are the disagreements no Difference allows: each one
	// fails a conformance test.
	Mismatches []Mismatch
	// Allowed are the disagreements a Difference allows, with its reason.
	Allowed []Mismatch
}

// Compare pairs expected[i] with the document of record i+1 and compares
// the given fields. Only fields with a value on at least one side are
// compared. Dates compare as instants, numbers by value whatever their
// JSON spelling, arrays as sets (a scalar equals a one-element array),
// strings exactly. A disagreement in a field listed in allowed is
// reported with its reason instead of as a mismatch.
func Compare(docs []siem.Document, expected Expected, fields []string, allowed []Difference) Report {
	why := map[string]string{}
	for _, d := range allowed {
		why[d.Field] = d.Reason
	}
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
		record := int64(i + 1)
		got, have := byRecord[record]
		if want == nil {
			if have {
				r.Mismatches = append(r.Mismatches, Mismatch{Record: record, Expected: "no document", Got: "a document"})
			}
			continue
		}
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
			} else {
				m := Mismatch{Record: record, Field: f, Expected: show(w, wok), Got: show(g, gok)}
				if reason, ok := why[f]; ok {
					m.Reason = reason
					r.Allowed = append(r.Allowed, m)
				} else {
					r.Mismatches = append(r.Mismatches, m)
				}
			}
			r.PerField[f] = c
		}
	}
	return r
}

// Add merges o into r.
func (r *Report) Add(o Report) {
	r.Compared += o.Compared
	r.Mismatches = append(r.Mismatches, o.Mismatches...)
	r.Allowed = append(r.Allowed, o.Allowed...)
	if r.PerField == nil {
		r.PerField = map[string][2]int{}
	}
	for f, c := range o.PerField {
		have := r.PerField[f]
		r.PerField[f] = [2]int{have[0] + c[0], have[1] + c[1]}
	}
}

// Err reports what fails the comparison: nothing compared, or a
// mismatch no Difference allows.
func (r Report) Err() error {
	if r.Compared == 0 {
		return errors.New("no field was compared: the comparison proves nothing (check the field list and that documents were indexed)")
	}
	if len(r.Mismatches) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "%d field values disagree (declare a siemtest.Difference with its reason only for a deliberate one):", len(r.Mismatches))
		for _, m := range r.Mismatches {
			b.WriteString("\n  " + m.String())
		}
		return errors.New(b.String())
	}
	return nil
}

// Summary is the report in one line.
func (r Report) Summary() string {
	agreed := 0
	for _, c := range r.PerField {
		agreed += c[0]
	}
	return fmt.Sprintf("%d field values compared, %d agree, %d differ as declared, %d mismatch", r.Compared, agreed, len(r.Allowed), len(r.Mismatches))
}

// String renders the summary, the per-field agreement, then the allowed
// differences grouped by field with their reasons, then the mismatches.
func (r Report) String() string {
	var b strings.Builder
	b.WriteString(r.Summary() + "\n")
	for _, f := range slices.Sorted(maps.Keys(r.PerField)) {
		c := r.PerField[f]
		fmt.Fprintf(&b, "  %-56s %d/%d\n", f, c[0], c[1])
	}
	if len(r.Allowed) > 0 {
		b.WriteString("differences allowed on purpose:\n")
		byField := map[string][]Mismatch{}
		for _, m := range r.Allowed {
			byField[m.Field] = append(byField[m.Field], m)
		}
		for _, f := range slices.Sorted(maps.Keys(byField)) {
			ms := byField[f]
			fmt.Fprintf(&b, "  %s (%d records): %s\n", f, len(ms), ms[0].Reason)
			for _, m := range ms {
				fmt.Fprintf(&b, "    %s\n", m)
			}
		}
	}
	for _, m := range r.Mismatches {
		fmt.Fprintf(&b, "MISMATCH %s\n", m)
	}
	return b.String()
}

// show renders a value for a report, cut to a readable length.
func show(v any, ok bool) string {
	if !ok {
		return "(absent)"
	}
	b, _ := json.Marshal(v)
	if len(b) > 160 {
		return fmt.Sprintf("%s... (%d bytes)", b[:150], len(b))
	}
	return string(b)
}

// lookup finds a dotted path in a nested document, also accepting keys
// that are themselves dotted (flat documents) at any level. A null value
// counts as absent.
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

// number returns v as an exact rational when it is a JSON number in any
// of the forms a decoder gives.
func number(v any) (*big.Rat, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case float64:
		return new(big.Rat).SetFloat64(x), true
	case int:
		return new(big.Rat).SetInt64(int64(x)), true
	case int64:
		return new(big.Rat).SetInt64(x), true
	default:
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

func equalScalar(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x.Cmp(y) == 0
	}
	switch x := a.(type) {
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
