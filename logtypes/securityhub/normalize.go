package securityhub

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const ns = Dataset + "."

// maxIDBytes is the longest OpenSearch document id.
const maxIDBytes = 512

var parsers fastjson.ParserPool

type state struct {
	buf   []byte
	ips   []netip.Addr
	users []string
	hosts []string
	inst  []string
	// keys is scratch space for the keys of one resource.
	keys [][]byte
	// scratch holds an address's text.
	scratch []byte
}

var states = sync.Pool{New: func() any { return &state{} }}

// Normalize maps one ASFF finding (a JSON object) onto ev. It is safe for
// concurrent use. A record that is not a finding is an error saying what
// it is instead; an EventBridge "Security Hub Insight Results" detail is
// excluded under RuleInsightResults.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("not a Security Hub finding: invalid JSON: %s", strings.ToValidUTF8(parser.JSONReason(err), "\uFFFD"))
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("not a Security Hub finding: a JSON %s, where an ASFF finding is an object", v.Type())
	}
	s := states.Get().(*state)
	err = s.normalize(rec, v, ev)
	s.buf = s.buf[:0]
	s.ips = s.ips[:0]
	clear(s.users)
	s.users = s.users[:0]
	clear(s.hosts)
	s.hosts = s.hosts[:0]
	clear(s.keys)
	clear(s.inst)
	s.inst = s.inst[:0]
	if cap(s.buf) <= 1<<20 {
		states.Put(s)
	}
	return err
}

// str returns the string member key of v, "" when absent or not a string.
func str(v *fastjson.Value, keys ...string) string {
	m := v.Get(keys...)
	if m == nil || m.Type() != fastjson.TypeString {
		return ""
	}
	return string(m.GetStringBytes())
}

// strBytes is str without the copy; the bytes live as long as the parse.
func strBytes(v *fastjson.Value, keys ...string) []byte {
	m := v.Get(keys...)
	if m == nil || m.Type() != fastjson.TypeString {
		return nil
	}
	return m.GetStringBytes()
}

func (s *state) normalize(rec siem.Record, v *fastjson.Value, ev *ecs.Event) error {
	id := strBytes(v, "Id")
	if len(id) == 0 {
		return notFinding(rec, v)
	}
	if v.Get("SchemaVersion") == nil && v.Get("ProductArn") == nil {
		return fmt.Errorf("not an ASFF finding: the object has an Id but neither SchemaVersion nor ProductArn")
	}
	upd := v.Get("UpdatedAt")
	if upd == nil {
		return fmt.Errorf("ASFF finding %q has no UpdatedAt (required: the time of this version of the finding)", clip(id))
	}
	if upd.Type() != fastjson.TypeString {
		return fmt.Errorf("ASFF finding %q: UpdatedAt is a JSON %s, not a timestamp string", clip(id), upd.Type())
	}
	ts, ok := parseTime(upd.GetStringBytes())
	if !ok {
		return fmt.Errorf("ASFF finding %q: UpdatedAt %q is not an ISO 8601 timestamp", clip(id), clip(upd.GetStringBytes()))
	}

	ev.Date("@timestamp", ts)
	ev.KeywordBytes("event.id", id)
	s.setID(ev, id, ts)
	s.dates(v, ev)

	ev.Keyword("cloud.provider", "aws")
	ev.KeywordBytes("cloud.account.id", strBytes(v, "AwsAccountId"))
	ev.KeywordBytes("cloud.account.name", strBytes(v, "AwsAccountName"))
	region := strBytes(v, "Region")
	if len(region) == 0 {
		region = strBytes(v, "Resources", "0", "Region")
	}
	ev.KeywordBytes("cloud.region", region)
	ev.KeywordBytes("observer.vendor", strBytes(v, "CompanyName"))
	ev.KeywordBytes("observer.product", strBytes(v, "ProductName"))
	ev.KeywordBytes("event.url", strBytes(v, "SourceUrl"))

	types := stringArray(v.Get("Types"))
	s.classify(v, ev, types)
	s.severity(v, ev)
	s.rule(v, ev)
	s.threat(ev, types)
	var malware []string
	for _, m := range v.GetArray("Malware") {
		malware = append(malware, str(m, "Name"))
	}
	ev.Keywords("threat.software.name", malware...)
	s.resources(v, ev)
	s.endpoints(v, ev)
	s.vulnerabilities(v, ev)
	s.process(v, ev)
	s.indicators(v, ev)
	s.vendor(v, ev, types)

	ev.Keywords("cloud.instance.id", s.inst...)
	ev.Keywords("related.hosts", s.hosts...)
	ev.IPs("related.ip", s.ips...)
	ev.Keywords("related.user", s.users...)
	ev.Keywords("related.hash", hashes(v)...)
	return nil
}

