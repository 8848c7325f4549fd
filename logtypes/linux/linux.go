package linux

import (
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

const (
	// SecureName is the registry name of the authentication log type.
	SecureName = "linux-secure"
	// SyslogName is the registry name of the system log type.
	SyslogName = "linux-syslog"
	// SecureDataset and SyslogDataset are the event.dataset values, those
	// of Elastic's system integration.
	SecureDataset = "system.auth"
	SyslogDataset = "system.syslog"
	// Namespace is the vendor namespace of both types: Elastic's
	// system.auth.* and system.syslog.* live under it.
	Namespace = "system"
)

// secureKeys is the reference system's pattern for linux-secure,
// /[Ll]inux.*[Ss]ecure, plus a file named auth.log (Debian's name for the
// same log) below a /linux/ folder, and the files themselves read in
// place (/var/log/secure-20261127, /var/log/auth.log.1).
var secureKeys = regexp.MustCompile(`/[Ll]inux.*[Ss]ecure|/[Ll]inux/(?:[^/]*/)*auth\.log|(?:^|/)var/log/(?:secure|auth\.log)(?:[.-][^/]*)?$`)

// syslogKeys narrows the reference system's /[Ll]inux/, which also
// matches every linux-secure key, to the folder or file names that hold
// the system log: a path segment under /linux/ that is or starts with
// System, Messages, Syslog or OS, or Ubuntu's split-out kern.log and
// ufw.log (kernel and firewall lines, which this type reads). The
// registry refuses overlapping patterns, and detection never picks
// between two matching types.
var syslogKeys = regexp.MustCompile(`/[Ll]inux/(?:[^/]*/)*(?:[Ss]ystem|SYSTEM|[Mm]essages|MESSAGES|[Ss]yslog|SYSLOG|OS|[Oo]s)(?:[/._-]|$)|/[Ll]inux/(?:[^/]*/)*(?:kern|ufw)\.log(?:[.-][^/]*)?$|(?:^|/)var/log/(?:messages|syslog|kern\.log|ufw\.log)(?:[.-][^/]*)?$`)

// continuation is what a line continuing the record before it starts
// with: macOS and some programs write multi-line messages whose further
// lines are indented; rsyslog escapes the newline instead (#012).
var continuation = regexp.MustCompile(`^[ \t]`)

type logType struct {
	info siem.Info
	loc  *time.Location
}

var secureInfo = siem.Info{
	Name:        SecureName,
	Description: "Linux authentication log (/var/log/secure, auth.log): sshd, sudo, su, PAM, user and group management, systemd-logind, cron",
	Dataset:     SecureDataset,
	KeyPattern:  secureKeys,
	SampleKeys: []string{
		// CloudWatch agent -> CloudWatch Logs -> subscription -> Firehose,
		// under the prefix of the reference system's linux exporter.
		"AWSLogs/123456789012/EC2/Linux/Secure/eu-west-1/2026/11/27/10/siem-linux-secure-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz",
		// A host's rotated file copied to S3.
		"hosts/linux/bastion-1/secure-20261127.gz",
		// Debian and Ubuntu.
		"archive/linux/web-3/auth.log",
		// A file read where the host writes it.
		"/var/log/secure-20261127",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	Vendor:    vendorSchema,
}

var syslogInfo = siem.Info{
	Name:        SyslogName,
	Description: "Linux system log (/var/log/messages, syslog), with the authentication lines it holds read as linux-secure reads them",
	Dataset:     SyslogDataset,
	KeyPattern:  syslogKeys,
	SampleKeys: []string{
		"AWSLogs/123456789012/EC2/Linux/System/eu-west-1/2026/11/27/10/siem-linux-system-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz",
		"AWSLogs/123456789012/EC2/Linux/Messages/us-east-1/2026/11/27/10/siem-linux-messages-1-2026-11-27-10-05-00-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.gz",
		"hosts/linux/bastion-1/messages-20261127.gz",
		"archive/linux/web-3/syslog.1",
		"/var/log/messages-20261127",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	Vendor:    vendorSchema,
	// sshd, sudo and su lines go where the secure log's own go.
	Routes: []string{SecureName},
}

// Secure returns the linux-secure log type: /var/log/secure (Red Hat
// family) and /var/log/auth.log (Debian family). Times written without an
// offset are read as UTC.
func Secure() siem.LogType { return SecureIn(time.UTC) }

// Syslog returns the linux-syslog log type: /var/log/messages (Red Hat
// family) and /var/log/syslog (Debian family). Times written without an
// offset are read as UTC.
func Syslog() siem.LogType { return SyslogIn(time.UTC) }

// SecureIn returns the linux-secure log type reading times written
// without an offset in loc, the time zone of the hosts that wrote them,
// and recording loc's name in event.timezone (unless loc is UTC).
func SecureIn(loc *time.Location) siem.LogType { return logType{info: secureInfo, loc: orUTC(loc)} }

// SyslogIn returns the linux-syslog log type reading times written
// without an offset in loc, as SecureIn does.
func SyslogIn(loc *time.Location) siem.LogType { return logType{info: syslogInfo, loc: orUTC(loc)} }

// secureRoute is the route of the sshd, sudo and su lines: the secure
// log's family for the system log, "" (the type's own) for the secure log.
func (t logType) secureRoute() string {
	if len(t.info.Routes) > 0 {
		return t.info.Routes[0]
	}
	return ""
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

func (t logType) Info() siem.Info { return t.info }

// Open reads a plain file of lines (decompressed by the pipeline); an
// indented line continues the record before it.
func (t logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	lines, err := multiline.NewReader(r, multiline.Options{Continue: continuation})
	if err != nil {
		return nil, err
	}
	k := parseKey(obj.Key)
	loc := orUTC(t.loc)
	return siem.NewObjectReader(lines, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k, loc, t.secureRoute())
	}), nil
}

// OpenMessages reads CloudWatch Logs subscription payloads: each log
// event's message is one record (the CloudWatch agent has already joined
// multi-line records when told to).
func (t logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	loc := orUTC(t.loc)
	return siem.NewObjectReader(messages, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k, loc, t.secureRoute())
	}), nil
}

