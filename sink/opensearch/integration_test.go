package opensearch_test

// Integration tests against a real OpenSearch node (make opensearch-start).
// They skip without one, unless SIEM_REQUIRE_OPENSEARCH=1. Each test
// writes under its own ostest.UniqueIndex prefix, deleted at the end.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/bundled"
	"github.com/siem-go/siem/internal/ostest"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/sink/opensearch"
)

// recorder wraps the sink and keeps the ids of the documents it reports
// indexed, to tell "nothing lost, nothing duplicated" apart from records
// that are simply identical (same id by design).
type recorder struct {
	siem.Sink
	mu   sync.Mutex
	ids  map[string]int
	done map[string]time.Time // when the last Write reporting the id returned
	// index and objects say, per id, the index it went to and the objects
	// it came from.
	index   map[string]string
	objects map[string][]string
}

func newRecorder(s siem.Sink) *recorder {
	return &recorder{Sink: s, ids: map[string]int{}, done: map[string]time.Time{}, index: map[string]string{}, objects: map[string][]string{}}
}

// completed splits the indexed ids by when their Write returned: after
// up, and between from and up.
func (r *recorder) completed(from, up time.Time) (after, between []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, at := range r.done {
		switch {
		case at.After(up):
			after = append(after, id)
		case at.After(from):
			between = append(between, id)
		}
	}
	return after, between
}

func (r *recorder) Write(ctx context.Context, docs []siem.Document) (siem.WriteResult, error) {
	res, err := r.Sink.Write(ctx, docs)
	if err != nil {
		return res, err
	}
	refused := map[int]bool{}
	for _, rej := range res.Rejected {
		refused[rej.Doc] = true
	}
	now := time.Now()
	r.mu.Lock()
	for i, d := range docs {
		if !refused[i] {
			r.ids[d.ID]++
			r.done[d.ID] = now
			family := d.Type
			if d.Route != "" {
				family = d.Route
			}
			r.index[d.ID] = opensearch.DefaultIndexName(family)
			if keys := r.objects[d.ID]; !slices.Contains(keys, d.Source.Object.Key) {
				r.objects[d.ID] = append(keys, d.Source.Object.Key)
			}
		}
	}
	r.mu.Unlock()
	return res, nil
}

// distinct returns how many different ids were indexed.
func (r *recorder) distinct() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return int64(len(r.ids))
}

// distinctPerIndex returns how many different ids went to each base index.
func (r *recorder) distinctPerIndex() map[string]int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int64{}
	for _, base := range r.index {
		out[base]++
	}
	return out
}

// shared returns the ids that came from more than one object, with the
// objects.
func (r *recorder) shared() map[string][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string][]string{}
	for id, keys := range r.objects {
		if len(keys) > 1 {
			out[id] = keys
		}
	}
	return out
}

// memoryDLQ keeps dead letters for inspection.
type memoryDLQ struct {
	mu      sync.Mutex
	letters []siem.DeadLetter
}

func (m *memoryDLQ) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	dl.Raw = bytes.Clone(dl.Raw)
	dl.Document = bytes.Clone(dl.Document)
	m.letters = append(m.letters, dl)
	return nil
}

// refused returns the dead letters the sink produced (not the parser).
func (m *memoryDLQ) refused() []siem.DeadLetter {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []siem.DeadLetter
	for _, dl := range m.letters {
		if dl.Document != nil {
			out = append(out, dl)
		}
	}
	return out
}

func newSink(t *testing.T, cfg opensearch.Config) *opensearch.Sink {
	t.Helper()
	s, err := opensearch.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func newPipeline(t *testing.T, s siem.Sink, dlq siem.DeadLetterSink) *siem.Pipeline {
	t.Helper()
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: dlq})
	require.NoError(t, err)
	return p
}

// sample is one bundled object with its detected type.
type sample struct {
	path string
	key  string
	lt   siem.LogType
}

