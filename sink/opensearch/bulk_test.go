package opensearch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	kgzip "github.com/klauspost/compress/gzip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	_ "github.com/siem-go/siem/logtypes/all"
)

// bulkItem is one action and document as the fake cluster received them.
type bulkItem struct {
	Op    string
	Index string
	ID    string
	HasID bool
	Doc   map[string]any
}

// bulkRequest is one _bulk request as the fake cluster received it.
type bulkRequest struct {
	N       int // 1-based arrival number
	Path    string
	Encoded string // Content-Encoding
	Size    int    // uncompressed body bytes
	Items   []bulkItem
}

// itemResult is what the fake answers for one item.
type itemResult struct {
	Status int
	Type   string
	Reason string
}

// fakeCluster answers _bulk requests with what respond returns and
// records every request. respond returns either a whole-request status
// (non-zero status, nil items) or one result per item.
type fakeCluster struct {
	t       *testing.T
	srv     *httptest.Server
	respond func(req bulkRequest) (status int, items []itemResult)

	mu       sync.Mutex
	requests []bulkRequest
	n        atomic.Int64
	other    atomic.Int64 // requests to anything but _bulk
}

func newFakeCluster(t *testing.T, respond func(req bulkRequest) (int, []itemResult)) *fakeCluster {
	f := &fakeCluster{t: t, respond: respond}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeCluster) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/_bulk" || r.Method != http.MethodPost {
		f.other.Add(1)
		http.Error(w, "not a bulk request", http.StatusNotFound)
		return
	}
	req := bulkRequest{N: int(f.n.Add(1)), Path: r.URL.RequestURI(), Encoded: r.Header.Get("Content-Encoding")}
	var body io.Reader = r.Body
	if req.Encoded == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req.Size = len(raw)
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var action map[string]map[string]any
		if err := json.Unmarshal(sc.Bytes(), &action); err != nil || len(action) != 1 {
			f.t.Errorf("bad action line %q: %v", sc.Text(), err)
			http.Error(w, "bad action", http.StatusBadRequest)
			return
		}
		var it bulkItem
		for op, meta := range action {
			it.Op = op
			it.Index, _ = meta["_index"].(string)
			id, ok := meta["_id"].(string)
			it.ID, it.HasID = id, ok
		}
		if !sc.Scan() {
			f.t.Errorf("action without document")
			return
		}
		if err := json.Unmarshal(sc.Bytes(), &it.Doc); err != nil {
			f.t.Errorf("bad document line %q: %v", sc.Text(), err)
		}
		req.Items = append(req.Items, it)
	}
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()

	status, results := f.respond(req)
	if results == nil {
		if status == 0 {
			status = http.StatusOK
		}
		if status != http.StatusOK {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":{"type":"fake_exception","reason":"status %d from the fake"},"status":%d}`, status, status)
			return
		}
		results = make([]itemResult, len(req.Items))
	}
	writeBulkResponse(w, req, results)
}

func writeBulkResponse(w http.ResponseWriter, req bulkRequest, results []itemResult) {
	type itemError struct {
		Type   string `json:"type"`
		Reason string `json:"reason"`
		Index  string `json:"index"`
	}
	type item struct {
		Status int        `json:"status"`
		Error  *itemError `json:"error,omitempty"`
	}
	var resp struct {
		Errors bool             `json:"errors"`
		Items  []map[string]any `json:"items"`
	}
	for i, r := range results {
		it := item{Status: r.Status}
		if it.Status == 0 {
			it.Status = 201
		}
		if it.Status >= 300 {
			resp.Errors = true
			it.Error = &itemError{Type: r.Type, Reason: r.Reason, Index: req.Items[i].Index}
		}
		resp.Items = append(resp.Items, map[string]any{req.Items[i].Op: it})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

func (f *fakeCluster) all() []bulkRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bulkRequest(nil), f.requests...)
}

// fastRetry keeps unit tests quick.
var fastRetry = Retry{MaxAttempts: 4, Initial: time.Millisecond, Max: 4 * time.Millisecond}

