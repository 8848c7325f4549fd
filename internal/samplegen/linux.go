package samplegen

import (
	"math/rand/v2"
	"strconv"
)

// LinuxSecure returns n lines of a Linux authentication log
// (/var/log/secure, auth.log) as a file holds them, uncompressed: sshd
// logins accepted and failed (password and public key, IPv4 and IPv6,
// invalid users, logins AllowUsers refused, PAM failure summaries),
// disconnects and resets, pam_unix sessions, sudo, su, useradd and
// groupadd, systemd-logind and cron lines, in the traditional year-less
// layout, with one line in eight in rsyslog's ISO layout.
func LinuxSecure(n int) []byte {
	rng := rand.New(rand.NewPCG(0x5ec0, 0x11e))
	b := make([]byte, 0, n*130)
	users := []string{"alice", "bob", "carol", "ec2-user", "deploy", "root", "admin", "oracle"}
	hosts := []string{"bastion-1", "ip-10-0-1-15", "web-3", "db-2"}
	addr := func(dst []byte) []byte {
		if rng.IntN(4) == 0 {
			dst = append(dst, "2001:db8:ffff::"...)
			return strconv.AppendInt(dst, int64(1+rng.IntN(0xfffe)), 16)
		}
		dst = append(dst, "198.51.100."...)
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}
	sec := 0
	for range n {
		sec += rng.IntN(4)
		if rng.IntN(8) == 0 {
			b = append(b, "2026-11-27T"...)
			b = appendClock(b, sec)
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(100000+rng.IntN(900000)), 10)
			b = append(b, "+00:00 "...)
		} else {
			b = append(b, "Nov 27 "...)
			b = appendClock(b, sec)
			b = append(b, ' ')
		}
		b = append(b, hosts[rng.IntN(len(hosts))]...)
		user := users[rng.IntN(len(users))]
		pid := int64(1000 + rng.IntN(60000))
		proc := func(name string) {
			b = append(b, ' ')
			b = append(b, name...)
			b = append(b, '[')
			b = strconv.AppendInt(b, pid, 10)
			b = append(b, "]: "...)
		}
		port := func() {
			b = append(b, " port "...)
			b = strconv.AppendInt(b, int64(1024+rng.IntN(64000)), 10)
		}
		switch k := rng.IntN(100); {
		case k < 20:
			proc("sshd")
			switch rng.IntN(8) {
			case 0:
				b = append(b, "PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost="...)
				b = addr(b)
				b = append(b, "  user="...)
				b = append(b, user...)
			case 1:
				b = append(b, "User "...)
				b = append(b, user...)
				b = append(b, " from "...)
				b = addr(b)
				b = append(b, " not allowed because not listed in AllowUsers"...)
			default:
				b = append(b, "Failed password for "...)
				if rng.IntN(2) == 0 {
					b = append(b, "invalid user "...)
				}
				b = append(b, user...)
				b = append(b, " from "...)
				b = addr(b)
				port()
				b = append(b, " ssh2"...)
			}
		case k < 30:
			proc("sshd")
			b = append(b, "Accepted publickey for "...)
			b = append(b, user...)
			b = append(b, " from "...)
			b = addr(b)
			port()
			b = append(b, " ssh2: ED25519 SHA256:Xn1fB4mJx3RZ0pQe7q2c5bW8yTg9uKdLhVsA6oPiE0M"...)
		case k < 35:
			proc("sshd")
			b = append(b, "Accepted password for "...)
			b = append(b, user...)
			b = append(b, " from "...)
			b = addr(b)
			port()
			b = append(b, " ssh2"...)
		case k < 45:
			proc("sshd")
			b = append(b, "Invalid user "...)
			b = append(b, user...)
			b = append(b, " from "...)
			b = addr(b)
			port()
		case k < 55:
			proc("sshd")
			switch rng.IntN(3) {
			case 0:
				b = append(b, "Connection closed by authenticating user "...)
				b = append(b, user...)
				b = append(b, ' ')
			case 1:
				b = append(b, "Connection reset by "...)
			default:
				b = append(b, "Disconnected from user "...)
				b = append(b, user...)
				b = append(b, ' ')
			}
			b = addr(b)
			port()
			b = append(b, " [preauth]"...)
		case k < 65:
			proc("sshd")
			if rng.IntN(2) == 0 {
				b = append(b, "pam_unix(sshd:session): session opened for user "...)
				b = append(b, user...)
				b = append(b, "(uid=1000) by (uid=0)"...)
			} else {
				b = append(b, "pam_unix(sshd:session): session closed for user "...)
				b = append(b, user...)
			}
		case k < 75:
			b = append(b, " sudo: "...)
			b = append(b, user...)
			b = append(b, " : TTY=pts/"...)
			b = strconv.AppendInt(b, int64(rng.IntN(8)), 10)
			b = append(b, " ; PWD=/home/"...)
			b = append(b, user...)
			b = append(b, " ; USER=root ; COMMAND=/usr/bin/systemctl restart app@"...)
			b = strconv.AppendInt(b, int64(rng.IntN(10)), 10)
		case k < 80:
			proc("su")
			b = append(b, "(to root) "...)
			b = append(b, user...)
			b = append(b, " on pts/1"...)
		case k < 85:
			proc("systemd-logind")
			b = append(b, "New session "...)
			b = strconv.AppendInt(b, int64(rng.IntN(5000)), 10)
			b = append(b, " of user "...)
			b = append(b, user...)
			b = append(b, '.')
		case k < 92:
			proc("CROND")
			b = append(b, "("...)
			b = append(b, user...)
			b = append(b, ") CMD (run-parts /etc/cron.hourly)"...)
		case k < 96:
			proc("useradd")
			b = append(b, "new user: name="...)
			b = append(b, user...)
			b = append(b, ", UID=1005, GID=1005, home=/home/"...)
			b = append(b, user...)
			b = append(b, ", shell=/bin/bash"...)
		default:
			proc("polkitd")
			b = append(b, "Registered Authentication Agent for unix-process:"...)
			b = strconv.AppendInt(b, pid, 10)
		}
		b = append(b, '\n')
	}
	return b
}

func appendClock(b []byte, sec int) []byte {
	sec %= 86400
	for i, v := range [3]int{sec / 3600, sec / 60 % 60, sec % 60} {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return b
}
