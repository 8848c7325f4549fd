package linux

import (
	"net/netip"
	"strings"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// The event.category and event.type values used, as shared slices so that
// setting them does not allocate.
var (
	catAuthentication = []string{"authentication"}
	catAuthSession    = []string{"authentication", "session"}
	catSession        = []string{"session"}
	catNetwork        = []string{"network"}
	catProcess        = []string{"process"}
	catIAM            = []string{"iam"}

	typeStart           = []string{"start"}
	typeEnd             = []string{"end"}
	typeInfo            = []string{"info"}
	typeDenied          = []string{"denied"}
	typeConnection      = []string{"connection"}
	typeConnectionStart = []string{"connection", "start"}
	typeConnectionEnd   = []string{"connection", "end"}
	typeUserCreation    = []string{"user", "creation"}
	typeUserDeletion    = []string{"user", "deletion"}
	typeUserChange      = []string{"user", "change"}
	typeGroupCreation   = []string{"group", "creation"}
	typeGroupDeletion   = []string{"group", "deletion"}
	typeGroupChange     = []string{"group", "change"}
	typeMembership      = []string{"user", "group", "change"}
)

const (
	success = "success"
	failure = "failure"
)

// classify sets event.action, event.category, event.type and
// event.outcome ("" leaves the outcome out).
func classify(ev *ecs.Event, action string, category, typ []string, outcome string) {
	ev.Keyword("event.action", action)
	ev.Keywords("event.category", category...)
	ev.Keywords("event.type", typ...)
	ev.Keyword("event.outcome", outcome)
}

// interpret reads the message of the programs whose lines it knows and
// sets what they say; any other message is left as it is.
func interpret(app, msg string, ev *ecs.Event, f *facts) {
	// rsyslog folds repeated lines into one:
	// "message repeated 3 times: [ Failed password for root from ...]".
	if rest, ok := strings.CutPrefix(msg, "message repeated "); ok {
		if _, inner, ok := strings.Cut(rest, ": [ "); ok {
			msg = strings.TrimSuffix(inner, "]")
		}
	}
	switch app {
	case "sshd", "sshd-session", "sshd-auth":
		sshd(msg, ev, f)
	case "sudo":
		sudo(msg, ev, f)
	case "su":
		su(msg, ev, f)
	case "useradd", "userdel", "usermod", "groupadd", "groupdel", "groupmod", "passwd", "chpasswd", "gpasswd", "chage":
		shadow(app, msg, ev, f)
	case "systemd-logind":
		logind(msg, ev, f)
	case "CRON", "CROND", "cron", "crond":
		cron(msg, ev, f)
	case "kernel":
		firewall(msg, ev, f)
	default:
		pam(msg, ev, f)
	}
}

// sshd reads OpenSSH's messages (OpenSSH 9.8 and later log them as
// sshd-session).
func sshd(msg string, ev *ecs.Event, f *facts) {
	switch {
	case strings.HasPrefix(msg, "Accepted "), strings.HasPrefix(msg, "Failed "):
		if sshLogin(msg, ev, f) {
			return
		}
	case strings.HasPrefix(msg, "Invalid user "), strings.HasPrefix(msg, "invalid user "):
		rest := msg[len("Invalid user "):]
		if i := strings.LastIndex(rest, " from "); i >= 0 {
			user := rest[:i]
			sourceAddrPort(ev, f, rest[i+len(" from "):])
			ev.Keyword("user.name", user)
			f.user(user)
			ev.Keyword("system.auth.ssh.event", "Invalid")
			classify(ev, "ssh_login", catAuthentication, typeInfo, failure)
			return
		}
	case strings.HasPrefix(msg, "Connection closed by "):
		if sshPeer(msg[len("Connection closed by "):], ev, f) {
			classify(ev, "ssh_connection_closed", catNetwork, typeConnectionEnd, "")
			return
		}
	case strings.HasPrefix(msg, "Connection reset by "):
		if sshPeer(msg[len("Connection reset by "):], ev, f) {
			classify(ev, "ssh_connection_reset", catNetwork, typeConnectionEnd, "")
			return
		}
	case strings.HasPrefix(msg, "Disconnected from "):
		rest := msg[len("Disconnected from "):]
		if sshPeer(rest, ev, f) {
			if strings.HasPrefix(rest, "user ") {
				// After authentication: the user's session ends.
				classify(ev, "ssh_disconnected", catSession, typeEnd, "")
			} else {
				classify(ev, "ssh_disconnected", catNetwork, typeConnectionEnd, "")
			}
			return
		}
	case strings.HasPrefix(msg, "Disconnecting "):
		if sshPeer(msg[len("Disconnecting "):], ev, f) {
			classify(ev, "ssh_disconnecting", catNetwork, typeConnectionEnd, "")
			return
		}
	case strings.HasPrefix(msg, "Received disconnect from "):
		if sshPeer(msg[len("Received disconnect from "):], ev, f) {
			classify(ev, "ssh_disconnect_received", catNetwork, typeConnectionEnd, "")
			return
		}
	case strings.HasPrefix(msg, "Connection from "):
		// "Connection from 198.51.100.7 port 50022 on 10.0.1.5 port 22"
		// (LogLevel VERBOSE, and sshd -D -e).
		rest := msg[len("Connection from "):]
		src, dst, _ := strings.Cut(rest, " on ")
		if sourceAddrPort(ev, f, src) {
			if a, p, ok := addrPort(dst); ok {
				if ip, ok := parser.ParseAddrDropZone([]byte(a)); ok {
					ev.IP("destination.ip", ip)
					f.ip(ip)
					port(ev, "destination.port", p)
				}
			}
			classify(ev, "ssh_connection", catNetwork, typeConnectionStart, "")
			return
		}
	case strings.HasPrefix(msg, "Did not receive identification string from "):
		rest := msg[len("Did not receive identification string from "):]
		if sourceAddrPort(ev, f, rest) {
			a, _, _ := addrPort(rest)
			if ip, ok := hostOrAddr(a); ok && ip.IsValid() {
				ev.IP("system.auth.ssh.dropped_ip", ip)
			}
		}
		classify(ev, "ssh_no_identification", catNetwork, typeConnection, failure)
		return
	case strings.HasPrefix(msg, "Unable to negotiate with "):
		if sourceAddrPort(ev, f, msg[len("Unable to negotiate with "):]) {
			classify(ev, "ssh_negotiation_failed", catNetwork, typeConnection, failure)
			return
		}
	case strings.HasPrefix(msg, "error: maximum authentication attempts exceeded for "):
		rest := msg[len("error: maximum authentication attempts exceeded for "):]
		if i := strings.LastIndex(rest, " from "); i >= 0 {
			user := strings.TrimPrefix(rest[:i], "invalid user ")
			ev.Keyword("user.name", user)
			f.user(user)
			sourceAddrPort(ev, f, rest[i+len(" from "):])
			classify(ev, "ssh_max_auth_attempts", catAuthentication, typeInfo, failure)
			return
		}
	case strings.HasPrefix(msg, "error: PAM: "):
		// "error: PAM: Authentication failure for [illegal user ]U from HOST"
		// "error: PAM: User not known to the underlying authentication
		// module for illegal user U from HOST"
		rest := msg[len("error: PAM: "):]
		if _, after, ok := strings.Cut(rest, " for "); ok {
			if i := strings.LastIndex(after, " from "); i >= 0 {
				user := strings.TrimPrefix(after[:i], "illegal user ")
				ev.Keyword("user.name", user)
				f.user(user)
				source(ev, f, after[i+len(" from "):])
				classify(ev, "ssh_login", catAuthentication, typeInfo, failure)
				return
			}
		}
	case strings.HasPrefix(msg, "User ") && strings.Contains(msg, " not allowed because "):
		// "User root from 192.0.2.4 not allowed because not listed in
		// AllowUsers" (also DenyUsers, AllowGroups, DenyGroups, a locked
		// account, a missing shell): sshd refused the login.
		who, _, _ := strings.Cut(msg[len("User "):], " not allowed because ")
		if user, from, ok := strings.Cut(who, " from "); ok && user != "" && !strings.Contains(user, " ") {
			ev.Keyword("user.name", user)
			f.user(user)
			source(ev, f, from)
			classify(ev, "ssh_login", catAuthentication, typeInfo, failure)
			return
		}
	case strings.HasPrefix(msg, "PAM ") && strings.Contains(msg, " more authentication failure"):
		// "PAM 2 more authentication failures; logname= uid=0 euid=0
		// tty=ssh ruser= rhost=192.0.2.5  user=root": the failures sshd
		// did not log one by one.
		if _, fields, ok := strings.Cut(msg, ";"); ok {
			authFailure(fields, ev, f)
			return
		}
	case strings.HasPrefix(msg, "reverse mapping checking getaddrinfo for "):
		// "... for HOST [ADDR] failed - POSSIBLE BREAK-IN ATTEMPT!"
		rest := msg[len("reverse mapping checking getaddrinfo for "):]
		if host, after, ok := strings.Cut(rest, " ["); ok {
			if a, _, ok := strings.Cut(after, "]"); ok {
				if ip, ok := parser.ParseAddrDropZone([]byte(a)); ok {
					ev.IP("source.ip", ip)
					f.ip(ip)
				}
				ev.Keyword("source.domain", host)
				f.host(host)
				classify(ev, "ssh_reverse_mapping_failed", catNetwork, typeInfo, "")
				return
			}
		}
	case strings.HasPrefix(msg, "pam_"):
		pam(msg, ev, f)
		return
	}
	// Any other message naming a peer: "... from ADDR port PORT ...".
	if i := strings.Index(msg, " from "); i >= 0 {
		rest := msg[i+len(" from "):]
		a, _, _ := strings.Cut(rest, " ")
		if ip, ok := parser.ParseAddrDropZone([]byte(a)); ok {
			ev.IP("source.ip", ip)
			f.ip(ip)
			if p, ok := strings.CutPrefix(rest[len(a):], " port "); ok {
				p, _, _ = strings.Cut(p, " ")
				port(ev, "source.port", strings.TrimRight(p, ":;,."))
			}
		}
	}
}

// sshLogin reads "(Accepted|Failed) METHOD for [invalid user ]USER from
// ADDR port PORT ssh2[: SIGNATURE]".
func sshLogin(msg string, ev *ecs.Event, f *facts) bool {
	verb, rest, _ := strings.Cut(msg, " ")
	method, rest, _ := strings.Cut(rest, " ")
	rest, ok := strings.CutPrefix(rest, "for ")
	if !ok || method == "" {
		return false
	}
	i := strings.LastIndex(rest, " from ")
	if i < 0 {
		return false
	}
	user := rest[:i]
	user = strings.TrimPrefix(user, "invalid user ")
	tail := rest[i+len(" from "):]
	if !sourceAddrPort(ev, f, tail) {
		return false
	}
	if _, sig, ok := strings.Cut(tail, ": "); ok {
		ev.Keyword("system.auth.ssh.signature", sig)
	}
	ev.Keyword("user.name", user)
	f.user(user)
	ev.Keyword("system.auth.ssh.event", verb)
	ev.Keyword("system.auth.ssh.method", method)
	if verb == "Accepted" {
		classify(ev, "ssh_login", catAuthSession, typeStart, success)
	} else {
		classify(ev, "ssh_login", catAuthentication, typeInfo, failure)
	}
	return true
}

// sshPeer reads "[authenticating user U |invalid user U |user U ]ADDR[ port
// PORT][...]" and sets the user and source it names.
func sshPeer(rest string, ev *ecs.Event, f *facts) bool {
	for _, p := range [...]string{"authenticating user ", "invalid user ", "user "} {
		if after, ok := strings.CutPrefix(rest, p); ok {
			// A user name cannot hold a space; "invalid user  ADDR" has an
			// empty one.
			user, after, ok := strings.Cut(after, " ")
			if !ok {
				return false
			}
			ev.Keyword("user.name", user)
			f.user(user)
			rest = after
			break
		}
	}
	return sourceAddrPort(ev, f, rest)
}

// sourceAddrPort reads "ADDR[ port PORT]..." into source.*; false when
// ADDR is neither an address nor a host name.
func sourceAddrPort(ev *ecs.Event, f *facts, s string) bool {
	a, p, _ := addrPort(s)
	if _, ok := hostOrAddr(a); !ok {
		return false
	}
	source(ev, f, a)
	port(ev, "source.port", p)
	return true
}

// addrPort splits "ADDR port PORT..." (the port's digits only), or
// "ADDR..." without a port.
func addrPort(s string) (addr, port string, ok bool) {
	addr, rest, _ := strings.Cut(s, " ")
	addr = strings.TrimRight(addr, ";,")
	if strings.HasSuffix(addr, ":") {
		// "ADDR: 11: Bye Bye" (OpenSSH before 7.5), unless the colon
		// ends the address ("2001:db8::").
		if _, ok := parser.ParseAddr([]byte(addr)); !ok {
			addr = addr[:len(addr)-1]
		}
	}
	if rest, ok := strings.CutPrefix(rest, "port "); ok {
		n := 0
		for n < len(rest) && rest[n]-'0' < 10 {
			n++
		}
		return addr, rest[:n], addr != ""
	}
	return addr, "", addr != ""
}

// source sets source.address and source.ip or source.domain from the
// first word of s, and returns the address when it is one.
func source(ev *ecs.Event, f *facts, s string) netip.Addr {
	a, _, _ := strings.Cut(s, " ")
	ip, ok := hostOrAddr(a)
	if !ok {
		return netip.Addr{}
	}
	ev.Keyword("source.address", a)
	if ip.IsValid() {
		ev.IP("source.ip", ip)
		f.ip(ip)
		return ip
	}
	ev.Keyword("source.domain", a)
	f.host(a)
	return netip.Addr{}
}

// hostOrAddr reports whether s is an IP address (returned) or a host name
// (what sshd prints with UseDNS yes): labels of letters, digits, '-' and
// '_' joined by dots. sshd's "UNKNOWN" is neither.
func hostOrAddr(s string) (netip.Addr, bool) {
	if ip, ok := parser.ParseAddrDropZone([]byte(s)); ok {
		return ip, true
	}
	if s == "" || len(s) > 253 || s == "UNKNOWN" || s[0] == '.' || s[0] == '-' || s[len(s)-1] == '.' {
		return netip.Addr{}, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && (c != '.' || s[i-1] == '.') {
			return netip.Addr{}, false
		}
	}
	return netip.Addr{}, true
}

func port(ev *ecs.Event, path, p string) {
	if n, ok := parser.ParseUint([]byte(p)); ok && n <= 65535 {
		ev.Long(path, int64(n))
	}
}

// pam reads the messages of the pam_unix module, which every program
// using PAM logs through: "pam_unix(SERVICE:FACILITY): TEXT".
func pam(msg string, ev *ecs.Event, f *facts) {
	if !strings.HasPrefix(msg, "pam_") {
		return
	}
	_, text, ok := strings.Cut(msg, "): ")
	if !ok {
		return
	}
	switch {
	case strings.HasPrefix(text, "session opened for user "):
		// "session opened for user root(uid=0) by alice(uid=1000)",
		// "session opened for user alice by (uid=0)".
		rest := text[len("session opened for user "):]
		target, by, _ := strings.Cut(rest, " by ")
		tname, tuid := nameUID(target)
		bname, buid := nameUID(by)
		if bname != "" {
			ev.Keyword("user.name", bname)
			ev.Keyword("user.id", buid)
			ev.Keyword("user.effective.name", tname)
			ev.Keyword("user.effective.id", tuid)
			f.user(bname)
		} else {
			ev.Keyword("user.name", tname)
			ev.Keyword("user.id", tuid)
		}
		f.user(tname)
		classify(ev, "logged-on", catSession, typeStart, success)
	case strings.HasPrefix(text, "session closed for user "):
		user, _ := nameUID(text[len("session closed for user "):])
		ev.Keyword("user.name", user)
		f.user(user)
		classify(ev, "logged-off", catSession, typeEnd, success)
	case strings.HasPrefix(text, "authentication failure;"):
		authFailure(text[len("authentication failure;"):], ev, f)
	case strings.HasPrefix(text, "password changed for "):
		user := strings.TrimSpace(text[len("password changed for "):])
		ev.Keyword("user.target.name", user)
		f.user(user)
		classify(ev, "password_changed", catIAM, typeUserChange, success)
	case strings.HasPrefix(text, "check pass; user unknown"):
		classify(ev, "authentication_failure", catAuthentication, typeInfo, failure)
	case strings.HasPrefix(text, "auth could not identify password for ["):
		// No password could be read (sudo -n, no terminal).
		user, _, ok := strings.Cut(text[len("auth could not identify password for ["):], "]")
		if ok && user != "" && !strings.Contains(user, " ") {
			ev.Keyword("user.name", user)
			f.user(user)
		}
		classify(ev, "authentication_failure", catAuthentication, typeInfo, failure)
	case strings.HasPrefix(text, "Consecutive login failures for user "):
		// pam_faillock: "Consecutive login failures for user root account
		// temporarily locked".
		user, _, _ := strings.Cut(text[len("Consecutive login failures for user "):], " ")
		ev.Keyword("user.name", user)
		f.user(user)
		classify(ev, "account_locked", catAuthentication, typeInfo, failure)
	}
}

// authFailure reads the fields of a PAM authentication failure,
// "logname=alice uid=1000 euid=0 tty=pts/0 ruser=alice rhost=  user=root":
// a remote or login user other than the one authenticating is user.name
// and the latter user.effective.name; rhost is the source.
func authFailure(fields string, ev *ecs.Event, f *facts) {
	var logname, ruser, rhost, user string
	for field := range strings.FieldsSeq(fields) {
		k, v, _ := strings.Cut(field, "=")
		switch k {
		case "logname":
			logname = v
		case "ruser":
			ruser = v
		case "rhost":
			rhost = v
		case "user":
			user = v
		}
	}
	actor := ruser
	if actor == "" {
		actor = logname
	}
	switch {
	case actor != "" && user != "" && actor != user:
		ev.Keyword("user.name", actor)
		ev.Keyword("user.effective.name", user)
	case user != "":
		ev.Keyword("user.name", user)
	default:
		ev.Keyword("user.name", actor)
	}
	f.user(actor)
	f.user(user)
	source(ev, f, rhost)
	classify(ev, "authentication_failure", catAuthentication, typeInfo, failure)
}

// nameUID splits "alice(uid=1000)" into "alice" and "1000"; either may be
// empty ("(uid=0)", "alice").
func nameUID(s string) (name, uid string) {
	s = strings.TrimSpace(s)
	name, rest, ok := strings.Cut(s, "(uid=")
	if ok {
		uid, _, _ = strings.Cut(rest, ")")
		if !allDigits(uid) {
			uid = ""
		}
	}
	if strings.ContainsAny(name, " ()") {
		return "", uid
	}
	return name, uid
}

// sudo reads "USER : [ERROR ; ]TTY=.. ; PWD=.. ; USER=.. [; GROUP=..]
// [; ENV=..] ; COMMAND=..." and pam_unix lines.
func sudo(msg string, ev *ecs.Event, f *facts) {
	if strings.HasPrefix(msg, "pam_") {
		pam(msg, ev, f)
		return
	}
	user, rest, ok := strings.Cut(msg, " : ")
	user = strings.TrimSpace(user)
	if !ok || user == "" || strings.ContainsAny(user, " ;=") || !strings.Contains(rest, "=") {
		return
	}
	head, command, hasCommand := strings.Cut(rest, "COMMAND=")
	var errText, target string
	for part := range strings.SplitSeq(head, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			if errText == "" {
				errText = part
			}
			continue
		}
		switch k {
		case "TTY":
			if v != "unknown" {
				ev.Keyword("system.auth.sudo.tty", v)
			}
		case "PWD":
			ev.Keyword("system.auth.sudo.pwd", v)
			ev.Keyword("process.working_directory", v)
		case "USER":
			target = v
			ev.Keyword("system.auth.sudo.user", v)
			ev.Keyword("user.effective.name", v)
		case "GROUP":
			ev.Keyword("system.auth.sudo.group", v)
			ev.Keyword("user.effective.group.name", v)
		case "ENV":
			ev.Keyword("system.auth.sudo.env", v)
		case "TSID":
			ev.Keyword("system.auth.sudo.tsid", v)
		}
	}
	ev.Keyword("user.name", user)
	f.user(user)
	f.user(target)
	if hasCommand {
		ev.Keyword("system.auth.sudo.command", strings.TrimSpace(command))
	}
	if errText != "" {
		ev.Keyword("system.auth.sudo.error", errText)
		classify(ev, "sudo_command", catProcess, typeDenied, failure)
		return
	}
	classify(ev, "sudo_command", catProcess, typeStart, success)
}

