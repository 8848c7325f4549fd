package parquet

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/siem-go/siem/parser"
)

// tnode is a schema node for writing test files: unlike pq.Group, its
// fields keep the order given, and its type may carry any annotation, so
// the tests can write the schemas other writers produce.
type tnode struct {
	name   string
	typ    pq.Type
	rep    format.FieldRepetitionType
	fields []pq.Field
}

func (n *tnode) ID() int                     { return 0 }
func (n *tnode) String() string              { return n.name }
func (n *tnode) Type() pq.Type               { return n.typ }
func (n *tnode) Optional() bool              { return n.rep == format.Optional }
func (n *tnode) Repeated() bool              { return n.rep == format.Repeated }
func (n *tnode) Required() bool              { return n.rep == format.Required }
func (n *tnode) Leaf() bool                  { return n.fields == nil }
func (n *tnode) Fields() []pq.Field          { return n.fields }
func (n *tnode) Encoding() encoding.Encoding { return nil }
func (n *tnode) Compression() compress.Codec { return nil }
func (n *tnode) GoType() reflect.Type        { return reflect.TypeFor[any]() }
func (n *tnode) Name() string                { return n.name }
func (n *tnode) Value(base reflect.Value) reflect.Value {
	return base
}

// annotated is a type with its logical and converted types replaced.
type annotated struct {
	pq.Type
	lt *format.LogicalType
	ct *deprecated.ConvertedType
}

func (a annotated) LogicalType() *format.LogicalType         { return a.lt }
func (a annotated) ConvertedType() *deprecated.ConvertedType { return a.ct }

const (
	req = format.Required
	opt = format.Optional
	rpt = format.Repeated
)

// col is a leaf of type t.
func col(name string, rep format.FieldRepetitionType, t pq.Type) *tnode {
	return &tnode{name: name, typ: t, rep: rep}
}

// grp is a group; lt and ct, when set, annotate it.
func grp(name string, rep format.FieldRepetitionType, lt format.LogicalTypeValue, ct *deprecated.ConvertedType, fields ...*tnode) *tnode {
	var t pq.Type = annotated{Type: pq.Group{}.Type()}
	if lt != nil || ct != nil {
		a := annotated{Type: pq.Group{}.Type(), ct: ct}
		if lt != nil {
			a.lt = &format.LogicalType{Value: lt}
		}
		t = a
	}
	n := &tnode{name: name, typ: t, rep: rep, fields: []pq.Field{}}
	for _, f := range fields {
		n.fields = append(n.fields, f)
	}
	return n
}

// logical is a physical type with a logical type.
func logical(t pq.Type, lt format.LogicalTypeValue) pq.Type {
	return annotated{Type: t, lt: &format.LogicalType{Value: lt}}
}

// converted is a physical type with only a (legacy) converted type.
func converted(t pq.Type, ct deprecated.ConvertedType) pq.Type {
	return annotated{Type: t, ct: &ct}
}

// v is a value of column c with its levels.
func v(c, rep, def int, x pq.Value) pq.Value { return x.Level(rep, def, c) }

func null(c, rep, def int) pq.Value { return pq.NullValue().Level(rep, def, c) }

func str(s string) pq.Value { return pq.ByteArrayValue([]byte(s)) }

// writeRows writes rows, whose values carry their levels, with the schema
// rooted at root.
func writeRows(t testing.TB, root *tnode, rows []pq.Row, opts ...pq.WriterOption) []byte {
	t.Helper()
	var buf bytes.Buffer
	schema := pq.NewSchema(root.name, root)
	w := pq.NewWriter(&buf, append([]pq.WriterOption{schema}, opts...)...)
	if _, err := w.WriteRows(rows); err != nil {
		t.Fatalf("writing rows: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("closing writer: %v", err)
	}
	return buf.Bytes()
}

// writeStructs writes Go values with parquet-go's struct schema.
func writeStructs[T any](t testing.TB, rows []T, opts ...pq.WriterOption) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := pq.NewGenericWriter[T](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatalf("writing rows: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("closing writer: %v", err)
	}
	return buf.Bytes()
}

// result is what reading an object gave: its records as strings, its
// per-record errors and the error that ended it (nil at io.EOF).
type result struct {
	records []string
	numbers []int64
	bad     []*parser.RecordError
	err     error
}

// readAll reads every record of r, checking each is valid JSON when
// asJSON is set.
func readAll(t testing.TB, r *Reader, asJSON bool) result {
	t.Helper()
	var res result
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return res
		}
		if re, ok := parser.AsRecordError(err); ok {
			res.bad = append(res.bad, re)
			continue
		}
		if err != nil {
			res.err = err
			if _, again := r.Next(); !errors.Is(again, err) && again != err {
				t.Errorf("Next after an error returned %v, want the same error", again)
			}
			return res
		}
		if asJSON && !json.Valid(rec.Data) {
			t.Errorf("record %d is not valid JSON: %s", rec.Number, rec.Data)
		}
		res.records = append(res.records, string(rec.Data))
		res.numbers = append(res.numbers, rec.Number)
	}
}

// readBytes opens data and reads it whole as JSON.
func readBytes(t testing.TB, data []byte, opt Options) result {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	defer r.Close()
	return readAll(t, r, true)
}

// checkRecords compares records with the expected ones.
func checkRecords(t *testing.T, got result, want ...string) {
	t.Helper()
	if got.err != nil {
		t.Fatalf("reading failed: %v", got.err)
	}
	for _, b := range got.bad {
		t.Errorf("record error: %v (raw %s)", b, b.Raw)
	}
	if len(got.records) != len(want) {
		t.Errorf("got %d records, want %d", len(got.records), len(want))
	}
	for i := range min(len(got.records), len(want)) {
		if got.records[i] != want[i] {
			t.Errorf("record %d:\n got %s\nwant %s", i+1, got.records[i], want[i])
		}
	}
}
