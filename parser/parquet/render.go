package parquet

import (
	pq "github.com/parquet-go/parquet-go"
)

// renderer turns one row, as parquet-go reads it (the values of every
// leaf column in column order, each with its repetition and definition
// levels), back into the nested record those levels describe, and writes
// it as compact JSON or as a line of text. It is the record-assembly half
// of the Dremel encoding Parquet uses, done straight into a byte buffer:
// no map or interface value is built per row.
type renderer struct {
	root *node
	// vals is the current row; pos and end are, per leaf, the cursor into
	// vals and the end of that leaf's values.
	vals     []pq.Value
	pos, end []int
	buf      []byte
	max      int
	// over is set when buf passed max; bad when the levels of the row do
	// not fit the schema (a damaged file).
	over, bad bool
	bigScratch
}

func newRenderer(root *node, leaves, max int) *renderer {
	return &renderer{root: root, pos: make([]int, leaves), end: make([]int, leaves), max: max}
}

// load points the cursors at the values of row. Values come grouped by
// column, in column order; anything else is a damaged row.
func (w *renderer) load(row pq.Row) {
	w.vals = row
	w.over, w.bad = false, false
	for i := range w.pos {
		w.pos[i], w.end[i] = 0, 0
	}
	prev := -1
	for i := range row {
		c := row[i].Column()
		if c != prev {
			if c <= prev || c >= len(w.pos) {
				w.bad = true
				return
			}
			w.pos[c] = i
			prev = c
		}
		w.end[c] = i + 1
	}
}

// json writes the row as a JSON object. It reports a problem found on the
// way: the row was over the size limit or its levels are inconsistent.
func (w *renderer) json(row pq.Row) []byte {
	w.buf = w.buf[:0]
	w.load(row)
	if w.bad {
		return w.buf
	}
	w.object(w.root.children)
	if !w.over {
		for i := range w.pos {
			if w.pos[i] != w.end[i] || w.end[i] == 0 {
				// A leaf had values left over, or none at all.
				w.bad = true
				break
			}
		}
	}
	return w.buf
}

// peek returns the levels of the next value of leaf i; ok is false when
// the leaf has no value left, which only a damaged row shows.
func (w *renderer) peek(i int) (def, rep int, ok bool) {
	p := w.pos[i]
	if p >= w.end[i] {
		w.bad = true
		return 0, 0, false
	}
	v := &w.vals[p]
	return v.DefinitionLevel(), v.RepetitionLevel(), true
}

// skip passes over a node that is null, or a repeated node with no
// element, at the current position: each of its leaves holds exactly one
// value there, saying so.
func (w *renderer) skip(n *node) {
	for i := n.lo; i < n.hi; i++ {
		if w.pos[i] < w.end[i] {
			w.pos[i]++
		} else {
			w.bad = true
		}
	}
}

// object writes the fields of a group; a field that is null, or a repeated
// field with no element, is left out.
func (w *renderer) object(fields []*node) {
	w.buf = append(w.buf, '{')
	first := true
	for _, c := range fields {
		if w.over {
			return
		}
		def, _, ok := w.peek(c.lo)
		if !ok {
			continue
		}
		if def < c.def {
			w.skip(c)
			continue
		}
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
		w.buf = append(w.buf, c.key...)
		w.present(c)
	}
	w.buf = append(w.buf, '}')
}

// present writes a node known to be there: a repeated node as the array of
// its elements, any other as its content.
func (w *renderer) present(n *node) {
	if n.repeated {
		w.array(n, n)
		return
	}
	w.content(n)
}

// value writes a node in a place where null is written as null: an array
// element or a map value.
func (w *renderer) value(n *node) {
	def, _, ok := w.peek(n.lo)
	if ok && def >= n.def {
		w.present(n)
		return
	}
	if ok {
		w.skip(n)
	}
	w.buf = append(w.buf, "null"...)
}

// content writes a node's value, whatever its own repetition.
func (w *renderer) content(n *node) {
	switch n.kind {
	case kindLeaf:
		w.leaf(n)
	case kindGroup:
		w.object(n.children)
	case kindList:
		r := n.rep1
		if def, _, ok := w.peek(r.lo); !ok || def < r.def {
			if ok {
				w.skip(r)
			}
			w.buf = append(w.buf, '[', ']')
			return
		}
		w.array(r, n.elem)
	case kindMap:
		w.mapEntries(n)
	}
}

