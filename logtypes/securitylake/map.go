package securitylake

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

func network(ev *ecs.Event, v *fastjson.Value) {
	c := v.Get("connection_info")
	if c != nil {
		if n, ok := num(c, "protocol_num"); ok && n >= 0 && n <= 255 {
			ev.Keyword("network.iana_number", strconv.FormatInt(n, 10))
			switch n {
			case 6:
				ev.Keyword("network.transport", "tcp")
			case 17:
				ev.Keyword("network.transport", "udp")
			case 1:
				ev.Keyword("network.transport", "icmp")
			case 58:
				ev.Keyword("network.transport", "ipv6-icmp")
			}
		} else if s := str(c, "protocol_name"); s != "" {
			ev.Keyword("network.transport", strings.ToLower(s))
		}
		switch d, _ := num(c, "direction_id"); d {
		case 1:
			ev.Keyword("network.direction", "inbound")
		case 2:
			ev.Keyword("network.direction", "outbound")
		case 3:
			ev.Keyword("network.direction", "internal")
		}
		switch strings.ToLower(str(c, "protocol_ver")) {
		case "ipv4":
			ev.Keyword("network.type", "ipv4")
		case "ipv6":
			ev.Keyword("network.type", "ipv6")
		}
	}
	// connection_info.uid names the connection in the source's own terms;
	// it is not a Community ID (OCSF's is community_uid) and stays in the
	// flat object only.
	if s := str(c, "community_uid"); len(s) == communityid.Len && strings.HasPrefix(s, communityid.Prefix) {
		ev.Keyword("network.community_id", s)
	} else if id, ok := communityID(make([]byte, 0, communityid.Len), v, c); ok {
		ev.KeywordBytes("network.community_id", id)
	}
	if n, ok := num(v, "traffic", "bytes"); ok && n >= 0 {
		ev.Long("network.bytes", n)
	}
	if n, ok := num(v, "traffic", "packets"); ok && n >= 0 {
		ev.Long("network.packets", n)
	}
	if s := str(v, "app_name"); s != "" {
		ev.Keyword("network.application", strings.ToLower(s))
	}
	if s := str(v, "tls", "version"); s != "" {
		ev.Keyword("tls.version", s)
		ev.Keyword("tls.version_protocol", "tls")
	}
	if s := str(v, "tls", "sni"); s != "" {
		ev.Keyword("tls.client.server_name", s)
	}
	if s := str(v, "tls", "ja3_hash", "value"); s != "" {
		ev.Keyword("tls.client.ja3", s)
	}
}

// communityID appends the Community ID of a TCP, UDP or SCTP flow,
// computed from its endpoints, to dst; ok is false when an address, a port
// or the protocol is missing, or for other protocols (ICMP's type and code
// are not in OCSF's connection_info).
func communityID(dst []byte, v, c *fastjson.Value) ([]byte, bool) {
	proto, ok := num(c, "protocol_num")
	if !ok || (proto != communityid.ProtoTCP && proto != communityid.ProtoUDP && proto != communityid.ProtoSCTP) {
		return dst, false
	}
	srcIP, ok1 := parser.ParseAddrDropZone(v.GetStringBytes("src_endpoint", "ip"))
	dstIP, ok2 := parser.ParseAddrDropZone(v.GetStringBytes("dst_endpoint", "ip"))
	sp, ok3 := num(v, "src_endpoint", "port")
	dp, ok4 := num(v, "dst_endpoint", "port")
	if !ok1 || !ok2 || !ok3 || !ok4 || sp < 0 || sp > 65535 || dp < 0 || dp > 65535 {
		return dst, false
	}
	return communityid.Append(dst, 0, communityid.Flow{Src: srcIP, Dst: dstIP, SrcPort: uint16(sp), DstPort: uint16(dp), Proto: uint8(proto)})
}

