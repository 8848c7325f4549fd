package lambdatest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildDir  string
	buildOnce sync.Once
	buildErr  error
	buildOut  []byte
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lambdatest-fn-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// function builds testdata/fn once per test binary, as a Lambda
// bootstrap is built.
func function(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(buildDir, "bootstrap")
	buildOnce.Do(func() {
		cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, "./testdata/fn")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	require.NoError(t, buildErr, "go build ./testdata/fn: %s", buildOut)
	return bin
}

type answer struct {
	Event        json.RawMessage `json:"event"`
	Greeting     string          `json:"greeting"`
	RequestID    string          `json:"request_id"`
	FunctionARN  string          `json:"function_arn"`
	FunctionName string          `json:"function_name"`
	MemoryMB     int             `json:"memory_mb"`
	Version      string          `json:"version"`
	DeadlineMS   int64           `json:"deadline_ms"`
	TraceID      string          `json:"trace_id"`
}

func invoke(t *testing.T, rt *Runtime, payload string, timeout time.Duration) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := rt.Invoke(ctx, []byte(payload), timeout)
	require.NoError(t, err)
	return res
}

func TestEchoInvocations(t *testing.T) {
	rt := NewRuntime(t)
	p := rt.Start(t, function(t), []string{"SIEM_TEST_GREETING=hello"})
	seen := map[string]bool{}
	for i := range 3 {
		payload := fmt.Sprintf(`{"n":%d}`, i)
		before := time.Now()
		res := invoke(t, rt, payload, 30*time.Second)
		require.Nil(t, res.Err, "invocation %d failed: %v", i, res.Err)
		var a answer
		require.NoError(t, json.Unmarshal(res.Payload, &a), "%s", res.Payload)
		assert.JSONEq(t, payload, string(a.Event))
		assert.Equal(t, "hello", a.Greeting)
		assert.Equal(t, res.RequestID, a.RequestID)
		assert.Equal(t, FunctionARN, a.FunctionARN)
		assert.Equal(t, "siem-test", a.FunctionName)
		assert.Equal(t, 512, a.MemoryMB)
		assert.Equal(t, "$LATEST", a.Version)
		assert.InDelta(t, before.Add(30*time.Second).UnixMilli(), a.DeadlineMS, 5000)
		assert.True(t, strings.HasPrefix(a.TraceID, "Root=1-"), a.TraceID)
		assert.False(t, seen[a.RequestID], "request id %s used twice", a.RequestID)
		seen[a.RequestID] = true
		assert.True(t, p.WaitLogs("fn: invocation "+a.RequestID, 10*time.Second), "logs: %s", p.Logs())
	}
	assert.Equal(t, -1, p.ExitCode(), "the function should still be polling")
}

func TestFunctionErrors(t *testing.T) {
	rt := NewRuntime(t)
	p := rt.Start(t, function(t), []string{"SIEM_TEST_GREETING=hi"})
	for _, tc := range []struct {
		name     string
		payload  string
		timeout  time.Duration
		wantType string
		wantMsg  string
	}{
		{"returned error", `{"fail":"bucket is gone"}`, 10 * time.Second, "errorString", "bucket is gone"},
		{"wrapped error", `[1,2]`, 10 * time.Second, "wrapError", "fn: event is not a JSON object"},
		{"deadline", `{"hang":true}`, time.Second, "deadlineExceededError", "context deadline exceeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := invoke(t, rt, tc.payload, tc.timeout)
			require.NotNil(t, res.Err, "payload %s", res.Payload)
			assert.Nil(t, res.Payload)
			assert.Equal(t, tc.wantType, res.Err.Type)
			assert.Contains(t, res.Err.Message, tc.wantMsg)
			assert.Contains(t, string(res.Err.Body), `"errorMessage"`)
		})
	}
	// A returned error leaves the process serving.
	res := invoke(t, rt, `{}`, 10*time.Second)
	assert.Nil(t, res.Err)
	assert.Equal(t, -1, p.ExitCode())
}

