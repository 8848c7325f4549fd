package apache

import (
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
)

// FuzzNormalizeLine feeds single lines to both normalizers and to the
// exported entry points: whatever the line, they return an error or an
// event that validates, and the entry points leave the event untouched
// when they decline or fail.
func FuzzNormalizeLine(f *testing.F) {
	for _, s := range []string{
		`192.168.33.1 - - [26/Dec/2016:16:22:13 +0000] "GET /hello HTTP/1.1" 404 499 "-" "Mozilla/5.0"`,
		`vhost1.example.fr:443 2001:db8::1 - bob [26/Dec/2016:16:22:14 +0200] "GET /a?b#c HTTP/1.1" 200 1 "-" "\"x\"" 10 20 "-"`,
		`203.0.113.5, 198.51.100.2 10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "\x16\x03" 400 -`,
		`[10/Aug/2018:09:45:56 +0200] 172.30.0.119 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 "GET /x.php?y HTTP/1.1" 1375`,
		`[Wed Oct 20 19:20:59.121211 2021] [rewrite:trace3] [pid 121591:tid 140413273032448] mod_rewrite.c(470): [client 10.121.192.8:38350] x`,
		`[Mon Dec 26 16:22:00 2016] [error] [client 192.168.33.1] File does not exist: /var/www/favicon.ico, referer: http://192.168.33.72/`,
		`[Fri Nov 27 10:15:33.019284 2026] [proxy:error] [pid 2216] (111)Connection refused: [client [::1]:1] AH00957: x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, c := range []struct {
			info      string
			normalize func([]byte, *ecs.Event) error
			entry     func([]byte, *ecs.Event) (bool, error)
		}{
			{AccessDataset, func(l []byte, ev *ecs.Event) error { return normalizeAccess(l, ev, "i-0123456789abcdef0") }, NormalizeAccessLine},
			{ErrorDataset, func(l []byte, ev *ecs.Event) error { return normalizeError(l, ev, "", time.FixedZone("x", -3600)) }, NormalizeErrorLine},
		} {
			info := accessInfo
			if c.info == ErrorDataset {
				info = errorInfo
			}
			var ev ecs.Event
			if err := c.normalize(line, &ev); err == nil {
				if err := ev.Err(); err != nil {
					t.Fatalf("%s: %v", c.info, err)
				}
				if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
					t.Fatalf("%s: %v\n%q", c.info, err, line)
				}
			}
			ev.Reset()
			if ok, err := c.entry(line, &ev); (!ok || err != nil) && ev.Len() != 0 {
				t.Fatalf("%s entry point set fields on a line it did not map", c.info)
			}
		}
	})
}
