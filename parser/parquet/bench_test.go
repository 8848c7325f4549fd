package parquet

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

const benchRows = 100_000

var bench struct {
	once sync.Once
	data []byte
	err  error
}

// benchFile is a generated VPC-flow-like file of 100,000 rows (23
// columns, snappy, row groups of 25,000 rows), written once.
func benchFile(b *testing.B) []byte {
	bench.once.Do(func() {
		dir, err := os.MkdirTemp("", "siem-parquet-bench-")
		if err != nil {
			bench.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := writeVPCLike(b, dir, benchRows, 25_000)
		bench.data, bench.err = os.ReadFile(path)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.data
}

func BenchmarkReaderJSON(b *testing.B) {
	benchRead(b, nil)
}

func BenchmarkReaderText(b *testing.B) {
	benchRead(b, strings.Fields("version account_id interface_id srcaddr dstaddr srcport dstport protocol packets bytes start end action log_status"))
}

func benchRead(b *testing.B, text []string) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	records := 0
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if text != nil {
			if err := r.RowText(text); err != nil {
				b.Fatal(err)
			}
		}
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			records++
		}
		r.Close()
	}
	if records != b.N*benchRows {
		b.Fatalf("read %d records in %d runs", records, b.N)
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