// Normalize maps one syslog line onto ev with nothing known from its
// object's key: what the types' readers call, for callers that frame
// records themselves. Times without an offset are read as UTC.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	return normalize(rec, ev, &keyInfo{}, time.UTC, "")
}

// keyInfo is what an object key says: the account and region of an
// AWSLogs/<account>/EC2/Linux/<log>/<region>/ prefix, and the day a file
// was rotated on when its name ends in logrotate's date suffix.
type keyInfo struct {
	account, region string
	// rotated is the midnight after the date in a name such as
	// secure-20261127 or messages-20261127.gz: every line of the file was
	// written before it.
	rotated time.Time
}

// rotationDate reads logrotate's dateext suffix "-YYYYMMDD" at the end of
// the key's last segment, before any ".gz"-like extensions.
func rotationDate(key string) time.Time {
	name := key[strings.LastIndexByte(key, '/')+1:]
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if len(name) < 9 || name[len(name)-9] != '-' || !allDigits(name[len(name)-8:]) {
		return time.Time{}
	}
	d, err := time.Parse("20060102", name[len(name)-8:])
	if err != nil || d.Year() < 1990 {
		return time.Time{}
	}
	return d.AddDate(0, 0, 1)
}

var regionPattern = regexp.MustCompile(`(?:^|/)((?:us|ap|ca|eu|il|me|mx|sa|af|cn)-(?:gov-|iso-|isob-)?[a-z]+-[0-9])(?:/|$)`)

func parseKey(key string) keyInfo {
	k := keyInfo{rotated: rotationDate(key)}
	if i := strings.Index(key, "AWSLogs/"); i >= 0 && (i == 0 || key[i-1] == '/') {
		rest := key[i+len("AWSLogs/"):]
		if j := strings.IndexByte(rest, '/'); j == 12 && allDigits(rest[:12]) {
			k.account = rest[:12]
		}
		if m := regionPattern.FindStringSubmatch(rest); m != nil {
			k.region = m[1]
		}
	}
	return k
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// instanceID returns the first EC2 instance id in s ("i-" and 8 or 17
// hexadecimal digits, standing alone or between non-alphanumeric
// characters), as the CloudWatch agent's default stream name {instance_id}
// holds: "i-0123456789abcdef0", or "web_i-0123456789abcdef0_secure".
func instanceID(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != 'i' || s[i+1] != '-' || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		j := i + 2
		for j < len(s) && isHex(s[j]) {
			j++
		}
		if n := j - i - 2; (n == 8 || n == 17) && (j == len(s) || !isAlnum(s[j])) {
			return s[i:j]
		}
	}
	return ""
}

func isHex(c byte) bool { return c-'0' < 10 || c-'a' < 6 }

func isAlnum(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 26 }
