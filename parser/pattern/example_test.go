package pattern_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/pattern"
)

// A pattern is compiled once and its groups resolved once; each line is
// then matched into a reused Match and its groups read by index.
func ExamplePattern() {
	common := pattern.MustCompile("Apache common log format",
		`^(?P<client>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) (?P<bytes>\d+|-)$`)
	client, status := common.Group("client"), common.Group("status")

	input := `192.0.2.10 - - [01/May/2024:12:00:03 +0200] "GET / HTTP/1.1" 200 5213
this is not an access log line
2001:db8::1 - bob [01/May/2024:12:00:04 +0200] "-" 408 -
`
	lines := parser.NewLineReader(strings.NewReader(input), parser.LineOptions{})
	var m pattern.Match
	for {
		rec, err := lines.Next()
		if err == io.EOF {
			break
		}
		if !common.Match(rec.Data, &m) {
			fmt.Printf("line %d: %v\n", rec.Line, common.NoMatch())
			continue
		}
		fmt.Printf("line %d: client %s, status %s\n", rec.Line, m.Bytes(client), m.Bytes(status))
	}
	// Output:
	// line 1: client 192.0.2.10, status 200
	// line 2: line does not match the Apache common log format
	// line 3: client 2001:db8::1, status 408
}

// Patterns tries the variants of a format in order and tells which one
// matched; its group indexes hold whichever pattern matched.
func ExamplePatterns() {
	const who = `(?P<client>\S+) \S+ \S+ \[[^\]]+\] "(?P<request>[^"]*)" (?P<status>\d{3}) \S+`
	combined := pattern.MustCompile("Apache combined log format", `^`+who+` "(?P<referrer>[^"]*)" "(?P<agent>[^"]*)"$`)
	common := pattern.MustCompile("Apache common log format", `^`+who+`$`)
	vhost := pattern.MustCompile("Apache vhost_combined log format", `^(?P<vhost>[^\s:]+):\d+ `+who+` "(?P<referrer>[^"]*)" "(?P<agent>[^"]*)"$`)
	access := pattern.NewPatterns("Apache access log format", combined, common, vhost)
	client, agent := access.Group("client"), access.Group("agent")

	var m pattern.Match
	for _, line := range []string{
		`192.0.2.1 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"`,
		`192.0.2.2 - - [01/May/2024:12:00:01 +0000] "GET / HTTP/1.1" 200 512`,
		`www.example.org:443 192.0.2.3 - - [01/May/2024:12:00:02 +0000] "GET / HTTP/1.1" 200 512 "-" "Wget/1.21"`,
		`garbage`,
	} {
		if !access.Match([]byte(line), &m) {
			fmt.Println(access.NoMatch())
			continue
		}
		fmt.Printf("%s: client %s, agent %q\n", m.Pattern().Name(), m.Bytes(client), m.Bytes(agent))
	}
	// Output:
	// Apache combined log format: client 192.0.2.1, agent "curl/8.5.0"
	// Apache common log format: client 192.0.2.2, agent ""
	// Apache vhost_combined log format: client 192.0.2.3, agent "Wget/1.21"
	// line does not match the Apache access log format (tried the Apache combined log format, the Apache common log format, the Apache vhost_combined log format)
}
