package s3accesslog_test

import (
	"fmt"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/s3accesslog"
)

// Detect an S3 server access log object from its key, here in the
// date-partitioned format, and normalize a record of it.
func Example() {
	reg := siem.NewRegistry()
	if err := reg.Register(s3accesslog.New()); err != nil {
		panic(err)
	}
	key := "access-logs/123456789012/eu-west-1/customer-uploads-eu/2026/11/27/2026-11-27-00-00-00-3C4D5E6F708192A3"
	lt, err := reg.Detect(siem.Object{Key: key})
	if err != nil {
		fmt.Println(err)
		return
	}
	const record = `4d6f8a0c2e4f6a8b0d2f4a6c8e0b2d4f6a8c0e2f4b6d8f0a2c4e6b8d0f2a4c6e customer-uploads-eu [27/Nov/2026:14:20:47 +0000] 2001:db8::7 arn:aws:iam::123456789012:user/partner-sftp M3N5P7Q9R1S2T4U6 REST.GET.OBJECT outgoing/invoice-11.pdf "GET /customer-uploads-eu/outgoing/invoice-11.pdf HTTP/1.1" 403 AccessDenied 243 - 25 - "-" "curl/8.5.0" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 TLS_AES_128_GCM_SHA256 AuthHeader s3.amazonaws.com TLSv1.3 - -`
	or, err := lt.Open(siem.Object{Key: key}, strings.NewReader(record))
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
	for _, path := range []string{"@timestamp", "event.action", "event.outcome", "error.code", "source.ip", "user.name",
		"event.duration", "cloud.account.id", "cloud.region", "aws.s3accesslog.bucket"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// type: s3accesslog
	// @timestamp: "2026-11-27T14:20:47Z"
	// event.action: "REST.GET.OBJECT"
	// event.outcome: "failure"
	// error.code: "AccessDenied"
	// source.ip: "2001:db8::7"
	// user.name: "partner-sftp"
	// event.duration: 25000000
	// cloud.account.id: "123456789012"
	// cloud.region: "eu-west-1"
	// aws.s3accesslog.bucket: "customer-uploads-eu"
}

// A record that does not have its documented form is reported with the
// field at fault; the pipeline dead-letters it and reads on.
func ExampleFieldError() {
	or, err := s3accesslog.New().Open(siem.Object{Key: "2019-02-06-00-05-13-5A4B3C2D1E0F9A8B"}, strings.NewReader(
		`79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /amzn-s3-demo-bucket1?versioning HTTP/1.1" 2OO - 113 - 7 - "-" "S3Console/0.4" -`))
	if err != nil {
		panic(err)
	}
	rec, _ := or.Next()
	var ev ecs.Event
	fmt.Println(or.Normalize(siem.Record{Record: rec}, &ev))
	// Output:
	// s3accesslog record: field 10 (HTTP status) = "2OO": not a three-digit HTTP status code
}
