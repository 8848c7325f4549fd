package ecs

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Event builds one ECS document as nested JSON.
//
// Setters record a dotted field path and its encoded value; AppendJSON then
// writes the nested document. Nothing is decoded into maps and nothing passes
// through encoding/json, so an Event reused with Reset allocates nothing in
// the steady state.
//
// When a path is set more than once, the last value wins, so later stages
// (normalizers, then enrichers) can override earlier ones. Paths must be
// dotted ECS names such as "source.ip" or vendor names such as
// "aws.cloudtrail.event_version"; a path must not be both a leaf and the
// parent of another path in the same event ("user" and "user.name").
// Such a conflict, or a malformed path ("x.", ".x", "a..b"), is reported
// by Err; AppendJSON leaves the offending field out so that its output is
// still valid JSON, which is why a caller must check Err first.
//
// Use constant path strings ("source.ip", or a package-level variable
// chosen per case) rather than paths built per record (side + ".ip"). An
// Event remembers the layout of the documents it wrote, keyed by the
// identity of their path strings, so that a stream of same-shaped records
// lays out each document without sorting its fields; a path concatenated
// for each record is a new string every time, and every document then
// pays for a fresh layout (2-3x slower for a typical finding).
//
// An Event is not safe for concurrent use.
type Event struct {
	fields []field
	vals   []byte
	id     string
	route  string
	seq    int32
	ts     time.Time
	shapes shapeCache
	// last is the shape of the fields as they were when it was computed,
	// reused while no field was added since.
	last    *shape
	lastLen int
}

type field struct {
	path       string
	start, end int32
	// idx is the field's position in fields; seq is its place in the
	// order of setting, which ReplaceJSON's removals do not change.
	idx, seq int32
}

// Reset clears the event for reuse, keeping its buffers.
func (e *Event) Reset() {
	e.fields = e.fields[:0]
	e.vals = e.vals[:0]
	e.id = ""
	e.route = ""
	e.seq = 0
	e.ts = time.Time{}
	e.last = nil
}

// Err reports the first problem with the paths set so far: a path that
// is both a value and the parent of another, or a malformed path. The
// error is a *PathError. Checking is cheap: the result is kept with the
// event's shape, which AppendJSON needs anyway.
func (e *Event) Err() error {
	if len(e.fields) == 0 {
		return nil
	}
	if sh := e.shapeOf(); sh.err != nil {
		// The shape is shared by every event with these paths; the
		// place in set order is this event's own.
		pe := *sh.err
		pe.Index = int(e.fields[pe.Index].seq)
		return &pe
	}
	return nil
}

// PathError reports a field the event cannot hold.
type PathError struct {
	// Path is the offending path.
	Path string
	// Other is the path it conflicts with, "" for a malformed path.
	Other string
	// Index is the position, in the order fields were set, of the later
	// of the two, so that a caller running several stages can tell which
	// stage set it (compare with Len before each stage).
	Index int
}

func (e *PathError) Error() string {
	if e.Other == "" {
		return fmt.Sprintf("field path %q is malformed: a path is dot-separated names, none of them empty", e.Path)
	}
	return fmt.Sprintf("field %q holds a value and is also the parent of %q; a field is either a value or an object", e.Path, e.Other)
}

// Len reports how many times a field was set (counting overridden and
// replaced ones), so that a caller running several stages can tell which
// stage set a field: PathError.Index is on the same count.
func (e *Event) Len() int { return int(e.seq) }

// SetID sets the document id the sink uses (for OpenSearch, the `_id`). It
// is not written into the document body.
func (e *Event) SetID(id string) { e.id = id }

// ID returns the id set by SetID, or "".
func (e *Event) ID() string { return e.id }

// SetRoute sends the document to another index family than its log
// type's, one the type lists in its siem.Info.Routes (for example
// "linux-secure" for an sshd line read from a system log). Like the id,
// it is not written into the document body.
func (e *Event) SetRoute(route string) { e.route = route }

// Route returns the route set by SetRoute, or "".
func (e *Event) Route() string { return e.route }

// Timestamp returns the time last set for "@timestamp" with Date, or the
// zero time. Sinks use it to pick a time-rotated index.
func (e *Event) Timestamp() time.Time { return e.ts }

func (e *Event) add(path string, start int) {
	e.fields = append(e.fields, field{path: path, start: int32(start), end: int32(len(e.vals)), idx: int32(len(e.fields)), seq: e.seq})
	e.seq++
}

