package route53resolver

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// maxPooledBytes is the largest record whose parser goes back to the pool.
const maxPooledBytes = 1 << 20

// maxAnswers bounds the answers mapped to dns.answers, dns.resolved_ip and
// related.*; a DNS response holds far fewer. Beyond it the record is
// dead-lettered rather than cut silently.
const maxAnswers = 1000

// record holds one query log record's members, nil when absent.
type record struct {
	version, account, region, vpc, ts, name, qtype, qclass, rcode *fastjson.Value
	answers, srcaddr, srcport, transport, srcids                  *fastjson.Value
	action, group, domainList                                     *fastjson.Value
	other                                                         []member
}

type member struct {
	key []byte
	val *fastjson.Value
}

// Normalize maps one Resolver query log record onto ev. See the package
// documentation for the mapping.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	if len(rec.Data) <= maxPooledBytes {
		// A parser keeps the memory of the largest record it read: one
		// giant record's must not stay pinned in the pool.
		defer parsers.Put(p)
	}
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("query log record is not valid JSON: %s", parser.JSONReason(err))
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("query log record is a JSON %s, not an object", v.Type())
	}
	var r record
	o.Visit(func(k []byte, v *fastjson.Value) {
		switch string(k) {
		case "version":
			r.version = v
		case "account_id":
			r.account = v
		case "region":
			r.region = v
		case "vpc_id":
			r.vpc = v
		case "query_timestamp":
			r.ts = v
		case "query_name":
			r.name = v
		case "query_type":
			r.qtype = v
		case "query_class":
			r.qclass = v
		case "rcode":
			r.rcode = v
		case "answers":
			r.answers = v
		case "srcaddr":
			r.srcaddr = v
		case "srcport":
			r.srcport = v
		case "transport":
			r.transport = v
		case "srcids":
			r.srcids = v
		case "firewall_rule_action":
			r.action = v
		case "firewall_rule_group_id":
			r.group = v
		case "firewall_domain_list_id":
			r.domainList = v
		default:
			r.other = append(r.other, member{k, v})
		}
	})
	return r.normalize(ev)
}

