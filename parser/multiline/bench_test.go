package multiline_test

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"testing"

	"github.com/siem-go/siem/parser/multiline"
)

// postgresInput is an RDS PostgreSQL log of n records, one in three a
// statement of four lines, about 120 bytes a record.
func postgresInput(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		prefix := fmt.Sprintf("2024-05-01 10:%02d:%02d UTC:10.0.%d.%d(%d):app@orders:[%d]:", i/60%60, i%60, i%4, i%250, 40000+i%20000, 4000+i%500)
		if i%3 == 0 {
			fmt.Fprintf(&b, "%sLOG:  statement: SELECT o.id, o.total\n\tFROM orders o\n\tWHERE o.customer_id = %d\n\tORDER BY o.created_at DESC;\n", prefix, i)
		} else {
			fmt.Fprintf(&b, "%sLOG:  duration: %d.%03d ms\n", prefix, i%90, i%1000)
		}
	}
	return b.Bytes()
}

func benchReader(b *testing.B, input []byte, opt multiline.Options) {
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		r, err := multiline.NewReader(bytes.NewReader(input), opt)
		if err != nil {
			b.Fatal(err)
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
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkReader(b *testing.B) {
	input := postgresInput(100_000)
	b.Run("start", func(b *testing.B) {
		benchReader(b, input, multiline.Options{Start: regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} `)})
	})
	b.Run("continue", func(b *testing.B) {
		benchReader(b, input, multiline.Options{Continue: regexp.MustCompile(`^\s`)})
	})
}
