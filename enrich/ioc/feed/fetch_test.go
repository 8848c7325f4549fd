package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// feedServer serves body with validators and records the conditional
// headers of each request.
type feedServer struct {
	mu           sync.Mutex
	body         string
	etag         string
	lastModified string
	requests     []http.Header
}

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Header.Clone())
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == s.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", s.etag)
	w.Header().Set("Last-Modified", s.lastModified)
	fmt.Fprint(w, s.body)
}

// dirNames lists a directory, to see that no temporary files are left.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestFetchConditional(t *testing.T) {
	fs := &feedServer{body: "192.0.2.1\n", etag: `"v1"`, lastModified: "Wed, 10 Jan 2024 07:00:00 GMT"}
	srv := httptest.NewServer(fs)
	defer srv.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "exit-addresses")
	f := &Fetcher{UserAgent: "test-agent"}

	// First download: 200, file and validators written.
	got, err := f.Fetch(context.Background(), srv.URL, path)
	require.NoError(t, err)
	assert.False(t, got.NotModified)
	assert.Equal(t, int64(10), got.Bytes)
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "192.0.2.1\n", string(body))
	assert.Equal(t, []string{"exit-addresses", "exit-addresses.http.json"}, dirNames(t, dir))
	assert.Empty(t, fs.requests[0].Get("If-None-Match"), "nothing stored yet: an unconditional request")
	assert.Equal(t, "test-agent", fs.requests[0].Get("User-Agent"))

	// Unchanged: the stored validators make it a conditional request.
	got, err = f.Fetch(context.Background(), srv.URL, path)
	require.NoError(t, err)
	assert.True(t, got.NotModified)
	assert.Equal(t, `"v1"`, fs.requests[1].Get("If-None-Match"))
	assert.Equal(t, "Wed, 10 Jan 2024 07:00:00 GMT", fs.requests[1].Get("If-Modified-Since"))
	body, _ = os.ReadFile(path)
	assert.Equal(t, "192.0.2.1\n", string(body))

	// Changed upstream: replaced.
	fs.mu.Lock()
	fs.body, fs.etag = "192.0.2.2\n", `"v2"`
	fs.mu.Unlock()
	got, err = f.Fetch(context.Background(), srv.URL, path)
	require.NoError(t, err)
	assert.False(t, got.NotModified)
	body, _ = os.ReadFile(path)
	assert.Equal(t, "192.0.2.2\n", string(body))

	// The file gone: validators are not sent, or a 304 would leave nothing.
	require.NoError(t, os.Remove(path))
	_, err = f.Fetch(context.Background(), srv.URL, path)
	require.NoError(t, err)
	assert.Empty(t, fs.requests[3].Get("If-None-Match"))
	assert.FileExists(t, path)

	// Validators of another URL are not used.
	_, err = f.Fetch(context.Background(), srv.URL+"/other", path)
	require.NoError(t, err)
	assert.Empty(t, fs.requests[4].Get("If-None-Match"))
}

func TestFetchRefusesOversizeAndKeepsOldFile(t *testing.T) {
	big := strings.Repeat("x", 2048)
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if chunked {
					// Without Content-Length the limit applies while reading.
					w.Write([]byte(big[:1000]))
					w.(http.Flusher).Flush()
					w.Write([]byte(big[1000:]))
					return
				}
				w.Header().Set("Content-Length", fmt.Sprint(len(big)))
				w.Write([]byte(big))
			}))
			defer srv.Close()
			dir := t.TempDir()
			path := filepath.Join(dir, "ipblocklist.json")
			require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
			_, err := (&Fetcher{MaxBytes: 1024}).Fetch(context.Background(), srv.URL, path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "limit of 1024")
			assert.Contains(t, err.Error(), "the file already there is kept")
			body, _ := os.ReadFile(path)
			assert.Equal(t, "old", string(body))
			assert.Equal(t, []string{"ipblocklist.json"}, dirNames(t, dir), "no temporary file left")
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.Write([]byte("192.0.2.1\n"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "exit-addresses")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	f := &Fetcher{Timeout: 100 * time.Millisecond}

	start := time.Now()
	_, err := f.Fetch(context.Background(), srv.URL+"/slow-headers", path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "within 100ms")
	assert.Less(t, time.Since(start), 5*time.Second)

	_, err = f.Fetch(context.Background(), srv.URL+"/slow-body", path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "within 100ms")

	body, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(body))
	assert.Equal(t, []string{"exit-addresses"}, dirNames(t, dir))
}