// su reads su's own messages (util-linux and shadow-utils forms) and
// pam_unix lines.
func su(msg string, ev *ecs.Event, f *facts) {
	var from, to string
	ok := false
	switch {
	case strings.HasPrefix(msg, "pam_"):
		pam(msg, ev, f)
		return
	case strings.HasPrefix(msg, "(to "), strings.HasPrefix(msg, "FAILED SU (to "):
		// "(to root) alice on pts/0", "FAILED SU (to root) alice on pts/0"
		rest := msg[strings.Index(msg, "(to ")+len("(to "):]
		var after string
		to, after, ok = strings.Cut(rest, ") ")
		from, _, _ = strings.Cut(after, " ")
	case strings.HasPrefix(msg, "Successful su for "), strings.HasPrefix(msg, "FAILED su for "):
		// "Successful su for root by alice"
		_, rest, _ := strings.Cut(msg, " su for ")
		to, from, ok = strings.Cut(rest, " by ")
	case strings.HasPrefix(msg, "+ "), strings.HasPrefix(msg, "- "):
		// "+ pts/0 alice:root"
		fields := strings.Fields(msg)
		if len(fields) == 3 {
			from, to, ok = strings.Cut(fields[2], ":")
		}
	}
	if !ok || from == "" || to == "" {
		return
	}
	ev.Keyword("user.name", from)
	ev.Keyword("user.effective.name", to)
	f.user(from)
	f.user(to)
	if strings.HasPrefix(msg, "FAILED") || strings.HasPrefix(msg, "- ") {
		classify(ev, "su", catAuthentication, typeInfo, failure)
		return
	}
	classify(ev, "su", catAuthSession, typeStart, success)
}

