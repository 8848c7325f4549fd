package securityhub

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// endpoint is one side of a connection as a finding describes it.
type endpoint struct {
	ip     netip.Addr
	port   int64
	domain string
	// details is the RemoteIpDetails object the address came from, with
	// its country, city, location and organization.
	details *fastjson.Value
}

// sidePaths are the ECS fields of one side of a connection.
type sidePaths struct {
	ip, address, port, domain                               string
	countryISO, countryName, city, location, asn, asOrgName string
}

var (
	sourcePaths = sidePaths{"source.ip", "source.address", "source.port", "source.domain",
		"source.geo.country_iso_code", "source.geo.country_name", "source.geo.city_name", "source.geo.location",
		"source.as.number", "source.as.organization.name"}
	destinationPaths = sidePaths{"destination.ip", "destination.address", "destination.port", "destination.domain",
		"destination.geo.country_iso_code", "destination.geo.country_name", "destination.geo.city_name", "destination.geo.location",
		"destination.as.number", "destination.as.organization.name"}
)

func (e endpoint) set(ev *ecs.Event, p *sidePaths, buf []byte) []byte {
	if e.ip.IsValid() {
		ev.IP(p.ip, e.ip)
		buf = e.ip.AppendTo(buf[:0])
		ev.KeywordBytes(p.address, buf)
	} else if e.domain != "" {
		ev.Keyword(p.address, e.domain)
	}
	if e.port > 0 && e.port <= 65535 {
		ev.Long(p.port, e.port)
	}
	ev.Keyword(p.domain, e.domain)
	if d := e.details; d != nil && e.ip.IsValid() {
		ev.KeywordBytes(p.countryISO, strBytes(d, "Country", "CountryCode"))
		ev.KeywordBytes(p.countryName, strBytes(d, "Country", "CountryName"))
		ev.KeywordBytes(p.city, strBytes(d, "City", "CityName"))
		lat, lon := d.Get("GeoLocation", "Lat"), d.Get("GeoLocation", "Lon")
		if lat != nil && lon != nil && lat.Type() == fastjson.TypeNumber && lon.Type() == fastjson.TypeNumber {
			ev.GeoPoint(p.location, lat.GetFloat64(), lon.GetFloat64())
		}
		if n := intOf(d.Get("Organization", "Asn")); n > 0 && n <= 1<<32-1 {
			ev.Long(p.asn, n)
		}
		ev.KeywordBytes(p.asOrgName, strBytes(d, "Organization", "AsnOrg"))
	}
	return buf
}

func (e endpoint) empty() bool { return !e.ip.IsValid() && e.port == 0 && e.domain == "" }

const gdAction = "aws/guardduty/service/action/"

