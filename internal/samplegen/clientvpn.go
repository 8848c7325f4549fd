package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// ClientVPN returns n AWS Client VPN connection log entries, one JSON
// object per line as CloudWatch Logs holds them, of about 600 to 750
// bytes each. The mix follows a remote workforce: successful connection
// attempts, periodic updates and disconnections with growing counters,
// failed attempts (authentication and client-connect handler failures),
// connection resets, UDP and TCP, IPv6 devices, entries with and without
// a username, and posture compliance statuses on some endpoints.
func ClientVPN(n int) []byte {
	r := rand.New(rand.NewPCG(0xc1e7, 0x7f9))
	at := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*700)
	users := []string{"alice", "bob", "carol", "dave", "erin@corp.example.com", "frank", "grace", "NA"}
	devices := []string{"mac", "windows", "linux", "ios", "android"}
	endpoints := []string{"cvpn-endpoint-0a1b2c3d4e5f60718", "cvpn-endpoint-0fedcba9876543210"}
	reasons := []string{"authentication-failed", "client-connect-failed", "client-connect-handler-timed-out", "assign-client-ip-failed"}
	hex := "0123456789abcdef"
	str := func(k, v string, first bool) {
		if !first {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, `":"`...)
		b = append(b, v...)
		b = append(b, '"')
	}
	for i := range n {
		at = at.Add(time.Duration(200+r.IntN(3000)) * time.Millisecond)
		kind := r.IntN(10) // 0-5 update or end, 6-7 new, 8 failed, 9 reset
		user := users[r.IntN(len(users))]
		started := at.Add(-time.Duration(r.IntN(7200)) * time.Second)
		b = append(b, '{')
		logType, status, reset, reason := "connection-attempt", "successful", "NA", "NA"
		switch kind {
		case 8:
			status, reason = "failed", reasons[r.IntN(len(reasons))]
		case 9:
			logType, status, reset = "connection-reset", "NA", "successful"
		}
		str("connection-log-type", logType, true)
		str("connection-attempt-status", status, false)
		str("connection-reset-status", reset, false)
		str("connection-attempt-failure-reason", reason, false)
		id := make([]byte, 0, 33)
		id = append(id, "cvpn-connection-0"...)
		for range 16 {
			id = append(id, hex[r.IntN(16)])
		}
		str("connection-id", string(id), false)
		str("client-vpn-endpoint-id", endpoints[i%len(endpoints)], false)
		if r.IntN(4) == 0 {
			str("transport-protocol", "tcp", false)
		} else {
			str("transport-protocol", "udp", false)
		}
		startText, endText := started.Format(time.DateTime), "NA"
		var in, out, inP, outP int
		switch {
		case kind == 8:
			startText = "NA"
		case kind >= 6 && kind <= 7:
			startText = at.Format(time.DateTime)
		default:
			in, out = r.IntN(50_000_000), r.IntN(500_000_000)
			inP, outP = in/900+r.IntN(100), out/1200+r.IntN(100)
			if kind < 2 || kind == 9 {
				endText = at.Format(time.DateTime)
			}
		}
		str("connection-start-time", startText, false)
		str("connection-last-update-time", at.Format(time.DateTime), false)
		if kind == 8 {
			str("client-ip", "NA", false)
		} else {
			str("client-ip", "172.31."+strconv.Itoa(128+r.IntN(64))+"."+strconv.Itoa(1+r.IntN(254)), false)
		}
		cn := user
		if cn == "NA" {
			cn = "device-" + strconv.Itoa(r.IntN(500))
		}
		str("common-name", cn+".vpn.example.com", false)
		str("device-type", devices[r.IntN(len(devices))], false)
		if r.IntN(8) == 0 {
			str("device-ip", "2001:db8:"+strconv.FormatInt(int64(r.IntN(0xffff)), 16)+"::"+strconv.FormatInt(int64(1+r.IntN(0xfffe)), 16), false)
		} else {
			str("device-ip", strconv.Itoa(3+r.IntN(200))+"."+strconv.Itoa(r.IntN(256))+"."+strconv.Itoa(r.IntN(256))+"."+strconv.Itoa(1+r.IntN(254)), false)
		}
		str("port", strconv.Itoa(1024+r.IntN(64000)), false)
		str("ingress-bytes", strconv.Itoa(in), false)
		str("egress-bytes", strconv.Itoa(out), false)
		str("ingress-packets", strconv.Itoa(inP), false)
		str("egress-packets", strconv.Itoa(outP), false)
		str("connection-end-time", endText, false)
		str("username", user, false)
		if endText != "NA" {
			str("connection-duration-seconds", strconv.Itoa(int(at.Sub(started)/time.Second)), false)
		}
		if i%len(endpoints) == 1 {
			b = append(b, `,"client-openvpn-version":"3.14.1","posture-compliance-statuses":["compliant"]`...)
		}
		b = append(b, "}\n"...)
	}
	return b
}
