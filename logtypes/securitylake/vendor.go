package securitylake

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	{Path: "class_uid", Type: siem.VendorLong},
	{Path: "category_uid", Type: siem.VendorLong},
	{Path: "activity_id", Type: siem.VendorLong},
	{Path: "type_uid", Type: siem.VendorLong},
	{Path: "severity_id", Type: siem.VendorLong},
	{Path: "status_id", Type: siem.VendorLong},
	{Path: "event", Type: siem.VendorFlatObject},
	{Path: "event_json", Type: siem.VendorWildcard},
	{Path: "raw_data", Type: siem.VendorWildcard},
	{Path: "unmapped", Type: siem.VendorWildcard},
	{Path: "enrichments", Type: siem.VendorWildcard},
	{Path: "evidences", Type: siem.VendorWildcard},
	{Path: "data", Type: siem.VendorWildcard},
	{Path: "supporting_data", Type: siem.VendorWildcard},
}}

// freeForm are the top-level members kept as JSON text (wildcard) rather
// than inside the flat object: free-form, often large, and with keys that
// need not be valid field names.
var freeForm = []struct{ key, path string }{
	{"raw_data", ns + "raw_data"},
	{"unmapped", ns + "unmapped"},
	{"enrichments", ns + "enrichments"},
	{"evidences", ns + "evidences"},
	{"data", ns + "data"},
}

// maxFlatBytes bounds the flat object: OpenSearch refuses a document with
// a term over 32766 bytes, and a flat_object indexes each leaf with its
// path.
const maxFlatBytes = 32766

var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// categories is the reference system's index suffix per category_uid.
var categories = map[int64]string{1: "system", 2: "findings", 3: "audit", 4: "network", 5: "discovery", 6: "application", 7: "remediation"}

func vendor(ev *ecs.Event, v *fastjson.Value, class, categoryUID, activity int64) {
	ev.Long(ns+"class_uid", class)
	ev.Long(ns+"category_uid", categoryUID)
	if v.Get("activity_id") != nil {
		ev.Long(ns+"activity_id", activity)
	}
	for _, f := range [...]struct{ key, path string }{
		{"type_uid", ns + "type_uid"}, {"severity_id", ns + "severity_id"}, {"status_id", ns + "status_id"},
	} {
		if n, ok := num(v, f.key); ok {
			ev.Long(f.path, n)
		}
	}
	for _, f := range [...]struct{ key, path string }{
		{"class_name", ns + "class_name"}, {"category_name", ns + "category_name"},
		{"activity_name", ns + "activity_name"}, {"type_name", ns + "type_name"},
		{"severity", ns + "severity"}, {"status", ns + "status"},
	} {
		if s := str(v, f.key); s != "" {
			ev.Keyword(f.path, s)
		}
	}
	if s := str(v, "metadata", "version"); s != "" {
		ev.Keyword(ns+"version", s)
	}
	// The reference system's per-category index suffix and log type.
	cat := ""
	if name := str(v, "category_name"); name != "" {
		cat = strings.ToLower(strings.Fields(name + " x")[0])
		ev.Keyword(ns+"log_type", "ocsf-"+strings.ToLower(strings.Join(strings.Fields(name), "-")))
	} else {
		cat = categories[categoryUID]
	}
	if cat != "" {
		ev.Keyword(ns+"category", cat)
		if route := "ocsf-" + cat; slices.Contains(info.Routes, route) {
			ev.SetRoute(route)
		}
	}

	bp := bufs.Get().(*[]byte)
	defer bufs.Put(bp)
	b := (*bp)[:0]
	for _, f := range freeForm {
		x := v.Get(f.key)
		if x == nil {
			continue
		}
		b = b[:0]
		switch x.Type() {
		case fastjson.TypeString:
			s := x.GetStringBytes()
			if len(bytes.TrimSpace(s)) > 0 && string(s) != "-" {
				ev.KeywordBytes(f.path, s)
			}
		case fastjson.TypeObject, fastjson.TypeArray:
			var empty, ok bool
			b, empty, ok = appendClean(b, x, 0)
			if ok && !empty {
				ev.KeywordBytes(f.path, b)
			}
		case fastjson.TypeNull:
		default:
			ev.KeywordBytes(f.path, x.MarshalTo(b))
		}
	}
	for _, p := range [...][]string{{"finding_info", "supporting_data"}, {"finding", "supporting_data"}} {
		if x := v.Get(p...); x != nil && (x.Type() == fastjson.TypeObject || x.Type() == fastjson.TypeArray) {
			b = b[:0]
			var empty, ok bool
			b, empty, ok = appendClean(b, x, 0)
			if ok && !empty {
				ev.KeywordBytes(ns+"supporting_data", b)
			}
		}
	}

	b = b[:0]
	b, empty, ok := appendClean(b, v, 0)
	switch {
	case empty:
	case ok && len(b) <= maxFlatBytes:
		ev.RawJSON(ns+"event", b)
	default:
		// Too large or with keys a flat_object cannot hold: kept whole as
		// JSON text.
		b = b[:0]
		b, _, _ = appendClean(b, v, -1)
		ev.KeywordBytes(ns+"event_json", b)
	}
	*bp = b
}

