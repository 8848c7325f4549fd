package guardduty

import (
	"bytes"
	"net/netip"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/parser"
)

// action maps service.action: what was seen, and which side of it is the
// source. The remote party is the source of inbound connections, port
// probes, API calls, Kubernetes API calls and database logins; the
// resource (the instance) is the source of outbound connections and DNS
// requests.
func (n *normalizer) action(a, res *fastjson.Value) {
	if a == nil || a.Type() != fastjson.TypeObject {
		return
	}
	ev := n.ev
	ev.KeywordBytes("event.action", str(a, "actionType"))
	if c := a.Get("networkConnectionAction"); c != nil && c.Type() == fastjson.TypeObject {
		n.networkConnection(c, res)
	}
	if p := a.Get("portProbeAction"); p != nil && p.Type() == fastjson.TypeObject {
		n.portProbe(p)
	}
	if d := a.Get("dnsRequestAction"); d != nil && d.Type() == fastjson.TypeObject {
		n.dnsRequest(d, res)
	}
	if c := a.Get("awsApiCallAction"); c != nil && c.Type() == fastjson.TypeObject {
		n.apiCall(c)
	}
	if k := a.Get("kubernetesApiCallAction"); k != nil && k.Type() == fastjson.TypeObject {
		n.kubernetesAPICall(k)
	}
	if r := a.Get("rdsLoginAttemptAction"); r != nil && r.Type() == fastjson.TypeObject {
		n.rdsLogin(r)
	}
}

// endpoint is one side of a connection.
type endpoint struct {
	ip   netip.Addr
	port int64
	// hasPort tells port is set.
	hasPort bool
	// geo is a remoteIpDetails object, nil for a local side.
	geo *fastjson.Value
}

// remote reads a remoteIpDetails object and a remotePortDetails one.
func remote(ipd, portd *fastjson.Value) endpoint {
	e := endpoint{ip: addrOf(ipd), geo: ipd}
	if portd != nil {
		e.port, e.hasPort = port(portd.Get("port"))
	}
	return e
}

// addrOf reads ipAddressV4, else ipAddressV6, of an IP details object.
func addrOf(d *fastjson.Value) netip.Addr {
	if d == nil {
		return netip.Addr{}
	}
	if ip, ok := parser.ParseAddrDropZone(str(d, "ipAddressV4")); ok {
		return ip
	}
	ip, _ := parser.ParseAddrDropZone(str(d, "ipAddressV6"))
	return ip
}

// instanceIP is the primary private address of the finding's instance.
func instanceIP(res *fastjson.Value) netip.Addr {
	if res == nil {
		return netip.Addr{}
	}
	nics := res.GetArray("instanceDetails", "networkInterfaces")
	if len(nics) == 0 {
		return netip.Addr{}
	}
	ip, _ := parser.ParseAddrDropZone(str(nics[0], "privateIpAddress"))
	return ip
}

// side holds the field paths of source or destination. They are
// constants: the event caches document layouts by the identity of their
// path strings.
type side struct {
	ip, address, port, city, country, countryCode, location, asNumber, asName string
}

var (
	source = side{"source.ip", "source.address", "source.port", "source.geo.city_name", "source.geo.country_name",
		"source.geo.country_iso_code", "source.geo.location", "source.as.number", "source.as.organization.name"}
	destination = side{"destination.ip", "destination.address", "destination.port", "destination.geo.city_name", "destination.geo.country_name",
		"destination.geo.country_iso_code", "destination.geo.location", "destination.as.number", "destination.as.organization.name"}
)

// set writes one side as source or destination.
func (n *normalizer) set(s *side, e endpoint) {
	ev := n.ev
	if e.ip.IsValid() {
		ev.IP(s.ip, e.ip)
		ev.Keyword(s.address, e.ip.Unmap().WithZone("").String())
	}
	if e.hasPort {
		ev.Long(s.port, e.port)
	}
	if e.geo != nil {
		n.geo(s, e.geo)
	}
}

// geo maps GuardDuty's own geolocation and organization of a remote
// address.
func (n *normalizer) geo(s *side, d *fastjson.Value) {
	ev := n.ev
	ev.KeywordBytes(s.city, str(d, "city", "cityName"))
	ev.KeywordBytes(s.country, str(d, "country", "countryName"))
	ev.KeywordBytes(s.countryCode, str(d, "country", "countryCode"))
	if loc := d.Get("geoLocation"); loc != nil {
		lat, lok := number(loc.Get("lat"))
		lon, gok := number(loc.Get("lon"))
		if lok && gok && !(lat == 0 && lon == 0) {
			ev.GeoPoint(s.location, lat, lon)
		}
	}
	if org := d.Get("organization"); org != nil {
		if asn, ok := integer(org.Get("asn")); ok && asn > 0 && asn < 1<<32 {
			ev.Long(s.asNumber, asn)
		}
		ev.KeywordBytes(s.asName, str(org, "asnOrg"))
		ev.KeywordBytes("aws.guardduty.action.remote_ip.isp", str(org, "isp"))
		ev.KeywordBytes("aws.guardduty.action.remote_ip.org", str(org, "org"))
	}
}