// bundledSamples lists every object under testdata with the type its key
// detects to; every one must detect.
func bundledSamples(t *testing.T) []sample {
	t.Helper()
	var out []sample
	for _, s := range bundled.Samples(t) {
		lt, err := siem.Default().Detect(siem.Object{Key: s.Key})
		require.NoError(t, err)
		out = append(out, sample{path: s.Path, key: s.Key, lt: lt})
	}
	return out
}

func processFile(ctx context.Context, p *siem.Pipeline, s sample) (siem.Counts, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return siem.Counts{}, err
	}
	defer f.Close()
	return p.ProcessAs(ctx, s.lt, siem.Object{Bucket: "test-bucket", Key: s.key}, f)
}

// TestIntegrationBundledSamples ingests every bundled sample of every
// registered type and checks the node holds exactly what the pipeline
// counted as indexed, per index, and that a second run changes nothing.
// No templates are installed here: dynamic mapping applies.
func TestIntegrationBundledSamples(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "samples") + "-"
	rec := newRecorder(newSink(t, opensearch.Config{URL: url, Index: opensearch.IndexConfig{Prefix: prefix}}))
	dlq := &memoryDLQ{}
	p := newPipeline(t, rec, dlq)

	samples := bundledSamples(t)
	seen := map[string]bool{}
	for _, s := range samples {
		seen[s.lt.Info().Name] = true
	}
	for _, lt := range all.Types() {
		assert.True(t, seen[lt.Info().Name], "no bundled sample for registered type %s", lt.Info().Name)
	}

	ingestAll := func() siem.Counts {
		var total siem.Counts
		for _, s := range samples {
			c, err := processFile(context.Background(), p, s)
			if err != nil && !siem.IsNotEvents(err) {
				t.Errorf("%s: %v", s.key, err)
			}
			require.True(t, c.Reconciled(), "%s: %v", s.key, c)
			total.Add(c)
		}
		return total
	}
	total := ingestAll()
	t.Logf("samples: %d objects: %v", len(samples), total)
	for _, dl := range dlq.refused() {
		t.Logf("refused by the node (dynamic mapping, no templates): %s record %d: %s", dl.Object, dl.Record, dl.Reason)
	}
	require.Positive(t, total.Indexed)
	// The same record delivered in two objects (a finding exported and
	// sent through EventBridge, a flow line in a delivery and in an
	// export) is one document by design: its id comes from the record.
	for id, keys := range rec.shared() {
		t.Logf("one document from several objects: %s from %q", id, keys)
	}
	// Each index family holds exactly the documents sent to it, whether
	// by type or by route; "-2*" keeps log-ocsf's count apart from its
	// routed log-ocsf-<category> families.
	distinct := rec.distinctPerIndex()
	for base, n := range distinct {
		assert.Equal(t, n, ostest.Count(t, prefix+base+"-2*"), "documents in %s", base)
	}
	assert.LessOrEqual(t, rec.distinct(), total.Indexed)
	assert.Equal(t, rec.distinct(), ostest.Count(t, prefix+"*"))

	again := ingestAll()
	assert.Equal(t, total.Indexed, again.Indexed)
	assert.Equal(t, rec.distinct(), ostest.Count(t, prefix+"*"), "re-ingesting the same objects overwrites by id")
}

// vpcflowObject builds a flow-log object whose interface ids are numbers
// except where bad lists the record number (1-based).
func vpcflowObject(n int, bad ...int) []byte {
	var b bytes.Buffer
	b.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := 1; i <= n; i++ {
		iface := fmt.Sprint(1000 + i)
		for _, k := range bad {
			if k == i {
				iface = "eni-0a1b2c3d"
			}
		}
		fmt.Fprintf(&b, "2 111122223333 %s 10.0.0.%d 10.0.1.%d 443 %d 6 10 840 1795773600 1795773660 ACCEPT OK\n", iface, i%250+1, i%250+1, 40000+i)
	}
	return b.Bytes()
}

