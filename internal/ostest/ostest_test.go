package ostest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

func TestURLSkipsOrFailsWithoutNode(t *testing.T) {
	url := closedPort(t)
	t.Setenv(EnvURL, url)

	t.Setenv(EnvRequire, "")
	tb := &fakeTB{TB: t}
	URL(tb)
	assert.Contains(t, tb.skipped, "make opensearch-start")
	assert.Contains(t, tb.skipped, url)
	assert.Empty(t, tb.failed)

	t.Setenv(EnvRequire, "1")
	tb = &fakeTB{TB: t}
	URL(tb)
	assert.Contains(t, tb.failed, "SIEM_REQUIRE_OPENSEARCH=1 makes this a failure")
	assert.Empty(t, tb.skipped)
}

func TestURLAcceptsHealthyNode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/_cluster/health", r.URL.Path)
		w.Write([]byte(`{"status":"yellow","timed_out":false}`))
	}))
	defer srv.Close()
	t.Setenv(EnvURL, srv.URL+"/")
	tb := &fakeTB{TB: t}
	assert.Equal(t, srv.URL, URL(tb))
	assert.Empty(t, tb.skipped+tb.failed)
}

// backend is a stand-in node that answers bulk requests with one success
// item per document and counts the documents it received.
type backend struct {
	srv  *httptest.Server
	docs atomic.Int64
	reqs atomic.Int64
}

