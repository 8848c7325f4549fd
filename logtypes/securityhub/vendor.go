package securityhub

import (
	"bytes"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// flatMembers are the top-level members kept whole under flat_object
// mappings (free-form, product-specific or deep): each is written as
// aws.securityhub.<name>, an object (or an array of objects), with the
// finding's own key names inside; a value a flat_object cannot hold is
// written as compact JSON text in aws.securityhub.<name>_json instead.
var flatMembers = []struct{ key, name, path, jsonPath string }{
	{"Action", "action", ns + "action", ns + "action_json"},
	{"Detection", "detection", ns + "detection", ns + "detection_json"},
	{"FindingProviderFields", "finding_provider_fields", ns + "finding_provider_fields", ns + "finding_provider_fields_json"},
	{"GeneratorDetails", "generator_details", ns + "generator_details", ns + "generator_details_json"},
	{"Malware", "malware", ns + "malware", ns + "malware_json"},
	{"Network", "network", ns + "network", ns + "network_json"},
	{"NetworkPath", "network_path", ns + "network_path", ns + "network_path_json"},
	{"Note", "note", ns + "note", ns + "note_json"},
	{"PatchSummary", "patch_summary", ns + "patch_summary", ns + "patch_summary_json"},
	{"Process", "process", ns + "process", ns + "process_json"},
	{"ProductFields", "product_fields", ns + "product_fields", ns + "product_fields_json"},
	{"RelatedFindings", "related_findings", ns + "related_findings", ns + "related_findings_json"},
	{"ThreatIntelIndicators", "threat_intel_indicators", ns + "threat_intel_indicators", ns + "threat_intel_indicators_json"},
	{"Threats", "threats", ns + "threats", ns + "threats_json"},
	{"UserDefinedFields", "user_defined_fields", ns + "user_defined_fields", ns + "user_defined_fields_json"},
	{"Vulnerabilities", "vulnerabilities", ns + "vulnerabilities", ns + "vulnerabilities_json"},
}

// keywordMembers are the top-level strings kept as keywords.
var keywordMembers = []struct{ key, name, path, jsonPath string }{
	{"SchemaVersion", "schema_version", ns + "schema_version", ns + "schema_version_json"},
	{"ProductArn", "product_arn", ns + "product_arn", ns + "product_arn_json"},
	{"GeneratorId", "generator_id", ns + "generator_id", ns + "generator_id_json"},
	{"Title", "title", ns + "title", ns + "title_json"},
	{"RecordState", "record_state", ns + "record_state", ns + "record_state_json"},
	{"VerificationState", "verification_state", ns + "verification_state", ns + "verification_state_json"},
	{"WorkflowState", "workflow_state", ns + "workflow_state", ns + "workflow_state_json"},
}

// numTopMembers is the length of keywordMembers and flatMembers together.
const numTopMembers = 7 + 16

// memberIndex numbers the keys of keywordMembers, then of flatMembers.
var memberIndex = func() map[string]int {
	if len(keywordMembers)+len(flatMembers) != numTopMembers {
		panic("securityhub: numTopMembers is not the length of keywordMembers and flatMembers")
	}
	m := make(map[string]int, len(keywordMembers)+len(flatMembers))
	for i, k := range keywordMembers {
		m[k.key] = i
	}
	for i, k := range flatMembers {
		m[k.key] = len(keywordMembers) + i
	}
	return m
}()

// mapped are the top-level members mapped to ECS (or handled above) and
// therefore not repeated under aws.securityhub.other.
var mapped = map[string]bool{
	"Id": true, "UpdatedAt": true, "CreatedAt": true, "FirstObservedAt": true, "LastObservedAt": true,
	"ProcessedAt": true, "AwsAccountId": true, "AwsAccountName": true, "Region": true, "CompanyName": true,
	"ProductName": true, "SourceUrl": true, "Description": true, "Types": true, "Severity": true,
	"Confidence": true, "Criticality": true, "Sample": true, "Remediation": true, "Resources": true,
	"Compliance": true, "Workflow": true,
}

var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields:    vendorFields(),
}

