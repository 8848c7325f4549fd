package awssource

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// GetObjectAPI is the part of *s3.Client the reader needs.
type GetObjectAPI interface {
	GetObject(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

// ReaderOptions tune OpenObject; the zero value is usable.
type ReaderOptions struct {
	// Resumes bounds the ranged requests after dropped connections for
	// one object; 0 means 5.
	Resumes int
	// Backoff returns the pause before resume n (n from 1); nil means
	// 100ms * 2^(n-1), capped at 5s.
	Backoff func(n int) time.Duration
}

const defaultResumes = 5

func defaultBackoff(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	if n > 7 { // 100ms * 2^6 already passes the cap
		return 5 * time.Second
	}
	return min(100*time.Millisecond<<(n-1), 5*time.Second)
}

// readError reports a failure to read an object's bytes from S3, with the
// object and the offset reached. Classify looks through it to the cause.
type readError struct {
	ref    ObjectRef
	offset int64
	msg    string
	err    error
}

func (e *readError) Error() string {
	return fmt.Sprintf("s3://%s/%s: at byte %d: %s: %v", e.ref.Bucket, e.ref.Key, e.offset, e.msg, e.err)
}

func (e *readError) Unwrap() error { return e.err }

// ObjectReader streams one S3 object, resuming after dropped connections.
// It is not safe for concurrent use.
type ObjectReader struct {
	ctx  context.Context
	api  GetObjectAPI
	ref  ObjectRef
	opts ReaderOptions

	body    io.ReadCloser
	etag    string // quoted, as S3 sends it, for If-Match
	size    int64  // -1 when the first response gave no length
	offset  int64  // bytes handed to the caller
	resumes int
	cause   error // why the current body broke, reported if resuming fails
	err     error // sticky: once set, every Read returns it
}

// OpenObject starts a streaming GetObject of ref (of ref.VersionID when it
// has one). When reading the body fails before its end (connection reset,
// unexpected EOF, timeout), the reader issues a ranged GetObject
// ("bytes=N-", with If-Match on the ETag of the first response, so that an
// object replaced meanwhile is a Permanent error rather than a silently
// mixed stream) and continues where it stopped: the caller sees one
// uninterrupted stream. A body shorter than its Content-Length is a
// dropped connection, not the end. Errors name s3://bucket/key and the
// byte offset. Close the reader when done.
func OpenObject(ctx context.Context, api GetObjectAPI, ref ObjectRef, opts ReaderOptions) (*ObjectReader, error) {
	if api == nil {
		return nil, fmt.Errorf("%s: no S3 client given (nil GetObjectAPI)", ref)
	}
	if ref.Bucket == "" || ref.Key == "" {
		return nil, malformed("%s: an object needs a bucket and a key", ref)
	}
	if opts.Resumes <= 0 {
		opts.Resumes = defaultResumes
	}
	if opts.Backoff == nil {
		opts.Backoff = defaultBackoff
	}
	r := &ObjectReader{ctx: ctx, api: api, ref: ref, opts: opts, size: -1}
	out, err := api.GetObject(ctx, r.input())
	if err != nil {
		return nil, &readError{ref: ref, msg: "GetObject failed", err: err}
	}
	r.body = out.Body
	r.etag = aws.ToString(out.ETag)
	if out.ContentLength != nil {
		r.size = *out.ContentLength
	}
	return r, nil
}

func (r *ObjectReader) input() *s3.GetObjectInput {
	in := &s3.GetObjectInput{Bucket: aws.String(r.ref.Bucket), Key: aws.String(r.ref.Key)}
	if r.ref.VersionID != "" {
		in.VersionId = aws.String(r.ref.VersionID)
	}
	return in
}

// Read reads the object's next bytes, resuming the download when the
// connection drops.
func (r *ObjectReader) Read(p []byte) (int, error) {
	for {
		if r.err != nil {
			return 0, r.err
		}
		if r.body == nil {
			if err := r.resume(); err != nil {
				r.err = err
				return 0, err
			}
			continue
		}
		if len(p) == 0 {
			return 0, nil
		}
		n, err := r.body.Read(p)
		r.offset += int64(n)
		switch {
		case err == nil:
			return n, nil
		case errors.Is(err, io.EOF) && (r.size < 0 || r.offset >= r.size):
			if r.size >= 0 && r.offset > r.size {
				r.err = &readError{ref: r.ref, offset: r.offset, msg: "read", err: fmt.Errorf("the body is longer than the %d bytes announced", r.size)}
				return n, r.err
			}
			return n, io.EOF
		case errors.Is(err, io.EOF):
			err = fmt.Errorf("the body ended before the %d bytes announced: %w", r.size, io.ErrUnexpectedEOF)
		}
		// The body broke: drop it, and resume on the next call so that
		// the bytes already read reach the caller first.
		r.cause = err
		r.body.Close()
		r.body = nil
		if n > 0 {
			return n, nil
		}
	}
}

// resume asks for the rest of the object, as often as the options allow.
func (r *ObjectReader) resume() error {
	for {
		if err := r.ctx.Err(); err != nil {
			return &readError{ref: r.ref, offset: r.offset, msg: "reading stopped (" + r.cause.Error() + ")", err: err}
		}
		if r.resumes >= r.opts.Resumes {
			return &readError{ref: r.ref, offset: r.offset, msg: "gave up after " + strconv.Itoa(r.resumes) + " ranged requests; process the object again later", err: r.cause}
		}
		r.resumes++
		if err := sleep(r.ctx, r.opts.Backoff(r.resumes)); err != nil {
			return &readError{ref: r.ref, offset: r.offset, msg: "reading stopped (" + r.cause.Error() + ")", err: err}
		}
		in := r.input()
		in.Range = aws.String("bytes=" + strconv.FormatInt(r.offset, 10) + "-")
		if r.etag != "" {
			in.IfMatch = aws.String(r.etag)
		}
		out, err := r.api.GetObject(r.ctx, in)
		if err != nil {
			if Classify(err) == Permanent {
				return &readError{ref: r.ref, offset: r.offset, msg: "resuming failed (the object may have changed since reading began; process it again from the start)", err: err}
			}
			r.cause = err
			continue
		}
		if err := r.check(out); err != nil {
			out.Body.Close()
			return err
		}
		r.body = out.Body
		return nil
	}
}

// check makes sure a ranged response continues the same object at the
// right place, in case a server ignored Range or If-Match.
func (r *ObjectReader) check(out *s3.GetObjectOutput) error {
	if r.etag != "" && out.ETag != nil && *out.ETag != r.etag {
		return &readError{ref: r.ref, offset: r.offset, msg: "resuming failed", err: malformed("the object changed while it was read (ETag %s, was %s); process it again from the start", *out.ETag, r.etag)}
	}
	want := "bytes " + strconv.FormatInt(r.offset, 10) + "-"
	if got := aws.ToString(out.ContentRange); !strings.HasPrefix(got, want) {
		return &readError{ref: r.ref, offset: r.offset, msg: "resuming failed", err: malformed("the ranged response covers %q, not %q...; the server does not honour Range", got, want)}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Close releases the current response body.
func (r *ObjectReader) Close() error {
	if r.err == nil {
		r.err = fmt.Errorf("%s: read after Close", r.ref)
	}
	if r.body == nil {
		return nil
	}
	err := r.body.Close()
	r.body = nil
	return err
}

// Resumes returns how many ranged requests the reader made.
func (r *ObjectReader) Resumes() int { return r.resumes }

// Size returns the object's size from the first response, or -1 when it
// gave none.
func (r *ObjectReader) Size() int64 { return r.size }
