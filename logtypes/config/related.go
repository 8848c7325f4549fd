package config

import (
	"bytes"
	"net/netip"
	"regexp"
	"slices"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

var (
	regionRE = regexp.MustCompile(`^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$`)
	azRE     = regexp.MustCompile(`^(?:[a-z]{2}(?:-[a-z]+)+-\d{1,2}[a-z](?:-[a-z0-9-]+)?|[a-z]{2,4}\d{1,2}-az\d{1,2})$`)
)

// ipSet collects addresses for related.ip.
type ipSet []netip.Addr

func (s *ipSet) add(b []byte) {
	b = bytes.TrimSpace(b)
	if ip, ok := parser.ParseAddrDropZone(b); ok {
		*s = append(*s, ip.Unmap())
	}
}

// sorted returns the addresses sorted, without repeats.
func (s ipSet) sorted() []netip.Addr {
	slices.SortFunc(s, func(a, b netip.Addr) int { return a.Compare(b) })
	return slices.Compact(s)
}

// collect calls f with every string found at path below v, where "*"
// stands for every element of an array (or every member of an object).
func collect(v *fastjson.Value, f func([]byte), path ...string) {
	if v == nil {
		return
	}
	if len(path) == 0 {
		if v.Type() == fastjson.TypeString {
			f(v.GetStringBytes())
		}
		return
	}
	if path[0] == "*" {
		switch v.Type() {
		case fastjson.TypeArray:
			for _, e := range v.GetArray() {
				collect(e, f, path[1:]...)
			}
		case fastjson.TypeObject:
			o, _ := v.Object()
			o.Visit(func(_ []byte, e *fastjson.Value) { collect(e, f, path[1:]...) })
		}
		return
	}
	if v.Type() != fastjson.TypeObject {
		return
	}
	collect(v.Get(path[0]), f, path[1:]...)
}

// related reads the hosts, addresses and users a configuration names,
// for the resource types whose configuration AWS documents them in.
func (m *mapper) related(resType, resID, resName string, conf *fastjson.Value) {
	addIP := m.ips.add
	addIPs := func(b []byte) {
		// SSM inventory lists several addresses in one string.
		for f := range bytes.SplitSeq(b, []byte(",")) {
			m.ips.add(f)
		}
	}
	addHost := func(b []byte) {
		if len(b) > 0 {
			m.hosts = append(m.hosts, string(b))
		}
	}
	if conf != nil && conf.Type() != fastjson.TypeObject {
		conf = nil
	}
	switch resType {
	case "AWS::EC2::Instance":
		collect(conf, addIP, "privateIpAddress")
		collect(conf, addIP, "publicIpAddress")
		collect(conf, addHost, "privateDnsName")
		collect(conf, addHost, "publicDnsName")
		eniIPs(conf, addIP, "networkInterfaces", "*")
	case "AWS::EC2::NetworkInterface":
		eniIPs(conf, addIP)
	case "AWS::EC2::EIP":
		m.ips.add([]byte(resName))
		collect(conf, addIP, "publicIp")
		collect(conf, addIP, "privateIpAddress")
	case "AWS::EC2::NatGateway":
		collect(conf, addIP, "natGatewayAddresses", "*", "privateIp")
		collect(conf, addIP, "natGatewayAddresses", "*", "publicIp")
	case "AWS::SSM::ManagedInstanceInventory":
		collect(conf, addIPs, "AWS:Network", "Content", "*", "IPV4")
		collect(conf, addIPs, "AWS:Network", "Content", "*", "IPV6")
		collect(conf, addHost, "AWS:InstanceInformation", "Content", "*", "ComputerName")
	}
}

var eniPaths = [][]string{
	{"privateIpAddress"},
	{"association", "publicIp"},
	{"privateIpAddresses", "*", "privateIpAddress"},
	{"privateIpAddresses", "*", "association", "publicIp"},
	{"ipv6Addresses", "*", "ipv6Address"},
	{"ipv6Addresses", "*"},
}

// eniIPs collects the addresses of the network interfaces at path.
func eniIPs(conf *fastjson.Value, add func([]byte), path ...string) {
	var buf [8]string
	for _, rest := range eniPaths {
		collect(conf, add, append(append(buf[:0], path...), rest...)...)
	}
}

// relationships writes relationships[] as objects of keywords, so that
// "what is related to sg-0123" is one term query.
func (m *mapper) relationships(v *fastjson.Value) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return
	}
	if v.Type() != fastjson.TypeArray {
		m.scratch = freeform.AppendWhole(m.scratch[:0], v)
		m.ev.KeywordBytes("aws.config.relationships_text", m.scratch)
		return
	}
	b := m.scratch[:0]
	b = append(b, '[')
	n := 0
	for _, r := range v.GetArray() {
		if r.Type() != fastjson.TypeObject {
			continue
		}
		start := len(b)
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		fields := 0
		for _, f := range [...][2]string{
			{"resourceId", "resource_id"}, {"resourceName", "resource_name"},
			{"resourceType", "resource_type"}, {"name", "name"}, {"relationshipName", "relationship_name"}, {"direction", "direction"},
		} {
			s := r.GetStringBytes(f[0])
			if len(s) == 0 {
				continue
			}
			if fields > 0 {
				b = append(b, ',')
			}
			b = ecs.AppendString(b, f[1])
			b = append(b, ':')
			b = ecs.AppendStringBytes(b, s)
			fields++
		}
		if fields == 0 {
			b = b[:start]
			continue
		}
		b = append(b, '}')
		n++
	}
	b = append(b, ']')
	m.scratch = b
	if n > 0 {
		m.ev.RawJSON("aws.config.relationships", b)
	}
}
