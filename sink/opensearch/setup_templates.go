package opensearch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// TemplateOptions shapes what Templates generates and Setup installs.
// The zero value is usable: monthly dated indices named as the sink
// names them, one shard, the cluster's replica count.
type TemplateOptions struct {
	// Index must be the sink's IndexConfig (names, prefix, suffix,
	// rotation), so that the templates match the indices the sink
	// writes; Sink.Setup fills it in. A non-empty Prefix also prefixes
	// the template names, so that a trial installation cannot replace
	// the real one.
	Index IndexConfig

	// Shards is index.number_of_shards; 0 means 1, which suits indices
	// of up to about 50 GB (rotate or roll over more often rather than
	// add shards).
	Shards int
	// Replicas is index.number_of_replicas; nil leaves the cluster's
	// default (1). A single-node cluster needs 0 to turn green.
	Replicas *int
	// RefreshInterval is index.refresh_interval, e.g. "30s"; empty leaves
	// the default (1s). Longer intervals make bulk loading cheaper and new
	// documents searchable later.
	RefreshInterval string
	// Priority is the index templates' priority; 0 means 100. A template
	// of a more specific base name (log-aws-elb-internal beside
	// log-aws-elb) gets one more, so overlapping patterns never tie. To
	// customise the indices, install your own index template with a higher
	// priority composed of these component templates and yours.
	Priority int
	// FieldHeadroom is how many fields beyond the generated ones an index
	// may grow by dynamic mapping (undeclared vendor strings, labels,
	// free-form ECS objects such as *.entity.raw); 0 means 1000.
	FieldHeadroom int
	// Serverless leaves out the settings OpenSearch Serverless manages
	// itself (shards, replicas, refresh interval) and all ISM settings;
	// Sink.Setup takes it from Config.Serverless.
	Serverless bool

	// ISM says that the cluster runs the index-management plugin. With
	// alias or data stream rotation, Templates then adds one rollover
	// policy per index template, and for alias rotation the rollover
	// alias setting that the policy needs. Setup sets it from what the
	// cluster answers; an unknown setting would fail the template on a
	// cluster without the plugin.
	ISM bool
	// Rollover sets when the ISM policies roll an index over.
	Rollover Rollover
}

// Rollover holds ISM rollover conditions; whichever is met first rolls
// the index over. Empty fields take the defaults.
type Rollover struct {
	// MinPrimaryShardSize is e.g. "50gb" (the default): past it, searches
	// and recoveries of a shard slow down.
	MinPrimaryShardSize string
	// MinIndexAge is e.g. "30d" (the default), so that an index of a
	// quiet source is still closed and can expire.
	MinIndexAge string
}

// TemplateKind tells what a Template installs.
type TemplateKind string

// The kinds of Template.
const (
	ComponentTemplate TemplateKind = "component template"
	IndexTemplate     TemplateKind = "index template"
	ISMPolicy         TemplateKind = "ISM policy"
)

// Template is one object Setup installs: a component template, an index
// template or an ISM policy.
type Template struct {
	Kind TemplateKind
	Name string
	// Body is the JSON body of the PUT request. Its _meta (or, for a
	// policy, its description) holds a hash of the content, which lets
	// Setup tell an unchanged template from one to update.
	Body json.RawMessage
	// Fields is, for a component template, how many fields its mapping
	// defines and, for an index template, how many its composed mapping
	// defines, which its index.mapping.total_fields.limit is set from.
	Fields int
	// Patterns are an index template's or policy's index patterns.
	Patterns []string
	// hash identifies the content, as stored in Body.
	hash string
}

// Path is the REST path the template is PUT to.
func (t Template) Path() string {
	switch t.Kind {
	case ComponentTemplate:
		return "/_component_template/" + t.Name
	case IndexTemplate:
		return "/_index_template/" + t.Name
	}
	return "/_plugins/_ism/policies/" + t.Name
}