// shadow reads the messages of shadow-utils' user and group tools.
func shadow(app, msg string, ev *ecs.Event, f *facts) {
	if strings.HasPrefix(msg, "pam_") {
		pam(msg, ev, f)
		return
	}
	switch {
	case strings.HasPrefix(msg, "new group: "), strings.HasPrefix(msg, "group added to "):
		// "new group: name=apache, GID=48",
		// "group added to /etc/group: name=apache, GID=48"
		_, kv, _ := strings.Cut(msg, ": ")
		name, gid := "", ""
		for part := range strings.SplitSeq(kv, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
			switch k {
			case "name":
				name = v
			case "GID":
				gid = v
			}
		}
		ev.Keyword("group.name", name)
		ev.Keyword("group.id", gid)
		classify(ev, "group_created", catIAM, typeGroupCreation, success)
	case strings.HasPrefix(msg, "new user: "):
		// "new user: name=apache, UID=48, GID=48, home=/usr/share/httpd,
		// shell=/sbin/nologin[, from=/dev/pts/0]"
		for part := range strings.SplitSeq(msg[len("new user: "):], ", ") {
			k, v, _ := strings.Cut(part, "=")
			switch k {
			case "name":
				ev.Keyword("user.target.name", v)
				f.user(v)
			case "UID":
				ev.Keyword("user.target.id", v)
			case "GID":
				ev.Keyword("user.target.group.id", v)
			case "home":
				ev.Keyword("system.auth.useradd.home", v)
			case "shell":
				ev.Keyword("system.auth.useradd.shell", v)
			case "from":
				ev.Keyword("system.auth.useradd.from", v)
			}
		}
		classify(ev, "user_created", catIAM, typeUserCreation, success)
	case strings.HasPrefix(msg, "add '"), strings.HasPrefix(msg, "delete '"):
		// "add 'alice' to group 'wheel'", "delete 'alice' from shadow
		// group 'wheel'"
		q := quoted(msg, 2)
		if q[0] == "" || q[1] == "" {
			return
		}
		ev.Keyword("user.target.name", q[0])
		ev.Keyword("group.name", q[1])
		f.user(q[0])
		if msg[0] == 'a' {
			classify(ev, "user_added_to_group", catIAM, typeMembership, success)
		} else {
			classify(ev, "user_removed_from_group", catIAM, typeMembership, success)
		}
	case strings.HasPrefix(msg, "delete user '"):
		user := quoted(msg, 1)[0]
		ev.Keyword("user.target.name", user)
		f.user(user)
		classify(ev, "user_deleted", catIAM, typeUserDeletion, success)
	case strings.HasPrefix(msg, "removed group '"), strings.HasPrefix(msg, "removed shadow group '"), strings.HasPrefix(msg, "group '"):
		// userdel: "removed group 'alice' owned by 'alice'"; groupdel:
		// "group 'devs' removed", "group 'devs' removed from /etc/group".
		if strings.HasPrefix(msg, "group '") && !strings.Contains(msg, "' removed") {
			return
		}
		ev.Keyword("group.name", quoted(msg, 1)[0])
		classify(ev, "group_deleted", catIAM, typeGroupDeletion, success)
	case strings.HasPrefix(msg, "change user '") && strings.HasSuffix(msg, "' password"),
		strings.HasPrefix(msg, "password for '"):
		// usermod -p: "change user 'alice' password"; passwd: "password
		// for 'alice' changed by 'root'"
		q := quoted(msg, 2)
		ev.Keyword("user.target.name", q[0])
		f.user(q[0])
		if q[1] != "" {
			ev.Keyword("user.name", q[1])
			f.user(q[1])
		}
		classify(ev, "password_changed", catIAM, typeUserChange, success)
	case strings.HasPrefix(msg, "change user name '"):
		// "change user name 'old' to 'new'"
		q := quoted(msg, 2)
		ev.Keyword("user.target.name", q[0])
		ev.Keyword("user.changes.name", q[1])
		f.user(q[0])
		f.user(q[1])
		classify(ev, "user_changed", catIAM, typeUserChange, success)
	case strings.HasPrefix(msg, "change user '"), strings.HasPrefix(msg, "lock user '"), strings.HasPrefix(msg, "unlock user '"):
		// "change user 'alice' shell from '/bin/sh' to '/bin/bash'"
		user := quoted(msg, 1)[0]
		ev.Keyword("user.target.name", user)
		f.user(user)
		classify(ev, "user_changed", catIAM, typeUserChange, success)
	case app == "gpasswd" && strings.HasPrefix(msg, "user "):
		// "user alice added by root to group docker", "user alice removed
		// by root from group docker"
		fields := strings.Fields(msg)
		if len(fields) == 8 && fields[3] == "by" && fields[6] == "group" {
			ev.Keyword("user.target.name", fields[1])
			ev.Keyword("user.name", fields[4])
			ev.Keyword("group.name", fields[7])
			f.user(fields[1])
			f.user(fields[4])
			if fields[2] == "added" {
				classify(ev, "user_added_to_group", catIAM, typeMembership, success)
			} else {
				classify(ev, "user_removed_from_group", catIAM, typeMembership, success)
			}
		}
	case strings.HasPrefix(msg, "group changed in "):
		classify(ev, "group_changed", catIAM, typeGroupChange, success)
	}
}