func newTestSink(t testing.TB, url string, mod func(*Config)) *Sink {
	t.Helper()
	cfg := Config{URL: url, Retry: fastRetry}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

var testTime = time.Date(2026, 11, 27, 10, 5, 0, 0, time.UTC)

func testDocs(n int) []siem.Document {
	docs := make([]siem.Document, n)
	for i := range docs {
		docs[i] = siem.Document{
			ID:        fmt.Sprintf("id-%04d", i),
			Type:      "cloudtrail",
			Timestamp: testTime,
			Body:      fmt.Appendf(nil, `{"@timestamp":"2026-11-27T10:05:00Z","n":%d,"message":"%s"}`, i, strings.Repeat("x", 100)),
			Raw:       fmt.Appendf(nil, "raw %d", i),
		}
	}
	return docs
}

// ids lists the ids of every item the cluster accepted: all items of
// requests answered 200 whose own status was 2xx.
func delivered(reqs []bulkRequest, accepted func(req bulkRequest, i int) bool) map[string]int {
	got := map[string]int{}
	for _, r := range reqs {
		for i, it := range r.Items {
			if accepted(r, i) {
				got[it.ID]++
			}
		}
	}
	return got
}

func TestWriteSplitsCompressesAndNamesIndices(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	s := newTestSink(t, f.srv.URL, nil)
	docs := testDocs(2500)
	docs[7].Type = "vpcflow"
	docs[8].Type = "alb"
	docs[9].Timestamp = time.Time{} // no timestamp: ingest time
	docs[10].Type, docs[10].Route = "linux-syslog", "linux-secure"
	docs[11].Type, docs[11].Route = "securitylake", "ocsf-findings"
	s.cfg.Now = func() time.Time { return time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC) }

	res, err := s.Write(context.Background(), docs)
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Zero(t, res.Retries)

	reqs := f.all()
	require.Len(t, reqs, 3, "2500 documents at 1000 a request make 3 even requests")
	total := 0
	for _, r := range reqs {
		assert.Equal(t, "gzip", r.Encoded)
		assert.Equal(t, "/_bulk?filter_path=errors,items.*.status,items.*.error", r.Path)
		assert.InDelta(t, 833, len(r.Items), 2)
		total += len(r.Items)
	}
	assert.Equal(t, 2500, total)
	got := delivered(reqs, func(bulkRequest, int) bool { return true })
	assert.Len(t, got, 2500, "every document exactly once")
	byID := map[string]bulkItem{}
	for _, r := range reqs {
		for _, it := range r.Items {
			byID[it.ID] = it
		}
	}
	assert.Equal(t, bulkItem{Op: "index", Index: "log-aws-cloudtrail-2026-11", ID: "id-0000", HasID: true, Doc: byID["id-0000"].Doc}, byID["id-0000"])
	assert.Equal(t, "log-aws-vpcflowlogs-2026-11", byID["id-0007"].Index)
	assert.Equal(t, "log-aws-elb-2026-11", byID["id-0008"].Index)
	assert.Equal(t, "log-aws-cloudtrail-2027-01", byID["id-0009"].Index)
	assert.Equal(t, "log-linux-secure-2026-11", byID["id-0010"].Index, "a routed document goes to its route's index")
	assert.Equal(t, "log-ocsf-findings-2026-11", byID["id-0011"].Index)
	assert.EqualValues(t, 5, byID["id-0005"].Doc["n"], "body sent verbatim")
	assert.Zero(t, f.other.Load(), "the sink sends nothing but _bulk requests")
}

func TestWriteBoundsRequestBytes(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.MaxBulkBytes = 2000; c.DisableCompression = true })
	docs := testDocs(50)
	docs[10].Body = fmt.Appendf(nil, `{"big":"%s"}`, strings.Repeat("y", 5000))
	_, err := s.Write(context.Background(), docs)
	require.NoError(t, err)
	reqs := f.all()
	total := 0
	for _, r := range reqs {
		assert.Empty(t, r.Encoded)
		total += len(r.Items)
		if len(r.Items) > 1 {
			assert.LessOrEqual(t, r.Size, 2000)
		} else if r.Items[0].ID == "id-0010" {
			assert.Greater(t, r.Size, 5000, "an oversize document goes alone")
		}
	}
	assert.Equal(t, 50, total)
	assert.Greater(t, len(reqs), 5)
}

