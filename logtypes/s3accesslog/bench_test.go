package s3accesslog

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
)

const benchKey = "s3-access-logs/123456789012/us-east-1/app-assets-prod/2026/11/27/2026-11-27-10-15-42-A1B2C3D4E5F60718"

func sampleLines(n int) ([][]byte, int) {
	sample := samplegen.S3AccessLog(n)
	return bytes.Split(bytes.TrimSuffix(sample, []byte("\n")), []byte("\n")), len(sample)
}

// BenchmarkNormalize measures the type's own cost per record, with the
// event reused as the pipeline's workers reuse it.
func BenchmarkNormalize(b *testing.B) { benchNormalize(b, false) }

// BenchmarkNormalizeToJSON adds the JSON encoding of each event, as the
// pipeline does before handing documents to the sink.
func BenchmarkNormalizeToJSON(b *testing.B) { benchNormalize(b, true) }

func benchNormalize(b *testing.B, encode bool) {
	lines, size := sampleLines(1000)
	o := originOf(benchKey)
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	var ev ecs.Event
	var out []byte
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := normalize(lines[i], &ev, &o); err != nil {
			b.Fatal(err)
		}
		if encode {
			out = ev.AppendJSON(out[:0])
		}
		if i++; i == len(lines) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkPipeline runs an object end to end through the pipeline on one
// worker, into a sink that only counts: the cost per core.
func BenchmarkPipeline(b *testing.B) {
	sample := samplegen.S3AccessLog(20000)
	sink := &countingSink{}
	p, err := siem.NewPipeline(siem.Options{Sink: sink, DeadLetters: sink, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sample)))
	b.ReportAllocs()
	var records int64
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), New(), siem.Object{Key: benchKey}, bytes.NewReader(sample))
		if err != nil || counts.Indexed != counts.Read {
			b.Fatalf("counts %v, err %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

type countingSink struct{ docs, dead atomic.Int64 }

func (s *countingSink) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	s.docs.Add(int64(len(docs)))
	return siem.WriteResult{}, nil
}

func (s *countingSink) DeadLetter(context.Context, siem.DeadLetter) error {
	s.dead.Add(1)
	return nil
}

// TestSampleGen proves that every generated record indexes as a valid
// document, and that the generator covers the formats it claims.
func TestSampleGen(t *testing.T) {
	lines, _ := sampleLines(3000)
	o := originOf(benchKey)
	widths := map[int]int{}
	var ev ecs.Event
	for i, line := range lines {
		ev.Reset()
		if err := normalize(line, &ev, &o); err != nil {
			t.Fatalf("record %d: %v\n%s", i+1, err, line)
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("record %d: %v\n%s", i+1, err, line)
		}
		fields, _, _ := split(line, nil)
		widths[len(fields)]++
	}
	for _, w := range []int{18, 24, 25, 27} {
		if widths[w] == 0 {
			t.Errorf("no record of %d fields among %v", w, widths)
		}
	}
}
