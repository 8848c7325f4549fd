package trustedadvisor_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, check results and flagged resources alike.
func TestSampleGen(t *testing.T) {
	data := samplegen.TrustedAdvisor(2000)
	if !bytes.Equal(data, samplegen.TrustedAdvisor(2000)) {
		t.Fatal("samplegen.TrustedAdvisor is not deterministic")
	}
	res := siemtest.Run(t, trustedadvisor.New(), lambdaKey, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want 2000 indexed", res.Counts, res.Err)
	}
	info := trustedadvisor.New().Info()
	for _, want := range []string{`"kind":"state"`, `"kind":"alert"`, `"outcome":"failure"`, `"outcome":"success"`, `"instance":{"id":"i-`, `"flagged_resource":{`, `"related":{"hosts"`, `"estimated_monthly_savings"`} {
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
	for _, d := range res.Docs[:300] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
}

// records frames an object and copies out its records and reader, as the
// pipeline does.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record, int) {
	tb.Helper()
	or, err := trustedadvisor.New().Open(siem.Object{Key: lambdaKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	size := 0
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return or, recs, size
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		size += len(rec.Data)
		recs = append(recs, rec)
	}
}

func bench(b *testing.B, toJSON bool) {
	or, recs, size := records(b, samplegen.TrustedAdvisor(5000))
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
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
}

// BenchmarkNormalize measures Normalize alone on samplegen.TrustedAdvisor.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
