package lambdatest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Values the runtime hands the function with every invocation.
const (
	FunctionName = "siem-test"
	FunctionARN  = "arn:aws:lambda:us-east-1:000000000000:function:" + FunctionName
	// MaxResponseBytes is Lambda's limit on a synchronous response; a
	// larger one is refused with 413 and the invocation fails with
	// ErrorTypeResponseTooLarge, as on Lambda.
	MaxResponseBytes = 6 << 20
	// ErrorTypeResponseTooLarge is the error type of an invocation whose
	// response exceeded MaxResponseBytes.
	ErrorTypeResponseTooLarge = "Function.ResponseSizeTooLarge"
)

// answerGrace is how long past its deadline an invocation is waited for:
// the handler sees its context expire at the deadline and needs a moment
// to report that.
const answerGrace = 2 * time.Second

// ErrNoAnswer is returned by Invoke when the function did not answer
// within the invocation's timeout (plus a short grace), for example
// because it hung or exited.
var ErrNoAnswer = errors.New("lambdatest: the function did not answer in time")

// Result is the function's answer to one invocation: the response body,
// or the error it reported.
type Result struct {
	RequestID string
	Payload   []byte
	Err       *ErrorPayload
}

// Runtime is a local Lambda runtime API for one function. It serves any
// number of invocations, one at a time per polling process.
type Runtime struct {
	srv      *httptest.Server
	queue    chan *invocation
	closed   chan struct{}
	initErrs chan ErrorPayload

	mu       sync.Mutex
	inflight map[string]*invocation // handed to the function, not yet answered
}

type invocation struct {
	id        string
	payload   []byte
	deadline  time.Time
	trace     string
	abandoned atomic.Bool
	done      chan Result // buffered: the answer never blocks on a gone Invoke
}

// NewRuntime starts a runtime API server on 127.0.0.1, stopped when the
// test ends.
func NewRuntime(t testing.TB) *Runtime {
	t.Helper()
	rt := &Runtime{
		queue:    make(chan *invocation, 64),
		closed:   make(chan struct{}),
		initErrs: make(chan ErrorPayload, 16),
		inflight: map[string]*invocation{},
	}
	mux := http.NewServeMux()
	const base = "/2018-06-01/runtime/"
	mux.HandleFunc("GET "+base+"invocation/next", rt.next)
	mux.HandleFunc("POST "+base+"invocation/{id}/response", rt.response)
	mux.HandleFunc("POST "+base+"invocation/{id}/error", rt.invocationError)
	mux.HandleFunc("POST "+base+"init/error", rt.initError)
	rt.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		// Release long polls first: Close waits for running handlers.
		close(rt.closed)
		rt.srv.CloseClientConnections()
		rt.srv.Close()
	})
	return rt
}

// Addr is the runtime's host:port, the value of AWS_LAMBDA_RUNTIME_API.
func (rt *Runtime) Addr() string { return strings.TrimPrefix(rt.srv.URL, "http://") }

// InitErrors delivers what the function posts to /runtime/init/error (at
// most 16 are kept until read).
func (rt *Runtime) InitErrors() <-chan ErrorPayload { return rt.initErrs }

// Invoke queues one invocation of payload, with a deadline timeout from
// now, and waits for the function's response or error. It returns an
// error wrapping ErrNoAnswer when nothing came back by the deadline (plus
// a short grace), or ctx's error when ctx ends first.
func (rt *Runtime) Invoke(ctx context.Context, payload []byte, timeout time.Duration) (Result, error) {
	if timeout <= 0 {
		return Result{}, fmt.Errorf("lambdatest: invoke timeout %v: give a positive duration (Lambda allows 1 s to 15 min)", timeout)
	}
	inv := &invocation{
		id:       newRequestID(),
		payload:  payload,
		deadline: time.Now().Add(timeout),
		trace:    newTraceID(),
		done:     make(chan Result, 1),
	}
	select {
	case rt.queue <- inv:
	case <-ctx.Done():
		return Result{}, fmt.Errorf("invocation %s: not queued: %w", inv.id, ctx.Err())
	}
	wait := time.NewTimer(timeout + answerGrace)
	defer wait.Stop()
	select {
	case res := <-inv.done:
		return res, nil
	case <-ctx.Done():
		rt.abandon(inv)
		return Result{}, fmt.Errorf("invocation %s: %w", inv.id, ctx.Err())
	case <-wait.C:
		rt.abandon(inv)
		return Result{}, fmt.Errorf("invocation %s: no response or error within its %v timeout plus %v; check that the function is running and polling %s (see Process.Logs): %w",
			inv.id, timeout, answerGrace, rt.Addr(), ErrNoAnswer)
	}
}

