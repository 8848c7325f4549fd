package networkfirewall_test

import (
	"encoding/json"
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
