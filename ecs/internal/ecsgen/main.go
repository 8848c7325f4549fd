// Command ecsgen writes the ECS field table of package ecs (fields_gen.go)
// from the flattened ECS schema, ecs_flat.yml, as published in the
// elastic/ecs repository under generated/ecs/.
//
// It runs from go generate in package ecs:
//
//	go run ./internal/ecsgen -in ../../shared/ecs/ecs_flat.yml -out fields_gen.go -version 9.4.0
//
// The schema is read, not copied: only the attributes that validation and
// index-template generation need are written, and descriptions are cut to
// the one-line "short" form.
package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

func main() {
	in := flag.String("in", "", "path of ecs_flat.yml")
	out := flag.String("out", "fields_gen.go", "path of the Go file to write")
	version := flag.String("version", "", "ECS version of the schema, such as 9.4.0")
	flag.Parse()
	if *in == "" || *version == "" {
		fmt.Fprintln(os.Stderr, "ecsgen: -in and -version are required")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "ecsgen:", err)
		os.Exit(1)
	}
}

func run(in, out, version string) error {
	schema, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("%w (pass the path of ecs_flat.yml from the elastic/ecs release with -in)", err)
	}
	src, err := generate(schema, version)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, src, 0o644)
}

// rawField holds the attributes of one ecs_flat.yml entry that the table
// keeps; the others (descriptions, examples, OpenTelemetry mappings) are
// ignored.
type rawField struct {
	FlatName      string            `yaml:"flat_name"`
	Type          string            `yaml:"type"`
	Normalize     []string          `yaml:"normalize"`
	Required      bool              `yaml:"required"`
	AllowedValues []rawAllowedValue `yaml:"allowed_values"`
	Pattern       string            `yaml:"pattern"`
	ObjectType    string            `yaml:"object_type"`
	ScalingFactor int               `yaml:"scaling_factor"`
	IgnoreAbove   int               `yaml:"ignore_above"`
	Index         *bool             `yaml:"index"`
	DocValues     *bool             `yaml:"doc_values"`
	MultiFields   []rawMultiField   `yaml:"multi_fields"`
	Short         string            `yaml:"short"`
}

type rawAllowedValue struct {
	Name               string   `yaml:"name"`
	ExpectedEventTypes []string `yaml:"expected_event_types"`
}

type rawMultiField struct {
	FlatName string `yaml:"flat_name"`
	Name     string `yaml:"name"`
	Type     string `yaml:"type"`
}

// typeIdents maps ECS type names to the Type constants of package ecs.
// A type missing here stops generation: add the constant to ecs/field.go
// and the entry here, then decide how Validate checks it.
var typeIdents = map[string]string{
	"keyword":          "TypeKeyword",
	"constant_keyword": "TypeConstantKeyword",
	"wildcard":         "TypeWildcard",
	"match_only_text":  "TypeMatchOnlyText",
	"text":             "TypeText",
	"long":             "TypeLong",
	"integer":          "TypeInteger",
	"short":            "TypeShort",
	"byte":             "TypeByte",
	"unsigned_long":    "TypeUnsignedLong",
	"float":            "TypeFloat",
	"half_float":       "TypeHalfFloat",
	"scaled_float":     "TypeScaledFloat",
	"double":           "TypeDouble",
	"boolean":          "TypeBoolean",
	"ip":               "TypeIP",
	"date":             "TypeDate",
	"geo_point":        "TypeGeoPoint",
	"object":           "TypeObject",
	"flattened":        "TypeFlattened",
	"nested":           "TypeNested",
}

var versionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

// generate returns the gofmt'ed source of fields_gen.go.
func generate(schema []byte, version string) ([]byte, error) {
	if !versionPattern.MatchString(version) {
		return nil, fmt.Errorf("version %q is not of the form MAJOR.MINOR.PATCH", version)
	}
	fields, err := parse(schema)
	if err != nil {
		return nil, err
	}
	src := render(fields, version)
	formatted, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("generated code does not compile (a bug in ecsgen): %w", err)
	}
	return formatted, nil
}

type namedField struct {
	name string
	rawField
}

