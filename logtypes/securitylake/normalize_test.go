package securitylake_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/parser"
)

// normalizeOne runs one record through the type's normalizer and returns
// the decoded document, or the error.
func normalizeOne(t *testing.T, record string) (map[string]any, error) {
	t.Helper()
	or, err := securitylake.New().Open(siem.Object{Key: "ocsf-json/t.json"}, strings.NewReader(record+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := or.Next()
	if err != nil {
		t.Fatal(err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: parser.Record{Data: rec.Data}}, &ev); err != nil {
		return nil, err
	}
	doc := ev.AppendJSON(nil)
	if err := ecs.Validate(doc, "aws.securitylake"); err != nil {
		t.Fatalf("invalid document %s: %v", doc, err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return m, nil
}

func TestBadRecords(t *testing.T) {
	for _, c := range []struct{ record, want string }{
		{`[1,2]`, "JSON array"},
		{`{"time":1795773600000}`, "no numeric class_uid"},
		{`{"class_uid":"x","time":1795773600000}`, "no numeric class_uid"},
		{`{"class_uid":6003}`, "no usable time"},
		{`{"class_uid":6003,"time":-5}`, "no usable time"},
		{`{"class_uid":6003,"time":"yesterday"}`, "no usable time"},
		{`{"class_uid":6003,"time":1e300}`, "no usable time"},
		{`{"class_uid":6003,"time":1795773600000,"x":tru}`, "not valid JSON"},
	} {
		_, err := normalizeOne(t, c.record)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.record, err, c.want)
		}
	}
}

func TestTimes(t *testing.T) {
	for _, c := range []struct{ record, want string }{
		{`{"class_uid":4001,"time":1795773600123}`, "2026-11-27T10:00:00.123Z"},
		// Parquet TIMESTAMP columns, as parser/parquet renders them.
		{`{"class_uid":4001,"time":"2026-11-27T10:00:00.123Z"}`, "2026-11-27T10:00:00.123Z"},
		{`{"class_uid":4001,"time_dt":"2026-11-27T11:00:00+01:00"}`, "2026-11-27T10:00:00Z"},
		// A finding without time: its modified time.
		{`{"class_uid":2004,"category_uid":2,"finding_info":{"uid":"f-1","created_time":1795770000000,"modified_time":1795773600000}}`, "2026-11-27T10:00:00Z"},
	} {
		doc, err := normalizeOne(t, c.record)
		if err != nil {
			t.Errorf("%s: %v", c.record, err)
			continue
		}
		if doc["@timestamp"] != c.want {
			t.Errorf("%s: @timestamp %v, want %s", c.record, doc["@timestamp"], c.want)
		}
	}
}

func TestFindingIDAndOutcome(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":2004,"category_uid":2,"time":1795773600000,"status_id":2,"status":"In Progress",`+
		`"finding_info":{"uid":"arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/f","title":"t","modified_time":1795773600000,`+
		`"attacks":[{"tactic":{"uid":"TA0005","name":"Defense Evasion"},"technique":{"uid":"T1562.008","name":"Disable or Modify Cloud Logs"}}]}}`)
	if err != nil {
		t.Fatal(err)
	}
	ev := doc["event"].(map[string]any)
	if ev["kind"] != "alert" || ev["outcome"] != nil {
		t.Errorf("event.kind %v, event.outcome %v: want alert and no outcome (a finding's status is its workflow)", ev["kind"], ev["outcome"])
	}
	th := doc["threat"].(map[string]any)
	if th["framework"] != "MITRE ATT&CK" || th["technique"].(map[string]any)["id"].([]any)[0] != "T1562.008" {
		t.Errorf("threat %v", th)
	}
}

func TestFlatObjectCleaning(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":4001,"time":1795773600000,"a":"-","b":"","c":null,"d":[],"e":{},"f":{"g":"-"},"h":"x","h":"dup",`+
		`"unmapped":{"k":"v"},"raw_data":"line","src_endpoint":{"ip":"not an ip","port":70000,"svc_name":"-"}}`)
	if err != nil {
		t.Fatal(err)
	}
	sl := doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	b, _ := json.Marshal(sl["event"])
	if got, want := string(b), `{"class_uid":4001,"h":"x","src_endpoint":{"ip":"not an ip","port":70000},"time":1795773600000}`; got != want {
		t.Errorf("event %s, want %s", got, want)
	}
	if sl["unmapped"] != `{"k":"v"}` || sl["raw_data"] != "line" {
		t.Errorf("unmapped %v, raw_data %v", sl["unmapped"], sl["raw_data"])
	}
	if doc["source"] != nil {
		t.Errorf("source %v from an endpoint with no valid address or port", doc["source"])
	}
}