// endpoints sets source.*, destination.*, network.* and dns.question.name.
// The finding's Network member says outright which side is which and
// wins; otherwise the remote and local sides of Action (or of GuardDuty's
// product fields) are placed by direction: an inbound connection, a port
// probe or an API call comes from the remote side (source), an outbound
// connection or a DNS request from the local one.
func (s *state) endpoints(v *fastjson.Value, ev *ecs.Event) {
	var src, dst endpoint
	direction, transport := "", ""
	if n := v.Get("Network"); n != nil && n.Type() == fastjson.TypeObject {
		src.ip = s.ipOf(n, "SourceIpV4")
		if !src.ip.IsValid() {
			src.ip = s.ipOf(n, "SourceIpV6")
		}
		src.port = intOf(n.Get("SourcePort"))
		src.domain = str(n, "SourceDomain")
		dst.ip = s.ipOf(n, "DestinationIpV4")
		if !dst.ip.IsValid() {
			dst.ip = s.ipOf(n, "DestinationIpV6")
		}
		dst.port = intOf(n.Get("DestinationPort"))
		dst.domain = str(n, "DestinationDomain")
		switch str(n, "Direction") {
		case "IN":
			direction = "inbound"
		case "OUT":
			direction = "outbound"
		}
		transport = strings.ToLower(str(n, "Protocol"))
	}

	a := v.Get("Action")
	pf := v.Get("ProductFields")
	actionType := firstOf(str(a, "ActionType"), str(pf, gdAction+"actionType"))
	var remote, local endpoint
	var dir string
	switch actionType {
	case "NETWORK_CONNECTION":
		c := a.Get("NetworkConnectionAction")
		remote = s.remote(c.Get("RemoteIpDetails"), pf, &pfRemoteConnection)
		remote.port = firstInt(intOf(c.Get("RemotePortDetails", "Port")), pfInt(pf, gdAction+"networkConnectionAction/remotePortDetails/port"))
		local.ip = s.firstIP(strBytes(c, "LocalIpDetails", "IpAddressV4"), pfStr(pf, gdAction+"networkConnectionAction/localIpDetails/ipAddressV4"), pfStr(pf, gdAction+"networkConnectionAction/localIpDetails/ipAddressV6"))
		local.port = firstInt(intOf(c.Get("LocalPortDetails", "Port")), pfInt(pf, gdAction+"networkConnectionAction/localPortDetails/port"))
		dir = strings.ToLower(firstOf(str(c, "ConnectionDirection"), str(pf, gdAction+"networkConnectionAction/connectionDirection")))
		if transport == "" {
			transport = strings.ToLower(firstOf(str(c, "Protocol"), str(pf, gdAction+"networkConnectionAction/protocol")))
		}
	case "PORT_PROBE":
		d := a.Get("PortProbeAction", "PortProbeDetails", "0")
		const p = gdAction + "portProbeAction/portProbeDetails.0_/"
		remote = s.remote(d.Get("RemoteIpDetails"), pf, &pfRemoteProbe)
		local.ip = s.firstIP(strBytes(d, "LocalIpDetails", "IpAddressV4"), pfStr(pf, p+"localIpDetails/ipAddressV4"), pfStr(pf, p+"localIpDetails/ipAddressV6"))
		local.port = firstInt(intOf(d.Get("LocalPortDetails", "Port")), pfInt(pf, p+"localPortDetails/port"))
		dir = "inbound"
	case "AWS_API_CALL":
		c := a.Get("AwsApiCallAction")
		remote = s.remote(c.Get("RemoteIpDetails"), pf, &pfRemoteAPI)
		remote.domain = firstOf(str(c, "DomainDetails", "Domain"), str(pf, gdAction+"awsApiCallAction/domainDetails/domain"))
	case "DNS_REQUEST":
		ev.Keyword("dns.question.name", firstOf(str(a, "DnsRequestAction", "Domain"), str(pf, gdAction+"dnsRequestAction/domain")))
		if transport == "" {
			transport = strings.ToLower(firstOf(str(a, "DnsRequestAction", "Protocol"), str(pf, gdAction+"dnsRequestAction/protocol")))
		}
		dir = "outbound"
	default:
		remote = s.remote(nil, pf, &pfRemoteK8s)
		if remote.empty() {
			remote = s.remote(nil, pf, &pfRemoteRDS)
		}
	}
	if !local.ip.IsValid() {
		local.ip = s.firstIP(pfStr(pf, "aws/guardduty/resource/instanceDetails/networkInterfaces.0_/privateIpAddress"))
	}
	if src.empty() && dst.empty() {
		if dir == "outbound" {
			src, dst = local, remote
		} else if !remote.empty() {
			src, dst = remote, local
		}
	}
	if direction == "" {
		switch dir {
		case "inbound", "outbound":
			direction = dir
		}
	}
	s.buf = src.set(ev, &sourcePaths, s.buf)
	s.buf = dst.set(ev, &destinationPaths, s.buf)
	ev.Keyword("network.direction", direction)
	ev.Keyword("network.transport", transport)
	communityID(ev, transport, src, dst)
}

