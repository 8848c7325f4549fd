package elb_test

import (
	"fmt"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/elb"
)

// Detect the type of an ELB object from its S3 key, then normalize its
// first entry.
func Example() {
	reg := siem.NewRegistry()
	for _, lt := range []siem.LogType{elb.NLB(), elb.ALB(), elb.CLB()} {
		if err := reg.Register(lt); err != nil {
			panic(err)
		}
	}
	key := "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/11/27/" +
		"123456789012_elasticloadbalancing_us-east-2_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz"
	lt, err := reg.Detect(siem.Object{Key: key})
	ok := err == nil
	if !ok {
		fmt.Println("unknown object")
		return
	}
	const entry = `https 2026-11-27T10:01:03.500120Z app/my-alb/50dc6c495c0c9188 2001:db8::7:51234 10.0.1.16:8080 0.000 0.118 0.001 404 404 540 1311 "GET https://shop.example.org:443/logo.png HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web/73e2d6bc24d8a067 "Root=1-6746ee4f-0a1b2c3d4e5f60718293a4b5" "shop.example.org" "-" 3 2026-11-27T10:01:03.381000Z "forward" "-" "-" "10.0.1.16:8080" "404" "-" "-" TID_aa00bb11`
	or, err := lt.Open(siem.Object{Key: key}, strings.NewReader(entry))
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
	for _, path := range []string{"@timestamp", "event.outcome", "source.ip", "source.port", "url.domain", "http.response.status_code", "tls.version", "cloud.region"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// type: alb
	// @timestamp: "2026-11-27T10:01:03.50012Z"
	// event.outcome: "failure"
	// source.ip: "2001:db8::7"
	// source.port: 51234
	// url.domain: "shop.example.org"
	// http.response.status_code: 404
	// tls.version: "1.2"
	// cloud.region: "us-east-2"
}

// An entry that does not have its documented form is reported with the
// field at fault; the pipeline dead-letters it and reads on.
func ExampleFieldError() {
	or, err := elb.CLB().Open(siem.Object{Key: "elb.log"}, strings.NewReader(
		`2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:80808 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`))
	if err != nil {
		panic(err)
	}
	rec, _ := or.Next()
	var ev ecs.Event
	fmt.Println(or.Normalize(siem.Record{Record: rec}, &ev))
	// Output:
	// clb access log entry: field 3 (client:port) = "192.168.131.39:80808": the port part is not a number from 0 to 65535
}
