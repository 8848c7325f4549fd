package firelens_test

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"time"

	"github.com/siem-go/siem/ecs"
)

// accessLine is a small stand-in for the apache type's access-line
// normalizer (common and combined log format), so that this package is
// tested without depending on it.
var accessLine = regexp.MustCompile(`^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+) HTTP/(\d\.\d)" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?$`)

func testApache(line []byte, ev *ecs.Event) (bool, error) {
	m := accessLine.FindSubmatch(line)
	if m == nil {
		return false, nil
	}
	ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", string(m[3]))
	if err != nil {
		return true, fmt.Errorf("bad time %q", m[3])
	}
	ev.Date("@timestamp", ts)
	ev.Keywords("event.category", "web")
	ev.Keyword("event.kind", "event")
	status, _ := strconv.ParseInt(string(m[7]), 10, 64)
	ev.Keyword("event.outcome", map[bool]string{true: "success", false: "failure"}[status < 400])
	ev.Keywords("event.type", "access")
	ev.KeywordBytes("http.request.method", m[4])
	if string(m[9]) != "-" {
		ev.KeywordBytes("http.request.referrer", m[9])
	}
	if n, err := strconv.ParseInt(string(m[8]), 10, 64); err == nil {
		ev.Long("http.response.body.bytes", n)
	}
	ev.Long("http.response.status_code", status)
	ev.KeywordBytes("http.version", m[6])
	ip, _ := netip.ParseAddr(string(m[1]))
	ev.IPs("related.ip", ip)
	if string(m[2]) != "-" {
		ev.Keywords("related.user", string(m[2]))
	}
	ev.IP("source.ip", ip)
	ev.KeywordBytes("url.original", m[5])
	if string(m[2]) != "-" {
		ev.KeywordBytes("user.name", m[2])
	}
	if len(m[10]) > 0 && string(m[10]) != "-" {
		ev.KeywordBytes("user_agent.original", m[10])
	}
	return true, nil
}

// testKV claims lines starting "kv:", to show the order inner
// normalizers are tried in.
func testKV(line []byte, ev *ecs.Event) (bool, error) {
	if len(line) < 3 || string(line[:3]) != "kv:" {
		return false, nil
	}
	ev.KeywordBytes("message", line[3:])
	return true, nil
}
