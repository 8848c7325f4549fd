package opensearchaudit

import (
	"bytes"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

var (
	parsers fastjson.ParserPool
	arenas  fastjson.ArenaPool
)

// truncatedLen is the length, in characters, at which OpenSearch Service
// cuts audit messages; a cut message is no longer JSON.
const truncatedLen = 10000

// kind says how a known member is written under the vendor namespace.
type kind uint8

const (
	kKeyword  kind = iota // a string
	kKeywords             // an array of strings (or one string)
	kLong                 // an integer
	kBool                 // true or false
	kIP                   // an IP address string
	kWildcard             // long text; a JSON value that is not a string is kept as its JSON text
	kFlat                 // an object, kept as a flat_object
)

// vendorMember is a member kept under the vendor namespace as it is.
type vendorMember struct {
	path string
	kind kind
}

// vendorMembers are the documented members with no ECS home, by name.
// Their paths are constants: ecs.Event remembers layouts by path identity.
var vendorMembers = map[string]vendorMember{
	"audit_format_version":                  {"aws.opensearch_audit.audit_format_version", kLong},
	"audit_cluster_name":                    {"aws.opensearch_audit.audit_cluster_name", kKeyword},
	"audit_node_id":                         {"aws.opensearch_audit.audit_node_id", kKeyword},
	"audit_node_host_address":               {"aws.opensearch_audit.audit_node_host_address", kIP},
	"audit_node_host_name":                  {"aws.opensearch_audit.audit_node_host_name", kKeyword},
	"audit_request_layer":                   {"aws.opensearch_audit.audit_request_layer", kKeyword},
	"audit_request_origin":                  {"aws.opensearch_audit.audit_request_origin", kKeyword},
	"audit_request_effective_user_is_admin": {"aws.opensearch_audit.audit_request_effective_user_is_admin", kBool},
	"audit_request_privilege":               {"aws.opensearch_audit.audit_request_privilege", kKeyword},
	"audit_request_body":                    {"aws.opensearch_audit.audit_request_body", kWildcard},
	"audit_request_exception_stacktrace":    {"aws.opensearch_audit.audit_request_exception_stacktrace", kWildcard},
	"audit_rest_request_params":             {"aws.opensearch_audit.audit_rest_request_params", kFlat},
	"audit_rest_request_headers":            {"aws.opensearch_audit.audit_rest_request_headers", kFlat},
	"audit_transport_request_type":          {"aws.opensearch_audit.audit_transport_request_type", kKeyword},
	"audit_transport_action":                {"aws.opensearch_audit.audit_transport_action", kKeyword},
	"audit_transport_headers":               {"aws.opensearch_audit.audit_transport_headers", kFlat},
	"audit_trace_task_id":                   {"aws.opensearch_audit.audit_trace_task_id", kKeyword},
	"audit_trace_task_parent_id":            {"aws.opensearch_audit.audit_trace_task_parent_id", kKeyword},
	"audit_trace_indices":                   {"aws.opensearch_audit.audit_trace_indices", kKeywords},
	"audit_trace_resolved_indices":          {"aws.opensearch_audit.audit_trace_resolved_indices", kKeywords},
	"audit_trace_doc_id":                    {"aws.opensearch_audit.audit_trace_doc_id", kKeyword},
	"audit_trace_shard_id":                  {"aws.opensearch_audit.audit_trace_shard_id", kLong},
	"audit_compliance_operation":            {"aws.opensearch_audit.audit_compliance_operation", kKeyword},
	"audit_compliance_doc_version":          {"aws.opensearch_audit.audit_compliance_doc_version", kLong},
	"audit_compliance_diff_is_noop":         {"aws.opensearch_audit.audit_compliance_diff_is_noop", kBool},
	"audit_compliance_diff_stored_is_noop":  {"aws.opensearch_audit.audit_compliance_diff_stored_is_noop", kBool},
	"audit_compliance_diff_content":         {"aws.opensearch_audit.audit_compliance_diff_content", kWildcard},
	"audit_compliance_file_infos":           {"aws.opensearch_audit.audit_compliance_file_infos", kFlat},
}

// categorization is what an audit category says in ECS terms.
type categorization struct {
	category, typ []string
	outcome       string
}

var (
	catAuthn    = []string{"authentication"}
	catDatabase = []string{"database"}
	catConfig   = []string{"configuration"}
	catConfigDB = []string{"configuration", "database"}
	catConfigIA = []string{"configuration", "iam"}
	catNetwork  = []string{"network"}
	catWeb      = []string{"web"}
	typStart    = []string{"start"}
	typAccess   = []string{"access"}
	typChange   = []string{"change"}
	typInfo     = []string{"info"}
	typError    = []string{"error"}
	typConn     = []string{"connection"}
)

// categories maps audit_category. An unknown category is a database
// event of type info, with no outcome.
var categories = map[string]categorization{
	"FAILED_LOGIN":                       {catAuthn, typStart, "failure"},
	"AUTHENTICATED":                      {catAuthn, typStart, "success"},
	"MISSING_PRIVILEGES":                 {catDatabase, typAccess, "failure"},
	"GRANTED_PRIVILEGES":                 {catDatabase, typAccess, "success"},
	"SSL_EXCEPTION":                      {catNetwork, typConn, "failure"},
	"BAD_HEADERS":                        {catWeb, typError, "failure"},
	"OPENDISTRO_SECURITY_INDEX_ATTEMPT":  {catConfigDB, typAccess, "failure"},
	"OPENSEARCH_SECURITY_INDEX_ATTEMPT":  {catConfigDB, typAccess, "failure"},
	"INDEX_EVENT":                        {catConfigDB, typChange, ""},
	"COMPLIANCE_DOC_READ":                {catDatabase, typAccess, ""},
	"COMPLIANCE_DOC_WRITE":               {catDatabase, typChange, ""},
	"COMPLIANCE_INTERNAL_CONFIG_READ":    {catConfig, typAccess, ""},
	"COMPLIANCE_INTERNAL_CONFIG_WRITE":   {catConfigIA, typChange, ""},
	"COMPLIANCE_EXTERNAL_CONFIG":         {catConfig, typInfo, ""},
	"CLUSTER_SETTINGS_CHANGED":           {catConfig, typChange, ""},
	"INDEX_SETTINGS_CHANGED":             {catConfigDB, typChange, ""},
	"COMPLIANCE_INTERNAL_CONFIG_CHANGED": {catConfigIA, typChange, ""},
}

var unknownCategory = categorization{catDatabase, typInfo, ""}

// alertCategories record a tampering attempt the security plugin blocked,
// not routine access: BAD_HEADERS, a request carrying the plugin's
// internal headers, which only the plugin may set, and
// *_SECURITY_INDEX_ATTEMPT, a request to the security index by anyone but
// an admin.
var alertCategories = map[string]bool{
	"BAD_HEADERS":                       true,
	"OPENDISTRO_SECURITY_INDEX_ATTEMPT": true,
	"OPENSEARCH_SECURITY_INDEX_ATTEMPT": true,
}

// record holds the members mapped to ECS, nil when absent.
type record struct {
	ts, utcTS, category, effective, initiating, remote, method, path, node *fastjson.Value
	headers                                                                *fastjson.Value
}

// Normalize maps one audit message onto ev. See the package documentation
// for the mapping.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		if utf8.RuneCount(rec.Data) == truncatedLen {
			return fmt.Errorf("audit message is not valid JSON: it is %d characters long, the size at which OpenSearch Service truncates audit messages (%v)", truncatedLen, err)
		}
		return fmt.Errorf("audit message is not valid JSON: %v", err)
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("audit message is a JSON %s, not an object", v.Type())
	}
	a := arenas.Get()
	defer arenas.Put(a)
	a.Reset()
	var (
		r     record
		other *fastjson.Value
	)
	keep := func(k []byte, v *fastjson.Value) {
		if other == nil {
			other = a.NewObject()
		}
		other.Set(string(k), v)
	}
	type kept struct {
		m vendorMember
		v *fastjson.Value
	}
	var vendor []kept
	o.Visit(func(k []byte, v *fastjson.Value) {
		switch string(k) {
		case "@timestamp":
			r.ts = v
		case "audit_utc_timestamp":
			r.utcTS = v
		case "audit_category":
			r.category = v
		case "audit_request_effective_user":
			r.effective = v
		case "audit_request_initiating_user":
			r.initiating = v
		case "audit_request_remote_address":
			r.remote = v
		case "audit_rest_request_method":
			r.method = v
		case "audit_rest_request_path":
			r.path = v
		case "audit_node_name":
			r.node = v
		default:
			if m, ok := vendorMembers[string(k)]; ok {
				if string(k) == "audit_rest_request_headers" {
					r.headers = v
				}
				vendor = append(vendor, kept{m, v})
				return
			}
			keep(k, v)
		}
	})

	// @timestamp, else the older formats' audit_utc_timestamp.
	tsv, tsName := r.ts, "@timestamp"
	if tsv == nil {
		tsv, tsName = r.utcTS, "audit_utc_timestamp"
	} else if r.utcTS != nil {
		keep([]byte("audit_utc_timestamp"), r.utcTS)
	}
	if tsv == nil {
		return fmt.Errorf("audit message has no @timestamp")
	}
	tsb, err := tsv.StringBytes()
	if err != nil {
		return fmt.Errorf("%s is a JSON %s, not a string", tsName, tsv.Type())
	}
	ts, err := parser.ParseRFC3339(tsb)
	if err != nil {
		return fmt.Errorf("%s %q: %v", tsName, truncate(tsb), err)
	}
	ev.Date("@timestamp", ts.UTC())

	// Cloud: the account id and domain name Amazon OpenSearch Service
	// writes as the cluster name, <account>:<domain>.
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.service.name", "opensearch")
	for _, kv := range vendor {
		if kv.m.path == "aws.opensearch_audit.audit_cluster_name" {
			if s, err := kv.v.StringBytes(); err == nil {
				account, domain, ok := bytes.Cut(s, []byte{':'})
				if ok && isAccountID(account) {
					ev.KeywordBytes("cloud.account.id", account)
					ev.KeywordBytes("service.name", domain)
				}
			}
		}
	}

	// Event.
	cat := ""
	if r.category != nil {
		if s, err := r.category.StringBytes(); err == nil {
			cat = string(s)
		} else {
			keep([]byte("audit_category"), r.category)
		}
	}
	c, ok := categories[cat]
	if !ok {
		c = unknownCategory
	}
	ev.Keyword("event.action", cat)
	ev.Keywords("event.category", c.category...)
	if alertCategories[cat] {
		ev.Keyword("event.kind", "alert")
	} else {
		ev.Keyword("event.kind", "event")
	}
	ev.Keyword("event.outcome", c.outcome)
	ev.Keywords("event.type", c.typ...)

	// HTTP and URL from the REST layer.
	if s, ok := str(r.method); ok {
		ev.KeywordBytes("http.request.method", s)
	} else if r.method != nil {
		keep([]byte("audit_rest_request_method"), r.method)
	}
	var ua, host []byte
	if r.headers != nil && r.headers.Type() == fastjson.TypeObject {
		r.headers.GetObject().Visit(func(k []byte, v *fastjson.Value) {
			switch {
			case bytes.EqualFold(k, userAgent):
				ua = firstString(v)
			case bytes.EqualFold(k, hostHeader):
				host = firstString(v)
			}
		})
	}
	var hostIP netip.Addr
	hostName := ""
	if len(host) > 0 {
		h, port := splitHostPort(string(host))
		domain := h
		if ip, err := netip.ParseAddr(h); err == nil {
			hostIP = ip
			if ip.Is6() {
				domain = "[" + h + "]" // as ECS writes IPv6 literals in url.domain
			}
		} else {
			hostName = h
		}
		ev.Keyword("url.domain", domain)
		if m := endpointRegion.FindStringSubmatch(strings.ToLower(h)); m != nil {
			ev.Keyword("cloud.region", m[1]+m[2])
		}
		if port > 0 {
			ev.Long("url.port", int64(port))
		}
	}
	if s, ok := str(r.path); ok {
		ev.KeywordBytes("url.path", s)
	} else if r.path != nil {
		keep([]byte("audit_rest_request_path"), r.path)
	}
	ev.KeywordBytes("user_agent.original", ua)

	// Source.
	var srcIP netip.Addr
	if s, ok := str(r.remote); ok {
		if ip, ok := parser.ParseAddrDropZone(s); ok {
			srcIP = ip
			ev.IP("source.ip", ip)
		} else {
			ev.KeywordBytes("aws.opensearch_audit.audit_request_remote_address", s)
		}
	} else if r.remote != nil {
		keep([]byte("audit_request_remote_address"), r.remote)
	}

	// Users: the initiating user is who sent the request; when it differs
	// the request ran as the effective user.
	eff, _ := str(r.effective)
	ini, _ := str(r.initiating)
	if r.effective != nil && eff == nil {
		keep([]byte("audit_request_effective_user"), r.effective)
	}
	if r.initiating != nil && ini == nil {
		keep([]byte("audit_request_initiating_user"), r.initiating)
	}
	switch {
	case len(ini) > 0 && !bytes.Equal(ini, eff):
		ev.KeywordBytes("user.name", ini)
		ev.KeywordBytes("user.effective.name", eff)
	case len(eff) > 0:
		ev.KeywordBytes("user.name", eff)
	default:
		ev.KeywordBytes("user.name", ini)
	}
	ev.Keywords("related.user", string(ini), string(eff))
	ev.IPs("related.ip", srcIP, hostIP)
	ev.Keywords("related.hosts", hostName)

	// The node that wrote the message.
	if s, ok := str(r.node); ok {
		ev.KeywordBytes("service.node.name", s)
	} else if r.node != nil {
		keep([]byte("audit_node_name"), r.node)
	}
	ev.Keyword("service.type", "opensearch")

	// Vendor members. The body of a REST-layer message is the HTTP
	// request's; other layers' bodies (a transport request's source, a
	// compliance event's document) stay in the vendor field.
	rest := false
	for _, kv := range vendor {
		if kv.m.path == "aws.opensearch_audit.audit_request_layer" {
			s, _ := str(kv.v)
			rest = string(s) == "REST"
		}
	}
	for _, kv := range vendor {
		m := kv.m
		if rest && m.path == "aws.opensearch_audit.audit_request_body" {
			m.path = "http.request.body.content"
		}
		if !writeVendor(ev, m, kv.v) && kv.v.Type() != fastjson.TypeNull {
			keep([]byte(strings.TrimPrefix(kv.m.path, "aws.opensearch_audit.")), kv.v)
		}
	}
	if other != nil {
		if out := freeform.AppendClean(nil, other); len(out) > 0 {
			ev.RawJSON("aws.opensearch_audit.other", out)
		}
	}
	return nil
}