// validPath reports whether path has no empty segment.
func validPath(path string) bool {
	if path == "" || path[len(path)-1] == '.' {
		return false
	}
	prev := byte('.') // a leading dot is an empty first segment
	for i := 0; i < len(path); i++ {
		if path[i] == '.' && prev == '.' {
			return false
		}
		prev = path[i]
	}
	return true
}

// Keyword sets a string field (ECS keyword, wildcard, text and similar).
// Empty strings are skipped: ECS documents leave absent values out.
func (e *Event) Keyword(path, v string) {
	if v == "" {
		return
	}
	s := len(e.vals)
	e.vals = AppendString(e.vals, v)
	e.add(path, s)
}

// KeywordBytes is Keyword for a byte slice, saving the string conversion.
func (e *Event) KeywordBytes(path string, v []byte) {
	if len(v) == 0 {
		return
	}
	s := len(e.vals)
	e.vals = AppendStringBytes(e.vals, v)
	e.add(path, s)
}

// KeywordPlain is Keyword for a value the caller has proven plain (IsPlain:
// printable ASCII but '"' and '\\', such as an address netip printed or
// digits a parser accepted): it is copied as it is, without the scan for
// bytes to escape, which costs a measurable share of a short record. A
// value that is not plain makes an invalid document; when in doubt, use
// Keyword.
func (e *Event) KeywordPlain(path, v string) {
	if v == "" {
		return
	}
	s := len(e.vals)
	e.vals = append(e.vals, '"')
	e.vals = append(e.vals, v...)
	e.vals = append(e.vals, '"')
	e.add(path, s)
}

// KeywordPlainBytes is KeywordPlain for a byte slice.
func (e *Event) KeywordPlainBytes(path string, v []byte) {
	if len(v) == 0 {
		return
	}
	s := len(e.vals)
	e.vals = append(e.vals, '"')
	e.vals = append(e.vals, v...)
	e.vals = append(e.vals, '"')
	e.add(path, s)
}

// Keywords sets a string array. Empty strings and repeated values are left
// out; nothing is set when no value remains.
func (e *Event) Keywords(path string, vs ...string) {
	s := len(e.vals)
	n := 0
	e.vals = append(e.vals, '[')
outer:
	for i, v := range vs {
		if v == "" {
			continue
		}
		for _, prev := range vs[:i] {
			if prev == v {
				continue outer
			}
		}
		if n > 0 {
			e.vals = append(e.vals, ',')
		}
		e.vals = AppendString(e.vals, v)
		n++
	}
	if n == 0 {
		e.vals = e.vals[:s]
		return
	}
	e.vals = append(e.vals, ']')
	e.add(path, s)
}

// Long sets an integer field (ECS long, integer, short, byte).
func (e *Event) Long(path string, v int64) {
	s := len(e.vals)
	e.vals = strconv.AppendInt(e.vals, v, 10)
	e.add(path, s)
}

// Double sets a floating-point field (ECS double, float, scaled_float).
// NaN and infinities have no JSON form and are skipped.
func (e *Event) Double(path string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	s := len(e.vals)
	e.vals = strconv.AppendFloat(e.vals, v, 'g', -1, 64)
	e.add(path, s)
}

// Bool sets a boolean field.
func (e *Event) Bool(path string, v bool) {
	s := len(e.vals)
	e.vals = strconv.AppendBool(e.vals, v)
	e.add(path, s)
}

// IP sets an ip field. An invalid (zero) address is skipped.
func (e *Event) IP(path string, ip netip.Addr) {
	if !ip.IsValid() {
		return
	}
	s := len(e.vals)
	e.vals = append(e.vals, '"')
	e.vals = plainIP(ip).AppendTo(e.vals)
	e.vals = append(e.vals, '"')
	e.add(path, s)
}

// IPs sets an ip array, leaving out invalid and repeated addresses.
func (e *Event) IPs(path string, ips ...netip.Addr) {
	s := len(e.vals)
	n := 0
	e.vals = append(e.vals, '[')
outer:
	for i, ip := range ips {
		if !ip.IsValid() {
			continue
		}
		ip = plainIP(ip)
		for _, prev := range ips[:i] {
			if plainIP(prev) == ip {
				continue outer
			}
		}
		if n > 0 {
			e.vals = append(e.vals, ',')
		}
		e.vals = append(e.vals, '"')
		e.vals = ip.AppendTo(e.vals)
		e.vals = append(e.vals, '"')
		n++
	}
	if n == 0 {
		e.vals = e.vals[:s]
		return
	}
	e.vals = append(e.vals, ']')
	e.add(path, s)
}