func TestPanicEndsTheProcess(t *testing.T) {
	rt := NewRuntime(t)
	p := rt.Start(t, function(t), []string{"SIEM_TEST_GREETING=hi"})
	res := invoke(t, rt, `{"panic":"index out of range"}`, 10*time.Second)
	require.NotNil(t, res.Err)
	assert.Equal(t, "index out of range", res.Err.Message)
	select {
	case err := <-p.Exited():
		assert.Error(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the function did not exit after a panic")
	}
}

func TestResponseTooLarge(t *testing.T) {
	rt := NewRuntime(t)
	rt.Start(t, function(t), []string{"SIEM_TEST_GREETING=hi"})
	res := invoke(t, rt, fmt.Sprintf(`{"size":%d}`, MaxResponseBytes), 30*time.Second)
	require.NotNil(t, res.Err)
	assert.Equal(t, ErrorTypeResponseTooLarge, res.Err.Type)
}

func TestInitFailureExits(t *testing.T) {
	// aws-lambda-go posts nothing to /runtime/init/error: a program that
	// fails before lambda.Start just exits.
	rt := NewRuntime(t)
	p := rt.Start(t, function(t), nil)
	select {
	case err := <-p.Exited():
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		assert.Equal(t, 3, exit.ExitCode())
	case <-time.After(10 * time.Second):
		t.Fatal("the function without its configuration did not exit")
	}
	assert.Equal(t, 3, p.ExitCode())
	assert.Contains(t, p.Logs(), "SIEM_TEST_GREETING is not set")
	assert.False(t, p.WaitLogs("fn: invocation", 50*time.Millisecond))
	select {
	case e := <-rt.InitErrors():
		t.Errorf("unexpected init error %v", &e)
	default:
	}
	// With nobody polling, an invocation gets no answer.
	_, err := rt.Invoke(context.Background(), []byte(`{}`), 100*time.Millisecond)
	assert.ErrorIs(t, err, ErrNoAnswer)
}

func TestTwoProcessesShareTheQueue(t *testing.T) {
	rt := NewRuntime(t)
	for range 2 {
		rt.Start(t, function(t), []string{"SIEM_TEST_GREETING=hi"})
	}
	var wg sync.WaitGroup
	results := make([]Result, 6)
	errs := make([]error, 6)
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = rt.Invoke(context.Background(), fmt.Appendf(nil, `{"n":%d}`, i), 30*time.Second)
		})
	}
	wg.Wait()
	for i, res := range results {
		require.NoError(t, errs[i])
		require.Nil(t, res.Err)
		var a answer
		require.NoError(t, json.Unmarshal(res.Payload, &a))
		assert.JSONEq(t, fmt.Sprintf(`{"n":%d}`, i), string(a.Event))
	}
}