func (n *normalizer) networkConnection(c, res *fastjson.Value) {
	ev := n.ev
	rem := remote(c.Get("remoteIpDetails"), c.Get("remotePortDetails"))
	local := endpoint{ip: addrOf(c.Get("localIpDetails"))}
	if !local.ip.IsValid() {
		local.ip = instanceIP(res)
	}
	if lp := c.Get("localPortDetails"); lp != nil {
		local.port, local.hasPort = port(lp.Get("port"))
	}
	src, dst := rem, local
	switch string(str(c, "connectionDirection")) {
	case "OUTBOUND":
		ev.Keyword("network.direction", "outbound")
		src, dst = local, rem
	case "INBOUND":
		ev.Keyword("network.direction", "inbound")
	default:
		ev.Keyword("network.direction", "unknown")
	}
	n.set(&source, src)
	n.set(&destination, dst)
	proto := str(c, "protocol")
	n.transport(proto)
	n.communityID(proto, src, dst)
	n.blocked(c)
}

// communityID sets network.community_id for a TCP or UDP connection whose
// two addresses and ports are known, so that the finding can be joined
// with the VPC flow log records and IDS alerts of the same flow.
func (n *normalizer) communityID(proto []byte, src, dst endpoint) {
	var f communityid.Flow
	switch {
	case bytes.EqualFold(proto, []byte("tcp")):
		f.Proto = communityid.ProtoTCP
	case bytes.EqualFold(proto, []byte("udp")):
		f.Proto = communityid.ProtoUDP
	default:
		return
	}
	if !src.hasPort || !dst.hasPort {
		return
	}
	f.Src, f.Dst, f.SrcPort, f.DstPort = src.ip, dst.ip, uint16(src.port), uint16(dst.port)
	var buf [communityid.Len]byte
	if id, ok := communityid.Append(buf[:0], 0, f); ok {
		n.ev.KeywordBytes("network.community_id", id)
	}
}

// transport sets network.transport from GuardDuty's protocol (TCP, UDP,
// ICMP; "Unknown" is left out).
func (n *normalizer) transport(p []byte) {
	if len(p) == 0 || bytes.EqualFold(p, []byte("unknown")) {
		return
	}
	n.ev.KeywordBytes("network.transport", bytes.ToLower(p))
}

func (n *normalizer) blocked(v *fastjson.Value) {
	if b := v.Get("blocked"); b != nil && (b.Type() == fastjson.TypeTrue || b.Type() == fastjson.TypeFalse) {
		n.ev.Bool("aws.guardduty.action.blocked", b.Type() == fastjson.TypeTrue)
	}
}

// portProbe maps the probes: each remote address is a source, each
// probed local port and address a destination. Several probes give
// arrays; GuardDuty's geolocation is kept only when one address probed.
func (n *normalizer) portProbe(p *fastjson.Value) {
	ev := n.ev
	ev.Keyword("network.direction", "inbound")
	n.blocked(p)
	var srcs, dsts []netip.Addr
	var ports []int64
	var geo *fastjson.Value
	for _, d := range p.GetArray("portProbeDetails") {
		r := d.Get("remoteIpDetails")
		if ip := addrOf(r); ip.IsValid() {
			srcs = appendAddr(srcs, ip)
			geo = r
		}
		if ip := addrOf(d.Get("localIpDetails")); ip.IsValid() {
			dsts = appendAddr(dsts, ip)
		}
		if lp := d.Get("localPortDetails"); lp != nil {
			if pt, ok := port(lp.Get("port")); ok && !containsInt(ports, pt) {
				ports = append(ports, pt)
			}
		}
	}
	switch len(srcs) {
	case 0:
	case 1:
		n.set(&source, endpoint{ip: srcs[0], geo: geo})
	default:
		ev.IPs("source.ip", srcs...)
	}
	if len(dsts) == 1 {
		n.set(&destination, endpoint{ip: dsts[0]})
	} else {
		ev.IPs("destination.ip", dsts...)
	}
	switch len(ports) {
	case 0:
	case 1:
		ev.Long("destination.port", ports[0])
	default:
		raw := []byte{'['}
		for i, pt := range ports {
			if i > 0 {
				raw = append(raw, ',')
			}
			raw = appendInt(raw, pt)
		}
		ev.RawJSON("destination.port", append(raw, ']'))
	}
}