// abandon drops an invocation nobody waits for any more: not yet handed
// out, it is skipped; handed out, its late answer is refused.
func (rt *Runtime) abandon(inv *invocation) {
	inv.abandoned.Store(true)
	rt.mu.Lock()
	delete(rt.inflight, inv.id)
	rt.mu.Unlock()
}

func (rt *Runtime) next(w http.ResponseWriter, r *http.Request) {
	for {
		var inv *invocation
		select {
		case inv = <-rt.queue:
		case <-r.Context().Done():
			return
		case <-rt.closed:
			http.Error(w, "runtime shut down", http.StatusGone)
			return
		}
		if inv.abandoned.Load() {
			continue
		}
		rt.mu.Lock()
		rt.inflight[inv.id] = inv
		rt.mu.Unlock()
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(inv.deadline.UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", FunctionARN)
		h.Set("Lambda-Runtime-Trace-Id", inv.trace)
		w.WriteHeader(http.StatusOK)
		w.Write(inv.payload)
		return
	}
}

// take removes and returns the in-flight invocation id, or answers the
// request with the runtime API's InvalidRequestID error.
func (rt *Runtime) take(w http.ResponseWriter, r *http.Request) *invocation {
	id := r.PathValue("id")
	rt.mu.Lock()
	inv := rt.inflight[id]
	delete(rt.inflight, id)
	rt.mu.Unlock()
	if inv == nil {
		writeAPIError(w, http.StatusBadRequest, "InvalidRequestID", "request id "+strconv.Quote(id)+" is not in flight (unknown, already answered, or timed out)")
	}
	return inv
}

func (rt *Runtime) response(w http.ResponseWriter, r *http.Request) {
	inv := rt.take(w, r)
	if inv == nil {
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxResponseBytes+1))
	switch {
	case err != nil:
		inv.done <- Result{RequestID: inv.id, Err: &ErrorPayload{Type: "Runtime.TruncatedResponse", Message: "reading the response: " + err.Error()}}
		return
	case len(body) > MaxResponseBytes:
		msg := fmt.Sprintf("response payload size exceeded maximum allowed payload size (%d bytes)", MaxResponseBytes)
		inv.done <- Result{RequestID: inv.id, Err: &ErrorPayload{Type: ErrorTypeResponseTooLarge, Message: msg}}
		writeAPIError(w, http.StatusRequestEntityTooLarge, ErrorTypeResponseTooLarge, msg)
		return
	}
	// A streamed response that failed part-way carries its error in
	// trailers (aws-lambda-go does this); they are readable once the body
	// has been read to its end.
	if typ := r.Trailer.Get("Lambda-Runtime-Function-Error-Type"); typ != "" {
		raw, _ := base64.StdEncoding.DecodeString(r.Trailer.Get("Lambda-Runtime-Function-Error-Body"))
		e := ParseErrorPayload(raw, typ)
		inv.done <- Result{RequestID: inv.id, Err: &e}
	} else {
		inv.done <- Result{RequestID: inv.id, Payload: body}
	}
	accepted(w)
}

func (rt *Runtime) invocationError(w http.ResponseWriter, r *http.Request) {
	inv := rt.take(w, r)
	if inv == nil {
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, MaxResponseBytes))
	e := ParseErrorPayload(body, r.Header.Get("Lambda-Runtime-Function-Error-Type"))
	inv.done <- Result{RequestID: inv.id, Err: &e}
	accepted(w)
}

func (rt *Runtime) initError(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, MaxResponseBytes))
	select {
	case rt.initErrs <- ParseErrorPayload(body, r.Header.Get("Lambda-Runtime-Function-Error-Type")):
	default: // nobody reads them; keep the first ones
	}
	accepted(w)
}

func accepted(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	io.WriteString(w, `{"status":"OK"}`)
}

func writeAPIError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"errorType":%s,"errorMessage":%s}`, jsonString(typ), jsonString(msg))
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return b
}

// newRequestID returns a random id in the UUID form Lambda uses.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newTraceID returns an X-Ray trace header as Lambda passes it.
func newTraceID() string {
	var b [12]byte
	rand.Read(b[:])
	var p [8]byte
	rand.Read(p[:])
	return fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", time.Now().Unix(), hex.EncodeToString(b[:]), hex.EncodeToString(p[:]))
}
