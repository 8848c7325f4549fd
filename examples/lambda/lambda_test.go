package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/awstest"
	"github.com/siem-go/siem/internal/bundled"
	"github.com/siem-go/siem/internal/lambdatest"
	"github.com/siem-go/siem/internal/ostest"
	"github.com/siem-go/siem/parser"
)

// buildBootstrap builds the function as `make lambda` does, for this
// machine.
func buildBootstrap(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", out, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building bootstrap: %v\n%s", err, b)
	}
	return out
}

// expected runs an object through the pipeline in the test, as the
// function should, and returns its counts.
func expected(t *testing.T, key string, data []byte) siem.Counts {
	t.Helper()
	var mu sync.Mutex
	p, err := siem.NewPipeline(siem.Options{Sink: countSink{}, DeadLetters: deadCount{&mu}})
	require.NoError(t, err)
	c, err := p.Process(context.Background(), siem.Object{Bucket: "b", Key: key}, bytes.NewReader(data))
	require.NoError(t, err, key)
	return c
}

type countSink struct{}

func (countSink) Write(context.Context, []siem.Document) (siem.WriteResult, error) {
	return siem.WriteResult{}, nil
}

type deadCount struct{ mu *sync.Mutex }

func (deadCount) DeadLetter(context.Context, siem.DeadLetter) error { return nil }

func s3Event(bucket, key string, size int) []byte {
	enc := strings.NewReplacer(" ", "+", "=", "%3D").Replace(key)
	return []byte(fmt.Sprintf(`{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-11-27T10:05:00.000Z","eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":%q,"arn":"arn:aws:s3:::%s"},"object":{"key":%q,"size":%d,"eTag":"0123","sequencer":"0A1B"}}}]}`, bucket, bucket, enc, size))
}

func sqsEvent(bodies map[string][]byte) []byte {
	var recs []string
	for id, b := range bodies {
		recs = append(recs, fmt.Sprintf(`{"messageId":%q,"receiptHandle":"h","body":%q,"attributes":{},"messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:q","awsRegion":"us-east-1"}`, id, b))
	}
	return []byte(`{"Records":[` + strings.Join(recs, ",") + `]}`)
}

func snsEvent(msg []byte) []byte {
	return []byte(fmt.Sprintf(`{"Records":[{"EventSource":"aws:sns","EventVersion":"1.0","EventSubscriptionArn":"arn:aws:sns:us-east-1:123456789012:t:1","Sns":{"Type":"Notification","MessageId":"m1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Subject":"Amazon S3 Notification","Message":%q,"Timestamp":"2026-11-27T10:05:00.000Z"}}]}`, msg))
}

func eventBridgeEvent(bucket, key string, size int) []byte {
	return []byte(fmt.Sprintf(`{"version":"0","id":"e1","detail-type":"Object Created","source":"aws.s3","account":"123456789012","time":"2026-11-27T10:05:00Z","region":"us-east-1","resources":["arn:aws:s3:::%s"],"detail":{"version":"0","bucket":{"name":%q},"object":{"key":%q,"size":%d,"etag":"0123","sequencer":"0A1B"},"request-id":"r","requester":"123456789012","reason":"PutObject"}}`, bucket, bucket, key, size))
}

// pumpSplits delivers the split queue's messages to the function as its
// SQS event source mapping would, until the queue stays empty, deleting
// the messages the function did not report as failed.
func pumpSplits(t *testing.T, rt *lambdatest.Runtime, queue string) int {
	t.Helper()
	client := awstest.SQSClient(t)
	ctx := context.Background()
	n := 0
	for {
		out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queue), MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		require.NoError(t, err)
		if len(out.Messages) == 0 {
			return n
		}
		bodies := map[string][]byte{}
		for _, m := range out.Messages {
			bodies[aws.ToString(m.MessageId)] = []byte(aws.ToString(m.Body))
		}
		res := invoke(t, rt, sqsEvent(bodies))
		var resp struct {
			Failures []struct {
				ID string `json:"itemIdentifier"`
			} `json:"batchItemFailures"`
		}
		require.NoError(t, json.Unmarshal(res, &resp), "%s", res)
		require.Empty(t, resp.Failures)
		for _, m := range out.Messages {
			_, err := client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(queue), ReceiptHandle: m.ReceiptHandle})
			require.NoError(t, err)
			n++
		}
	}
}

func invoke(t *testing.T, rt *lambdatest.Runtime, payload []byte) []byte {
	t.Helper()
	res, err := rt.Invoke(context.Background(), payload, 2*time.Minute)
	require.NoError(t, err)
	require.Nil(t, res.Err, "the function failed: %+v", res.Err)
	return res.Payload
}

