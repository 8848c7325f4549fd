package awssource

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// fakeS3 speaks just enough S3 for GetObject: path-style GET with Range
// and If-Match, and a connection that drops after a number of bytes on the
// first requests.
type fakeS3 struct {
	t         *testing.T
	mu        sync.Mutex
	objects   map[string][]byte // "/bucket/key" -> content
	etags     map[string]string
	drops     int   // how many of the next responses drop the connection
	dropAfter int64 // bytes written before a drop
	requests  []fakeRequest
	// afterFirst runs once the first request has been answered.
	afterFirst func(f *fakeS3)
}

type fakeRequest struct{ path, rng, ifMatch, versionID string }

func newFakeS3(t *testing.T) *fakeS3 {
	return &fakeS3{t: t, objects: map[string][]byte{}, etags: map[string]string{}}
}

func (f *fakeS3) put(path string, content []byte) {
	f.objects[path] = content
	f.etags[path] = fmt.Sprintf(`"etag-%d-%d"`, len(content), len(f.etags))
}

func (f *fakeS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, fakeRequest{r.URL.Path, r.Header.Get("Range"), r.Header.Get("If-Match"), r.URL.Query().Get("versionId")})
	first := len(f.requests) == 1
	content, ok := f.objects[r.URL.Path]
	etag := f.etags[r.URL.Path]
	drop := f.drops > 0
	if drop {
		f.drops--
	}
	f.mu.Unlock()
	if first && f.afterFirst != nil {
		defer f.afterFirst(f)
	}
	if r.Method != http.MethodGet || !ok {
		writeS3Error(w, http.StatusNotFound, "NoSuchKey")
		return
	}
	if m := r.Header.Get("If-Match"); m != "" && m != etag {
		writeS3Error(w, http.StatusPreconditionFailed, "PreconditionFailed")
		return
	}
	status, start := http.StatusOK, int64(0)
	if rng := r.Header.Get("Range"); rng != "" {
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(rng, "bytes="), "-"), 10, 64)
		if err != nil || n >= int64(len(content)) {
			writeS3Error(w, http.StatusRequestedRangeNotSatisfiable, "InvalidRange")
			return
		}
		status, start = http.StatusPartialContent, n
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", n, len(content)-1, len(content)))
	}
	body := content[start:]
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if !drop || f.dropAfter >= int64(len(body)) {
		w.Write(body)
		return
	}
	w.Write(body[:f.dropAfter])
	w.(http.Flusher).Flush()
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		f.t.Errorf("hijack: %v", err)
		return
	}
	conn.Close()
}

