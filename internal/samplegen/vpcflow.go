package samplegen

import (
	"math/rand/v2"
	"strconv"
)

// VPCFlow returns a VPC flow log object as delivered to S3, uncompressed:
// the default-format header line and n records of varied traffic (TCP and
// UDP to common services, ICMP, IPv6, rejected probes from the internet,
// ESP, NODATA and SKIPDATA intervals), ending with a newline.
func VPCFlow(n int) []byte {
	rng := rand.New(rand.NewPCG(0x7f10, 0x1095))
	const header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
	b := make([]byte, 0, len(header)+n*110)
	b = append(b, header...)

	const windowStart = 1795773600 // 2026-11-27T10:00:00Z
	services := []int64{443, 443, 443, 80, 22, 3306, 5432, 6379, 8080, 9200}
	eni := func() []byte {
		id := rng.IntN(64)
		return append([]byte("eni-0a1b2c3d4e5f6"), byte('0'+id/10%10), byte('0'+id%10), '0', '1')
	}
	private := func(dst []byte) []byte {
		dst = append(dst, "10."...)
		dst = strconv.AppendInt(dst, int64(rng.IntN(4)), 10)
		dst = append(dst, '.')
		dst = strconv.AppendInt(dst, int64(rng.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	public := func(dst []byte) []byte {
		prefixes := []string{"198.51.100.", "203.0.113.", "192.0.2.", "52.94.", "54.239."}
		p := prefixes[rng.IntN(len(prefixes))]
		dst = append(dst, p...)
		if p == "52.94." || p == "54.239." {
			dst = strconv.AppendInt(dst, int64(rng.IntN(256)), 10)
			dst = append(dst, '.')
		}
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	ipv6 := func(dst []byte) []byte {
		dst = append(dst, "2001:db8:1234:"...)
		dst = strconv.AppendInt(dst, int64(0xa100+rng.IntN(4)), 16)
		dst = append(dst, "::"...)
		return strconv.AppendInt(dst, int64(1+rng.IntN(0xfffe)), 16)
	}

	for i := range n {
		start := int64(windowStart + rng.IntN(240))
		end := start + int64(1+rng.IntN(60))
		b = append(b, "2 123456789012 "...)
		b = append(b, eni()...)
		b = append(b, ' ')

		kind := rng.IntN(1000)
		switch {
		case kind < 20: // no traffic in the interval
			b = append(b, "- - - - - - - "...)
			b = strconv.AppendInt(b, windowStart, 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, windowStart+300, 10)
			b = append(b, " - NODATA\n"...)
			continue
		case kind < 25: // capacity trouble: records skipped
			b = append(b, "- - - - - - - "...)
			b = strconv.AppendInt(b, windowStart, 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, windowStart+300, 10)
			b = append(b, " - SKIPDATA\n"...)
			continue
		}

		var src, dst []byte
		var srcPort, dstPort, proto int64
		action := "ACCEPT"
		switch {
		case kind < 105: // probes from the internet, rejected
			src, dst = public(nil), private(nil)
			srcPort, dstPort, proto = int64(1024+rng.IntN(64000)), []int64{22, 23, 3389, 445, 5900}[rng.IntN(5)], 6
			action = "REJECT"
		case kind < 155: // ICMP echo
			src, dst = private(nil), public(nil)
			proto = 1
		case kind < 195: // IPv6 HTTPS
			src, dst = ipv6(nil), ipv6(nil)
			srcPort, dstPort, proto = int64(32768+rng.IntN(28000)), 443, 6
		case kind < 205: // IPsec between sites
			src, dst = private(nil), public(nil)
			proto = 50
		case kind < 325: // DNS and NTP
			src, dst = private(nil), []byte("10.0.0.2")
			srcPort, dstPort, proto = int64(32768+rng.IntN(28000)), []int64{53, 53, 53, 123}[rng.IntN(4)], 17
		default: // TCP to services, in either direction
			src, dst = private(nil), private(nil)
			if rng.IntN(4) == 0 {
				dst = public(nil)
			}
			srcPort, dstPort, proto = int64(32768+rng.IntN(28000)), services[rng.IntN(len(services))], 6
			if rng.IntN(2) == 0 {
				src, dst = dst, src
				srcPort, dstPort = dstPort, srcPort
			}
		}
		packets := int64(1 + rng.IntN(200))
		bytes := packets * int64(40+rng.IntN(1460))
		if i%997 == 0 {
			bytes *= 10000 // the odd bulk transfer
		}

		b = append(b, src...)
		b = append(b, ' ')
		b = append(b, dst...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, srcPort, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, dstPort, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, proto, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, packets, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, bytes, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, start, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, end, 10)
		b = append(b, ' ')
		b = append(b, action...)
		b = append(b, " OK\n"...)
	}
	return b
}
