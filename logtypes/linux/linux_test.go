package linux

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

func TestKeyPatternsExclusive(t *testing.T) {
	tests := []struct {
		key            string
		secure, syslog bool
	}{
		{"AWSLogs/123456789012/EC2/Linux/Secure/eu-west-1/2026/11/27/10/s-1-2026-11-27-10-05-00-x.gz", true, false},
		{"AWSLogs/123456789012/EC2/Linux/System/eu-west-1/2026/11/27/10/s-1-2026-11-27-10-05-00-x.gz", false, true},
		{"AWSLogs/123456789012/EC2/Linux/Messages/eu-west-1/2026/11/27/10/x.gz", false, true},
		{"logs/linux/bastion-1/secure", true, false},
		{"logs/linux/bastion-1/secure-20261127.gz", true, false},
		{"logs/linux/web-3/auth.log.1", true, false},
		{"logs/linux/bastion-1/messages", false, true},
		{"logs/linux/bastion-1/messages-20261127.gz", false, true},
		{"logs/linux/web-3/syslog.2.gz", false, true},
		{"logs/Linux/OS/eu-west-1/x.gz", false, true},
		// Ubuntu writes kernel and ufw firewall lines to files of their
		// own.
		{"logs/linux/web-3/kern.log", false, true},
		{"logs/linux/web-3/ufw.log.1", false, true},
		{"logs/linux/web-3/kern.log-20261127.gz", false, true},
		{"logs/linux/web-3/kernel.txt", false, false},
		{"/var/log/kern.log", false, true},
		{"var/log/ufw.log.2.gz", false, true},
		// Neither: the reference's /[Ll]inux/ took every other log under
		// /linux/ as syslog; ours names the type's folders or files.
		{"logs/linux/web-3/cron", false, false},
		{"logs/linux/web-3/systemd-journal.json", false, false},
		{"logs/windows/secure/x", false, false},
		{"/var/log/secure", true, false},
		{"var/log/auth.log.2.gz", true, false},
		{"/var/log/messages", false, true},
		{"/var/log/syslog.1", false, true},
		{"/var/log/secure/x", false, false},
		{"/var/log/httpd/access_log", false, false},
	}
	for _, tt := range tests {
		if got := secureKeys.MatchString(tt.key); got != tt.secure {
			t.Errorf("%s: linux-secure pattern matches %v, want %v", tt.key, got, tt.secure)
		}
		if got := syslogKeys.MatchString(tt.key); got != tt.syslog {
			t.Errorf("%s: linux-syslog pattern matches %v, want %v", tt.key, got, tt.syslog)
		}
	}
	for _, k := range secureInfo.SampleKeys {
		if syslogKeys.MatchString(k) {
			t.Errorf("linux-syslog claims linux-secure's sample %s", k)
		}
	}
	for _, k := range syslogInfo.SampleKeys {
		if secureKeys.MatchString(k) {
			t.Errorf("linux-secure claims linux-syslog's sample %s", k)
		}
	}
}

