package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	opensearchgo "github.com/opensearch-project/opensearch-go/v4"
	"github.com/opensearch-project/opensearch-go/v4/opensearchapi"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/all"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// builtinRegistry holds the built-in types, as siem.Default does after
// importing logtypes/all.
func builtinRegistry(t testing.TB) *siem.Registry {
	t.Helper()
	reg := siem.NewRegistry()
	for _, lt := range all.Types() {
		if err := reg.Register(lt); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

// templateCounts counts the component and index templates Templates makes
// for reg: they grow with every log type and envelope, so the tests
// derive them rather than spell them out.
func templateCounts(t testing.TB, reg *siem.Registry, opts TemplateOptions) (components, indexTemplates int) {
	t.Helper()
	for _, tmpl := range mustTemplates(t, reg, opts) {
		if tmpl.Kind == "component template" {
			components++
		} else {
			indexTemplates++
		}
	}
	return components, indexTemplates
}

func mustTemplates(t testing.TB, reg *siem.Registry, opts TemplateOptions) []Template {
	t.Helper()
	ts, err := Templates(reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func jsonObject(t testing.TB, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%v in %.200s", err, raw)
	}
	return m
}

// dig follows keys through nested objects.
func jsonAt(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func byName(ts []Template, name string) (Template, bool) {
	i := slices.IndexFunc(ts, func(t Template) bool { return t.Name == name })
	if i < 0 {
		return Template{}, false
	}
	return ts[i], true
}

// TestTemplatesGolden compares the generated templates with the reviewed
// files under testdata/setup: the default installation (dated indices, no
// ISM), and the index templates and policies of write-alias rollover on a
// cluster with ISM.
func TestTemplatesGolden(t *testing.T) {
	reg := builtinRegistry(t)
	cases := []struct {
		dir  string
		opts TemplateOptions
		// kinds limits the golden files to some kinds, to keep one copy
		// of the component templates.
		kinds []TemplateKind
	}{
		{"default", TemplateOptions{}, nil},
		{"alias-ism", TemplateOptions{
			Index: IndexConfig{Rotation: RotateAlias}, ISM: true, Replicas: new(1), RefreshInterval: "30s",
			Rollover: Rollover{MinPrimaryShardSize: "30gb", MinIndexAge: "7d"},
		}, []TemplateKind{IndexTemplate, ISMPolicy}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "setup", c.dir)
			var names []string
			for _, tmpl := range mustTemplates(t, reg, c.opts) {
				if c.kinds != nil && !slices.Contains(c.kinds, tmpl.Kind) {
					continue
				}
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, tmpl.Body, "", "  "); err != nil {
					t.Fatal(err)
				}
				pretty.WriteByte('\n')
				file := strings.ReplaceAll(string(tmpl.Kind), " ", "-") + "." + tmpl.Name + ".json"
				names = append(names, file)
				path := filepath.Join(dir, file)
				if *update {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (create it with `go test -run TestTemplatesGolden -update` and read it by eye)", err)
				}
				if !bytes.Equal(pretty.Bytes(), want) {
					t.Errorf("%s differs from %s; run `go test -run TestTemplatesGolden -update` and review the diff", tmpl.Name, path)
				}
			}
			// A template that is no longer generated must not linger.
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if !slices.Contains(names, e.Name()) {
					t.Errorf("%s is not generated any more; delete it", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
}

// wantOpenSearchType is the OpenSearch type of each ECS type, written out
// independently of the generator.
var wantOpenSearchType = map[ecs.Type]string{
	ecs.TypeKeyword: "keyword", ecs.TypeConstantKeyword: "keyword", ecs.TypeWildcard: "wildcard",
	ecs.TypeMatchOnlyText: "match_only_text", ecs.TypeText: "text",
	ecs.TypeLong: "long", ecs.TypeInteger: "integer", ecs.TypeShort: "short", ecs.TypeByte: "byte",
	ecs.TypeUnsignedLong: "unsigned_long", ecs.TypeFloat: "float", ecs.TypeHalfFloat: "half_float",
	ecs.TypeScaledFloat: "scaled_float", ecs.TypeDouble: "double", ecs.TypeBoolean: "boolean",
	ecs.TypeIP: "ip", ecs.TypeDate: "date", ecs.TypeGeoPoint: "geo_point",
	ecs.TypeObject: "object", ecs.TypeFlattened: "flat_object", ecs.TypeNested: "nested",
}

// mappingAt returns the mapping of a dotted field in a properties tree.
func mappingAt(props map[string]any, path string) map[string]any {
	var m map[string]any
	for name := range strings.SplitSeq(path, ".") {
		if props == nil {
			return nil
		}
		m, _ = props[name].(map[string]any)
		if m == nil {
			return nil
		}
		props, _ = m["properties"].(map[string]any)
	}
	return m
}

// walkLeaves calls fn for every field of a properties tree that has no
// properties of its own.
func walkLeaves(props map[string]any, prefix string, fn func(path string, m map[string]any)) {
	for name, v := range props {
		m := v.(map[string]any)
		path := prefix + name
		if sub, ok := m["properties"].(map[string]any); ok {
			walkLeaves(sub, path+".", fn)
			continue
		}
		fn(path, m)
	}
}

func TestECSMappingMatchesTheFieldTable(t *testing.T) {
	ts := mustTemplates(t, builtinRegistry(t), TemplateOptions{})
	ecsTmpl, ok := byName(ts, "siem-ecs")
	if !ok {
		t.Fatal("no siem-ecs component template")
	}
	body := jsonObject(t, ecsTmpl.Body)
	props, _ := jsonAt(body, "template", "mappings", "properties").(map[string]any)
	fields := ecs.Fields()
	if len(fields) < 2000 {
		t.Fatalf("only %d ECS fields in the table", len(fields))
	}
	for _, f := range fields {
		m := mappingAt(props, f.Name)
		if m == nil {
			t.Errorf("%s (%s) is not mapped", f.Name, f.Type)
			continue
		}
		want := wantOpenSearchType[f.Type]
		got, _ := m["type"].(string)
		if got != want && !(got == "" && f.Type == ecs.TypeObject && m["properties"] != nil) {
			t.Errorf("%s: type %q, want %q for ECS %s", f.Name, got, want, f.Type)
		}
		if ia, _ := m["ignore_above"].(float64); int(ia) != f.IgnoreAbove {
			t.Errorf("%s: ignore_above %v, want %d", f.Name, m["ignore_above"], f.IgnoreAbove)
		}
		if sf, _ := m["scaling_factor"].(float64); int(sf) != f.ScalingFactor {
			t.Errorf("%s: scaling_factor %v, want %d", f.Name, m["scaling_factor"], f.ScalingFactor)
		}
		if (m["index"] == false) != f.NotIndexed || (m["doc_values"] == false) != f.NoDocValues {
			t.Errorf("%s: index %v doc_values %v, want not indexed %v, no doc values %v", f.Name, m["index"], m["doc_values"], f.NotIndexed, f.NoDocValues)
		}
		multi, _ := m["fields"].(map[string]any)
		if len(multi) != len(f.MultiFields) {
			t.Errorf("%s: multi-fields %v, want %v", f.Name, multi, f.MultiFields)
		}
		for _, mf := range f.MultiFields {
			if got := jsonAt(multi, mf.Name, "type"); got != wantOpenSearchType[mf.Type] {
				t.Errorf("%s.%s: type %v, want %s", f.Name, mf.Name, got, wantOpenSearchType[mf.Type])
			}
		}
	}
	// And nothing that ECS does not define.
	walkLeaves(props, "", func(path string, m map[string]any) {
		if _, ok := ecs.Lookup(path); !ok {
			t.Errorf("%s is mapped (%v) but is no ECS field", path, m["type"])
		}
	})
	// Spot checks of what the integration tests query.
	for path, want := range map[string]string{
		"@timestamp": "date", "source.ip": "ip", "source.port": "long", "source.geo.location": "geo_point",
		"user.name": "keyword", "message": "match_only_text", "url.full": "wildcard",
		"threat.enrichments": "nested", "log.syslog.structured_data": "flat_object", "data_stream.dataset": "keyword",
	} {
		if got := jsonAt(mappingAt(props, path), "type"); got != want {
			t.Errorf("%s: type %v, want %s", path, got, want)
		}
	}
	if got := jsonAt(mappingAt(props, "user.name"), "fields", "text", "type"); got != "match_only_text" {
		t.Errorf("user.name.text: type %v, want match_only_text", got)
	}
	if got := mappingAt(props, "host.cpu.usage"); got["scaling_factor"] != float64(1000) {
		t.Errorf("host.cpu.usage: %v, want scaling_factor 1000", got)
	}

	// Strings nobody declared become keywords, never text plus keyword;
	// the free-form keys of labels keep the keyword type ECS gives them.
	dyn, _ := jsonAt(body, "template", "mappings", "dynamic_templates").([]any)
	last, _ := dyn[len(dyn)-1].(map[string]any)
	if got := jsonAt(last, "siem_strings_as_keywords", "match_mapping_type"); got != "string" {
		t.Errorf("last dynamic template %v, want the catch-all for strings", last)
	}
	if got := jsonAt(last, "siem_strings_as_keywords", "mapping"); !equalJSON(got, map[string]any{"type": "keyword", "ignore_above": 1024}) {
		t.Errorf("strings are mapped as %v, want keyword with ignore_above 1024", got)
	}
	if !slices.ContainsFunc(dyn, func(v any) bool {
		return jsonAt(v, "siem_ecs_labels", "path_match") == "labels.*" && jsonAt(v, "siem_ecs_labels", "mapping", "type") == "keyword"
	}) {
		t.Errorf("no dynamic template types labels.* as keyword: %v", dyn)
	}
	if jsonAt(body, "template", "mappings", "date_detection") != false {
		t.Error("date detection is not off: a vendor string that looks like a date would be mapped as one and later strings fail")
	}
}

func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// countMapping counts fields as OpenSearch does for
// index.mapping.total_fields.limit, independently of the generator.
func countMapping(props map[string]any) int {
	n := 0
	for _, v := range props {
		m := v.(map[string]any)
		n++
		if f, ok := m["fields"].(map[string]any); ok {
			n += len(f)
		}
		if sub, ok := m["properties"].(map[string]any); ok {
			n += countMapping(sub)
		}
	}
	return n
}

// mergeMapping merges the properties src into dst as the cluster merges
// the mappings of an index template's components: a name both hold is
// one field.
func mergeMapping(dst, src map[string]any) {
	for name, v := range src {
		m := v.(map[string]any)
		have, ok := dst[name].(map[string]any)
		if !ok {
			have = map[string]any{}
			for k, x := range m {
				if k != "properties" {
					have[k] = x
				}
			}
			dst[name] = have
		}
		if sub, ok := m["properties"].(map[string]any); ok {
			props, _ := have["properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
				have["properties"] = props
			}
			mergeMapping(props, sub)
		}
	}
}

func TestFieldCountsAndLimits(t *testing.T) {
	reg := builtinRegistry(t)
	for _, headroom := range []int{0, 2500} {
		ts := mustTemplates(t, reg, TemplateOptions{FieldHeadroom: headroom})
		wantHeadroom := cmpOr(headroom, defaultFieldHeadroom)
		components := map[string]int{}
		componentProps := map[string]map[string]any{}
		for _, tmpl := range ts {
			if tmpl.Kind != ComponentTemplate {
				continue
			}
			body := jsonObject(t, tmpl.Body)
			props, _ := jsonAt(body, "template", "mappings", "properties").(map[string]any)
			componentProps[tmpl.Name] = props
			if got := countMapping(props); got != tmpl.Fields {
				t.Errorf("%s: Fields %d, but its mapping has %d", tmpl.Name, tmpl.Fields, got)
			}
			components[tmpl.Name] = tmpl.Fields
			if limit, ok := jsonAt(body, "template", "settings", "index", "mapping", "total_fields", "limit").(float64); ok {
				checkLimit(t, tmpl.Name, int(limit), tmpl.Fields, wantHeadroom)
			}
		}
		if components["siem-ecs"] < 3000 {
			t.Fatalf("the ECS component has %d fields", components["siem-ecs"])
		}
		for _, tmpl := range ts {
			if tmpl.Kind != IndexTemplate {
				continue
			}
			body := jsonObject(t, tmpl.Body)
			merged := map[string]any{}
			for _, c := range jsonAt(body, "composed_of").([]any) {
				mergeMapping(merged, componentProps[c.(string)])
			}
			if got := countMapping(merged); tmpl.Fields != got {
				t.Errorf("%s: Fields %d, its components' merged mapping has %d", tmpl.Name, tmpl.Fields, got)
			}
			limit, _ := jsonAt(body, "template", "settings", "index", "mapping", "total_fields", "limit").(float64)
			checkLimit(t, tmpl.Name, int(limit), tmpl.Fields, wantHeadroom)
			if got := jsonAt(body, "template", "settings", "index", "mapping", "depth", "limit"); got != float64(depthLimit) {
				t.Errorf("%s: depth limit %v, want %d", tmpl.Name, got, depthLimit)
			}
		}
	}
	// ECS's deepest objects need a depth limit of one more than their
	// nesting; the limit leaves room for vendor objects below that.
	c, err := ecsComponent()
	if err != nil {
		t.Fatal(err)
	}
	if need := c.root.depth() + 1; need+10 > depthLimit {
		t.Errorf("ECS needs a depth limit of %d, too close to %d", need, depthLimit)
	}
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func checkLimit(t *testing.T, name string, limit, fields, headroom int) {
	t.Helper()
	if limit < fields+headroom || limit >= fields+headroom+500 || limit%500 != 0 {
		t.Errorf("%s: total_fields.limit %d for %d fields, want the next multiple of 500 from %d", name, limit, fields, fields+headroom)
	}
}

func TestVendorComponents(t *testing.T) {
	ts := mustTemplates(t, builtinRegistry(t), TemplateOptions{})
	for _, lt := range all.Types() {
		info := lt.Info()
		ns := info.VendorNamespace()
		tmpl, ok := byName(ts, "siem-"+ns)
		if !ok {
			t.Errorf("%s: no component template siem-%s", info.Name, ns)
			continue
		}
		body := jsonObject(t, tmpl.Body)
		props, _ := jsonAt(body, "template", "mappings", "properties").(map[string]any)
		dyn, _ := jsonAt(body, "template", "mappings", "dynamic_templates").([]any)
		for _, f := range info.Vendor.Fields {
			base, wild := strings.CutSuffix(f.Path, ".*")
			if !wild {
				m := mappingAt(props, ns+"."+f.Path)
				if want := vendorFieldMapping(f.Type); !equalJSON(m, want) {
					t.Errorf("%s.%s: mapped %v, want %v", ns, f.Path, m, want)
				}
				continue
			}
			found := slices.ContainsFunc(dyn, func(v any) bool {
				for _, d := range v.(map[string]any) {
					if jsonAt(d, "path_match") == ns+"."+base+".*" && jsonAt(d, "mapping", "type") == f.Type {
						return true
					}
				}
				return false
			})
			if !found {
				t.Errorf("%s.%s: no dynamic template maps it as %s: %v", ns, f.Path, f.Type, dyn)
			}
		}
		last := dyn[len(dyn)-1].(map[string]any)
		for _, d := range last {
			if jsonAt(d, "path_match") != ns+".*" || jsonAt(d, "match_mapping_type") != "string" || jsonAt(d, "mapping", "type") != "keyword" {
				t.Errorf("%s: last dynamic template %v, want other strings under the namespace as keywords", ns, last)
			}
		}
	}
	// What the issue asks for by name.
	ct, _ := byName(ts, "siem-aws.cloudtrail")
	body := jsonObject(t, ct.Body)
	if got := jsonAt(mappingAt(jsonAt(body, "template", "mappings", "properties").(map[string]any), "aws.cloudtrail.request_parameters"), "type"); got != "wildcard" {
		t.Errorf("aws.cloudtrail.request_parameters is %v, want wildcard (its JSON text can exceed what a keyword indexes)", got)
	}
	dyn := jsonAt(body, "template", "mappings", "dynamic_templates").([]any)
	if jsonAt(dyn[0], "siem_aws.cloudtrail.flattened_object", "mapping", "type") != "flat_object" {
		t.Errorf("the first cloudtrail dynamic template is %v, want objects under flattened as flat_object", dyn[0])
	}
}

func TestIndexTemplates(t *testing.T) {
	reg := builtinRegistry(t)
	ts := mustTemplates(t, reg, TemplateOptions{Shards: 2, Replicas: new(0), RefreshInterval: "5s", Index: IndexConfig{Prefix: "t1-"}})
	var names []string
	for _, tmpl := range ts {
		names = append(names, string(tmpl.Kind)+" "+tmpl.Name)
	}
	// Components first (ECS, then each vendor namespace of the types and
	// their envelopes), then one index template per index.
	wantNames := []string{"component template t1-siem-ecs"}
	namespaces := map[string]bool{}
	for _, lt := range reg.Types() {
		namespaces[lt.Info().VendorNamespace()] = true
		for _, env := range lt.Info().Envelopes {
			namespaces[env.Vendor().Namespace] = true
		}
	}
	for _, ns := range slices.Sorted(maps.Keys(namespaces)) {
		wantNames = append(wantNames, "component template t1-siem-"+ns)
	}
	indexNames := indexFamilies(reg)
	for _, name := range slices.Sorted(maps.Keys(indexNames)) {
		wantNames = append(wantNames, "index template t1-siem-"+name)
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("templates\n%q\nwant\n%q", names, wantNames)
	}
	elb, _ := byName(ts, "t1-siem-log-aws-elb")
	body := jsonObject(t, elb.Body)
	for key, want := range map[string]any{
		"index_patterns": []any{"t1-log-aws-elb", "t1-log-aws-elb-*"},
		"composed_of":    []any{"t1-siem-aws.elb", "t1-siem-ecs"},
		"priority":       float64(100),
		"template": map[string]any{"settings": map[string]any{"index": map[string]any{
			"number_of_shards": 2, "number_of_replicas": 0, "refresh_interval": "5s",
			"mapping": map[string]any{
				"total_fields":     map[string]any{"limit": fieldsLimit(elb.Fields, defaultFieldHeadroom)},
				"depth":            map[string]any{"limit": depthLimit},
				"ignore_malformed": false,
			},
		}}},
	} {
		if !equalJSON(body[key], want) {
			t.Errorf("log-aws-elb %s: %v, want %v", key, body[key], want)
		}
	}
	if _, ok := body["data_stream"]; ok {
		t.Error("a dated rotation got a data stream template")
	}
	if jsonAt(body, "_meta", "managed_by") != metaManagedBy || jsonAt(body, "_meta", "ecs_version") != ecs.Version || jsonAt(body, "_meta", hashKey) == nil {
		t.Errorf("_meta %v lacks the owner, the ECS version or the hash", body["_meta"])
	}

	// Data streams; Serverless leaves the settings it manages alone.
	dsTemplate, _ := byName(mustTemplates(t, reg, TemplateOptions{Index: IndexConfig{Rotation: RotateDataStream}}), "siem-log-aws-elb")
	ds := jsonObject(t, dsTemplate.Body)
	if !equalJSON(ds["data_stream"], map[string]any{}) {
		t.Errorf("data stream rotation: data_stream %v", ds["data_stream"])
	}
	sl, _ := byName(mustTemplates(t, reg, TemplateOptions{Serverless: true, Shards: 3, Replicas: new(2), RefreshInterval: "1s"}), "siem-log-aws-elb")
	index := jsonAt(jsonObject(t, sl.Body), "template", "settings", "index").(map[string]any)
	if _, ok := index["number_of_shards"]; ok || index["number_of_replicas"] != nil || index["refresh_interval"] != nil || index["mapping"] == nil {
		t.Errorf("serverless index settings %v, want only the mapping limits", index)
	}
}

func TestRolloverPolicies(t *testing.T) {
	reg := builtinRegistry(t)
	kinds := func(ts []Template) (policies []Template) {
		for _, tmpl := range ts {
			if tmpl.Kind == ISMPolicy {
				policies = append(policies, tmpl)
			}
		}
		return policies
	}
	for _, opts := range []TemplateOptions{
		{ISM: true}, // dated indices never roll over
		{Index: IndexConfig{Rotation: RotateAlias}},                                // no ISM
		{Index: IndexConfig{Rotation: RotateNone}, ISM: true},                      // one fixed index
		{Index: IndexConfig{Rotation: RotateMonthly}, ISM: true, Serverless: true}, // Serverless has no ISM
		{Index: IndexConfig{Rotation: RotateYearly, Prefix: "x-"}, ISM: true},      // still dated
	} {
		if p := kinds(mustTemplates(t, reg, opts)); len(p) != 0 {
			t.Errorf("%+v: %d policies, want none", opts, len(p))
		}
	}

	alias := mustTemplates(t, reg, TemplateOptions{Index: IndexConfig{Rotation: RotateAlias, Prefix: "p-"}, ISM: true})
	policies := kinds(alias)
	indexNames := indexFamilies(reg)
	if len(policies) != len(indexNames) {
		t.Fatalf("%d policies, want one per index template (%d)", len(policies), len(indexNames))
	}
	ct, _ := byName(policies, "p-siem-rollover-log-aws-cloudtrail")
	body := jsonObject(t, ct.Body)
	if got := jsonAt(body, "policy", "ism_template"); !equalJSON(got, []any{map[string]any{"index_patterns": []any{"p-log-aws-cloudtrail-0*"}, "priority": 100}}) {
		t.Errorf("ism_template %v", got)
	}
	if got := jsonAt(body, "policy", "states").([]any)[0]; !equalJSON(jsonAt(got, "actions"), []any{map[string]any{"rollover": map[string]any{"min_index_age": "30d", "min_primary_shard_size": "50gb"}}}) {
		t.Errorf("rollover action %v, want the defaults", got)
	}
	if h := descriptionHash(jsonAt(body, "policy", "description").(string)); h == "" || h != ct.hash {
		t.Errorf("description %q does not carry the hash %s", jsonAt(body, "policy", "description"), ct.hash)
	}
	it, _ := byName(alias, "p-siem-log-aws-cloudtrail")
	if got := jsonAt(jsonObject(t, it.Body), "template", "settings", "plugins.index_state_management.rollover_alias"); got != "p-log-aws-cloudtrail" {
		t.Errorf("rollover alias setting %v, want the base name", got)
	}

	ds := kinds(mustTemplates(t, reg, TemplateOptions{Index: IndexConfig{Rotation: RotateDataStream}, ISM: true}))
	if len(ds) != len(indexNames) {
		t.Errorf("%d data stream policies, want %d", len(ds), len(indexNames))
	}
	for _, p := range ds {
		if base := strings.TrimPrefix(p.Name, "siem-rollover-"); !slices.Equal(p.Patterns, []string{base}) {
			t.Errorf("data stream policy %s has patterns %v, want the stream name %s", p.Name, p.Patterns, base)
		}
	}
	dsTmpl, _ := byName(mustTemplates(t, reg, TemplateOptions{Index: IndexConfig{Rotation: RotateDataStream}, ISM: true}), "siem-log-aws-cloudtrail")
	if jsonAt(jsonObject(t, dsTmpl.Body), "template", "settings", "plugins.index_state_management.rollover_alias") != nil {
		t.Error("a data stream template sets a rollover alias")
	}
}

// stubType is a log type with chosen Info, for registries under test.
type stubType struct{ info siem.Info }

func (f stubType) Info() siem.Info { return f.info }
func (f stubType) Open(siem.Object, io.Reader) (siem.ObjectReader, error) {
	return nil, io.EOF
}

func stubRegistry(t *testing.T, infos ...siem.Info) *siem.Registry {
	t.Helper()
	reg := siem.NewRegistry()
	for _, info := range infos {
		if err := reg.Register(stubType{info}); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

func TestTemplatesErrors(t *testing.T) {
	long := siem.VendorField{Path: "n", Type: siem.VendorLong}
	tests := []struct {
		name  string
		reg   *siem.Registry
		opts  TemplateOptions
		error string
	}{
		{"conflicting declarations", stubRegistry(t,
			siem.Info{Name: "a", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{long}}},
			siem.Info{Name: "b", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "n", Type: siem.VendorIP}}}},
		), TemplateOptions{}, "declare acme.fw.n as long, but b declares it ip"},
		{"declarations clashing across types", stubRegistry(t,
			siem.Info{Name: "a", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "o", Type: siem.VendorFlatObject}}}},
			siem.Info{Name: "b", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "o.n", Type: siem.VendorLong}}}},
		), TemplateOptions{}, `"o.n" lies below "o"`},
		{"bad index name", stubRegistry(t, siem.Info{Name: "a", Dataset: "acme.fw"}),
			TemplateOptions{Index: IndexConfig{Names: map[string]string{"a": "Logs"}}}, "must be lower case"},
		{"serverless alias", builtinRegistry(t),
			TemplateOptions{Serverless: true, Index: IndexConfig{Rotation: RotateAlias}}, "Serverless has no aliases"},
		{"unknown rotation", builtinRegistry(t),
			TemplateOptions{Index: IndexConfig{Rotation: "hourly"}}, `unknown index rotation "hourly"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Templates(tt.reg, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Errorf("error %v, want one containing %q", err, tt.error)
			}
		})
	}
}

func TestSharedNamespacesAndOverlappingBases(t *testing.T) {
	reg := stubRegistry(t,
		siem.Info{Name: "fw", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "bytes", Type: siem.VendorLong}}}},
		siem.Info{Name: "fw-audit", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{
			{Path: "bytes", Type: siem.VendorLong}, {Path: "when", Type: siem.VendorDate}}}},
		siem.Info{Name: "plain", Dataset: "acme.plain"},
	)
	ts := mustTemplates(t, reg, TemplateOptions{})
	var names []string
	for _, tmpl := range ts {
		names = append(names, tmpl.Name)
	}
	if want := []string{"siem-ecs", "siem-acme.fw", "siem-acme.plain", "siem-log-aws-fw", "siem-log-aws-fw-audit", "siem-log-aws-plain"}; !slices.Equal(names, want) {
		t.Fatalf("templates %q, want %q", names, want)
	}
	vendor := jsonObject(t, ts[1].Body)
	props := jsonAt(vendor, "template", "mappings", "properties").(map[string]any)
	if jsonAt(mappingAt(props, "acme.fw.bytes"), "type") != "long" || jsonAt(mappingAt(props, "acme.fw.when"), "type") != "date" {
		t.Errorf("merged vendor mapping %v", props)
	}
	fw, audit, plain := jsonObject(t, ts[3].Body), jsonObject(t, ts[4].Body), jsonObject(t, ts[5].Body)
	// log-aws-fw-* matches log-aws-fw-audit's indices too: the more
	// specific template must win.
	if fw["priority"] != float64(100) || audit["priority"] != float64(101) {
		t.Errorf("priorities %v and %v, want 100 and 101", fw["priority"], audit["priority"])
	}
	if !equalJSON(plain["composed_of"], []any{"siem-acme.plain", "siem-ecs"}) {
		t.Errorf("a type without declared vendor fields is composed of %v; its namespace's strings still need their keyword mapping", plain["composed_of"])
	}
}

// A type's routes get index templates that map its vendor fields, beside
// the types whose own family the route is.
func TestRoutesGetTheTypesFields(t *testing.T) {
	reg := stubRegistry(t,
		siem.Info{Name: "fw", Dataset: "acme.fw", Routes: []string{"fw-secure", "ocsf-network"},
			Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "bytes", Type: siem.VendorLong}}}},
		siem.Info{Name: "fw-secure", Dataset: "acme.secure"},
	)
	ts := mustTemplates(t, reg, TemplateOptions{})
	byName := map[string]Template{}
	var names []string
	for _, tmpl := range ts {
		names = append(names, tmpl.Name)
		byName[tmpl.Name] = tmpl
	}
	if want := []string{"siem-ecs", "siem-acme.fw", "siem-acme.secure", "siem-log-aws-fw", "siem-log-aws-fw-secure", "siem-log-ocsf-network"}; !slices.Equal(names, want) {
		t.Fatalf("templates %q, want %q", names, want)
	}
	for name, want := range map[string][]any{
		"siem-log-aws-fw":        {"siem-acme.fw", "siem-ecs"},
		"siem-log-aws-fw-secure": {"siem-acme.fw", "siem-acme.secure", "siem-ecs"},
		"siem-log-ocsf-network":  {"siem-acme.fw", "siem-ecs"},
	} {
		if got := jsonObject(t, byName[name].Body)["composed_of"]; !equalJSON(got, want) {
			t.Errorf("%s is composed of %v, want %v", name, got, want)
		}
	}
	if got := byName["siem-log-ocsf-network"].Patterns; !slices.Equal(got, []string{"log-ocsf-network", "log-ocsf-network-*"}) {
		t.Errorf("route template patterns %q", got)
	}
}

func TestTemplatesAreDeterministic(t *testing.T) {
	reg := builtinRegistry(t)
	a := mustTemplates(t, reg, TemplateOptions{})
	b := mustTemplates(t, reg, TemplateOptions{})
	for i := range a {
		if !bytes.Equal(a[i].Body, b[i].Body) || a[i].hash == "" {
			t.Errorf("%s differs between two runs, or has no hash", a[i].Name)
		}
	}
	c := mustTemplates(t, reg, TemplateOptions{RefreshInterval: "30s"})
	if a[0].hash != c[0].hash {
		t.Error("an index setting changed the ECS component's hash")
	}
	ai, _ := byName(a, "siem-log-aws-elb")
	ci, _ := byName(c, "siem-log-aws-elb")
	if ai.hash == ci.hash {
		t.Error("a changed setting left the index template's hash alone")
	}
}

// setupCluster answers the requests Setup sends, keeping templates and
// policies in memory as OpenSearch returns them.
type setupCluster struct {
	t   *testing.T
	ism bool
	// refuse makes PUTs to paths containing it fail with a mapping error.
	refuse string

	mu       sync.Mutex
	objects  map[string][]byte // path -> stored body
	seqNo    map[string]int64
	indices  map[string]bool
	aliases  map[string]string // alias -> write index
	requests []string
}

func newSetupCluster(t *testing.T, ism bool) *setupCluster {
	return &setupCluster{t: t, ism: ism, objects: map[string][]byte{}, seqNo: map[string]int64{}, indices: map[string]bool{}, aliases: map[string]string{}}
}

func (f *setupCluster) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	path := r.URL.Path
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	reply := func(status int, body string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
	notFound := func() {
		reply(404, `{"error":{"type":"resource_not_found_exception","reason":"missing"},"status":404}`)
	}
	switch {
	case path == "/_plugins/_ism/policies":
		if !f.ism {
			reply(400, `{"error":"no handler found for uri [/_plugins/_ism/policies] and method [GET]"}`)
			return
		}
		reply(200, `{"policies":[],"total_policies":0}`)
	case strings.HasPrefix(path, "/_component_template/"), strings.HasPrefix(path, "/_index_template/"), strings.HasPrefix(path, "/_plugins/_ism/policies/"):
		name := path[strings.LastIndexByte(path, '/')+1:]
		switch r.Method {
		case http.MethodGet:
			stored, ok := f.objects[path]
			if !ok {
				notFound()
				return
			}
			switch {
			case strings.HasPrefix(path, "/_component_template/"):
				reply(200, `{"component_templates":[{"name":"`+name+`","component_template":`+string(stored)+`}]}`)
			case strings.HasPrefix(path, "/_index_template/"):
				reply(200, `{"index_templates":[{"name":"`+name+`","index_template":`+string(stored)+`}]}`)
			default:
				policy := jsonAt(jsonObject(f.t, stored), "policy")
				out, _ := json.Marshal(map[string]any{"_id": name, "_seq_no": f.seqNo[path], "_primary_term": 1, "policy": policy})
				reply(200, string(out))
			}
		case http.MethodPut:
			if f.refuse != "" && strings.Contains(path, f.refuse) {
				reply(400, `{"error":{"type":"mapper_parsing_exception","reason":"Failed to parse mapping","caused_by":{"type":"illegal_argument_exception","reason":"No handler for type [flat_object]"}},"status":400}`)
				return
			}
			if strings.HasPrefix(path, "/_plugins/_ism/policies/") {
				if _, exists := f.objects[path]; exists {
					if r.URL.Query().Get("if_seq_no") != strconv.FormatInt(f.seqNo[path], 10) || r.URL.Query().Get("if_primary_term") != "1" {
						reply(409, `{"error":{"type":"version_conflict_engine_exception","reason":"conflict"},"status":409}`)
						return
					}
				}
				f.seqNo[path]++
			}
			f.objects[path] = body
			reply(200, `{"acknowledged":true}`)
		}
	case strings.HasPrefix(path, "/_alias/"):
		if _, ok := f.aliases[strings.TrimPrefix(path, "/_alias/")]; ok {
			reply(200, `{}`)
			return
		}
		notFound()
	case strings.HasPrefix(path, "/_cat/indices/"):
		pattern := strings.TrimSuffix(strings.TrimPrefix(path, "/_cat/indices/"), "*")
		var rows []map[string]string
		for name := range f.indices {
			if strings.HasPrefix(name, pattern) {
				rows = append(rows, map[string]string{"index": name})
			}
		}
		out, _ := json.Marshal(rows)
		if rows == nil {
			out = []byte("[]")
		}
		reply(200, string(out))
	case r.Method == http.MethodHead:
		if f.indices[strings.TrimPrefix(path, "/")] {
			w.WriteHeader(200)
			return
		}
		w.WriteHeader(404)
	case r.Method == http.MethodPut:
		index := strings.TrimPrefix(path, "/")
		if f.indices[index] {
			reply(400, `{"error":{"type":"resource_already_exists_exception","reason":"exists"},"status":400}`)
			return
		}
		f.indices[index] = true
		for alias := range jsonAt(jsonObject(f.t, body), "aliases").(map[string]any) {
			f.aliases[alias] = index
		}
		reply(200, `{"acknowledged":true}`)
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		reply(500, `{}`)
	}
}

func setupTestClient(t *testing.T, h http.Handler) *opensearchapi.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := opensearchapi.NewClient(opensearchapi.Config{Client: opensearchgo.Config{
		Addresses: []string{srv.URL}, DisableRetry: true, HealthCheckMaxRetries: -1, MaxRetryClusterHealth: -1,
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func actions(r SetupReport) map[Action]int {
	m := map[Action]int{}
	for _, s := range r.Steps {
		m[s.Action]++
	}
	return m
}

func TestSetupWithoutISM(t *testing.T) {
	fc := newSetupCluster(t, false)
	fc.indices["log-aws-elb-2026-10"] = true // made before the templates
	client := setupTestClient(t, fc)
	reg := builtinRegistry(t)
	ctx := context.Background()

	components, indexTemplates := templateCounts(t, reg, TemplateOptions{})
	total := components + indexTemplates
	r, err := Setup(ctx, client, reg, TemplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.ISM || len(r.Steps) != total || actions(r)[Created] != total {
		t.Errorf("first run: ISM %v, steps %+v; want %d created, no ISM", r.ISM, r.Steps, total)
	}
	notes := strings.Join(r.Notes, "\n")
	if !strings.Contains(notes, "index-management (ISM) plugin is not installed") {
		t.Errorf("notes %q do not say ISM is missing", notes)
	}
	if !strings.Contains(notes, "1 existing indices under log-aws-elb keep the mappings they were created with (log-aws-elb-2026-10)") {
		t.Errorf("notes %q do not name the index keeping its old mapping", notes)
	}

	// Idempotent: nothing written the second time.
	fc.requests = nil
	r, err = Setup(ctx, client, reg, TemplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if actions(r)[Unchanged] != total {
		t.Errorf("second run: %+v, want all unchanged", r.Steps)
	}
	for _, req := range fc.requests {
		if !strings.HasPrefix(req, "GET ") {
			t.Errorf("second run sent %s", req)
		}
	}
	if len(r.Notes) != 1 {
		t.Errorf("second run notes %q, want only the ISM one (no mapping changed)", r.Notes)
	}

	// A changed option updates just the index templates.
	r, err = Setup(ctx, client, reg, TemplateOptions{RefreshInterval: "30s"})
	if err != nil {
		t.Fatal(err)
	}
	if a := actions(r); a[Updated] != indexTemplates || a[Unchanged] != components {
		t.Errorf("after a settings change: %+v, want the %d index templates updated and the %d components unchanged", r.Steps, indexTemplates, components)
	}
}

func TestSetupWithISMAndAliases(t *testing.T) {
	fc := newSetupCluster(t, true)
	client := setupTestClient(t, fc)
	reg := builtinRegistry(t)
	opts := TemplateOptions{Index: IndexConfig{Rotation: RotateAlias}}
	r, err := Setup(context.Background(), client, reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !r.ISM || len(r.Notes) != 0 {
		t.Errorf("ISM %v, notes %q; want ISM found and nothing to note", r.ISM, r.Notes)
	}
	var kinds []string
	for _, s := range r.Steps {
		kinds = append(kinds, s.Kind+" "+string(s.Action))
	}
	components, indexTemplates := templateCounts(t, reg, opts)
	var want []string
	for _, step := range []struct {
		what string
		n    int
	}{{"component template created", components}, {"index template created", indexTemplates}, {"ISM policy created", indexTemplates}, {"write index created", indexTemplates}} {
		for range step.n {
			want = append(want, step.what)
		}
	}
	if !slices.Equal(kinds, want) {
		t.Errorf("steps %q, want %q", kinds, want)
	}
	if fc.aliases["log-aws-cloudtrail"] != "log-aws-cloudtrail-000001" {
		t.Errorf("aliases %v, want log-aws-cloudtrail on log-aws-cloudtrail-000001", fc.aliases)
	}

	// Changing the rollover conditions updates the policies at the
	// version read (the fake refuses anything else with a conflict).
	opts.Rollover = Rollover{MinIndexAge: "1d"}
	r, err = Setup(context.Background(), client, reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	a := actions(r)
	if a[Updated] != indexTemplates || a[Unchanged] != len(want)-indexTemplates {
		t.Errorf("after a rollover change: %+v, want the %d policies updated", r.Steps, indexTemplates)
	}

	// An index squatting on an alias name stops alias rotation.
	fc2 := newSetupCluster(t, false)
	fc2.indices["log-aws-elb"] = true
	_, err = Setup(context.Background(), setupTestClient(t, fc2), reg, TemplateOptions{Index: IndexConfig{Rotation: RotateAlias}})
	if err == nil || !strings.Contains(err.Error(), "log-aws-elb is an index, so it cannot become the write alias") {
		t.Errorf("error %v, want one about the index named like the alias", err)
	}
}

func TestSetupReportsRefusal(t *testing.T) {
	fc := newSetupCluster(t, false)
	fc.refuse = "siem-aws.cloudtrail"
	r, err := Setup(context.Background(), setupTestClient(t, fc), builtinRegistry(t), TemplateOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"PUT /_component_template/siem-aws.cloudtrail answered 400", "mapper_parsing_exception: Failed to parse mapping", "No handler for type [flat_object]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	// Components are installed ECS first, then in namespace order: what
	// sorts before the refused one is reported, and nothing after it.
	if len(r.Steps) == 0 || r.Steps[0].Name != "siem-ecs" {
		t.Errorf("report %+v, want the ECS component installed before the refusal", r.Steps)
	}
	for _, s := range r.Steps[1:] {
		if s.Kind != string(ComponentTemplate) || s.Action != Created || s.Name >= "siem-aws.cloudtrail" {
			t.Errorf("report %+v: %+v was not installed before the refused component", r.Steps, s)
		}
	}
}

// indexFamilies returns the default base names of every type's index
// family and of the routes the types declare.
func indexFamilies(reg *siem.Registry) map[string]bool {
	out := map[string]bool{}
	for _, lt := range reg.Types() {
		out[DefaultIndexName(lt.Info().Name)] = true
		for _, route := range lt.Info().Routes {
			out[DefaultIndexName(route)] = true
		}
	}
	return out
}
