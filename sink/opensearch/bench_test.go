package opensearch_test

// The speed benchmark needs the node (make opensearch-start) and skips
// without it:
//
//	go test -run '^$' -bench Ingest -benchtime 1x ./sink/opensearch/
//
// For each type it ingests one large synthetic object through the
// pipeline and the sink into fresh indices, then posts the very same
// documents as pre-built _bulk bodies with a plain net/http client (the
// node's ceiling: no normalization, no compression, no response parsing),
// and reports both rates and their ratio.

import (
	"bytes"
	"context"

	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/ostest"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/sink/opensearch"
)

// collector keeps copies of every document, to build the ceiling's
// request bodies from exactly what the sink sent.
type collector struct {
	mu   sync.Mutex
	docs []siem.Document
}

func (c *collector) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range docs {
		d.Body = bytes.Clone(d.Body)
		d.Raw = nil
		c.docs = append(c.docs, d)
	}
	return siem.WriteResult{}, nil
}

type discardDLQ struct{}

func (discardDLQ) DeadLetter(context.Context, siem.DeadLetter) error { return nil }

func BenchmarkIngest(b *testing.B) {
	for _, tc := range []struct {
		typ  string
		data []byte
	}{
		{"vpcflow", samplegen.VPCFlow(100_000)},
		{"cloudtrail", samplegen.CloudTrail(20_000)},
	} {
		b.Run(tc.typ, func(b *testing.B) { benchIngest(b, tc.typ, tc.data) })
	}
}

func benchIngest(b *testing.B, typ string, data []byte) {
	url := ostest.URL(b)
	lt, _ := siem.Default().Lookup(typ)
	obj := siem.Object{Key: "bench-" + typ}

	// The documents, once, for the ceiling.
	col := &collector{}
	p, err := siem.NewPipeline(siem.Options{Sink: col, DeadLetters: discardDLQ{}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.ProcessAs(context.Background(), lt, obj, bytes.NewReader(data)); err != nil {
		b.Fatal(err)
	}
	docs := col.docs
	var docBytes int64
	for _, d := range docs {
		docBytes += int64(len(d.Body))
	}

	// Warm the node's JIT up first: the first run on a fresh JVM is
	// several times slower and would flatter whichever runs second.
	ceilingRun(b, url, docs[:len(docs)/4])

	// Best of three rounds, alternating, so that a burst of load from
	// elsewhere on the machine hurts one sample, not one side.
	var sinkRate, sinkPlainRate, ceilingRate float64
	for b.Loop() {
		for range 3 {
			sinkRate = max(sinkRate, sinkRun(b, url, lt, obj, data, false))
			ceilingRate = max(ceilingRate, ceilingRun(b, url, docs))
			sinkPlainRate = max(sinkPlainRate, sinkRun(b, url, lt, obj, data, true))
		}
	}
	b.SetBytes(docBytes)
	b.ReportMetric(sinkRate, "sink-docs/s")
	b.ReportMetric(sinkPlainRate, "sink-nogzip-docs/s")
	b.ReportMetric(ceilingRate, "ceiling-docs/s")
	b.ReportMetric(sinkRate/ceilingRate, "ratio")
	b.ReportMetric(sinkPlainRate/ceilingRate, "ratio-nogzip")
	b.Logf("%s: %d documents, %.0f bytes each: sink %.0f docs/s (gzip), %.0f docs/s (plain), ceiling %.0f docs/s",
		typ, len(docs), float64(docBytes)/float64(len(docs)), sinkRate, sinkPlainRate, ceilingRate)
}

// installTemplates puts the package's templates in place for prefix, as
// `siem setup` would, so both sides index with the same mappings.
func installTemplates(b *testing.B, url, prefix string) {
	s, err := opensearch.New(opensearch.Config{URL: url, Index: opensearch.IndexConfig{Prefix: prefix}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	zero := 0
	if _, err := s.Setup(context.Background(), siem.Default(), opensearch.TemplateOptions{Replicas: &zero}); err != nil {
		b.Fatalf("installing templates: %v", err)
	}
}

// sinkRun ingests the object through the pipeline and the sink into a
// fresh index and returns documents per second.
func sinkRun(b *testing.B, url string, lt siem.LogType, obj siem.Object, data []byte, plain bool) float64 {
	prefix := ostest.UniqueIndex(b, "bench-sink") + "-"
	installTemplates(b, url, prefix)
	s, err := opensearch.New(opensearch.Config{URL: url, DisableCompression: plain, Index: opensearch.IndexConfig{Prefix: prefix}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: discardDLQ{}})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	c, err := p.ProcessAs(context.Background(), lt, obj, bytes.NewReader(data))
	elapsed := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if c.DeadLettered > 0 {
		b.Fatalf("%d documents dead-lettered: %v", c.DeadLettered, c)
	}
	return float64(c.Indexed) / elapsed.Seconds()
}

// ceilingRun posts the documents as pre-built _bulk bodies of 1000
// documents, uncompressed, with as many requests in flight as the sink
// can have (pipeline workers × Config.Concurrency), and returns documents
// per second.
func ceilingRun(b *testing.B, url string, docs []siem.Document) float64 {
	prefix := ostest.UniqueIndex(b, "bench-ceiling") + "-"
	installTemplates(b, url, prefix)
	cfg := opensearch.IndexConfig{Prefix: prefix}
	var bodies [][]byte
	for start := 0; start < len(docs); start += 1000 {
		var body []byte
		for _, d := range docs[start:min(start+1000, len(docs))] {
			name, err := cfg.Name(d.Type, d.Timestamp, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			body = append(body, `{"index":{"_index":"`...)
			body = append(body, name...)
			body = append(body, `","_id":`...)
			body = ecs.AppendString(body, d.ID)
			body = append(body, "}}\n"...)
			body = append(body, d.Body...)
			body = append(body, '\n')
		}
		bodies = append(bodies, body)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(bodies) {
					return
				}
				res, err := client.Post(url+"/_bulk", "application/json", bytes.NewReader(bodies[i]))
				if err != nil {
					b.Error(err)
					return
				}
				out, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || bytes.Contains(out[:min(len(out), 100)], []byte(`"errors":true`)) {
					b.Errorf("ceiling bulk: %d %.300s", res.StatusCode, out)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	return float64(len(docs)) / elapsed.Seconds()
}
