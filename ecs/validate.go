package ecs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Validate checks one JSON document against the ECS field table and
// returns a *ValidationError listing every problem, or nil.
//
// Every leaf must be a defined ECS field holding a value of its ECS type,
// or lie under one of vendorPrefixes: "aws.cloudtrail" admits
// "aws.cloudtrail" itself and everything below "aws.cloudtrail.", whose
// values are not checked. ECS definitions take precedence over vendor
// prefixes, so a prefix cannot switch off checks of ECS fields.
//
// Beyond the types, Validate enforces what OpenSearch or ECS would
// otherwise reject or silently degrade: allowed values (event.kind,
// event.category, event.type, event.outcome, ...), value patterns
// (*.mac), arrays for fields ECS normalizes to arrays, integer ranges, a
// single RFC 3339 UTC @timestamp, no nulls, no duplicate keys and no path
// used both as a value and as an object.
//
// It decodes with encoding/json and is meant for tests and diagnostics,
// not for the indexing path.
func Validate(doc []byte, vendorPrefixes ...string) error {
	v := newValidator(vendorPrefixes)
	v.document(doc)
	return v.err()
}

// ValidateAll validates each non-blank line of an NDJSON stream as one
// document. Problems carry their 1-based line number. Input without any
// document is an error, so an empty golden file cannot pass unnoticed.
func ValidateAll(ndjson []byte, vendorPrefixes ...string) error {
	v := newValidator(vendorPrefixes)
	docs := 0
	for rest := ndjson; len(rest) > 0; {
		v.line++
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		docs++
		v.document(line)
	}
	if docs == 0 {
		v.line = 0
		v.add("", "", "no documents: the input holds no non-blank line")
	}
	return v.err()
}