// TestIntegrationMappingConflict: the index maps aws.vpcflow.interface_id
// as long; the record whose value is not a number is dead-lettered with
// the node's reason, and every other record is indexed.
func TestIntegrationMappingConflict(t *testing.T) {
	url := ostest.URL(t)
	index := ostest.UniqueIndex(t, "conflict")
	status, body := ostest.Do(t, http.MethodPut, "/"+index, `{"mappings":{"properties":{"aws":{"properties":{"vpcflow":{"properties":{"interface_id":{"type":"long"}}}}}}}}`)
	require.Equal(t, http.StatusOK, status, "%s", body)

	dlq := &memoryDLQ{}
	s := newSink(t, opensearch.Config{URL: url, Index: opensearch.IndexConfig{Names: map[string]string{"vpcflow": index}, Rotation: opensearch.RotateNone}})
	p := newPipeline(t, s, dlq)
	vpc, _ := siem.Default().Lookup("vpcflow")
	counts, err := p.ProcessAs(context.Background(), vpc, siem.Object{Key: "conflict.log"}, bytes.NewReader(vpcflowObject(20, 7)))
	require.NoError(t, err)
	assert.Equal(t, siem.Counts{Read: 20, Indexed: 19, DeadLettered: 1}, counts)
	assert.EqualValues(t, 19, ostest.Count(t, index))

	refused := dlq.refused()
	require.Len(t, refused, 1)
	dl := refused[0]
	assert.EqualValues(t, 7, dl.Record)
	assert.Contains(t, string(dl.Raw), "eni-0a1b2c3d")
	assert.Contains(t, dl.Reason, "status 400, index "+index)
	assert.Contains(t, dl.Reason, "mapper_parsing_exception")
	assert.Contains(t, dl.Reason, "aws.vpcflow.interface_id")
	assert.Contains(t, string(dl.Document), `"interface_id":"eni-0a1b2c3d"`)
}

// flatObjects maps the free-form CloudTrail objects as flat_object for
// indices starting with prefix, as the installed templates do: without
// it, dynamic mapping makes requestParameters fields conflict between
// events (a field is a boolean in one and an object in another), which is
// what TestIntegrationMappingConflict is for, not the fault tests.
func flatObjects(t testing.TB, prefix string) {
	t.Helper()
	name := strings.TrimSuffix(prefix, "-") + "-flat"
	status, body := ostest.Do(t, http.MethodPut, "/_index_template/"+name, fmt.Sprintf(`{"index_patterns":[%q],"priority":900,
		"template":{"mappings":{"properties":{"aws":{"properties":{"cloudtrail":{"properties":{"flattened":{"type":"flat_object"}}}}}}}}}`, prefix+"*"))
	require.Equal(t, http.StatusOK, status, "%s", body)
	t.Cleanup(func() { ostest.Do(t, http.MethodDelete, "/_index_template/"+name, nil) })
}

// noneRefused fails the test with the first few reasons when the node
// refused documents.
func noneRefused(t *testing.T, dlq *memoryDLQ) {
	t.Helper()
	refused := dlq.refused()
	for i, dl := range refused {
		if i == 5 {
			break
		}
		t.Errorf("refused: %s record %d: %s", dl.Object, dl.Record, dl.Reason)
	}
	if len(refused) > 0 {
		t.Errorf("%d documents refused", len(refused))
	}
}

// faultRetry is generous enough that injected faults never exhaust it.
var faultRetry = opensearch.Retry{MaxAttempts: 20, Initial: 20 * time.Millisecond, Max: 500 * time.Millisecond}

// generated is a mix of synthetic objects large enough for many requests.
func generated() []struct {
	typ  string
	data []byte
} {
	return []struct {
		typ  string
		data []byte
	}{
		{"vpcflow", samplegen.VPCFlow(12000)},
		{"cloudtrail", samplegen.CloudTrail(3000)},
		{"alb", samplegen.ALB(3000)},
	}
}

func ingestGenerated(t *testing.T, p *siem.Pipeline) siem.Counts {
	t.Helper()
	var total siem.Counts
	for i, g := range generated() {
		lt, ok := siem.Default().Lookup(g.typ)
		require.True(t, ok)
		c, err := p.ProcessAs(context.Background(), lt, siem.Object{Key: fmt.Sprintf("generated-%d-%s", i, g.typ)}, bytes.NewReader(g.data))
		require.NoError(t, err, g.typ)
		require.True(t, c.Reconciled())
		total.Add(c)
	}
	return total
}

