package pattern_test

import (
	"strings"

	"github.com/siem-go/siem/parser/pattern"
)

// The formats the tests read, written from the Apache, NGINX and MariaDB
// audit plugin documentation. A log type would hold these.

// quoted matches the contents of an Apache quoted field, where '"' and '\'
// are written "\"" and "\\" (Apache 2.0.46 and later).
const quoted = `(?:[^"\\]|\\.)*`

// combinedTail is common's "%r" %>s %b and combined's referrer and user
// agent, then an optional quoted X-Forwarded-For.
const apacheRequest = `"(?P<request>` + quoted + `)" (?P<status>\d{3}) (?P<bytes>\d+|-)`
const apacheAgents = ` "(?P<referrer>` + quoted + `)" "(?P<agent>` + quoted + `)"(?: "(?P<forwarded_for>` + quoted + `)")?`
const apacheWho = `(?P<client>\S+) (?P<ident>\S+) (?P<user>\S+) \[(?P<time>[^\]]+)\] `

var (
	apacheCombined = pattern.MustCompile("Apache combined log format", `^`+apacheWho+apacheRequest+apacheAgents+`$`)
	apacheCommon   = pattern.MustCompile("Apache common log format", `^`+apacheWho+apacheRequest+`$`)
	// Apache writes %v:%p; some configurations leave the port out.
	apacheVhost = pattern.MustCompile("Apache vhost_combined log format",
		`^(?P<vhost>[^\s:]+)(?::(?P<port>\d+))? `+apacheWho+apacheRequest+apacheAgents+`$`)
	// mod_ssl's request log: "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b".
	apacheSSLRequest = pattern.MustCompile("Apache SSL request log format",
		`^\[(?P<time>[^\]]+)\] (?P<client>\S+) (?P<tls_protocol>\S+) (?P<tls_cipher>\S+) "(?P<request>`+quoted+`)" (?P<bytes>\d+|-)$`)

	apacheAccess = pattern.NewPatterns("Apache access log format", apacheCombined, apacheCommon, apacheVhost, apacheSSLRequest)

	// Apache 2.2 "[time] [level] [client ip] msg" and 2.4
	// "[time] [module:level] [pid N:tid T] file(line): [client ip:port] AHnnnnn: msg".
	apacheError = pattern.MustCompile("Apache error log format",
		`^\[(?P<time>[^\]]+)\] \[(?:(?P<module>[^:\]]+):)?(?P<level>[^\]]+)\] (?:\[pid (?P<pid>\d+)(?::tid (?P<tid>\d+))?\] )?`+
			`(?:(?P<source>\S+\(\d+\)): )?(?:\[client (?P<client>[^\]]+)\] )?(?:(?P<code>AH\d{5}): )?(?P<message>.*)$`)

	// NGINX "main": combined plus the X-Forwarded-For header. NGINX
	// escapes '"' as \x22, so a quoted field holds no quote.
	nginxMain = pattern.MustCompile("NGINX main log format",
		`^(?P<client>\S+) - (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d{3}) (?P<bytes>\d+) "(?P<referrer>[^"]*)" "(?P<agent>[^"]*)"(?: "(?P<forwarded_for>[^"]*)")?$`)
	// The variants Elastic reads: a leading host[:port] and a leading
	// X-Forwarded-For list, quoted or not, all before " - user [".
	nginxLeading = pattern.MustCompile("NGINX log format with leading addresses",
		`^(?P<addresses>.+?) - (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d{3}) (?P<bytes>\d+) "(?P<referrer>[^"]*)" "(?P<agent>[^"]*)"(?: "(?P<forwarded_for>[^"]*)")?$`)

	nginxAccess = pattern.NewPatterns("NGINX access log format", nginxMain, nginxLeading)

	// "2024/05/01 10:30:05 [error] 29#29: *117 message" (the connection
	// number is missing on process-level messages). (?s): FastCGI output
	// spans lines, framed by package multiline.
	nginxError = pattern.MustCompile("NGINX error log format",
		`^(?P<time>\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) \[(?P<level>[a-z]+)\] (?P<pid>\d+)#(?P<tid>\d+): (?:\*(?P<connection>\d+) )?(?s:(?P<message>.*))$`)

	// The MariaDB audit plugin format of RDS MySQL audit logs:
	// timestamp,serverhost,username,host,connectionid,queryid,operation,database,object,retcode
	// with the time as "20240501 10:20:31" or, on Aurora, epoch
	// microseconds, and the object quoted with '.
	mysqlAudit = pattern.MustCompile("RDS MySQL audit log format",
		`^(?P<time>\d{8} \d{2}:\d{2}:\d{2}|\d{16}),(?P<server_host>[^,]*),(?P<user>[^,]*),(?P<host>[^,]*),(?P<connection_id>\d*),(?P<query_id>\d*),`+
			`(?P<operation>[A-Z_]*),(?P<database>[^,]*),(?P<object>'(?:[^'\\]|\\.)*'|[^,]*),(?P<retcode>\d+)$`)
)

// combinedLine is an Apache combined log line, varied by i.
func combinedLine(i int) string {
	return strings.Join([]string{
		"203.0.113." + itoa(i%250), "-", "-", "[01/May/2024:12:00:" + pad2(i%60) + " +0200]",
		`"GET /products/` + itoa(i) + `?ref=home HTTP/1.1"`, "200", itoa(1000 + i),
		`"https://www.example.org/"`, `"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"`,
	}, " ")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
