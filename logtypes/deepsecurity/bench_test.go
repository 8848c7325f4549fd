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
	"github.com/siem-go/siem/siemtest"
)

// sampleRecords reads the bundled sample objects (an agent's fluentd JSON
// lines and a manager's syslog) and keeps the records that index: the
// benchmark data is real events of every module, CEF and LEEF, and needs
// nothing beyond the public API, as a third party's benchmark would.
func sampleRecords(tb testing.TB) []siemtest.BenchRecord {
	tb.Helper()
	var out []siemtest.BenchRecord
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
				out = append(out, siemtest.BenchRecord{Reader: or, Record: siem.Record{Record: rec, Ingested: ingested}})
			}
		}
	}
	if len(out) < 15 {
		tb.Fatalf("%d sample records index, want at least 15", len(out))
	}
	return out
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchRecords(b, sampleRecords(b), toJSON)
}

// BenchmarkNormalize measures Normalize alone on the bundled sample records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