func vendorFields() []siem.VendorField {
	fs := []siem.VendorField{
		{Path: "processed_at", Type: siem.VendorDate},
		{Path: "confidence", Type: siem.VendorLong},
		{Path: "criticality", Type: siem.VendorLong},
		{Path: "sample", Type: siem.VendorBoolean},
		{Path: "severity.normalized", Type: siem.VendorLong},
		{Path: "severity.product", Type: siem.VendorDouble},
		{Path: "compliance.security_control_parameters", Type: siem.VendorFlatObject},
		{Path: "compliance.security_control_parameters_json", Type: siem.VendorWildcard},
		{Path: "compliance.status_reasons", Type: siem.VendorFlatObject},
		{Path: "compliance.status_reasons_json", Type: siem.VendorWildcard},
		{Path: "resources.details", Type: siem.VendorFlatObject},
		{Path: "resources.details_json", Type: siem.VendorWildcard},
		{Path: "resources.tags", Type: siem.VendorFlatObject},
		{Path: "resources.tags_json", Type: siem.VendorWildcard},
		{Path: "resources.data_classification", Type: siem.VendorFlatObject},
		{Path: "resources.data_classification_json", Type: siem.VendorWildcard},
		{Path: "other", Type: siem.VendorFlatObject},
		{Path: "other_json", Type: siem.VendorWildcard},
		{Path: "resources.other", Type: siem.VendorFlatObject},
		{Path: "resources.other_json", Type: siem.VendorWildcard},
	}
	for _, m := range flatMembers {
		fs = append(fs,
			siem.VendorField{Path: m.name, Type: siem.VendorFlatObject},
			siem.VendorField{Path: m.name + "_json", Type: siem.VendorWildcard})
	}
	return fs
}

// vendor writes what has no ECS home under aws.securityhub.
func (s *state) vendor(v *fastjson.Value, ev *ecs.Event, types []string) {
	// The members of both tables are found in one pass over the finding:
	// most flatMembers are absent from any one finding, and Get would
	// compare every top-level key to find that out, once per name. Each
	// keeps its first occurrence, as Get does.
	var top [numTopMembers]*fastjson.Value
	if o, err := v.Object(); err == nil {
		o.Visit(func(k []byte, x *fastjson.Value) {
			if i, ok := memberIndex[string(k)]; ok && top[i] == nil {
				top[i] = x
			}
		})
	}
	for i, m := range keywordMembers {
		if x := top[i]; x != nil && x.Type() == fastjson.TypeString {
			ev.KeywordBytes(m.path, x.GetStringBytes())
		}
	}
	ev.Keywords(ns+"types", types...)
	for _, k := range [...]struct{ key, path string }{{"Confidence", ns + "confidence"}, {"Criticality", ns + "criticality"}} {
		if n := v.Get(k.key); n != nil && n.Type() == fastjson.TypeNumber {
			if i, err := n.Int64(); err == nil {
				ev.Long(k.path, i)
			}
		}
	}
	if b := v.Get("Sample"); b != nil {
		switch b.Type() {
		case fastjson.TypeTrue:
			ev.Bool(ns+"sample", true)
		case fastjson.TypeFalse:
			ev.Bool(ns+"sample", false)
		}
	}
	ev.KeywordBytes(ns+"remediation.recommendation.text", strBytes(v, "Remediation", "Recommendation", "Text"))
	ev.KeywordBytes(ns+"workflow.status", strBytes(v, "Workflow", "Status"))

	if c := v.Get("Compliance"); c != nil && c.Type() == fastjson.TypeObject {
		ev.KeywordBytes(ns+"compliance.status", strBytes(c, "Status"))
		ev.KeywordBytes(ns+"compliance.security_control_id", strBytes(c, "SecurityControlId"))
		ev.Keywords(ns+"compliance.related_requirements", stringArray(c.Get("RelatedRequirements"))...)
		var stds []string
		for _, st := range c.GetArray("AssociatedStandards") {
			if id := str(st, "StandardsId"); id != "" {
				stds = append(stds, id)
			}
		}
		ev.Keywords(ns+"compliance.associated_standards", stds...)
		s.flat(ev, ns+"compliance.status_reasons", ns+"compliance.status_reasons_json", c.Get("StatusReasons"))
		s.flat(ev, ns+"compliance.security_control_parameters", ns+"compliance.security_control_parameters_json", c.Get("SecurityControlParameters"))
	}
	for i, m := range flatMembers {
		s.flat(ev, m.path, m.jsonPath, top[len(keywordMembers)+i])
	}

	s.other(v, ev)
}