// TestIntegrationFaultProxy sends through a proxy that throttles, fails,
// drops connections before and after the node did the work, and throttles
// single documents: every record is indexed exactly once.
func TestIntegrationFaultProxy(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "faults") + "-"
	flatObjects(t, prefix)
	proxy, err := ostest.NewFaultProxy(url, ostest.Plan{First429: 3, EveryDropBefore: 11, EveryDropAfter: 5, Every503: 7, ThrottleEveryItem: 97})
	require.NoError(t, err)
	defer proxy.Close()

	dlq := &memoryDLQ{}
	rec := newRecorder(newSink(t, opensearch.Config{
		URL:         proxy.URL(),
		MaxBulkDocs: 200,
		Retry:       faultRetry,
		Index:       opensearch.IndexConfig{Prefix: prefix},
	}))
	total := ingestGenerated(t, newPipeline(t, rec, dlq))
	t.Logf("%v; %v", total, proxy)

	noneRefused(t, dlq)
	assert.Positive(t, total.Retried)
	for _, f := range []ostest.Fault{ostest.TooManyRequests, ostest.Unavailable, ostest.DropBefore, ostest.DropAfter} {
		assert.Positive(t, proxy.Faults(f), "fault %v injected", f)
	}
	assert.Positive(t, proxy.Throttled())
	assert.Equal(t, total.Indexed-int64(duplicateRecords(rec)), rec.distinct())
	assert.Equal(t, rec.distinct(), ostest.Count(t, prefix+"*"), "each record exactly once")
}

// duplicateRecords counts documents that share an id with an earlier
// one in the same run: identical source records, which overwrite by
// design.
func duplicateRecords(r *recorder) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.ids {
		n += c - 1
	}
	return n
}

// TestIntegrationOutage: the node disappears for 3 s mid-ingest
// (connections refused, as when it is stopped); nothing is lost or
// duplicated.
func TestIntegrationOutage(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "outage") + "-"
	flatObjects(t, prefix)
	proxy, err := ostest.NewFaultProxy(url, ostest.Plan{OutageAfter: 10, OutageFor: 3 * time.Second})
	require.NoError(t, err)
	defer proxy.Close()

	dlq := &memoryDLQ{}
	rec := newRecorder(newSink(t, opensearch.Config{
		URL:         proxy.URL(),
		MaxBulkDocs: 200,
		Retry:       opensearch.Retry{MaxAttempts: 30, Initial: 50 * time.Millisecond, Max: time.Second},
		Index:       opensearch.IndexConfig{Prefix: prefix},
	}))
	start := time.Now()
	total := ingestGenerated(t, newPipeline(t, rec, dlq))
	t.Logf("%v in %v; %v", total, time.Since(start), proxy)

	assert.Equal(t, 1, proxy.Outages())
	noneRefused(t, dlq)
	assert.Positive(t, total.Retried)
	assert.GreaterOrEqual(t, time.Since(start), 3*time.Second, "the ingest waited out the outage")
	assert.Equal(t, rec.distinct(), ostest.Count(t, prefix+"*"))
}