// parse decodes the schema and checks every entry the table depends on,
// so a malformed or newer schema fails here rather than producing a table
// that validates the wrong thing.
func parse(schema []byte) ([]namedField, error) {
	var byName map[string]rawField
	if err := yaml.Unmarshal(schema, &byName); err != nil {
		return nil, fmt.Errorf("not a flattened ECS schema: %w", err)
	}
	if len(byName) == 0 {
		return nil, errors.New("no field definitions found; is this ecs_flat.yml?")
	}
	fields := make([]namedField, 0, len(byName))
	var problems []string
	for name, f := range byName {
		fields = append(fields, namedField{name, f})
	}
	slices.SortFunc(fields, func(a, b namedField) int { return cmp.Compare(a.name, b.name) })
	for _, f := range fields {
		problems = append(problems, check(f)...)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return fields, nil
}

func check(f namedField) []string {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, "field "+strconv.Quote(f.name)+": "+fmt.Sprintf(format, args...))
	}
	if f.name == "" {
		bad("empty field name")
	}
	if f.FlatName != f.name {
		bad("flat_name %q differs from the key", f.FlatName)
	}
	if _, ok := typeIdents[f.Type]; !ok {
		bad("unknown type %q: add it to typeIdents in ecs/internal/ecsgen and to the Type constants in ecs/field.go", f.Type)
	}
	if f.ObjectType != "" {
		if _, ok := typeIdents[f.ObjectType]; !ok {
			bad("unknown object_type %q", f.ObjectType)
		}
	}
	if f.Pattern != "" {
		if _, err := regexp.Compile(f.Pattern); err != nil {
			bad("pattern is not a Go regular expression: %v", err)
		}
	}
	if f.Type == "scaled_float" && f.ScalingFactor <= 0 {
		bad("scaled_float without a positive scaling_factor")
	}
	for _, v := range f.AllowedValues {
		if v.Name == "" {
			bad("allowed value without a name")
		}
	}
	for _, mf := range f.MultiFields {
		if _, ok := typeIdents[mf.Type]; !ok {
			bad("multi-field %q: unknown type %q", mf.Name, mf.Type)
		}
		if mf.Name == "" || mf.FlatName != f.name+"."+mf.Name {
			bad("multi-field %q: flat_name %q is not %q", mf.Name, mf.FlatName, f.name+"."+mf.Name)
		}
	}
	return problems
}

func render(fields []namedField, version string) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by ecsgen from ecs_flat.yml; DO NOT EDIT.\n\npackage ecs\n\n")
	b.WriteString("// Version is the ECS release the field table was generated from.\n")
	fmt.Fprintf(&b, "const Version = %q\n\n", version)

	b.WriteString("// fieldTable holds every ECS field, sorted by name for binary search.\n")
	b.WriteString("var fieldTable = [...]Field{\n")
	for _, f := range fields {
		renderField(&b, f)
	}
	b.WriteString("}\n\n")

	b.WriteString("// categoryEventTypes holds, for each event.category value, the event.type values ECS expects with it.\n")
	b.WriteString("var categoryEventTypes = [...]categoryTypes{\n")
	for _, f := range fields {
		if f.name != "event.category" {
			continue
		}
		for _, v := range f.AllowedValues {
			if len(v.ExpectedEventTypes) > 0 {
				fmt.Fprintf(&b, "{%q, %s},\n", v.Name, stringSlice(v.ExpectedEventTypes))
			}
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func renderField(b *bytes.Buffer, f namedField) {
	fmt.Fprintf(b, "{Name: %q, Type: %s", f.name, typeIdents[f.Type])
	if slices.Contains(f.Normalize, "array") {
		b.WriteString(", Array: true")
	}
	if f.Required {
		b.WriteString(", Required: true")
	}
	if len(f.AllowedValues) > 0 {
		names := make([]string, len(f.AllowedValues))
		for i, v := range f.AllowedValues {
			names[i] = v.Name
		}
		fmt.Fprintf(b, ", Allowed: %s", stringSlice(names))
	}
	if f.Pattern != "" {
		fmt.Fprintf(b, ", Pattern: %s", goString(f.Pattern))
	}
	if f.ObjectType != "" {
		fmt.Fprintf(b, ", ObjectType: %s", typeIdents[f.ObjectType])
	}
	if f.ScalingFactor != 0 {
		fmt.Fprintf(b, ", ScalingFactor: %d", f.ScalingFactor)
	}
	if f.IgnoreAbove != 0 {
		fmt.Fprintf(b, ", IgnoreAbove: %d", f.IgnoreAbove)
	}
	if f.Index != nil && !*f.Index {
		b.WriteString(", NotIndexed: true")
	}
	if f.DocValues != nil && !*f.DocValues {
		b.WriteString(", NoDocValues: true")
	}
	if len(f.MultiFields) > 0 {
		b.WriteString(", MultiFields: []MultiField{")
		for i, mf := range f.MultiFields {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "{Name: %q, Type: %s}", mf.Name, typeIdents[mf.Type])
		}
		b.WriteString("}")
	}
	if short := strings.Join(strings.Fields(f.Short), " "); short != "" {
		fmt.Fprintf(b, ", Short: %q", short)
	}
	b.WriteString("},\n")
}

func stringSlice(vs []string) string {
	quoted := make([]string, len(vs))
	for i, v := range vs {
		quoted[i] = strconv.Quote(v)
	}
	return "[]string{" + strings.Join(quoted, ", ") + "}"
}

// goString quotes s, as a raw string when that reads better (regular
// expressions full of backslashes).
func goString(s string) string {
	if strconv.CanBackquote(s) && strings.ContainsRune(s, '\\') {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
