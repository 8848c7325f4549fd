package ecs

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestTypeNames(t *testing.T) {
	names := []string{
		"keyword", "constant_keyword", "wildcard", "match_only_text", "text",
		"long", "integer", "short", "byte", "unsigned_long",
		"float", "half_float", "scaled_float", "double",
		"boolean", "ip", "date", "geo_point", "object", "flattened", "nested",
	}
	seen := map[Type]bool{}
	for _, name := range names {
		typ, ok := ParseType(name)
		if !ok {
			t.Errorf("ParseType(%q) failed", name)
			continue
		}
		if typ.String() != name {
			t.Errorf("ParseType(%q).String() = %q", name, typ.String())
		}
		if seen[typ] {
			t.Errorf("%q parses to a Type already used", name)
		}
		seen[typ] = true
	}
	for _, bad := range []string{"", "string", "Keyword", "Type(0)"} {
		if typ, ok := ParseType(bad); ok {
			t.Errorf("ParseType(%q) = %v, want failure", bad, typ)
		}
	}
	if got := Type(0).String(); got != "Type(0)" {
		t.Errorf("Type(0).String() = %q", got)
	}
	if got := Type(200).String(); got != "Type(200)" {
		t.Errorf("Type(200).String() = %q", got)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name  string
		check func(Field) bool
	}{
		{"@timestamp", func(f Field) bool { return f.Type == TypeDate && f.Required && !f.Array }},
		{"source.ip", func(f Field) bool { return f.Type == TypeIP && !f.Array }},
		{"related.ip", func(f Field) bool { return f.Type == TypeIP && f.Array }},
		{"event.kind", func(f Field) bool {
			return f.Type == TypeKeyword && slices.Contains(f.Allowed, "event") && slices.Contains(f.Allowed, "alert")
		}},
		{"event.category", func(f Field) bool { return f.Array && len(f.Allowed) == 20 }},
		{"event.outcome", func(f Field) bool { return slices.Equal(f.Allowed, []string{"failure", "success", "unknown"}) }},
		{"event.original", func(f Field) bool { return f.NotIndexed && f.NoDocValues && f.Type == TypeKeyword }},
		{"user.name", func(f Field) bool {
			return f.IgnoreAbove == 1024 && slices.Equal(f.MultiFields, []MultiField{{Name: "text", Type: TypeMatchOnlyText}})
		}},
		{"host.cpu.usage", func(f Field) bool { return f.Type == TypeScaledFloat && f.ScalingFactor == 1000 }},
		{"labels", func(f Field) bool { return f.Type == TypeObject && f.ObjectType == TypeKeyword }},
		{"threat.enrichments", func(f Field) bool { return f.Type == TypeNested && f.Array }},
		{"source.mac", func(f Field) bool { return f.Pattern == `^[A-F0-9]{2}(-[A-F0-9]{2}){5,}$` }},
		{"source.geo.location", func(f Field) bool { return f.Type == TypeGeoPoint }},
		{"message", func(f Field) bool { return f.Type == TypeMatchOnlyText && f.Short != "" }},
		{"data_stream.type", func(f Field) bool { return f.Type == TypeConstantKeyword }},
	}
	for _, tt := range tests {
		f, ok := Lookup(tt.name)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		if f.Name != tt.name || !tt.check(f) {
			t.Errorf("Lookup(%q) = %+v", tt.name, f)
		}
	}
	for _, missing := range []string{"", "source", "client.geo", "source.ip.x", "labels.env", "aws.cloudtrail", "@timestampx", "zzz"} {
		if f, ok := Lookup(missing); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", missing, f)
		}
	}
}

func TestFields(t *testing.T) {
	fields := Fields()
	// ecs_flat.yml of ECS 9.4.0 holds 2605 field entries.
	if len(fields) != 2605 {
		t.Errorf("got %d fields, want 2605", len(fields))
	}
	if !slices.IsSortedFunc(fields, func(a, b Field) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("Fields is not sorted by name")
	}
	for i, f := range fields {
		if i > 0 && fields[i-1].Name == f.Name {
			t.Errorf("field %q listed twice", f.Name)
		}
		if strings.HasPrefix(f.Type.String(), "Type(") {
			t.Errorf("field %q has no valid type", f.Name)
		}
		if got, ok := Lookup(f.Name); !ok || got.Name != f.Name {
			t.Errorf("Lookup(%q) does not find a listed field", f.Name)
		}
		// A field with fields below it must be an object or nested field,
		// or Validate could not decide what its value is.
		if hasChildren(f.Name) && f.Type != TypeObject && f.Type != TypeNested {
			t.Errorf("%s field %q has fields below it", f.Type, f.Name)
		}
		if f.Pattern != "" {
			if _, err := regexp.Compile(f.Pattern); err != nil {
				t.Errorf("%q: %v", f.Name, err)
			}
		}
		if len(f.Allowed) > 0 && !f.Type.isString() {
			t.Errorf("%q: allowed values on a %s field", f.Name, f.Type)
		}
	}
	fields[0].Name = "changed"
	if Fields()[0].Name != "@timestamp" {
		t.Error("Fields returned the table itself, not a copy")
	}
}

func TestExpectedEventTypes(t *testing.T) {
	if got := ExpectedEventTypes("authentication"); !slices.Equal(got, []string{"start", "end", "info"}) {
		t.Errorf("authentication: got %v", got)
	}
	if got := ExpectedEventTypes("nonsense"); got != nil {
		t.Errorf("nonsense: got %v", got)
	}
	category, _ := Lookup("event.category")
	eventType, _ := Lookup("event.type")
	for _, c := range category.Allowed {
		types := ExpectedEventTypes(c)
		if len(types) == 0 {
			t.Errorf("category %q has no expected event types", c)
		}
		for _, typ := range types {
			if !slices.Contains(eventType.Allowed, typ) {
				t.Errorf("category %q expects %q, which event.type does not allow", c, typ)
			}
		}
	}
}

func TestHasChildren(t *testing.T) {
	for name, want := range map[string]bool{
		"source": true, "client.geo": true, "threat.enrichments": true, "dns.answers": true,
		"source.ip": false, "labels": false, "sourc": false, "": false, "vulnerability.severity": false,
	} {
		if got := hasChildren(name); got != want {
			t.Errorf("hasChildren(%q) = %v, want %v", name, got, want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	names := []string{"@timestamp", "source.ip", "event.category", "threat.enrichments.indicator.file.pe.sections.name", "vulnerability.severity", "not.a.field"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Lookup(names[i%len(names)])
		i++
	}
}