func (r *record) normalize(ev *ecs.Event) error {
	name, err := str(r.name, "query_name")
	if err != nil {
		return err
	}
	tsRaw, err := str(r.ts, "query_timestamp")
	if err != nil {
		return err
	}
	if len(name) == 0 || len(tsRaw) == 0 {
		return errors.New("not a Route 53 Resolver query log record: it has no query_name or no query_timestamp")
	}
	ts, err := parseTimestamp(tsRaw)
	if err != nil {
		return err
	}
	ev.Date("@timestamp", ts)

	// Firewall action, which decides the kind and type.
	action, err := str(r.action, "firewall_rule_action")
	if err != nil {
		return err
	}
	kind, outcomeType := "event", ""
	switch strings.ToUpper(string(action)) {
	case "BLOCK":
		kind, outcomeType = "alert", "denied"
	case "ALERT":
		kind, outcomeType = "alert", "allowed"
	case "ALLOW":
		outcomeType = "allowed"
	}
	ev.Keyword("event.kind", kind)
	ev.Keywords("event.category", "network")
	ev.Keywords("event.type", "protocol", outcomeType)
	ev.Keyword("event.action", strings.ToLower(string(action)))
	ev.KeywordBytes("aws.route53resolver.firewall_rule_action", action)
	if err := keyword(ev, r.group, "firewall_rule_group_id", "rule.ruleset"); err != nil {
		return err
	}
	if err := keyword(ev, r.domainList, "firewall_domain_list_id", "rule.id"); err != nil {
		return err
	}

	rcode, err := str(r.rcode, "rcode")
	if err != nil {
		return err
	}
	if len(rcode) > 0 {
		ev.KeywordBytes("dns.response_code", rcode)
		if string(rcode) == "NOERROR" {
			ev.Keyword("event.outcome", "success")
		} else {
			ev.Keyword("event.outcome", "failure")
		}
	}

	// Cloud.
	ev.Keyword("cloud.provider", "aws")
	if err := keyword(ev, r.account, "account_id", "cloud.account.id"); err != nil {
		return err
	}
	if err := keyword(ev, r.region, "region", "cloud.region"); err != nil {
		return err
	}
	if err := keyword(ev, r.vpc, "vpc_id", "aws.route53resolver.vpc_id"); err != nil {
		return err
	}
	if err := keyword(ev, r.version, "version", "aws.route53resolver.version"); err != nil {
		return err
	}

	// The question.
	qname := string(bytes.TrimSuffix(name, []byte(".")))
	if qname == "" {
		qname = "." // the root zone
	}
	ev.Keyword("dns.type", "answer")
	ev.Keyword("dns.question.name", qname)
	if err := keyword(ev, r.qtype, "query_type", "dns.question.type"); err != nil {
		return err
	}
	if err := keyword(ev, r.qclass, "query_class", "dns.question.class"); err != nil {
		return err
	}
	ips := make([]netip.Addr, 0, 8)
	hosts := make([]string, 0, 4)
	hosts = append(hosts, qname)

	// The source.
	addr, err := str(r.srcaddr, "srcaddr")
	if err != nil {
		return err
	}
	if len(addr) > 0 && string(addr) != "-" {
		if ip, ok := parser.ParseAddrDropZone(addr); ok {
			ev.IP("source.ip", ip)
			ips = append(ips, ip)
			if ip.Unmap().Is4() {
				ev.Keyword("network.type", "ipv4")
			} else {
				ev.Keyword("network.type", "ipv6")
			}
		}
		ev.KeywordBytes("source.address", addr)
	}
	if port, ok, err := portNumber(r.srcport); err != nil {
		return err
	} else if ok {
		ev.Long("source.port", port)
	}
	transport, err := str(r.transport, "transport")
	if err != nil {
		return err
	}
	if len(transport) > 0 {
		t := strings.ToLower(string(transport))
		ev.Keyword("network.transport", t)
		switch t {
		case "udp":
			ev.Keyword("network.iana_number", "17")
		case "tcp":
			ev.Keyword("network.iana_number", "6")
		}
	}
	ev.Keyword("network.protocol", "dns")
	if err := r.mapSrcids(ev); err != nil {
		return err
	}

	// The answers.
	resolved, answerHosts, err := r.mapAnswers(ev, qname)
	if err != nil {
		return err
	}
	ev.IPs("dns.resolved_ip", resolved...)
	ips = append(ips, resolved...)
	if ip, ok := reverseName(qname); ok {
		ips = append(ips, ip)
	}
	ev.IPs("related.ip", ips...)
	hosts = append(hosts, answerHosts...)
	ev.Keywords("related.hosts", hosts...)

	if len(r.other) > 0 {
		var a fastjson.Arena
		o := a.NewObject()
		for _, m := range r.other {
			o.Set(string(m.key), m.val)
		}
		if b := freeform.AppendClean(nil, o); len(b) > 0 {
			ev.RawJSON("aws.route53resolver.other", b)
		}
	}
	return nil
}

// mapSrcids maps the ids of the query's source: instance to
// cloud.instance.id; resolver_endpoint and resolver_network_interface (a
// query from a network outside the VPC, through an inbound endpoint and
// one of its network interfaces) to aws.route53resolver.srcids.*. srcids
// holding anything else (a member AWS adds tomorrow, a value that is not a
// string, a repeated name) is also kept whole in aws.route53resolver.other,
// so that unknown names never become fields of their own.
func (r *record) mapSrcids(ev *ecs.Event) error {
	v := r.srcids
	if v == nil || v.Type() == fastjson.TypeNull {
		return nil
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("srcids is a %s, want an object", v.Type())
	}
	var instance, endpoint, eni, odd bool
	o.Visit(func(k []byte, v *fastjson.Value) {
		s, notString := v.StringBytes()
		switch {
		case notString != nil:
			odd = true
		case string(k) == "instance" && !instance:
			instance = true
			ev.KeywordBytes("cloud.instance.id", s)
		case string(k) == "resolver_endpoint" && !endpoint:
			endpoint = true
			ev.KeywordBytes("aws.route53resolver.srcids.resolver_endpoint", s)
		case string(k) == "resolver_network_interface" && !eni:
			eni = true
			ev.KeywordBytes("aws.route53resolver.srcids.resolver_network_interface", s)
		default:
			odd = true
		}
	})
	if odd {
		r.other = append(r.other, member{[]byte("srcids"), v})
	}
	return nil
}

