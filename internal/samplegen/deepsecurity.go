package samplegen

import (
	"encoding/base64"
	"math/rand/v2"
	"strconv"
)

// DeepSecurity returns a Trend Micro Deep Security log object as a
// syslog server writes what the manager relays, uncompressed: n CEF
// records, one per line after an RFC 3164 header, of every module
// (firewall allow and deny, intrusion prevention with HTTP packet data
// and detect-only actions, anti-malware with hashes, integrity
// monitoring, log inspection, web reputation, application control) and
// manager sign-in events, with every fourth record wrapped in a fluentd
// JSON line as the reference system's shipper writes them. It ends with
// a newline.
func DeepSecurity(n int) []byte {
	rng := rand.New(rand.NewPCG(0xd5, 0xa9e47))
	b := make([]byte, 0, n*520)
	hosts := []string{"web-01", "web-02", "web-07", "app-03", "db-01", "dc01"}
	users := []string{"alice.admin", "bob", "carol", "svc-deploy"}
	paths := []string{"/var/www/uploads/invoice.pdf.exe", `C:\\Users\\dave\\Downloads\\setup.exe`, "/tmp/.x/kworker", "/home/deploy/.cache/update.bin"}
	requests := []string{
		"GET /index.php?page=../../../../etc/passwd HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: curl/8.4.0\r\n",
		"POST /wp-login.php HTTP/1.1\r\nHost: blog.example.com\r\nX-Forwarded-For: 198.51.100.23\r\nCookie: wordpress_test_cookie=WP+Cookie+check\r\nUser-Agent: Mozilla/5.0\r\n\r\nlog=admin&pwd=123456",
		"GET /cgi-bin/.%2e/.%2e/bin/sh HTTP/1.1\r\nHost: 10.50.20.41\r\n",
	}
	ip := func(dst []byte, prefix string) []byte {
		dst = append(dst, prefix...)
		dst = strconv.AppendInt(dst, int64(rng.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	mac := func(dst []byte) []byte {
		const hex = "0123456789ABCDEF"
		for i := range 6 {
			if i > 0 {
				dst = append(dst, ':')
			}
			v := rng.IntN(256)
			dst = append(dst, hex[v>>4], hex[v&15])
		}
		return dst
	}
	var line []byte
	for i := range n {
		sec := i % 86400
		line = line[:0]
		line = append(line, "Nov 27 "...)
		line = append(line, byte('0'+sec/36000), byte('0'+sec/3600%10), ':', byte('0'+sec/600%6), byte('0'+sec/60%10), ':', byte('0'+sec%60/10), byte('0'+sec%10), ' ')
		host := hosts[rng.IntN(len(hosts))]
		hostID := strconv.Itoa(1000 + rng.IntN(400))
		kind := rng.IntN(20)
		if kind == 19 {
			line = append(line, "dsm01 CEF:0|Trend Micro|Deep Security Manager|20.0.864|600|User Signed In|3|src="...)
			line = ip(line, "192.0.")
			u := users[rng.IntN(len(users))]
			line = append(line, " suser="...)
			line = append(line, u...)
			line = append(line, " target="...)
			line = append(line, u...)
			line = append(line, " msg=User signed in TrendMicroDsTenant=Primary TrendMicroDsTenantId=0"...)
		} else {
			line = append(line, "dsm01 CEF:0|Trend Micro|Deep Security Agent|20.0.864|"...)
			common := func(dst []byte) []byte {
				dst = append(dst, "cn1="...)
				dst = append(dst, hostID...)
				dst = append(dst, " cn1Label=Host ID dvchost="...)
				dst = append(dst, host...)
				return append(dst, ".corp.example TrendMicroDsTenant=Primary TrendMicroDsTenantId=0"...)
			}
			net := func(dst []byte, proto string) []byte {
				dst = append(dst, " dmac="...)
				dst = mac(dst)
				dst = append(dst, " smac="...)
				dst = mac(dst)
				dst = append(dst, " TrendMicroDsFrameType=IP src="...)
				dst = ip(dst, "203.0.")
				dst = append(dst, " dst="...)
				dst = ip(dst, "10.50.")
				dst = append(dst, " in="...)
				dst = strconv.AppendInt(dst, int64(40+rng.IntN(1500)), 10)
				dst = append(dst, " cs3=DF 0 cs3Label=Fragmentation Bits proto="...)
				dst = append(dst, proto...)
				dst = append(dst, " spt="...)
				dst = strconv.AppendInt(dst, int64(1024+rng.IntN(64000)), 10)
				dst = append(dst, " dpt="...)
				dst = strconv.AppendInt(dst, int64([]int{22, 80, 443, 445, 3389, 53}[rng.IntN(6)]), 10)
				return append(dst, " cs2=0x18 ACK PSH cs2Label=TCP Flags cnt=1"...)
			}
			switch {
			case kind < 6:
				line = append(line, "20|Log Inbound HTTPS|0|"...)
				line = common(line)
				line = append(line, " act=Log"...)
				line = net(line, "TCP")
			case kind < 9:
				line = append(line, "21|Deny Inbound SMB|5|"...)
				line = common(line)
				line = append(line, " act=Deny"...)
				line = net(line, []string{"TCP", "UDP"}[rng.IntN(2)])
			case kind < 12:
				line = append(line, "1011163|Spring Boot Actuator Directory Traversal Vulnerability (CVE-2021-21234)|8|"...)
				line = common(line)
				line = net(line, "TCP")
				line = append(line, " act="...)
				line = append(line, []string{"Reset", "IDS:Reset", "Block"}[rng.IntN(3)]...)
				line = append(line, " cn3=178 cn3Label=Intrusion Prevention Packet Position cs5=2274 cs5Label=Intrusion Prevention Stream Position cs6=8 cs6Label=Intrusion Prevention Flags TrendMicroDsPacketData="...)
				line = base64.StdEncoding.AppendEncode(line, []byte(requests[rng.IntN(len(requests))]))
			case kind < 14:
				line = append(line, "4000000|Eicar_test_file|6|"...)
				line = common(line)
				line = append(line, " cn2=68 cn2Label=Quarantine File Size filePath="...)
				line = append(line, paths[rng.IntN(len(paths))]...)
				line = append(line, " act=Quarantine msg=Realtime TrendMicroDsMalwareTarget=N/A TrendMicroDsMalwareTargetType=N/A TrendMicroDsFileMD5=44D88612FEA8A8F36DE82E1278ABB02F TrendMicroDsFileSHA1=3395856CE81F2B7382DEE72602F798B642F14140 TrendMicroDsFileSHA256=275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F TrendMicroDsDetectionConfidence=95"...)
			case kind < 16:
				line = append(line, "2002779|Unix - File attributes changed in /etc location|6|"...)
				line = common(line)
				line = append(line, " act="...)
				line = append(line, []string{"updated", "created", "deleted"}[rng.IntN(3)]...)
				line = append(line, " filePath=/etc/cron.d/job suser=root msg=lastModified,sha256,size"...)
			case kind < 17:
				line = append(line, "3002672|Unix - SSH|6|"...)
				line = common(line)
				line = append(line, " cs1Label=LI Description cs1=SSHD authentication failed. fname=/var/log/secure src="...)
				line = ip(line, "198.51.")
				line = append(line, " shost="...)
				line = append(line, host...)
				line = append(line, " msg=sshd[2231]: Failed password for invalid user admin"...)
			case kind < 18:
				line = append(line, "5000000|WebReputation|6|"...)
				line = common(line)
				line = append(line, " request=http://malware-dl.example.net/x/"...)
				line = strconv.AppendInt(line, int64(rng.IntN(1000)), 10)
				line = append(line, ".bin msg=Dangerous"...)
			default:
				line = append(line, "6001100|AppControl blocked|6|"...)
				line = common(line)
				line = append(line, " fileHash=80D4AC182F97D2AB48EE4310AC51DA5974167C596D133D64A83107B9069745E0 suser=www-data suid=33 act=blocked filePath=/tmp/.x/miner fsize=2381920 aggregationType=0 repeatCount=1 cs1=notWhitelisted cs1Label=actionReason"...)
			}
		}
		if i%4 == 3 {
			b = append(b, `{"message":`...)
			b = dsJSONString(b, line)
			b = append(b, `,"hostname":"`...)
			b = append(b, host...)
			b = append(b, `.corp.example","timestamp":"2026-11-27T10:00:00Z","tag":"ds_agent"}`...)
		} else {
			b = append(b, line...)
		}
		b = append(b, '\n')
	}
	return b
}

// dsJSONString quotes ASCII text without control characters, which
// is all DeepSecurity writes.
func dsJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	for _, c := range s {
		if c == '"' || c == '\\' {
			dst = append(dst, '\\')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}
