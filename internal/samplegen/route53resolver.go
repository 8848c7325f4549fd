package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// Route53Resolver returns n Route 53 Resolver query log records as
// delivered to S3, uncompressed, one JSON object per line, of about 350
// to 600 bytes each. The mix follows a busy VPC: A and AAAA lookups of
// AWS endpoints and SaaS names (some through CNAME chains), NXDOMAIN
// answers (search-domain misses, wpad), reverse lookups, MX, SRV and TXT
// queries, a few TCP queries, IPv6 sources, queries forwarded by an
// inbound Resolver endpoint, and DNS Firewall BLOCK, ALERT and ALLOW
// actions.
func Route53Resolver(n int) []byte {
	r := rand.New(rand.NewPCG(0x5353, 0x7e50))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*480)
	names := []string{
		"s3.us-east-1.amazonaws.com", "dynamodb.us-east-1.amazonaws.com", "sts.amazonaws.com",
		"api.github.com", "registry.npmjs.org", "login.microsoftonline.com", "ocsp.digicert.com",
		"www.example.com", "db.internal.corp.example", "ec2-instance-connect.us-east-1.amazonaws.com",
	}
	cnames := []string{"s3-w.us-east-1.amazonaws.com", "dualstack.api-github.map.fastly.net", "login.mso.msidentity.com", "www.example.com.cdn.cloudflare.net"}
	instances := []string{"i-0a1b2c3d4e5f67890", "i-0fedcba9876543210", "i-0123abcd4567ef890", "i-0aa11bb22cc33dd44"}
	ipv4 := func(dst []byte) []byte {
		dst = strconv.AppendInt(dst, int64(3+r.IntN(200)), 10)
		dst = append(dst, '.')
		dst = strconv.AppendInt(dst, int64(r.IntN(256)), 10)
		dst = append(dst, '.')
		dst = strconv.AppendInt(dst, int64(r.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+r.IntN(254)), 10)
	}
	answer := func(dst []byte, typ, data string, first bool) []byte {
		if !first {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"Rdata":"`...)
		dst = append(dst, data...)
		dst = append(dst, `","Type":"`...)
		dst = append(dst, typ...)
		return append(dst, `","Class":"IN"}`...)
	}
	for range n {
		at = at.Add(time.Duration(r.IntN(40)) * time.Millisecond)
		name := names[r.IntN(len(names))]
		qtype, rcode := "A", "NOERROR"
		var ans []byte
		var fw string
		switch k := r.IntN(1000); {
		case k < 120: // search-domain misses and other NXDOMAIN
			name = []string{"wpad.ec2.internal", "db.internal.corp.example.ec2.internal", "_ldap._tcp.corp.example", "does-not-exist.example.com"}[r.IntN(4)]
			rcode = "NXDOMAIN"
		case k < 200: // reverse lookups
			ip := ipv4(nil)
			qtype = "PTR"
			name = string(ip) + ".in-addr.arpa"
			if r.IntN(2) == 0 {
				ans = answer(ans, "PTR", "ip-10-0-"+strconv.Itoa(r.IntN(256))+"-"+strconv.Itoa(r.IntN(256))+".ec2.internal.", true)
			} else {
				rcode = "NXDOMAIN"
			}
		case k < 220:
			qtype, name = "MX", "example.com"
			ans = answer(ans, "MX", "10 mail.example.com.", true)
		case k < 235:
			qtype, name = "TXT", "_dmarc.example.com"
			ans = answer(ans, "TXT", `\"v=DMARC1; p=reject\"`, true)
		case k < 245:
			qtype, name, rcode = "SRV", "_kerberos._udp.corp.example", "SERVFAIL"
		case k < 265: // DNS Firewall
			name = []string{"xmr.pool.minergate.com", "c2.evil.example", "x3k9q7.dnslog-exfil.example"}[r.IntN(3)]
			switch r.IntN(3) {
			case 0:
				fw, rcode = "BLOCK", "NXDOMAIN"
			case 1:
				fw = "ALERT"
				ans = answer(ans, "A", string(ipv4(nil)), true)
			default:
				fw = "ALLOW"
				ans = answer(ans, "A", string(ipv4(nil)), true)
			}
		default: // forward lookups, some through CNAMEs, some without an address (NODATA)
			if r.IntN(3) == 0 {
				qtype = "AAAA"
			}
			first := true
			if r.IntN(3) == 0 {
				ans = answer(ans, "CNAME", cnames[r.IntN(len(cnames))]+".", true)
				first = false
			}
			if r.IntN(8) != 0 {
				for i := range 1 + r.IntN(4) {
					if qtype == "AAAA" {
						ans = answer(ans, "AAAA", "2600:1f18:"+strconv.FormatInt(int64(r.IntN(0xffff)), 16)+"::"+strconv.FormatInt(int64(1+r.IntN(0xfffe)), 16), first && i == 0)
					} else {
						ans = answer(ans, "A", string(ipv4(nil)), first && i == 0)
					}
				}
			}
		}
		b = append(b, `{"version":"1.100000","account_id":"123456789012","region":"us-east-1","vpc_id":"vpc-0a1b2c3d4e5f60718","query_timestamp":"`...)
		b = at.AppendFormat(b, "2006-01-02T15:04:05Z")
		b = append(b, `","query_name":"`...)
		b = append(b, name...)
		b = append(b, `.","query_type":"`...)
		b = append(b, qtype...)
		b = append(b, `","query_class":"IN","rcode":"`...)
		b = append(b, rcode...)
		b = append(b, `","answers":[`...)
		b = append(b, ans...)
		b = append(b, `],"srcaddr":"`...)
		src := r.IntN(20)
		switch {
		case src == 0:
			b = append(b, "2600:1f18:4a3:6902::"...)
			b = strconv.AppendInt(b, int64(1+r.IntN(200)), 16)
		case src == 1:
			b = append(b, "192.168.10."...)
			b = strconv.AppendInt(b, int64(1+r.IntN(254)), 10)
		default:
			b = append(b, "10.0."...)
			b = strconv.AppendInt(b, int64(r.IntN(64)), 10)
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(1+r.IntN(254)), 10)
		}
		b = append(b, `","srcport":"`...)
		b = strconv.AppendInt(b, int64(1024+r.IntN(64000)), 10)
		b = append(b, `","transport":"`...)
		if r.IntN(25) == 0 {
			b = append(b, "TCP"...)
		} else {
			b = append(b, "UDP"...)
		}
		b = append(b, `","srcids":{`...)
		if src == 1 {
			b = append(b, `"resolver_endpoint":"rslvr-in-0a1b2c3d4e5f60718","resolver_network_interface":"rni-0b1c2d3e4f5a60718"`...)
		} else {
			b = append(b, `"instance":"`...)
			b = append(b, instances[r.IntN(len(instances))]...)
			b = append(b, '"')
		}
		b = append(b, '}')
		if fw != "" {
			b = append(b, `,"firewall_rule_group_id":"rslvr-frg-0a1b2c3d4e5f6a7b8","firewall_rule_action":"`...)
			b = append(b, fw...)
			b = append(b, `","firewall_domain_list_id":"rslvr-fdl-0f1e2d3c4b5a69788"`...)
		}
		b = append(b, "}\n"...)
	}
	return b
}
