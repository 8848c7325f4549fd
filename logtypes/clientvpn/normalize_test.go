package clientvpn_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/clientvpn"
	"github.com/siem-go/siem/parser"
)

func run(t *testing.T, line string) (map[string]any, error) {
	t.Helper()
	var ev ecs.Event
	if err := clientvpn.Normalize(siem.Record{Record: parser.Record{Data: []byte(line)}}, &ev); err != nil {
		return nil, err
	}
	if err := ev.Err(); err != nil {
		t.Fatalf("invalid event: %v", err)
	}
	if err := clientvpn.New().Info().CheckDocument(ev.AppendJSON(nil)); err != nil {
		t.Fatalf("invalid document: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(ev.AppendJSON(nil), &doc); err != nil {
		t.Fatal(err)
	}
	return doc, nil
}

func get(doc map[string]any, path string) any {
	var v any = doc
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func TestNormalizeValues(t *testing.T) {
	tests := []struct {
		name, line string
		want       map[string]any // path -> value; nil value means absent
	}{
		{
			name: "numbers as numbers, duration from the times",
			line: `{"connection-log-type":"connection-attempt","connection-attempt-status":"successful","connection-start-time":"2026-11-27 10:00:00","connection-end-time":"2026-11-27 10:01:30","connection-last-update-time":"2026-11-27 10:01:30","ingress-bytes":10,"egress-bytes":32,"port":443,"device-ip":"192.0.2.1","client-ip":"10.0.0.5"}`,
			want: map[string]any{
				"event.duration": 90e9, "network.bytes": 42.0, "source.bytes": 10.0, "destination.bytes": 32.0,
				"source.port": 443.0, "event.type": []any{"connection", "end"}, "aws.clientvpn.client_ip": "10.0.0.5",
				"network.packets": nil,
			},
		},
		{
			name: "NA and null are absent; duplicate keys: the last wins",
			line: `{"connection-last-update-time":"2026-11-27 10:01:30","username":"NA","client-ip":null,"device-ip":"NA","x-new":1,"x-new":2,"connection-attempt-status":"failed","connection-attempt-status":"successful"}`,
			want: map[string]any{
				"user.name": nil, "related": nil, "source": nil, "aws.clientvpn.other": map[string]any{"x-new": "2"},
				"event.outcome": "success",
			},
		},
		{
			name: "posture statuses as one string",
			line: `{"connection-last-update-time":"2026-11-27T10:01:30Z","posture-compliance-statuses":"compliant, managed"}`,
			want: map[string]any{
				"aws.clientvpn.posture_compliance_statuses": []any{"compliant", "managed"},
				"@timestamp": "2026-11-27T10:01:30Z", "event.type": []any{"connection", "info"},
			},
		},
		{
			name: "unknown members: plain ones searchable, the rest as JSON text",
			line: `{"connection-last-update-time":"2026-11-27 10:01:30","client-os":"macOS 15","up":true,"":"x","a.b":1,"nested":{"k":[1,2]},"gone":null}`,
			want: map[string]any{
				"aws.clientvpn.other":      map[string]any{"client-os": "macOS 15", "up": "true"},
				"aws.clientvpn.other_json": `{"":"x","a.b":1,"nested":{"k":[1,2]}}`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := run(t, tt.line)
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range tt.want {
				got := get(doc, path)
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) {
					t.Errorf("%s = %s, want %s", path, g, w)
				}
			}
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct{ line, want string }{
		{`[1]`, "not an object"},
		{`{"connection-last-update-time":"yesterday"}`, "connection-last-update-time \"yesterday\" is not a time"},
		{`{"connection-last-update-time":"2026-11-27 10:01:30","port":"70000"}`, "not a port number"},
		{`{"connection-last-update-time":"2026-11-27 10:01:30","ingress-bytes":"-1"}`, "ingress-bytes \"-1\" is not a count"},
		{`{"connection-last-update-time":"2026-11-27 10:01:30","username":{"a":1}}`, "\"username\" is a JSON object"},
		{`{"connection-last-update-time":"2026-11-27 10:01:30","connection-duration-seconds":"99999999999999"}`, "too large"},
		{`{"username":"joe"}`, "no connection-last-update-time"},
		{`{"connection-last-update-time":"2026-11-27 10:01:30","device-ip":"10.0.0.300"}`, "device-ip \"10.0.0.300\" is not an IP address"},
	}
	for _, tt := range tests {
		_, err := run(t, tt.line)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.line, err, tt.want)
		}
	}
}

// FuzzNormalize feeds single entries to Normalize: an error or a valid
// document, never a panic.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{"connection-log-type":"connection-attempt","connection-attempt-status":"successful","connection-start-time":"2026-11-27 10:00:00","connection-last-update-time":"2026-11-27 10:01:30","ingress-bytes":"10","port":"443","device-ip":"192.0.2.1","client-ip":"10.0.0.5","posture-compliance-statuses":["a"],"other":{"x":[1]}}`))
	info := clientvpn.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := clientvpn.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}