func web(ev *ecs.Event, v *fastjson.Value, class int64, rel *related) {
	h := v.Get("http_request")
	if h != nil && h.Type() == fastjson.TypeObject {
		if s := str(h, "http_method"); s != "" {
			ev.Keyword("http.request.method", s)
		}
		if s := str(h, "version"); s != "" {
			ev.Keyword("http.version", strings.TrimPrefix(strings.ToUpper(s), "HTTP/"))
		}
		if s := str(h, "referrer"); s != "" {
			ev.Keyword("http.request.referrer", s)
		}
		if s := str(h, "user_agent"); s != "" {
			ev.Keyword("user_agent.original", s)
		}
		if u := h.Get("url"); u != nil && u.Type() == fastjson.TypeObject {
			if s := str(u, "url_string"); s != "" {
				ev.Keyword("url.original", s)
			}
			if s := str(u, "hostname"); s != "" {
				ev.Keyword("url.domain", s)
				rel.hosts = addUniq(rel.hosts, s)
			}
			if s := str(u, "path"); s != "" {
				ev.Keyword("url.path", s)
			}
			if s := str(u, "query_string"); s != "" {
				ev.Keyword("url.query", s)
			}
			if s := str(u, "scheme"); s != "" {
				ev.Keyword("url.scheme", s)
			}
			if p, ok := num(u, "port"); ok && p >= 0 && p <= 65535 {
				ev.Long("url.port", p)
			}
		}
		for _, x := range h.GetArray("x_forwarded_for") {
			if ip, ok := parser.ParseAddrDropZone(x.GetStringBytes()); ok {
				rel.ip(ip)
			}
		}
	}
	if n, ok := firstNum(v, []string{"http_response", "code"}, []string{"http_status"}); ok && n >= 100 && n <= 999 {
		ev.Long("http.response.status_code", n)
	}
	if class == 4002 || v.Get("firewall_rule") != nil {
		if s := str(v, "firewall_rule", "uid"); s != "" {
			ev.Keyword("rule.id", s)
		}
		if s := str(v, "firewall_rule", "name"); s != "" {
			ev.Keyword("rule.name", s)
		}
		if s := str(v, "firewall_rule", "type"); s != "" {
			ev.Keyword("rule.category", s)
		}
	}
	if class/1000 != 2 && statusOf(v) == 2 {
		if s := firstStr(v, []string{"api", "response", "error"}, []string{"status_code"}); s != "" {
			ev.Keyword("error.code", s)
		}
		if s := firstStr(v, []string{"api", "response", "message"}, []string{"status_detail"}); s != "" {
			ev.Keyword("error.message", s)
		}
	}
}

func dns(ev *ecs.Event, v *fastjson.Value, class int64, rel *related) {
	if class != 4003 {
		return
	}
	if s := str(v, "query", "hostname"); s != "" {
		name := strings.TrimSuffix(s, ".")
		ev.Keyword("dns.question.name", name)
		rel.hosts = addUniq(rel.hosts, name)
	}
	if s := str(v, "query", "type"); s != "" {
		ev.Keyword("dns.question.type", s)
	}
	if s := str(v, "query", "class"); s != "" {
		ev.Keyword("dns.question.class", s)
	}
	if n, ok := num(v, "query", "packet_uid"); ok {
		ev.Keyword("dns.id", strconv.FormatInt(n, 10))
	}
	if s := str(v, "rcode"); s != "" {
		ev.Keyword("dns.response_code", strings.ToUpper(s))
	}
	var ans []byte
	var resolved []netip.Addr
	n := 0
	for _, a := range v.GetArray("answers") {
		d := str(a, "rdata")
		if d == "" {
			continue
		}
		if n == 0 {
			ans = append(ans, '[')
		} else {
			ans = append(ans, ',')
		}
		n++
		ans = append(ans, `{"data":`...)
		ans = ecs.AppendString(ans, d)
		if s := str(a, "type"); s != "" {
			ans = append(ans, `,"type":`...)
			ans = ecs.AppendString(ans, s)
		}
		if s := str(a, "class"); s != "" {
			ans = append(ans, `,"class":`...)
			ans = ecs.AppendString(ans, s)
		}
		if t, ok := num(a, "ttl"); ok && t >= 0 {
			ans = append(ans, `,"ttl":`...)
			ans = strconv.AppendInt(ans, t, 10)
		}
		ans = append(ans, '}')
		if ip, ok := parser.ParseAddrDropZone([]byte(d)); ok {
			resolved = append(resolved, ip)
			rel.ip(ip)
		}
	}
	if n > 0 || v.Get("rcode") != nil || v.Get("rcode_id") != nil {
		ev.Keyword("dns.type", "answer")
	} else {
		ev.Keyword("dns.type", "query")
	}
	if n > 0 {
		ev.RawJSON("dns.answers", append(ans, ']'))
		ev.IPs("dns.resolved_ip", resolved...)
	}
}

