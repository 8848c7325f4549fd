package indexmetrics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

var (
	parsers fastjson.ParserPool
	arenas  fastjson.ArenaPool
)

// Datasets the exporter writes.
const (
	datasetIndex = "opensearch.index"
	datasetShard = "opensearch.shard"
)

// row is one row being normalized.
type row struct {
	ev    *ecs.Event
	a     *fastjson.Arena
	other *fastjson.Value
	path  []byte // the dotted path below opensearch being walked
	err   error
	index bool // opensearch.index.name was seen
	shard bool // an opensearch.shard object was seen
	name  []byte
}

// keep sets v at keys below opensearch.other, creating the objects on the
// way.
func (r *row) keep(v *fastjson.Value, keys ...string) {
	if r.other == nil {
		r.other = r.a.NewObject()
	}
	cur := r.other
	for _, k := range keys[:len(keys)-1] {
		next := cur.Get(k)
		if next == nil || next.Type() != fastjson.TypeObject {
			next = r.a.NewObject()
			cur.Set(k, next)
		}
		cur = next
	}
	cur.Set(keys[len(keys)-1], v)
}

// normalize maps one row onto ev. See the package documentation.
func normalize(rec siem.Record, ev *ecs.Event, k keyInfo) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("metrics row is not valid JSON: %v", err)
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("metrics row is a JSON %s, not an object", v.Type())
	}
	a := arenas.Get()
	defer arenas.Put(a)
	a.Reset()
	r := row{ev: ev, a: a}

	var ts, osv, dataset, msName, msPeriod *fastjson.Value
	o.Visit(func(key []byte, v *fastjson.Value) {
		switch string(key) {
		case "@timestamp":
			ts = v
		case "opensearch":
			osv = v
		case "event":
			if v.Type() != fastjson.TypeObject {
				r.keep(v, "event")
				return
			}
			v.GetObject().Visit(func(key []byte, v *fastjson.Value) {
				if string(key) == "dataset" {
					dataset = v
				} else {
					r.keep(v, "event", string(key))
				}
			})
		case "metricset":
			if v.Type() != fastjson.TypeObject {
				r.keep(v, "metricset")
				return
			}
			v.GetObject().Visit(func(key []byte, v *fastjson.Value) {
				switch string(key) {
				case "name":
					msName = v
				case "period":
					msPeriod = v
				default:
					r.keep(v, "metricset", string(key))
				}
			})
		default:
			r.keep(v, string(key))
		}
	})

	if ts == nil {
		return fmt.Errorf("metrics row has no @timestamp")
	}
	tsb, err := ts.StringBytes()
	if err != nil {
		return fmt.Errorf("@timestamp is a JSON %s, not a string", ts.Type())
	}
	t, err := parser.ParseRFC3339(tsb)
	if err != nil {
		return fmt.Errorf("@timestamp %q: %v", clip(tsb), err)
	}
	ev.Date("@timestamp", t.UTC())

	if osv == nil || osv.Type() != fastjson.TypeObject {
		return fmt.Errorf("metrics row has no opensearch object")
	}
	r.walk(osv.GetObject())
	if r.err != nil {
		return r.err
	}
	if !r.index {
		return fmt.Errorf("metrics row has no opensearch.index.name")
	}

	// event.dataset: the row's, when it is an OpenSearch metrics dataset;
	// else what the row holds.
	ds := datasetIndex
	if r.shard {
		ds = datasetShard
	}
	if dataset != nil && dataset.Type() != fastjson.TypeNull {
		s, err := dataset.StringBytes()
		if err != nil || !validDataset(s) {
			return fmt.Errorf("event.dataset %s is not an OpenSearch metrics dataset (opensearch.<name>)", clip([]byte(dataset.String())))
		}
		ds = string(s)
	}

	ev.Keyword("cloud.account.id", k.account)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", k.region)
	ev.Keywords("event.category", "database")
	ev.Keyword("event.dataset", ds)
	ev.Keyword("event.kind", "metric")
	ev.Keyword("event.module", "opensearch")
	ev.Keywords("event.type", "info")

	if msName != nil {
		if s, ok := str(msName); ok {
			ev.KeywordBytes("opensearch.metricset.name", s)
		} else if msName.Type() != fastjson.TypeNull {
			return fmt.Errorf("metricset.name is a JSON %s, not a string", msName.Type())
		}
	}
	if msPeriod != nil && msPeriod.Type() != fastjson.TypeNull {
		n, ok := long(msPeriod)
		if !ok || n <= 0 {
			return fmt.Errorf("metricset.period %s is not a positive integer (milliseconds)", clip([]byte(msPeriod.String())))
		}
		ev.Long("opensearch.metricset.period", n)
	}
	if r.other != nil {
		if out := freeform.AppendClean(nil, r.other); len(out) > 0 {
			ev.RawJSON("opensearch.other", out)
		}
	}
	ev.Keyword("service.name", string(r.name))
	ev.Keyword("service.type", "opensearch")
	return nil
}