// appendClean appends x re-encoded without what carries no value (null,
// "", "-", empty arrays and objects), the first of repeated keys only,
// and, at depth 0, without the free-form members kept apart. ok is false
// when a key cannot be a flat_object path (empty, or with an empty dotted
// segment). depth -1 keeps everything and ignores bad keys.
func appendClean(dst []byte, x *fastjson.Value, depth int) (out []byte, empty, ok bool) {
	start := len(dst)
	ok = true
	switch x.Type() {
	case fastjson.TypeNull:
		return dst, true, true
	case fastjson.TypeString:
		s := x.GetStringBytes()
		if len(s) == 0 || string(s) == "-" {
			return dst, true, true
		}
		return ecs.AppendStringBytes(dst, s), false, true
	case fastjson.TypeObject:
		o, _ := x.Object()
		dst = append(dst, '{')
		n := 0
		var seen [][]byte
		o.Visit(func(k []byte, e *fastjson.Value) {
			if depth == 0 && dropTop(k) {
				return
			}
			if depth == 1 && string(k) == "supporting_data" {
				return
			}
			for _, s := range seen {
				if bytes.Equal(s, k) {
					return
				}
			}
			seen = append(seen, k)
			if depth >= 0 && badKey(k) {
				ok = false
				return
			}
			mark := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			dst = ecs.AppendStringBytes(dst, k)
			dst = append(dst, ':')
			d := depth + 2 // 1 only for the findings' members
			switch {
			case depth < 0:
				d = -1
			case depth == 0 && (string(k) == "finding_info" || string(k) == "finding"):
				d = 1
			}
			var e2, ok2 bool
			dst, e2, ok2 = appendClean(dst, e, d)
			if !ok2 {
				ok = false
			}
			if e2 {
				dst = dst[:mark]
				return
			}
			n++
		})
		if n == 0 {
			return dst[:start], true, ok
		}
		return append(dst, '}'), false, ok
	case fastjson.TypeArray:
		dst = append(dst, '[')
		n := 0
		d := depth + 2
		if depth < 0 {
			d = -1
		}
		for _, e := range x.GetArray() {
			mark := len(dst)
			if n > 0 {
				dst = append(dst, ',')
			}
			var e2, ok2 bool
			dst, e2, ok2 = appendClean(dst, e, d)
			if !ok2 {
				ok = false
			}
			if e2 {
				dst = dst[:mark]
				continue
			}
			n++
		}
		if n == 0 {
			return dst[:start], true, ok
		}
		return append(dst, ']'), false, ok
	case fastjson.TypeNumber:
		// fastjson accepts numbers JSON does not ("04", "+1", "1."): those
		// are kept as strings.
		out = x.MarshalTo(dst)
		if !parser.IsJSONNumber(out[start:]) {
			raw := string(out[start:])
			out = ecs.AppendString(out[:start], raw)
		}
		return out, false, true
	}
	return x.MarshalTo(dst), false, true
}

func dropTop(k []byte) bool {
	switch string(k) {
	case "raw_data", "unmapped", "enrichments", "evidences", "data":
		return true
	}
	return false
}

func badKey(k []byte) bool {
	return len(k) == 0 || k[0] == '.' || k[len(k)-1] == '.' || bytes.Contains(k, []byte("..")) || !utf8Valid(k)
}
