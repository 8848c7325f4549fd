package indexmetrics_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.IndexMetrics(5000)
	if !bytes.Equal(data, samplegen.IndexMetrics(5000)) {
		t.Fatal("samplegen.IndexMetrics is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, indexmetrics.New(), keyExporter, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"opensearch.index"`, `"opensearch.shard"`, `"hot"`, `"warm"`, `"cold"`, `"UNASSIGNED"`, `"RELOCATING"`, `"query_total"`, `"primary":false`, `"start_time"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no document with %s", want)
		}
	}
}

// bench measures Normalize on samplegen's records (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := indexmetrics.New().Open(siem.Object{Key: keyExporter}, bytes.NewReader(samplegen.IndexMetrics(10000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