// writeVendor writes one known vendor member. It reports false when the
// member's JSON type is not the documented one (or it is null), leaving
// the member to aws.opensearch_audit.other.
func writeVendor(ev *ecs.Event, m vendorMember, v *fastjson.Value) bool {
	switch m.kind {
	case kKeyword:
		if s, ok := str(v); ok {
			ev.KeywordBytes(m.path, s)
			return true
		}
	case kKeywords:
		switch v.Type() {
		case fastjson.TypeString:
			ev.KeywordBytes(m.path, v.GetStringBytes())
			return true
		case fastjson.TypeArray:
			arr := v.GetArray()
			vals := make([]string, 0, len(arr))
			for _, e := range arr {
				if e.Type() != fastjson.TypeString {
					return false
				}
				vals = append(vals, string(e.GetStringBytes()))
			}
			ev.Keywords(m.path, vals...)
			return true
		}
	case kLong:
		if v.Type() == fastjson.TypeNumber {
			if n, err := v.Int64(); err == nil {
				ev.Long(m.path, n)
				return true
			}
		}
	case kBool:
		switch v.Type() {
		case fastjson.TypeTrue:
			ev.Bool(m.path, true)
			return true
		case fastjson.TypeFalse:
			ev.Bool(m.path, false)
			return true
		}
	case kIP:
		if s, ok := str(v); ok {
			if ip, ok := parser.ParseAddrDropZone(s); ok {
				ev.IP(m.path, ip)
				return true
			}
		}
	case kWildcard:
		switch v.Type() {
		case fastjson.TypeString:
			ev.KeywordBytes(m.path, v.GetStringBytes())
			return true
		case fastjson.TypeObject, fastjson.TypeArray:
			// Some versions write the body as JSON rather than as its
			// text: keep it as its compact JSON text, searchable the
			// same way.
			ev.KeywordBytes(m.path, v.MarshalTo(nil))
			return true
		}
	case kFlat:
		if v.Type() == fastjson.TypeObject {
			if out := freeform.AppendClean(nil, v); len(out) > 0 {
				ev.RawJSON(m.path, out)
			}
			return true
		}
	}
	return false
}