// mapAnswers writes dns.answers and returns the addresses of the A and
// AAAA answers and the host names the others point to (CNAME, PTR, NS,
// DNAME, MX, SRV targets).
//
// The log gives each answer's data, type and class but not the name it
// answers for; that name is derived from the chain: the first answer is
// for the question, an answer after a CNAME or DNAME for that record's
// target, and any other for the same name as the answer before it.
func (r *record) mapAnswers(ev *ecs.Event, qname string) ([]netip.Addr, []string, error) {
	v := r.answers
	if v == nil || v.Type() == fastjson.TypeNull {
		return nil, nil, nil
	}
	var list []*fastjson.Value
	switch v.Type() {
	case fastjson.TypeArray:
		list = v.GetArray()
	case fastjson.TypeObject:
		list = []*fastjson.Value{v} // one answer written as an object
	default:
		return nil, nil, fmt.Errorf("answers is a %s, want an array of objects", v.Type())
	}
	if len(list) > maxAnswers {
		return nil, nil, fmt.Errorf("answers holds %d answers, more than the %d a record may have", len(list), maxAnswers)
	}
	var resolved []netip.Addr
	var hosts []string
	var buf []byte
	owner := qname
	n := 0
	for i, a := range list {
		if a.Type() != fastjson.TypeObject {
			return nil, nil, fmt.Errorf("answers[%d] is a %s, want an object", i, a.Type())
		}
		data, err := str(a.Get("Rdata"), "answers[].Rdata")
		if err != nil {
			return nil, nil, err
		}
		typ, err := str(a.Get("Type"), "answers[].Type")
		if err != nil {
			return nil, nil, err
		}
		class, err := str(a.Get("Class"), "answers[].Class")
		if err != nil {
			return nil, nil, err
		}
		t := string(typ)
		d := string(data)
		if t != "TXT" && t != "SPF" {
			d = strings.TrimSuffix(d, ".")
		}
		if d == "" && t == "" && len(class) == 0 {
			continue
		}
		if n == 0 {
			buf = append(buf, '[')
		} else {
			buf = append(buf, ',')
		}
		n++
		buf = append(buf, '{')
		sep := false
		field := func(k, val string) {
			if val == "" {
				return
			}
			if sep {
				buf = append(buf, ',')
			}
			sep = true
			buf = append(buf, '"')
			buf = append(buf, k...)
			buf = append(buf, `":`...)
			buf = ecs.AppendString(buf, val)
		}
		field("class", string(class))
		field("data", d)
		field("name", owner)
		field("type", t)
		buf = append(buf, '}')
		switch t {
		case "A", "AAAA":
			if ip, err := netip.ParseAddr(d); err == nil {
				resolved = append(resolved, ip)
			}
		case "CNAME", "DNAME":
			hosts = append(hosts, d)
			owner = d
		case "PTR", "NS":
			// A PTR record holding an address (seen in AWS's own
			// example) is an address, not a host name.
			if ip, err := netip.ParseAddr(d); err == nil {
				resolved = append(resolved, ip)
			} else {
				hosts = append(hosts, d)
			}
		case "MX", "SRV":
			if f := strings.Fields(d); len(f) > 0 {
				hosts = append(hosts, strings.TrimSuffix(f[len(f)-1], "."))
			}
		}
	}
	if n > 0 {
		buf = append(buf, ']')
		ev.RawJSON("dns.answers", buf)
	}
	return resolved, hosts, nil
}

