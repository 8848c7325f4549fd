package siem

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem/ecs"
)

// VendorSchema declares how a log type's vendor fields, the ones it keeps
// under its own namespace beside ECS, are indexed. Index templates are
// generated from it (see sink/opensearch), and Info.CheckVendorFields lets a
// type's tests prove that what its normalizer emits matches it.
//
// Only fields that must not be keywords are declared: every other string
// below the namespace is mapped as a keyword by a dynamic template, so a
// new string field needs no declaration, while a new number, boolean,
// date, address or object does.
type VendorSchema struct {
	// Namespace is the dotted prefix of the vendor fields, such as
	// "aws.cloudtrail". Empty means the type's Dataset.
	Namespace string
	// Fields lists the declared fields.
	Fields []VendorField
}

// VendorField declares the index type of one vendor field.
type VendorField struct {
	// Path is dotted and relative to the namespace ("read_only" for
	// aws.cloudtrail.read_only). A path ending in ".*" declares every
	// field below it that has the declared type's JSON kind, which suits
	// members whose names are not known in advance.
	Path string
	// Type is an OpenSearch field type, one of the Vendor* constants.
	Type string
}

// The types a vendor field can be declared with. They are OpenSearch
// mapping types, apart from VendorObjectDisabled.
const (
	// VendorKeyword is an exact-match string, not indexed above 1024
	// characters; what undeclared strings get anyway.
	VendorKeyword = "keyword"
	// VendorWildcard is a string searchable by substring and pattern,
	// with no length limit: for long values such as JSON text that a
	// keyword would leave unindexed.
	VendorWildcard = "wildcard"
	// VendorLong is a 64-bit integer.
	VendorLong = "long"
	// VendorUnsignedLong is an integer from 0 to 2^64-1, for counters
	// that a signed long cannot always hold.
	VendorUnsignedLong = "unsigned_long"
	// VendorDouble is a floating-point number.
	VendorDouble = "double"
	// VendorBoolean is a JSON true or false.
	VendorBoolean = "boolean"
	// VendorIP is an IPv4 or IPv6 address written as a string, searchable
	// by CIDR.
	VendorIP = "ip"
	// VendorDate is an RFC 3339 timestamp string.
	VendorDate = "date"
	// VendorGeoPoint is an object {"lat": .., "lon": ..}.
	VendorGeoPoint = "geo_point"
	// VendorFlatObject is a JSON object of any shape, every leaf indexed
	// as a keyword under its dotted path: free-form objects that would
	// otherwise conflict or explode the mapping.
	VendorFlatObject = "flat_object"
	// VendorObjectDisabled is any JSON value kept in the source document
	// but not indexed at all.
	VendorObjectDisabled = "object-disabled"
)

// vendorTypes lists the valid VendorField types.
var vendorTypes = []string{
	VendorKeyword, VendorWildcard, VendorLong, VendorUnsignedLong, VendorDouble, VendorBoolean,
	VendorIP, VendorDate, VendorGeoPoint, VendorFlatObject, VendorObjectDisabled,
}

// VendorNamespace returns the namespace of the type's vendor fields:
// Vendor.Namespace, or Dataset when that is empty.
func (i Info) VendorNamespace() string {
	if i.Vendor.Namespace != "" {
		return i.Vendor.Namespace
	}
	return i.Dataset
}

// VendorSchemas returns every schema the type's documents may hold
// fields of: its own, with its namespace resolved, then each envelope's,
// then the embedded formats'.
func (i Info) VendorSchemas() []VendorSchema {
	out := []VendorSchema{{Namespace: i.VendorNamespace(), Fields: i.Vendor.Fields}}
	for _, env := range i.Envelopes {
		out = append(out, env.Vendor())
	}
	out = append(out, i.Embedded...)
	return out
}

// CheckDocument reports everything that makes one of the type's
// documents unfit for its index: a field that is neither ECS nor under
// one of its VendorSchemas' namespaces, a value of the wrong ECS type, or
// a vendor field its schema does not take. It decodes the document, so it
// serves tests and Options.Validate, not the indexing path.
func (i Info) CheckDocument(doc []byte) error {
	schemas := i.VendorSchemas()
	namespaces := make([]string, len(schemas))
	for k, s := range schemas {
		namespaces[k] = s.Namespace
	}
	var errs []error
	if err := ecs.Validate(doc, namespaces...); err != nil {
		errs = append(errs, err)
	}
	for _, s := range schemas {
		if err := (Info{Vendor: s}).CheckVendorFields(doc); err != nil {
			errs = append(errs, fmt.Errorf("vendor schema of %s: %w", s.Namespace, err))
		}
	}
	return errors.Join(errs...)
}

// Validate reports declarations that cannot be turned into a mapping:
// unknown types, malformed or repeated paths, and a path declared below
// another declared field.
func (s VendorSchema) Validate() error {
	var errs []error
	seen := make(map[string]bool, len(s.Fields))
	for _, f := range s.Fields {
		base, _ := strings.CutSuffix(f.Path, ".*")
		switch {
		case !slices.Contains(vendorTypes, f.Type):
			errs = append(errs, fmt.Errorf("vendor field %q: unknown type %q (want one of %s)", f.Path, f.Type, strings.Join(vendorTypes, ", ")))
		case base == "" || slices.Contains(strings.Split(base, "."), "") || strings.ContainsAny(base, "* "):
			errs = append(errs, fmt.Errorf("vendor field %q: a path is dotted names, optionally ending in .*", f.Path))
		case seen[f.Path]:
			errs = append(errs, fmt.Errorf("vendor field %q is declared twice", f.Path))
		}
		seen[f.Path] = true
	}
	for _, f := range s.Fields {
		for _, g := range s.Fields {
			if g.Path != f.Path && !strings.HasSuffix(g.Path, ".*") && strings.HasPrefix(f.Path, g.Path+".") {
				errs = append(errs, fmt.Errorf("vendor field %q lies below %q, which is declared %s", f.Path, g.Path, g.Type))
			}
		}
	}
	return errors.Join(errs...)
}