// TestFunction runs the built bootstrap against a local Lambda runtime
// API, a real S3-compatible server (behind a proxy that drops
// connections), a real SQS-compatible server and a real OpenSearch node
// (behind a fault proxy), and checks that every record of the objects it
// is told about is indexed exactly once or stored as a dead letter.
func TestFunction(t *testing.T) {
	osURL := ostest.URL(t)
	s3URL := awstest.S3URL(t)
	awstest.SQSURL(t)
	binary := buildBootstrap(t)

	bucket := awstest.Bucket(t, "logs")
	queue := awstest.Queue(t, "split")
	index := ostest.UniqueIndex(t, "lambda")

	drop, err := awstest.NewDropProxy(s3URL)
	require.NoError(t, err)
	t.Cleanup(func() { drop.Close() })
	faults, err := ostest.NewFaultProxy(osURL, ostest.Plan{})
	require.NoError(t, err)
	t.Cleanup(func() { faults.Close() })

	// Objects of several types from the bundled samples, with their
	// deliberately broken records.
	samples := map[string]bundled.Sample{}
	for _, s := range bundled.Samples(t) {
		switch {
		case strings.Contains(s.Key, "_app.my-alb."), strings.Contains(s.Key, "/CloudTrail/") && strings.HasSuffix(s.Key, ".json.gz") && !strings.Contains(s.Key, "Digest"),
			strings.Contains(s.Key, "vpcflowlogs/us-east-1/"), strings.HasPrefix(s.Key, "apache/"):
			samples[s.Key] = s
		}
	}
	require.GreaterOrEqual(t, len(samples), 4)
	var want siem.Counts
	var keys []string
	sizes := map[string]int{}
	for key, s := range samples {
		data, err := os.ReadFile(s.Path)
		require.NoError(t, err)
		awstest.Put(t, bucket, key, data)
		want.Add(expected(t, key, data))
		keys = append(keys, key)
		sizes[key] = len(data)
	}
	require.Positive(t, want.DeadLettered, "the samples hold broken records, which must reach the dead letters")
	sort.Strings(keys) // the first delivered object takes the dropped connection: keep it the same

	rt := lambdatest.NewRuntime(t)
	env := append(awstest.Env(t),
		"AWS_ENDPOINT_URL_S3="+drop.URL(),
		"SIEM_OPENSEARCH_URL="+faults.URL(),
		"SIEM_INDEX_PREFIX="+index+"-",
		"SIEM_DEAD_LETTERS=s3://"+bucket+"/dead-letters",
		"SIEM_SPLIT_QUEUE_URL="+queue,
		"SIEM_SPLIT_RECORDS=6",
		"SIEM_SPLIT_MIN_BYTES=2000",
	)
	proc := rt.Start(t, binary, env)

	// Each object through another delivery path; the first one twice, as
	// a redelivered event.
	deliveries := [][]byte{
		s3Event(bucket, keys[0], sizes[keys[0]]),
		sqsEvent(map[string][]byte{"m-1": s3Event(bucket, keys[1], sizes[keys[1]])}),
		snsEvent(s3Event(bucket, keys[2], sizes[keys[2]])),
		eventBridgeEvent(bucket, keys[3], sizes[keys[3]]),
		s3Event(bucket, keys[0], sizes[keys[0]]),
		[]byte(`{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-27T10:00:00.000Z","Bucket":"` + bucket + `","RequestId":"r","HostId":"h"}`),
	}
	for _, k := range keys[4:] {
		deliveries = append(deliveries, s3Event(bucket, k, sizes[k]))
	}
	// A dropped S3 connection during the first object, and an outage of
	// the cluster during the second.
	drop.DropNext(1, 200)
	for i, d := range deliveries {
		if i == 1 {
			faults.Outage(1500 * time.Millisecond)
		}
		invoke(t, rt, d)
	}
	splits := pumpSplits(t, rt, queue)
	t.Logf("split messages processed: %d; dropped S3 connections: %d; cluster outages: %d", splits, drop.Drops(), faults.Outages())
	assert.Positive(t, splits, "no object was split")
	assert.Positive(t, drop.Drops(), "no S3 connection was dropped")

	ostest.Do(t, "POST", "/"+index+"-*/_refresh", nil)
	assert.Equal(t, want.Indexed, ostest.Count(t, index+"-*"), "documents in the index; the function's log:\n%s", proc.Logs())

	// Dead letters: one object per source object (or span), replaceable by
	// a redelivery, together holding every dead-lettered record with its
	// raw bytes.
	client := awstest.S3Client(t)
	list, err := client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String("dead-letters/")})
	require.NoError(t, err)
	var dead int64
	for _, o := range list.Contents {
		out, err := client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: o.Key})
		require.NoError(t, err)
		plain, _, err := parser.Decompress(out.Body)
		require.NoError(t, err)
		data, err := io.ReadAll(plain)
		out.Body.Close()
		require.NoError(t, err)
		for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var dl struct {
				Object, Type, Reason, Raw string
				RawBase64                 string `json:"raw_base64"`
			}
			require.NoError(t, json.Unmarshal(line, &dl), "%s", line)
			assert.NotEmpty(t, dl.Reason)
			assert.True(t, dl.Raw != "" || dl.RawBase64 != "", "dead letter without its record: %s", line)
			dead++
		}
	}
	assert.Equal(t, want.DeadLettered, dead, "dead letters stored")
	// Whether the first object was split (its counting pass took the
	// drop) or processed whole, its log line says it resumed.
	assert.True(t, proc.WaitLogs(`"Resumes":1`, 10*time.Second), "the dropped connection was not resumed:\n%s", proc.Logs())
	assert.True(t, proc.WaitLogs(`"_aws":{`, 10*time.Second), "no embedded metric format lines")
}

// TestFunctionMissingSetting checks that a function without its one
// required setting fails at start, naming it.
func TestFunctionMissingSetting(t *testing.T) {
	binary := buildBootstrap(t)
	rt := lambdatest.NewRuntime(t)
	proc := rt.Start(t, binary, nil)
	select {
	case <-proc.Exited():
	case <-time.After(30 * time.Second):
		t.Fatal("the function did not stop")
	}
	assert.NotZero(t, proc.ExitCode())
	assert.Contains(t, proc.Logs(), "SIEM_OPENSEARCH_URL is required")
}
