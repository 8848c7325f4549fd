package okta_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/okta"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// sampleRecords reads the bundled sample objects (one event per line, and an
// API page) and keeps the records that index: the benchmark data is real
// Okta events of several kinds, not synthetic ones, and needs nothing
// beyond the public API, as a third party's benchmark would.
func sampleRecords(tb testing.TB) []siemtest.BenchRecord {
	tb.Helper()
	var out []siemtest.BenchRecord
	var ev ecs.Event
	for _, key := range []string{keyLines, keyPage} {
		f, err := os.Open(filepath.Join(samples, key))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		r, _, err := parser.Decompress(f)
		if err != nil {
			tb.Fatal(err)
		}
		or, err := okta.New().Open(siem.Object{Key: key}, r)
		if err != nil {
			tb.Fatal(err)
		}
		for {
			rec, err := or.Next()
			if err != nil { // io.EOF, or the sample's deliberately truncated last line
				break
			}
			rec.Data = bytes.Clone(rec.Data)
			ev.Reset()
			if or.Normalize(siem.Record{Record: rec}, &ev) == nil {
				out = append(out, siemtest.BenchRecord{Reader: or, Record: siem.Record{Record: rec}})
			}
		}
	}
	if len(out) < 10 {
		tb.Fatalf("%d sample events index, want at least 10", len(out))
	}
	return out
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchRecords(b, sampleRecords(b), toJSON)
}

// BenchmarkNormalize measures Normalize alone on the bundled sample events.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