func TestWholeRequestRetries(t *testing.T) {
	for _, status := range []int{429, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
				if r.N <= 2 {
					return status, nil
				}
				return 200, nil
			})
			s := newTestSink(t, f.srv.URL, nil)
			res, err := s.Write(context.Background(), testDocs(10))
			require.NoError(t, err)
			assert.Empty(t, res.Rejected)
			assert.EqualValues(t, 2, res.Retries)
			assert.Len(t, f.all(), 3)
		})
	}
}

func TestWholeRequestFailsAfterAttempts(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 503, nil })
	s := newTestSink(t, f.srv.URL, nil)
	res, err := s.Write(context.Background(), testDocs(10))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gave up after 4 attempts")
	assert.Contains(t, err.Error(), "503")
	assert.Contains(t, err.Error(), "fake_exception")
	assert.EqualValues(t, 3, res.Retries)
	assert.Len(t, f.all(), 4, "exactly MaxAttempts requests")
}

func TestPermanentRequestErrorIsNotRetried(t *testing.T) {
	for _, status := range []int{401, 403} {
		f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return status, nil })
		s := newTestSink(t, f.srv.URL, nil)
		_, err := s.Write(context.Background(), testDocs(3))
		require.Error(t, err)
		var se *StatusError
		require.True(t, errors.As(err, &se))
		assert.Equal(t, status, se.Status)
		// Refused credentials refuse every later batch too: the run
		// stops instead of dead-lettering every record.
		var fatal *siem.FatalError
		assert.True(t, errors.As(err, &fatal), "status %d is fatal", status)
		assert.Len(t, f.all(), 1)
	}
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 400, nil })
	_, err := newTestSink(t, f.srv.URL, nil).Write(context.Background(), testDocs(3))
	var fatal *siem.FatalError
	assert.False(t, errors.As(err, &fatal), "a malformed request is this batch's problem")
}

func TestClusterBlockStopsTheRun(t *testing.T) {
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		res := make([]itemResult, len(r.Items))
		for i := range res {
			res[i] = itemResult{Status: 403, Type: "cluster_block_exception", Reason: "index [log-aws-x] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];"}
		}
		return 200, res
	})
	_, err := newTestSink(t, f.srv.URL, nil).Write(context.Background(), testDocs(4))
	var fatal *siem.FatalError
	require.True(t, errors.As(err, &fatal), "%v", err)
	assert.Contains(t, err.Error(), "flood-stage watermark")
	assert.Contains(t, err.Error(), "free disk space or lift the block")
}

func TestItemHandling(t *testing.T) {
	// First attempt: items 1 and 4 are throttled, 2 has a mapping
	// conflict, 3 an illegal argument; the retry must carry only 1 and 4.
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		res := make([]itemResult, len(r.Items))
		for i, it := range r.Items {
			switch {
			case r.N == 1 && it.ID == "id-0001":
				res[i] = itemResult{Status: 429, Type: "es_rejected_execution_exception", Reason: "rejected execution of coordinating operation"}
			case r.N == 1 && it.ID == "id-0004":
				res[i] = itemResult{Status: 503, Type: "unavailable_shards_exception", Reason: "primary shard is not active"}
			case it.ID == "id-0002":
				res[i] = itemResult{Status: 400, Type: "mapper_parsing_exception", Reason: "failed to parse field [source.port] of type [long]"}
			case it.ID == "id-0003":
				res[i] = itemResult{Status: 400, Type: "illegal_argument_exception", Reason: "Limit of total fields [1000] has been exceeded"}
			}
		}
		return 200, res
	})
	s := newTestSink(t, f.srv.URL, nil)
	res, err := s.Write(context.Background(), testDocs(6))
	require.NoError(t, err)
	assert.EqualValues(t, 1, res.Retries)
	reqs := f.all()
	require.Len(t, reqs, 2)
	var retried []string
	for _, it := range reqs[1].Items {
		retried = append(retried, it.ID)
	}
	assert.Equal(t, []string{"id-0001", "id-0004"}, retried, "only the retryable items are sent again")

	rejected := map[int]string{}
	for _, r := range res.Rejected {
		rejected[r.Doc] = r.Reason
	}
	require.Len(t, rejected, 2)
	assert.Equal(t, "opensearch refused the document (status 400, index log-aws-cloudtrail-2026-11): mapper_parsing_exception: failed to parse field [source.port] of type [long]", rejected[2])
	assert.Contains(t, rejected[3], "illegal_argument_exception: Limit of total fields")
}