// array writes the elements of the repeated node r, known to have at
// least one, each rendered as elem: r itself (its content) or, in the
// three-level LIST form, r's only child (which may be null). A value whose
// repetition level is r's starts the next element.
//
// Each element consumes at least one value of leaf r.lo, so the loop ends
// however damaged the levels are.
func (w *renderer) array(r, elem *node) {
	w.buf = append(w.buf, '[')
	for i := 0; ; i++ {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		if elem == r {
			w.content(r)
		} else {
			w.value(elem)
		}
		if w.over {
			return
		}
		p := w.pos[r.lo]
		if p >= w.end[r.lo] || w.vals[p].RepetitionLevel() != r.rep {
			break
		}
	}
	w.buf = append(w.buf, ']')
}

// mapEntries writes a MAP as a JSON object. Keys are strings in JSON, so a
// key of another type is written as its JSON text between quotes (5 as
// "5"); a missing key, which the format forbids, as "". Entries keep the
// file's order, and a null value is written as null: the key says
// something.
func (w *renderer) mapEntries(n *node) {
	r := n.rep1
	if def, _, ok := w.peek(r.lo); !ok || def < r.def {
		if ok {
			w.skip(r)
		}
		w.buf = append(w.buf, '{', '}')
		return
	}
	w.buf = append(w.buf, '{')
	for i := 0; ; i++ {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.mapKey(n.mapKey)
		w.buf = append(w.buf, ':')
		w.value(n.mapValue)
		if w.over {
			return
		}
		p := w.pos[r.lo]
		if p >= w.end[r.lo] || w.vals[p].RepetitionLevel() != r.rep {
			break
		}
	}
	w.buf = append(w.buf, '}')
}

func (w *renderer) mapKey(k *node) {
	def, _, ok := w.peek(k.lo)
	if !ok || def < k.def {
		if ok {
			w.skip(k)
		}
		w.buf = append(w.buf, '"', '"')
		return
	}
	mark := len(w.buf)
	w.leaf(k)
	if len(w.buf) > mark && w.buf[mark] != '"' {
		// A number, boolean or null: its text needs no escaping.
		w.buf = append(w.buf, 0)
		copy(w.buf[mark+1:], w.buf[mark:])
		w.buf[mark] = '"'
		w.buf = append(w.buf, '"')
	}
}

// leaf writes the next value of a leaf and moves past it.
func (w *renderer) leaf(n *node) {
	p := w.pos[n.lo]
	if p >= w.end[n.lo] {
		w.bad = true
		w.buf = append(w.buf, "null"...)
		return
	}
	w.pos[n.lo]++
	v := &w.vals[p]
	if v.IsNull() {
		w.buf = append(w.buf, "null"...)
	} else {
		w.buf = w.appendScalar(w.buf, &n.scalar, v, true)
	}
	if len(w.buf) > w.max {
		w.over = true
	}
}

// text writes the values of the given top-level primitive columns
// separated by single spaces, "-" standing for null and for the empty
// string, as AWS writes its space-separated logs. Whitespace and control
// characters inside a value become '_', so the line always splits back
// into one field per column.
func (w *renderer) text(row pq.Row, cols []*node) []byte {
	w.buf = w.buf[:0]
	w.load(row)
	for i, n := range cols {
		if i > 0 {
			w.buf = append(w.buf, ' ')
		}
		p := w.pos[n.lo]
		if w.bad || p >= w.end[n.lo] {
			w.bad = true
			w.buf = append(w.buf, '-')
			continue
		}
		v := &w.vals[p]
		if v.IsNull() || v.DefinitionLevel() < n.def || n.scalar.kind == sNull {
			w.buf = append(w.buf, '-')
			continue
		}
		mark := len(w.buf)
		w.buf = w.appendScalar(w.buf, &n.scalar, v, false)
		if len(w.buf) == mark {
			w.buf = append(w.buf, '-')
			continue
		}
		for j := mark; j < len(w.buf); j++ {
			if c := w.buf[j]; c <= ' ' || c == 0x7f {
				w.buf[j] = '_'
			}
		}
		if len(w.buf) > w.max {
			w.over = true
			break
		}
	}
	return w.buf
}
