package waf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

// regionGlobal is cloud.region for web ACLs of CloudFront scope.
const regionGlobal = "global"

// state is what one normalization needs; it is pooled because Normalize
// runs on several goroutines at once.
type state struct {
	p     fastjson.Parser
	arena fastjson.Arena
	flat  flatWriter
	buf   []byte
	hdrs  headerState
	acl   webACL
	m     members
}

var states = sync.Pool{New: func() any { return new(state) }}

// The record members this type maps, as indexes into members.top; any
// other member is kept under aws.waf.extra.
const (
	tTimestamp = iota
	tFormatVersion
	tWebaclId
	tTerminatingRuleId
	tTerminatingRuleType
	tAction
	tTerminatingRuleMatchDetails
	tHttpSourceName
	tHttpSourceId
	tRuleGroupList
	tRateBasedRuleList
	tNonTerminatingMatchingRules
	tRequestHeadersInserted
	tResponseCodeSent
	tHttpRequest
	tLabels
	tCaptchaResponse
	tChallengeResponse
	tJa3Fingerprint
	tJa4Fingerprint
	tOversizeFields
	tRequestBodySize
	tRequestBodySizeInspectedByWAF
	tClientAsn
	tForwardedAsn
	tCfDistributionTenantId
	nTop
)

// The httpRequest members this type maps, as indexes into members.req;
// others are kept under aws.waf.request.extra.
const (
	rClientIp = iota
	rCountry
	rHeaders
	rUri
	rArgs
	rHttpVersion
	rHttpMethod
	rRequestId
	rFragment
	rScheme
	rHost
	nReq
)

// topIndex returns the index of a record member this type maps, or -1.
func topIndex(key []byte) int {
	switch string(key) {
	case "timestamp":
		return tTimestamp
	case "formatVersion":
		return tFormatVersion
	case "webaclId":
		return tWebaclId
	case "terminatingRuleId":
		return tTerminatingRuleId
	case "terminatingRuleType":
		return tTerminatingRuleType
	case "action":
		return tAction
	case "terminatingRuleMatchDetails":
		return tTerminatingRuleMatchDetails
	case "httpSourceName":
		return tHttpSourceName
	case "httpSourceId":
		return tHttpSourceId
	case "ruleGroupList":
		return tRuleGroupList
	case "rateBasedRuleList":
		return tRateBasedRuleList
	case "nonTerminatingMatchingRules":
		return tNonTerminatingMatchingRules
	case "requestHeadersInserted":
		return tRequestHeadersInserted
	case "responseCodeSent":
		return tResponseCodeSent
	case "httpRequest":
		return tHttpRequest
	case "labels":
		return tLabels
	case "captchaResponse":
		return tCaptchaResponse
	case "challengeResponse":
		return tChallengeResponse
	case "ja3Fingerprint":
		return tJa3Fingerprint
	case "ja4Fingerprint":
		return tJa4Fingerprint
	case "oversizeFields":
		return tOversizeFields
	case "requestBodySize":
		return tRequestBodySize
	case "requestBodySizeInspectedByWAF":
		return tRequestBodySizeInspectedByWAF
	case "clientAsn":
		return tClientAsn
	case "forwardedAsn":
		return tForwardedAsn
	case "cfDistributionTenantId":
		return tCfDistributionTenantId
	}
	return -1
}

// reqIndex returns the index of an httpRequest member this type maps, or -1.
func reqIndex(key []byte) int {
	switch string(key) {
	case "clientIp":
		return rClientIp
	case "country":
		return rCountry
	case "headers":
		return rHeaders
	case "uri":
		return rUri
	case "args":
		return rArgs
	case "httpVersion":
		return rHttpVersion
	case "httpMethod":
		return rHttpMethod
	case "requestId":
		return rRequestId
	case "fragment":
		return rFragment
	case "scheme":
		return rScheme
	case "host":
		return rHost
	}
	return -1
}

func knownTop(key []byte) bool     { return topIndex(key) >= 0 }
func knownRequest(key []byte) bool { return reqIndex(key) >= 0 }