// plainIP drops what an OpenSearch ip field cannot hold: the IPv4-in-IPv6
// mapping and an IPv6 zone.
func plainIP(ip netip.Addr) netip.Addr { return ip.Unmap().WithZone("") }

// Date sets a date field as RFC 3339 in UTC. Fractional seconds are written
// with as many digits as the time carries, trailing zeros trimmed (none
// for whole seconds), so the source's precision is kept. Times outside
// years 0000-9999 have no RFC 3339 form and are skipped.
func (e *Event) Date(path string, t time.Time) {
	if t.IsZero() {
		return
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return
	}
	if path == "@timestamp" {
		e.ts = t
	}
	s := len(e.vals)
	e.vals = append(e.vals, '"')
	e.vals = AppendTime(e.vals, t)
	e.vals = append(e.vals, '"')
	e.add(path, s)
}

// GeoPoint sets a geo_point field as {"lat":..,"lon":..}. Coordinates out of
// range are skipped.
func (e *Event) GeoPoint(path string, lat, lon float64) {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return
	}
	s := len(e.vals)
	e.vals = append(e.vals, `{"lat":`...)
	e.vals = strconv.AppendFloat(e.vals, lat, 'g', -1, 64)
	e.vals = append(e.vals, `,"lon":`...)
	e.vals = strconv.AppendFloat(e.vals, lon, 'g', -1, 64)
	e.vals = append(e.vals, '}')
	e.add(path, s)
}

// RawJSON sets a field to an already encoded JSON value, written verbatim.
// The caller guarantees raw is one valid JSON value; it is meant for vendor
// objects kept as they came (for example a CloudTrail requestParameters
// object under a flat_object mapping). Empty input is skipped.
func (e *Event) RawJSON(path string, raw []byte) {
	if len(raw) == 0 {
		return
	}
	s := len(e.vals)
	e.vals = append(e.vals, raw...)
	e.add(path, s)
}

// ReplaceJSON sets path to the encoded JSON value raw as RawJSON does,
// first removing every field set at or below path so far: a whole object
// replaces the parts of it set before. An enricher's location object
// (source.geo) thus replaces the country a log type read from the record
// itself, instead of making the event unable to hold both. A field set
// below path afterwards still conflicts with it (Err).
func (e *Event) ReplaceJSON(path string, raw []byte) {
	if len(raw) == 0 {
		return
	}
	e.Remove(path)
	e.RawJSON(path, raw)
}

// Remove drops path and every field below it, as if they had never been
// set; for an enricher that changes a value the fields below another
// described (the X-Forwarded-For enricher moving source.ip from a proxy
// to the client drops the proxy's source.geo). Len is unchanged: it
// counts settings.
func (e *Event) Remove(path string) {
	found := false
	for i := range e.fields {
		if p := e.fields[i].path; p == path || isParent(path, p) {
			found = true
			break
		}
	}
	if !found {
		return
	}
	kept := e.fields[:0]
	for _, f := range e.fields {
		if f.path != path && !isParent(path, f.path) {
			f.idx = int32(len(kept))
			kept = append(kept, f)
		}
	}
	e.fields = kept
	e.last = nil // a later event of the same length is not this shape
	if path == "@timestamp" {
		e.ts = time.Time{}
	}
}

// Lookup returns the encoded JSON value last set for path.
func (e *Event) Lookup(path string) ([]byte, bool) {
	for i := len(e.fields) - 1; i >= 0; i-- {
		if e.fields[i].path == path {
			f := e.fields[i]
			return e.vals[f.start:f.end], true
		}
	}
	return nil, false
}

// LookupString returns the string last set for path, unescaped, when that
// value is a JSON string.
func (e *Event) LookupString(path string) (string, bool) {
	raw, ok := e.Lookup(path)
	if !ok || len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner), true
	}
	// Escapes are rare here; the general decoder handles every JSON form.
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// Has reports whether path is set.
func (e *Event) Has(path string) bool {
	_, ok := e.Lookup(path)
	return ok
}

