package apache_test

import (
	"fmt"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/apache"
)

// Detect an Apache access log from its key and normalize a line of the
// reference system's layout: a leading X-Forwarded-For header, then the
// combined format with mod_logio's byte counts.
func Example() {
	reg := siem.NewRegistry()
	if err := reg.Register(apache.Access()); err != nil {
		panic(err)
	}
	key := "apache/access/web-01/access_log-20261127.gz"
	lt, err := reg.Detect(siem.Object{Key: key})
	if err != nil {
		fmt.Println(err)
		return
	}
	const line = `203.0.113.50, 198.51.100.2 10.0.12.41 - - [27/Nov/2026:10:20:04 +0100] "POST /api/login?next=%2F HTTP/1.1" 401 87 "https://app.example.com/login" "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" 1022 402`
	or, err := lt.Open(siem.Object{Key: key}, strings.NewReader(line))
	if err != nil {
		panic(err)
	}
	rec, err := or.Next()
	if err != nil {
		panic(err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
		fmt.Println("dead letter:", err)
		return
	}
	fmt.Println("type:", lt.Info().Name)
	for _, path := range []string{"@timestamp", "source.ip", "apache.access.x_forwarded_for", "http.request.method", "url.path", "url.query",
		"http.response.status_code", "event.outcome", "http.request.bytes", "http.response.bytes", "related.ip"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// type: apache-access
	// @timestamp: "2026-11-27T09:20:04Z"
	// source.ip: "10.0.12.41"
	// apache.access.x_forwarded_for: "203.0.113.50, 198.51.100.2"
	// http.request.method: "POST"
	// url.path: "/api/login"
	// url.query: "next=%2F"
	// http.response.status_code: 401
	// event.outcome: "failure"
	// http.request.bytes: 1022
	// http.response.bytes: 402
	// related.ip: ["10.0.12.41","203.0.113.50","198.51.100.2"]
}

// A log type that finds Apache lines among other output (a FireLens
// container type, say) asks NormalizeAccessLine, which declines lines
// that are not access lines without touching the event.
func ExampleNormalizeAccessLine() {
	for _, line := range []string{
		`::1 - - [27/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2`,
		`AH00558: httpd: Could not reliably determine the server's fully qualified domain name`,
	} {
		var ev ecs.Event
		ok, err := apache.NormalizeAccessLine([]byte(line), &ev)
		status, _ := ev.Lookup("http.response.status_code")
		fmt.Println(ok, err, ev.Len(), string(status))
	}
	// Output:
	// true <nil> 14 200
	// false <nil> 0
}