// members holds a record's members, read in one pass: a key repeated in
// its object counts once, the first (as fastjson's Get reads it).
type members struct {
	top                    [nTop]*fastjson.Value
	req                    [nReq]*fastjson.Value
	unknownTop, unknownReq bool
}

func (m *members) readTop(o *fastjson.Object) {
	*m = members{}
	o.Visit(func(key []byte, v *fastjson.Value) {
		if i := topIndex(key); i < 0 {
			m.unknownTop = true
		} else if m.top[i] == nil {
			m.top[i] = v
		}
	})
}

func (m *members) readRequest(o *fastjson.Object) {
	o.Visit(func(key []byte, v *fastjson.Value) {
		if i := reqIndex(key); i < 0 {
			m.unknownReq = true
		} else if m.req[i] == nil {
			m.req[i] = v
		}
	})
}

func normalize(rec siem.Record, ev *ecs.Event, k *keyInfo) error {
	st := states.Get().(*state)
	defer states.Put(st)
	st.arena.Reset()

	v, err := st.p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("record is not JSON: %s", clipString(err.Error(), 200))
	}
	obj, err := v.Object()
	if err != nil {
		return fmt.Errorf("record is a JSON %s, not the object of a WAF log record", v.Type())
	}

	m := &st.m
	m.readTop(obj)

	// @timestamp: milliseconds since the epoch.
	tv := m.top[tTimestamp]
	if tv == nil || tv.Type() == fastjson.TypeNull {
		return errors.New("record has no timestamp member (a WAF log record's time, in milliseconds since the epoch)")
	}
	ts, err := epochMillis(tv)
	if err != nil {
		return err
	}
	ev.Date("@timestamp", ts)

	// The web ACL: an ARN for WAFv2, an id for WAF Classic.
	// Every record of an object names the same web ACL, mostly.
	id := str(m.top[tWebaclId])
	if string(id) != st.acl.raw {
		st.acl = parseWebACL(id)
	}
	acl := &st.acl
	account, region, aclName := acl.account, acl.region, acl.name
	if account == "" {
		account = k.account
	}
	if acl.scope == "global" {
		region = regionGlobal
	} else if region == "" {
		region = k.region
	}
	if aclName == "" {
		aclName = k.webACL
	}
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.account.id", account)
	ev.Keyword("cloud.region", region)
	service := acl.service
	if service == "" {
		service = "waf"
	}
	ev.Keyword("cloud.service.name", service)
	ev.Keyword("observer.vendor", "AWS")
	ev.Keyword("observer.product", "WAF")
	ev.Keyword("observer.type", "waf")

	ev.Keyword("aws.waf.web_acl.id", acl.raw)
	ev.Keyword("aws.waf.web_acl.name", aclName)
	ev.Keyword("aws.waf.web_acl.scope", acl.scope)
	if fv := m.top[tFormatVersion]; fv != nil {
		if n, ok := integer(fv); ok {
			ev.Long("aws.waf.format_version", n)
		}
	}

	// The terminating rule and the action.
	ruleID := str(m.top[tTerminatingRuleId])
	ev.KeywordBytes("rule.id", ruleID)
	if acl.arn {
		// WAFv2 logs the rule's name as its id; WAF Classic logs an id.
		ev.KeywordBytes("rule.name", ruleID)
	}
	if aclName != "" {
		ev.Keyword("rule.ruleset", aclName)
	} else {
		ev.Keyword("rule.ruleset", acl.raw)
	}
	ev.KeywordBytes("aws.waf.terminating_rule.type", str(m.top[tTerminatingRuleType]))
	st.rawJSON(ev, "aws.waf.terminating_rule.match_details", m.top[tTerminatingRuleMatchDetails])

	action := string(str(m.top[tAction]))
	ev.Keyword("event.action", action)

	// Rule lists, kept whole for flat_object, and what they say about
	// the request.
	mt := matches{}
	nonTerm := m.top[tNonTerminatingMatchingRules]
	mt.nonTerminating(nonTerm)
	groups := m.top[tRuleGroupList]
	mt.groups(groups)
	st.rawJSON(ev, "aws.waf.non_terminating_matching_rules", nonTerm)
	st.rawJSON(ev, "aws.waf.rule_group_list", groups)
	st.rawJSON(ev, "aws.waf.rate_based_rule_list", m.top[tRateBasedRuleList])
	ev.Keywords("aws.waf.non_terminating_rule_ids", mt.nonTermIDs...)
	ev.Keywords("aws.waf.excluded_rule_ids", mt.excludedIDs...)
	ev.Keywords("aws.waf.rule_group_ids", mt.groupIDs...)
	ev.KeywordBytes("aws.waf.terminating_rule.rule_group_id", mt.termGroup)
	ev.KeywordBytes("aws.waf.terminating_rule.rule_group_rule_id", mt.termGroupRule)
	ev.KeywordBytes("aws.waf.terminating_rule.rule_group_action", mt.termGroupAction)

	// Categorization.
	denied := false
	switch action {
	case "BLOCK", "CAPTCHA", "CHALLENGE":
		denied = true
	}
	if denied || mt.counted {
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "web", "network", "intrusion_detection")
	} else {
		ev.Keyword("event.kind", "event")
		ev.Keywords("event.category", "web", "network")
	}
	switch {
	case denied:
		ev.Keywords("event.type", "access", "denied")
		ev.Keyword("event.outcome", "failure")
	case action == "ALLOW":
		ev.Keywords("event.type", "access", "allowed")
		ev.Keyword("event.outcome", "success")
	default:
		ev.Keywords("event.type", "access")
	}

	ev.KeywordBytes("aws.waf.http_source.name", str(m.top[tHttpSourceName]))
	ev.KeywordBytes("aws.waf.http_source.id", str(m.top[tHttpSourceId]))
	st.rawJSON(ev, "aws.waf.request_headers_inserted", m.top[tRequestHeadersInserted])
	if n, ok := integer(m.top[tResponseCodeSent]); ok {
		ev.Long("aws.waf.response_code_sent", n)
		if n >= 100 && n <= 999 {
			ev.Long("http.response.status_code", n)
		}
	}

	// Labels WAF added to the request.
	if labels := array(m.top[tLabels]); len(labels) > 0 {
		names := make([]string, 0, len(labels))
		for _, l := range labels {
			if l.Type() == fastjson.TypeObject {
				names = append(names, string(str(l.Get("name"))))
			}
		}
		ev.Keywords("aws.waf.labels", names...)
	}

	responseTo(ev, &captchaPaths, m.top[tCaptchaResponse])
	responseTo(ev, &challengePaths, m.top[tChallengeResponse])

	ev.KeywordBytes("tls.client.ja3", str(m.top[tJa3Fingerprint]))
	ev.KeywordBytes("aws.waf.ja4_fingerprint", str(m.top[tJa4Fingerprint]))
	if of := array(m.top[tOversizeFields]); len(of) > 0 {
		names := make([]string, 0, len(of))
		for _, f := range of {
			names = append(names, string(str(f)))
		}
		ev.Keywords("aws.waf.oversize_fields", names...)
	}
	if n, ok := integer(m.top[tRequestBodySize]); ok && n >= 0 {
		ev.Long("http.request.body.bytes", n)
	}
	if n, ok := integer(m.top[tRequestBodySizeInspectedByWAF]); ok {
		ev.Long("aws.waf.request_body_size_inspected_by_waf", n)
	}
	// Where the GeoIP enricher's databases place the address, its
	// source.as and source.geo replace these (ecs.Event.ReplaceJSON).
	if n, ok := integer(m.top[tClientAsn]); ok && n >= 0 {
		ev.Long("source.as.number", n)
	}
	if n, ok := integer(m.top[tForwardedAsn]); ok {
		ev.Long("aws.waf.forwarded_asn", n)
	}
	ev.KeywordBytes("aws.waf.cf_distribution_tenant_id", str(m.top[tCfDistributionTenantId]))

	if err := st.request(ev, m.top[tHttpRequest]); err != nil {
		return err
	}

	// Members this type does not know yet.
	if m.unknownTop {
		st.buf, _ = st.flat.appendObject(st.buf[:0], obj, 0, knownTop)
		ev.RawJSON("aws.waf.extra", st.buf)
	}

	// event.original, when the pipeline keeps it, must not hold the
	// credentials that the indexed fields redact.
	if st.hdrs.redacted && ev.Has("event.original") {
		st.redactOriginal()
		st.buf = v.MarshalTo(st.buf[:0])
		ev.KeywordBytes("event.original", st.buf)
	}
	return nil
}