// AppendJSON appends the event as one nested JSON object.
func (e *Event) AppendJSON(dst []byte) []byte {
	if len(e.fields) == 0 {
		return append(dst, '{', '}')
	}
	sh := e.shapeOf()
	prev := int32(0)
	for k, fi := range sh.order {
		f := &e.fields[fi] // only the value's bounds: no copy of the field
		dst = append(dst, sh.skel[prev:sh.pre[k]]...)
		dst = append(dst, e.vals[f.start:f.end]...)
		prev = sh.pre[k]
	}
	return append(dst, sh.skel[prev:]...)
}

// A shape is everything AppendJSON writes that depends only on the
// sequence of paths set, not on their values: which fields are written in
// which order, and the braces, commas and keys before each value. Events
// of one log type mostly repeat a handful of path sequences, so caching
// their shapes turns writing a document into copying bytes: no sorting,
// no key escaping.
type shape struct {
	hash  uint64
	paths []string
	// err is the first path problem found while building the shape.
	err *PathError
	// order lists the indexes of the fields written, in output order.
	order []int32
	// pre[k] is the end in skel of what precedes value k; the bytes after
	// the last value (closing braces) follow pre[len(order)-1].
	pre  []int32
	skel []byte
}

const (
	shapeCacheSize = 256
	shapeSeenSize  = 1024
)

// shapeCache holds an Event's shapes. A shape is kept only when its path
// sequence is seen a second time, so a source whose records all differ
// does not churn the cache. Enrichers multiply the sequences (with or
// without geo data, a user agent, an indicator match), hence a map rather
// than a short list.
type shapeCache struct {
	shapes  map[uint64]*shape
	seen    [shapeSeenSize]uint64
	scratch shape
	// recent is the shape last returned (possibly scratch, or one since
	// evicted: it stays correct for its own paths, which matches checks).
	recent *shape
	sorted []field
	tmp    []field
}

func (e *Event) shapeOf() *shape {
	if e.last != nil && e.lastLen == len(e.fields) {
		return e.last
	}
	sh := e.lookupShape()
	e.last, e.lastLen = sh, len(e.fields)
	return sh
}

func (e *Event) lookupShape() *shape {
	c := &e.shapes
	// Records of a stream mostly repeat the previous record's paths: one
	// pass comparing them with that shape's settles it without hashing
	// the paths or probing the map.
	if sh := c.recent; sh != nil && sh.matches(e.fields) {
		return sh
	}
	h := pathsHash(e.fields)
	if sh, ok := c.shapes[h]; ok && sh.matches(e.fields) {
		c.recent = sh
		return sh
	}
	slot := h % shapeSeenSize
	if c.seen[slot] != h {
		c.seen[slot] = h
		c.build(&c.scratch, e.fields, h)
		c.recent = &c.scratch
		return &c.scratch
	}
	if c.shapes == nil {
		c.shapes = make(map[uint64]*shape)
	}
	if len(c.shapes) >= shapeCacheSize {
		// Full: drop one shape; map order makes the choice arbitrary,
		// which is as good as any policy for a cache this large.
		for k := range c.shapes {
			delete(c.shapes, k)
			break
		}
	}
	sh := new(shape)
	c.build(sh, e.fields, h)
	c.shapes[h] = sh
	c.recent = sh
	return sh
}

// pathsHash hashes the sequence of paths by their string headers: paths
// are mostly constants, so equal sequences hash equal without reading the
// bytes. matches settles collisions.
func pathsHash(fs []field) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037) ^ uint64(len(fs))
	for _, f := range fs {
		h = (h ^ uint64(uintptr(unsafe.Pointer(unsafe.StringData(f.path))))) * prime
		h = (h ^ uint64(len(f.path))) * prime
	}
	return h
}

func (sh *shape) matches(fs []field) bool {
	if len(sh.paths) != len(fs) {
		return false
	}
	paths := sh.paths[:len(fs)]
	for i := range fs {
		// Paths are mostly the same constants, so comparing the string
		// headers settles nearly every pair without calling memequal.
		a, b := paths[i], fs[i].path
		if len(a) != len(b) || unsafe.StringData(a) != unsafe.StringData(b) && a != b {
			return false
		}
	}
	return true
}