func TestFetchHTTPError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	_, err := (&Fetcher{}).Fetch(context.Background(), srv.URL, path)
	assert.ErrorContains(t, err, "503 Service Unavailable (server error; try later); the file already there is kept")
	body, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(body))

	// An unconditional 304 (no validators sent) is not a success.
	srv304 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv304.Close()
	_, err = (&Fetcher{}).Fetch(context.Background(), srv304.URL, filepath.Join(t.TempDir(), "g"))
	assert.ErrorContains(t, err, "304")
}

// otxServer serves two pages of subscribed pulses.
func otxServer(t *testing.T, key string, seen *[]string) *httptest.Server {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*seen = append(*seen, r.URL.RawQuery)
		if r.Header.Get("X-OTX-API-KEY") != key {
			http.Error(w, `{"detail":"Authentication required"}`, http.StatusForbidden)
			return
		}
		switch r.URL.Query().Get("page") {
		case "", "1":
			fmt.Fprintf(w, `{"count":3,"next":%q,"results":[
				{"id":"aaa111","name":"one","indicators":[{"indicator":"192.0.2.1","type":"IPv4"}]},
				{"id":"../evil","name":"bad id","indicators":[]}]}`, srv.URL+"/api/v1/pulses/subscribed?page=2&limit=50")
		case "2":
			fmt.Fprint(w, `{"count":3,"next":null,"results":[
				{"id":"bbb222","name":"two","indicators":[{"indicator":"evil.example","type":"domain"}]}]}`)
		case "elsewhere":
			fmt.Fprint(w, `{"results":[],"next":"https://other.example/steal"}`)
		}
	}))
	return srv
}

func TestFetchOTX(t *testing.T) {
	var seen []string
	srv := otxServer(t, "k123", &seen)
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "otx")
	f := &Fetcher{}
	api := srv.URL + "/api/v1/pulses/subscribed"

	got, err := f.FetchOTX(context.Background(), api, "k123", dir)
	require.NoError(t, err)
	assert.Equal(t, 2, got.Pages)
	assert.Equal(t, 2, got.Pulses)
	assert.True(t, got.Since.IsZero())
	require.Len(t, got.Warnings, 1)
	assert.Equal(t, `page 1 results[1]: pulse id "../evil" cannot name a file; skipped`, got.Warnings[0].String())
	assert.Equal(t, []string{".otx-state.json", "aaa111.json", "bbb222.json"}, dirNames(t, dir))
	assert.Equal(t, []string{"limit=50", "page=2&limit=50"}, seen, "the next link is followed as given")

	// The files are pulses OTXDir reads.
	res, err := OTXDir(os.DirFS(dir), ".")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.1 | otx | -..- | one | https://otx.alienvault.com/pulse/aaa111 | ",
		"domain-name evil.example | otx | -..- | two | https://otx.alienvault.com/pulse/bbb222 | ",
	}, briefs(res.Indicators))

	// The next run asks only for what changed since the last one.
	got, err = f.FetchOTX(context.Background(), api, "k123", dir)
	require.NoError(t, err)
	assert.False(t, got.Since.IsZero())
	assert.Contains(t, seen[2], "modified_since=")

	// A refused key.
	_, err = f.FetchOTX(context.Background(), api, "wrong", dir)
	assert.ErrorContains(t, err, "403 Forbidden (the server refused the request; check the API key)")

	// The key is never sent to another host: not by a next link, nor by
	// a redirect.
	_, err = f.FetchOTX(context.Background(), api+"?page=elsewhere", "k123", filepath.Join(t.TempDir(), "x"))
	assert.ErrorContains(t, err, "not on 127.0.0.1")
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.Header.Get("X-OTX-API-KEY"))
	}))
	defer other.Close()
	redirect := httptest.NewServer(http.RedirectHandler(other.URL+"/steal", http.StatusFound))
	defer redirect.Close()
	_, err = f.FetchOTX(context.Background(), redirect.URL+"/api", "k123", filepath.Join(t.TempDir(), "y"))
	assert.ErrorContains(t, err, "redirect to "+other.URL+"/steal refused")
	assert.Empty(t, leaked)
}
