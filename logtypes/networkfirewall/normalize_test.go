package networkfirewall_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/networkfirewall"
)

// normalize runs one record and returns its document decoded, or the error.
func normalize(t *testing.T, key, record string) (map[string]any, error) {
	t.Helper()
	or, err := networkfirewall.New().Open(siem.Object{Key: key}, strings.NewReader(record))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := or.Next()
	if err != nil {
		t.Fatal(err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
		return nil, err
	}
	doc := ev.AppendJSON(nil)
	if err := networkfirewall.New().Info().CheckDocument(doc); err != nil {
		t.Fatalf("invalid document: %v\n%s", err, doc)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return m, nil
}

func get(m map[string]any, path string) any {
	var v any = m
	for _, p := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[p]
	}
	return v
}

func TestTimesAndRegion(t *testing.T) {
	for _, tc := range []struct{ ts, want string }{
		{"2021-03-08T09:24:27.005808+0000", "2021-03-08T09:24:27.005808Z"},
		{"2021-03-08T11:24:27.5+0200", "2021-03-08T09:24:27.5Z"},
		{"2024-07-02T18:01:44.412778Z", "2024-07-02T18:01:44.412778Z"},
		{"2024-07-02T18:01:44-05:00", "2024-07-02T23:01:44Z"},
	} {
		doc, err := normalize(t, "x.log", `{"availability_zone":"eu-west-3c","event":{"timestamp":"`+tc.ts+`"}}`)
		if err != nil {
			t.Fatalf("%s: %v", tc.ts, err)
		}
		if got := get(doc, "@timestamp"); got != tc.want {
			t.Errorf("%s: @timestamp %v, want %s", tc.ts, got, tc.want)
		}
		if got := get(doc, "cloud.region"); got != "eu-west-3" {
			t.Errorf("region from the zone: %v", got)
		}
	}
	// A Local Zone's name does not give its region.
	doc, _ := normalize(t, "x.log", `{"availability_zone":"us-west-2-lax-1a","event_timestamp":1795773600,"event":{}}`)
	if got := get(doc, "cloud.region"); got != nil {
		t.Errorf("region from a Local Zone: %v", got)
	}
	if got := get(doc, "@timestamp"); got != "2026-11-27T10:00:00Z" {
		t.Errorf("fallback to event_timestamp: %v", got)
	}
}

func TestDeadLetters(t *testing.T) {
	for name, rec := range map[string]string{
		"not-object":   `["a"]`,
		"no-event":     `{"firewall_name":"fw","event_timestamp":"1795773600"}`,
		"no-time":      `{"event":{"src_ip":"10.0.0.1"}}`,
		"bad-time":     `{"event":{"timestamp":"2026-13-01T00:00:00+0000"}}`,
		"bad-ip":       `{"event":{"timestamp":"2026-11-01T00:00:00+0000","dest_ip":"10.0.0"}}`,
		"bad-port":     `{"event":{"timestamp":"2026-11-01T00:00:00+0000","src_port":70000}}`,
		"port-type":    `{"event":{"timestamp":"2026-11-01T00:00:00+0000","src_port":true}}`,
		"epoch-string": `{"event_timestamp":"soon","event":{"timestamp":"2026-11-01T00:00:00+0000"}}`,
	} {
		if _, err := normalize(t, "x.log", rec); err == nil {
			t.Errorf("%s: no error", name)
		} else if strings.Contains(err.Error(), "internal") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestNothingLost checks that members without a home, repeats and values of
// an unexpected type are kept under aws.networkfirewall.other.
func TestNothingLost(t *testing.T) {
	rec := `{"firewall_name":"fw","new_top":1,"event":{"timestamp":"2026-11-01T00:00:00+0000","src_ip":"10.0.0.1","src_ip":"10.0.0.9",` +
		`"flow_id":"x","alert":{"action":"blocked","signature_id":5,"severity":"high","future":{"a":[1,2]}},"http":{"xff":"192.0.2.1","url":5},"verdict":{"action":"drop"}}}`
	doc, err := normalize(t, "x.log", rec)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := json.Marshal(get(doc, "aws.networkfirewall.other"))
	want := `{"event":{"alert":{"future":{"a":[1,2]},"severity":"high"},"flow_id":"x","http":{"url":5,"xff":"192.0.2.1"},"src_ip":"10.0.0.9","verdict":{"action":"drop"}},"new_top":1}`
	if string(other) != want {
		t.Errorf("other = %s\nwant    %s", other, want)
	}
	if get(doc, "source.ip") != "10.0.0.1" || get(doc, "rule.id") != "5" || get(doc, "event.kind") != "alert" {
		t.Errorf("mapped fields lost: %v", doc)
	}
}

// TestCommunityID checks Suricata's own ID wins, and that ICMP gets one only
// with its type and code.
func TestCommunityID(t *testing.T) {
	base := `{"event":{"timestamp":"2026-11-01T00:00:00+0000","src_ip":"10.0.1.40","dest_ip":"198.51.100.7","proto":"ICMP"`
	doc, _ := normalize(t, "x.log", base+`}}`)
	if got := get(doc, "network.community_id"); got != nil {
		t.Errorf("ICMP without type and code got %v", got)
	}
	doc, _ = normalize(t, "x.log", base+`,"icmp_type":8,"icmp_code":0}}`)
	if got := get(doc, "network.community_id"); got != "1:lj5PnS293sw2Sp+WAdjMabiJR7E=" {
		t.Errorf("ICMP echo: %v", got)
	}
	doc, _ = normalize(t, "x.log", base+`,"community_id":"1:fromSuricata="}}`)
	if got := get(doc, "network.community_id"); got != "1:fromSuricata=" {
		t.Errorf("Suricata's ID: %v", got)
	}
}

// TestKey checks what the key gives.
func TestKey(t *testing.T) {
	doc, _ := normalize(t, "AWSLogs/111122223333/network-firewall/flow/ap-southeast-2/fw/2026/11/27/10/111122223333_network-firewall_flow_ap-southeast-2_fw_202611271000_ab.log.gz",
		`{"availability_zone":"us-east-1a","event":{"timestamp":"2026-11-01T00:00:00+0000"}}`)
	if get(doc, "cloud.account.id") != "111122223333" || get(doc, "cloud.region") != "ap-southeast-2" {
		t.Errorf("cloud from key: %v", get(doc, "cloud"))
	}
}

// TestCommunityIDValues checks network.community_id of flow, alert and TLS
// log records against values worked out by hand from the Community ID v1
// specification (seed 0): both directions of a flow, its alert and its TLS
// log record share one ID, so an analyst can pivot between them.
func TestCommunityIDValues(t *testing.T) {
	const ts = `"timestamp":"2026-11-01T00:00:00+0000"`
	for _, tc := range []struct{ name, event, want string }{
		{"tcp flow", `"event_type":"netflow","src_ip":"10.0.2.53","src_port":55930,"dest_ip":"203.0.113.72","dest_port":443,"proto":"TCP"`, "1:IQVeBFKlfPR+TftWa9sXHzlzCQU="},
		{"tcp flow, reply direction", `"event_type":"netflow","src_ip":"203.0.113.72","src_port":443,"dest_ip":"10.0.2.53","dest_port":55930,"proto":"TCP"`, "1:IQVeBFKlfPR+TftWa9sXHzlzCQU="},
		{"tcp alert", `"event_type":"alert","src_ip":"10.0.2.53","src_port":55930,"dest_ip":"203.0.113.72","dest_port":443,"proto":"TCP","alert":{"action":"blocked"}`, "1:IQVeBFKlfPR+TftWa9sXHzlzCQU="},
		{"tls log", `"src_ip":"10.0.2.53","src_port":"55930","dest_ip":"203.0.113.72","dest_port":"443","sni":"revoked.example.com","revocation_check":{"status":"REVOKED","action":"DROP"}`, "1:IQVeBFKlfPR+TftWa9sXHzlzCQU="},
		{"udp flow", `"event_type":"netflow","src_ip":"10.0.2.14","src_port":53211,"dest_ip":"10.0.0.2","dest_port":53,"proto":"UDP"`, "1:HyGf2WfDhMRdlYA5f8ih9qL+7lw="},
		{"tcp over ipv6", `"event_type":"netflow","src_ip":"2001:db8:1234:a100::25","src_port":40522,"dest_ip":"2600:1f18:4a3:6902::15","dest_port":80,"proto":"TCP"`, "1:99O4tjgpB8E1AQL0I9tmTEXaQ70="},
		{"icmp echo reply alert", `"event_type":"alert","src_ip":"198.51.100.7","dest_ip":"10.0.1.40","proto":"ICMP","icmp_type":0,"icmp_code":0,"alert":{"action":"allowed"}`, "1:lj5PnS293sw2Sp+WAdjMabiJR7E="},
		{"icmpv6 echo alert", `"event_type":"alert","src_ip":"2001:db8::1","dest_ip":"2001:db8::2","proto":"IPv6-ICMP","icmp_type":128,"icmp_code":0,"alert":{"action":"allowed"}`, "1:u2vMS3HiWth2lIMKHB1fjELshpQ="},
	} {
		doc, err := normalize(t, "x.log", `{"event":{`+ts+`,`+tc.event+`}}`)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := get(doc, "network.community_id"); got != tc.want {
			t.Errorf("%s: network.community_id = %v, want %s", tc.name, got, tc.want)
		}
	}
}

// TestTLSLogTransport checks that TLS log records, which name no protocol,
// are TCP (TLS inspection sees nothing else), while other records without
// a protocol get no transport.
func TestTLSLogTransport(t *testing.T) {
	const addrs = `"timestamp":"2026-11-01T00:00:00+0000","src_ip":"10.0.2.53","src_port":"59844","dest_ip":"198.51.100.27","dest_port":"443"`
	doc, err := normalize(t, "x.log", `{"event":{`+addrs+`,"sni":"-","tls_error":{"error_message":"SNI is empty: connection reset"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	if get(doc, "network.transport") != "tcp" || get(doc, "network.iana_number") != "6" || get(doc, "event.outcome") != "failure" {
		t.Errorf("TLS error: network %v, event %v", get(doc, "network"), get(doc, "event"))
	}
	if get(doc, "tls.client.server_name") != nil || get(doc, "related.hosts") != nil {
		t.Errorf("SNI \"-\" was mapped: %v", get(doc, "tls"))
	}
	doc, err = normalize(t, "x.log", `{"event":{`+addrs+`}}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := get(doc, "network.transport"); got != nil {
		t.Errorf("a record of no known kind got network.transport %v", got)
	}
}

// TestDeepNestingReason checks that a record nested too deep is
// dead-lettered with a short reason that says so, not fastjson's "cannot
// parse object" repeated once per level (14 KB).
func TestDeepNestingReason(t *testing.T) {
	rec := `{"event":` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5001)
	_, err := normalize(t, "x.log", rec)
	if err == nil {
		t.Fatal("no error")
	}
	if msg := err.Error(); len(msg) > 300 || !strings.Contains(msg, "too big depth") {
		t.Errorf("reason (%d bytes): %.400s", len(msg), msg)
	}
}

// TestRecordKinds checks what each kind of record is: alerts are
// event.kind alert with rule.*, flows are events, and a TLS log record
// that dropped the connection is an alert with tls.*.
func TestRecordKinds(t *testing.T) {
	const tuple = `"timestamp":"2026-11-01T00:00:00+0000","src_ip":"10.0.2.31","src_port":55012,"dest_ip":"203.0.113.99","dest_port":443`
	for _, tc := range []struct {
		name, event string
		want        map[string]any
	}{
		{"alert", tuple + `,"proto":"TCP","event_type":"alert","alert":{"action":"blocked","signature_id":2000001,"rev":3,"signature":"Block TLS to bad SNI","category":"Policy","severity":1},` +
			`"tls":{"sni":"bad.example","version":"TLS 1.3","ja3":{"hash":"e7d705a3286e19ea42f587b344ee6865"}}`,
			map[string]any{"event.kind": "alert", "event.category": []any{"network", "intrusion_detection"}, "event.type": []any{"connection", "denied"},
				"event.action": "blocked", "event.severity": float64(1), "rule.id": "2000001", "rule.version": "3", "rule.name": "Block TLS to bad SNI",
				"rule.category": "Policy", "tls.client.server_name": "bad.example", "tls.version": "1.3", "tls.version_protocol": "tls",
				"tls.client.ja3": "e7d705a3286e19ea42f587b344ee6865", "source.ip": "10.0.2.31", "destination.port": float64(443)}},
		{"dns alert", `"timestamp":"2026-11-01T00:00:00+0000","src_ip":"10.0.2.14","src_port":53211,"dest_ip":"10.0.0.2","dest_port":53,"proto":"UDP",` +
			`"event_type":"alert","alert":{"action":"blocked","signature_id":3000101},"dns":{"query":[{"type":"query","id":28194,"rrname":"c2.bad.example","rrtype":"A"}]}`,
			map[string]any{"event.kind": "alert", "dns.question.name": "c2.bad.example", "dns.question.type": "A", "dns.id": "28194",
				"related.hosts": []any{"c2.bad.example"}, "destination.domain": nil, "destination.ip": "10.0.0.2"}},
		{"flow", tuple + `,"proto":"TCP","event_type":"netflow","netflow":{"pkts":3,"bytes":180}`,
			map[string]any{"event.kind": "event", "event.type": []any{"connection"}, "rule": nil, "source.packets": float64(3), "destination.packets": nil}},
		{"tls drop", `"timestamp":"2026-11-01T00:00:00Z","src_ip":"10.0.2.53","src_port":"55930","dest_ip":"203.0.113.72","dest_port":"443","sni":"revoked.example.com",` +
			`"revocation_check":{"leaf_cert_fpr":"9f86","status":"REVOKED","action":"DROP"}`,
			map[string]any{"event.kind": "alert", "event.type": []any{"connection", "denied"}, "event.action": "revocation-check",
				"tls.client.server_name": "revoked.example.com", "source.port": float64(55930), "aws.networkfirewall.revocation_check.status": "REVOKED"}},
	} {
		doc, err := normalize(t, "x.log", `{"event":{`+tc.event+`}}`)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for path, want := range tc.want {
			if got := get(doc, path); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s = %v, want %v", tc.name, path, got, want)
			}
		}
	}
}
