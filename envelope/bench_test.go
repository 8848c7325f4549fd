package envelope_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/lineartest"
)

// cloudTrailLike is a message of about 1 KiB shaped like a CloudTrail
// event, so that its JSON string in a payload is full of escapes.
func cloudTrailLike(i int) string {
	return fmt.Sprintf(`{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:session-%d","arn":"arn:aws:sts::123456789012:assumed-role/Deploy/session-%d","accountId":"123456789012"},`+
		`"eventTime":"2026-11-27T10:%02d:%02dZ","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.%d",`+
		`"userAgent":"aws-sdk-go-v2/1.30.0 os/linux lang/go#1.26","requestParameters":{"bucketName":"reports","key":"2026/11/27/report-%d.csv","Host":"reports.s3.us-east-1.amazonaws.com"},`+
		`"responseElements":null,"additionalEventData":{"bytesTransferredOut":%d,"x-amz-id-2":"EXAMPLEid2/abc+def="},"requestID":"REQ%d","eventID":"0b7e1b4c-5f3a-4d2e-9c1b-%012d",`+
		`"readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::reports/2026/11/27/report-%d.csv"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"}`,
		i, i, i/60%60, i%60, i%250, i, 1000+i, i, i, i)
}

// cwlObject is what Firehose writes, decompressed: payloads of events
// back to back.
func cwlObject(payloads, events int) []byte {
	var b strings.Builder
	for p := range payloads {
		msgs := make([]string, events)
		for e := range msgs {
			msgs[e] = cloudTrailLike(p*events + e)
		}
		b.WriteString(payload("DATA_MESSAGE", p*events, msgs...))
	}
	return []byte(b.String())
}

func ebObject(events int) []byte {
	var b strings.Builder
	for i := range events {
		fmt.Fprintf(&b, `{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-%012d","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"123456789012","time":"2026-11-27T10:05:00Z","region":"us-east-1","resources":[],"detail":%s}`, i, cloudTrailLike(i))
	}
	return []byte(b.String())
}

func exportObject(lines int) []byte {
	var b strings.Builder
	for i := range lines {
		fmt.Fprintf(&b, "2026-11-27T10:%02d:%02d.%03dZ START RequestId: 8f5c1a2b-%08d Version: $LATEST\n", i/60%60, i%60, i%1000, i)
		if i%10 == 0 {
			b.WriteString("Traceback (most recent call last):\n  File \"/var/task/app.py\", line 12, in handler\nKeyError: 'id'\n")
		}
	}
	return []byte(b.String())
}

func fireLensObject(lines int) []byte {
	var b strings.Builder
	for i := range lines {
		b.WriteString(flLine("web", "stdout", fmt.Sprintf(`198.51.100.%d - - [27/Nov/2026:10:05:00 +0000] "GET /api/items/%d HTTP/1.1" 200 512 "-" "curl/8.5.0"`, i%250, i)))
	}
	return []byte(b.String())
}

// drain reads every record, returning how many there were.
func drain(tb testing.TB, env siem.Envelope, key string, data []byte) int {
	r, err := env.Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			tb.Fatal(err)
		}
		n++
	}
}

// BenchmarkEnvelopes measures unwrapping alone: from decompressed bytes
// to the messages a log type is handed.
func BenchmarkEnvelopes(b *testing.B) {
	for _, bc := range []struct {
		name string
		env  siem.Envelope
		key  string
		data []byte
	}{
		{"cloudwatch-logs", envelope.CloudWatchLogs(), "k", cwlObject(40, 50)},
		{"cloudwatch-logs-tiny-events", envelope.CloudWatchLogs(), "k", []byte(payload("DATA_MESSAGE", 1, strings.Split(strings.Repeat("x,", 5000), ",")...))},
		{"eventbridge", envelope.EventBridge(), "k", ebObject(2000)},
		{"cloudwatch-logs-export", envelope.CloudWatchLogsExport(), exportKey, exportObject(20000)},
		{"firelens", envelope.FireLens(), "k", fireLensObject(20000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			records := 0
			for b.Loop() {
				records += drain(b, bc.env, bc.key, bc.data)
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// TestLinear checks that hostile inputs cost time in proportion to their
// size.
func TestLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	op := func(env siem.Envelope, key string) func([]byte) {
		return func(b []byte) { drain(t, env, key, b) }
	}
	cwl, eb := envelope.CloudWatchLogs(), envelope.EventBridge()
	cases := []struct {
		name  string
		n     int
		input func(n int) []byte
		op    func([]byte)
	}{
		{"cloudwatch-logs: tiny events in one payload", 2000, func(n int) []byte {
			return []byte(payload("DATA_MESSAGE", 1, strings.Split(strings.Repeat("x,", n-1)+"x", ",")...))
		}, op(cwl, "k")},
		{"cloudwatch-logs: tiny payloads", 1000, func(n int) []byte {
			return bytes.Repeat([]byte(`{"logEvents":[{"id":"1","timestamp":1,"message":"x"}]}`), n)
		}, op(cwl, "k")},
		{"cloudwatch-logs: escapes in a message", 20000, func(n int) []byte {
			return []byte(`{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","message":"` + strings.Repeat(`\"\\\u00e9`, n) + `"}]}`)
		}, op(cwl, "k")},
		{"eventbridge: deep nesting in detail", 20000, func(n int) []byte {
			return []byte(`{"detail-type":"x","source":"y","detail":` + strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) + "}")
		}, op(eb, "k")},
		{"eventbridge: escapes in detail", 20000, func(n int) []byte {
			return []byte(`{"detail-type":"x","detail":{"a":"` + strings.Repeat(`\\\"`, n) + `"}}`)
		}, op(eb, "k")},
		{"eventbridge: tiny events", 2000, func(n int) []byte {
			return bytes.Repeat([]byte(`{"detail-type":"x","detail":{}}`), n)
		}, op(eb, "k")},
		{"export: tiny lines", 5000, func(n int) []byte {
			return bytes.Repeat([]byte("2026-11-27T10:05:00.000Z x\n"), n)
		}, op(envelope.CloudWatchLogsExport(), exportKey)},
		{"export: one message of many lines", 5000, func(n int) []byte {
			return []byte("2026-11-27T10:05:00.000Z x\n" + strings.Repeat("y\n", n))
		}, op(envelope.CloudWatchLogsExport(), exportKey)},
		{"firelens: many parts of one message", 2000, func(n int) []byte {
			var b strings.Builder
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&b, `{"log":"x","container_id":"c","partial_message":"true","partial_id":"p","partial_ordinal":"%d","partial_last":"%v"}`+"\n", i, i == n)
			}
			return []byte(b.String())
		}, op(envelope.FireLens(), "k")},
		{"firelens: escapes in log", 20000, func(n int) []byte {
			return []byte(`{"log":"` + strings.Repeat(`\u00e9\"`, n) + `","container_id":"c"}`)
		}, op(envelope.FireLens(), "k")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lineartest.Check(t, tc.n, tc.input, tc.op)
		})
	}
}