// rawJSON writes v for a flat_object field, when it holds anything. A
// flat_object takes objects, so of an array only the objects are written,
// and a scalar not at all (both stay in event.original).
func (st *state) rawJSON(ev *ecs.Event, path string, v *fastjson.Value) {
	if v == nil {
		return
	}
	var ok bool
	switch v.Type() {
	case fastjson.TypeObject:
		st.buf, ok = st.flat.appendValue(st.buf[:0], v, 0)
	case fastjson.TypeArray:
		b := append(st.buf[:0], '[')
		n := 0
		for _, e := range array(v) {
			if e.Type() != fastjson.TypeObject {
				continue
			}
			mark := len(b)
			if n > 0 {
				b = append(b, ',')
			}
			var wrote bool
			if b, wrote = st.flat.appendValue(b, e, 1); wrote {
				n++
			} else {
				b = b[:mark]
			}
		}
		st.buf, ok = append(b, ']'), n > 0
	}
	if ok {
		ev.RawJSON(path, st.buf)
	}
}

// request maps httpRequest.
func (st *state) request(ev *ecs.Event, v *fastjson.Value) error {
	st.hdrs.reset()
	if v == nil || v.Type() == fastjson.TypeNull {
		return nil
	}
	req, err := v.Object()
	if err != nil {
		return fmt.Errorf("httpRequest is a JSON %s, not an object", v.Type())
	}
	m := &st.m
	m.readRequest(req)

	if ip := str(m.req[rClientIp]); len(ip) > 0 {
		ev.KeywordBytes("source.address", ip)
		if addr, ok := parser.ParseAddrDropZone(ip); ok {
			ev.IP("source.ip", addr)
			ev.IP("aws.waf.request.client_ip", addr)
			ev.IPs("related.ip", addr)
		}
	}
	if c := str(m.req[rCountry]); len(c) > 0 {
		ev.KeywordBytes("aws.waf.request.country", c)
		if len(c) == 2 && isUpperASCII(c) {
			ev.KeywordPlainBytes("source.geo.country_iso_code", c)
		}
	}

	ev.KeywordBytes("http.request.method", str(m.req[rHttpMethod]))
	ev.KeywordBytes("http.request.id", str(m.req[rRequestId]))
	if hv := str(m.req[rHttpVersion]); len(hv) > 0 {
		if ver, ok := bytes.CutPrefix(hv, []byte("HTTP/")); ok && len(ver) > 0 {
			ev.KeywordBytes("http.version", ver)
			ev.Keyword("network.protocol", "http")
			switch ver[0] {
			case '1', '2':
				ev.Keyword("network.transport", "tcp")
			case '3':
				ev.Keyword("network.transport", "udp")
			}
		} else {
			ev.KeywordBytes("aws.waf.request.http_version", hv)
		}
	}

	h := &st.hdrs
	h.read(m.req[rHeaders])
	h.write(ev)

	uri, args := str(m.req[rUri]), str(m.req[rArgs])
	fragment, scheme := str(m.req[rFragment]), str(m.req[rScheme])
	host := str(m.req[rHost])
	if len(host) == 0 {
		host = h.host
	}
	ev.KeywordBytes("url.path", uri)
	ev.KeywordBytes("url.query", args)
	ev.KeywordBytes("url.fragment", fragment)
	ev.KeywordBytes("url.scheme", scheme)
	if len(host) > 0 {
		domain, port := splitHostPort(host)
		ev.KeywordBytes("url.domain", domain)
		if port > 0 {
			ev.Long("url.port", int64(port))
		}
		ev.Keywords("related.hosts", string(domain))
	}
	if len(uri) > 0 {
		b := st.buf[:0]
		if len(scheme) > 0 && len(host) > 0 {
			b = append(append(append(b, scheme...), "://"...), host...)
		}
		full := len(b) > 0
		b = append(b, uri...)
		if len(args) > 0 {
			b = append(append(b, '?'), args...)
		}
		if len(fragment) > 0 {
			b = append(append(b, '#'), fragment...)
		}
		if full {
			ev.KeywordBytes("url.full", b)
			ev.KeywordBytes("url.original", b[len(scheme)+3+len(host):])
		} else {
			ev.KeywordBytes("url.original", b)
		}
		st.buf = b
	}
	ev.KeywordBytes("user_agent.original", h.userAgent)
	ev.KeywordBytes("http.request.referrer", h.referer)

	if m.unknownReq {
		st.buf, _ = st.flat.appendObject(st.buf[:0], req, 0, knownRequest)
		ev.RawJSON("aws.waf.request.extra", st.buf)
	}
	return nil
}