// The mapping decisions Templates makes, named so that tests and docs
// can refer to them.
const (
	// maxKeywordLength is the ignore_above of keywords that ECS gives no
	// length: longer values are kept in _source but not indexed, instead
	// of failing the document (Lucene terms cannot exceed 32766 bytes).
	maxKeywordLength = 1024
	// depthLimit is index.mapping.depth.limit. It is OpenSearch's default,
	// set explicitly so that a cluster-wide change cannot reject ECS
	// documents: ECS's deepest objects
	// (user.effective.entity.relationships.administers.service) need a
	// limit of 7, which leaves 13 levels for vendor objects.
	depthLimit = 20
	// defaultFieldHeadroom, defaultPriority: see TemplateOptions.
	defaultFieldHeadroom = 1000
	defaultPriority      = 100
	// metaManagedBy marks the templates as ours in their _meta.
	metaManagedBy = "siem-go"
	// hashKey is the _meta key of the content hash.
	hashKey = "siem_hash"
)

// Templates generates the component templates, index templates and (with
// TemplateOptions.ISM and a rollover rotation) ISM policies that prepare
// a cluster for the types of reg, in installation order:
//
//   - "siem-ecs", the ECS mapping generated from ecs.Fields(), the table
//     the events are validated against: every field with its ECS type
//     (flattened as flat_object, match_only_text, wildcard, scaled_float
//     with its factor, multi-fields such as user.name.text, ignore_above
//     and index/doc_values as ECS sets them), constant_keyword as keyword
//     (OpenSearch requires its value up front, but ECS sets it per data
//     stream), and dynamic templates that map the free-form keys of
//     typed objects (labels.*) with their type and every other new string
//     as a keyword: never as text plus keyword, which doubles the fields;
//   - "siem-<namespace>" per vendor namespace (aws.cloudtrail), from the
//     types' siem.VendorSchema: the declared fields, ".*" declarations as
//     dynamic templates, and any other string below the namespace as a
//     keyword;
//   - "siem-<base name>" per index base name (log-aws-cloudtrail), an
//     index template matching the base name and the names derived from
//     it, composed of the vendor components of its types and then ECS
//     (in that order, so the vendor dynamic templates are tried first),
//     with the index settings: shards, replicas, refresh interval,
//     index.mapping.total_fields.limit set to the fields generated plus
//     FieldHeadroom (rounded up to a multiple of 500),
//     index.mapping.depth.limit 20, and index.mapping.ignore_malformed
//     false: a value of the wrong type fails its document, which the sink
//     dead-letters with the reason, rather than being silently left out
//     of the index. With RotateDataStream the template creates data
//     streams;
//   - "siem-rollover-<base name>" per index template, an ISM rollover
//     policy, when TemplateOptions.ISM is set and the rotation is
//     RotateAlias or RotateDataStream (dated indices are never rolled
//     over).
//
// Types sharing a base name (alb, nlb, clb in log-aws-elb) share one
// index template; types sharing a namespace share its component. A
// prefix in TemplateOptions.Index prefixes every name. Templates fails on
// invalid vendor declarations, on two types declaring one field with
// different types, and on a namespace that overlaps ECS.
func Templates(reg *siem.Registry, opts TemplateOptions) ([]Template, error) {
	if _, err := ParseRotation(string(opts.Index.Rotation)); err != nil {
		return nil, err
	}
	if opts.Serverless && (opts.Index.Rotation == RotateAlias || opts.Index.Rotation == RotateDataStream) {
		return nil, fmt.Errorf("OpenSearch Serverless has no aliases or data streams; choose a dated or fixed index rotation instead of %q", opts.Index.Rotation)
	}
	ecsMapping, err := ecsComponent()
	if err != nil {
		return nil, err
	}
	namespaces, groups, err := groupTypes(reg, opts.Index)
	if err != nil {
		return nil, err
	}

	prefix := opts.Index.Prefix
	ecsName := prefix + "siem-ecs"
	// The cluster checks a component template against its own settings,
	// so the ECS one must raise the field limit (default 1000) itself.
	ecsSettings := mappingSettings(fieldsLimit(ecsMapping.root.countFields(), opts.headroom()))
	components := []Template{componentTemplate(ecsName, ecsMapping, ecsSettings, "ECS "+ecs.Version+" field mappings, generated from the field table siem validates events against")}
	vendorTemplates := map[string]Template{}
	vendorMappings := map[string]componentMapping{}
	for _, ns := range namespaces {
		m, err := vendorComponent(ns.name, ns.fields)
		if err != nil {
			return nil, err
		}
		vendorMappings[ns.name] = m
		t := componentTemplate(prefix+"siem-"+ns.name, m, nil, "vendor fields under "+ns.name+" of the log types "+strings.Join(ns.types, ", "))
		vendorTemplates[ns.name] = t
		components = append(components, t)
	}

	var indexTemplates, policies []Template
	for _, g := range groups {
		// The cluster counts the merged mapping: an object the
		// components share (aws, for aws.cloudtrail and aws.cloudwatch)
		// is one field, not one per component.
		composed := make([]string, 0, len(g.namespaces)+1)
		merged := &mappingNode{}
		merged.merge(ecsMapping.root)
		for _, ns := range g.namespaces {
			composed = append(composed, vendorTemplates[ns].Name)
			merged.merge(vendorMappings[ns].root)
		}
		fields := merged.countFields()
		composed = append(composed, ecsName)
		priority := opts.priority() + moreGeneral(g.base, groups)
		indexTemplates = append(indexTemplates, indexTemplate(g, composed, fields, priority, opts))
		if p, ok := rolloverPolicy(g, opts); ok {
			policies = append(policies, p)
		}
	}
	return slices.Concat(components, indexTemplates, policies), nil
}

