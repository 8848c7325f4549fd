package linux

import (
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single lines to the normalizer: it must never
// panic, and what it builds must be a valid document.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Nov 27 10:00:02 h sshd[4121]: Accepted publickey for alice from 2001:db8::5 port 52144 ssh2: ED25519 SHA256:abc",
		"Nov 27 10:00:02 h sshd[1]: Connection closed by authenticating user root 192.0.2.1 port 22 [preauth]",
		"Nov 27 10:00:02 h sshd[1]: Received disconnect from 192.0.2.1 port 22:11: Bye [preauth]",
		"Nov 27 10:00:02 h sudo:   bob : user NOT in sudoers ; TTY=pts/0 ; PWD=/ ; USER=root ; GROUP=g ; COMMAND=/bin/id",
		"Nov 27 10:00:02 h su[1]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)",
		"Nov 27 10:00:02 h useradd[1]: new user: name=a, UID=1, GID=2, home=/h, shell=/s, from=/dev/pts/0",
		"Nov 27 10:00:02 h usermod[1]: change user name 'a' to 'b'",
		"Nov 27 10:00:02 h gpasswd[1]: user a added by root to group g",
		"Nov 27 10:00:02 h systemd-logind[1]: New session 1 of user a.",
		"Nov 27 10:00:02 h CRON[1]: (root) CMD (x)",
		"<86>1 2026-11-27T10:00:00Z h sshd 1 - [a x=\"1\"][a x=\"2\"] m",
		"Nov 27 10:00:02 h systemd-logind[1]: New session 'c1' of user 'a' with class 'user' and type 'tty'.",
		"Nov 27 10:00:02 h sshd[1]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.5  user=root",
		"Nov 27 10:00:02 h sshd[1]: User root from 192.0.2.4 not allowed because not listed in AllowUsers",
		"Nov 27 10:00:02 h kernel: [ 1.5] [UFW BLOCK] IN=eth0 OUT= MAC=0a:1b:2c:3d:4e:5f:0a:1b:2c:3d:4e:60:08:00 SRC=192.0.2.1 DST=10.0.0.1 PROTO=TCP SPT=1 DPT=2 SYN",
		"Nov 7 10:00:02 h kernel: BLOCK] IN=eth0 OUT= MAC=0a:1b:2c:3d:4e:5f:0a:\xd9b:2c:3d:4e:60:0x:00 SRC=192.0.2.1 DST=10.0.0.1",
		"Nov 27 10:00:02 h kernel: x: IN=eth0 OUT=eth1 SRC=2001:db8::1 DST=2001:db8::2 PROTO=ICMPv6 TYPE=128 CODE=0",
	} {
		f.Add([]byte(s))
	}
	info := secureInfo
	f.Fuzz(func(t *testing.T, line []byte) {
		var ev ecs.Event
		rec := siem.Record{Record: parser.Record{Data: line, Number: 1}, Ingested: jan2}
		if err := normalize(rec, &ev, &keyInfo{}, time.UTC, ""); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	})
}
