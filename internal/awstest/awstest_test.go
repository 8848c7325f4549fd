package awstest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTB records Skip and Fatal instead of ending the test.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Skip(args ...any)               { f.skipped = fmt.Sprint(args...) }
func (f *fakeTB) Fatalf(format string, a ...any) { f.failed = fmt.Sprintf(format, a...) }

func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestURLSkipsOrFailsWithoutServer(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  string
		get  func(testing.TB) string
	}{
		{"S3", EnvS3URL, S3URL},
		{"SQS", EnvSQSURL, SQSURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := closedPort(t)
			t.Setenv(tc.env, url)

			t.Setenv(EnvRequire, "")
			tb := &fakeTB{TB: t}
			tc.get(tb)
			assert.Contains(t, tb.skipped, "make aws-servers-start")
			assert.Contains(t, tb.skipped, url)
			assert.Contains(t, tb.skipped, tc.name+" test server")
			assert.Empty(t, tb.failed)

			t.Setenv(EnvRequire, "1")
			tb = &fakeTB{TB: t}
			tc.get(tb)
			assert.Contains(t, tb.failed, "SIEM_REQUIRE_AWS_SERVERS=1 makes this a failure")
			assert.Empty(t, tb.skipped)
		})
	}
}

func TestURLAcceptsAnsweringServer(t *testing.T) {
	// An S3 server that checks signatures answers an anonymous probe 403;
	// that still counts as present. A 5xx does not.
	for _, tc := range []struct {
		name    string
		env     string
		get     func(testing.TB) string
		status  int
		present bool
	}{
		{"S3 403", EnvS3URL, S3URL, http.StatusForbidden, true},
		{"S3 503", EnvS3URL, S3URL, http.StatusServiceUnavailable, false},
		{"SQS 200", EnvSQSURL, SQSURL, http.StatusOK, true},
		{"SQS 400", EnvSQSURL, SQSURL, http.StatusBadRequest, true},
		{"SQS 502", EnvSQSURL, SQSURL, http.StatusBadGateway, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			t.Setenv(tc.env, srv.URL+"/")
			t.Setenv(EnvRequire, "")
			tb := &fakeTB{TB: t}
			got := tc.get(tb)
			if tc.present {
				assert.Equal(t, srv.URL, got)
				assert.Empty(t, tb.skipped+tb.failed)
			} else {
				assert.Contains(t, tb.skipped, "answered")
			}
		})
	}
}

func TestUniqueNameFitsLimits(t *testing.T) {
	lower := func(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }
	for _, tc := range []struct {
		prefix string
		max    int
	}{
		{"Raw_Logs", 63},
		{"", 63},
		{"---", 63},
		{strings.Repeat("x", 200), 63},
		{"queue", 80},
	} {
		name := uniqueName(t, tc.prefix, tc.max, lower)
		assert.LessOrEqual(t, len(name), tc.max, name)
		assert.GreaterOrEqual(t, len(name), 3, name)
		assert.NotEqual(t, '-', rune(name[0]), name)
		for _, r := range name {
			assert.True(t, lower(r) || r == '-', "%q in %s", r, name)
		}
	}
	a, b := uniqueName(t, "p", 63, lower), uniqueName(t, "p", 63, lower)
	assert.NotEqual(t, a, b)
}

func TestEnvNamesBothServers(t *testing.T) {
	s3URL, sqsURL := S3URL(t), SQSURL(t)
	env := Env(t)
	assert.Contains(t, env, "AWS_ENDPOINT_URL_S3="+s3URL)
	assert.Contains(t, env, "AWS_ENDPOINT_URL_SQS="+sqsURL)
	assert.Contains(t, env, "AWS_REGION=us-east-1")
	assert.Contains(t, env, "AWS_ACCESS_KEY_ID="+AccessKeyID)
	assert.Contains(t, env, "AWS_SECRET_ACCESS_KEY="+SecretAccessKey)
	assert.Contains(t, env, "AWS_EC2_METADATA_DISABLED=true")
}

func getObject(ctx context.Context, c *s3.Client, bucket, key, rng string) ([]byte, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if rng != "" {
		in.Range = aws.String(rng)
	}
	out, err := c.GetObject(ctx, in)
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func TestS3BucketPutGet(t *testing.T) {
	bucket := Bucket(t, "roundtrip")
	body := []byte("line one\nline two\n")
	Put(t, bucket, "AWSLogs/1/a b.log", body)

	ctx := context.Background()
	got, err := getObject(ctx, S3Client(t), bucket, "AWSLogs/1/a b.log", "")
	require.NoError(t, err)
	assert.Equal(t, body, got)

	list, err := S3Client(t).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, "AWSLogs/1/a b.log", aws.ToString(list.Contents[0].Key))
}

