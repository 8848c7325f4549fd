package cloudfront_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/parser"
)

// Detect a CloudFront standard log from its file name and normalize its
// entries: columns are named by the #Fields line, and a line that does
// not fit it is reported with its position.
func Example() {
	reg := siem.NewRegistry()
	for _, lt := range []siem.LogType{cloudfront.New(), cloudfront.Realtime()} {
		if err := reg.Register(lt); err != nil {
			panic(err)
		}
	}
	obj := siem.Object{Bucket: "cf-logs", Key: "www/E2QWRUHAPOMQZL.2026-11-27-10.a1b2c3d4.gz"}
	lt, err := reg.Detect(obj)
	if err != nil {
		panic(err)
	}
	const object = "#Version: 1.0\n" +
		"#Fields: date time x-edge-location c-ip cs-method cs-uri-stem sc-status cs(User-Agent) x-host-header cs-protocol time-taken\n" +
		"2026-11-27\t10:04:31\tFRA56-P1\t203.0.113.9\tGET\t/login\t403\tcurl/8.5.0%20(x86_64)\twww.example.com\thttps\t0.004\n" +
		"2026-11-27\t10:04:32\tFRA56-P1\t203.0.113.9\n"
	or, err := lt.Open(obj, strings.NewReader(object))
	if err != nil {
		panic(err)
	}
	fmt.Println("type:", lt.Info().Name)
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Println("dead letter:", re)
			continue
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
			fmt.Println("dead letter:", err)
			continue
		}
		for _, path := range []string{"@timestamp", "event.outcome", "event.duration", "source.ip", "url.full", "user_agent.original", "aws.cloudfront.distribution_id"} {
			v, _ := ev.Lookup(path)
			fmt.Printf("%s: %s\n", path, v)
		}
	}
	// Output:
	// type: cloudfront
	// @timestamp: "2026-11-27T10:04:31Z"
	// event.outcome: "failure"
	// event.duration: 4000000
	// source.ip: "203.0.113.9"
	// url.full: "https://www.example.com/login"
	// user_agent.original: "curl/8.5.0 (x86_64)"
	// aws.cloudfront.distribution_id: "E2QWRUHAPOMQZL"
	// dead letter: record 2 (line 4): line has 4 tab-separated fields, the #Fields line on line 2 names 11
}
