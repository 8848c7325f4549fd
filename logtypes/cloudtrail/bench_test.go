package cloudtrail

import (
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/parser"
)

// BenchmarkNormalize measures Normalize alone, and with the document
// encoding the pipeline does next, over the synthetic mix of
// samplegen.CloudTrail.
func BenchmarkNormalize(b *testing.B) {
	recs := sampleRecords(b, samplegen.CloudTrail(1000))
	size := 0
	for _, r := range recs {
		size += len(r)
	}
	for _, bc := range []struct {
		name   string
		encode bool
	}{{"normalize", false}, {"normalize+encode", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size / len(recs)))
			b.ReportAllocs()
			ev := &ecs.Event{}
			var out []byte
			n := 0
			for b.Loop() {
				ev.Reset()
				if err := Normalize(siem.Record{Record: parser.Record{Data: recs[n%len(recs)], Number: int64(n + 1)}}, ev); err != nil {
					b.Fatal(err)
				}
				if bc.encode {
					out = ev.AppendJSON(out[:0])
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