func writeS3Error(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s from the fake</Message><RequestId>r1</RequestId></Error>`, code, code)
}

func newClient(url string) *s3.Client {
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(url),
		UsePathStyle: true,
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("a", "b", ""),
	})
}

func noBackoff(int) time.Duration { return 0 }

func TestOpenObjectResumes(t *testing.T) {
	content := make([]byte, 200_000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range content {
		content[i] = byte(rng.IntN(256))
	}
	tests := []struct {
		name      string
		drops     int
		dropAfter int64
		resumes   int // ReaderOptions.Resumes
		wantErr   string
	}{
		{"no drop", 0, 0, 0, ""},
		{"one drop", 1, 70_000, 0, ""},
		{"two drops", 2, 50_000, 0, ""},
		{"drop before any byte", 1, 0, 0, ""},
		{"more drops than resumes", 5, 10_000, 2, "s3://logs/dir/a b.gz: at byte 30000: gave up after 2 ranged requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeS3(t)
			fake.put("/logs/dir/a b.gz", content)
			fake.drops, fake.dropAfter = tt.drops, tt.dropAfter
			srv := httptest.NewServer(fake)
			defer srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()

			ref := ObjectRef{Bucket: "logs", Key: "dir/a b.gz", VersionID: "v7"}
			r, err := OpenObject(ctx, newClient(srv.URL), ref, ReaderOptions{Resumes: tt.resumes, Backoff: noBackoff})
			if err != nil {
				t.Fatalf("OpenObject: %v", err)
			}
			defer r.Close()
			if r.Size() != int64(len(content)) {
				t.Errorf("Size = %d, want %d", r.Size(), len(content))
			}
			got, err := io.ReadAll(r)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if c := Classify(err); c != Retryable {
					t.Errorf("Classify = %v, want retryable", c)
				}
				if !bytes.Equal(got, content[:len(got)]) {
					t.Errorf("the bytes before the failure differ from the object's")
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadAll: %v", err)
			}
			if !bytes.Equal(got, content) {
				t.Fatalf("got %d bytes, not the object's %d bytes", len(got), len(content))
			}
			if r.Resumes() != tt.drops {
				t.Errorf("Resumes = %d, want %d", r.Resumes(), tt.drops)
			}
			// Every request names the version; every ranged one continues
			// where the last stopped, on the first response's ETag.
			etag := fake.etags["/logs/dir/a b.gz"]
			for i, req := range fake.requests {
				if req.versionID != "v7" {
					t.Errorf("request %d: versionId %q, want v7", i, req.versionID)
				}
				if i == 0 {
					if req.rng != "" || req.ifMatch != "" {
						t.Errorf("first request: Range %q If-Match %q, want none", req.rng, req.ifMatch)
					}
					continue
				}
				if want := fmt.Sprintf("bytes=%d-", int64(i)*tt.dropAfter); req.rng != want || req.ifMatch != etag {
					t.Errorf("request %d: Range %q If-Match %q, want %q %q", i, req.rng, req.ifMatch, want, etag)
				}
			}
		})
	}
}

func TestOpenObjectChangedWhileReading(t *testing.T) {
	fake := newFakeS3(t)
	fake.put("/logs/k", bytes.Repeat([]byte("a"), 10_000))
	fake.drops, fake.dropAfter = 1, 4_000
	fake.afterFirst = func(f *fakeS3) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.put("/logs/k", bytes.Repeat([]byte("b"), 10_000))
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()

	r, err := OpenObject(context.Background(), newClient(srv.URL), ObjectRef{Bucket: "logs", Key: "k"}, ReaderOptions{Backoff: noBackoff})
	if err != nil {
		t.Fatalf("OpenObject: %v", err)
	}
	defer r.Close()
	got, err := io.ReadAll(r)
	if err == nil {
		t.Fatal("reading an object replaced mid-read succeeded")
	}
	for _, want := range []string{"s3://logs/k", "at byte 4000", "PreconditionFailed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if c := Classify(err); c != Permanent {
		t.Errorf("Classify = %v, want permanent", c)
	}
	if bytes.Contains(got, []byte("b")) {
		t.Error("bytes of the replacement object reached the reader")
	}
	if r.Resumes() != 1 {
		t.Errorf("Resumes = %d, want 1 (a 412 is not retried)", r.Resumes())
	}
}

func TestOpenObjectMissing(t *testing.T) {
	srv := httptest.NewServer(newFakeS3(t))
	defer srv.Close()
	_, err := OpenObject(context.Background(), newClient(srv.URL), ObjectRef{Bucket: "logs", Key: "gone"}, ReaderOptions{})
	if err == nil || !strings.Contains(err.Error(), "s3://logs/gone") || !strings.Contains(err.Error(), "NoSuchKey") {
		t.Fatalf("got %v, want a NoSuchKey error naming s3://logs/gone", err)
	}
	if c := Classify(err); c != Permanent {
		t.Errorf("Classify = %v, want permanent", c)
	}
}

// shortBodyAPI answers the first GetObject with a body that ends cleanly
// but short of its Content-Length, as a proxy cutting a connection might.
type shortBodyAPI struct {
	content []byte
	calls   []s3.GetObjectInput
}

func (a *shortBodyAPI) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	a.calls = append(a.calls, *in)
	if len(a.calls) == 1 {
		return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(a.content[:3])), ContentLength: aws.Int64(int64(len(a.content))), ETag: aws.String(`"e"`)}, nil
	}
	off, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(aws.ToString(in.Range), "bytes="), "-"))
	return &s3.GetObjectOutput{
		Body:          io.NopCloser(bytes.NewReader(a.content[off:])),
		ContentLength: aws.Int64(int64(len(a.content) - off)),
		ContentRange:  aws.String(fmt.Sprintf("bytes %d-%d/%d", off, len(a.content)-1, len(a.content))),
		ETag:          aws.String(`"e"`),
	}, nil
}

func TestOpenObjectShortBodyIsNotEOF(t *testing.T) {
	api := &shortBodyAPI{content: []byte("0123456789")}
	r, err := OpenObject(context.Background(), api, ObjectRef{Bucket: "b", Key: "k"}, ReaderOptions{Backoff: noBackoff})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || string(got) != "0123456789" {
		t.Fatalf("got %q, %v; want the whole object", got, err)
	}
	if len(api.calls) != 2 || aws.ToString(api.calls[1].Range) != "bytes=3-" || aws.ToString(api.calls[1].IfMatch) != `"e"` {
		t.Errorf("ranged request not as expected: %+v", api.calls)
	}
}

func TestOpenObjectCancelled(t *testing.T) {
	api := &shortBodyAPI{content: []byte("0123456789")}
	ctx, cancel := context.WithCancel(context.Background())
	r, err := OpenObject(ctx, api, ObjectRef{Bucket: "b", Key: "k"}, ReaderOptions{Backoff: noBackoff})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = io.ReadAll(r)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "s3://b/k: at byte 3") {
		t.Fatalf("got %v, want a cancellation naming s3://b/k at byte 3", err)
	}
	if Classify(err) != Retryable {
		t.Errorf("Classify = %v, want retryable", Classify(err))
	}
}

func TestOpenObjectBadArguments(t *testing.T) {
	if _, err := OpenObject(context.Background(), nil, ObjectRef{Bucket: "b", Key: "k"}, ReaderOptions{}); err == nil {
		t.Error("nil API accepted")
	}
	if _, err := OpenObject(context.Background(), &shortBodyAPI{}, ObjectRef{Bucket: "b"}, ReaderOptions{}); err == nil {
		t.Error("empty key accepted")
	}
}

func TestDefaultBackoff(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{{1, 100 * time.Millisecond}, {2, 200 * time.Millisecond}, {4, 800 * time.Millisecond}, {7, 5 * time.Second}, {60, 5 * time.Second}}
	for _, tt := range tests {
		if got := defaultBackoff(tt.n); got != tt.want {
			t.Errorf("defaultBackoff(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}