// other writes the top-level members this type does not know as one
// flat_object, aws.securityhub.other, keyed by their snake_case names
// (the first of a repeated name wins), each value a string: as written
// for a string, else its compact JSON. Nulls and empty arrays and
// objects are left out. One flat_object rather than a field per member,
// so that keys nobody declared cannot grow the index mapping; when it
// would pass maxFlatBytes it is written as JSON text in other_json.
func (s *state) other(v *fastjson.Value, ev *ecs.Event) {
	o, _ := v.Object()
	b := append(s.buf[:0], '{')
	start := len(b)
	var name, text []byte
	o.Visit(func(k []byte, e *fastjson.Value) {
		if mapped[string(k)] || isKnown(k) {
			return
		}
		text = text[:0]
		switch e.Type() {
		case fastjson.TypeNull:
			return
		case fastjson.TypeString:
			if len(e.GetStringBytes()) == 0 {
				return
			}
			text = append(text, e.GetStringBytes()...)
		case fastjson.TypeArray:
			if len(e.GetArray()) == 0 {
				return
			}
			text = appendCompact(text, e)
		case fastjson.TypeObject:
			if eo, _ := e.Object(); eo.Len() == 0 {
				return
			}
			text = appendCompact(text, e)
		default:
			text = appendCompact(text, e)
		}
		name = snake(name[:0], k)
		if containsMember(b[start:], name) {
			return
		}
		if len(b) > start {
			b = append(b, ',')
		}
		b = ecs.AppendStringBytes(b, name)
		b = append(b, ':')
		b = ecs.AppendStringBytes(b, text)
	})
	if len(b) > start {
		b = append(b, '}')
		if len(b) <= maxFlatBytes {
			ev.RawJSON(ns+"other", b)
		} else {
			ev.KeywordBytes(ns+"other_json", b)
		}
	}
	s.buf = b[:0]
}

// containsMember reports whether the members written so far, "k":"v"
// pairs with snake_case keys, hold the key name.
func containsMember(members, name []byte) bool {
	for i := 0; i < len(members); {
		// Each pair starts with the quoted key, which needs no escapes.
		if members[i] != '"' {
			return false
		}
		end := bytes.IndexByte(members[i+1:], '"')
		if end < 0 {
			return false
		}
		if bytes.Equal(members[i+1:i+1+end], name) {
			return true
		}
		// Skip ':' and the value string.
		j := i + 1 + end + 2
		j = skipString(members, j)
		if j < len(members) && members[j] == ',' {
			j++
		}
		i = j
	}
	return false
}

func isKnown(k []byte) bool {
	for _, m := range keywordMembers {
		if m.key == string(k) {
			return true
		}
	}
	for _, m := range flatMembers {
		if m.key == string(k) {
			return true
		}
	}
	return false
}

