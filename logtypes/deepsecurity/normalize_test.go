package deepsecurity_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/deepsecurity"
)

var runTime = time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC)

// normalizeLine runs one line through the type and returns the document
// as flat dotted keys, or the error.
func normalizeLine(t *testing.T, line string, ingested time.Time) (map[string]any, error) {
	t.Helper()
	or, err := deepsecurity.New().Open(siem.Object{Key: "ds_agent/test.log"}, strings.NewReader(line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := or.Next()
	if err != nil {
		t.Fatalf("framing: %v", err)
	}
	if _, err := or.Next(); err != io.EOF {
		t.Fatalf("want one record, got more (%v)", err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: rec, Ingested: ingested}, &ev); err != nil {
		return nil, err
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	doc := ev.AppendJSON(nil)
	if err := deepsecurity.New().Info().CheckDocument(doc); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	flat := map[string]any{}
	var walk func(prefix string, v map[string]any)
	walk = func(prefix string, v map[string]any) {
		for k, x := range v {
			if sub, ok := x.(map[string]any); ok && k != "extensions" {
				walk(prefix+k+".", sub)
				continue
			}
			flat[prefix+k] = x
		}
	}
	walk("", m)
	return flat, nil
}

func want(t *testing.T, doc map[string]any, field string, value any) {
	t.Helper()
	got, ok := doc[field]
	if value == nil {
		if ok {
			t.Errorf("%s = %v, want it absent", field, got)
		}
		return
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(value)
	if !ok || string(g) != string(w) {
		t.Errorf("%s = %s, want %s", field, g, w)
	}
}

const ipsHeader = "CEF:0|Trend Micro|Deep Security Agent|20.0.1|1000552|Generic SQL Injection Prevention|8|cn1=7 cn1Label=Host ID dvchost=web-01 src=10.0.0.5 dst=10.0.0.9 proto=TCP spt=40000 dpt=80 act=Reset "

func TestPacketData(t *testing.T) {
	payload := "GET /search?q=1%27%20or%201=1 HTTP/1.1\r\nHost: shop.example.com:8443\r\nCookie: session=SECRET-TOKEN\r\nX-Forwarded-For: 2001:db8::17, 10.0.0.1\r\nUser-Agent: sqlmap/1.7\r\nset-cookie: other=SECRET2\r\n"
	enc := strings.ReplaceAll(base64.StdEncoding.EncodeToString([]byte(payload)), "=", `\=`)
	doc, err := normalizeLine(t, ipsHeader+"TrendMicroDsPacketData="+enc, runTime)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := doc["trendmicro.deep_security.packet_text"].(string)
	if strings.Contains(text, "SECRET") || strings.Contains(strings.ToLower(text), "cookie") {
		t.Errorf("cookie lines kept: %q", text)
	}
	if !strings.HasPrefix(text, "GET /search?q=1%27%20or%201=1 HTTP/1.1\nHost: shop.example.com:8443\nX-Forwarded-For:") {
		t.Errorf("packet_text = %q", text)
	}
	want(t, doc, "trendmicro.deep_security.packet_data", nil)
	want(t, doc, "network.forwarded_ip", "2001:db8::17")
	want(t, doc, "trendmicro.deep_security.xff", "2001:db8::17, 10.0.0.1")
	want(t, doc, "related.ip", []string{"10.0.0.5", "10.0.0.9", "2001:db8::17"})
	want(t, doc, "http.request.method", "GET")
	want(t, doc, "http.version", "1.1")
	want(t, doc, "url.original", "/search?q=1%27%20or%201=1")
	want(t, doc, "url.path", "/search")
	want(t, doc, "url.query", "q=1%27%20or%201=1")
	want(t, doc, "url.domain", "shop.example.com")
	want(t, doc, "user_agent.original", "sqlmap/1.7")
	want(t, doc, "event.type", []string{"info", "denied"})

	// A binary payload, or one that is not base64, is kept as sent.
	for _, data := range []string{"AAECAwQF", "AFB", "not base64!"} {
		doc, err := normalizeLine(t, ipsHeader+"TrendMicroDsPacketData="+data, runTime)
		if err != nil {
			t.Fatal(err)
		}
		want(t, doc, "trendmicro.deep_security.packet_data", data)
		want(t, doc, "trendmicro.deep_security.packet_text", nil)
	}

	// The xff extension wins over the packet's header.
	doc, err = normalizeLine(t, ipsHeader+"xff=203.0.113.9 TrendMicroDsPacketData="+enc, runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "network.forwarded_ip", "203.0.113.9")
}

func TestDetectOnly(t *testing.T) {
	doc, err := normalizeLine(t, strings.Replace(ipsHeader, "act=Reset", "act=IDS:Reset", 1), runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "event.action", "IDS:Reset")
	want(t, doc, "trendmicro.deep_security.detect_only", true)
	want(t, doc, "event.type", []string{"info", "allowed"})
	want(t, doc, "event.kind", "alert")
	want(t, doc, "rule.id", "1000552")
	want(t, doc, "rule.ruleset", "Intrusion Prevention")
}

func TestClasses(t *testing.T) {
	for _, c := range []struct {
		sig, product, module, kind string
		category                   []string
	}{
		{"20", "Deep Security Agent", "firewall", "event", []string{"network"}},
		{"21", "Deep Security Agent", "firewall", "alert", []string{"network"}},
		{"123", "Deep Security Agent", "firewall", "alert", []string{"network"}},
		{"1001111", "Deep Security Agent", "intrusion_prevention", "alert", []string{"intrusion_detection", "network"}},
		{"30", "Deep Security Agent", "integrity_monitoring", "alert", []string{"file"}},
		{"3002795", "Deep Security Agent", "log_inspection", "alert", []string{"host"}},
		{"4000000", "Deep Security Agent", "anti_malware", "alert", []string{"malware", "file"}},
		{"5000000", "Deep Security Agent", "web_reputation", "alert", []string{"web", "network"}},
		{"6001200", "Deep Security Agent", "application_control", "alert", []string{"process"}},
		{"7000000", "Deep Security Agent", "device_control", "alert", []string{"host"}},
		{"600", "Deep Security Manager", "system", "event", []string{"authentication"}},
		{"1008610", "Workload Security Manager", "system", "event", nil},
		{"950", "Deep Security Agent", "system", "event", nil},
	} {
		name := "Something"
		if c.product != "Deep Security Agent" && c.sig == "600" {
			name = "User Signed In"
		}
		act := "Log"
		if c.sig == "21" || c.sig == "123" {
			act = "Deny"
		}
		line := "CEF:0|Trend Micro|" + c.product + "|20.0|" + c.sig + "|" + name + "|5|act=" + act + " suser=u1 target=u1"
		doc, err := normalizeLine(t, line, runTime)
		if err != nil {
			t.Fatalf("%s: %v", c.sig, err)
		}
		want(t, doc, "trendmicro.deep_security.module", c.module)
		want(t, doc, "event.kind", c.kind)
		if c.category == nil {
			want(t, doc, "event.category", nil)
		} else {
			want(t, doc, "event.category", c.category)
		}
	}
}

func TestSystemEvents(t *testing.T) {
	doc, err := normalizeLine(t, "Nov 27 09:59:40 dsm01 CEF:0|Trend Micro|Deep Security Manager|20.0.864|603|User Locked Out|6|src=198.51.100.201 suser=System target=bob msg=User bob locked out", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "user.name", "bob")
	want(t, doc, "trendmicro.deep_security.suser", "System")
	want(t, doc, "event.category", []string{"authentication"})
	want(t, doc, "event.type", []string{"start"})
	want(t, doc, "event.outcome", "failure")
	want(t, doc, "related.user", []string{"bob"})
	want(t, doc, "rule.id", nil)
	want(t, doc, "message", "User bob locked out")
	want(t, doc, "trendmicro.deep_security.name", "User Locked Out")

	// "System" is the manager acting by itself, not an account: no
	// user.name, no related.user; an administrator is one.
	doc, err = normalizeLine(t, "Nov 27 10:15:00 dsm01 CEF:0|Trend Micro|Deep Security Manager|20.0.864|740|Agent/Appliance Error|8|src=192.0.2.10 suser=System target=SMC-NewAPP (10.20.30.61) msg=The Agent/Appliance reported errors", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "user.name", nil)
	want(t, doc, "related.user", nil)
	want(t, doc, "trendmicro.deep_security.suser", "System")
	doc, err = normalizeLine(t, "Nov 27 10:16:00 dsm01 CEF:0|Trend Micro|Deep Security Manager|20.0.864|250|Computer Updated|3|src=192.0.2.10 suser=alice.admin target=web-07 msg=Computer updated", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "user.name", "alice.admin")
	want(t, doc, "related.user", []string{"alice.admin"})
	want(t, doc, "trendmicro.deep_security.suser", nil)
}

func TestSyslogYear(t *testing.T) {
	// Without a year, the header's time is the latest one not more than
	// a month after the run (or the envelope's delivery time).
	for _, c := range []struct {
		header string
		run    time.Time
		want   string
	}{
		{"Nov 27 10:00:00", runTime, "2026-11-27T10:00:00Z"},
		{"Dec 31 23:59:59", time.Date(2027, 1, 1, 0, 5, 0, 0, time.UTC), "2026-12-31T23:59:59Z"},
		{"Jan  1 00:00:10", time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), "2027-01-01T00:00:10Z"},
		{"Mar  4 10:15:02", runTime, "2026-03-04T10:15:02Z"},
	} {
		doc, err := normalizeLine(t, "<134>"+c.header+" dsm01 "+ipsHeader, c.run)
		if err != nil {
			t.Fatal(err)
		}
		want(t, doc, "@timestamp", c.want)
		want(t, doc, "log.syslog.priority", 134)
		want(t, doc, "log.syslog.facility.name", "local0")
	}
	// rt wins over the header; an octet count before the header is skipped.
	doc, err := normalizeLine(t, "812 <134>Nov 27 10:00:00 dsm01 "+ipsHeader+"rt=Nov 26 2026 21:03:04.123 GMT+09:00", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "@timestamp", "2026-11-26T12:03:04.123Z")
	want(t, doc, "log.syslog.hostname", "dsm01")
	doc, err = normalizeLine(t, ipsHeader+"rt=1795773600000", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "@timestamp", "2026-11-27T10:00:00Z")
	// No time at all: the run's.
	doc, err = normalizeLine(t, ipsHeader, runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "@timestamp", "2026-11-28T01:00:00Z")
	if _, err := normalizeLine(t, ipsHeader+"rt=yesterday", runTime); err == nil || !strings.Contains(err.Error(), "rt") {
		t.Errorf("bad rt: error %v", err)
	}
}

func TestFluentd(t *testing.T) {
	line := `{"message":"Nov 27 10:00:03 web-07 ` + strings.ReplaceAll(ipsHeader, `"`, `\"`) + `","hostname":"web-07.corp.example","timestamp":"2026-11-27 19:00:03 +0900","tag":"ds_agent"}`
	doc, err := normalizeLine(t, line, time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// The year comes from fluentd's timestamp, not from the late run.
	want(t, doc, "@timestamp", "2026-11-27T10:00:03Z")
	want(t, doc, "event.created", "2026-11-27T10:00:03Z")
	want(t, doc, "agent.name", "web-07.corp.example")
	want(t, doc, "agent.type", "fluentd")
	want(t, doc, "trendmicro.deep_security.fluentd_tag", "ds_agent")

	for line, reason := range map[string]string{
		`{"hostname":"h"}`:                      `no "message"`,
		`{"message":{"a":1}}`:                   `not a string`,
		`{"message":"just text"}`:               `neither "CEF:" nor "LEEF:"`,
		`{"message":"CEF:0|Trend Micro|x"`:      `not a JSON object`,
		`[1,2]`:                                 `neither "CEF:" nor "LEEF:"`,
		`{"message":"CEF:0|Trend Micro|A|1|2"}`: `CEF header has`,
		// Nesting beyond fastjson's limit: the reason says so in a line,
		// not in fastjson's 300 repetitions of its context.
		`{"tag":` + strings.Repeat(`{"a":`, 400) + `1` + strings.Repeat(`}`, 401): `not a JSON object: cannot parse object value: too big depth for the nested JSON`,
	} {
		if _, err := normalizeLine(t, line, runTime); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%.80s: error %.300v, want one saying %q", line, err, reason)
		} else if len(err.Error()) > 300 {
			t.Errorf("%.80s: error of %d bytes, want a short one: %.300s", line, len(err.Error()), err)
		}
	}
}

func TestLEEF(t *testing.T) {
	line := "LEEF:2.0|Trend Micro|Deep Security Agent|20.0.1|21|cat=Firewall\tname=Deny Inbound SMB\tdesc=Deny Inbound SMB\tsev=5\tcn1=12\tcn1Label=Host ID\tdvc=10.0.0.9\tact=Deny\tsrcMAC=00:0c:29:eb:35:de\tdstMAC=00-50-56-F5-7F-47\tsrc=10.0.0.5\tdst=10.0.0.9\tsrcPort=51514\tdstPort=445\tproto=TCP\tusrName=bob\tTrendMicroDsSomethingNew=x y"
	doc, err := normalizeLine(t, line, runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "event.severity", 5)
	want(t, doc, "rule.name", "Deny Inbound SMB")
	want(t, doc, "message", "Deny Inbound SMB")
	want(t, doc, "source.mac", "00-0C-29-EB-35-DE")
	want(t, doc, "destination.mac", "00-50-56-F5-7F-47")
	want(t, doc, "source.port", 51514)
	want(t, doc, "destination.port", 445)
	want(t, doc, "host.id", "12")
	want(t, doc, "host.ip", []string{"10.0.0.9"})
	want(t, doc, "user.name", "bob")
	want(t, doc, "trendmicro.deep_security.category", "Firewall")
	want(t, doc, "trendmicro.deep_security.extensions", map[string]any{"TrendMicroDsSomethingNew": "x y"})
	want(t, doc, "event.type", []string{"connection", "denied"})
}

func TestExtensionsAndLabels(t *testing.T) {
	line := "CEF:0|Trend Micro|Deep Security Agent|20.0|4000000|Eicar|6|cn1=1 cn1Label=Host ID cs4=foo cs4Label=Brand New cs5=bar newKey=1 newKey=2 deviceCustomNumber2=205 deviceCustomNumber2Label=Quarantine File Size cs6=img | name | id cs6Label=Container TrendMicroDsMalwareTarget=N/A"
	doc, err := normalizeLine(t, line, runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "trendmicro.deep_security.extensions", map[string]any{"newKey": "2", "Brand New": "foo", "cs5": "bar"})
	want(t, doc, "trendmicro.deep_security.quarantine_file_size", 205)
	want(t, doc, "container.image.name", "img")
	want(t, doc, "container.name", "name")
	want(t, doc, "container.id", "id")
	want(t, doc, "trendmicro.deep_security.malware_target", nil)
	want(t, doc, "threat.software.name", "Eicar")
}

func TestNotDeepSecurity(t *testing.T) {
	for line, reason := range map[string]string{
		"CEF:0|Fortinet|Fortigate|v7|13|x|3|src=1.2.3.4": "not Trend Micro Deep Security",
		"Nov 27 10:00:00 host sshd[1]: hello":            `neither "CEF:" nor "LEEF:"`,
		"CEF:x|Trend Micro|A|1|2|3|4|a=b":                "CEF version",
		"LEEF:3.0|Trend Micro|A|1|2|a=b":                 "LEEF",
	} {
		if _, err := normalizeLine(t, line, runTime); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q: error %v, want one saying %q", line, err, reason)
		}
	}
}

// TestHostile feeds values an agent never writes: the document stays
// valid and nothing panics.
func TestHostile(t *testing.T) {
	long := strings.Repeat("A", 70000)
	doc, err := normalizeLine(t, ipsHeader+"spt=99999 in=-5 smac=zz cnt=many", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "trendmicro.deep_security.extensions", map[string]any{"spt": "99999", "in": "-5", "smac": "zz", "cnt": "many"})
	want(t, doc, "source.port", nil)
	for _, line := range []string{
		ipsHeader + "src=999.1.1.1 dst=::ffff:10.0.0.1 spt=99999 dpt=-1 in=18446744073709551615 out=x cnt=-3 smac=zz dmac=00:11:22:33:44:55:66",
		ipsHeader + "TrendMicroDsPacketData=" + long,
		ipsHeader + "TrendMicroDsPacketData=" + base64.StdEncoding.EncodeToString([]byte("GET / HTTP/1.1\r\nX-Forwarded-For: \xff\xfe\r\n")),
		ipsHeader + "cs1=\xff\xfe\x00 cs1Label=\xc3\x28 newKey=\x00\x01",
		ipsHeader + "TrendMicroDsTags=" + strings.Repeat("a,", 40),
		"CEF:0|Trend Micro|Deep Security Agent|1|4000000|" + long + "|99|fsize=1e9 TrendMicroDsDetectionConfidence=1000 fileHash=xyz",
		"CEF:0|Trend Micro|Deep Security Agent|1|99999999999999999999999|n|Very-High|",
		"CEF:0|Trend Micro|Deep Security Agent|1|1000000|" + strings.Repeat("CVE-2021-1234 ", 10) + "|3|",
	} {
		if _, err := normalizeLine(t, line, runTime); err != nil {
			t.Logf("%.80q: %v", line, err)
		}
	}
}

// FuzzLine normalizes single lines: whatever they hold, the result is an
// error or a valid document, never a panic.
func FuzzLine(f *testing.F) {
	f.Add(ipsHeader + "TrendMicroDsPacketData=R0VUIC8gSFRUUC8xLjENCkNvb2tpZTogYT1iDQpYLUZvcndhcmRlZC1Gb3I6IDEuMi4zLjQNCg\\=\\=")
	f.Add(`{"message":"<134>Nov 27 10:00:00 h CEF:0|Trend Micro|Deep Security Manager|1|600|User Signed In|3|suser=a target=a","hostname":"h","timestamp":"2026-11-27T10:00:00Z"}`)
	f.Add("LEEF:2.0|Trend Micro|Deep Security Agent|1|21|cat=Firewall\tname=x\tsev=5\tsrcMAC=00:0c:29:eb:35:de\trt=Nov 26 2026 21:03:04 GMT+09:00")
	f.Add("CEF:0|Trend Micro|Deep Security Agent|1|4000000|E|6|cs6=a | b | c cs6Label=Container cn2=1 cn2Label=Quarantine File Size newKey=v")
	info := deepsecurity.New().Info()
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") {
			return
		}
		or, err := deepsecurity.New().Open(siem.Object{Key: "ds_agent/f.log"}, strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		for {
			rec, err := or.Next()
			if err != nil {
				return
			}
			var ev ecs.Event
			if or.Normalize(siem.Record{Record: rec, Ingested: runTime}, &ev) != nil {
				continue
			}
			if err := ev.Err(); err != nil {
				t.Fatal(err)
			}
			if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
				t.Fatalf("%v\n%s", err, ev.AppendJSON(nil))
			}
		}
	})
}

