package indexmetrics_test

import (
	"bytes"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/parser"
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

// records frames an object and copies out its records, as the pipeline
// does before handing records to its workers.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record) {
	tb.Helper()
	or, err := indexmetrics.New().Open(siem.Object{Key: keyExporter}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return or, recs
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
	}
}

func bench(b *testing.B, toJSON bool) {
	or, recs := records(b, samplegen.IndexMetrics(10000))
	size := 0
	for _, r := range recs {
		size += len(r.Data)
	}
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		ev.Reset()
		if err := or.Normalize(siem.Record{Record: recs[i]}, &ev); err != nil {
			b.Fatal(err)
		}
		if toJSON {
			out = ev.AppendJSON(out[:0])
		}
		i++
		if i == len(recs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	// The machine is shared: process CPU time per record gives a figure
	// that other load does not distort (GC work included).
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "records/cpu-s")
	}
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