// tokenPaths are the fields of a captchaResponse or challengeResponse.
// Paths are constants: the event caches document shapes by the identity
// of their path strings.
type tokenPaths struct{ code, solved, reason string }

var (
	captchaPaths   = tokenPaths{"aws.waf.captcha_response.response_code", "aws.waf.captcha_response.solve_timestamp", "aws.waf.captcha_response.failure_reason"}
	challengePaths = tokenPaths{"aws.waf.challenge_response.response_code", "aws.waf.challenge_response.solve_timestamp", "aws.waf.challenge_response.failure_reason"}
)

// responseTo maps a captchaResponse or challengeResponse object.
func responseTo(ev *ecs.Event, p *tokenPaths, v *fastjson.Value) {
	if v == nil || v.Type() != fastjson.TypeObject {
		return
	}
	if n, ok := integer(v.Get("responseCode")); ok {
		ev.Long(p.code, n)
	}
	if n, ok := integer(v.Get("solveTimestamp")); ok && n > 0 && n < 253402300800 {
		ev.Date(p.solved, time.Unix(n, 0))
	}
	ev.KeywordBytes(p.reason, str(v.Get("failureReason")))
}

// matches gathers what the rule lists say: the ids of rules that matched
// without terminating, of excluded rules and of rule groups, the rule
// group rule that terminated, and whether any rule counted the request.
type matches struct {
	nonTermIDs, excludedIDs, groupIDs         []string
	termGroup, termGroupRule, termGroupAction []byte
	counted                                   bool
}