// maxHashes bounds related.hash.
const maxHashes = 64

// hashes returns the file hashes a finding names, for related.hash: those
// of the files its Threats list (GuardDuty's malware scans) and the
// values of its HASH_* threat intelligence indicators.
func hashes(v *fastjson.Value) []string {
	var out []string
	add := func(h string) {
		if h != "" && len(out) < maxHashes && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	for _, t := range v.GetArray("Threats") {
		for _, f := range t.GetArray("FilePaths") {
			add(str(f, "Hash"))
		}
	}
	for _, e := range v.GetArray("ThreatIntelIndicators") {
		if strings.HasPrefix(str(e, "Type"), "HASH_") {
			add(str(e, "Value"))
		}
	}
	return out
}

// notFinding explains a record without an Id.
func notFinding(rec siem.Record, v *fastjson.Value) error {
	if m, ok := metaOf(rec); ok && strings.HasPrefix(m.DetailType, "Security Hub Insight Results") {
		return siem.Exclude(RuleInsightResults)
	}
	m, _ := metaOf(rec)
	switch {
	case v.Get("insightResults") != nil || v.Get("insightArn") != nil:
		return siem.Exclude(RuleInsightResults)
	case v.Get("class_uid") != nil || v.Get("finding_info") != nil || (m != nil && m.DetailType == "Findings Imported V2"):
		return fmt.Errorf("an OCSF finding (the new Security Hub's \"Findings Imported V2\" event), not an ASFF finding: this type reads ASFF (Security Hub CSPM) only; send OCSF findings to an OCSF log type")
	case v.Get("findings") != nil:
		f := v.Get("findings")
		if f.Type() == fastjson.TypeArray {
			return fmt.Errorf("EventBridge detail holds no finding: its findings array is empty")
		}
		return fmt.Errorf("EventBridge detail holds no finding: its findings member is a JSON %s, not an array", f.Type())
	case v.Get("Id") != nil:
		return fmt.Errorf("not an ASFF finding: Id is a JSON %s, not a non-empty string", v.Get("Id").Type())
	}
	if m, ok := metaOf(rec); ok {
		return fmt.Errorf("not an ASFF finding: the %q event's detail has no findings and no Id", m.DetailType)
	}
	return fmt.Errorf("not an ASFF finding: the object has no Id (a finding has SchemaVersion, Id, ProductArn, GeneratorId, AwsAccountId, Types, CreatedAt, UpdatedAt, Severity, Title, Description and Resources)")
}

func metaOf(rec siem.Record) (*envelope.EventBridgeMeta, bool) {
	if rec.Delivery == nil {
		return nil, false
	}
	m, ok := rec.Delivery.Meta.(*envelope.EventBridgeMeta)
	return m, ok && m != nil
}

// setID makes the document id from the finding's Id and its UpdatedAt (in
// UTC, whatever the form written), so that every update of a finding is a
// document of its own and a re-read update overwrites itself. An id that
// would pass OpenSearch's 512 bytes is hashed.
func (s *state) setID(ev *ecs.Event, id []byte, ts time.Time) {
	b := append(s.buf[:0], id...)
	b = append(b, '@')
	b = ts.UTC().AppendFormat(b, time.RFC3339Nano)
	if len(b) > maxIDBytes {
		sum := sha256.Sum256(b)
		ev.SetID("sha256:" + hex.EncodeToString(sum[:]))
	} else {
		ev.SetID(string(b))
	}
	s.buf = b[:0]
}

func (s *state) dates(v *fastjson.Value, ev *ecs.Event) {
	for _, d := range [...]struct{ key, path string }{
		{"CreatedAt", "event.created"},
		{"FirstObservedAt", "event.start"},
		{"LastObservedAt", "event.end"},
		{"ProcessedAt", ns + "processed_at"},
	} {
		if t, ok := parseTime(strBytes(v, d.key)); ok {
			ev.Date(d.path, t)
		}
	}
}

// parseTime reads ASFF's RFC 3339 timestamps, and the form Panther and
// some exports rewrite them to ("2024-05-24 22:53:24.000000000", UTC).
func parseTime(b []byte) (time.Time, bool) {
	if len(b) == 0 {
		return time.Time{}, false
	}
	if t, err := parser.ParseRFC3339(b); err == nil {
		return t, true
	}
	if len(b) >= 19 && len(b) <= 40 && b[10] == ' ' {
		var tmp [48]byte
		c := append(tmp[:0], b...)
		c[10] = 'T'
		if last := c[len(c)-1]; last != 'Z' && !bytes.ContainsAny(c[19:], "+-") {
			c = append(c, 'Z')
		}
		if t, err := parser.ParseRFC3339(c); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func stringArray(v *fastjson.Value) []string {
	if v == nil || v.Type() != fastjson.TypeArray {
		return nil
	}
	var out []string
	for _, e := range v.GetArray() {
		if e.Type() == fastjson.TypeString && len(e.GetStringBytes()) > 0 {
			out = append(out, string(e.GetStringBytes()))
		}
	}
	return out
}

// typeNamespace returns the first segment of an ASFF finding type
// ("TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort" -> "TTPs").
func typeNamespace(t string) string {
	ns, _, _ := strings.Cut(t, "/")
	return ns
}

// productOf names the product that produced the finding, lower case, from
// ProductName, else the ProductArn's product path, else the
// aws/securityhub/ProductName product field.
func productOf(v *fastjson.Value) string {
	if p := str(v, "ProductName"); p != "" {
		return strings.ToLower(p)
	}
	if arn := str(v, "ProductArn"); arn != "" {
		if i := strings.LastIndexByte(arn, '/'); i >= 0 {
			return strings.ToLower(arn[i+1:])
		}
	}
	return strings.ToLower(str(v, "ProductFields", "aws/securityhub/ProductName"))
}

// classify sets event.kind, event.category, event.type, event.outcome and
// event.action.
func (s *state) classify(v *fastjson.Value, ev *ecs.Event, types []string) {
	product := productOf(v)
	threat := product == "guardduty" || product == "macie"
	malware := hasMembers(v.Get("Malware"))
	vuln := hasMembers(v.Get("Vulnerabilities")) || product == "inspector"
	for _, t := range types {
		switch typeNamespace(t) {
		case "TTPs", "Effects", "Unusual Behaviors":
			threat = true
		}
		if strings.Contains(t, "/Vulnerabilities") {
			vuln = true
		}
		purpose := t
		if i := strings.LastIndexByte(t, '/'); i >= 0 {
			purpose = t[i+1:]
		}
		purpose, _, _ = strings.Cut(purpose, ":")
		switch purpose {
		case "Backdoor", "CryptoCurrency", "Trojan":
			malware = true
		}
		if strings.Contains(t, "MaliciousFile") || strings.Contains(t, "SuspiciousFile") {
			malware = true
		}
	}
	if malware {
		threat = true
	}
	status := str(v, "Compliance", "Status")
	var cats []string
	switch {
	case threat:
		cats = append(cats, "intrusion_detection")
		if malware {
			cats = append(cats, "malware")
		}
		if vuln {
			cats = append(cats, "vulnerability")
		}
	case vuln:
		cats = append(cats, "vulnerability")
		if product == "inspector" || hasPackages(v) {
			cats = append(cats, "package")
		}
	default:
		cats = append(cats, "configuration")
	}
	// Every finding is an alert, whatever its product: a failed control
	// or a vulnerability is raised by a detection rule as much as a
	// GuardDuty threat is, and the Inspector and GuardDuty types call the
	// same findings alerts. The category tells threats from posture. A
	// passed check is the one exception: it reports a resource's state and
	// asks nothing of an analyst.
	if status == "PASSED" {
		ev.Keyword("event.kind", "state")
	} else {
		ev.Keyword("event.kind", "alert")
	}
	ev.Keywords("event.category", cats...)
	ev.Keywords("event.type", "info")
	switch status {
	case "PASSED":
		ev.Keyword("event.outcome", "success")
	case "FAILED":
		ev.Keyword("event.outcome", "failure")
	case "WARNING", "NOT_AVAILABLE":
		ev.Keyword("event.outcome", "unknown")
	}
	at := str(v, "Action", "ActionType")
	if at == "" {
		at = str(v, "ProductFields", "aws/guardduty/service/action/actionType")
	}
	ev.Keyword("event.action", strings.ToLower(at))
}

func hasMembers(v *fastjson.Value) bool {
	return v != nil && v.Type() == fastjson.TypeArray && len(v.GetArray()) > 0
}

func hasPackages(v *fastjson.Value) bool {
	for _, e := range v.GetArray("Vulnerabilities") {
		if hasMembers(e.Get("VulnerablePackages")) {
			return true
		}
	}
	return false
}

// severity sets event.severity from Severity.Product (the producer's own
// scale), else Severity.Original when it is a number; event.risk_score
// and risk_score_norm from Severity.Normalized (0-100), else from the
// Label as ASFF translates labels (0, 1, 40, 70, 90).
func (s *state) severity(v *fastjson.Value, ev *ecs.Event) {
	sev := v.Get("Severity")
	if sev == nil || sev.Type() != fastjson.TypeObject {
		return
	}
	if p := sev.Get("Product"); p != nil && p.Type() == fastjson.TypeNumber {
		f := p.GetFloat64()
		ev.Double(ns+"severity.product", f)
		if fitsLong(f) {
			ev.Long("event.severity", int64(f))
		}
	} else if f, ok := number(strBytes(sev, "Original")); ok && fitsLong(f) {
		ev.Long("event.severity", int64(f))
	}
	norm := -1.0
	if n := sev.Get("Normalized"); n != nil && n.Type() == fastjson.TypeNumber {
		norm = n.GetFloat64()
		if fitsLong(norm) {
			ev.Long(ns+"severity.normalized", int64(norm))
		}
	}
	label := str(sev, "Label")
	if norm < 0 || norm > 100 {
		norm = -1
		switch label {
		case "INFORMATIONAL":
			norm = 0
		case "LOW":
			norm = 1
		case "MEDIUM":
			norm = 40
		case "HIGH":
			norm = 70
		case "CRITICAL":
			norm = 90
		}
	}
	if norm >= 0 {
		ev.Double("event.risk_score", norm)
		ev.Double("event.risk_score_norm", norm)
	}
	ev.Keyword(ns+"severity.label", label)
	ev.KeywordBytes(ns+"severity.original", strBytes(sev, "Original"))
}

// fitsLong reports whether f converts to an int64 without overflow.
func fitsLong(f float64) bool { return !math.IsNaN(f) && math.Abs(f) < 1<<62 }

func number(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 32 || !(b[0] == '-' || b[0] == '.' || (b[0] >= '0' && b[0] <= '9')) {
		return 0, false
	}
	x, err := strconv.ParseFloat(string(b), 64)
	return x, err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// rule sets rule.*: id from Compliance.SecurityControlId (a control),
// else GeneratorId; name from Title without surrounding space or trailing
// dots; description; reference from the remediation URL; ruleset from
// the control's standards.
func (s *state) rule(v *fastjson.Value, ev *ecs.Event) {
	ev.Keyword("rule.id", ruleID(v))
	title := strings.TrimSpace(str(v, "Title"))
	title = strings.TrimSpace(strings.TrimRight(title, "."))
	ev.Keyword("rule.name", title)
	ev.KeywordBytes("rule.description", strBytes(v, "Description"))
	ev.KeywordBytes("rule.reference", strBytes(v, "Remediation", "Recommendation", "Url"))
	var sets []string
	for _, st := range v.GetArray("Compliance", "AssociatedStandards") {
		if id := str(st, "StandardsId"); id != "" {
			sets = append(sets, id)
		}
	}
	if len(sets) == 0 {
		if a := str(v, "ProductFields", "StandardsArn"); a != "" {
			sets = append(sets, a)
		} else if a := str(v, "ProductFields", "StandardsGuideArn"); a != "" {
			sets = append(sets, a)
		}
	}
	ev.Keywords("rule.ruleset", sets...)
}

// ruleID names what detected the finding: a control's
// Compliance.SecurityControlId; for GuardDuty and Macie, whose GeneratorId
// is a detector or a fixed name, the finding type in the product's own
// form (the classifier of the first type, "Recon:EC2-PortProbeUnprotectedPort"
// -> "Recon:EC2/PortProbeUnprotectedPort"); for Inspector, the first
// vulnerability id (its GeneratorId is "AWSInspector"); else GeneratorId.
func ruleID(v *fastjson.Value) string {
	if id := str(v, "Compliance", "SecurityControlId"); id != "" {
		return id
	}
	switch productOf(v) {
	case "guardduty", "macie":
		if t := str(v, "Types", "0"); t != "" {
			c := t
			if i := strings.LastIndexByte(t, '/'); i >= 0 {
				c = t[i+1:]
			}
			if colon := strings.IndexByte(c, ':'); colon >= 0 {
				if dash := strings.IndexByte(c[colon:], '-'); dash >= 0 {
					c = c[:colon+dash] + "/" + c[colon+dash+1:]
				}
				return c
			}
		}
	case "inspector":
		if id := str(v, "Vulnerabilities", "0", "Id"); id != "" {
			return id
		}
	}
	return str(v, "GeneratorId")
}

// tactics maps ASFF's TTPs categories to MITRE ATT&CK tactics.
var tactics = map[string][2]string{
	"Reconnaissance":       {"TA0043", "Reconnaissance"},
	"Resource Development": {"TA0042", "Resource Development"},
	"Initial Access":       {"TA0001", "Initial Access"},
	"Execution":            {"TA0002", "Execution"},
	"Persistence":          {"TA0003", "Persistence"},
	"Privilege Escalation": {"TA0004", "Privilege Escalation"},
	"Defense Evasion":      {"TA0005", "Defense Evasion"},
	"Credential Access":    {"TA0006", "Credential Access"},
	"Discovery":            {"TA0007", "Discovery"},
	"Lateral Movement":     {"TA0008", "Lateral Movement"},
	"Collection":           {"TA0009", "Collection"},
	"Exfiltration":         {"TA0010", "Exfiltration"},
	"Data Exfiltration":    {"TA0010", "Exfiltration"},
	"Command and Control":  {"TA0011", "Command and Control"},
	"Impact":               {"TA0040", "Impact"},
}

// threat sets threat.tactic.* for the TTPs/<Tactic>/... types.
func (s *state) threat(ev *ecs.Event, types []string) {
	var ids, names, refs []string
	for _, t := range types {
		rest, ok := strings.CutPrefix(t, "TTPs/")
		if !ok {
			continue
		}
		cat, _, _ := strings.Cut(rest, "/")
		tc, ok := tactics[cat]
		if !ok {
			continue
		}
		ids = append(ids, tc[0])
		names = append(names, tc[1])
		refs = append(refs, "https://attack.mitre.org/tactics/"+tc[0]+"/")
	}
	if len(ids) == 0 {
		return
	}
	ev.Keyword("threat.framework", "MITRE ATT&CK")
	ev.Keywords("threat.tactic.id", ids...)
	ev.Keywords("threat.tactic.name", names...)
	ev.Keywords("threat.tactic.reference", refs...)
}

func clip[T string | []byte](b T) string {
	const max = 80
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}

func (s *state) addIP(b []byte) (netip.Addr, bool) {
	a, ok := parser.ParseAddrDropZone(bytes.TrimSpace(b))
	if !ok {
		return netip.Addr{}, false
	}
	s.ips = append(s.ips, a)
	return a, true
}

func (s *state) addUser(u string) {
	if u == "" {
		return
	}
	for _, x := range s.users {
		if x == u {
			return
		}
	}
	s.users = append(s.users, u)
}