func TestS3RejectsWrongSignature(t *testing.T) {
	// The server must check signatures, or tests could not catch a
	// program that signs with the wrong credentials.
	bucket := Bucket(t, "auth")
	cfg := Config(t)
	cfg.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: "wrong-secret"}, nil
	})
	bad := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(S3URL(t))
		o.UsePathStyle = true
	})
	_, err := bad.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SignatureDoesNotMatch")
}

func TestBucketCleanupDeletesObjects(t *testing.T) {
	var bucket string
	t.Run("inner", func(t *testing.T) {
		bucket = Bucket(t, "cleanup")
		Put(t, bucket, "k1", []byte("x"))
		Put(t, bucket, "dir/k2", []byte("y"))
	})
	_, err := S3Client(t).HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	require.Error(t, err, "bucket %s should be gone after its test", bucket)
}

func TestSQSQueueSendReceive(t *testing.T) {
	url := Queue(t, "events")
	c := SQSClient(t)
	ctx := context.Background()
	_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(`{"Records":[]}`)})
	require.NoError(t, err)
	out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 2})
	require.NoError(t, err)
	require.Len(t, out.Messages, 1)
	assert.Equal(t, `{"Records":[]}`, aws.ToString(out.Messages[0].Body))
	_, err = c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: out.Messages[0].ReceiptHandle})
	require.NoError(t, err)
}

func TestQueueCleanupDeletesQueue(t *testing.T) {
	var url string
	t.Run("inner", func(t *testing.T) { url = Queue(t, "cleanup") })
	_, err := SQSClient(t).GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url)})
	require.Error(t, err, "queue %s should be gone after its test", url)
}

func TestDropProxyCutsGetObject(t *testing.T) {
	bucket := Bucket(t, "drop")
	body := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	Put(t, bucket, "big.log", body)

	proxy, err := NewDropProxy(S3URL(t))
	require.NoError(t, err)
	defer proxy.Close()
	client := S3ClientFor(t, proxy.URL())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Nothing is cut before DropNext.
	got, err := getObject(ctx, client, bucket, "big.log", "")
	require.NoError(t, err)
	assert.Equal(t, body, got)

	proxy.DropNext(1, 1000)

	// A ranged GET shorter than the cut point passes whole and keeps the
	// drop for the next long body.
	got, err = getObject(ctx, client, bucket, "big.log", "bytes=16-47")
	require.NoError(t, err)
	assert.Equal(t, body[16:48], got)
	assert.Zero(t, proxy.Drops())

	// The full body is cut after 1000 bytes: the client gets the headers,
	// then an error while reading.
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("big.log")})
	require.NoError(t, err)
	partial, err := io.ReadAll(out.Body)
	out.Body.Close()
	require.Error(t, err)
	assert.Equal(t, body[:1000], partial)
	assert.EqualValues(t, 1, proxy.Drops())

	// Resuming with a range from where the cut happened succeeds: the
	// drop was used up.
	got, err = getObject(ctx, client, bucket, "big.log", fmt.Sprintf("bytes=%d-", len(partial)))
	require.NoError(t, err)
	assert.Equal(t, body[1000:], got)
	assert.EqualValues(t, 1, proxy.Drops())

	// Writes pass through the proxy untouched, signatures included.
	_, err = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("via-proxy"), Body: bytes.NewReader([]byte("ok"))})
	require.NoError(t, err)
}

func TestDropProxyCutsRightAfterHeaders(t *testing.T) {
	bucket := Bucket(t, "drop0")
	Put(t, bucket, "k", []byte("some body"))
	proxy, err := NewDropProxy(S3URL(t))
	require.NoError(t, err)
	defer proxy.Close()
	client := S3ClientFor(t, proxy.URL())
	proxy.DropNext(2, 0)
	for range 2 {
		out, err := client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("k")})
		require.NoError(t, err)
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		require.Error(t, err)
		assert.Empty(t, got)
	}
	assert.EqualValues(t, 2, proxy.Drops())
	got, err := getObject(context.Background(), client, bucket, "k", "")
	require.NoError(t, err)
	assert.Equal(t, "some body", string(got))
}

func TestNewDropProxyRejectsBadTarget(t *testing.T) {
	for _, target := range []string{"", "127.0.0.1:7070", "://x"} {
		_, err := NewDropProxy(target)
		assert.Error(t, err, target)
	}
}
