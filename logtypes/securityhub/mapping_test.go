package securityhub_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/securityhub"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink/opensearch"
)

// TestNoMappingConflicts proves that findings of every product Security
// Hub forwards (GuardDuty, Inspector, Macie, IAM Access Analyzer, Config,
// Health, Firewall Manager, Security Hub's own controls, Prowler and
// Panther's third-party samples) can share one index: every field under
// aws.securityhub has one JSON kind across all the documents, and that
// kind is what the component template `siem setup` generates from the
// vendor schema gives the field (a declared type, a flat_object that
// takes any shape, or the keyword every other string gets).
func TestNoMappingConflicts(t *testing.T) {
	objects := map[string]string{
		keyFirehose:   filepath.Join(samples, keyFirehose),
		keyFirehoseGz: filepath.Join(samples, keyFirehoseGz),
		keyExport:     filepath.Join(samples, keyExport),
		"AWSLogs/123456789012/SecurityHub/us-east-1/2024/05/24/panther-asff.ndjson": filepath.Join(
			shared.Dir(t, "conformance"), "raw", "aws_securityhub_asff", "panther-analysis-AWS-SecurityFindingFormat.ndjson"),
	}
	mapping := vendorMapping(t)
	products := map[string]bool{}
	kinds := map[string]string{}   // field path -> JSON kind
	firstIn := map[string]string{} // field path -> product that first gave it
	keys := make([]string, 0, len(objects))
	for k := range objects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		data, err := os.ReadFile(objects[key])
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range siemtest.Run(t, securityhub.New(), key, data).Docs {
			var doc struct {
				Observer struct{ Product string }
				AWS      struct {
					SecurityHub map[string]any `json:"securityhub"`
				}
			}
			dec := json.NewDecoder(bytes.NewReader(d.Body))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			product := doc.Observer.Product
			products[product] = true
			walk("", doc.AWS.SecurityHub, func(path, kind string) {
				field := "aws.securityhub." + path
				want, declared := mapping.kindOf(path)
				if want == "number" && kind == "integer" {
					kind = "number" // a double takes whole numbers too
				}
				switch {
				case declared && want != kind:
					t.Errorf("%s: %s holds a JSON %s, but the template maps it as %s", product, field, kind, mapping.types[path])
				case !declared && kind != "string" && kind != "object":
					t.Errorf("%s: %s holds a JSON %s that the vendor schema does not declare (only strings and objects may go undeclared)", product, field, kind)
				}
				if prev, ok := kinds[path]; ok && prev != kind {
					t.Errorf("%s is a JSON %s in a %s finding but a %s in a %s finding", field, prev, firstIn[path], kind, product)
				}
				if _, ok := kinds[path]; !ok {
					kinds[path], firstIn[path] = kind, product
				}
			}, mapping)
		}
	}
	for _, p := range []string{"GuardDuty", "Inspector", "Macie", "IAM Access Analyzer", "Config", "Health", "Firewall Manager", "Security Hub", "Prowler", "DecoyDetector"} {
		if !products[p] {
			t.Errorf("no finding of %s among the samples; products seen: %v", p, products)
		}
	}
}

// walk calls leaf for every value below v, with its dotted path and JSON
// kind ("object" for an object, "string", "number", "boolean"), stopping
// at fields the template maps as a whole (flat_object, wildcard):
// elements of arrays share their array's path, as in a mapping.
func walk(path string, v any, leaf func(path, kind string), m templateMapping) {
	if path != "" {
		if t := m.types[path]; t == "flat_object" || t == "wildcard" {
			leaf(path, kindOf(v))
			return
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if path != "" {
			leaf(path, "object")
		}
		for k, c := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walk(p, c, leaf, m)
		}
	case []any:
		for _, c := range x {
			walk(path, c, leaf, m)
		}
	default:
		leaf(path, kindOf(v))
	}
}

// kindOf names the JSON kind of a value; an array has its elements' kind
// (an array of objects is an object to a mapping).
func kindOf(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		kind := ""
		for _, c := range x {
			k := kindOf(c)
			if kind != "" && k != kind {
				return "mixed array"
			}
			kind = k
		}
		return kind
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "number"
		}
		return "integer"
	case nil:
		return "null"
	}
	return "unknown"
}

// templateMapping is the aws.securityhub part of the generated component
// template: each mapped field's OpenSearch type by its path below the
// namespace.
type templateMapping struct {
	types map[string]string
}

// kindOf returns the JSON kind a mapped field takes; false for a field the
// template does not list (a string, which its dynamic template maps as a
// keyword, or an object holding such strings).
func (m templateMapping) kindOf(path string) (string, bool) {
	t, ok := m.types[path]
	if !ok {
		return "", false
	}
	switch t {
	case "keyword", "wildcard", "date", "ip":
		return "string", true
	case "long":
		return "integer", true
	case "double", "float", "scaled_float":
		return "number", true
	case "boolean":
		return "boolean", true
	case "flat_object", "object":
		return "object", true
	}
	return "", false
}

// vendorMapping generates the templates `siem setup` installs for this
// type and returns the mapping of its vendor component.
func vendorMapping(t *testing.T) templateMapping {
	t.Helper()
	reg := siem.NewRegistry()
	if err := reg.Register(securityhub.New()); err != nil {
		t.Fatal(err)
	}
	templates, err := opensearch.Templates(reg, opensearch.TemplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tpl := range templates {
		if tpl.Kind != opensearch.ComponentTemplate || !strings.HasSuffix(tpl.Name, securityhub.Dataset) {
			continue
		}
		var body struct {
			Template struct {
				Mappings struct {
					Properties map[string]json.RawMessage
				}
			}
		}
		if err := json.Unmarshal(tpl.Body, &body); err != nil {
			t.Fatal(err)
		}
		m := templateMapping{types: map[string]string{}}
		props := body.Template.Mappings.Properties
		for _, name := range strings.Split(securityhub.Dataset, ".") {
			var obj struct{ Properties map[string]json.RawMessage }
			if err := json.Unmarshal(props[name], &obj); err != nil {
				t.Fatal(err)
			}
			props = obj.Properties
		}
		collect("", props, m.types)
		if len(m.types) == 0 {
			t.Fatalf("component template %s maps nothing under %s", tpl.Name, securityhub.Dataset)
		}
		return m
	}
	t.Fatalf("no component template for %s among %d templates", securityhub.Dataset, len(templates))
	return templateMapping{}
}

// collect flattens a mapping's properties into types, by dotted path.
func collect(prefix string, props map[string]json.RawMessage, types map[string]string) {
	for name, raw := range props {
		var f struct {
			Type       string
			Properties map[string]json.RawMessage
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			continue
		}
		path := prefix + name
		if f.Properties != nil {
			collect(path+".", f.Properties, types)
			if f.Type == "" {
				f.Type = "object"
			}
		}
		types[path] = f.Type
	}
}
