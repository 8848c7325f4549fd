package securityhub

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/siemtest"
)

// findings cuts a Firehose object of EventBridge events into its finding
// records, as the pipeline does, with their deliveries.
func findings(tb testing.TB, object []byte) []siem.Record {
	tb.Helper()
	msgs, err := envelope.EventBridge().Open(siem.Object{}, bytes.NewReader(object))
	if err != nil {
		tb.Fatal(err)
	}
	c := newCutter(msgs)
	var out []siem.Record
	for {
		rec, err := c.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		out = append(out, siem.Record{Record: rec})
	}
}

func benchmark(b *testing.B, encode bool) {
	recs := findings(b, samplegen.SecurityHub(1000))
	size := 0
	for _, r := range recs {
		size += len(r.Data)
	}
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	ev := &ecs.Event{}
	var out []byte
	n := 0
	for b.Loop() {
		ev.Reset()
		if err := Normalize(recs[n%len(recs)], ev); err != nil {
			b.Fatal(err)
		}
		if encode {
			out = ev.AppendJSON(out[:0])
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkNormalize measures Normalize alone over samplegen.SecurityHub's
// mix of findings.
func BenchmarkNormalize(b *testing.B) { benchmark(b, false) }

// BenchmarkNormalizeToJSON adds the document encoding the pipeline does
// next.
func BenchmarkNormalizeToJSON(b *testing.B) { benchmark(b, true) }

// TestSampleGen proves that every record of the generator indexes, as
// a valid document, through the whole pipeline.
func TestSampleGen(t *testing.T) {
	const n = 300
	res := siemtest.Run(t, New(), "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-00-00-samplegen", samplegen.SecurityHub(n))
	if res.Counts.Indexed != n || res.Counts.Read != n {
		t.Fatalf("counts %v, want %d read and indexed; dead letters: %v", res.Counts, n, res.DeadLetters)
	}
	kinds := map[string]int{}
	for _, d := range res.Docs {
		if err := New().Info().CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
		switch {
		case bytes.Contains(d.Body, []byte(`"kind":"alert"`)):
			kinds["alert"]++
		case bytes.Contains(d.Body, []byte(`"kind":"state"`)):
			kinds["state"]++
		}
	}
	if kinds["alert"] == 0 || kinds["state"] == 0 || kinds["alert"]+kinds["state"] != n {
		t.Errorf("kinds %v, want a mix of alert and state covering all %d", kinds, n)
	}
}