// flat writes a free-form member under a flat_object path: an object as
// it is (re-encoded, see appendFlat), an array's objects as an array, and
// whatever a flat_object cannot hold as compact JSON text under
// jsonPath. Nulls and empty objects and arrays are left out.
func (s *state) flat(ev *ecs.Event, path, jsonPath string, v *fastjson.Value) {
	if v == nil {
		return
	}
	switch v.Type() {
	case fastjson.TypeNull:
		return
	case fastjson.TypeObject:
		if o, _ := v.Object(); o.Len() == 0 {
			return
		}
		if b, ok := appendFlat(s.buf[:0], v); ok {
			ev.RawJSON(path, b)
			s.buf = b[:0]
			return
		}
		ev.KeywordBytes(jsonPath, appendCompact(s.buf[:0], v))
		return
	case fastjson.TypeArray:
		b := append(s.buf[:0], '[')
		n := 0
		var texts []string
		for _, e := range v.GetArray() {
			if e.Type() == fastjson.TypeObject {
				if o, _ := e.Object(); o.Len() == 0 {
					continue
				}
				if n > 0 {
					b = append(b, ',')
				}
				start := len(b)
				var ok bool
				if b, ok = appendFlat(b, e); ok {
					n++
					continue
				}
				b = b[:start]
				if n > 0 {
					b = b[:start-1]
				}
			}
			if e.Type() == fastjson.TypeNull {
				continue
			}
			texts = append(texts, string(appendCompact(nil, e)))
		}
		if n > 0 {
			ev.RawJSON(path, append(b, ']'))
		}
		s.buf = b[:0]
		ev.Keywords(jsonPath, texts...)
		return
	}
	ev.KeywordBytes(jsonPath, appendCompact(s.buf[:0], v))
}

// vulnerabilities sets vulnerability.* from Vulnerabilities[]: every id,
// and the first vulnerability's CVSS score, severity and references.
func (s *state) vulnerabilities(v *fastjson.Value, ev *ecs.Event) {
	arr := v.GetArray("Vulnerabilities")
	if len(arr) == 0 {
		return
	}
	var ids, enums, refs []string
	for _, e := range arr {
		id := str(e, "Id")
		if id == "" {
			continue
		}
		ids = append(ids, id)
		if i := strings.IndexByte(id, '-'); i > 0 {
			switch p := id[:i]; p {
			case "CVE", "GHSA", "ALAS", "ALAS2", "ALAS2023", "RHSA", "DSA", "USN", "CWE":
				enums = append(enums, p)
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	first := arr[0]
	ev.Keywords("vulnerability.id", ids...)
	ev.Keywords("vulnerability.enumeration", enums...)
	if u := str(first, "Vendor", "Url"); u != "" {
		refs = append(refs, u)
	}
	refs = append(refs, stringArray(first.Get("ReferenceUrls"))...)
	ev.Keywords("vulnerability.reference", refs...)
	ev.Keyword("vulnerability.severity", firstOf(str(first, "Vendor", "VendorSeverity"), str(v, "Severity", "Label")))
	ev.Keyword("vulnerability.scanner.vendor", str(v, "CompanyName"))
	ev.Keyword("vulnerability.description", str(v, "Description"))
	// The highest CVSS version's base score.
	var best *fastjson.Value
	for _, c := range first.GetArray("Cvss") {
		if c.Get("BaseScore") == nil || c.Get("BaseScore").Type() != fastjson.TypeNumber {
			continue
		}
		if best == nil || str(c, "Version") > str(best, "Version") {
			best = c
		}
	}
	if best != nil {
		ev.Double("vulnerability.score.base", best.GetFloat64("BaseScore"))
		ev.Keyword("vulnerability.score.version", str(best, "Version"))
		ev.Keyword("vulnerability.classification", "CVSS")
	}
}

// process sets process.* from the finding's Process member.
func (s *state) process(v *fastjson.Value, ev *ecs.Event) {
	p := v.Get("Process")
	if p == nil || p.Type() != fastjson.TypeObject {
		return
	}
	ev.KeywordBytes("process.name", strBytes(p, "Name"))
	ev.KeywordBytes("process.executable", strBytes(p, "Path"))
	if n := intOf(p.Get("Pid")); n > 0 {
		ev.Long("process.pid", n)
	}
	if n := intOf(p.Get("ParentPid")); n > 0 {
		ev.Long("process.parent.pid", n)
	}
	if t, ok := parseTime(strBytes(p, "LaunchedAt")); ok {
		ev.Date("process.start", t)
	}
	if t, ok := parseTime(strBytes(p, "TerminatedAt")); ok {
		ev.Date("process.end", t)
	}
}
