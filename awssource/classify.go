package awssource

import (
	"context"
	"errors"
	"net"
	"strconv"
	"syscall"

	"github.com/aws/smithy-go"
	"github.com/siem-go/siem"
)

// Class is what a caller should do about an error.
type Class int

const (
	// Retryable errors may pass: throttling, timeouts, 5xx answers,
	// dropped connections, a cancelled or expired context, a sink that
	// could not take documents (siem.FatalError), an object whose run left
	// records unsettled. Fail the SQS message (or the invocation) so that
	// it comes back.
	Retryable Class = iota + 1
	// Permanent errors come back the same on every retry: a missing key or
	// bucket, access denied, an archived object (InvalidObjectState), an
	// object changed while it was read (412), an object of no known or of
	// several types, a broken object (such as truncated gzip), a malformed
	// notification. Log the error and let the message go.
	Permanent
)

// String returns "retryable", "permanent", or "none" for Class(0).
func (c Class) String() string {
	switch c {
	case 0:
		return "none"
	case Retryable:
		return "retryable"
	case Permanent:
		return "permanent"
	}
	return "class(" + strconv.Itoa(int(c)) + ")"
}

// Error codes of S3 (and AWS in general) whose answer never changes on
// retry.
var permanentCodes = map[string]bool{
	"NoSuchKey":                    true,
	"NoSuchBucket":                 true,
	"NoSuchVersion":                true,
	"NotFound":                     true,
	"AccessDenied":                 true,
	"AllAccessDisabled":            true,
	"InvalidObjectState":           true,
	"PreconditionFailed":           true,
	"InvalidRange":                 true,
	"InvalidBucketName":            true,
	"KMS.DisabledException":        true,
	"KMS.KMSInvalidStateException": true,
}

// Error codes of passing trouble.
var retryableCodes = map[string]bool{
	"SlowDown":                               true,
	"Throttling":                             true,
	"ThrottlingException":                    true,
	"ThrottledException":                     true,
	"RequestThrottled":                       true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"RequestLimitExceeded":                   true,
	"ProvisionedThroughputExceededException": true,
	"RequestTimeout":                         true,
	"RequestTimeoutException":                true,
	"InternalError":                          true,
	"ServiceUnavailable":                     true,
	"OperationAborted":                       true,
}

// Classify decides whether err may pass on retry. Classify(nil) returns
// Class(0).
//
// The order matters: what the package and the pipeline know for sure
// (malformed notifications, sink failures, unknown types) comes first,
// then the AWS error code, the HTTP status, then network trouble. An
// error the pipeline reports for an object (siem.ObjectError) that holds
// none of these is a broken object, such as truncated gzip, and is
// Permanent; any other unrecognised error is Retryable, so that data is
// never dropped on a guess (the queue's redrive policy bounds the
// retries).
func Classify(err error) Class {
	if err == nil {
		return 0
	}
	var bad *malformedError
	if errors.As(err, &bad) {
		return Permanent
	}
	var fatal *siem.FatalError
	if errors.As(err, &fatal) || unsettled(err) {
		return Retryable
	}
	var unknown *siem.UnknownTypeError
	var ambiguous *siem.AmbiguousTypeError
	var notEvents *siem.NotEventsError
	if errors.As(err, &unknown) || errors.As(err, &ambiguous) || errors.As(err, &notEvents) {
		return Permanent
	}
	if c := classifyAPI(err); c != 0 {
		return c
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return Retryable
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return Retryable
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) {
		return Retryable
	}
	// The object reader gave up on a body that kept breaking: the object
	// itself is fine as far as anyone knows.
	var re *readError
	if errors.As(err, &re) {
		return Retryable
	}
	// Within an object error, an early end of data (io.ErrUnexpectedEOF)
	// or any other error not recognised above comes from the object's own
	// bytes, such as truncated gzip: reading them again gives the same.
	var oe *siem.ObjectError
	if errors.As(err, &oe) {
		return Permanent
	}
	// Outside one, io.ErrUnexpectedEOF is a dropped connection, and an
	// unrecognised error is retried rather than dropped on a guess.
	return Retryable
}

// classifyAPI reads an AWS error code, then an HTTP status; it returns 0
// when err carries neither or they decide nothing.
func classifyAPI(err error) Class {
	var api smithy.APIError
	if errors.As(err, &api) {
		code := api.ErrorCode()
		switch {
		case permanentCodes[code]:
			return Permanent
		case retryableCodes[code]:
			return Retryable
		}
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		switch s := status.HTTPStatusCode(); {
		case s == 408 || s == 429 || s >= 500:
			return Retryable
		case s == 400 || s == 401 || s == 403 || s == 404 || s == 405 || s == 409 || s == 412 || s == 416:
			return Permanent
		}
	}
	return 0
}

// unsettled reports whether err is an object error whose run left records
// neither indexed, excluded nor dead-lettered.
func unsettled(err error) bool {
	var oe *siem.ObjectError
	return errors.As(err, &oe) && oe.Unsettled > 0
}