func (m *matches) nonTerminating(v *fastjson.Value) {
	for _, r := range array(v) {
		if r.Type() != fastjson.TypeObject {
			continue
		}
		m.nonTermIDs = append(m.nonTermIDs, string(str(r.Get("ruleId"))))
		if string(str(r.Get("action"))) == "COUNT" {
			m.counted = true
		}
	}
}

func (m *matches) groups(v *fastjson.Value) {
	for _, g := range array(v) {
		if g.Type() != fastjson.TypeObject {
			continue
		}
		id := str(g.Get("ruleGroupId"))
		m.groupIDs = append(m.groupIDs, string(id))
		if t := g.Get("terminatingRule"); t != nil && t.Type() == fastjson.TypeObject && m.termGroup == nil {
			m.termGroup, m.termGroupRule, m.termGroupAction = id, str(t.Get("ruleId")), str(t.Get("action"))
		}
		m.nonTerminating(g.Get("nonTerminatingMatchingRules"))
		for _, x := range array(g.Get("excludedRules")) {
			if x.Type() != fastjson.TypeObject {
				continue
			}
			if rid := str(x.Get("ruleId")); len(rid) > 0 {
				m.excludedIDs = append(m.excludedIDs, string(rid))
				// An excluded rule is listed when it matched: WAF
				// counted it instead of applying its action.
				m.counted = true
			}
		}
	}
}

// webACL is what webaclId says.
type webACL struct {
	raw                                   string
	arn                                   bool
	service, region, account, scope, name string
}

