package siemtest

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// BenchNormalize measures a log type's normalization. or is the type's
// reader over a benchmark object: its records are read and copied first,
// as the pipeline does before handing them to its workers, and then each
// operation normalizes one of them, cycling; with toJSON it also writes
// the document, which is what a worker does with each record. It reports
// records/s and, since a shared machine distorts elapsed time,
// records/cpu-s: the process's CPU time per record (garbage collection
// included), where the system can tell it.
func BenchNormalize(b *testing.B, or siem.ObjectReader, toJSON bool) {
	b.Helper()
	var recs []parser.Record
	size := 0
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
		size += len(rec.Data)
	}
	if len(recs) == 0 {
		b.Fatal("the benchmark object holds no records")
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
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "records/cpu-s")
	}
}
