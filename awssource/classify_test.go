package awssource

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"syscall"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/siem-go/siem"
)

func httpStatus(code int) error {
	return &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: code}},
		Err:      errors.New("api error"),
	}}
}

func apiError(code string, status int) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: "GetObject", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: "from the service"},
		},
	}}
}

// truncatedGzipError is what reading a cut-off gzip stream returns.
func truncatedGzipError(t *testing.T) error {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bytes.Repeat([]byte("log line\n"), 1000))
	zw.Close()
	zr, err := gzip.NewReader(bytes.NewReader(buf.Bytes()[:buf.Len()/2]))
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.Copy(io.Discard, zr)
	if err == nil {
		t.Fatal("reading truncated gzip succeeded")
	}
	return err
}

func TestClassify(t *testing.T) {
	obj := siem.Object{Bucket: "b", Key: "k"}
	ref := ObjectRef{Bucket: "b", Key: "k"}
	objErr := func(err error) error {
		return &siem.ObjectError{Object: obj, Type: "cloudtrail", Records: 10, Err: err}
	}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: &os.SyscallError{Syscall: "read", Err: syscall.ECONNRESET}}
	tests := []struct {
		name string
		err  error
		want Class
	}{
		{"nil", nil, 0},
		{"SlowDown", &smithy.GenericAPIError{Code: "SlowDown"}, Retryable},
		{"ThrottlingException", &smithy.GenericAPIError{Code: "ThrottlingException"}, Retryable},
		{"InternalError 500", apiError("InternalError", 500), Retryable},
		{"ServiceUnavailable 503", apiError("ServiceUnavailable", 503), Retryable},
		{"RequestTimeout", apiError("RequestTimeout", 400), Retryable},
		{"NoSuchKey", apiError("NoSuchKey", 404), Permanent},
		{"NoSuchBucket", &smithy.GenericAPIError{Code: "NoSuchBucket"}, Permanent},
		{"AccessDenied", apiError("AccessDenied", 403), Permanent},
		{"InvalidObjectState (Glacier)", apiError("InvalidObjectState", 403), Permanent},
		{"PreconditionFailed", apiError("PreconditionFailed", 412), Permanent},
		{"unknown code, status 503", apiError("Weird", 503), Retryable},
		{"status 403", httpStatus(403), Permanent},
		{"status 412", httpStatus(412), Permanent},
		{"status 429", httpStatus(429), Retryable},
		{"status 502", httpStatus(502), Retryable},
		{"net timeout", &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}, Retryable},
		{"context deadline", fmt.Errorf("get: %w", context.DeadlineExceeded), Retryable},
		{"connection reset", reset, Retryable},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}, Retryable},
		{"unexpected EOF from a transport", fmt.Errorf("body: %w", io.ErrUnexpectedEOF), Retryable},
		{"sink fatal inside object error", objErr(fmt.Errorf("sink failed: %w; 5 records were read but not settled (neither indexed, excluded nor dead-lettered): process the object again once the cause is fixed", siem.Fatal(errors.New("disk full")))), Retryable},
		{"unsettled records without fatal", &siem.ObjectError{Object: obj, Type: "cloudtrail", Records: 10, Unsettled: 3, Err: errors.New("dead-letter sink failed: closed")}, Retryable},
		{"unknown type", fmt.Errorf("process: %w", &siem.UnknownTypeError{Object: obj}), Permanent},
		{"ambiguous type", &siem.AmbiguousTypeError{Object: obj, Types: []string{"a", "b"}}, Permanent},
		{"not events", &siem.NotEventsError{Object: obj, Type: "cloudtrail", Reason: "digest"}, Permanent},
		{"truncated gzip", objErr(truncatedGzipError(t)), Permanent},
		{"object error from NoSuchKey", objErr(&readError{ref: ref, msg: "GetObject failed", err: apiError("NoSuchKey", 404)}), Permanent},
		{"object error from a reset body", objErr(reset), Retryable},
		{"object error after resumes ran out", objErr(&readError{ref: ref, offset: 99, msg: "gave up", err: io.ErrUnexpectedEOF}), Retryable},
		{"malformed notification", malformed("SQS message %q: the body is not JSON", "m"), Permanent},
		{"object changed (ETag)", &readError{ref: ref, msg: "resuming failed", err: malformed("the object changed")}, Permanent},
		{"unrecognised", errors.New("something odd"), Retryable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.err); got != tt.want {
				t.Errorf("Classify(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
