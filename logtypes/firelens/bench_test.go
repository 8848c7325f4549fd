package firelens_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink"
)

// benchType is the type with an inner normalizer, as logtypes/all
// registers it (with the apache type's in place of the test one).
func benchType() siem.LogType { return firelens.New(firelens.Inner("apache.access", testApache)) }

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed and valid, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.FireLens(5000)
	if !bytes.Equal(data, samplegen.FireLens(5000)) {
		t.Fatal("samplegen.FireLens is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, benchType(), testKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters[:min(3, len(res.DeadLetters))])
	}
	for _, want := range []string{`"format":"apache.access"`, `"format":"json"`, `"format":"plain"`, `"source":"stderr"`, `"level":"fatal"`, `"ip":"2001:db8:85a3::`} {
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

// records frames an object with the FireLens envelope and copies out its
// messages, as the pipeline does before handing them to its workers.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record) {
	tb.Helper()
	obj := siem.Object{Key: testKey}
	msgs, err := envelope.FireLens().Open(obj, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	for {
		rec, err := msgs.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
	}
	or, err := benchType().(siem.MessageOpener).OpenMessages(obj, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return or, recs
}

func bench(b *testing.B, toJSON bool) {
	or, recs := records(b, samplegen.FireLens(10000))
	size := 0
	for _, r := range recs {
		size += len(r.Data) + 1
	}
	env := envelope.FireLens()
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Reset()
		env.Map(recs[i].Delivery, &ev)
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

// BenchmarkNormalize measures the envelope's Map and Normalize on the
// varied lines of samplegen.FireLens (half of them Apache access lines
// through the test's regexp normalizer, which is slower than the apache
// type's).
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }

// BenchmarkPipeline runs a whole object through the real pipeline to
// NDJSON.
func BenchmarkPipeline(b *testing.B) {
	data := samplegen.FireLens(20000)
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: sink.NewDeadLetters(io.Discard)})
	if err != nil {
		b.Fatal(err)
	}
	var records int64
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), benchType(), siem.Object{Key: testKey}, bytes.NewReader(data))
		if err != nil || counts.Indexed != 20000 {
			b.Fatalf("counts %v, error %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