// TestIntegrationNodeRestart stops and starts a real node mid-ingest
// with make opensearch-stop / opensearch-start. It runs its own node on
// port SIEM_OPENSEARCH_RESTART_PORT (default 9299), so the shared node is
// left alone, and only with SIEM_OPENSEARCH_RESTART_TEST=1 (CI sets it):
// it costs a JVM start, twice.
//
// opensearch-stop deletes the node's data, so what was indexed before the
// stop is gone by design of the test node. The test checks what the sink
// controls: every document whose Write completed after the node came back
// is in the index, including those whose requests the stop cut off, and
// nothing is there twice.
func TestIntegrationNodeRestart(t *testing.T) {
	if os.Getenv(ostest.EnvRestartTest) != "1" {
		t.Skipf("stops and restarts a node; set %s=1 to run it", ostest.EnvRestartTest)
	}
	port := os.Getenv("SIEM_OPENSEARCH_RESTART_PORT")
	if port == "" {
		port = "9299"
	}
	url := "http://127.0.0.1:" + port
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	runMake := func(target string) {
		cmd := exec.Command("make", "-C", root, target, "OPENSEARCH_PORT="+port)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "make %s: %s", target, out)
	}
	runMake("opensearch-start")
	t.Cleanup(func() { runMake("opensearch-stop") })

	dlq := &memoryDLQ{}
	rec := newRecorder(newSink(t, opensearch.Config{
		URL: url,
		// One request per Write: the recorder times Writes, and a Write
		// split in several requests could have some acknowledged by the
		// old node (whose data the stop deletes) and the rest by the new.
		MaxBulkDocs: 2000,
		// Long enough to wait out a JVM restart (about 15 s here).
		Retry: opensearch.Retry{MaxAttempts: 60, Initial: 100 * time.Millisecond, Max: 5 * time.Second},
		Index: opensearch.IndexConfig{Prefix: "restart-", Rotation: opensearch.RotateNone},
	}))
	p := newPipeline(t, rec, dlq)
	vpc, _ := siem.Default().Lookup("vpcflow")
	type result struct {
		counts siem.Counts
		err    error
	}
	done := make(chan result, 1)
	go func() {
		c, err := p.ProcessAs(context.Background(), vpc, siem.Object{Key: "restart"}, bytes.NewReader(samplegen.VPCFlow(300_000)))
		done <- result{c, err}
	}()
	for countNow(url, "restart-*") < 5000 {
		time.Sleep(50 * time.Millisecond)
	}
	stopped := time.Now()
	runMake("opensearch-stop")
	runMake("opensearch-start")
	up := time.Now()
	res := <-done
	require.NoError(t, res.err)
	t.Logf("%v; node down from %v to %v", res.counts, stopped.Format(time.StampMilli), up.Format(time.StampMilli))
	noneRefused(t, dlq)
	assert.Positive(t, res.counts.Retried, "the restart forced retries")
	assert.EqualValues(t, 300_000, res.counts.Read)

	after, between := rec.completed(stopped, up)
	require.NotEmpty(t, after, "the ingest went on after the restart")
	_, err = http.Post(url+"/restart-*/_refresh", "application/json", nil)
	require.NoError(t, err)
	present := countIDs(t, url, "restart-*", after)
	assert.Equal(t, len(after), present, "every document written after the restart is there")
	total := countNow(url, "restart-*")
	assert.GreaterOrEqual(t, total, int64(len(after)))
	assert.LessOrEqual(t, total, int64(len(after)+len(between)), "nothing is there twice")
}

// countIDs returns how many of ids the indices matching pattern hold.
func countIDs(t *testing.T, url, pattern string, ids []string) int {
	t.Helper()
	n := 0
	for start := 0; start < len(ids); start += 5000 {
		q, err := json.Marshal(map[string]any{"query": map[string]any{"ids": map[string]any{"values": ids[start:min(start+5000, len(ids))]}}})
		require.NoError(t, err)
		res, err := http.Post(url+"/"+pattern+"/_count", "application/json", bytes.NewReader(q))
		require.NoError(t, err)
		var c struct {
			Count int `json:"count"`
		}
		require.NoError(t, json.NewDecoder(res.Body).Decode(&c))
		res.Body.Close()
		n += c.Count
	}
	return n
}