// Problem is one departure from ECS found by Validate or ValidateAll.
type Problem struct {
	// Line is the 1-based NDJSON line (ValidateAll); 0 from Validate.
	Line int
	// Path is the dotted field path with [i] marking array elements, such
	// as "threat.enrichments[0].indicator.ip"; empty for problems of the
	// document as a whole.
	Path string
	// Value is the offending JSON value, shortened; empty when the
	// problem is an absence.
	Value string
	// Reason says what was expected.
	Reason string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		if p.Value != "" {
			b.WriteString(" = ")
			b.WriteString(p.Value)
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ValidationError is the error of Validate and ValidateAll.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("ecs: not valid ECS ")
	b.WriteString(Version)
	if len(e.Problems) == 1 {
		b.WriteString(" (1 problem):")
	} else {
		fmt.Fprintf(&b, " (%d problems):", len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.String())
	}
	return b.String()
}

type validator struct {
	vendors  []string
	line     int
	problems []Problem
	// seen records, per document, the display path of every value (false)
	// and object (true) met, to find a path set twice or used both ways.
	seen      map[string]bool
	timestamp bool
}

func newValidator(vendorPrefixes []string) *validator {
	v := &validator{seen: make(map[string]bool)}
	for _, p := range vendorPrefixes {
		trimmed := strings.TrimSuffix(p, ".")
		if trimmed == "" {
			v.add("", "", fmt.Sprintf("vendor prefix %q is empty; pass namespaces such as aws.cloudtrail", p))
			continue
		}
		v.vendors = append(v.vendors, trimmed)
	}
	return v
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

func (v *validator) add(path, value, reason string) {
	v.problems = append(v.problems, Problem{Line: v.line, Path: path, Value: value, Reason: reason})
}

func (v *validator) document(doc []byte) {
	clear(v.seen)
	v.timestamp = false
	if !utf8.Valid(doc) {
		v.add("", "", fmt.Sprintf("invalid UTF-8 at byte %d; OpenSearch rejects the document", invalidUTF8At(doc)))
	}
	root, err := decodeJSON(doc)
	if err != nil {
		v.add("", "", "not valid JSON: "+err.Error())
		return
	}
	if root.kind != jsonObject {
		v.add("", "", "want a JSON object as the document, not "+describe(root))
		return
	}
	v.members("", "", root)
	if !v.timestamp {
		v.add("@timestamp", "", "missing; ECS requires @timestamp in every document")
	}
}

// members checks the members of obj, an object at the ECS name prefix
// (used for lookups) shown as path (which also carries array indexes).
func (v *validator) members(prefix, path string, obj jsonValue) {
	for _, m := range obj.members {
		name, p := join(prefix, m.key), join(path, m.key)
		if v.badKey(path, m) {
			continue
		}
		v.member(name, p, m.value)
	}
}

// badKey reports a member whose key OpenSearch rejects whatever the
// field: a duplicate within one object, or a key that is empty or has an
// empty dotted segment. It returns true when the member cannot be checked
// further. A duplicate still is, so that problems inside it are not
// hidden; the path bookkeeping forgets the first occurrence so that the
// duplicate is reported once.
func (v *validator) badKey(path string, m jsonMember) bool {
	switch {
	case m.key == "" || strings.HasPrefix(m.key, ".") || strings.HasSuffix(m.key, ".") || strings.Contains(m.key, ".."):
		v.add(join(path, strconv.Quote(m.key)), describe(m.value), "empty key or empty dotted segment; OpenSearch rejects the document")
		return true
	case m.duplicate:
		p := join(path, m.key)
		v.add(p, describe(m.value), "duplicate key in one object; OpenSearch rejects the document")
		delete(v.seen, p)
	}
	return false
}

func (v *validator) member(name, path string, val jsonValue) {
	if f, ok := Lookup(name); ok {
		v.field(f, path, val)
		return
	}
	if hasChildren(name) {
		v.container(name, path, val, "ECS defines fields below "+name)
		return
	}
	if v.isVendor(name) {
		v.opaque(path, val)
		return
	}
	if below := v.vendorBelow(name); below != "" {
		v.container(name, path, val, "it holds the vendor fields of "+below)
		return
	}
	reason := "not an ECS " + Version + " field"
	if len(v.vendors) == 0 {
		reason += "; put vendor fields under the log type's namespace and pass it as a vendor prefix"
	} else {
		reason += " and not under the vendor prefixes " + strings.Join(v.vendors, ", ")
	}
	v.add(path, describe(val), reason)
}

// container checks an object that ECS (or a vendor prefix) implies
// without defining it as a field, such as "source" or "client.geo".
func (v *validator) container(name, path string, val jsonValue, why string) {
	if val.kind != jsonObject {
		v.add(path, describe(val), "want an object: "+why)
		v.markValue(path)
		return
	}
	v.markObject(path)
	v.members(name, path, val)
}

func (v *validator) isVendor(name string) bool {
	for _, p := range v.vendors {
		if name == p || (len(name) > len(p) && name[len(p)] == '.' && name[:len(p)] == p) {
			return true
		}
	}
	return false
}

// vendorBelow returns a vendor prefix that lies below name, which makes
// name an object.
func (v *validator) vendorBelow(name string) string {
	for _, p := range v.vendors {
		if len(p) > len(name) && p[len(name)] == '.' && p[:len(name)] == name {
			return p
		}
	}
	return ""
}

// field checks the value of a defined ECS field, which may be an array.
func (v *validator) field(f Field, path string, val jsonValue) {
	if f.Name == "@timestamp" && path == "@timestamp" {
		v.timestamp = true
		if val.kind == jsonArray {
			v.add(path, describe(val), "want a single RFC 3339 UTC date, not an array")
			v.markValue(path)
			return
		}
	}
	if val.kind != jsonArray || (f.Type == TypeGeoPoint && isCoordinates(val)) {
		if f.Array && val.kind != jsonNull {
			v.add(path, describe(val), "want an array: ECS normalizes "+f.Name+" to an array even for one value")
		}
		v.value(f, path, val)
		return
	}
	v.markValue(path)
	for i, e := range val.elems {
		ep := path + "[" + strconv.Itoa(i) + "]"
		if e.kind == jsonArray && !(f.Type == TypeGeoPoint && isCoordinates(e)) {
			v.add(ep, describe(e), "want a flat array: OpenSearch flattens arrays of arrays")
			continue
		}
		v.value(f, ep, e)
	}
}

// value checks one value (not an array, or one array element) of f.
func (v *validator) value(f Field, path string, val jsonValue) {
	if val.kind == jsonNull {
		v.add(path, "null", "leave the field out instead of setting null")
		v.markValue(path)
		return
	}
	switch f.Type {
	case TypeObject, TypeNested:
		if val.kind != jsonObject {
			v.add(path, describe(val), "want an object (ECS "+f.Type.String()+")")
			v.markValue(path)
			return
		}
		switch {
		case hasChildren(f.Name):
			v.markObject(path)
			v.members(f.Name, path, val)
		case f.ObjectType != 0:
			v.typedObject(f, path, val)
		default:
			// Free-form by definition (entity.raw and similar).
			v.opaque(path, val)
		}
		return
	case TypeFlattened:
		if val.kind != jsonObject {
			v.add(path, describe(val), "want an object (ECS flattened)")
		}
		// Keys inside a flattened field are not paths, so only the field
		// itself takes part in the path bookkeeping.
		v.markValue(path)
		return
	}
	v.markValue(path)
	if reason := checkScalar(f, path, val); reason != "" {
		v.add(path, describe(val), reason)
	}
}

// typedObject checks an object whose every value ECS types as a whole
// (labels, container.labels: keyword values, one level deep).
func (v *validator) typedObject(f Field, path string, val jsonValue) {
	v.markObject(path)
	for _, m := range val.members {
		p := join(path, m.key)
		switch {
		case v.badKey(path, m):
		case strings.Contains(m.key, "."):
			v.add(p, describe(m.value), "want a key without dots below "+f.Name+": ECS keeps its values one level deep")
		case m.value.kind == jsonObject:
			v.add(p, describe(m.value), "want a "+f.ObjectType.String()+" value: ECS keeps the values of "+f.Name+" one level deep, without nested objects")
		default:
			v.field(Field{Name: f.Name + "." + m.key, Type: f.ObjectType}, p, m.value)
		}
	}
}

// opaque takes a subtree whose content is not checked (vendor fields,
// free-form objects) and records its paths, so that the same path set
// elsewhere in the document is still noticed.
func (v *validator) opaque(path string, val jsonValue) {
	if val.kind != jsonObject {
		v.markValue(path)
		return
	}
	v.markObject(path)
	for _, m := range val.members {
		if v.badKey(path, m) {
			continue
		}
		v.opaque(join(path, m.key), m.value)
	}
}

func (v *validator) markValue(path string) {
	if isObject, ok := v.seen[path]; ok {
		if isObject {
			v.add(path, "", "set both as an object and as a value")
		} else {
			v.add(path, "", "set more than once (through a dotted key and an object, for example)")
		}
		return
	}
	v.seen[path] = false
	v.markParents(path)
}

func (v *validator) markObject(path string) {
	if isObject, ok := v.seen[path]; ok {
		if !isObject {
			v.add(path, "", "set both as a value and as an object")
			v.seen[path] = true // report the conflict once, not again for each child
		}
		return
	}
	v.seen[path] = true
	v.markParents(path)
}

// markParents records the objects a dotted path implies ("a.b.c" implies
// "a" and "a.b"); a parent already set as a value is a conflict.
func (v *validator) markParents(path string) {
	for i := strings.LastIndexByte(path, '.'); i > 0; i = strings.LastIndexByte(path[:i], '.') {
		parent := path[:i]
		isObject, ok := v.seen[parent]
		if ok && isObject {
			return // its own parents were recorded with it
		}
		if ok {
			v.add(parent, "", "set as a value and also as the parent of "+path)
			v.seen[parent] = true // report the conflict once, not again for each child
			return
		}
		v.seen[parent] = true
	}
}

// checkScalar returns why val is not a valid value of f, or "".
func checkScalar(f Field, path string, val jsonValue) string {
	if val.kind == jsonObject && f.Type != TypeGeoPoint {
		return "want a single " + f.Type.String() + " value, not an object"
	}
	if f.Type.isString() {
		if val.kind != jsonString {
			return "want a JSON string" + typeNote(f)
		}
		return checkString(f, val.text)
	}
	switch f.Type {
	case TypeLong:
		return checkInteger(f, val, math.MinInt64, math.MaxInt64)
	case TypeInteger:
		return checkInteger(f, val, math.MinInt32, math.MaxInt32)
	case TypeShort:
		return checkInteger(f, val, math.MinInt16, math.MaxInt16)
	case TypeByte:
		return checkInteger(f, val, math.MinInt8, math.MaxInt8)
	case TypeUnsignedLong:
		return checkUnsigned(f, val)
	case TypeFloat:
		return checkFloat(f, val, math.MaxFloat32)
	case TypeHalfFloat:
		return checkFloat(f, val, 65504)
	case TypeDouble:
		return checkFloat(f, val, math.MaxFloat64)
	case TypeScaledFloat:
		limit := math.MaxFloat64
		if f.ScalingFactor > 0 {
			// The value is stored as a long after scaling.
			limit = math.MaxInt64 / float64(f.ScalingFactor)
		}
		return checkFloat(f, val, limit)
	case TypeBoolean:
		if val.kind != jsonBool {
			return "want true or false" + typeNote(f)
		}
	case TypeIP:
		if val.kind != jsonString {
			return "want an IPv4 or IPv6 address as a JSON string" + typeNote(f)
		}
		addr, err := netip.ParseAddr(val.text)
		if err != nil {
			return "want an IPv4 or IPv6 address" + typeNote(f)
		}
		if addr.Zone() != "" {
			return "want an address without an IPv6 zone, which OpenSearch rejects" + typeNote(f)
		}
	case TypeDate:
		return checkDate(f, path, val)
	case TypeGeoPoint:
		return checkGeoPoint(val)
	default:
		return "unsupported ECS type " + f.Type.String()
	}
	return ""
}

func typeNote(f Field) string { return " (ECS " + f.Type.String() + ")" }

func checkString(f Field, s string) string {
	if len(f.Allowed) > 0 && !slices.Contains(f.Allowed, s) {
		return "want one of the ECS allowed values of " + f.Name + ": " + strings.Join(f.Allowed, ", ")
	}
	if f.Pattern != "" {
		if re := compiledPatterns()[f.Pattern]; re != nil && !re.MatchString(s) {
			return "want a value matching " + f.Pattern + " (ECS pattern of " + f.Name + ")"
		}
	}
	return ""
}

// compiledPatterns holds the regular expressions of the table, compiled
// once on first use; the generator has checked that each compiles.
var compiledPatterns = sync.OnceValue(func() map[string]*regexp.Regexp {
	res := make(map[string]*regexp.Regexp)
	for i := range fieldTable {
		p := fieldTable[i].Pattern
		if p == "" || res[p] != nil {
			continue
		}
		if re, err := regexp.Compile(p); err == nil {
			res[p] = re
		}
	}
	return res
})

func checkInteger(f Field, val jsonValue, lo, hi int64) string {
	want := fmt.Sprintf("want an integer from %d to %d", lo, hi) + typeNote(f)
	if val.kind != jsonNumber {
		return "want an integer as a JSON number" + typeNote(f)
	}
	if n, err := strconv.ParseInt(val.text, 10, 64); err == nil {
		if n < lo || n > hi {
			return want
		}
		return ""
	}
	// Integral values written as 1.0 or 1e3 are accepted as OpenSearch
	// accepts them; anything with a fraction is not, as OpenSearch would
	// silently truncate it.
	// -lo is hi+1 for every signed type, and is exact as a float64 even
	// for long, where hi itself is not.
	x, err := strconv.ParseFloat(val.text, 64)
	if err != nil || x != math.Trunc(x) || x < float64(lo) || x >= -float64(lo) {
		return want
	}
	return ""
}

func checkUnsigned(f Field, val jsonValue) string {
	want := "want an integer from 0 to 18446744073709551615" + typeNote(f)
	if val.kind != jsonNumber {
		return "want an integer as a JSON number" + typeNote(f)
	}
	if _, err := strconv.ParseUint(val.text, 10, 64); err == nil {
		return ""
	}
	x, err := strconv.ParseFloat(val.text, 64)
	if err != nil || x != math.Trunc(x) || x < 0 || x >= 1<<64 {
		return want
	}
	return ""
}

func checkFloat(f Field, val jsonValue, limit float64) string {
	if val.kind != jsonNumber {
		return "want a JSON number" + typeNote(f)
	}
	x, err := strconv.ParseFloat(val.text, 64)
	if err != nil || math.Abs(x) > limit {
		return fmt.Sprintf("want a number within ±%g", limit) + typeNote(f)
	}
	return ""
}

func checkDate(f Field, path string, val jsonValue) string {
	const example = "2024-05-01T12:00:00.123Z"
	if path == "@timestamp" {
		// The project writes @timestamp in UTC with the source's precision.
		if val.kind != jsonString {
			return "want an RFC 3339 date in UTC such as " + example + typeNote(f)
		}
		if _, err := time.Parse(time.RFC3339Nano, val.text); err != nil || !strings.HasSuffix(val.text, "Z") {
			return "want an RFC 3339 date in UTC such as " + example + typeNote(f)
		}
		return ""
	}
	switch val.kind {
	case jsonString:
		if _, err := time.Parse(time.RFC3339Nano, val.text); err != nil {
			return "want an RFC 3339 date such as " + example + " or epoch milliseconds" + typeNote(f)
		}
	case jsonNumber:
		if _, err := strconv.ParseInt(val.text, 10, 64); err != nil {
			return "want integer epoch milliseconds or an RFC 3339 date" + typeNote(f)
		}
	default:
		return "want an RFC 3339 date such as " + example + " or epoch milliseconds" + typeNote(f)
	}
	return ""
}

const geoPointForms = `want {"lat":<-90..90>,"lon":<-180..180>}, "lat,lon" or [lon,lat] (ECS geo_point)`

func checkGeoPoint(val jsonValue) string {
	var lat, lon float64
	switch val.kind {
	case jsonObject:
		var hasLat, hasLon bool
		for _, m := range val.members {
			x, err := strconv.ParseFloat(m.value.text, 64)
			if m.value.kind != jsonNumber || err != nil || m.duplicate {
				return geoPointForms
			}
			switch m.key {
			case "lat":
				lat, hasLat = x, true
			case "lon":
				lon, hasLon = x, true
			default:
				return geoPointForms
			}
		}
		if !hasLat || !hasLon {
			return geoPointForms
		}
	case jsonString:
		latText, lonText, ok := strings.Cut(val.text, ",")
		if !ok {
			return geoPointForms
		}
		var err1, err2 error
		lat, err1 = strconv.ParseFloat(strings.TrimSpace(latText), 64)
		lon, err2 = strconv.ParseFloat(strings.TrimSpace(lonText), 64)
		if err1 != nil || err2 != nil {
			return geoPointForms
		}
	case jsonArray:
		if !isCoordinates(val) {
			return geoPointForms
		}
		lon, _ = strconv.ParseFloat(val.elems[0].text, 64)
		lat, _ = strconv.ParseFloat(val.elems[1].text, 64)
	default:
		return geoPointForms
	}
	if !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		return geoPointForms
	}
	return ""
}

// isCoordinates reports whether val is a [lon, lat] or [lon, lat, z]
// array, one geo_point rather than an array of points.
func isCoordinates(val jsonValue) bool {
	if val.kind != jsonArray || len(val.elems) < 2 || len(val.elems) > 3 {
		return false
	}
	for _, e := range val.elems {
		if e.kind != jsonNumber {
			return false
		}
	}
	return true
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// describe renders a value for a problem report, shortened.
func describe(val jsonValue) string {
	const maxRunes = 64
	switch val.kind {
	case jsonNull:
		return "null"
	case jsonBool:
		return strconv.FormatBool(val.boolean)
	case jsonNumber:
		if len(val.text) > maxRunes {
			return val.text[:maxRunes] + "…"
		}
		return val.text
	case jsonString:
		s := val.text
		if utf8.RuneCountInString(s) > maxRunes {
			cut := 0
			for i := 0; i < maxRunes; i++ {
				_, size := utf8.DecodeRuneInString(s[cut:])
				cut += size
			}
			return string(AppendString(nil, s[:cut])) + "…"
		}
		return string(AppendString(nil, s))
	case jsonObject:
		return "{…}"
	default:
		return "[…]"
	}
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// jsonValue is a decoded JSON value that keeps object members in document
// order and marks duplicate keys, both of which a map would lose.
type jsonValue struct {
	kind    jsonKind
	text    string // string contents or number literal
	boolean bool
	members []jsonMember
	elems   []jsonValue
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

type jsonMember struct {
	key       string
	value     jsonValue
	duplicate bool
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack;
// OpenSearch itself refuses mappings far shallower than this.
const maxDepth = 1000

var errTooDeep = errors.New("nested more than 1000 levels deep")

func decodeJSON(doc []byte) (jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	val, err := readValue(dec, 0)
	if err != nil {
		return jsonValue{}, fmt.Errorf("%w (near byte %d)", err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return jsonValue{}, fmt.Errorf("more data after the document at byte %d (several documents need ValidateAll)", dec.InputOffset())
	}
	return val, nil
}

func readValue(dec *json.Decoder, depth int) (jsonValue, error) {
	if depth > maxDepth {
		return jsonValue{}, errTooDeep
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return jsonValue{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			val := jsonValue{kind: jsonObject}
			var keys map[string]struct{}
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return jsonValue{}, err
				}
				key, ok := keyTok.(string)
				if !ok {
					return jsonValue{}, fmt.Errorf("object key is not a string at byte %d", dec.InputOffset())
				}
				member, err := readValue(dec, depth+1)
				if err != nil {
					return jsonValue{}, err
				}
				if keys == nil {
					keys = make(map[string]struct{})
				}
				_, dup := keys[key]
				keys[key] = struct{}{}
				val.members = append(val.members, jsonMember{key: key, value: member, duplicate: dup})
			}
			if _, err := dec.Token(); err != nil {
				return jsonValue{}, err
			}
			return val, nil
		case '[':
			val := jsonValue{kind: jsonArray}
			for dec.More() {
				elem, err := readValue(dec, depth+1)
				if err != nil {
					return jsonValue{}, err
				}
				val.elems = append(val.elems, elem)
			}
			if _, err := dec.Token(); err != nil {
				return jsonValue{}, err
			}
			return val, nil
		}
		return jsonValue{}, fmt.Errorf("unexpected %q at byte %d", t, dec.InputOffset())
	case string:
		return jsonValue{kind: jsonString, text: t}, nil
	case json.Number:
		return jsonValue{kind: jsonNumber, text: string(t)}, nil
	case bool:
		return jsonValue{kind: jsonBool, boolean: t}, nil
	case nil:
		return jsonValue{kind: jsonNull}, nil
	}
	return jsonValue{}, fmt.Errorf("unexpected token %v", tok)
}