func TestInstanceID(t *testing.T) {
	for in, want := range map[string]string{
		"i-0a1b2c3d4e5f60718":                  "i-0a1b2c3d4e5f60718",
		"i-0a1b2c3d":                           "i-0a1b2c3d",
		"web_i-0a1b2c3d4e5f60718_secure":       "i-0a1b2c3d4e5f60718",
		"ip-10-0-1-5/i-0a1b2c3d4e5f60718":      "i-0a1b2c3d4e5f60718",
		"i-0a1b2c3d4e5f6071":                   "", // 16 digits
		"xi-0a1b2c3d4e5f60718":                 "",
		"i-0a1b2c3d4e5f60718x":                 "",
		"i-0A1B2C3D":                           "",
		"":                                     "",
		"i-":                                   "",
		"bastion-1 i-0a1b2c3d4e5f60718 i-1234": "i-0a1b2c3d4e5f60718",
	} {
		if got := instanceID(in); got != want {
			t.Errorf("instanceID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRotationDate(t *testing.T) {
	for key, want := range map[string]string{
		"hosts/linux/h/secure-20250315.gz":  "2025-03-16",
		"hosts/linux/h/messages-20251231":   "2026-01-01",
		"/var/log/secure-20250315":          "2025-03-16",
		"hosts/linux/h/secure":              "",
		"hosts/linux/h/secure-2025031.gz":   "",
		"hosts/linux/h/secure-20251345.gz":  "",
		"hosts/linux/h-20250315/secure.gz":  "",
		"hosts/linux/h/syslog.1":            "",
		"hosts/linux/h/messages-x20250315":  "",
		"hosts/linux/h/secure-00010101.log": "",
	} {
		got := ""
		if d := rotationDate(key); !d.IsZero() {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	// A rotated file read long after gets its lines' year from its name.
	var ev ecs.Event
	k := parseKey("hosts/linux/h/secure-20250315.gz")
	rec := siem.Record{Record: parser.Record{Data: []byte("Mar 10 10:00:00 h sshd[1]: x"), Number: 1}, Ingested: jan2}
	if err := normalize(rec, &ev, &k, time.UTC, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := ev.Lookup("@timestamp"); string(got) != `"2025-03-10T10:00:00Z"` {
		t.Errorf("@timestamp %s", got)
	}
}

func TestParseKey(t *testing.T) {
	k := parseKey("AWSLogs/123456789012/EC2/Linux/Secure/eu-west-1/2026/11/27/10/x.gz")
	if k.account != "123456789012" || k.region != "eu-west-1" {
		t.Errorf("%+v", k)
	}
	k = parseKey("AWSLogs/12345/EC2/Linux/Secure/us-gov-west-1/x.gz")
	if k.account != "" || k.region != "us-gov-west-1" {
		t.Errorf("%+v", k)
	}
	if k := parseKey("logs/linux/eu-west-1/secure"); k.account != "" || k.region != "" {
		t.Errorf("a key without AWSLogs/ gave %+v", k)
	}
}

// run normalizes one line as a plain-file record read at ingested.
func run(t *testing.T, line string, ingested time.Time, d *parser.Delivery) (*ecs.Event, error) {
	t.Helper()
	var ev ecs.Event
	rec := siem.Record{Record: parser.Record{Data: []byte(line), Number: 1, Delivery: d}, Ingested: ingested}
	err := normalize(rec, &ev, &keyInfo{}, time.UTC, "")
	if err == nil {
		err = ev.Err()
	}
	return &ev, err
}

var jan2 = time.Date(2027, 1, 2, 3, 0, 0, 0, time.UTC)

func TestYearAndZone(t *testing.T) {
	tests := []struct {
		line     string
		ingested time.Time
		delivery time.Time
		want     string
	}{
		// Read on 2 January: December is last year's, January this year's.
		{"Dec 31 23:59:58 h sshd[1]: x", jan2, time.Time{}, `"2026-12-31T23:59:58Z"`},
		{"Jan  2 02:00:00 h sshd[1]: x", jan2, time.Time{}, `"2027-01-02T02:00:00Z"`},
		// Up to 31 days ahead is this year (a clock running ahead).
		{"Jan 20 02:00:00 h sshd[1]: x", jan2, time.Time{}, `"2027-01-20T02:00:00Z"`},
		{"Feb  3 02:00:00 h sshd[1]: x", jan2, time.Time{}, `"2026-02-03T02:00:00Z"`},
		// The envelope's time wins over the ingest time: a backlog read
		// a year later keeps its year.
		{"Dec 31 23:59:58 h sshd[1]: x", jan2.AddDate(1, 0, 0), time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC), `"2026-12-31T23:59:58Z"`},
		// Lines with their own year and offset keep them, in UTC.
		{"2026-06-01T12:00:00.5+02:00 h sshd[1]: x", jan2, time.Time{}, `"2026-06-01T10:00:00.5Z"`},
		// No offset: UTC.
		{"2026-06-01T12:00:00 h sshd[1]: x", jan2, time.Time{}, `"2026-06-01T12:00:00Z"`},
		// RFC 5424's nil time: the delivery time, else the ingest time.
		{"<13>1 - h app - - - x", jan2, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), `"2026-12-01T00:00:00Z"`},
		{"<13>1 - h app - - - x", jan2, time.Time{}, `"2027-01-02T03:00:00Z"`},
	}
	for _, tt := range tests {
		var d *parser.Delivery
		if !tt.delivery.IsZero() {
			d = &parser.Delivery{Envelope: "cloudwatch-logs", Time: tt.delivery}
		}
		ev, err := run(t, tt.line, tt.ingested, d)
		if err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		if got, _ := ev.Lookup("@timestamp"); string(got) != tt.want {
			t.Errorf("%s: @timestamp %s, want %s", tt.line, got, tt.want)
		}
	}
}

// TestMessages checks what each known message sets. want maps a field to
// its JSON value; "-" means the field must be absent.
func TestMessages(t *testing.T) {
	tests := []struct {
		line string
		want map[string]string
	}{
		{"Nov 27 10:00:02 h sshd[4121]: Accepted publickey for alice from 2001:db8::5 port 52144 ssh2: ED25519 SHA256:abc", map[string]string{
			"event.action": `"ssh_login"`, "event.outcome": `"success"`, "event.category": `["authentication","session"]`, "event.type": `["start"]`,
			"source.ip": `"2001:db8::5"`, "source.port": `52144`, "user.name": `"alice"`, "system.auth.ssh.method": `"publickey"`,
			"system.auth.ssh.signature": `"ED25519 SHA256:abc"`, "related.ip": `["2001:db8::5"]`, "related.user": `["alice"]`,
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Failed password for invalid user  from ::ffff:192.0.2.1 port 22 ssh2", map[string]string{
			"event.outcome": `"failure"`, "source.ip": `"192.0.2.1"`, "user.name": "-", "related.user": "-",
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Invalid user oracle from fe80::1%eth0 port 4022", map[string]string{
			"event.outcome": `"failure"`, "source.ip": `"fe80::1"`, "source.port": `4022`, "user.name": `"oracle"`, "system.auth.ssh.event": `"Invalid"`,
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Connection closed by UNKNOWN port 65535", map[string]string{
			"source.address": "-", "source.domain": "-", "event.action": "-",
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Received disconnect from 2001:db8::: 11: Bye Bye [preauth]", map[string]string{
			"source.ip": `"2001:db8::"`, "event.action": `"ssh_disconnect_received"`,
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Timeout before authentication for 192.0.2.9 port 40000", map[string]string{
			"event.action": "-", "source.ip": "-",
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Postponed keyboard-interactive for alice from 192.0.2.9 port 40000 ssh2 [preauth]", map[string]string{
			"event.action": "-", "source.ip": `"192.0.2.9"`, "source.port": `40000`,
		}},
		{"Nov 27 10:00:02 h sshd[4121]: Failed publickey for alice from 2001:db8::1 port 22 ssh2: RSA SHA256:xyz", map[string]string{
			"event.action": `"ssh_login"`, "event.outcome": `"failure"`, "event.category": `["authentication"]`, "event.type": `["info"]`,
			"source.ip": `"2001:db8::1"`, "source.port": `22`, "user.name": `"alice"`, "system.auth.ssh.method": `"publickey"`,
			"system.auth.ssh.signature": `"RSA SHA256:xyz"`, "process.name": `"sshd"`, "process.pid": `4121`, "host.hostname": `"h"`,
		}},
		{"Nov 27 10:00:02 bastion sudo[3400]:    carol : TTY=pts/3 ; PWD=/srv/app ; USER=deploy ; GROUP=deploy ; COMMAND=/usr/bin/git pull", map[string]string{
			"event.action": `"sudo_command"`, "event.category": `["process"]`, "event.type": `["start"]`, "event.outcome": `"success"`,
			"user.name": `"carol"`, "user.effective.name": `"deploy"`, "user.effective.group.name": `"deploy"`,
			"process.name": `"sudo"`, "process.pid": `3400`, "process.working_directory": `"/srv/app"`, "host.hostname": `"bastion"`,
			"system.auth.sudo.tty": `"pts/3"`, "system.auth.sudo.pwd": `"/srv/app"`, "system.auth.sudo.user": `"deploy"`,
			"system.auth.sudo.command": `"/usr/bin/git pull"`, "related.user": `["carol","deploy"]`,
		}},
		{"Nov 27 10:00:02 h sudo: alice : TTY=unknown ; PWD=/ ; USER=root ; COMMAND=/bin/sh -c 'a ; b=c'", map[string]string{
			"system.auth.sudo.command": `"/bin/sh -c 'a ; b=c'"`, "system.auth.sudo.tty": "-", "user.effective.name": `"root"`, "event.outcome": `"success"`,
		}},
		{"Nov 27 10:00:02 h sudo: alice : a password is required ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id", map[string]string{
			"system.auth.sudo.error": `"a password is required"`, "event.outcome": `"failure"`,
		}},
		{"Nov 27 10:00:02 h sudo: unable to resolve host h: Name or service not known", map[string]string{
			"event.action": "-", "user.name": "-",
		}},
		{"Nov 27 10:00:02 h su[1]: pam_unix(su:auth): authentication failure; logname=bob uid=1001 euid=0 tty=pts/2 ruser=bob rhost=  user=root", map[string]string{
			"user.name": `"bob"`, "user.effective.name": `"root"`, "source.address": "-",
		}},
		{"Nov 27 10:00:02 h usermod[1]: change user name 'old' to 'new'", map[string]string{
			"user.target.name": `"old"`, "user.changes.name": `"new"`, "event.action": `"user_changed"`,
		}},
		{"Nov 27 10:00:02 h CRON[1]: (root) CMDEND (/usr/bin/backup)", map[string]string{
			"event.action": `"cron_command_end"`, "system.cron.command": `"/usr/bin/backup"`,
		}},
		{"Nov 27 10:00:02 h CRON[1]: (CRON) info (No MTA installed, discarding output)", map[string]string{
			"event.action": "-", "user.name": "-",
		}},
		{"Nov 27 10:00:02 h login[1]: pam_unix(login:session): session opened for user alice(uid=1000) by LOGIN(uid=0)", map[string]string{
			"user.name": `"LOGIN"`, "user.effective.name": `"alice"`, "event.action": `"logged-on"`,
		}},
		{"Nov 27 10:00:02 h sudo[2]: pam_unix(sudo:auth): auth could not identify password for [alice]", map[string]string{
			"event.action": `"authentication_failure"`, "event.outcome": `"failure"`, "user.name": `"alice"`,
		}},
		{"Nov 27 10:00:02 h sshd[1]: pam_faillock(sshd:auth): Consecutive login failures for user root account temporarily locked", map[string]string{
			"event.action": `"account_locked"`, "event.category": `["authentication"]`, "event.outcome": `"failure"`, "user.name": `"root"`,
		}},
		// Newer systemd quotes the session and the user and adds class and type.
		{"Nov 27 10:00:02 h systemd-logind[9]: New session '5' of user 'root' with class 'user' and type 'tty'.", map[string]string{
			"user.name": `"root"`, "related.user": `["root"]`, "system.auth.session_id": `"5"`, "event.action": `"session_created"`,
		}},
		{"Nov 27 10:00:02 h systemd-logind[9]: New session 5 of user two words.", map[string]string{
			"user.name": "-", "event.action": "-",
		}},
		// sshd's summary of the PAM failures it did not log one by one.
		{"Nov 27 10:00:02 h sshd[1]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8::9  user=root", map[string]string{
			"event.action": `"authentication_failure"`, "event.outcome": `"failure"`, "event.category": `["authentication"]`,
			"user.name": `"root"`, "source.ip": `"2001:db8::9"`, "related.ip": `["2001:db8::9"]`,
		}},
		// A login sshd refused by its AllowUsers, DenyUsers or group rules.
		{"Nov 27 10:00:02 h sshd[1]: User root from 192.0.2.4 not allowed because not listed in AllowUsers", map[string]string{
			"event.action": `"ssh_login"`, "event.outcome": `"failure"`, "event.type": `["info"]`,
			"user.name": `"root"`, "source.ip": `"192.0.2.4"`, "related.user": `["root"]`,
		}},
		// Unknown programs and messages are documents all the same.
		{"Nov 27 10:00:02 h kernel: Linux version 6.1", map[string]string{
			"message": `"Linux version 6.1"`, "process.name": `"kernel"`, "process.pid": "-", "event.action": "-",
		}},
		{"<86>1 2026-11-27T10:00:00Z h sshd abc - [a x=\"1\"][a x=\"2\" y=\"\\\"q\\\"\"] Accepted password for bob from 192.0.2.3 port 22 ssh2", map[string]string{
			"log.syslog.procid": `"abc"`, "log.syslog.facility.name": `"authpriv"`, "log.syslog.structured_data": `{"a":{"x":"2","y":"\"q\""}}`,
			"event.action": `"ssh_login"`,
		}},
	}
	for _, tt := range tests {
		checkFields(t, secureInfo, tt.line, tt.want)
	}
}

// checkFields normalizes line and checks what it sets against want,
// which maps a field to its JSON value, "-" meaning the field must be
// absent, and the document against info's schema.
func checkFields(t *testing.T, info siem.Info, line string, want map[string]string) {
	t.Helper()
	ev, err := run(t, line, jan2, nil)
	if err != nil {
		t.Errorf("%s: %v", line, err)
		return
	}
	for field, w := range want {
		got, ok := ev.Lookup(field)
		switch {
		case w == "-" && ok:
			t.Errorf("%s\n  %s = %s, want none", line, field, got)
		case w != "-" && string(got) != w:
			t.Errorf("%s\n  %s = %s, want %s", line, field, got, w)
		}
	}
	if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
		t.Errorf("%s: %v", line, err)
	}
}

// TestFirewall checks the packets netfilter's LOG target writes to the
// kernel log (ufw, firewalld, iptables, nftables).
func TestFirewall(t *testing.T) {
	tests := []struct {
		line string
		want map[string]string
	}{
		{"Nov 27 10:00:01 h kernel: [ 8812.102934] [UFW BLOCK] IN=eth0 OUT= MAC=0a:1b:2c:3d:4e:5f:0a:1b:2c:3d:4e:60:08:00 SRC=203.0.113.7 DST=10.0.1.15 LEN=44 TOS=0x00 PREC=0x00 TTL=239 ID=54321 PROTO=TCP SPT=40000 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0 ", map[string]string{
			"event.action": `"firewall_blocked"`, "event.category": `["network"]`, "event.type": `["connection","denied"]`, "event.outcome": "-",
			"rule.name": `"UFW BLOCK"`, "source.ip": `"203.0.113.7"`, "source.port": `40000`, "destination.ip": `"10.0.1.15"`, "destination.port": `23`,
			"source.mac": `"0A-1B-2C-3D-4E-60"`, "destination.mac": `"0A-1B-2C-3D-4E-5F"`,
			"network.transport": `"tcp"`, "network.iana_number": `"6"`, "network.type": `"ipv4"`, "network.direction": `"ingress"`,
			"network.community_id": `"1:GW7a4b7LG0DzTMXC6MD85ZUup4Y="`, "observer.ingress.interface.name": `"eth0"`, "observer.egress.interface.name": "-",
			"related.ip": `["203.0.113.7","10.0.1.15"]`,
		}},
		{"Nov 27 10:00:02 h kernel: [UFW ALLOW] IN= OUT=eth0 SRC=10.0.1.15 DST=198.51.100.53 LEN=60 TTL=64 ID=1 DF PROTO=UDP SPT=5353 DPT=53 LEN=40", map[string]string{
			"event.action": `"firewall_allowed"`, "event.type": `["connection","allowed"]`, "network.direction": `"egress"`,
			"observer.egress.interface.name": `"eth0"`, "network.transport": `"udp"`, "destination.port": `53`,
		}},
		{"Nov 27 10:00:03 h kernel: filter_IN_public_REJECT: IN=eth0 OUT= SRC=2001:0db8:0000:0000:0000:0000:0000:0001 DST=2001:db8::2 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=128 CODE=0 ID=1 SEQ=1", map[string]string{
			"event.action": `"firewall_blocked"`, "rule.name": `"filter_IN_public_REJECT"`, "source.ip": `"2001:db8::1"`, "source.port": "-",
			"network.transport": `"ipv6-icmp"`, "network.iana_number": `"58"`, "network.type": `"ipv6"`, "network.community_id": `"1:u2vMS3HiWth2lIMKHB1fjELshpQ="`,
		}},
		// A forwarded packet of a protocol netfilter names by number, no prefix.
		{"Nov 27 10:00:04 h kernel: IN=eth0 OUT=eth1 SRC=192.0.2.1 DST=192.0.2.2 LEN=84 PROTO=47", map[string]string{
			"event.action": `"firewall_logged"`, "event.type": `["connection"]`, "rule.name": "-", "network.direction": "-",
			"network.iana_number": `"47"`, "network.transport": "-",
		}},
		// Not netfilter's: no fields set.
		{"Nov 27 10:00:05 h kernel: Linux version 6.1 SRC=1 DST=2", map[string]string{"event.action": "-", "source.ip": "-"}},
		{"Nov 27 10:00:05 h kernel: BRIDGE=IN=x SRC=192.0.2.1 DST=192.0.2.2", map[string]string{"event.action": "-", "source.ip": "-"}},
		{"Nov 27 10:00:05 h kernel: [UFW BLOCK] IN=eth0 OUT= SRC=192.0.2.1 DST=bad PROTO=TCP", map[string]string{"event.action": "-", "source.ip": "-"}},
	}
	for _, tt := range tests {
		checkFields(t, syslogInfo, tt.line, tt.want)
	}
}

func TestCloudWatchInstance(t *testing.T) {
	d := &parser.Delivery{Envelope: envelope.NameCloudWatchLogs, Time: jan2, Meta: &envelope.CloudWatchLogsMeta{LogStream: "i-0a1b2c3d4e5f60718", LogGroup: "/var/log/secure"}}
	ev, err := run(t, "Jan  1 10:00:00 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2", jan2, d)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ev.Lookup("cloud.instance.id"); string(got) != `"i-0a1b2c3d4e5f60718"` {
		t.Errorf("cloud.instance.id %s", got)
	}
	if got, _ := ev.Lookup("related.hosts"); string(got) != `["h","i-0a1b2c3d4e5f60718"]` {
		t.Errorf("related.hosts %s", got)
	}
	if ev.Has("cloud.provider") {
		t.Error("cloud.provider is the envelope's to set")
	}
}

func TestBadInput(t *testing.T) {
	for _, line := range []string{
		"", "not syslog", "<999>1 x", "Nov 31 10:00:00 h x: y", "--- last message repeated 1 time ---",
	} {
		if _, err := run(t, line, jan2, nil); err == nil {
			t.Errorf("%q: no error", line)
		} else if !strings.HasPrefix(err.Error(), "not a syslog line") {
			t.Errorf("%q: %v", line, err)
		}
	}
	// Hostile but syslog: a document, valid.
	for _, line := range []string{
		"Nov 27 10:00:00 h sshd[99999999999999999999999]: Accepted password for " + strings.Repeat("a", 100000) + " from 192.0.2.1 port 99999 ssh2",
		"Nov 27 10:00:00 h sudo: \xff\xfe : USER=\xc0 ; COMMAND=\xed\xa0\x80",
		"Nov 27 10:00:00 h sshd[1]: message repeated 2 times: [ ",
		"Nov 27 10:00:00 h su[1]: + pts/0 :",
		"Nov 27 10:00:00 h useradd[1]: add '",
	} {
		ev, err := run(t, line, jan2, nil)
		if err != nil {
			t.Errorf("%.60q: %v", line, err)
			continue
		}
		if err := secureInfo.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Errorf("%.60q: %v", line, err)
		}
	}
}

func TestLocalZone(t *testing.T) {
	zone := time.FixedZone("CET", 3600)
	or, err := SecureIn(zone).Open(siem.Object{Key: "hosts/linux/h/secure"}, strings.NewReader(
		"Jun  1 12:00:00 h sshd[1]: x\n2026-06-01T12:00:00+02:00 h sshd[1]: y\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"2026-06-01T11:00:00Z"`, `"2026-06-01T10:00:00Z"`} {
		rec, err := or.Next()
		if err != nil {
			t.Fatal(err)
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: rec, Ingested: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)}, &ev); err != nil {
			t.Fatal(err)
		}
		if got, _ := ev.Lookup("@timestamp"); string(got) != want {
			t.Errorf("@timestamp %s, want %s", got, want)
		}
		if got, _ := ev.Lookup("event.timezone"); string(got) != `"CET"` {
			t.Errorf("event.timezone %s", got)
		}
	}
	var ev ecs.Event
	if err := Normalize(siem.Record{Record: parser.Record{Data: []byte("Jun  1 12:00:00 h sshd[1]: x")}, Ingested: jan2}, &ev); err != nil || ev.Has("event.timezone") {
		t.Errorf("UTC: %v, event.timezone set: %v", err, ev.Has("event.timezone"))
	}
}

// The system log sends sshd, sudo and su lines where the secure log's
// own go, as the reference system does; the secure log routes nothing.
func TestSecureRoute(t *testing.T) {
	lines := strings.Join([]string{
		"Nov 27 10:00:01 web-3 sshd[812]: Accepted publickey for alice from 2001:db8::7 port 50122 ssh2: ED25519 SHA256:abc",
		"Nov 27 10:00:02 web-3 sshd-session[813]: Connection closed by 192.0.2.9 port 41000",
		"Nov 27 10:00:03 web-3 sudo[900]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id",
		"Nov 27 10:00:04 web-3 su[901]: (to root) alice on pts/0",
		"Nov 27 10:00:05 web-3 CRON[902]: (root) CMD (run-parts /etc/cron.hourly)",
		"Nov 27 10:00:06 web-3 systemd[1]: Started Session 3 of User alice.",
	}, "\n") + "\n"
	want := []string{"linux-secure", "linux-secure", "linux-secure", "linux-secure", "", ""}
	for _, tc := range []struct {
		lt   siem.LogType
		key  string
		want []string
	}{
		{Syslog(), "archive/linux/web-3/syslog", want},
		{Secure(), "archive/linux/web-3/auth.log", make([]string, len(want))},
	} {
		res := siemtest.Run(t, tc.lt, tc.key, []byte(lines))
		var got []string
		for _, d := range res.Docs {
			got = append(got, d.Route)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s routes %q, want %q", tc.lt.Info().Name, got, tc.want)
		}
	}
}
