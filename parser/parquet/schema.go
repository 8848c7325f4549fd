package parquet

import (
	"fmt"
	"strings"

	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// Column describes one top-level column of a file.
type Column struct {
	// Name is the column's name as written in the file.
	Name string
	// Type is the column's type as the reader renders it, for example
	// "string", "int32", "timestamp(millis,utc)", "decimal(10,2)",
	// "binary", "list<string>", "map<string,string>" or
	// "struct<name:string,uid:string>".
	Type string
	// Physical is the Parquet physical type of a primitive column
	// ("BYTE_ARRAY", "INT64", ...), or "" for a group.
	Physical string
	// Optional reports that the value may be null: it is left out of the
	// JSON and written "-" in text.
	Optional bool
	// Repeated reports a plain repeated column (an array written without
	// a LIST annotation).
	Repeated bool
}

// Primitive reports whether the column holds at most one scalar per row,
// as RowText requires.
func (c Column) Primitive() bool { return c.Physical != "" && !c.Repeated }

// nodeKind says how a node's value is rendered.
type nodeKind uint8

const (
	kindLeaf  nodeKind = iota // a scalar
	kindGroup                 // a JSON object of its fields
	kindList                  // a LIST-annotated group: a JSON array
	kindMap                   // a MAP-annotated group: a JSON object
)

// node is one element of the schema tree, with what rendering needs
// computed once per file.
type node struct {
	name string
	// key is the name as a JSON object key with its colon: "name":
	key  []byte
	kind nodeKind
	// repeated and optional are the node's own repetition.
	repeated, optional bool
	// def and rep are the definition and repetition levels at which the
	// node is present: a value of any leaf below it with a definition
	// level of at least def means the node is there (for a repeated node:
	// has at least one element), and a repetition level equal to rep
	// starts a new element of it.
	def, rep int
	// lo and hi bound the indexes of the leaves below the node (the
	// leaf's own index for a leaf). Schema order is depth first, so they
	// are contiguous, and lo is the leaf whose values are looked at to
	// decide presence and repetition.
	lo, hi   int
	children []*node
	// For kindList: the repeated child and the node whose values are the
	// elements (the repeated child itself in the two-level legacy forms).
	// For kindMap: the repeated key_value group and its key and value.
	rep1     *node
	elem     *node
	mapKey   *node
	mapValue *node
	// scalar says how a leaf's values are written.
	scalar scalar
	// el is the schema element, for Columns.
	el *format.SchemaElement
}

// maxSchemaDepth is parquet-go's own limit on nesting.
const maxSchemaDepth = 255

// maxPathSegments bounds the sum over all schema elements of their depth.
// parquet-go allocates that many strings up front when it opens a file, so
// a long chain of nested groups in a small footer would otherwise cost
// memory quadratic in the footer's size.
const maxPathSegments = 1 << 22

// maxLeaves is parquet-go's limit on the number of leaf columns.
const maxLeaves = 1<<16 - 2

// buildSchema turns the flattened schema of a footer into a tree, as
// parquet-go reads it: an element with a physical type is a leaf, any
// other is a group with NumChildren children following it depth first.
// Groups with no leaf below them hold no data and are left out.
func buildSchema(elems []format.SchemaElement) (*node, int, error) {
	if len(elems) == 0 {
		return nil, 0, fmt.Errorf("the schema is empty")
	}
	b := schemaBuilder{elems: elems}
	root, err := b.build(nil, 0)
	if err != nil {
		return nil, 0, err
	}
	return root, b.leaves, nil
}

type schemaBuilder struct {
	elems    []format.SchemaElement
	next     int
	leaves   int
	segments int
}

func (b *schemaBuilder) build(parent *node, depth int) (*node, error) {
	if depth > maxSchemaDepth {
		return nil, fmt.Errorf("the schema nests more than %d levels deep", maxSchemaDepth)
	}
	b.segments += depth + 1
	if b.segments > maxPathSegments {
		return nil, fmt.Errorf("the schema is too large (more than %d path segments)", maxPathSegments)
	}
	if b.next >= len(b.elems) {
		// Each group's count fit the elements after it, but together
		// they claim more.
		return nil, fmt.Errorf("the groups declare more children than the schema has elements (%d)", len(b.elems))
	}
	el := &b.elems[b.next]
	b.next++
	n := &node{name: el.Name, el: el, lo: b.leaves}
	n.key = appendString(nil, []byte(el.Name), true)
	n.key = append(n.key, ':')
	if parent != nil {
		n.def, n.rep = parent.def, parent.rep
		rt := format.Required
		if el.RepetitionType.Valid {
			rt = el.RepetitionType.V
		}
		switch rt {
		case format.Optional:
			n.optional = true
			n.def++
		case format.Repeated:
			n.repeated = true
			n.def++
			n.rep++
		}
	}
	if el.Type.Valid {
		if parent == nil {
			return nil, fmt.Errorf("the schema root %q is a primitive column, not a group", el.Name)
		}
		if b.leaves >= maxLeaves {
			return nil, fmt.Errorf("the schema has more than %d leaf columns", maxLeaves)
		}
		b.leaves++
		n.hi = b.leaves
		n.kind = kindLeaf
		n.scalar = scalarOf(el)
		return n, nil
	}
	count := 0
	if el.NumChildren.Valid {
		count = int(el.NumChildren.V)
	}
	if count < 0 || count > len(b.elems)-b.next {
		return nil, fmt.Errorf("group %q declares %d children but only %d schema elements follow it", el.Name, count, len(b.elems)-b.next)
	}
	n.kind = kindGroup
	for range count {
		c, err := b.build(n, depth+1)
		if err != nil {
			return nil, err
		}
		if c.hi > c.lo {
			n.children = append(n.children, c)
		}
	}
	n.hi = b.leaves
	n.classify()
	return n, nil
}

// classify makes a group annotated LIST or MAP a list or a map when its
// shape is one the format allows; any other group stays a plain object.
func (n *node) classify() {
	lt := n.el.LogicalType.Value
	ct, hasCT := n.el.ConvertedType.V, n.el.ConvertedType.Valid
	_, isList := lt.(*format.ListType)
	_, isMap := lt.(*format.MapType)
	if lt == nil && hasCT {
		isList = ct == deprecated.List
		isMap = ct == deprecated.Map || ct == deprecated.MapKeyValue
	}
	if len(n.children) != 1 || !n.children[0].repeated {
		return
	}
	r := n.children[0]
	switch {
	case isList:
		n.kind, n.rep1, n.elem = kindList, r, listElement(n, r)
	case isMap:
		if r.kind != kindGroup || len(r.children) != 2 || r.children[0].kind != kindLeaf || r.children[0].repeated {
			return
		}
		n.kind, n.rep1 = kindMap, r
		n.mapKey, n.mapValue = r.children[0], r.children[1]
	}
}

// listElement applies the format's backward-compatibility rules for LIST:
// the repeated child r is itself the element when it is a primitive, a
// group of several fields, or a group of one field named "array" or
// "<list>_tuple" (the two-level forms older writers used); otherwise its
// only child is (the standard three-level form).
func listElement(list, r *node) *node {
	if r.kind == kindLeaf || len(r.children) != 1 {
		return r
	}
	if r.name == "array" || r.name == list.name+"_tuple" {
		return r
	}
	return r.children[0]
}

// columns describes the root's fields.
func (n *node) columns() []Column {
	cols := make([]Column, len(n.children))
	for i, c := range n.children {
		cols[i] = Column{Name: c.name, Optional: c.optional, Repeated: c.repeated}
		if c.kind == kindLeaf {
			cols[i].Physical = c.el.Type.V.String()
		}
		cols[i].Type = c.typeName()
		if c.repeated {
			// Rendered as an array of the repeated values.
			cols[i].Type = "list<" + cols[i].Type + ">"
		}
	}
	return cols
}

// typeName names the type of a node's value, ignoring its own repetition.
func (n *node) typeName() string {
	switch n.kind {
	case kindLeaf:
		return n.scalar.name()
	case kindList:
		t := n.elem.typeName()
		if n.elem != n.rep1 && n.elem.repeated {
			t = "list<" + t + ">"
		}
		return "list<" + t + ">"
	case kindMap:
		return "map<" + n.mapKey.typeName() + "," + n.mapValue.typeName() + ">"
	}
	var b strings.Builder
	b.WriteString("struct<")
	for i, c := range n.children {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(c.name)
		b.WriteByte(':')
		if c.repeated {
			b.WriteString("list<" + c.typeName() + ">")
		} else {
			b.WriteString(c.typeName())
		}
	}
	b.WriteByte('>')
	return b.String()
}

// leafNodes lists the leaves in index order.
func (n *node) leafNodes(out []*node) []*node {
	if n.kind == kindLeaf {
		return append(out, n)
	}
	for _, c := range n.children {
		out = c.leafNodes(out)
	}
	return out
}

// path returns the dotted path of leaf i below n.
func (n *node) path(i int) string {
	var parts []string
	for cur := n; cur != nil && cur.kind != kindLeaf; {
		var next *node
		for _, c := range cur.children {
			if i >= c.lo && i < c.hi {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		parts = append(parts, next.name)
		cur = next
	}
	return strings.Join(parts, ".")
}
