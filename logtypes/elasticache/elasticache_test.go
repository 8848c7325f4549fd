package elasticache_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/elasticache"
)

func TestSlowText(t *testing.T) {
	cases := []struct {
		in, cmd, addr, name, ip string
		port, dur, id           int64
	}{
		{"c,0001,1605631822,30,GET k,10.0.0.1:6000,app", "GET k", "10.0.0.1:6000", "app", "10.0.0.1", 6000, 30000, -1},
		// With an Id before the timestamp.
		{"c,0001,296,1605631822,30,GET k,10.0.0.1:6000,app", "GET k", "10.0.0.1:6000", "app", "10.0.0.1", 6000, 30000, 296},
		// Commas and an address inside the command; an empty name.
		{"c,0001,1605631822,7,SET k 1.2.3.4:5,x,[2001:db8::1]:7000,", "SET k 1.2.3.4:5,x", "[2001:db8::1]:7000", "", "2001:db8::1", 7000, 7000, -1},
	}
	for _, c := range cases {
		var ev ecs.Event
		if err := elasticache.Normalize([]byte(c.in), &ev); err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		for path, want := range map[string]string{"aws.elasticache.command": c.cmd, "source.address": c.addr, "aws.elasticache.client_name": c.name, "source.ip": c.ip} {
			if got, _ := ev.LookupString(path); got != want {
				t.Errorf("%q: %s = %q, want %q", c.in, path, got, want)
			}
		}
		if got, _ := ev.Lookup("source.port"); string(got) != itoa(c.port) {
			t.Errorf("%q: source.port = %s, want %d", c.in, got, c.port)
		}
		if got, _ := ev.Lookup("event.duration"); string(got) != itoa(c.dur) {
			t.Errorf("%q: event.duration = %s, want %d", c.in, got, c.dur)
		}
		got, ok := ev.Lookup("aws.elasticache.slowlog_id")
		if c.id < 0 && ok || c.id >= 0 && string(got) != itoa(c.id) {
			t.Errorf("%q: slowlog_id = %s, want %d", c.in, got, c.id)
		}
	}
}

func itoa(n int64) string {
	if n < 0 {
		return ""
	}
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

func TestSlowJSONID(t *testing.T) {
	var ev ecs.Event
	in := `{"CacheClusterId":"c1","CacheNodeId":"0002","Id":"42","Timestamp":"1605631822","Duration (us)":1,"Command":"GET","ClientAddress":"10.0.0.1:1"}`
	if err := elasticache.Normalize([]byte(in), &ev); err != nil {
		t.Fatal(err)
	}
	if got := ev.ID(); got != "c1/0002/42/1605631822" {
		t.Errorf("id %q", got)
	}
	if got, _ := ev.LookupString("@timestamp"); got != "2020-11-17T16:50:22Z" {
		t.Errorf("@timestamp %q", got)
	}
}

func TestErrors(t *testing.T) {
	for _, in := range []string{
		``, `{`, `[1]`, `{"CacheClusterId":"c"}`,
		`{"Timestamp":-1}`, `{"Timestamp":1.5}`, `{"Timestamp":1,"Duration (us)":-3}`, `{"Timestamp":1,"Id":true}`,
		`{"Timestamp":99999999999999}`, `{"Timestamp":1,"Command":{"a":1}}`, `{"Time":"12 Nov 2020 01:28:57.994 PST","Message":"x"}`,
		`{"CacheClusterId":["x"],"Timestamp":1}`,
		`a,b,c`, `c,0001,soon,30,GET,1.2.3.4:5,n`, `c,0001,1605631822,-30,GET,1.2.3.4:5,n`,
	} {
		var ev ecs.Event
		err := elasticache.Normalize([]byte(in), &ev)
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%q: empty error", in)
		}
	}
}

func TestEngineText(t *testing.T) {
	var ev ecs.Event
	if err := elasticache.Normalize([]byte("my-redis-001/0001:C 1 Dec 2026 03:04:05.006 UTC . debug line"), &ev); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"log.level": "DEBUG", "aws.elasticache.role": "C", "message": "debug line", "@timestamp": "2026-12-01T03:04:05.006Z", "aws.elasticache.cache_cluster_id": "my-redis-001"} {
		if got, _ := ev.LookupString(path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
}