func TestItemGivesUpWithLastReason(t *testing.T) {
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		res := make([]itemResult, len(r.Items))
		for i, it := range r.Items {
			if it.ID == "id-0000" {
				res[i] = itemResult{Status: 429, Type: "es_rejected_execution_exception", Reason: fmt.Sprintf("queue full (attempt %d)", r.N)}
			}
		}
		return 200, res
	})
	s := newTestSink(t, f.srv.URL, nil)
	res, err := s.Write(context.Background(), testDocs(3))
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1)
	assert.Equal(t, 0, res.Rejected[0].Doc)
	assert.Equal(t, "gave up after 4 attempts: opensearch refused the document (status 429, index log-aws-cloudtrail-2026-11): es_rejected_execution_exception: queue full (attempt 4)", res.Rejected[0].Reason)
	assert.EqualValues(t, 3, res.Retries)
}

func TestFailedRequestOfSeveralRejectsOnlyItsDocuments(t *testing.T) {
	// Requests holding id-0000 always fail: that request's documents are
	// rejected, the other request's are indexed, and Write succeeds.
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		for _, it := range r.Items {
			if it.ID == "id-0000" {
				return 503, nil
			}
		}
		return 200, nil
	})
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.MaxBulkDocs = 5 })
	res, err := s.Write(context.Background(), testDocs(10))
	require.NoError(t, err)
	require.Len(t, res.Rejected, 5)
	for _, r := range res.Rejected {
		assert.Less(t, r.Doc, 5)
		assert.Contains(t, r.Reason, "gave up after 4 attempts: bulk request answered 503")
	}
}

func TestDroppedConnectionsAreRetried(t *testing.T) {
	var n atomic.Int64
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	drop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			io.CopyN(io.Discard, r.Body, 10)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		f.serve(w, r)
	}))
	t.Cleanup(drop.Close)
	s := newTestSink(t, drop.URL, nil)
	res, err := s.Write(context.Background(), testDocs(10))
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.EqualValues(t, 2, res.Retries)
	assert.Len(t, f.all(), 1)
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	var n atomic.Int64
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			io.Copy(io.Discard, r.Body) // lets the server notice the client hanging up
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		f.serve(w, r)
	}))
	t.Cleanup(slow.Close)
	s := newTestSink(t, slow.URL, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	res, err := s.Write(context.Background(), testDocs(4))
	require.NoError(t, err)
	assert.EqualValues(t, 1, res.Retries)
}

func TestCancelStopsBackoff(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 503, nil })
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.Retry = Retry{MaxAttempts: 100, Initial: time.Second, Max: time.Second} })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Write(ctx, testDocs(3))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestTooLargeSplits(t *testing.T) {
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		if r.Size > 1000 {
			return 413, nil
		}
		return 200, nil
	})
	s := newTestSink(t, f.srv.URL, nil)
	docs := testDocs(8) // ~190 bytes each with the action: 1500 in all
	docs[5].Body = fmt.Appendf(nil, `{"big":"%s"}`, strings.Repeat("z", 2000))
	res, err := s.Write(context.Background(), docs)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1)
	assert.Equal(t, 5, res.Rejected[0].Doc)
	assert.Contains(t, res.Rejected[0].Reason, "status 413")
	got := delivered(f.all(), func(r bulkRequest, _ int) bool { return r.Size <= 1000 })
	assert.Len(t, got, 7)
	for id, n := range got {
		assert.Equal(t, 1, n, id)
	}
	assert.Positive(t, res.Retries)
}