// TestIntegrationServerlessModeDuplicates documents the trade-off of
// Config.Serverless: without ids, a request whose answer is lost after
// the node indexed it is indexed twice when retried.
func TestIntegrationServerlessModeDuplicates(t *testing.T) {
	url := ostest.URL(t)
	index := ostest.UniqueIndex(t, "serverless")
	proxy, err := ostest.NewFaultProxy(url, ostest.Plan{EveryDropAfter: 2})
	require.NoError(t, err)
	defer proxy.Close()
	s := newSink(t, opensearch.Config{
		URL: proxy.URL(), Serverless: true, MaxBulkDocs: 100, Retry: faultRetry,
		Index: opensearch.IndexConfig{Names: map[string]string{"vpcflow": index}, Rotation: opensearch.RotateNone},
	})
	vpc, _ := siem.Default().Lookup("vpcflow")
	counts, err := newPipeline(t, s, &memoryDLQ{}).ProcessAs(context.Background(), vpc, siem.Object{Key: "x"}, bytes.NewReader(vpcflowObject(1000)))
	require.NoError(t, err)
	require.EqualValues(t, 1000, counts.Indexed)
	got := ostest.Count(t, index)
	t.Logf("%d records indexed as %d documents; %v", counts.Indexed, got, proxy)
	assert.Greater(t, got, counts.Indexed, "lost answers duplicate documents without ids")
}

// TestIntegrationDataStream writes to a data stream with op create: the
// second run over the same object conflicts on every id and counts them
// as indexed, leaving the count unchanged.
func TestIntegrationDataStream(t *testing.T) {
	url := ostest.URL(t)
	name := ostest.UniqueIndex(t, "stream")
	status, body := ostest.Do(t, http.MethodPut, "/_index_template/"+name, fmt.Sprintf(`{"index_patterns":[%q],"data_stream":{},"priority":500}`, name+"*"))
	require.Equal(t, http.StatusOK, status, "%s", body)
	t.Cleanup(func() {
		ostest.Do(t, http.MethodDelete, "/_data_stream/"+name, nil)
		ostest.Do(t, http.MethodDelete, "/_index_template/"+name, nil)
	})
	s := newSink(t, opensearch.Config{URL: url, Index: opensearch.IndexConfig{Names: map[string]string{"vpcflow": name}, Rotation: opensearch.RotateDataStream}})
	dlq := &memoryDLQ{}
	p := newPipeline(t, s, dlq)
	vpc, _ := siem.Default().Lookup("vpcflow")
	for run := 1; run <= 2; run++ {
		counts, err := p.ProcessAs(context.Background(), vpc, siem.Object{Key: "x"}, bytes.NewReader(vpcflowObject(300)))
		require.NoError(t, err)
		assert.EqualValues(t, 300, counts.Indexed, "run %d", run)
		assert.EqualValues(t, 300, ostest.Count(t, name), "run %d", run)
	}
	noneRefused(t, dlq)
	status, body = ostest.Do(t, http.MethodGet, "/_data_stream/"+name, nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), `"name":"`+name+`"`)
}

// TestIntegrationWriteAlias writes through a write alias to its current
// index.
func TestIntegrationWriteAlias(t *testing.T) {
	url := ostest.URL(t)
	alias := ostest.UniqueIndex(t, "alias")
	status, body := ostest.Do(t, http.MethodPut, "/"+alias+"-000001", fmt.Sprintf(`{"aliases":{%q:{"is_write_index":true}}}`, alias))
	require.Equal(t, http.StatusOK, status, "%s", body)
	s := newSink(t, opensearch.Config{URL: url, Index: opensearch.IndexConfig{Names: map[string]string{"vpcflow": alias}, Rotation: opensearch.RotateAlias}})
	vpc, _ := siem.Default().Lookup("vpcflow")
	counts, err := newPipeline(t, s, &memoryDLQ{}).ProcessAs(context.Background(), vpc, siem.Object{Key: "x"}, bytes.NewReader(vpcflowObject(50)))
	require.NoError(t, err)
	assert.EqualValues(t, 50, counts.Indexed)
	assert.EqualValues(t, 50, ostest.Count(t, alias+"-000001"))
}

// countNow counts without refreshing or failing: 0 while the node is
// away.
func countNow(url, pattern string) int64 {
	res, err := http.Get(url + "/" + pattern + "/_count?allow_no_indices=true")
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	var c struct {
		Count int64 `json:"count"`
	}
	json.NewDecoder(res.Body).Decode(&c)
	return c.Count
}
