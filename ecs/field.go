package ecs

import (
	"slices"
	"strconv"
	"strings"
)

// Type is an ECS field data type, as named in the ECS schema and in
// OpenSearch/Elasticsearch mappings. The zero Type is no type: it is the
// ObjectType of every field that is not a typed object.
type Type uint8

// The ECS data types. The generator rejects a schema that uses a type not
// listed here, so a new ECS release cannot slip an unknown type into the
// table unnoticed.
const (
	TypeKeyword Type = iota + 1
	TypeConstantKeyword
	TypeWildcard
	TypeMatchOnlyText
	TypeText
	TypeLong
	TypeInteger
	TypeShort
	TypeByte
	TypeUnsignedLong
	TypeFloat
	TypeHalfFloat
	TypeScaledFloat
	TypeDouble
	TypeBoolean
	TypeIP
	TypeDate
	TypeGeoPoint
	TypeObject
	TypeFlattened
	TypeNested
)

var typeNames = [...]string{
	TypeKeyword:         "keyword",
	TypeConstantKeyword: "constant_keyword",
	TypeWildcard:        "wildcard",
	TypeMatchOnlyText:   "match_only_text",
	TypeText:            "text",
	TypeLong:            "long",
	TypeInteger:         "integer",
	TypeShort:           "short",
	TypeByte:            "byte",
	TypeUnsignedLong:    "unsigned_long",
	TypeFloat:           "float",
	TypeHalfFloat:       "half_float",
	TypeScaledFloat:     "scaled_float",
	TypeDouble:          "double",
	TypeBoolean:         "boolean",
	TypeIP:              "ip",
	TypeDate:            "date",
	TypeGeoPoint:        "geo_point",
	TypeObject:          "object",
	TypeFlattened:       "flattened",
	TypeNested:          "nested",
}

// String returns the ECS name of the type ("keyword", "scaled_float", ...),
// which is also its mapping type name.
func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// ParseType returns the Type with the given ECS name.
func ParseType(name string) (Type, bool) {
	for t, n := range typeNames {
		if n == name && n != "" {
			return Type(t), true
		}
	}
	return 0, false
}

// isString reports whether JSON values of the type are strings (the
// keyword family and the text types).
func (t Type) isString() bool {
	switch t {
	case TypeKeyword, TypeConstantKeyword, TypeWildcard, TypeMatchOnlyText, TypeText:
		return true
	}
	return false
}

// Field is one ECS field definition from the generated table.
//
// The slices in a Field are shared with the table: read them, do not modify
// them.
type Field struct {
	// Name is the dotted flat name, such as "source.ip".
	Name string
	Type Type
	// Array is set when ECS normalizes the field to an array: documents
	// hold a JSON array even for a single value (event.category,
	// related.ip, tags).
	Array bool
	// Required fields must be present in every ECS document.
	Required bool
	// Allowed lists the only values ECS permits (event.kind,
	// event.category, event.type, event.outcome, *.entity.type). Empty
	// means any value.
	Allowed []string
	// Pattern is a regular expression (Go RE2 syntax) every value must
	// match, such as the upper-case dash-separated form of *.mac.
	Pattern string
	// ObjectType is the type of every value beneath an object field that
	// ECS types as a whole (labels: keyword). Zero for other fields.
	ObjectType Type
	// ScalingFactor is the scaled_float scaling factor; 0 for other types.
	ScalingFactor int
	// IgnoreAbove is the keyword length above which values are stored but
	// not indexed; 0 when unset.
	IgnoreAbove int
	// NotIndexed and NoDocValues carry ECS "index: false" and
	// "doc_values: false" (event.original is stored, never searched).
	NotIndexed  bool
	NoDocValues bool
	// MultiFields are extra mappings of the same value, such as
	// user.name.text, a match_only_text view of the user.name keyword.
	MultiFields []MultiField
	// Short is the one-line ECS description.
	Short string
}

// MultiField is an additional mapping of a field's value under
// "<field>.<Name>".
type MultiField struct {
	Name string
	Type Type
}

// Lookup returns the ECS definition of the field with the dotted name. It
// serves index-template generation, documentation and tools; normalizers
// do not need it on their hot path.
// Intermediate objects such as "source" or "client.geo" are not fields;
// free-form keys below object fields ("labels.env") are not either.
func Lookup(name string) (Field, bool) {
	i := searchFields(name)
	if i < len(fieldTable) && fieldTable[i].Name == name {
		return fieldTable[i], true
	}
	return Field{}, false
}

// searchFields returns the index of the first field whose name is not
// less than name, or len(fieldTable).
func searchFields(name string) int {
	lo, hi := 0, len(fieldTable)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if fieldTable[mid].Name < name {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Fields returns every ECS field, sorted by name. The returned slice is a
// copy; the Fields in it share their slices with the table.
func Fields() []Field {
	return slices.Clone(fieldTable[:])
}

// ExpectedEventTypes returns the event.type values ECS expects alongside
// the event.category value category (for "authentication": start, end,
// info). ECS gives them as guidance, so Validate does not enforce them.
func ExpectedEventTypes(category string) []string {
	for _, c := range categoryEventTypes {
		if c.category == category {
			return c.types
		}
	}
	return nil
}

type categoryTypes struct {
	category string
	types    []string
}

// hasChildren reports whether ECS defines any field below name, which
// makes name an object in every ECS document.
func hasChildren(name string) bool {
	prefix := name + "."
	i := searchFields(prefix)
	return i < len(fieldTable) && strings.HasPrefix(fieldTable[i].Name, prefix)
}