// build computes the shape of fs into sh, reusing its buffers.
func (c *shapeCache) build(sh *shape, fs []field, h uint64) {
	sh.hash = h
	sh.err = nil
	sh.paths = sh.paths[:0]
	for _, f := range fs {
		sh.paths = append(sh.paths, f.path)
	}
	c.sorted = append(c.sorted[:0], fs...)
	c.tmp = sortFields(c.sorted, c.tmp)
	sorted := c.sorted
	skel := append(sh.skel[:0], '{')
	order, pre := sh.order[:0], sh.pre[:0]
	// open holds the path prefix (ending in '.') of the objects currently open.
	open := ""
	depth := 0
	first := true
	for i, f := range sorted {
		// The last setting of a path wins: skip earlier duplicates, which sort
		// directly before it.
		if i+1 < len(sorted) && sorted[i+1].path == f.path {
			continue
		}
		// A path that is also the parent of the next one cannot be both a
		// value and an object: Err reports it, and the value is left out
		// so that the output stays valid JSON.
		if i+1 < len(sorted) && isParent(f.path, sorted[i+1].path) {
			sh.fail(f, sorted[i+1])
			continue
		}
		// Close objects that are not a prefix of this path. Fields are
		// sorted, so no later field returns into a closed object.
		for depth > 0 && !hasPrefix(f.path, open) {
			skel = append(skel, '}')
			open = open[:lastDot(open[:len(open)-1])+1]
			depth--
			first = false
		}
		// OpenSearch rejects empty keys; dropping the one value keeps the
		// rest of the document indexable. The open prefix is known good.
		rest := f.path[len(open):]
		if !validPath(rest) {
			sh.fail(f, field{idx: -1})
			continue
		}
		// Open objects for the remaining segments.
		for {
			dot := strings.IndexByte(rest, '.')
			if dot < 0 {
				break
			}
			if !first {
				skel = append(skel, ',')
			}
			skel = AppendString(skel, rest[:dot])
			skel = append(skel, ':', '{')
			open = f.path[:len(open)+dot+1]
			rest = rest[dot+1:]
			depth++
			first = true
		}
		if !first {
			skel = append(skel, ',')
		}
		skel = AppendString(skel, rest)
		skel = append(skel, ':')
		pre = append(pre, int32(len(skel)))
		order = append(order, f.idx)
		first = false
	}
	for ; depth > 0; depth-- {
		skel = append(skel, '}')
	}
	skel = append(skel, '}')
	sh.skel, sh.order, sh.pre = skel, order, pre
}

// sortFields orders fields by path so that members of one object are
// adjacent, keeping set order among equal paths. It is a natural merge
// sort: a normalizer sets its fields in order, the pipeline and enrichers
// add a few short runs of their own, so merging the ascending runs costs
// a pass or two over the fields rather than the many moves an insertion
// sort would make. tmp is scratch space, returned for reuse.
func sortFields(fs, tmp []field) []field {
	n := len(fs)
	if runEnd(fs, 0) >= n {
		return tmp
	}
	if cap(tmp) < n {
		tmp = make([]field, n)
	}
	src, dst := fs, tmp[:n]
	for {
		runs := 0
		for i := 0; i < n; {
			m := runEnd(src, i)
			if m == n {
				copy(dst[i:], src[i:])
				runs++
				break
			}
			j := runEnd(src, m)
			mergeRuns(dst[i:j], src[i:m], src[m:j])
			runs++
			i = j
		}
		src, dst = dst, src
		if runs <= 1 {
			break
		}
	}
	// After the last pass the sorted fields are in src, which may be tmp.
	if &src[0] != &fs[0] {
		copy(fs, src)
	}
	return tmp
}

// runEnd returns the end of the ascending run starting at i.
func runEnd(fs []field, i int) int {
	j := i + 1
	for j < len(fs) && !pathLess(fs[j].path, fs[j-1].path) {
		j++
	}
	return j
}

// mergeRuns merges a and b into dst, taking from a on ties so that a path
// set earlier stays before one set later.
func mergeRuns(dst, a, b []field) {
	k := 0
	for len(a) > 0 && len(b) > 0 {
		if pathLess(b[0].path, a[0].path) {
			dst[k] = b[0]
			b = b[1:]
		} else {
			dst[k] = a[0]
			a = a[1:]
		}
		k++
	}
	k += copy(dst[k:], a)
	copy(dst[k:], b)
}

// pathLess compares paths treating '.' as lower than any other byte, so
// "a.b" sorts next to "a.c" and before "a_b": children of one object stay
// adjacent.
func pathLess(a, b string) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if ca == '.' {
			return true
		}
		if cb == '.' {
			return false
		}
		return ca < cb
	}
	return len(a) < len(b)
}