func TestHostileKeys(t *testing.T) {
	// Keys a flat_object cannot hold send the event to event_json.
	doc, err := normalizeOne(t, `{"class_uid":4001,"time":1795773600000,"x":{"a..b":1,"":2}}`)
	if err != nil {
		t.Fatal(err)
	}
	sl := doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	if sl["event"] != nil || !strings.Contains(sl["event_json"].(string), `"a..b":1`) {
		t.Errorf("event %v, event_json %v", sl["event"], sl["event_json"])
	}
	// A huge event goes to event_json too.
	big := `{"class_uid":4001,"time":1795773600000,"message":"` + strings.Repeat("x", 40000) + `"}`
	doc, err = normalizeOne(t, big)
	if err != nil {
		t.Fatal(err)
	}
	sl = doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	if sl["event"] != nil || sl["event_json"] == nil {
		t.Errorf("a 40 KB event should be kept as event_json")
	}
}

func TestUsers(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":3001,"activity_id":6,"time":1795773600000,`+
		`"actor":{"user":{"name":"arn:aws:sts::123456789012:assumed-role/Admin/alice","uid":"AROAEXAMPLE:alice"}},"user":{"name":"bob","uid":"AIDABOB"}}`)
	if err != nil {
		t.Fatal(err)
	}
	u := doc["user"].(map[string]any)
	if u["name"] != "alice" || u["id"] != "AROAEXAMPLE:alice" || u["target"].(map[string]any)["name"] != "bob" {
		t.Errorf("user %v", u)
	}
	if got := doc["event"].(map[string]any)["type"]; len(got.([]any)) != 2 || got.([]any)[1] != "deletion" {
		t.Errorf("event.type %v, want [user deletion]", got)
	}
}

// FuzzNormalize feeds single records to the normalizer: it must return an
// error or a valid document, never panic.
func FuzzNormalize(f *testing.F) {
	f.Add(`{"class_uid":4003,"time":1795773600000,"query":{"hostname":"a."},"answers":[{"rdata":"192.0.2.1"}],"rcode":"NoError"}`)
	f.Add(`{"class_uid":2004,"category_uid":2,"finding_info":{"uid":"x","modified_time":"2026-11-27T10:00:00Z"},"vulnerabilities":[{"cve":{"uid":"CVE-1","cvss":[{"base_score":9.8}]}}]}`)
	f.Add(`{"class_uid":6003,"time":1,"actor":{"user":{"name":"a:b/c"}},"unmapped":{"":{}},"src_endpoint":{"ip":"::1%eth0","port":"80"}}`)
	f.Fuzz(func(t *testing.T, record string) {
		or, err := securitylake.New().Open(siem.Object{Key: "ocsf-json/f.json"}, strings.NewReader(record))
		if err != nil {
			return
		}
		for range 4 {
			rec, err := or.Next()
			if err != nil {
				return
			}
			var ev ecs.Event
			if or.Normalize(siem.Record{Record: rec}, &ev) != nil {
				continue
			}
			doc := ev.AppendJSON(nil)
			if err := ecs.Validate(doc, "aws.securitylake"); err != nil {
				t.Fatalf("invalid document %s: %v", doc, err)
			}
			if err := info().CheckVendorFields(doc); err != nil {
				t.Fatalf("vendor fields of %s: %v", doc, err)
			}
		}
	})
}

func info() siem.Info { return securitylake.New().Info() }