func TestBadBodiesAreRejectedBeforeSending(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	s := newTestSink(t, f.srv.URL, nil)
	docs := testDocs(4)
	docs[1].Body = nil
	docs[2].Body = []byte("{\"a\":\n1}")
	res, err := s.Write(context.Background(), docs)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 2)
	assert.Equal(t, siem.Rejection{Doc: 1, Reason: "empty document body"}, res.Rejected[0])
	assert.Equal(t, 2, res.Rejected[1].Doc)
	assert.Len(t, delivered(f.all(), func(bulkRequest, int) bool { return true }), 2)

	// A batch of nothing but bad bodies sends nothing.
	res, err = s.Write(context.Background(), docs[1:3])
	require.NoError(t, err)
	assert.Len(t, res.Rejected, 2)
	assert.Len(t, f.all(), 1)
}

func TestDataStreamUsesCreateAndToleratesConflicts(t *testing.T) {
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		res := make([]itemResult, len(r.Items))
		res[0] = itemResult{Status: 409, Type: "version_conflict_engine_exception", Reason: "document already exists"}
		return 200, res
	})
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.Index.Rotation = RotateDataStream })
	res, err := s.Write(context.Background(), testDocs(3))
	require.NoError(t, err)
	assert.Empty(t, res.Rejected, "a conflict on create with a stable id means the record is already indexed")
	it := f.all()[0].Items[0]
	assert.Equal(t, bulkItem{Op: "create", Index: "log-aws-cloudtrail", ID: "id-0000", HasID: true, Doc: it.Doc}, it)
}

func TestServerlessCreatesWithoutIDs(t *testing.T) {
	f := newFakeCluster(t, func(bulkRequest) (int, []itemResult) { return 200, nil })
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.Serverless = true; c.Index.Rotation = RotateNone })
	_, err := s.Write(context.Background(), testDocs(3))
	require.NoError(t, err)
	r := f.all()[0]
	assert.Equal(t, "/_bulk", r.Path)
	for _, it := range r.Items {
		assert.Equal(t, "create", it.Op)
		assert.False(t, it.HasID, "Serverless time series forbid custom ids")
		assert.Equal(t, "log-aws-cloudtrail", it.Index)
	}

	_, err = New(Config{URL: f.srv.URL, Serverless: true, Index: IndexConfig{Rotation: RotateDataStream}})
	assert.ErrorContains(t, err, "no aliases or data streams")
}

func TestConcurrentWriters(t *testing.T) {
	f := newFakeCluster(t, func(r bulkRequest) (int, []itemResult) {
		if r.N%3 == 0 {
			return 429, nil
		}
		return 200, nil
	})
	s := newTestSink(t, f.srv.URL, func(c *Config) { c.MaxBulkDocs = 50; c.Retry.MaxAttempts = 20 })
	var wg sync.WaitGroup
	var retries atomic.Int64
	for w := range 8 {
		wg.Go(func() {
			docs := testDocs(300)
			for i := range docs {
				docs[i].ID = fmt.Sprintf("w%d-%d", w, i)
			}
			res, err := s.Write(context.Background(), docs)
			assert.NoError(t, err)
			assert.Empty(t, res.Rejected)
			retries.Add(res.Retries)
		})
	}
	wg.Wait()
	got := delivered(f.all(), func(r bulkRequest, _ int) bool { return r.N%3 != 0 })
	assert.Len(t, got, 8*300)
	for id, n := range got {
		if n != 1 {
			t.Errorf("%s accepted %d times", id, n)
		}
	}
	assert.Positive(t, retries.Load())
}

