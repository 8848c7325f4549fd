package deepsecurity_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/deepsecurity"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

const testKey = "ds_agent/2026/11/27/10_0.gz"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, every module present.
func TestSampleGen(t *testing.T) {
	data := samplegen.DeepSecurity(5000)
	if !bytes.Equal(data, samplegen.DeepSecurity(5000)) {
		t.Fatal("samplegen.DeepSecurity is not deterministic")
	}
	res := siemtest.Run(t, deepsecurity.New(), testKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		for _, dl := range res.DeadLetters[:min(3, len(res.DeadLetters))] {
			t.Log(dl.Reason)
		}
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"firewall"`, `"intrusion_prevention"`, `"anti_malware"`, `"integrity_monitoring"`,
		`"log_inspection"`, `"web_reputation"`, `"application_control"`, `"authentication"`, `"fluentd"`, `"packet_text"`, `"forwarded_ip"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no record with %s", want)
		}
	}
}

// records frames an object and copies out its records and reader, as the
// pipeline does before handing records to its workers.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record) {
	tb.Helper()
	or, err := deepsecurity.New().Open(siem.Object{Key: testKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return or, recs
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
	}
}

func bench(b *testing.B, toJSON bool) {
	or, recs := records(b, samplegen.DeepSecurity(10000))
	size := 0
	for _, r := range recs {
		size += len(r.Data) + 1
	}
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := or.Normalize(siem.Record{Record: recs[i], Ingested: siemtest.Ingested}, &ev); err != nil {
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

// BenchmarkNormalize measures Normalize alone on the varied records of
// samplegen.DeepSecurity.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