func appendAddr(list []netip.Addr, ip netip.Addr) []netip.Addr {
	for _, x := range list {
		if x == ip {
			return list
		}
	}
	if len(list) >= 256 {
		return list
	}
	return append(list, ip)
}

func containsInt(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return len(list) >= 256
}

func appendInt(b []byte, v int64) []byte {
	if v >= 10 {
		b = appendInt(b, v/10)
	}
	return append(b, byte('0'+v%10))
}

// dnsRequest maps a DNS query the instance made.
func (n *normalizer) dnsRequest(d, res *fastjson.Value) {
	ev := n.ev
	ev.Keyword("network.direction", "outbound")
	ev.Keyword("network.protocol", "dns")
	n.transport(str(d, "protocol"))
	ev.KeywordBytes("dns.question.name", bytes.TrimSuffix(str(d, "domain"), []byte(".")))
	ev.KeywordBytes("dns.question.registered_domain", bytes.TrimSuffix(str(d, "domainWithSuffix"), []byte(".")))
	if ip := instanceIP(res); ip.IsValid() {
		n.set(&source, endpoint{ip: ip})
	}
	n.blocked(d)
}

// apiCall maps an AWS API call made from a remote address or domain.
func (n *normalizer) apiCall(c *fastjson.Value) {
	ev := n.ev
	if r := c.Get("remoteIpDetails"); r != nil {
		n.set(&source, remote(r, nil))
	}
	ev.KeywordBytes("source.domain", str(c, "domainDetails", "domain"))
	ev.KeywordBytes("aws.guardduty.action.api", str(c, "api"))
	ev.KeywordBytes("aws.guardduty.action.service_name", str(c, "serviceName"))
	ev.KeywordBytes("aws.guardduty.action.caller_type", str(c, "callerType"))
	ev.KeywordBytes("error.code", str(c, "errorCode"))
	n.userAgent(c.Get("userAgent"))
	if ra := c.Get("remoteAccountDetails"); ra != nil {
		ev.KeywordBytes("aws.guardduty.action.remote_account.id", str(ra, "accountId"))
		if b := ra.Get("affiliated"); b != nil && (b.Type() == fastjson.TypeTrue || b.Type() == fastjson.TypeFalse) {
			ev.Bool("aws.guardduty.action.remote_account.affiliated", b.Type() == fastjson.TypeTrue)
		}
	}
}

// userAgent reads a user agent written as a string or as
// {"fullUserAgent": ..., "userAgentCategory": ...}.
func (n *normalizer) userAgent(ua *fastjson.Value) {
	if ua == nil {
		return
	}
	switch ua.Type() {
	case fastjson.TypeString:
		n.ev.KeywordBytes("user_agent.original", ua.GetStringBytes())
	case fastjson.TypeObject:
		n.ev.KeywordBytes("user_agent.original", str(ua, "fullUserAgent"))
		n.ev.KeywordBytes("aws.guardduty.action.user_agent_category", str(ua, "userAgentCategory"))
	}
}

// kubernetesAPICall maps a call to a cluster's API server.
func (n *normalizer) kubernetesAPICall(k *fastjson.Value) {
	ev := n.ev
	src := remote(k.Get("remoteIpDetails"), nil)
	if !src.ip.IsValid() {
		for _, s := range k.GetArray("sourceIps") {
			if ip, ok := parser.ParseAddrDropZone(s.GetStringBytes()); ok {
				src.ip = ip
				break
			}
		}
	}
	n.set(&source, src)
	ev.KeywordBytes("url.original", str(k, "requestUri"))
	ev.KeywordBytes("aws.guardduty.action.kubernetes.verb", str(k, "verb"))
	ev.KeywordBytes("aws.guardduty.action.kubernetes.namespace", str(k, "namespace"))
	ev.KeywordBytes("aws.guardduty.action.kubernetes.resource", str(k, "resource"))
	ev.KeywordBytes("aws.guardduty.action.kubernetes.resource_name", str(k, "resourceName"))
	if code, ok := integer(k.Get("statusCode")); ok && code >= 100 && code <= 999 {
		ev.Long("http.response.status_code", code)
	}
	n.userAgent(k.Get("userAgent"))
}

// rdsLogin maps login attempts to a database from a remote address.
func (n *normalizer) rdsLogin(r *fastjson.Value) {
	n.set(&source, remote(r.Get("remoteIpDetails"), nil))
	for _, la := range r.GetArray("loginAttributes") {
		n.addUser(str(la, "user"))
	}
}