// quoted returns the first n strings between single quotes in s.
func quoted(s string, n int) [2]string {
	var out [2]string
	for i := 0; i < n && i < len(out); i++ {
		_, after, ok := strings.Cut(s, "'")
		if !ok {
			break
		}
		v, rest, ok := strings.Cut(after, "'")
		if !ok {
			break
		}
		out[i], s = v, rest
	}
	return out
}

// logind reads systemd-logind's session messages. Newer systemd releases
// quote the session and user and add the session's class and type:
// "New session '12' of user 'alice' with class 'user' and type 'tty'.".
func logind(msg string, ev *ecs.Event, f *facts) {
	switch {
	case strings.HasPrefix(msg, "New session "):
		// "New session 12 of user alice."
		id, rest, ok := strings.Cut(msg[len("New session "):], " of user ")
		if !ok {
			return
		}
		user := strings.TrimSuffix(rest, ".")
		if strings.HasPrefix(user, "'") {
			user = quoted(user, 1)[0]
		}
		if strings.ContainsAny(user, " '") {
			return
		}
		ev.Keyword("system.auth.session_id", unquote(id))
		ev.Keyword("user.name", user)
		f.user(user)
		classify(ev, "session_created", catSession, typeStart, success)
	case strings.HasPrefix(msg, "Removed session "):
		ev.Keyword("system.auth.session_id", unquote(strings.TrimSuffix(msg[len("Removed session "):], ".")))
		classify(ev, "session_removed", catSession, typeEnd, success)
	case strings.HasPrefix(msg, "Session ") && strings.Contains(msg, " logged out."):
		id, _, _ := strings.Cut(msg[len("Session "):], " ")
		ev.Keyword("system.auth.session_id", unquote(id))
		classify(ev, "session_logged_out", catSession, typeEnd, success)
	}
}

// unquote removes the single quotes around s, if any.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return s[1 : len(s)-1]
	}
	return s
}

// cron reads cron's "(USER) CMD (COMMAND)" and pam_unix lines.
func cron(msg string, ev *ecs.Event, f *facts) {
	if strings.HasPrefix(msg, "pam_") {
		pam(msg, ev, f)
		return
	}
	rest, ok := strings.CutPrefix(msg, "(")
	if !ok {
		return
	}
	user, rest, ok := strings.Cut(rest, ") ")
	if !ok || user == "" || strings.ContainsAny(user, " ()") {
		return
	}
	verb, command, _ := strings.Cut(rest, " ")
	if verb != "CMD" && verb != "CMDEND" {
		return
	}
	command = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(command, "("), ")"))
	ev.Keyword("user.name", user)
	f.user(user)
	ev.Keyword("system.cron.command", command)
	if verb == "CMD" {
		classify(ev, "cron_command", catProcess, typeStart, "")
	} else {
		classify(ev, "cron_command_end", catProcess, typeEnd, "")
	}
}