// parseWebACL reads arn:<partition>:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>
// (WAFv2) or keeps a WAF Classic id as it is.
func parseWebACL(b []byte) webACL {
	w := webACL{raw: string(b)}
	rest, ok := strings.CutPrefix(w.raw, "arn:")
	if !ok {
		return w
	}
	parts := strings.SplitN(rest, ":", 5)
	if len(parts) != 5 {
		return w
	}
	w.arn = true
	w.service, w.region, w.account = parts[1], parts[2], parts[3]
	res := strings.Split(parts[4], "/")
	if len(res) >= 3 && res[1] == "webacl" {
		w.scope, w.name = res[0], res[2]
		if w.scope != "regional" && w.scope != "global" {
			w.scope = ""
		}
	}
	return w
}

// epochMillis reads the record's timestamp: an integer number of
// milliseconds since the epoch (a string of digits is taken too).
func epochMillis(v *fastjson.Value) (time.Time, error) {
	var ms int64
	switch v.Type() {
	case fastjson.TypeNumber:
		n, err := v.Int64()
		if err != nil {
			f, ferr := v.Float64()
			if ferr != nil || math.IsNaN(f) || f < 0 || f > maxMillis {
				return time.Time{}, fmt.Errorf("timestamp %s is not a number of milliseconds since the epoch", clipString(v.String(), 40))
			}
			n = int64(f)
		}
		ms = n
	case fastjson.TypeString:
		s, _ := v.StringBytes()
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("timestamp %q is not a number of milliseconds since the epoch", clipString(string(s), 40))
		}
		ms = n
	default:
		return time.Time{}, fmt.Errorf("timestamp is a JSON %s, not a number of milliseconds since the epoch", v.Type())
	}
	if ms < 0 || ms > maxMillis {
		return time.Time{}, fmt.Errorf("timestamp %d is outside the years 1970 to 9999", ms)
	}
	return time.UnixMilli(ms), nil
}

// maxMillis is the end of year 9999 in milliseconds since the epoch.
const maxMillis = 253402300799999

// integer reads a JSON integer, or a string of one.
func integer(v *fastjson.Value) (int64, bool) {
	if v == nil {
		return 0, false
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		n, err := v.Int64()
		return n, err == nil
	case fastjson.TypeString:
		s, _ := v.StringBytes()
		n, err := strconv.ParseInt(string(s), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// str returns a string member's bytes, nil for anything else and for
// WAF's "-" (no value).
func str(v *fastjson.Value) []byte {
	if v == nil || v.Type() != fastjson.TypeString {
		return nil
	}
	s, _ := v.StringBytes()
	if len(s) == 1 && s[0] == '-' {
		return nil
	}
	return s
}

// array returns an array's elements, nil for anything else.
func array(v *fastjson.Value) []*fastjson.Value {
	if v == nil || v.Type() != fastjson.TypeArray {
		return nil
	}
	a, _ := v.Array()
	return a
}

func isUpperASCII(b []byte) bool {
	for _, c := range b {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// splitHostPort splits a Host header value: "example.com:8443",
// "[2001:db8::1]:443", a bare IPv6 address or a name.
func splitHostPort(h []byte) (host []byte, port int) {
	if len(h) > 0 && h[0] == '[' {
		end := bytes.IndexByte(h, ']')
		if end < 0 {
			return h, 0
		}
		host, rest := h[1:end], h[end+1:]
		if len(rest) > 1 && rest[0] == ':' {
			port = parsePort(rest[1:])
		}
		return host, port
	}
	i := bytes.LastIndexByte(h, ':')
	if i < 0 || bytes.IndexByte(h[:i], ':') >= 0 {
		return h, 0 // a name, or a bare IPv6 address
	}
	if p := parsePort(h[i+1:]); p > 0 {
		return h[:i], p
	}
	return h, 0
}

func parsePort(b []byte) int {
	if len(b) == 0 || len(b) > 5 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > 65535 {
		return 0
	}
	return n
}

func clipString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return string(clip([]byte(s), n)) + "..."
}