// fail records the first path problem of the shape: f conflicts with
// other, or is malformed when other.idx is -1.
func (sh *shape) fail(f, other field) {
	if sh.err != nil {
		return
	}
	pe := &PathError{Path: f.path, Index: int(f.idx)}
	if other.idx >= 0 {
		pe.Other = other.path
		pe.Index = int(max(f.idx, other.idx))
	}
	sh.err = pe
}

func isParent(parent, path string) bool {
	return len(path) > len(parent) && path[len(parent)] == '.' && path[:len(parent)] == parent
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// AppendTime appends t in RFC 3339 UTC with only as many fractional digits
// as needed.
func AppendTime(dst []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	if year < 0 || year > 9999 {
		return t.AppendFormat(dst, time.RFC3339Nano)
	}
	// Hand-rolled because time.AppendFormat costs a quarter of a flow
	// record's budget and documents carry up to four dates.
	dst = append(dst,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+month/10), byte('0'+month%10), '-',
		byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), ':',
		byte('0'+minute/10), byte('0'+minute%10), ':',
		byte('0'+sec/10), byte('0'+sec%10))
	if ns := t.Nanosecond(); ns != 0 {
		var frac [10]byte
		frac[0] = '.'
		for i := 9; i >= 1; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 10
		for frac[n-1] == '0' {
			n--
		}
		dst = append(dst, frac[:n]...)
	}
	return append(dst, 'Z')
}

const hexDigits = "0123456789abcdef"

// specials8 returns a mask with the high bit set in each byte of w that
// is not plain: a control byte, '"', '\\' or non-ASCII. The mask is exact
// (no borrow or carry crosses a byte: each sum stays below 0x100), so
// AppendStringBytes can walk every special byte of a word from one mask.
func specials8(w uint64) uint64 {
	const ones, low7, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	low := w & low7
	notControl := low + ones*(0x80-0x20)    // high bit set when low >= 0x20
	notQuote := (low ^ (ones * '"')) + low7 // high bit set when low != '"'
	notBackslash := (low ^ (ones * '\\')) + low7
	return (w | ^(notControl & notQuote & notBackslash)) & highs
}

