package awstest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Environment variables the integration tests read.
const (
	// EnvS3URL names the S3 server; DefaultS3URL when unset.
	EnvS3URL = "SIEM_S3_URL"
	// EnvSQSURL names the SQS server; DefaultSQSURL when unset.
	EnvSQSURL = "SIEM_SQS_URL"
	// EnvRequire set to 1 turns a missing server into a test failure. CI
	// sets it, so that integration tests never pass by skipping.
	EnvRequire = "SIEM_REQUIRE_AWS_SERVERS"
)

// The servers `make aws-servers-start` runs.
const (
	DefaultS3URL  = "http://127.0.0.1:7070"
	DefaultSQSURL = "http://127.0.0.1:9324"
)

// The credentials and region the local servers accept. They are the
// root credentials awsservers/start.sh gives the S3 server; the SQS
// server accepts any.
const (
	AccessKeyID     = "siemtest"
	SecretAccessKey = "siemtest-secret"
	Region          = "us-east-1"
)

var probes sync.Map // url -> *probe

type probe struct {
	once sync.Once
	err  error
}

// S3URL returns the address of the S3 test server. When the server does
// not answer, the test is skipped with a message saying how to start it,
// or fails when SIEM_REQUIRE_AWS_SERVERS=1. The server is probed once per
// process.
func S3URL(t testing.TB) string {
	t.Helper()
	return serverURL(t, "S3", EnvS3URL, DefaultS3URL, probeS3)
}

// SQSURL returns the address of the SQS test server, like S3URL.
func SQSURL(t testing.TB) string {
	t.Helper()
	return serverURL(t, "SQS", EnvSQSURL, DefaultSQSURL, probeSQS)
}

func serverURL(t testing.TB, name, env, def string, check func(url string) error) string {
	t.Helper()
	url := strings.TrimRight(os.Getenv(env), "/")
	if url == "" {
		url = def
	}
	p, _ := probes.LoadOrStore(name+" "+url, &probe{})
	pr := p.(*probe)
	pr.once.Do(func() { pr.err = check(url) })
	if pr.err != nil {
		msg := fmt.Sprintf("%s test server not available at %s (%v); start it with `make aws-servers-start` (or point %s at a server) to run the integration tests", name, url, pr.err, env)
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s; %s=1 makes this a failure", msg, EnvRequire)
			return ""
		}
		t.Skip(msg)
	}
	return url
}

var probeClient = &http.Client{Timeout: 10 * time.Second}

// probeS3 accepts any HTTP answer to an anonymous GET /: an S3 server
// that checks signatures answers 403, which still proves it is there. A
// refused connection fails at once: nothing is starting there.
func probeS3(url string) error {
	res, err := probeClient.Get(url + "/")
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode >= 500 {
		return fmt.Errorf("GET / answered %s", res.Status)
	}
	return nil
}

// probeSQS sends an unsigned ListQueues in the JSON protocol the SDK
// speaks; an answer of any status shows a server is there.
func probeSQS(url string) error {
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader("{}"))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "AmazonSQS.ListQueues")
	res, err := probeClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode >= 500 {
		return fmt.Errorf("ListQueues answered %s", res.Status)
	}
	return nil
}

// Config returns an SDK configuration with the test credentials and
// region. It reads nothing from the environment or ~/.aws, so a
// developer's own AWS settings never leak into a test.
func Config(t testing.TB) aws.Config {
	t.Helper()
	return aws.Config{
		Region:      Region,
		Credentials: credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, ""),
	}
}

// S3Client returns a client for the S3 test server. It uses path-style
// addressing: bucket host names do not resolve on 127.0.0.1.
func S3Client(t testing.TB) *s3.Client {
	t.Helper()
	return S3ClientFor(t, S3URL(t))
}

// S3ClientFor returns a client like S3Client's that sends its requests to
// endpoint, for example a DropProxy's URL.
func S3ClientFor(t testing.TB, endpoint string) *s3.Client {
	t.Helper()
	return s3.NewFromConfig(Config(t), func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
	})
}

// SQSClient returns a client for the SQS test server.
func SQSClient(t testing.TB) *sqs.Client {
	t.Helper()
	url := SQSURL(t)
	return sqs.NewFromConfig(Config(t), func(o *sqs.Options) {
		o.BaseEndpoint = aws.String(url)
	})
}

// Env returns the environment a child process needs to reach the test
// servers through the SDK's standard variables, as KEY=value strings.
// Programs must still set UsePathStyle for S3 when an endpoint is given.
func Env(t testing.TB) []string {
	t.Helper()
	return []string{
		"AWS_ENDPOINT_URL_S3=" + S3URL(t),
		"AWS_ENDPOINT_URL_SQS=" + SQSURL(t),
		"AWS_ACCESS_KEY_ID=" + AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + SecretAccessKey,
		"AWS_REGION=" + Region,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// testContext bounds the requests the helpers make on a test's behalf.
func testContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Minute)
}