func (o TemplateOptions) priority() int {
	if o.Priority > 0 {
		return o.Priority
	}
	return defaultPriority
}

func (o TemplateOptions) headroom() int {
	if o.FieldHeadroom > 0 {
		return o.FieldHeadroom
	}
	return defaultFieldHeadroom
}

// moreGeneral counts the other base names that base extends, each of
// whose "<name>-*" pattern therefore also matches base's indices.
func moreGeneral(base string, groups []indexGroup) int {
	n := 0
	for _, g := range groups {
		if g.base != base && strings.HasPrefix(base, g.base+"-") {
			n++
		}
	}
	return n
}

// vendorNamespace collects the declarations of the types sharing one
// namespace.
type vendorNamespace struct {
	name   string
	types  []string
	fields []siem.VendorField
}

// indexGroup is the types written to one base name.
type indexGroup struct {
	base       string
	types      []string
	namespaces []string
}

// groupTypes resolves every registered type's base name (as the sink
// names its indices) and merges vendor declarations per namespace. Both
// lists are sorted by name, so that the output does not depend on the
// registration order.
func groupTypes(reg *siem.Registry, index IndexConfig) ([]vendorNamespace, []indexGroup, error) {
	base := index
	base.Rotation = RotateNone
	nss := map[string]*vendorNamespace{}
	groups := map[string]*indexGroup{}
	for _, lt := range reg.Types() {
		info := lt.Info()
		// A type's documents go to its own index family and to the ones
		// it routes some of them to; each must map the type's fields.
		for _, family := range append([]string{info.Name}, info.Routes...) {
			name, err := base.Name(family, time.Time{}, time.Time{})
			if err != nil {
				return nil, nil, fmt.Errorf("log type %s: %w", info.Name, err)
			}
			g := groups[name]
			if g == nil {
				g = &indexGroup{base: name}
				groups[name] = g
			}
			if !slices.Contains(g.types, info.Name) {
				g.types = append(g.types, info.Name)
			}
			// The registry has checked each schema and namespace; what is
			// left is how the types' and their envelopes' declarations
			// combine.
			for _, schema := range info.VendorSchemas() {
				if err := addNamespace(nss, g, info.Name, schema); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	var nsList []vendorNamespace
	for _, ns := range nss {
		slices.Sort(ns.types)
		slices.SortFunc(ns.fields, func(a, b siem.VendorField) int { return strings.Compare(a.Path, b.Path) })
		nsList = append(nsList, *ns)
	}
	slices.SortFunc(nsList, func(a, b vendorNamespace) int { return strings.Compare(a.name, b.name) })
	var groupList []indexGroup
	for _, g := range groups {
		slices.Sort(g.types)
		slices.Sort(g.namespaces)
		groupList = append(groupList, *g)
	}
	slices.SortFunc(groupList, func(a, b indexGroup) int { return strings.Compare(a.base, b.base) })
	return nsList, groupList, nil
}

// addNamespace merges one type's declarations for a namespace into nss
// and names the namespace in the type's index group.
func addNamespace(nss map[string]*vendorNamespace, g *indexGroup, typeName string, schema siem.VendorSchema) error {
	nsName := schema.Namespace
	if !slices.Contains(g.namespaces, nsName) {
		g.namespaces = append(g.namespaces, nsName)
	}
	ns := nss[nsName]
	if ns == nil {
		ns = &vendorNamespace{name: nsName}
		nss[nsName] = ns
	}
	if !slices.Contains(ns.types, typeName) {
		ns.types = append(ns.types, typeName)
	}
	for _, f := range schema.Fields {
		i := slices.IndexFunc(ns.fields, func(h siem.VendorField) bool { return h.Path == f.Path })
		switch {
		case i < 0:
			ns.fields = append(ns.fields, f)
		case ns.fields[i].Type != f.Type:
			return fmt.Errorf("log types %s declare %s.%s as %s, but %s declares it %s; types sharing a namespace must agree",
				strings.Join(ns.types[:len(ns.types)-1], ", "), nsName, f.Path, ns.fields[i].Type, typeName, f.Type)
		}
	}
	// A declaration valid for each type alone can clash with another
	// type's (a.b below a flat_object a).
	if err := (siem.VendorSchema{Fields: ns.fields}).Validate(); err != nil {
		return fmt.Errorf("namespace %s (types %s): %w", nsName, strings.Join(ns.types, ", "), err)
	}
	return nil
}

// mappingNode is one object or field of a mapping being built.
type mappingNode struct {
	// mapping holds the field's parameters, without properties.
	mapping map[string]any
	// children are the object's properties.
	children map[string]*mappingNode
}

func (n *mappingNode) child(name string) *mappingNode {
	if n.children == nil {
		n.children = map[string]*mappingNode{}
	}
	c := n.children[name]
	if c == nil {
		c = &mappingNode{}
		n.children[name] = c
	}
	return c
}

// add places a field mapping at a dotted path.
func (n *mappingNode) add(path string, mapping map[string]any) *mappingNode {
	for name := range strings.SplitSeq(path, ".") {
		n = n.child(name)
	}
	n.mapping = mapping
	return n
}

// properties returns the properties object of n's children.
func (n *mappingNode) properties() map[string]any {
	props := make(map[string]any, len(n.children))
	for name, c := range n.children {
		m := make(map[string]any, len(c.mapping)+1)
		for k, v := range c.mapping {
			m[k] = v
		}
		switch {
		case len(c.children) > 0:
			m["properties"] = c.properties()
		case len(m) == 0:
			// A vendor namespace without declarations.
			m["type"] = "object"
		}
		props[name] = m
	}
	return props
}

// merge adds src's fields and objects to n; where both have a node, the
// node stays one, as in the mapping the cluster merges from components.
func (n *mappingNode) merge(src *mappingNode) {
	for name, c := range src.children {
		d := n.child(name)
		if d.mapping == nil {
			d.mapping = c.mapping
		}
		d.merge(c)
	}
}

// countFields counts what OpenSearch counts against
// index.mapping.total_fields.limit: every field and object mapper, and
// every multi-field.
func (n *mappingNode) countFields() int {
	total := 0
	for _, c := range n.children {
		total++
		if f, ok := c.mapping["fields"].(map[string]any); ok {
			total += len(f)
		}
		total += c.countFields()
	}
	return total
}

// depth returns the number of object levels above n's deepest field.
func (n *mappingNode) depth() int {
	d := 0
	for _, c := range n.children {
		if len(c.children) > 0 {
			d = max(d, 1+c.depth())
		}
	}
	return d
}

// componentMapping is the content of a generated component template.
type componentMapping struct {
	root             *mappingNode
	dynamicTemplates []map[string]any
}

func (c componentMapping) body() map[string]any {
	return map[string]any{
		"date_detection":    false,
		"dynamic_templates": c.dynamicTemplates,
		"properties":        c.root.properties(),
	}
}

// keywordMapping is how strings nobody declared are mapped.
func keywordMapping() map[string]any {
	return map[string]any{"type": "keyword", "ignore_above": maxKeywordLength}
}

func dynamicTemplate(name string, match map[string]any, mapping map[string]any) map[string]any {
	t := make(map[string]any, len(match)+1)
	for k, v := range match {
		t[k] = v
	}
	t["mapping"] = mapping
	return map[string]any{name: t}
}

// ecsComponent generates the ECS mapping from the field table.
func ecsComponent() (componentMapping, error) {
	c := componentMapping{root: &mappingNode{}}
	fields := ecs.Fields()
	for _, f := range fields {
		m, err := ecsFieldMapping(f)
		if err != nil {
			return c, err
		}
		c.root.add(f.Name, m)
		if f.ObjectType != 0 {
			om, err := ecsTypeMapping(ecs.Field{Name: f.Name + ".*", Type: f.ObjectType, IgnoreAbove: maxKeywordLength})
			if err != nil {
				return c, err
			}
			c.dynamicTemplates = append(c.dynamicTemplates, dynamicTemplate("siem_ecs_"+f.Name, map[string]any{"path_match": f.Name + ".*"}, om))
		}
	}
	// A field ECS types as a value must not have fields below it: they
	// would turn its mapping into an object.
	for _, f := range fields {
		if f.Type == ecs.TypeObject || f.Type == ecs.TypeNested {
			continue
		}
		n := c.root
		for name := range strings.SplitSeq(f.Name, ".") {
			n = n.children[name]
		}
		if len(n.children) > 0 {
			return c, fmt.Errorf("ECS field %s is a %s but has fields below it", f.Name, f.Type)
		}
	}
	c.dynamicTemplates = append(c.dynamicTemplates, dynamicTemplate("siem_strings_as_keywords",
		map[string]any{"match_mapping_type": "string"}, keywordMapping()))
	return c, nil
}

// ecsFieldMapping maps one ECS field, parameters included.
func ecsFieldMapping(f ecs.Field) (map[string]any, error) {
	m, err := ecsTypeMapping(f)
	if err != nil {
		return nil, err
	}
	if f.NotIndexed {
		m["index"] = false
	}
	if f.NoDocValues {
		m["doc_values"] = false
	}
	if len(f.MultiFields) > 0 {
		multi := make(map[string]any, len(f.MultiFields))
		for _, mf := range f.MultiFields {
			mm, err := ecsTypeMapping(ecs.Field{Name: f.Name + "." + mf.Name, Type: mf.Type})
			if err != nil {
				return nil, err
			}
			multi[mf.Name] = mm
		}
		m["fields"] = multi
	}
	return m, nil
}

// ecsTypeMapping maps an ECS type onto its OpenSearch 2.x equivalent.
func ecsTypeMapping(f ecs.Field) (map[string]any, error) {
	switch f.Type {
	case ecs.TypeKeyword, ecs.TypeConstantKeyword:
		m := map[string]any{"type": "keyword"}
		if f.IgnoreAbove > 0 {
			m["ignore_above"] = f.IgnoreAbove
		}
		return m, nil
	case ecs.TypeWildcard:
		m := map[string]any{"type": "wildcard"}
		if f.IgnoreAbove > 0 {
			m["ignore_above"] = f.IgnoreAbove
		}
		return m, nil
	case ecs.TypeMatchOnlyText, ecs.TypeText, ecs.TypeLong, ecs.TypeInteger, ecs.TypeShort,
		ecs.TypeByte, ecs.TypeUnsignedLong, ecs.TypeFloat, ecs.TypeHalfFloat, ecs.TypeDouble,
		ecs.TypeBoolean, ecs.TypeIP, ecs.TypeDate, ecs.TypeGeoPoint, ecs.TypeNested, ecs.TypeObject:
		return map[string]any{"type": f.Type.String()}, nil
	case ecs.TypeScaledFloat:
		if f.ScalingFactor <= 0 {
			return nil, fmt.Errorf("ECS field %s is a scaled_float without a scaling factor", f.Name)
		}
		return map[string]any{"type": "scaled_float", "scaling_factor": f.ScalingFactor}, nil
	case ecs.TypeFlattened:
		return map[string]any{"type": "flat_object"}, nil
	}
	return nil, fmt.Errorf("ECS field %s has type %s, which has no OpenSearch mapping here", f.Name, f.Type)
}

// vendorFieldMapping maps a declared vendor type.
func vendorFieldMapping(typ string) map[string]any {
	switch typ {
	case siem.VendorKeyword:
		return keywordMapping()
	case siem.VendorObjectDisabled:
		return map[string]any{"type": "object", "enabled": false}
	}
	return map[string]any{"type": typ}
}

// vendorMatchTypes lists the JSON kinds, as OpenSearch's dynamic mapping
// names them, that a ".*" declaration of typ applies to.
func vendorMatchTypes(typ string) []string {
	switch typ {
	case siem.VendorLong, siem.VendorUnsignedLong:
		return []string{"long"}
	case siem.VendorDouble:
		return []string{"long", "double"}
	case siem.VendorBoolean:
		return []string{"boolean"}
	case siem.VendorGeoPoint, siem.VendorFlatObject, siem.VendorObjectDisabled:
		return []string{"object"}
	}
	return []string{"string"}
}

// vendorComponent generates the mapping of one vendor namespace.
func vendorComponent(ns string, fields []siem.VendorField) (componentMapping, error) {
	c := componentMapping{root: &mappingNode{}}
	nsNode := c.root.add(ns, nil)
	for _, f := range fields {
		base, wild := strings.CutSuffix(f.Path, ".*")
		if !wild {
			nsNode.add(f.Path, vendorFieldMapping(f.Type))
			continue
		}
		for _, kind := range vendorMatchTypes(f.Type) {
			name := "siem_" + ns + "." + base + "_" + kind
			c.dynamicTemplates = append(c.dynamicTemplates, dynamicTemplate(name,
				map[string]any{"path_match": ns + "." + base + ".*", "match_mapping_type": kind},
				vendorFieldMapping(f.Type)))
		}
	}
	c.dynamicTemplates = append(c.dynamicTemplates, dynamicTemplate("siem_"+ns+"_strings_as_keywords",
		map[string]any{"path_match": ns + ".*", "match_mapping_type": "string"}, keywordMapping()))
	return c, nil
}

// withHash sets a hash of body's content under _meta (or, for a policy,
// at the end of its description) and returns the JSON and the hash.
func withHash(kind TemplateKind, body map[string]any) (json.RawMessage, string) {
	content, err := json.Marshal(body)
	if err != nil {
		panic(err) // maps of strings, numbers and booleans always encode
	}
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:8])
	if kind == ISMPolicy {
		p := body["policy"].(map[string]any)
		p["description"] = p["description"].(string) + " [" + hashKey + " " + hash + "]"
	} else {
		body["_meta"].(map[string]any)[hashKey] = hash
	}
	out, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return out, hash
}

func templateMeta(description string) map[string]any {
	return map[string]any{
		"managed_by":  metaManagedBy,
		"ecs_version": ecs.Version,
		"description": description,
	}
}

// componentTemplate builds a component template of the mapping c, with
// settings when not nil.
func componentTemplate(name string, c componentMapping, settings map[string]any, description string) Template {
	template := map[string]any{"mappings": c.body()}
	if settings != nil {
		template["settings"] = settings
	}
	body := map[string]any{
		"template": template,
		"_meta":    templateMeta(description),
	}
	t := Template{Kind: ComponentTemplate, Name: name, Fields: c.root.countFields()}
	t.Body, t.hash = withHash(ComponentTemplate, body)
	return t
}

// fieldsLimit is the total_fields limit of an index whose generated
// mapping has fields fields.
func fieldsLimit(fields, headroom int) int {
	const step = 500
	return (fields + headroom + step - 1) / step * step
}

// mappingSettings returns the index settings that guard the mapping.
func mappingSettings(fieldsLimit int) map[string]any {
	return map[string]any{"index": map[string]any{"mapping": map[string]any{
		"total_fields":     map[string]any{"limit": fieldsLimit},
		"depth":            map[string]any{"limit": depthLimit},
		"ignore_malformed": false,
	}}}
}

func indexTemplate(g indexGroup, composed []string, fields, priority int, opts TemplateOptions) Template {
	settings := mappingSettings(fieldsLimit(fields, opts.headroom()))
	index := settings["index"].(map[string]any)
	if !opts.Serverless {
		shards := opts.Shards
		if shards <= 0 {
			shards = 1
		}
		index["number_of_shards"] = shards
		if opts.Replicas != nil {
			index["number_of_replicas"] = *opts.Replicas
		}
		if opts.RefreshInterval != "" {
			index["refresh_interval"] = opts.RefreshInterval
		}
	}
	if opts.ISM && !opts.Serverless && opts.Index.Rotation == RotateAlias {
		settings["plugins.index_state_management.rollover_alias"] = g.base
	}
	patterns := []string{g.base, g.base + "-*"}
	body := map[string]any{
		"index_patterns": patterns,
		"priority":       priority,
		"composed_of":    composed,
		"template":       map[string]any{"settings": settings},
		"_meta":          templateMeta("indices of the log types " + strings.Join(g.types, ", ")),
	}
	if opts.Index.Rotation == RotateDataStream {
		body["data_stream"] = map[string]any{}
	}
	t := Template{Kind: IndexTemplate, Name: opts.Index.Prefix + "siem-" + strings.TrimPrefix(g.base, opts.Index.Prefix), Fields: fields, Patterns: patterns}
	t.Body, t.hash = withHash(IndexTemplate, body)
	return t
}

// rolloverPolicy returns the ISM policy of a group, when the options call
// for one.
func rolloverPolicy(g indexGroup, opts TemplateOptions) (Template, bool) {
	var patterns []string
	switch {
	case !opts.ISM || opts.Serverless:
		return Template{}, false
	case opts.Index.Rotation == RotateAlias:
		// The indices behind the write alias, base-000001 and on; the
		// digit keeps dated indices of an earlier rotation out.
		patterns = []string{g.base + "-0*"}
	case opts.Index.Rotation == RotateDataStream:
		// ISM matches a data stream's backing indices by the stream name.
		patterns = []string{g.base}
	default:
		return Template{}, false
	}
	r := opts.Rollover
	if r.MinPrimaryShardSize == "" {
		r.MinPrimaryShardSize = "50gb"
	}
	if r.MinIndexAge == "" {
		r.MinIndexAge = "30d"
	}
	body := map[string]any{
		"policy": map[string]any{
			"description":   "siem-go: roll " + g.base + " over at " + r.MinPrimaryShardSize + " per primary shard or " + r.MinIndexAge,
			"default_state": "hot",
			"states": []any{map[string]any{
				"name": "hot",
				"actions": []any{map[string]any{"rollover": map[string]any{
					"min_primary_shard_size": r.MinPrimaryShardSize,
					"min_index_age":          r.MinIndexAge,
				}}},
				"transitions": []any{},
			}},
			"ism_template": []any{map[string]any{"index_patterns": patterns, "priority": opts.priority()}},
		},
	}
	t := Template{
		Kind:     ISMPolicy,
		Name:     opts.Index.Prefix + "siem-rollover-" + strings.TrimPrefix(g.base, opts.Index.Prefix),
		Patterns: patterns,
	}
	t.Body, t.hash = withHash(ISMPolicy, body)
	return t, true
}

// templateHash returns the hash withHash put into an installed template
// or policy, read from the GET response, or "".
func templateHash(kind TemplateKind, resp []byte) string {
	switch kind {
	case ComponentTemplate:
		var r struct {
			ComponentTemplates []struct {
				ComponentTemplate struct {
					Meta map[string]any `json:"_meta"`
				} `json:"component_template"`
			} `json:"component_templates"`
		}
		if json.Unmarshal(resp, &r) == nil && len(r.ComponentTemplates) == 1 {
			h, _ := r.ComponentTemplates[0].ComponentTemplate.Meta[hashKey].(string)
			return h
		}
	case IndexTemplate:
		var r struct {
			IndexTemplates []struct {
				IndexTemplate struct {
					Meta map[string]any `json:"_meta"`
				} `json:"index_template"`
			} `json:"index_templates"`
		}
		if json.Unmarshal(resp, &r) == nil && len(r.IndexTemplates) == 1 {
			h, _ := r.IndexTemplates[0].IndexTemplate.Meta[hashKey].(string)
			return h
		}
	case ISMPolicy:
		var r struct {
			Policy struct {
				Description string `json:"description"`
			} `json:"policy"`
		}
		if json.Unmarshal(resp, &r) == nil {
			return descriptionHash(r.Policy.Description)
		}
	}
	return ""
}

func descriptionHash(description string) string {
	_, rest, ok := strings.Cut(description, "["+hashKey+" ")
	if !ok {
		return ""
	}
	h, _, _ := strings.Cut(rest, "]")
	return h
}