// plain marks the bytes a JSON string holds as they are: printable ASCII
// other than '"' and '\\'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString appends s as a quoted JSON string. Invalid UTF-8 is replaced
// by U+FFFD so the output is always valid JSON.
func AppendString(dst []byte, s string) []byte {
	// A read-only view of the string's bytes: one implementation serves
	// both, without copying.
	return AppendStringBytes(dst, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// AppendStringBytes is AppendString for a byte slice.
//
// The loop works on words rather than bytes and writes into dst's spare
// capacity rather than appending: it loads eight bytes, stores all eight
// at the output position, and advances past the plain ones only. A run of
// plain text then costs one load, one store and a few arithmetic
// operations per eight bytes. The '"' and '\\' of a word (a JSON record
// kept as event.original has a quote every ten bytes or so) are escaped
// from the same word and mask, shifting out what was written and storing
// the rest again one byte further on, rather than reloading the input at
// each quote. Bytes stored beyond the plain prefix are overwritten by what
// follows or lie past the returned length. To keep every store in bounds,
// the spare capacity is kept at least the unread input plus escapeSlack
// whenever a word is loaded; a word's escapes are paid for before they
// are written, topping the capacity up (amortized by append's doubling),
// so the work stays linear in the input.
func AppendStringBytes(dst []byte, s []byte) []byte {
	dst = slices.Grow(dst, 1+len(s)+escapeSlack) // the opening quote too
	n := len(dst)
	buf := dst[:cap(dst)]
	buf[n] = '"'
	n++
	i := 0
	if len(s) < 8 {
		// Short values (a protocol, a port, "aws") are common: a byte
		// loop costs less than assembling a word from a few bytes. It
		// stops at the first byte that needs care, left to the loop below.
		for i < len(s) && plain[s[i]] {
			buf[n] = s[i]
			n++
			i++
		}
	}
outer:
	for i < len(s) {
		// Plain text, the common case, in a loop of its own: few live
		// values (they stay in registers) and conditions that let the
		// compiler drop the bounds checks. It stops at a word holding a
		// special byte, which is handled below from the same w and m.
		var w, m uint64
		left := 8 // the bytes of w that are input
		for i+8 <= len(s) && n+8 <= len(buf) {
			w = binary.LittleEndian.Uint64(s[i : i+8])
			binary.LittleEndian.PutUint64(buf[n:n+8], w)
			if m = specials8(w); m != 0 {
				break
			}
			i += 8
			n += 8
		}
		if m == 0 {
			// The last 1-7 bytes (the room kept makes n+8 <= len(buf)
			// whenever a full word of input is left).
			if left = len(s) - i; left == 0 {
				break
			}
			w = tailWord(s, i)
			binary.LittleEndian.PutUint64(buf[n:n+8], w)
			if m = specials8(w); m == 0 {
				i += left
				n += left
				break
			}
		}
		// Escapes write more than they read: reserve room for the worst
		// case before writing any, six bytes for one read.
		if len(buf)-n < len(s)-i+escapeSlack+5*8 {
			buf = slices.Grow(buf[:n], len(s)-i+escapeSlack+5*8)
			buf = buf[:cap(buf)]
		}
		for {
			k := bits.TrailingZeros64(m) / 8
			if k >= left { // the special byte is padding past the input
				i += left
				n += left
				continue outer
			}
			i += k
			n += k
			left -= k
			c := byte(w >> (8 * k))
			if c != '"' && c != '\\' {
				break
			}
			buf[n], buf[n+1] = '\\', c
			n += 2
			i++
			left--
			if left == 0 {
				continue outer
			}
			// Shift out the bytes written, store the rest where they now
			// go, and carry on with the next special of the same word.
			w >>= 8 * (k + 1)
			m >>= 8 * (k + 1)
			binary.LittleEndian.PutUint64(buf[n:n+8], w)
			if m == 0 {
				i += left
				n += left
				continue outer
			}
		}
		// A control byte or non-ASCII: handled alone, and the next word
		// loaded after it.
		c := s[i]
		if c < utf8.RuneSelf {
			n += putEscape(buf[n:], c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += copy(buf[n:], "\ufffd")
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but they break JavaScript consumers.
			n += copy(buf[n:], "\\u202")
			buf[n] = hexDigits[r&0xF]
			n++
		default:
			n += copy(buf[n:], s[i:i+size])
		}
		i += size
	}
	buf[n] = '"'
	return buf[:n+1]
}

// escapeSlack is the spare capacity AppendStringBytes keeps beyond the
// unread input: an eight-byte store at the output position, and the
// closing quote.
const escapeSlack = 9

// spaces is eight ASCII spaces, which pad a short tail to a full word
// without being taken for bytes that need escaping.
const spaces = 0x2020202020202020

// tailWord loads the last 1-7 bytes of s, from i, into the low bytes of a
// word whose other bytes are spaces.
func tailWord(s []byte, i int) uint64 {
	rem := len(s) - i
	if len(s) >= 8 {
		// One load of the last eight bytes, shifted down, instead of a
		// loop over the few that are left.
		w := binary.LittleEndian.Uint64(s[len(s)-8:]) >> (8 * (8 - rem))
		return w | spaces<<(8*rem)
	}
	// A string shorter than a word: two loads that overlap in the middle
	// (OR-ing equal bytes changes nothing) rather than a loop over bytes.
	t := s[i:]
	var w uint64
	switch {
	case rem >= 4:
		w = uint64(binary.LittleEndian.Uint32(t)) | uint64(binary.LittleEndian.Uint32(t[rem-4:]))<<(8*(rem-4))
	case rem >= 2:
		w = uint64(binary.LittleEndian.Uint16(t)) | uint64(binary.LittleEndian.Uint16(t[rem-2:]))<<(8*(rem-2))
	default:
		w = uint64(t[0])
	}
	return w | spaces<<(8*rem)
}

// putEscape writes the JSON escape of the ASCII byte c, which is a control
// byte, '"' or '\\', at the start of dst and returns its length.
func putEscape(dst []byte, c byte) int {
	switch c {
	case '"', '\\':
		dst[0], dst[1] = '\\', c
		return 2
	case '\n':
		dst[0], dst[1] = '\\', 'n'
		return 2
	case '\r':
		dst[0], dst[1] = '\\', 'r'
		return 2
	case '\t':
		dst[0], dst[1] = '\\', 't'
		return 2
	}
	_ = dst[5]
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5] = '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF]
	return 6
}
