package rdspostgresql

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/parser/multiline"
)

// records frames a generated log into its records.
func records(tb testing.TB, sample []byte) [][]byte {
	tb.Helper()
	r, err := multiline.NewReader(bytes.NewReader(sample), multiline.Options{Start: recordStart})
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, bytes.Clone(rec.Data))
	}
}

// BenchmarkNormalize measures the type's own cost per record, with the
// event reused as the pipeline's workers reuse it.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds the JSON encoding of each event.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }

func bench(b *testing.B, encode bool) {
	sample := samplegen.RDSPostgreSQL(1000)
	recs := records(b, sample)
	b.SetBytes(int64(len(sample) / len(recs)))
	b.ReportAllocs()
	var ev ecs.Event
	var out []byte
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := normalize(recs[i], &ev); err != nil {
			b.Fatal(err)
		}
		if encode {
			out = ev.AppendJSON(out[:0])
		}
		if i++; i == len(recs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestSampleGen proves that every generated record indexes as a valid
// document and that the generator covers what it claims.
func TestSampleGen(t *testing.T) {
	recs := records(t, samplegen.RDSPostgreSQL(3000))
	if len(recs) != 3000 {
		t.Fatalf("%d records, want 3000", len(recs))
	}
	fields := []string{"source.ip", "source.port", "user.name", "event.duration", "error.code", "aws.rds_postgresql.query",
		"aws.rds_postgresql.audit.class", "tls.version", "aws.rds_postgresql.query_step"}
	actions := map[string]int{"permission-denied": 0, "role-not-found": 0, "authentication-failed": 0}
	seen := map[string]int{}
	var ev ecs.Event
	for i, rec := range recs {
		ev.Reset()
		if err := normalize(rec, &ev); err != nil {
			t.Fatalf("record %d: %v\n%s", i+1, err, rec)
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("record %d: %v\n%s", i+1, err, rec)
		}
		for _, f := range fields {
			if ev.Has(f) {
				seen[f]++
			}
		}
		if a, ok := ev.Lookup("event.action"); ok {
			if n, ok := actions[string(a[1:len(a)-1])]; ok {
				actions[string(a[1:len(a)-1])] = n + 1
			}
		}
	}
	for a, n := range actions {
		if n == 0 {
			t.Errorf("no generated record has event.action %s", a)
		}
	}
	for _, f := range fields {
		if seen[f] == 0 {
			t.Errorf("no generated record has %s", f)
		}
	}
}