// lookup returns the declaration covering path (relative to the
// namespace) for a value of the given JSON kind: an exact declaration
// first, else the deepest ".*" declaration above path whose type takes
// that kind.
func (s VendorSchema) lookup(path string, kind jsonKind) (VendorField, bool) {
	for _, f := range s.Fields {
		if f.Path == path {
			return f, true
		}
	}
	var best VendorField
	found := false
	for _, f := range s.Fields {
		base, ok := strings.CutSuffix(f.Path, ".*")
		if !ok || !strings.HasPrefix(path, base+".") || !accepts(f.Type, kind) {
			continue
		}
		if !found || len(f.Path) > len(best.Path) {
			best, found = f, true
		}
	}
	return best, found
}

// CheckVendorFields reports every field of one JSON document, below the
// type's vendor namespace, whose value does not fit Vendor: a declared
// field holding a value its type rejects, or an undeclared field holding
// anything but strings (which an index would map by guesswork). It
// decodes with encoding/json and is meant for tests: run it over a type's
// golden outputs so that its declarations cannot drift from what its
// normalizer emits.
func (i Info) CheckVendorFields(doc []byte) error {
	s, namespace := i.Vendor, i.VendorNamespace()
	if err := s.Validate(); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return fmt.Errorf("document is not JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("document holds more than one JSON value")
	}
	v := root
	for _, name := range strings.Split(namespace, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if v, ok = obj[name]; !ok {
			return nil
		}
	}
	c := checker{schema: s, namespace: namespace}
	if obj, ok := v.(map[string]any); ok {
		c.object("", obj)
	} else {
		c.add(namespace, "the vendor namespace holds %s, not an object", describeJSON(v))
	}
	return errors.Join(c.errs...)
}

type checker struct {
	schema    VendorSchema
	namespace string
	errs      []error
}

func (c *checker) add(path, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (c *checker) object(prefix string, obj map[string]any) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		c.value(path, obj[k])
	}
}

func (c *checker) value(path string, v any) {
	if arr, ok := v.([]any); ok {
		for _, e := range arr {
			c.value(path, e)
		}
		return
	}
	kind := kindOf(v)
	full := c.namespace + "." + path
	f, declared := c.schema.lookup(path, kind)
	switch {
	case declared:
		if why := fits(f.Type, v); why != "" {
			c.add(full, "declared %s, but holds %s: %s", f.Type, describeJSON(v), why)
		}
	case kind == kindObject:
		c.object(path, v.(map[string]any))
	case kind == kindNull:
		c.add(full, "null; leave the field out instead")
	case kind != kindString:
		c.add(full, "holds %s but is not declared in the type's VendorSchema; undeclared fields are mapped as keywords", describeJSON(v))
	}
}

type jsonKind int

const (
	kindNull jsonKind = iota
	kindString
	kindNumber
	kindBool
	kindObject
)

func kindOf(v any) jsonKind {
	switch v.(type) {
	case string:
		return kindString
	case json.Number:
		return kindNumber
	case bool:
		return kindBool
	case map[string]any:
		return kindObject
	}
	return kindNull
}

// accepts reports whether a field of type t can take a JSON value of the
// kind at all (before its content is checked).
func accepts(t string, k jsonKind) bool {
	switch t {
	case VendorKeyword, VendorWildcard, VendorIP, VendorDate:
		return k == kindString
	case VendorLong, VendorUnsignedLong, VendorDouble:
		return k == kindNumber
	case VendorBoolean:
		return k == kindBool
	case VendorGeoPoint, VendorFlatObject:
		return k == kindObject
	case VendorObjectDisabled:
		return true
	}
	return false
}

// fits returns why v cannot be indexed as type t, or "".
func fits(t string, v any) string {
	if !accepts(t, kindOf(v)) {
		return "wrong JSON type"
	}
	switch t {
	case VendorLong:
		if _, err := v.(json.Number).Int64(); err != nil {
			return "not a 64-bit integer"
		}
	case VendorUnsignedLong:
		if _, err := strconv.ParseUint(v.(json.Number).String(), 10, 64); err != nil {
			return "not an integer from 0 to 2^64-1"
		}
	case VendorIP:
		if _, err := netip.ParseAddr(v.(string)); err != nil {
			return "not an IP address"
		}
	case VendorDate:
		if _, err := time.Parse(time.RFC3339Nano, v.(string)); err != nil {
			return "not an RFC 3339 timestamp"
		}
	case VendorGeoPoint:
		obj := v.(map[string]any)
		lat, lok := obj["lat"].(json.Number)
		lon, gok := obj["lon"].(json.Number)
		if !lok || !gok || len(obj) != 2 {
			return `want exactly {"lat": number, "lon": number}`
		}
		if a, err := lat.Float64(); err != nil || a < -90 || a > 90 {
			return "latitude out of range"
		}
		if o, err := lon.Float64(); err != nil || o < -180 || o > 180 {
			return "longitude out of range"
		}
	}
	return ""
}

func describeJSON(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case map[string]any:
		return "an object"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
