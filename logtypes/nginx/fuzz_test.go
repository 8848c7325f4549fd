package nginx_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/nginx"
)

// FuzzNormalizeAccessLine checks the exported entry point on any line:
// no panic, nothing set when it refuses a line, and a valid document
// when it accepts one.
func FuzzNormalizeAccessLine(f *testing.F) {
	for _, s := range []string{
		`203.0.113.45 - - [27/Nov/2026:10:00:01 +0900] "GET /index.html HTTP/1.1" 200 5320 "https://www.example.com/" "curl/8.5.0" "-"`,
		`example.com:80 "10.5.102.222, 199.96.1.1" 10.2.1.185 - bob [22/Jan/2016:13:18:29 +0000] "GET http://[::1]:8080/a?b#c HTTP/1.1" 200 25507 "-" "x" "1.2.3.4" 0.1`,
		`2001:db8::1, 10.0.0.1 - - [01/Mar/2024:23:59:60 -0930] "CONNECT a:443 HTTP/1.1" 400 0`,
		`unix: - - [26/Feb/2019:15:39:42 +0100] "\x16\x03" 400 173 "-" "-"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var ev ecs.Event
		ok, err := nginx.NormalizeAccessLine(line, &ev)
		if !ok {
			if err != nil || ev.Len() != 0 {
				t.Fatalf("refused with %v and %d fields set", err, ev.Len())
			}
			return
		}
		if err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatal(err)
		}
		if !ev.Has("@timestamp") {
			t.Fatal("accepted without @timestamp")
		}
		if err := ecs.Validate(ev.AppendJSON(nil), nginx.AccessDataset); err != nil {
			t.Fatalf("%v\n%q", err, line)
		}
	})
}