func TestNewChecksConfig(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "URL is required"},
		{Config{URL: "127.0.0.1:9200"}, "must look like"},
		{Config{URL: "https://u:p@host"}, "not in the URL"},
		{Config{URL: "https://host", Username: "u", Password: "p", SigV4: &SigV4{Region: "eu-west-1"}}, "either basic authentication or SigV4"},
		{Config{URL: "https://host", Password: "p"}, "needs a username"},
		{Config{URL: "https://host", Index: IndexConfig{Rotation: "hourly"}}, `unknown index rotation "hourly"`},
		{Config{URL: "https://host", Index: IndexConfig{Names: map[string]string{"cloudtrail": "Logs"}}}, "must be lower case"},
		{Config{URL: "https://host", Index: IndexConfig{Names: map[string]string{"x": "_x"}}}, "must not start with"},
		{Config{URL: "https://host", Index: IndexConfig{Suffix: "a/b"}}, "must not contain"},
		{Config{URL: "https://host", CAFile: "/nonexistent/ca.pem"}, "reading the CA file"},
		{Config{URL: "https://host", SigV4: &SigV4{Region: "eu-west-1", Service: "s3"}}, `SigV4 service "s3"`},
	} {
		_, err := New(tc.cfg)
		if assert.Error(t, err, "%+v", tc.cfg) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

// realDocs normalizes a synthetic VPC flow object into documents.
func realDocs(tb testing.TB, n int) []siem.Document {
	col := &docCollector{}
	p, err := siem.NewPipeline(siem.Options{Sink: col, DeadLetters: nopDLQ{}})
	require.NoError(tb, err)
	lt, ok := siem.Default().Lookup("vpcflow")
	require.True(tb, ok)
	_, err = p.ProcessAs(context.Background(), lt, siem.Object{Key: "bench"}, bytes.NewReader(samplegen.VPCFlow(n)))
	require.NoError(tb, err)
	return col.docs
}

type docCollector struct {
	mu   sync.Mutex
	docs []siem.Document
}

func (c *docCollector) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range docs {
		d.Body = bytes.Clone(d.Body)
		d.Raw = nil
		c.docs = append(c.docs, d)
	}
	return siem.WriteResult{}, nil
}

type nopDLQ struct{}

func (nopDLQ) DeadLetter(context.Context, siem.DeadLetter) error { return nil }

// BenchmarkWrite measures the sink's own cost per document (action lines,
// compression, the request, reading the answer) against a server that
// accepts everything at once.
func BenchmarkWrite(b *testing.B) {
	docs := realDocs(b, 1024)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Write([]byte(`{"errors":false,"items":[]}`))
	}))
	defer srv.Close()
	var size int64
	for _, d := range docs {
		size += int64(len(d.Body))
	}
	for _, plain := range []bool{false, true} {
		name := "gzip"
		if plain {
			name = "plain"
		}
		b.Run(name, func(b *testing.B) {
			s := newTestSink(b, srv.URL, func(c *Config) { c.DisableCompression = plain })
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Write(context.Background(), docs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkCompression compares the standard library's gzip at its
// default level (what opensearch-go's CompressRequestBody uses) with
// klauspost/compress at BestSpeed (what the sink uses) on a real bulk
// body.
func BenchmarkCompression(b *testing.B) {
	docs := realDocs(b, 1000)
	var body []byte
	for _, d := range docs {
		body = append(body, `{"index":{"_index":"log-aws-vpcflowlogs-2026-11","_id":"`+d.ID+`"}}`+"\n"...)
		body = append(body, d.Body...)
		body = append(body, '\n')
	}
	for _, tc := range []struct {
		name string
		w    func(io.Writer) io.WriteCloser
	}{
		{"stdlib-default", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }},
		{"klauspost-bestspeed", func(w io.Writer) io.WriteCloser {
			z, _ := kgzip.NewWriterLevel(w, kgzip.BestSpeed)
			return z
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				out.Reset()
				z := tc.w(&out)
				z.Write(body)
				z.Close()
			}
			b.ReportMetric(float64(len(body))/float64(out.Len()), "ratio")
		})
	}
}