// reverseName returns the address a reverse-lookup name stands for:
// 159.86.31.172.in-addr.arpa is 172.31.86.159, and an ip6.arpa name of 32
// nibbles an IPv6 address.
func reverseName(name string) (netip.Addr, bool) {
	lower := strings.ToLower(name)
	if rest, ok := strings.CutSuffix(lower, ".in-addr.arpa"); ok {
		parts := strings.Split(rest, ".")
		if len(parts) != 4 {
			return netip.Addr{}, false
		}
		var b [4]byte
		for i, p := range parts {
			n, err := strconv.ParseUint(p, 10, 8)
			if err != nil || (len(p) > 1 && p[0] == '0') {
				return netip.Addr{}, false
			}
			b[3-i] = byte(n)
		}
		return netip.AddrFrom4(b), true
	}
	if rest, ok := strings.CutSuffix(lower, ".ip6.arpa"); ok {
		parts := strings.Split(rest, ".")
		if len(parts) != 32 {
			return netip.Addr{}, false
		}
		var b [16]byte
		for i, p := range parts {
			if len(p) != 1 {
				return netip.Addr{}, false
			}
			n, err := strconv.ParseUint(p, 16, 8)
			if err != nil {
				return netip.Addr{}, false
			}
			k := 31 - i // nibble index from the start of the address
			if k%2 == 0 {
				b[k/2] |= byte(n) << 4
			} else {
				b[k/2] |= byte(n)
			}
		}
		return netip.AddrFrom16(b), true
	}
	return netip.Addr{}, false
}

// parseTimestamp reads query_timestamp: RFC 3339 as AWS writes it, or
// "2006-01-02 15:04:05" with an optional fraction and no zone, read as
// UTC (the form some pipelines, Panther's among them, rewrite it to).
func parseTimestamp(b []byte) (time.Time, error) {
	if t, err := parser.ParseRFC3339(b); err == nil {
		return t.UTC(), nil
	}
	if len(b) >= 19 && b[10] == ' ' {
		if t, err := time.Parse("2006-01-02 15:04:05.999999999", string(b)); err == nil {
			return t, nil
		}
	}
	if len(b) > 64 {
		b = append(b[:64:64], "..."...)
	}
	return time.Time{}, fmt.Errorf("query_timestamp %q is not an RFC 3339 time", b)
}

// portNumber reads srcport, a string in AWS's records (a number is taken
// too); ok is false when it is absent, empty or "-".
func portNumber(v *fastjson.Value) (port int64, ok bool, err error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return 0, false, nil
	}
	var s []byte
	switch v.Type() {
	case fastjson.TypeString:
		s = v.GetStringBytes()
	case fastjson.TypeNumber:
		s = v.MarshalTo(nil)
	default:
		return 0, false, fmt.Errorf("srcport is a %s, want a port number", v.Type())
	}
	if len(s) == 0 || string(s) == "-" {
		return 0, false, nil
	}
	n, good := parser.ParseUint(s)
	if !good || n > 65535 {
		if len(s) > 32 {
			s = append(s[:32:32], "..."...)
		}
		return 0, false, fmt.Errorf("srcport %q is not a port number", s)
	}
	return int64(n), true, nil
}

// str returns a string member's bytes: nil when absent or null, an error
// when it is not a string.
func str(v *fastjson.Value, name string) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	switch v.Type() {
	case fastjson.TypeString:
		return v.GetStringBytes(), nil
	case fastjson.TypeNull:
		return nil, nil
	}
	return nil, fmt.Errorf("%s is a %s, want a string", name, v.Type())
}

// keyword sets a string member at path.
func keyword(ev *ecs.Event, v *fastjson.Value, name, path string) error {
	s, err := str(v, name)
	if err != nil {
		return err
	}
	ev.KeywordBytes(path, s)
	return nil
}
