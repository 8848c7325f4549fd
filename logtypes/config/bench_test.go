package config_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20261127T040000Z_5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.json.gz"

// TestSampleGen checks that the benchmark data is what it claims: every
// item indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.Config(3000)
	if !bytes.Equal(data, samplegen.Config(3000)) {
		t.Fatal("samplegen.Config is not deterministic")
	}
	res := siemtest.Run(t, config.New(), benchKey, data)
	if res.Counts.Indexed != 3000 || res.Counts.DeadLettered != 0 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want 3000 indexed", res.Counts, res.Err)
	}
	info := config.New().Info()
	for _, want := range []string{
		`"AWS::EC2::Instance"`, `"AWS::EC2::SecurityGroup"`, `"AWS::EC2::NetworkInterface"`, `"AWS::EC2::EIP"`,
		`"AWS::IAM::User"`, `"AWS::IAM::Role"`, `"AWS::S3::Bucket"`, `"AWS::Lambda::Function"`,
		`"ResourceDeleted"`, `"ResourceDiscovered"`, `"supplementary_configuration"`, `"related":{"ip"`,
	} {
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
	for _, d := range res.Docs[:200] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
}

// records frames an object and copies out its records and reader, as the
// pipeline does before handing records to its workers.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record, int) {
	tb.Helper()
	or, err := config.New().Open(siem.Object{Key: benchKey}, bytes.NewReader(data))
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
	or, recs, size := records(b, samplegen.Config(5000))
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

// BenchmarkNormalize measures Normalize alone on the varied items of
// samplegen.Config.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
