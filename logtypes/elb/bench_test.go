package elb

import (
	"bytes"
	"compress/gzip"
	"context"
	"sync/atomic"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
)

func BenchmarkALB(b *testing.B) { benchNormalize(b, normalizeALB, samplegen.ALB(1000)) }
func BenchmarkNLB(b *testing.B) { benchNormalize(b, normalizeNLB, samplegen.NLB(1000)) }
func BenchmarkCLB(b *testing.B) { benchNormalize(b, normalizeCLB, samplegen.CLB(1000)) }

// benchNormalize measures one entry per iteration, with the event reused
// as the pipeline's workers reuse it: "normalize" is the log type's own
// cost, "encode" adds the JSON encoding of the event, as the pipeline does.
func benchNormalize(b *testing.B, normalize normalizeFunc, sample []byte) {
	lines := bytes.Split(bytes.TrimSuffix(sample, []byte("\n")), []byte("\n"))
	o := &origin{account: "123456789012", region: "us-east-1"}
	for _, encode := range []bool{false, true} {
		name := "normalize"
		if encode {
			name = "encode"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(sample) / len(lines)))
			b.ReportAllocs()
			var ev ecs.Event
			var out []byte
			i := 0
			for b.Loop() {
				ev.Reset()
				if err := normalize(lines[i], &ev, o); err != nil {
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
		})
	}
}

func BenchmarkALBPipeline(b *testing.B) { benchPipeline(b, ALB(), albSampleKey, samplegen.ALB(20000)) }
func BenchmarkNLBPipeline(b *testing.B) { benchPipeline(b, NLB(), nlbSampleKey, samplegen.NLB(20000)) }
func BenchmarkCLBPipeline(b *testing.B) { benchPipeline(b, CLB(), clbSampleKey, samplegen.CLB(20000)) }

// benchPipeline runs a gzip object end to end through the pipeline on one
// worker, into a sink that only counts, to measure the cost per core.
func benchPipeline(b *testing.B, lt siem.LogType, key string, sample []byte) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(sample)
	zw.Close()
	sink := &countingSink{}
	p, err := siem.NewPipeline(siem.Options{Sink: sink, DeadLetters: sink, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sample)))
	b.ReportAllocs()
	var records int64
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), lt, siem.Object{Key: key}, bytes.NewReader(gz.Bytes()))
		if err != nil || counts.Indexed != counts.Read {
			b.Fatalf("counts %v, err %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

type countingSink struct{ docs, bytes, dead atomic.Int64 }

func (s *countingSink) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	s.docs.Add(int64(len(docs)))
	for _, d := range docs {
		s.bytes.Add(int64(len(d.Body)))
	}
	return siem.WriteResult{}, nil
}

func (s *countingSink) DeadLetter(context.Context, siem.DeadLetter) error {
	s.dead.Add(1)
	return nil
}
