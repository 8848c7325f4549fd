package waf_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/waf"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed and valid, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.WAF(3000)
	if !bytes.Equal(data, samplegen.WAF(3000)) {
		t.Fatal("samplegen.WAF is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, waf.New(), directKey, data)
	if res.Counts.Indexed != 3000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 3000 indexed", res.Counts)
	}
	info := waf.New().Info()
	for _, d := range res.Docs[:200] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
	for _, want := range []string{`"BLOCK"`, `"CAPTCHA"`, `"CHALLENGE"`, `"RATE_BASED"`, `"MANAGED_RULE_GROUP"`, `"global"`, `"alert"`, `"2001:db8:`, `[REDACTED]`, `"x_forwarded_for"`, `"excluded_rule_ids"`, `"status_code":429`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no document with %s", want)
		}
	}
}

// benchReader opens a benchmark object; siemtest.BenchNormalize reads
// its records.
func benchReader(tb testing.TB, data []byte) siem.ObjectReader {
	tb.Helper()
	or, err := waf.New().Open(siem.Object{Key: directKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return or
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchNormalize(b, benchReader(b, samplegen.WAF(5000)), toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's varied records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }

// BenchmarkPipeline runs a whole gzip object through the real pipeline to
// NDJSON.
func BenchmarkPipeline(b *testing.B) {
	data := samplegen.WAF(20000)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: sink.NewDeadLetters(io.Discard)})
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), waf.New(), siem.Object{Key: directKey}, bytes.NewReader(gz.Bytes()))
		if err != nil || counts.Indexed != 20000 {
			b.Fatalf("counts %v, error %v", counts, err)
		}
		n += counts.Indexed
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}
