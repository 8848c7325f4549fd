package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// NetworkFirewall returns an AWS Network Firewall log object as delivered
// to S3, uncompressed: n records, one JSON object per line, of varied
// kinds (netflow records over TCP, UDP, ICMP and IPv6; alerts, blocked
// and allowed, with HTTP, TLS or DNS details; and TLS log records, errors
// and revocation checks), ending with a newline.
func NetworkFirewall(n int) []byte {
	rng := rand.New(rand.NewPCG(0x4e46, 0x57))
	b := make([]byte, 0, n*520)
	base := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	ip4 := func(dst []byte, private bool) []byte {
		if private {
			dst = append(dst, "10.0."...)
			dst = strconv.AppendInt(dst, int64(rng.IntN(4)), 10)
		} else {
			dst = append(dst, []string{"198.51.100", "203.0.113", "192.0.2"}[rng.IntN(3)]...)
		}
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	hosts := []string{"downloads.example.net", "api.partner.example.org", "updates.example.com", "cdn.example.io"}
	for i := range n {
		t := base.Add(time.Duration(i) * 37 * time.Millisecond)
		kind := rng.IntN(10)
		if kind == 6 && rng.IntN(3) == 0 {
			b = appendTLSLogRecord(b, rng, t, hosts[rng.IntN(len(hosts))])
			continue
		}
		v6 := rng.IntN(10) == 0
		proto, sport, dport, app := "TCP", 1024+rng.IntN(60000), []int{443, 443, 80, 22, 3306}[rng.IntN(5)], "tls"
		switch {
		case kind == 0:
			proto, dport, app = "UDP", 53, "dns"
		case kind == 1, kind == 9 && i%4 == 0: // flows, and alerts on pings
			proto, app = "ICMP", "unknown"
		case dport == 80:
			app = "http"
		case dport != 443:
			app = "unknown"
		}
		b = append(b, `{"firewall_name":"egress-fw","availability_zone":"us-east-1`...)
		b = append(b, "abc"[rng.IntN(3)])
		b = append(b, `","event_timestamp":"`...)
		b = strconv.AppendInt(b, t.Unix(), 10)
		b = append(b, `","event":{"timestamp":"`...)
		b = t.AppendFormat(b, "2006-01-02T15:04:05.000000-0700")
		b = append(b, `","flow_id":`...)
		b = strconv.AppendUint(b, rng.Uint64()>>12, 10)
		alert := kind >= 7
		if alert {
			b = append(b, `,"event_type":"alert","src_ip":"`...)
		} else {
			b = append(b, `,"event_type":"netflow","src_ip":"`...)
		}
		if v6 {
			b = append(b, "2001:db8:1234:a100::"...)
			b = strconv.AppendInt(b, int64(1+rng.IntN(250)), 16)
		} else {
			b = ip4(b, true)
		}
		b = append(b, '"')
		if proto != "ICMP" {
			b = append(b, `,"src_port":`...)
			b = strconv.AppendInt(b, int64(sport), 10)
		}
		b = append(b, `,"dest_ip":"`...)
		if v6 {
			b = append(b, "2600:1f18:4a3:6902::"...)
			b = strconv.AppendInt(b, int64(1+rng.IntN(250)), 16)
		} else {
			b = ip4(b, kind == 0)
		}
		b = append(b, '"')
		if proto != "ICMP" {
			b = append(b, `,"dest_port":`...)
			b = strconv.AppendInt(b, int64(dport), 10)
		}
		b = append(b, `,"proto":"`...)
		b = append(b, proto...)
		b = append(b, `","app_proto":"`...)
		b = append(b, app...)
		b = append(b, '"')
		if alert {
			action := "blocked"
			if rng.IntN(3) == 0 {
				action = "allowed"
			}
			b = append(b, `,"alert":{"action":"`...)
			b = append(b, action...)
			b = append(b, `","signature_id":`...)
			b = strconv.AppendInt(b, int64(1000000+rng.IntN(20)), 10)
			b = append(b, `,"rev":1,"signature":"Egress policy rule `...)
			b = strconv.AppendInt(b, int64(rng.IntN(20)), 10)
			b = append(b, `","category":"Potentially Bad Traffic","severity":`...)
			b = strconv.AppendInt(b, int64(1+rng.IntN(3)), 10)
			b = append(b, '}')
			if proto == "ICMP" {
				b = append(b, `,"icmp_type":8,"icmp_code":0`...)
			}
			host := hosts[rng.IntN(len(hosts))]
			switch app {
			case "http":
				b = append(b, `,"http":{"hostname":"`...)
				b = append(b, host...)
				b = append(b, `","url":"/files/`...)
				b = strconv.AppendInt(b, int64(rng.IntN(1000)), 10)
				b = append(b, `.bin?token=abc","http_user_agent":"curl/8.5.0","http_method":"GET","protocol":"HTTP/1.1","length":0}`...)
			case "tls":
				b = append(b, `,"tls":{"sni":"`...)
				b = append(b, host...)
				b = append(b, `","version":"TLS 1.3","ja3":{"hash":"e7d705a3286e19ea42f587b344ee6865"}}`...)
			case "dns":
				b = append(b, `,"dns":{"query":[{"type":"query","id":`...)
				b = strconv.AppendInt(b, int64(rng.IntN(65536)), 10)
				b = append(b, `,"rrname":"`...)
				b = append(b, host...)
				b = append(b, `","rrtype":"A","tx_id":0}]}`...)
			}
		} else {
			pkts := 1 + rng.IntN(500)
			b = append(b, `,"netflow":{"pkts":`...)
			b = strconv.AppendInt(b, int64(pkts), 10)
			b = append(b, `,"bytes":`...)
			b = strconv.AppendInt(b, int64(pkts*(60+rng.IntN(1400))), 10)
			b = append(b, `,"start":"`...)
			b = t.Add(-time.Duration(rng.IntN(60000))*time.Millisecond).AppendFormat(b, "2006-01-02T15:04:05.000000-0700")
			b = append(b, `","end":"`...)
			b = t.AppendFormat(b, "2006-01-02T15:04:05.000000-0700")
			b = append(b, `","age":`...)
			b = strconv.AppendInt(b, int64(rng.IntN(60)), 10)
			b = append(b, `,"min_ttl":63,"max_ttl":64}`...)
			if proto == "TCP" {
				b = append(b, `,"tcp":{"tcp_flags":"1b","syn":true,"fin":true,"psh":true,"ack":true}`...)
			}
		}
		b = append(b, "}}\n"...)
	}
	return b
}

// appendTLSLogRecord appends a record of the TLS log: no event_type, ports
// as strings, and a TLS error or a certificate revocation check.
func appendTLSLogRecord(b []byte, rng *rand.Rand, t time.Time, host string) []byte {
	b = append(b, `{"firewall_name":"egress-fw","availability_zone":"us-east-1d","event_timestamp":`...)
	b = strconv.AppendInt(b, t.Unix(), 10)
	b = append(b, `,"event":{"timestamp":"`...)
	b = t.AppendFormat(b, "2006-01-02T15:04:05.000000Z07:00")
	b = append(b, `","src_ip":"10.0.2.`...)
	b = strconv.AppendInt(b, int64(1+rng.IntN(254)), 10)
	b = append(b, `","src_port":"`...)
	b = strconv.AppendInt(b, int64(1024+rng.IntN(60000)), 10)
	b = append(b, `","dest_ip":"203.0.113.`...)
	b = strconv.AppendInt(b, int64(1+rng.IntN(254)), 10)
	b = append(b, `","dest_port":"443",`...)
	switch rng.IntN(3) {
	case 0:
		b = append(b, `"sni":"-","tls_error":{"error_message":"SNI is empty: connection reset"}}}`...)
	default:
		b = append(b, `"sni":"`...)
		b = append(b, host...)
		b = append(b, `","revocation_check":{"leaf_cert_fpr":"`...)
		for range 4 {
			b = strconv.AppendUint(b, rng.Uint64()|1<<63, 16)
		}
		b = append(b, []string{`","status":"REVOKED","action":"DROP"}}}`, `","status":"UNKNOWN","action":"PASS"}}}`}[rng.IntN(2)]...)
	}
	return append(b, '\n')
}
