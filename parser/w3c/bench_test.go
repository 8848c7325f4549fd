package w3c_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem/parser/w3c"
)

// cloudFrontInput is a CloudFront standard log of n lines of 33 fields
// (about 390 bytes a line) under its directives.
func cloudFrontInput(n int) []byte {
	var b bytes.Buffer
	b.WriteString("#Version: 1.0\n" + fieldsLine(cloudFront33) + "\n")
	for i := range n {
		b.WriteString(cfLine(i, 33))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkReader frames a CloudFront log and splits each line into its
// fields, looking up the list as a normalizer does.
func BenchmarkReader(b *testing.B) {
	input := cloudFrontInput(100_000)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	records := 0
	fields := make([][]byte, 0, 40)
	for b.Loop() {
		r := w3c.NewReader(bytes.NewReader(input), w3c.Options{})
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			f := r.Fields(rec)
			fields = r.Split(rec.Data, fields)
			if len(fields) != f.Len() {
				b.Fatalf("record %d has %d fields", rec.Number, len(fields))
			}
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkSplit(b *testing.B) {
	line := []byte(cfLine(42, 33))
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	fields := make([][]byte, 0, 40)
	records := 0
	for b.Loop() {
		fields = w3c.Split(line, '\t', fields)
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
