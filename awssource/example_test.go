package awssource_test

import (
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/siem-go/siem/awssource"
)

func Example_decode() {
	// An SQS event as Lambda passes it: the first message holds an S3
	// notification, the second the test event S3 sends when a notification
	// is configured.
	payload := []byte(`{"Records":[
	 {"messageId":"m-1","eventSource":"aws:sqs","body":"{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"logs\"},\"object\":{\"key\":\"alb/app+1%3A2.log.gz\",\"size\":2048}}}]}"},
	 {"messageId":"m-2","eventSource":"aws:sqs","body":"{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"logs\"}"}
	]}`)
	msgs, err := awssource.Decode(payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	// process stands for opening the object (awssource.OpenObject) and
	// running it through a siem.Pipeline; here it fails as S3 would when
	// throttling.
	process := func(ref awssource.ObjectRef) error {
		fmt.Println("process", ref, ref.Size)
		return &smithy.GenericAPIError{Code: "SlowDown", Message: "Please reduce your request rate."}
	}
	var resp awssource.BatchResponse
	for _, m := range msgs {
		if m.Err != nil { // permanent: log it and let the message go
			fmt.Println("drop", m.ID, m.Err)
			continue
		}
		if m.Skipped != "" {
			fmt.Println("skip", m.ID, m.Skipped)
		}
		for _, ref := range m.Objects {
			if err := process(ref); err != nil && awssource.Classify(err) == awssource.Retryable {
				resp.Fail(m.ID)
				break
			}
		}
	}
	out, _ := resp.MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// process s3://logs/alb/app 1:2.log.gz 2048
	// skip m-2 s3:TestEvent
	// {"batchItemFailures":[{"itemIdentifier":"m-1"}]}
}
