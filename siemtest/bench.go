package siemtest

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/cputime"
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
	var recs []BenchRecord
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, BenchRecord{Reader: or, Record: siem.Record{Record: rec}})
	}
	BenchRecords(b, recs, toJSON)
}

// BenchRecord is a record read beforehand for BenchRecords, with the
// reader that normalizes it (the one it was read from) and what a
// normalizer is given beside it (Ingested, for records without a time of
// their own). Its Data must stay valid for the benchmark: copy it from
// the reader's buffer.
type BenchRecord struct {
	Reader siem.ObjectReader
	siem.Record
}

// BenchRecords is BenchNormalize for records read beforehand, for a
// benchmark that picks its records itself (from several objects, or only
// those that index): each operation normalizes one of recs, cycling.
func BenchRecords(b *testing.B, recs []BenchRecord, toJSON bool) {
	b.Helper()
	if len(recs) == 0 {
		b.Fatal("the benchmark has no records")
	}
	size := 0
	for _, r := range recs {
		size += len(r.Data)
	}
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		ev.Reset()
		if err := recs[i].Reader.Normalize(recs[i].Record, &ev); err != nil {
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
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "records/cpu-s")
	}
}