// str returns v's string, when v is a non-empty string.
func str(v *fastjson.Value) ([]byte, bool) {
	if v == nil || v.Type() != fastjson.TypeString {
		return nil, false
	}
	s := v.GetStringBytes()
	return s, len(s) > 0
}

// firstString returns a header's value: the first non-empty string of an
// array (the audit format's shape), or the string itself.
func firstString(v *fastjson.Value) []byte {
	if s, ok := str(v); ok {
		return s
	}
	if v.Type() == fastjson.TypeArray {
		for _, e := range v.GetArray() {
			if s, ok := str(e); ok {
				return s
			}
		}
	}
	return nil
}

// splitHostPort splits a Host header into host and port (0 when absent or
// not a port). IPv6 literals are bracketed in Host headers.
func splitHostPort(h string) (string, int) {
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		if end < 0 {
			return h, 0
		}
		host, rest := h[1:end], h[end+1:]
		if p, ok := port(strings.TrimPrefix(rest, ":")); ok && strings.HasPrefix(rest, ":") {
			return host, p
		}
		return host, 0
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.IndexByte(h[:i], ':') < 0 {
		if p, ok := port(h[i+1:]); ok {
			return h[:i], p
		}
	}
	return h, 0
}

func port(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 || s[0] == '+' {
		return 0, false
	}
	return n, true
}

// isAccountID reports whether b is a 12-digit AWS account id.
func isAccountID(b []byte) bool {
	if len(b) != 12 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// truncate shortens a value quoted in an error message.
func truncate(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}

// endpointRegion reads the region of an OpenSearch Service domain
// endpoint in a Host header: search-<domain>-<id>.<region>.es.amazonaws.com
// (vpc-... in a VPC, .com.cn in China) or the dual-stack
// search-<domain>-<id>.aos.<region>.on.aws. A custom endpoint names none.
var endpointRegion = regexp.MustCompile(`\.(?:([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.es\.amazonaws\.com(?:\.cn)?|aos\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.on\.aws)$`)

var (
	userAgent  = []byte("user-agent")
	hostHeader = []byte("host")
)
