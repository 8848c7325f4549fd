package cloudtrail_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	record := `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","userName":"alice"},` +
		`"eventTime":"2026-11-27T10:05:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","awsRegion":"eu-west-1",` +
		`"sourceIPAddress":"198.51.100.7","errorCode":"AccessDenied","errorMessage":"Access Denied",` +
		`"requestParameters":{"bucketName":"reports"},"eventID":"0b7e1b4c-5f3a-4d2e-9c1b-8a7f6e5d4c3b","recipientAccountId":"123456789012","eventCategory":"Management"}`

	var ev ecs.Event
	if err := cloudtrail.Normalize(siem.Record{Record: parser.Record{Data: []byte(record)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("id:", ev.ID())
	for _, path := range []string{"event.action", "event.outcome", "event.category", "event.type", "user.name", "source.ip", "aws.cloudtrail.request_parameters"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// id: 0b7e1b4c-5f3a-4d2e-9c1b-8a7f6e5d4c3b
	// event.action: "PutBucketPolicy"
	// event.outcome: "failure"
	// event.category: ["api"]
	// event.type: ["change","denied"]
	// user.name: "alice"
	// source.ip: "198.51.100.7"
	// aws.cloudtrail.request_parameters: "{\"bucketName\":\"reports\"}"
}