// post plays the function's side of the API by hand.
func post(t *testing.T, rt *Runtime, path, errType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://"+rt.Addr()+"/2018-06-01/runtime/"+path, strings.NewReader(body))
	require.NoError(t, err)
	if errType != "" {
		req.Header.Set("Lambda-Runtime-Function-Error-Type", errType)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

func nextByHand(t *testing.T, rt *Runtime) (string, []byte) {
	t.Helper()
	res, err := http.Get("http://" + rt.Addr() + "/2018-06-01/runtime/invocation/next")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	body, _ := io.ReadAll(res.Body)
	return res.Header.Get("Lambda-Runtime-Aws-Request-Id"), body
}

func TestRuntimeAPIByHand(t *testing.T) {
	rt := NewRuntime(t)

	status, body := post(t, rt, "init/error", "Runtime.ConfigError", `{"errorMessage":"SIEM_INDEX is not set","errorType":"ConfigError"}`)
	assert.Equal(t, http.StatusAccepted, status, body)
	select {
	case e := <-rt.InitErrors():
		assert.Equal(t, "ConfigError", e.Type)
		assert.Equal(t, "SIEM_INDEX is not set", e.Message)
	default:
		t.Fatal("init error not delivered")
	}

	status, body = post(t, rt, "invocation/no-such-id/response", "", `{}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `"errorType":"InvalidRequestID"`)

	// An error body that is not JSON keeps the header's type.
	done := make(chan Result, 1)
	go func() {
		res, err := rt.Invoke(context.Background(), []byte(`{"x":1}`), 10*time.Second)
		assert.NoError(t, err)
		done <- res
	}()
	id, payload := nextByHand(t, rt)
	assert.Equal(t, `{"x":1}`, string(payload))
	status, _ = post(t, rt, "invocation/"+id+"/error", "Runtime.Unknown", "plain text")
	assert.Equal(t, http.StatusAccepted, status)
	res := <-done
	require.NotNil(t, res.Err)
	assert.Equal(t, "Runtime.Unknown", res.Err.Type)
	assert.Equal(t, "plain text", string(res.Err.Body))

	// A second answer to the same invocation is refused.
	status, body = post(t, rt, "invocation/"+id+"/response", "", `{}`)
	assert.Equal(t, http.StatusBadRequest, status, body)
}

func TestLateAnswerIsRefused(t *testing.T) {
	rt := NewRuntime(t)
	errc := make(chan error, 1)
	go func() {
		_, err := rt.Invoke(context.Background(), []byte(`{}`), 10*time.Millisecond)
		errc <- err
	}()
	id, _ := nextByHand(t, rt)
	err := <-errc
	assert.ErrorIs(t, err, ErrNoAnswer)
	assert.Contains(t, err.Error(), id)
	status, body := post(t, rt, "invocation/"+id+"/response", "", `{}`)
	assert.Equal(t, http.StatusBadRequest, status, body)
}

func TestInvokeArguments(t *testing.T) {
	rt := NewRuntime(t)
	_, err := rt.Invoke(context.Background(), nil, 0)
	assert.ErrorContains(t, err, "positive duration")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = rt.Invoke(ctx, nil, time.Second)
	assert.ErrorIs(t, err, context.Canceled)

	// An abandoned invocation is never handed out later.
	errc := make(chan error, 1)
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	go func() {
		_, err := rt.Invoke(ctx, []byte(`"stale"`), time.Minute)
		errc <- err
	}()
	assert.ErrorIs(t, <-errc, context.DeadlineExceeded)
	go rt.Invoke(context.Background(), []byte(`"fresh"`), time.Minute)
	_, payload := nextByHand(t, rt)
	assert.Equal(t, `"fresh"`, string(payload))
}

func TestParseErrorPayload(t *testing.T) {
	for _, tc := range []struct {
		name, body, header string
		want               ErrorPayload
	}{
		{"documented body", `{"errorMessage":"m","errorType":"T","stackTrace":[]}`, "", ErrorPayload{Type: "T", Message: "m"}},
		{"body type wins", `{"errorMessage":"m","errorType":"T"}`, "H", ErrorPayload{Type: "T", Message: "m"}},
		{"header when body has no type", `{"errorMessage":"m"}`, "H", ErrorPayload{Type: "H", Message: "m"}},
		{"not JSON", `oops`, "H", ErrorPayload{Type: "H"}},
		{"not an object", `["m"]`, "", ErrorPayload{}},
		{"wrong field types", `{"errorMessage":1,"errorType":{}}`, "H", ErrorPayload{Type: "H"}},
		{"empty", ``, "", ErrorPayload{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ParseErrorPayload([]byte(tc.body), tc.header)
			assert.Equal(t, tc.want.Type, got.Type)
			assert.Equal(t, tc.want.Message, got.Message)
			assert.Equal(t, tc.body, string(got.Body))
		})
	}
	e := &ErrorPayload{Type: "T", Message: "m"}
	assert.Equal(t, "T: m", e.Error())
}

func FuzzParseErrorPayload(f *testing.F) {
	for _, seed := range []string{
		`{"errorMessage":"m","errorType":"T","stackTrace":[{"path":"a.go","line":1,"label":"f"}]}`,
		`{"errorMessage":"\u00e9\ud83d\ude00"}`,
		`{"errorType":null}`,
		`[]`, `""`, `{`, "\xff\xfe",
	} {
		f.Add([]byte(seed), "Runtime.Unknown")
	}
	f.Fuzz(func(t *testing.T, body []byte, header string) {
		got := ParseErrorPayload(body, header)
		if !bytes.Equal(got.Body, body) {
			t.Fatalf("Body %q, want the input %q", got.Body, body)
		}
		if got.Type == "" && header != "" {
			t.Fatalf("header type %q lost", header)
		}
		if got.Message != "" && !strings.Contains(string(body), "errorMessage") {
			t.Fatalf("message %q from a body without errorMessage", got.Message)
		}
		_ = got.Error()
	})
}