func findings(ev *ecs.Event, v *fastjson.Value, class int64) {
	if class/1000 != 2 {
		return
	}
	fi := v.Get("finding_info")
	if fi == nil {
		fi = v.Get("finding")
	}
	if fi != nil {
		if s := str(fi, "title"); s != "" {
			ev.Keyword("rule.name", s)
		}
		if s := str(fi, "desc"); s != "" {
			ev.Keyword("rule.description", s)
		}
		if s := str(fi, "src_url"); s != "" {
			ev.Keyword("event.url", s)
		}
		if s := firstStr(fi, []string{"analytic", "uid"}, []string{"analytic", "name"}); s != "" {
			ev.Keyword("rule.id", s)
		}
		var cats []string
		for _, t := range fi.GetArray("types") {
			cats = addUniq(cats, string(t.GetStringBytes()))
		}
		if len(cats) > 0 {
			ev.Keywords("rule.category", cats...)
		}
	}
	if s := str(v, "compliance", "control"); s != "" {
		ev.Keyword("rule.id", s)
	}
	if st := v.GetArray("compliance", "standards"); len(st) > 0 {
		if s := string(st[0].GetStringBytes()); s != "" {
			ev.Keyword("rule.ruleset", s)
		}
	}
	// threat.* from MITRE ATT&CK attacks.
	var tacID, tacName, techID, techName []string
	attacks := v.GetArray("attacks")
	if attacks == nil && fi != nil {
		attacks = fi.GetArray("attacks")
	}
	for _, a := range attacks {
		tacID = addUniq(tacID, str(a, "tactic", "uid"))
		tacName = addUniq(tacName, str(a, "tactic", "name"))
		techID = addUniq(techID, str(a, "technique", "uid"))
		techName = addUniq(techName, str(a, "technique", "name"))
	}
	if len(tacID)+len(tacName)+len(techID)+len(techName) > 0 {
		ev.Keyword("threat.framework", "MITRE ATT&CK")
		if len(tacID) > 0 {
			ev.Keywords("threat.tactic.id", tacID...)
		}
		if len(tacName) > 0 {
			ev.Keywords("threat.tactic.name", tacName...)
		}
		if len(techID) > 0 {
			ev.Keywords("threat.technique.id", techID...)
		}
		if len(techName) > 0 {
			ev.Keywords("threat.technique.name", techName...)
		}
	}
	// vulnerability.*: the first vulnerability (OCSF lists them; ECS
	// holds one), all CVE ids.
	vulns := v.GetArray("vulnerabilities")
	var ids []string
	for _, x := range vulns {
		ids = addUniq(ids, str(x, "cve", "uid"))
	}
	if len(ids) > 0 {
		ev.Keywords("vulnerability.id", ids...)
		ev.Keyword("vulnerability.enumeration", "CVE")
	}
	if len(vulns) > 0 {
		x := vulns[0]
		if s := firstStr(x, []string{"desc"}, []string{"title"}, []string{"cve", "desc"}); s != "" {
			ev.Keyword("vulnerability.description", s)
		}
		if s := str(x, "severity"); s != "" {
			ev.Keyword("vulnerability.severity", s)
		}
		if cv := x.GetArray("cve", "cvss"); len(cv) > 0 {
			if bs := cv[0].Get("base_score"); bs != nil {
				if f, err := bs.Float64(); err == nil && f >= 0 && f <= 10 {
					ev.Double("vulnerability.score.base", f)
				}
			}
			if s := str(cv[0], "version"); s != "" {
				ev.Keyword("vulnerability.score.version", s)
			}
		}
		if s := str(x, "cve", "uid"); strings.HasPrefix(s, "CVE-") {
			ev.Keyword("vulnerability.reference", "https://nvd.nist.gov/vuln/detail/"+s)
		}
	}
	if f, ok := firstNum(v, []string{"risk_score"}); ok && f >= 0 && f <= 100 {
		ev.Double("event.risk_score", float64(f))
	}
}