// communityID sets network.community_id (version 1, seed 0) for a TCP or
// UDP connection whose two addresses and ports are known, so that the
// finding can be joined with the flow's VPC flow log records and IDS
// alerts, and with the same GuardDuty finding read by the guardduty type.
func communityID(ev *ecs.Event, transport string, src, dst endpoint) {
	f := communityid.Flow{Src: src.ip, Dst: dst.ip}
	switch transport {
	case "tcp":
		f.Proto = communityid.ProtoTCP
	case "udp":
		f.Proto = communityid.ProtoUDP
	default:
		return
	}
	if src.port < 1 || src.port > 65535 || dst.port < 1 || dst.port > 65535 {
		return
	}
	f.SrcPort, f.DstPort = uint16(src.port), uint16(dst.port)
	var buf [communityid.Len]byte
	if id, ok := communityid.Append(buf[:0], 0, f); ok {
		ev.KeywordBytes("network.community_id", id)
	}
}

// remote reads a RemoteIpDetails object, else the same from GuardDuty's
// product fields under prefix.
func (s *state) remote(d, pf *fastjson.Value, keys *[2]string) endpoint {
	var e endpoint
	e.ip = s.firstIP(strBytes(d, "IpAddressV4"), strBytes(d, "IpAddressV6"), pfStr(pf, keys[0]), pfStr(pf, keys[1]))
	if d != nil && d.Type() == fastjson.TypeObject {
		e.details = d
	}
	return e
}

// The remote address product fields of GuardDuty's actions.
var (
	pfRemoteConnection = [2]string{gdAction + "networkConnectionAction/remoteIpDetails/ipAddressV4", gdAction + "networkConnectionAction/remoteIpDetails/ipAddressV6"}
	pfRemoteProbe      = [2]string{gdAction + "portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV4", gdAction + "portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV6"}
	pfRemoteAPI        = [2]string{gdAction + "awsApiCallAction/remoteIpDetails/ipAddressV4", gdAction + "awsApiCallAction/remoteIpDetails/ipAddressV6"}
	pfRemoteK8s        = [2]string{gdAction + "kubernetesApiCallAction/remoteIpDetails/ipAddressV4", gdAction + "kubernetesApiCallAction/remoteIpDetails/ipAddressV6"}
	pfRemoteRDS        = [2]string{gdAction + "rdsLoginAttemptAction/remoteIpDetails/ipAddressV4", gdAction + "rdsLoginAttemptAction/remoteIpDetails/ipAddressV6"}
)

// ipOf reads an address member, adding it to related.ip.
func (s *state) ipOf(v *fastjson.Value, key string) netip.Addr {
	a, _ := s.addIP(strBytes(v, key))
	return a
}

func (s *state) firstIP(cands ...[]byte) netip.Addr {
	for _, c := range cands {
		if a, ok := s.addIP(c); ok {
			return a
		}
	}
	return netip.Addr{}
}

// pfStr looks a product field up by its whole key (keys hold '/' and
// '.', so they are never split).
func pfStr(pf *fastjson.Value, key string) []byte {
	if pf == nil {
		return nil
	}
	o, err := pf.Object()
	if err != nil {
		return nil
	}
	e := o.Get(key)
	if e == nil || e.Type() != fastjson.TypeString {
		return nil
	}
	return e.GetStringBytes()
}

func pfInt(pf *fastjson.Value, key string) int64 {
	n, ok := parser.ParseUint(pfStr(pf, key))
	if !ok || n > 65535 {
		return 0
	}
	return int64(n)
}

func intOf(v *fastjson.Value) int64 {
	if v == nil {
		return 0
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		n, err := v.Int64()
		if err != nil {
			return 0
		}
		return n
	case fastjson.TypeString:
		n, err := strconv.ParseInt(string(v.GetStringBytes()), 10, 64)
		if err != nil {
			return 0
		}
		return n
	}
	return 0
}

func firstInt(vs ...int64) int64 {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}