// walk maps the members of an object below opensearch; r.path is the
// object's path, empty or ending in a dot.
func (r *row) walk(o *fastjson.Object) {
	o.Visit(func(key []byte, v *fastjson.Value) {
		if r.err != nil {
			return
		}
		mark := len(r.path)
		r.path = append(r.path, key...)
		defer func() { r.path = r.path[:mark] }()
		f, known := fields[string(r.path)]
		switch {
		case v.Type() == fastjson.TypeNull:
			return
		case known:
			r.field(f, v)
		case v.Type() == fastjson.TypeObject && plainKey(key):
			if string(r.path) == "shard" {
				r.shard = true
			}
			r.path = append(r.path, '.')
			r.walk(v.GetObject())
		case plainKey(key) && statistic(r.path):
			// A statistic the exporter added: declared long.
			n, ok := long(v)
			if !ok {
				r.err = fmt.Errorf("opensearch.%s %s is not an integer", r.path, clip([]byte(v.String())))
				return
			}
			r.ev.Long("opensearch."+string(r.path), n)
		default:
			r.keep(v, strings.Split(string(r.path), ".")...)
		}
	})
}

// field maps one documented field, or records why it cannot.
func (r *row) field(f field, v *fastjson.Value) {
	bad := func(want string) {
		r.err = fmt.Errorf("%s %s is not %s", f.path, clip([]byte(v.String())), want)
	}
	switch f.kind {
	case kKeyword:
		s, ok := str(v)
		if !ok {
			if v.Type() == fastjson.TypeString {
				return // empty: absent
			}
			bad("a string")
			return
		}
		r.ev.KeywordBytes(f.path, s)
		switch f.path {
		case "opensearch.index.name":
			r.index = true
		case "opensearch.cluster.name":
			r.name = s
		}
	case kLong:
		// Every documented integer is a count, a size, a time or a shard
		// number: a negative one would skew the dashboards' sums.
		n, ok := long(v)
		if !ok {
			bad("an integer")
			return
		}
		if n < 0 {
			bad("a non-negative integer (a count, size, time or shard number)")
			return
		}
		r.ev.Long(f.path, n)
	case kBool:
		switch v.Type() {
		case fastjson.TypeTrue:
			r.ev.Bool(f.path, true)
		case fastjson.TypeFalse:
			r.ev.Bool(f.path, false)
		default:
			bad("true or false")
		}
	case kDate:
		if s, ok := str(v); ok {
			t, err := parser.ParseRFC3339(s)
			if err != nil {
				bad("an RFC 3339 time")
				return
			}
			r.ev.Date(f.path, t.UTC())
			return
		}
		// Epoch milliseconds.
		n, ok := long(v)
		if !ok || v.Type() != fastjson.TypeNumber || n < 0 || n > 253402300799999 {
			bad("an RFC 3339 time or epoch milliseconds")
			return
		}
		r.ev.Date(f.path, time.UnixMilli(n).UTC())
	}
}

// long reads an integer: a JSON number with no fraction, or a string of
// digits (the _cat APIs answer with strings).
func long(v *fastjson.Value) (int64, bool) {
	switch v.Type() {
	case fastjson.TypeNumber:
		if n, err := v.Int64(); err == nil {
			return n, true
		}
		f, err := v.Float64()
		if err != nil || f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
			return 0, false
		}
		return int64(f), true
	case fastjson.TypeString:
		s := v.GetStringBytes()
		if len(s) == 0 || len(s) > 20 || s[0] == '+' {
			return 0, false
		}
		n, err := strconv.ParseInt(string(s), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// statistic reports whether path is below index.primaries or index.total,
// whose members are all integer statistics.
func statistic(path []byte) bool {
	s := string(path)
	return strings.HasPrefix(s, "index.primaries.") || strings.HasPrefix(s, "index.total.")
}

// plainKey reports whether key can be a segment of a field path: lower
// case letters, digits and underscores.
func plainKey(key []byte) bool {
	if len(key) == 0 || len(key) > 128 {
		return false
	}
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// validDataset reports whether s is opensearch.<name>.
func validDataset(s []byte) bool {
	name, ok := strings.CutPrefix(string(s), "opensearch.")
	return ok && plainKey([]byte(name))
}

// str returns v's string, when v is a non-empty string.
func str(v *fastjson.Value) ([]byte, bool) {
	if v == nil || v.Type() != fastjson.TypeString {
		return nil, false
	}
	s := v.GetStringBytes()
	return s, len(s) > 0
}

// clip shortens a value quoted in an error message.
func clip(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}