// Helpers.

func str(v *fastjson.Value, keys ...string) string {
	x := v.Get(keys...)
	if x == nil || x.Type() != fastjson.TypeString {
		return ""
	}
	s := string(x.GetStringBytes())
	if s == "-" || s == "''" {
		// "-" is AWS's placeholder for no value; "''" is what the OCSF
		// 1.0.0-rc.2 converter wrote for an empty string.
		return ""
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func firstStr(v *fastjson.Value, paths ...[]string) string {
	for _, p := range paths {
		if s := str(v, p...); s != "" {
			return s
		}
	}
	return ""
}

func num(v *fastjson.Value, keys ...string) (int64, bool) {
	x := v.Get(keys...)
	if x == nil {
		return 0, false
	}
	switch x.Type() {
	case fastjson.TypeNumber:
		n, err := x.Int64()
		if err != nil {
			f, err := x.Float64()
			if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return 0, false
			}
			return int64(f), true
		}
		return n, true
	case fastjson.TypeString:
		n, err := strconv.ParseInt(string(x.GetStringBytes()), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func firstNum(v *fastjson.Value, paths ...[]string) (int64, bool) {
	for _, p := range paths {
		if n, ok := num(v, p...); ok {
			return n, true
		}
	}
	return 0, false
}

// timeOf reads an OCSF timestamp: epoch milliseconds, or an RFC 3339
// string (Parquet TIMESTAMP columns, as parser/parquet renders them).
func timeOf(x *fastjson.Value) (time.Time, bool) {
	if x == nil {
		return time.Time{}, false
	}
	switch x.Type() {
	case fastjson.TypeNumber:
		n, err := x.Int64()
		if err != nil {
			f, err := x.Float64()
			if err != nil || math.Abs(f) > 1<<53 {
				return time.Time{}, false
			}
			n = int64(f)
		}
		// Years 1970..9999 in milliseconds.
		if n <= 0 || n > 253402300799999 {
			return time.Time{}, false
		}
		return time.UnixMilli(n).UTC(), true
	case fastjson.TypeString:
		t, err := parser.ParseRFC3339(x.GetStringBytes())
		if err != nil || t.Year() < 1970 {
			return time.Time{}, false
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}

func firstTime(v *fastjson.Value, paths ...[]string) (time.Time, bool) {
	for _, p := range paths {
		if t, ok := timeOf(v.Get(p...)); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// findingTime is a finding's last update: modified_time, else
// created_time, in finding_info (OCSF 1.1+) or finding (1.0).
func findingTime(v *fastjson.Value) (time.Time, bool) {
	return firstTime(v,
		[]string{"finding_info", "modified_time"}, []string{"finding", "modified_time"},
		[]string{"finding_info", "modified_time_dt"}, []string{"finding", "modified_time_dt"},
		[]string{"finding_info", "created_time"}, []string{"finding", "created_time"},
		[]string{"finding_info", "created_time_dt"}, []string{"finding", "created_time_dt"})
}

// statusOf is status_id, or the id its caption names when only the
// caption is there (1 Success, 2 Failure).
func statusOf(v *fastjson.Value) int64 {
	if n, ok := num(v, "status_id"); ok {
		return n
	}
	switch strings.ToLower(str(v, "status")) {
	case "success":
		return 1
	case "failure":
		return 2
	}
	return 0
}

func utf8Valid(b []byte) bool { return utf8.Valid(b) }
