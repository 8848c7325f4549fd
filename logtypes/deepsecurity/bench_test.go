package deepsecurity_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/deepsecurity"
	"github.com/siem-go/siem/parser"
)

// sample is one record of the bundled samples with the reader of its
// object, as the pipeline hands records to its workers.
type sample struct {
	or  siem.ObjectReader
	rec parser.Record
}

// sampleRecords reads the bundled sample objects (an agent's fluentd JSON
// lines and a manager's syslog) and keeps the records that index: the
// benchmark data is real events of every module, CEF and LEEF, and needs
// nothing beyond the public API, as a third party's benchmark would.
func sampleRecords(tb testing.TB) []sample {
	tb.Helper()
	var out []sample
	var ev ecs.Event
	for _, g := range goldens[:2] {
		f, err := os.Open(filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key)))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		r, _, err := parser.Decompress(f)
		if err != nil {
			tb.Fatal(err)
		}
		or, err := deepsecurity.New().Open(siem.Object{Key: g.Key}, r)
		if err != nil {
			tb.Fatal(err)
		}
		for {
			rec, err := or.Next()
			if err != nil { // io.EOF, or a sample's deliberately broken record
				break
			}
			rec.Data = bytes.Clone(rec.Data)
			ev.Reset()
			if or.Normalize(siem.Record{Record: rec, Ingested: ingested}, &ev) == nil {
				out = append(out, sample{or, rec})
			}
		}
	}
	if len(out) < 15 {
		tb.Fatalf("%d sample records index, want at least 15", len(out))
	}
	return out
}

func bench(b *testing.B, toJSON bool) {
	recs := sampleRecords(b)
	size := 0
	for _, r := range recs {
		size += len(r.rec.Data) + 1
	}
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := recs[i].or.Normalize(siem.Record{Record: recs[i].rec, Ingested: ingested}, &ev); err != nil {
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
}

// BenchmarkNormalize measures Normalize alone on the bundled sample records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
