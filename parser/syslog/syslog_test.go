package syslog

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// view flattens a Message so that tables can spell it out.
type view struct {
	Format      Format
	HasPriority bool
	Priority    Priority
	Version     int
	Time        string // RFC 3339 with nanoseconds, in the timestamp's zone; "" for none
	HasYear     bool
	HasZone     bool
	FracDigits  int
	Host        string
	App         string
	ProcID      string
	MsgID       string
	SD          string
	Msg         string
}

func viewOf(m Message) view {
	v := view{
		Format: m.Format, HasPriority: m.HasPriority, Priority: m.Priority, Version: m.Version,
		HasYear: m.HasYear, HasZone: m.HasZone, FracDigits: m.FracDigits,
		Host: string(m.Hostname), App: string(m.AppName), ProcID: string(m.ProcID), MsgID: string(m.MsgID),
		SD: string(m.StructuredData), Msg: string(m.Msg),
	}
	if !m.Timestamp.IsZero() {
		v.Time = m.Timestamp.Format(time.RFC3339Nano)
	}
	return v
}

// ref is the reference time of the tables: lines without a year fall in
// 2026 unless they are more than 31 days after it.
var ref = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		line string
		want view
	}{
		{
			name: "sshd accepted password, IPv4",
			line: "Nov 27 10:00:01 bastion-1 sshd[2841]: Accepted password for alice from 198.51.100.23 port 51514 ssh2",
			want: view{Format: RFC3164, Time: "2026-11-27T10:00:01Z", Host: "bastion-1", App: "sshd", ProcID: "2841",
				Msg: "Accepted password for alice from 198.51.100.23 port 51514 ssh2"},
		},
		{
			name: "sshd accepted publickey, IPv6, with a fingerprint",
			line: "Nov 27 10:00:02 bastion-1 sshd[2850]: Accepted publickey for deploy from 2001:db8:85a3::8a2e:370:7334 port 40022 ssh2: ED25519 SHA256:Xn1fB4mJx3RZ0pQe7q2c5bW8yTg9uKdLhVsA6oPiE0M",
			want: view{Format: RFC3164, Time: "2026-11-27T10:00:02Z", Host: "bastion-1", App: "sshd", ProcID: "2850",
				Msg: "Accepted publickey for deploy from 2001:db8:85a3::8a2e:370:7334 port 40022 ssh2: ED25519 SHA256:Xn1fB4mJx3RZ0pQe7q2c5bW8yTg9uKdLhVsA6oPiE0M"},
		},
		{
			name: "sshd failed password for an invalid user, single-digit day padded with a space",
			line: "Nov  3 04:12:55 web-02 sshd[1202]: Failed password for invalid user admin from 203.0.113.77 port 60111 ssh2",
			want: view{Format: RFC3164, Time: "2026-11-03T04:12:55Z", Host: "web-02", App: "sshd", ProcID: "1202",
				Msg: "Failed password for invalid user admin from 203.0.113.77 port 60111 ssh2"},
		},
		{
			name: "sshd failed publickey, IPv6 host name",
			line: "Nov 27 09:59:59 2001:db8::10 sshd[77]: Failed publickey for root from 2001:db8::dead:beef port 2222 ssh2: RSA SHA256:q0mZ4r",
			want: view{Format: RFC3164, Time: "2026-11-27T09:59:59Z", Host: "2001:db8::10", App: "sshd", ProcID: "77",
				Msg: "Failed publickey for root from 2001:db8::dead:beef port 2222 ssh2: RSA SHA256:q0mZ4r"},
		},
		{
			name: "sshd pam_unix with the two spaces before user=",
			line: "Nov 27 08:00:00 bastion-1 sshd[3001]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.9  user=bob",
			want: view{Format: RFC3164, Time: "2026-11-27T08:00:00Z", Host: "bastion-1", App: "sshd", ProcID: "3001",
				Msg: "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.9  user=bob"},
		},
		{
			name: "sudo without a pid, user padded with spaces",
			line: "Nov 27 11:00:00 db-1 sudo:      tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/tsg ; USER=root ; COMMAND=/bin/ls",
			want: view{Format: RFC3164, Time: "2026-11-27T11:00:00Z", Host: "db-1", App: "sudo",
				Msg: "     tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/tsg ; USER=root ; COMMAND=/bin/ls"},
		},
		{
			name: "su on Debian",
			line: "Nov 27 11:01:00 db-1 su[4410]: (to root) alice on pts/0",
			want: view{Format: RFC3164, Time: "2026-11-27T11:01:00Z", Host: "db-1", App: "su", ProcID: "4410", Msg: "(to root) alice on pts/0"},
		},
		{
			name: "su pam session with a ISO timestamp (RSYSLOG_FileFormat)",
			line: "2026-11-27T10:00:00.123456+01:00 db-1 su[4411]: pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)",
			want: view{Format: RFC3164, Time: "2026-11-27T10:00:00.123456+01:00", HasYear: true, HasZone: true, FracDigits: 6,
				Host: "db-1", App: "su", ProcID: "4411", Msg: "pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)"},
		},
		{
			name: "useradd",
			line: "Nov 27 11:02:00 db-1 useradd[4500]: new user: name=svc-backup, UID=995, GID=993, home=/var/lib/backup, shell=/sbin/nologin, from=/dev/pts/0",
			want: view{Format: RFC3164, Time: "2026-11-27T11:02:00Z", Host: "db-1", App: "useradd", ProcID: "4500",
				Msg: "new user: name=svc-backup, UID=995, GID=993, home=/var/lib/backup, shell=/sbin/nologin, from=/dev/pts/0"},
		},
		{
			name: "systemd-logind",
			line: "Nov 27 11:03:00 db-1 systemd-logind[812]: New session 12 of user alice.",
			want: view{Format: RFC3164, Time: "2026-11-27T11:03:00Z", Host: "db-1", App: "systemd-logind", ProcID: "812", Msg: "New session 12 of user alice."},
		},
		{
			name: "cron",
			line: "Nov 27 11:05:01 db-1 CRON[9001]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
			want: view{Format: RFC3164, Time: "2026-11-27T11:05:01Z", Host: "db-1", App: "CRON", ProcID: "9001", Msg: "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"},
		},
		{
			name: "kernel, no pid, bracketed uptime in the message",
			line: "Nov 27 11:06:00 db-1 kernel: [ 1234.567890] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
			want: view{Format: RFC3164, Time: "2026-11-27T11:06:00Z", Host: "db-1", App: "kernel", Msg: "[ 1234.567890] usb 1-1: new high-speed USB device number 2 using xhci_hcd"},
		},
		{
			name: "kernel firewall line with key=value text",
			line: "Nov 27 11:06:01 fw-1 kernel: IN=eth0 OUT= MAC=00:16:3e:00:00:01 SRC=203.0.113.5 DST=192.0.2.10 LEN=60 PROTO=TCP SPT=51000 DPT=22 SYN",
			want: view{Format: RFC3164, Time: "2026-11-27T11:06:01Z", Host: "fw-1", App: "kernel", Msg: "IN=eth0 OUT= MAC=00:16:3e:00:00:01 SRC=203.0.113.5 DST=192.0.2.10 LEN=60 PROTO=TCP SPT=51000 DPT=22 SYN"},
		},
		{
			name: "RFC 3164 with a priority (RFC example)",
			line: "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
			want: view{Format: RFC3164, HasPriority: true, Priority: 34, Time: "2026-10-11T22:14:15Z", Host: "mymachine", App: "su",
				Msg: "'su root' failed for lonvick on /dev/pts/8"},
		},
		{
			name: "RFC 3164 with a priority and an ISO timestamp (rsyslog forwarding)",
			line: "<86>2026-11-27T10:00:00.5Z bastion-1 sshd[1]: Connection closed by 192.0.2.1 port 1 [preauth]",
			want: view{Format: RFC3164, HasPriority: true, Priority: 86, Time: "2026-11-27T10:00:00.5Z", HasYear: true, HasZone: true, FracDigits: 1,
				Host: "bastion-1", App: "sshd", ProcID: "1", Msg: "Connection closed by 192.0.2.1 port 1 [preauth]"},
		},
		{
			name: "host left out",
			line: "Nov 27 11:07:00 sshd[12]: Server listening on :: port 22.",
			want: view{Format: RFC3164, Time: "2026-11-27T11:07:00Z", App: "sshd", ProcID: "12", Msg: "Server listening on :: port 22."},
		},
		{
			name: "no tag (old sysklogd repeat line)",
			line: "Nov 27 11:08:00 db-1 last message repeated 3 times",
			want: view{Format: RFC3164, Time: "2026-11-27T11:08:00Z", Host: "db-1", Msg: "last message repeated 3 times"},
		},
		{
			name: "macOS repeat line, no host, unpadded day",
			line: "Apr 4 03:39:57 --- last message repeated 1 time ---",
			want: view{Format: RFC3164, Time: "2026-04-04T03:39:57Z", Msg: "--- last message repeated 1 time ---"},
		},
		{
			name: "macOS tag with a space",
			line: "Nov 27 11:35:57 a-mac Google Chrome[85294]: objc[85294]: __weak variable at 0x60000a8499d0",
			want: view{Format: RFC3164, Time: "2026-11-27T11:35:57Z", Host: "a-mac", App: "Google Chrome", ProcID: "85294", Msg: "objc[85294]: __weak variable at 0x60000a8499d0"},
		},
		{
			name: "macOS launchd, pid without colon",
			line: "Nov 27 11:45:18 a-mac com.apple.xpc.launchd[1] (com.apple.quicklook[21498]): Endpoint has been activated",
			want: view{Format: RFC3164, Time: "2026-11-27T11:45:18Z", Host: "a-mac", App: "com.apple.xpc.launchd", ProcID: "1", Msg: "(com.apple.quicklook[21498]): Endpoint has been activated"},
		},
		{
			name: "tag with a slash, brackets later in the message",
			line: "Nov 27 11:10:00 mx-1 postfix/smtpd[1234]: connect from unknown[192.0.2.1]",
			want: view{Format: RFC3164, Time: "2026-11-27T11:10:00Z", Host: "mx-1", App: "postfix/smtpd", ProcID: "1234", Msg: "connect from unknown[192.0.2.1]"},
		},
		{
			name: "words and a colon are not a tag",
			line: "Nov 27 11:10:01 fw-1 Some message text: details [x]",
			want: view{Format: RFC3164, Time: "2026-11-27T11:10:01Z", Host: "fw-1", Msg: "Some message text: details [x]"},
		},
		{
			name: "colon without a space is not a tag",
			line: "Nov 27 11:10:02 fw-1 dst:443 allowed",
			want: view{Format: RFC3164, Time: "2026-11-27T11:10:02Z", Host: "fw-1", Msg: "dst:443 allowed"},
		},
		{
			name: "empty pid is not a tag",
			line: "Nov 27 11:10:03 fw-1 tag[]: x",
			want: view{Format: RFC3164, Time: "2026-11-27T11:10:03Z", Host: "fw-1", Msg: "tag[]: x"},
		},
		{
			name: "pid and colon without a space",
			line: "Nov 27 11:10:04 fw-1 tag[7]:x",
			want: view{Format: RFC3164, Time: "2026-11-27T11:10:04Z", Host: "fw-1", App: "tag", ProcID: "7", Msg: "x"},
		},
		{
			name: "ISO timestamp, host left out",
			line: "2026-11-27T10:00:00Z sshd[1]: x",
			want: view{Format: RFC3164, Time: "2026-11-27T10:00:00Z", HasYear: true, HasZone: true, App: "sshd", ProcID: "1", Msg: "x"},
		},
		{
			name: "tag and empty message",
			line: "Nov 27 11:09:00 db-1 anacron[5]:",
			want: view{Format: RFC3164, Time: "2026-11-27T11:09:00Z", Host: "db-1", App: "anacron", ProcID: "5"},
		},
		{
			name: "timestamp only",
			line: "Nov 27 11:09:00",
			want: view{Format: RFC3164, Time: "2026-11-27T11:09:00Z"},
		},
		{
			name: "fractional seconds and a zero-padded day in the traditional layout",
			line: "nov 07 11:09:00.250 switch-3 lldpd[7]: neighbour changed",
			want: view{Format: RFC3164, Time: "2026-11-07T11:09:00.25Z", FracDigits: 3, Host: "switch-3", App: "lldpd", ProcID: "7", Msg: "neighbour changed"},
		},
		{
			name: "ISO without an offset",
			line: "2019-06-14T10:40:20.912134 localhost sudo: pam_unix(sudo-i:session): session opened for user root by userauth3(uid=0)",
			want: view{Format: RFC3164, Time: "2019-06-14T10:40:20.912134Z", HasYear: true, FracDigits: 6, Host: "localhost", App: "sudo",
				Msg: "pam_unix(sudo-i:session): session opened for user root by userauth3(uid=0)"},
		},
		{
			name: "ISO with a half-hour offset",
			line: "2019-06-14T13:01:15.412+01:30 localhost pam: user nobody logged out.",
			want: view{Format: RFC3164, Time: "2019-06-14T13:01:15.412+01:30", HasYear: true, HasZone: true, FracDigits: 3, Host: "localhost", App: "pam", Msg: "user nobody logged out."},
		},
		{
			name: "journalctl short-iso, offset without a colon",
			line: "2026-11-27T10:00:00+0100 db-1 systemd[1]: Started Session 12 of User alice.",
			want: view{Format: RFC3164, Time: "2026-11-27T10:00:00+01:00", HasYear: true, HasZone: true, Host: "db-1", App: "systemd", ProcID: "1", Msg: "Started Session 12 of User alice."},
		},
		{
			name: "RFC 5424 example with structured data and a BOM",
			line: `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] ` + "\ufeffAn application event log entry...",
			want: view{Format: RFC5424, HasPriority: true, Priority: 165, Version: 1, Time: "2003-10-11T22:14:15.003Z", HasYear: true, HasZone: true, FracDigits: 3,
				Host: "mymachine.example.com", App: "evntslog", MsgID: "ID47",
				SD:  `[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]`,
				Msg: "An application event log entry..."},
		},
		{
			name: "RFC 5424 sshd with escapes in values and three elements",
			line: `<38>1 2026-11-27T10:00:00.123456+01:00 bastion-1 sshd 2841 auth [origin ip="198.51.100.23" software="OpenSSH"][meta sequenceId="17" sysUpTime="3600"][x@32473 note="said \"hi\" [ok\]" path="C:\\tmp\x"] Accepted publickey for alice`,
			want: view{Format: RFC5424, HasPriority: true, Priority: 38, Version: 1, Time: "2026-11-27T10:00:00.123456+01:00", HasYear: true, HasZone: true, FracDigits: 6,
				Host: "bastion-1", App: "sshd", ProcID: "2841", MsgID: "auth",
				SD:  `[origin ip="198.51.100.23" software="OpenSSH"][meta sequenceId="17" sysUpTime="3600"][x@32473 note="said \"hi\" [ok\]" path="C:\\tmp\x"]`,
				Msg: "Accepted publickey for alice"},
		},
		{
			name: "RFC 5424 all nil, no message",
			line: "<0>1 - - - - - -",
			want: view{Format: RFC5424, HasPriority: true, Version: 1},
		},
		{
			name: "RFC 5424 nil structured data and a message",
			line: "<191>1 2026-11-27T10:00:00-05:00 host app - - - hello world",
			want: view{Format: RFC5424, HasPriority: true, Priority: 191, Version: 1, Time: "2026-11-27T10:00:00-05:00", HasYear: true, HasZone: true,
				Host: "host", App: "app", Msg: "hello world"},
		},
		{
			name: "RFC 5424 element without parameters, empty message after the space",
			line: "<13>1 2026-11-27T10:00:00Z host app 1 - [timeQuality] ",
			want: view{Format: RFC5424, HasPriority: true, Priority: 13, Version: 1, Time: "2026-11-27T10:00:00Z", HasYear: true, HasZone: true,
				Host: "host", App: "app", ProcID: "1", SD: "[timeQuality]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.line), Options{Reference: ref})
			require.NoError(t, err)
			assert.Equal(t, tt.want, viewOf(m))
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"", `offset 0: expected a priority such as "<13>" or a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{"hello world", `offset 0: expected a priority such as "<13>" or a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{`{"message":"json"}`, `offset 0: expected a priority such as "<13>" or a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{" Nov 27 10:00:00 host", `offset 0: expected a priority such as "<13>" or a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{"<13>Foo 27 10:00:00 host app: x", `offset 4: expected a month name such as "Nov"`},
		{"<13> Nov 27 10:00:00 host", `offset 4: expected a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{"<13>", `offset 4: expected a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`},
		{"<", `offset 1: expected a priority of 1 to 3 digits after "<"`},
		{"<x>Nov 27 10:00:00 host", `offset 1: expected a priority of 1 to 3 digits after "<"`},
		{"<1234>Nov 27 10:00:00 host", `offset 4: expected ">" to close the priority`},
		{"<13Nov 27 10:00:00 host", `offset 3: expected ">" to close the priority`},
		{"<192>Nov 27 10:00:00 host", `offset 1: expected a priority from 0 to 191`},
		{"<13>2 2026-11-27T10:00:00Z host app - - -", `offset 4: expected syslog protocol version 1`},
		{"<13>01 2026-11-27T10:00:00Z host app - - -", `offset 4: expected syslog protocol version 1`},
		{"Nov27 10:00:00 host", `offset 3: expected a space after the month`},
		{"Nov 32 10:00:00 host", `offset 4: expected a day of the month from 1 to 31`},
		{"Nov 0 10:00:00 host", `offset 4: expected a day of the month from 1 to 31`},
		{"Nov 31 10:00:00 host", `offset 4: expected a day that exists in November`},
		{"Nov  x 10:00:00 host", `offset 5: expected a day of the month from 1 to 31`},
		{"Nov 27 2026 10:00:00 host", `offset 9: expected ":" after the hour`},
		{"Nov 27x10:00:00 host", `offset 6: expected a space after the day`},
		{"Nov 27  10:00:00 host", `offset 7: expected an hour from 00 to 23`},
		{"Nov 27 24:00:00 host", `offset 7: expected an hour from 00 to 23`},
		{"Nov 27 1:00:00 host", `offset 7: expected an hour from 00 to 23`},
		{"Nov 27 10:60:00 host", `offset 10: expected minutes from 00 to 59`},
		{"Nov 27 10:00:61 host", `offset 13: expected seconds from 00 to 60`},
		{"Nov 27 10:00 host", `offset 12: expected ":" after the minutes`},
		{"Nov 27 10:00:00. host", `offset 16: expected fractional seconds after "."`},
		{"Nov 27 10:00:00host", `offset 15: expected a space after the timestamp`},
		{"2026-11-27 10:00:00 host", `offset 10: expected "T" between the date and the time`},
		{"2026-13-01T10:00:00Z host", `offset 5: expected a month from 01 to 12`},
		{"2026-02-29T10:00:00Z host", `offset 8: expected a day that exists in that month`},
		{"26-11-27T10:00:00Z host", `offset 0: expected a four-digit year`},
		{"2026/11/27T10:00:00Z host", `offset 4: expected "-" after the year`},
		{"2026-11-27T10:00:00+25:00 host", `offset 20: expected a UTC offset hour from 00 to 23`},
		{"2026-11-27T10:00:00+01:7 host", `offset 23: expected UTC offset minutes from 00 to 59`},
		{"2026-11-27T10:00:00+01 host", `offset 22: expected UTC offset minutes from 00 to 59`},
		{"2026-11-27T10:00:00Zhost", `offset 20: expected a space after the timestamp`},
		{"<13>1 2026-11-27T10:00:00 host app - - -", `offset 25: expected a UTC offset such as "Z" or "+01:00"`},
		{"<13>1 Nov 27 10:00:00 host app - - -", `offset 6: expected a four-digit year`},
		{"<13>1 -", `offset 7: expected a space after the timestamp`},
		{"<13>1 - ", `offset 8: expected a host name or "-"`},
		{"<13>1 -  app - - -", `offset 8: expected a host name or "-"`},
		{"<13>1 - host", `offset 12: expected a space after the host name`},
		{"<13>1 - host\x01 app - - -", `offset 12: expected a space after the host name`},
		{"<13>1 - host ", `offset 13: expected an app name or "-"`},
		{"<13>1 - host app ", `offset 17: expected a process id or "-"`},
		{"<13>1 - host app 1 ", `offset 19: expected a message id or "-"`},
		{"<13>1 - host app 1 id", `offset 21: expected a space after the message id`},
		{"<13>1 - host app 1 id ", `offset 22: expected structured data: "[" or "-"`},
		{"<13>1 - host app 1 id hello", `offset 22: expected structured data: "[" or "-"`},
		{"<13>1 - host app 1 id -hello", `offset 23: expected a space or the end of the line after the structured data`},
		{"<13>1 - host app 1 id []", `offset 23: expected an SD-ID after "["`},
		{"<13>1 - host app 1 id [a", `offset 24: expected "]" to close the structured data element`},
		{"<13>1 - host app 1 id [a ]", `offset 25: expected a parameter name`},
		{"<13>1 - host app 1 id [a b]", `offset 26: expected "=" after the parameter name`},
		{"<13>1 - host app 1 id [a b=c]", `offset 27: expected '"' to open the parameter value`},
		{`<13>1 - host app 1 id [a b="c\"]`, `offset 27: expected a closing '"' for the parameter value that opens here`},
		{`<13>1 - host app 1 id [a b="c"d]`, `offset 30: expected a space and a parameter, or "]"`},
		{`<13>1 - host app 1 id [a b="c"  d="e"]`, `offset 31: expected a parameter name`},
		{`<13>1 - host app 1 id [a b="c"]x`, `offset 31: expected a space or the end of the line after the structured data`},
		{`<13>1 - host app 1 id [a=b]`, `offset 24: expected a space and a parameter, or "]"`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			m, err := Parse([]byte(tt.line), Options{Reference: ref})
			require.Error(t, err, "parsed as %+v", viewOf(m))
			assert.Equal(t, tt.want, err.Error())
			var pe *Error
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, Message{}, m)
		})
	}
}

func TestYearInference(t *testing.T) {
	utc := time.UTC
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name      string
		line      string
		ref       time.Time
		loc       *time.Location
		maxFuture time.Duration
		want      time.Time
	}{
		{"same year", "Feb 21 21:54:44 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, 0, time.Date(2026, 2, 21, 21, 54, 44, 0, utc)},
		{"Dec 31 read on Jan 1 is last year", "Dec 31 23:59:59 h a: m", time.Date(2027, 1, 1, 0, 0, 5, 0, utc), nil, 0, time.Date(2026, 12, 31, 23, 59, 59, 0, utc)},
		{"Jan 1 read on Dec 31 is next year", "Jan  1 00:00:10 h a: m", time.Date(2026, 12, 31, 23, 59, 0, 0, utc), nil, 0, time.Date(2027, 1, 1, 0, 0, 10, 0, utc)},
		{"a few days ahead is this year", "Mar 10 00:00:00 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, 0, time.Date(2026, 3, 10, 0, 0, 0, 0, utc)},
		{"over the window is last year", "Apr  5 00:00:00 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, 0, time.Date(2025, 4, 5, 0, 0, 0, 0, utc)},
		{"window of one day", "Mar  3 00:00:00 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, 24 * time.Hour, time.Date(2025, 3, 3, 0, 0, 0, 0, utc)},
		{"no window: one second ahead is last year", "Mar  1 00:00:01 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, -1, time.Date(2025, 3, 1, 0, 0, 1, 0, utc)},
		{"no window: equal to the reference", "Mar  1 00:00:00 h a: m", time.Date(2026, 3, 1, 0, 0, 0, 0, utc), nil, -1, time.Date(2026, 3, 1, 0, 0, 0, 0, utc)},
		{"Feb 29 goes back to a leap year", "Feb 29 12:00:00 h a: m", time.Date(2027, 3, 1, 0, 0, 0, 0, utc), nil, 0, time.Date(2024, 2, 29, 12, 0, 0, 0, utc)},
		{"Feb 29 in a leap reference year", "Feb 29 12:00:00 h a: m", time.Date(2028, 3, 1, 0, 0, 0, 0, utc), nil, 0, time.Date(2028, 2, 29, 12, 0, 0, 0, utc)},
		// 2027-01-01T05:00 in Tokyo is 2026-12-31T20:00Z: the year is
		// taken in the line's zone, not the reference's.
		{"year of the reference in the line's zone", "Dec 31 23:00:00 h a: m", time.Date(2026, 12, 31, 20, 0, 0, 0, utc), tokyo, 0, time.Date(2026, 12, 31, 23, 0, 0, 0, tokyo)},
		{"Jan 1 in Tokyo with a UTC reference on Dec 31", "Jan  1 00:30:00 h a: m", time.Date(2026, 12, 31, 15, 30, 0, 0, utc), tokyo, -1, time.Date(2027, 1, 1, 0, 30, 0, 0, tokyo)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.line), Options{Reference: tt.ref, Location: tt.loc, MaxFuture: tt.maxFuture})
			require.NoError(t, err)
			assert.False(t, m.HasYear)
			assert.True(t, tt.want.Equal(m.Timestamp), "got %v, want %v", m.Timestamp, tt.want)
			assert.Equal(t, tt.want.Location(), m.Timestamp.Location())
		})
	}
}

// In a zone with daylight saving time the year still changes exactly at
// the limit.
func TestYearInferenceDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	line := []byte("Jul  4 12:00:00 h a: m")
	for _, tt := range []struct {
		ref  time.Time
		want int
	}{
		{time.Date(2026, 7, 4, 16, 0, 0, 0, time.UTC), 2026}, // 12:00 EDT: equal to the limit
		{time.Date(2026, 7, 4, 15, 59, 59, 0, time.UTC), 2025},
	} {
		m, err := Parse(line, Options{Reference: tt.ref, Location: ny, MaxFuture: -1})
		require.NoError(t, err)
		assert.Equal(t, time.Date(tt.want, 7, 4, 12, 0, 0, 0, ny), m.Timestamp)
	}
}

func TestReferenceDefaultsToNow(t *testing.T) {
	now := time.Now().UTC()
	line := now.Format("Jan _2 15:04:05") + " host app: x"
	m, err := Parse([]byte(line), Options{})
	require.NoError(t, err)
	assert.Equal(t, now.Truncate(time.Second), m.Timestamp)
}

func TestZoneOffsets(t *testing.T) {
	for _, tt := range []struct {
		ts     string
		offset int
	}{
		{"2026-11-27T10:00:00Z", 0},
		{"2026-11-27T10:00:00z", 0},
		{"2026-11-27T10:00:00+00:00", 0},
		{"2026-11-27T10:00:00-00:00", 0},
		{"2026-11-27T10:00:00+05:45", 5*3600 + 45*60},
		{"2026-11-27T10:00:00-0930", -(9*3600 + 30*60)},
		{"2026-11-27T10:00:00+14:00", 14 * 3600},
		{"2026-11-27T10:00:00-12:00", -12 * 3600},
		{"2026-11-27T10:00:00+23:59", 23*3600 + 59*60}, // not a quarter hour: allocates its zone
	} {
		m, err := Parse([]byte(ts(tt.ts)), Options{})
		require.NoError(t, err, tt.ts)
		_, off := m.Timestamp.Zone()
		assert.Equal(t, tt.offset, off, tt.ts)
		assert.Equal(t, 10, m.Timestamp.Hour(), tt.ts)
		assert.True(t, m.HasZone)
	}
	m, err := Parse([]byte("2026-11-27T10:00:00 host app: x"), Options{Location: time.FixedZone("CET", 3600)})
	require.NoError(t, err)
	assert.Equal(t, "2026-11-27T10:00:00+01:00", m.Timestamp.Format(time.RFC3339))
	assert.False(t, m.HasZone)
}

func ts(s string) string { return s + " host app: x" }

func TestFractionalDigits(t *testing.T) {
	m, err := Parse([]byte("2026-11-27T10:00:00.123456789123Z host app: x"), Options{})
	require.NoError(t, err)
	assert.Equal(t, 123456789, m.Timestamp.Nanosecond())
	assert.Equal(t, 9, m.FracDigits)
	m, err = Parse([]byte("<13>1 2026-11-27T10:00:00.000001Z host app - - -"), Options{})
	require.NoError(t, err)
	assert.Equal(t, 1000, m.Timestamp.Nanosecond())
	assert.Equal(t, 6, m.FracDigits)
}

func TestPriorityNames(t *testing.T) {
	for _, tt := range []struct {
		pri      Priority
		facility string
		severity string
	}{
		{0, "kern", "emerg"},
		{13, "user", "notice"},
		{34, "auth", "crit"},
		{38, "auth", "info"},
		{86, "authpriv", "info"},
		{83, "authpriv", "err"},
		{12, "user", "warning"},
		{78, "cron", "info"},
		{111, "log-audit", "debug"},
		{191, "local7", "debug"},
	} {
		assert.Equal(t, tt.facility, tt.pri.Facility().String(), "priority %d", tt.pri)
		assert.Equal(t, tt.severity, tt.pri.Severity().String(), "priority %d", tt.pri)
	}
	assert.Equal(t, FacilityLocal4, Priority(165).Facility())
	assert.Equal(t, SeverityNotice, Priority(165).Severity())
	assert.Equal(t, "Severity(8)", Severity(8).String())
	assert.Equal(t, "Facility(24)", Facility(24).String())
	assert.Equal(t, "RFC3164", RFC3164.String())
	assert.Equal(t, "RFC5424", RFC5424.String())
	assert.Equal(t, "Format(0)", Format(0).String())
}

// The fields alias the line and cannot be appended into it.
func TestFieldsAliasLine(t *testing.T) {
	line := []byte("Nov 27 10:00:01 bastion-1 sshd[2841]: Accepted password for alice")
	m, err := Parse(line, Options{Reference: ref})
	require.NoError(t, err)
	assert.Same(t, &line[16], &m.Hostname[0])
	assert.Same(t, &line[len(line)-len(m.Msg)], &m.Msg[0])
	_ = append(m.AppName, 'X')
	assert.Equal(t, "sshd[2841]", string(line[26:36]))
}

func TestParseAllocations(t *testing.T) {
	lines := [][]byte{
		[]byte("Nov 27 10:00:01 bastion-1 sshd[2841]: Accepted password for alice from 198.51.100.23 port 51514 ssh2"),
		[]byte("2026-11-27T10:00:00.123456+01:00 db-1 su[4411]: pam_unix(su-l:session): session opened for user root"),
		[]byte(`<38>1 2026-11-27T10:00:00.123456-05:00 bastion-1 sshd 2841 auth [origin ip="198.51.100.23"][x@1 note="a \"b\""] Accepted`),
	}
	opt := Options{Reference: ref, Location: time.FixedZone("CET", 3600)}
	var buf []byte
	for _, line := range lines {
		allocs := testing.AllocsPerRun(100, func() {
			m, err := Parse(line, opt)
			if err != nil {
				t.Fatal(err)
			}
			for e := range m.StructuredData.Elements() {
				for p := range e.Params() {
					buf = p.AppendValue(buf[:0])
				}
			}
		})
		assert.Zero(t, allocs, "%s", line)
	}
}