// TestLogInspectionHost checks that a log inspection event's shost, the
// host named in the log entry it read, is not made the name of the
// address found in that entry, while shost elsewhere stays source.domain.
func TestLogInspectionHost(t *testing.T) {
	doc, err := normalizeLine(t, "Nov 27 10:02:11 web-07 CEF:0|Trend Micro|Deep Security Agent|20.0.1-21510|3002672|Unix - SSH|6|cn1=1035 cn1Label=Host ID dvchost=web-07.corp.example cs1Label=LI Description cs1=SSHD authentication failed. fname=/var/log/secure src=203.0.113.50 shost=web-07 msg=Nov 27 10:02:10 web-07 sshd[2231]: Failed password for invalid user admin from 203.0.113.50 port 52211 ssh2", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "source.ip", "203.0.113.50")
	want(t, doc, "source.domain", nil)
	want(t, doc, "trendmicro.deep_security.event_hostname", "web-07")
	want(t, doc, "related.hosts", []string{"web-07.corp.example", "web-07"})

	doc, err = normalizeLine(t, "Nov 27 10:05:01 web-07 CEF:0|Trend Micro|Deep Security Agent|20.0.1-21510|20|Log Inbound HTTPS|0|cn1=1035 cn1Label=Host ID dvchost=web-07.corp.example act=Log src=198.51.100.9 shost=client-9.example dst=10.50.20.41 proto=TCP spt=60211 dpt=443", runTime)
	if err != nil {
		t.Fatal(err)
	}
	want(t, doc, "source.domain", "client-9.example")
	want(t, doc, "trendmicro.deep_security.event_hostname", nil)
}