func newBackend(t *testing.T) *backend {
	b := &backend{}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.reqs.Add(1)
		body, err := readBody(r)
		require.NoError(t, err)
		n := bytes.Count(body, []byte("\n")) / 2
		b.docs.Add(int64(n))
		items := make([]string, n)
		for i := range items {
			items[i] = `{"index":{"status":201}}`
		}
		fmt.Fprintf(w, `{"errors":false,"items":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func bulkBody(n int, zip bool) (io.Reader, string) {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "{\"index\":{\"_index\":\"x\",\"_id\":\"%d\"}}\n{\"n\":%d}\n", i, i)
	}
	if !zip {
		return &b, ""
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b.Bytes())
	zw.Close()
	return &z, "gzip"
}

func post(t *testing.T, url string, n int) (int, []byte, error) {
	body, enc := bulkBody(n, true)
	req, err := http.NewRequest(http.MethodPost, url+"/_bulk", body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if enc != "" {
		req.Header.Set("Content-Encoding", enc)
	}
	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out, nil
}

func TestProxyFaults(t *testing.T) {
	b := newBackend(t)
	p, err := NewFaultProxy(b.srv.URL, Plan{First429: 2, EveryDropBefore: 5, EveryDropAfter: 6, Every503: 4})
	require.NoError(t, err)
	defer p.Close()

	want := []struct {
		status int
		err    bool
	}{
		{429, false}, {429, false}, {200, false}, {503, false}, {0, true}, {0, true}, {200, false}, {503, false},
	}
	for i, w := range want {
		status, _, err := post(t, p.URL(), 3)
		if w.err {
			assert.Error(t, err, "request %d", i+1)
		} else {
			require.NoError(t, err, "request %d", i+1)
			assert.Equal(t, w.status, status, "request %d", i+1)
		}
	}
	assert.EqualValues(t, 8, p.Requests())
	assert.EqualValues(t, 2, p.Faults(TooManyRequests))
	assert.EqualValues(t, 2, p.Faults(Unavailable))
	assert.EqualValues(t, 1, p.Faults(DropBefore))
	assert.EqualValues(t, 1, p.Faults(DropAfter))
	assert.EqualValues(t, 3, b.reqs.Load(), "requests 3, 6 (dropped after) and 7 reached the node")
	assert.EqualValues(t, 3, p.Forwarded())

	// Requests that are not bulk writes pass untouched.
	res, err := http.Get(p.URL() + "/_cluster/health")
	require.NoError(t, err)
	res.Body.Close()
	assert.EqualValues(t, 8, p.Requests())
	assert.EqualValues(t, 4, p.Forwarded())
	assert.Contains(t, p.String(), "8 requests, 4 forwarded, 2×429, 2×503")
}

func TestProxyThrottlesItems(t *testing.T) {
	b := newBackend(t)
	p, err := NewFaultProxy(b.srv.URL, Plan{ThrottleEveryItem: 3})
	require.NoError(t, err)
	defer p.Close()
	status, body, err := post(t, p.URL(), 7)
	require.NoError(t, err)
	require.Equal(t, 200, status, "%s", body)
	var resp struct {
		Errors bool `json:"errors"`
		Items  []map[string]struct {
			Status int `json:"status"`
		} `json:"items"`
	}
	require.NoError(t, json.Unmarshal(body, &resp))
	assert.True(t, resp.Errors)
	var statuses []int
	for _, it := range resp.Items {
		statuses = append(statuses, it["index"].Status)
	}
	assert.Equal(t, []int{201, 201, 429, 201, 201, 429, 201}, statuses)
	assert.EqualValues(t, 5, b.docs.Load(), "throttled documents never reach the node")
	assert.EqualValues(t, 2, p.Throttled())
}

func TestProxyOutageRefusesThenRecovers(t *testing.T) {
	b := newBackend(t)
	p, err := NewFaultProxy(b.srv.URL, Plan{OutageAfter: 1, OutageFor: 300 * time.Millisecond})
	require.NoError(t, err)
	defer p.Close()

	_, _, err = post(t, p.URL(), 2)
	assert.Error(t, err, "the request that starts the outage loses its answer")
	assert.EqualValues(t, 1, b.reqs.Load(), "but the node did the work")

	_, err = net.DialTimeout("tcp", strings.TrimPrefix(p.URL(), "http://"), time.Second)
	assert.Error(t, err, "connections are refused during the outage")

	time.Sleep(500 * time.Millisecond)
	status, _, err := post(t, p.URL(), 2)
	require.NoError(t, err)
	assert.Equal(t, 200, status)
	assert.Equal(t, 1, p.Outages())
}

func TestProxyDelayAndLifetime(t *testing.T) {
	b := newBackend(t)
	p, err := NewFaultProxy(b.srv.URL, Plan{Delay: 100 * time.Millisecond, Lifetime: 400 * time.Millisecond})
	require.NoError(t, err)
	start := time.Now()
	status, _, err := post(t, p.URL(), 1)
	require.NoError(t, err)
	assert.Equal(t, 200, status)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)

	time.Sleep(500 * time.Millisecond)
	_, _, err = post(t, p.URL(), 1)
	assert.Error(t, err, "the proxy closed itself after its lifetime")
}

func TestProxyDecide(t *testing.T) {
	b := newBackend(t)
	var mu sync.Mutex
	var seen []int64
	p, err := NewFaultProxy(b.srv.URL, Plan{Decide: func(n int64, _ *http.Request) Fault {
		mu.Lock()
		seen = append(seen, n)
		mu.Unlock()
		if n == 2 {
			return Unavailable
		}
		return Pass
	}})
	require.NoError(t, err)
	defer p.Close()
	for _, want := range []int{200, 503, 200} {
		status, _, err := post(t, p.URL(), 1)
		require.NoError(t, err)
		assert.Equal(t, want, status)
	}
	assert.Equal(t, []int64{1, 2, 3}, seen)
}

// TestUniqueIndexCleansUp runs against the real node: everything named
// after a unique name is gone once its test ends.
func TestUniqueIndexCleansUp(t *testing.T) {
	URL(t)
	var name string
	t.Run("inner", func(t *testing.T) {
		name = UniqueIndex(t, "ostest")
		assert.Regexp(t, `^ostest-testuniqueindexcleansup-inner-[0-9a-f]{8}$`, name)
		for _, req := range []struct{ method, path, body string }{
			{http.MethodPut, "/" + name, `{}`},
			{http.MethodPut, "/" + name + "-2026-11", `{}`},
			{http.MethodPut, "/_component_template/" + name + "-c", `{"template":{"settings":{"number_of_replicas":0}}}`},
			{http.MethodPut, "/_index_template/" + name + "-s", fmt.Sprintf(`{"index_patterns":[%q],"data_stream":{},"composed_of":[%q],"priority":700}`, name+"-stream*", name+"-c")},
			{http.MethodPut, "/_data_stream/" + name + "-stream", ``},
		} {
			status, body := Do(t, req.method, req.path, req.body)
			require.Equal(t, http.StatusOK, status, "%s %s: %s", req.method, req.path, body)
		}
		assert.EqualValues(t, 0, Count(t, name+"*"))
		info, err := Client(t).Info(t.Context(), nil)
		require.NoError(t, err)
		assert.NotEmpty(t, info.Version.Number)
	})
	for _, path := range []string{"/" + name, "/" + name + "-2026-11", "/_component_template/" + name + "-c", "/_index_template/" + name + "-s", "/_data_stream/" + name + "-stream"} {
		status, _ := Do(t, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusNotFound, status, "%s is left behind", path)
	}
}
