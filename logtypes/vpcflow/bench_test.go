package vpcflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.VPCFlow(5000)
	if !bytes.Equal(data, samplegen.VPCFlow(5000)) {
		t.Fatal("samplegen.VPCFlow is not deterministic")
	}
	res := siemtest.Run(t, vpcflow.New(), testKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"NODATA"`, `"SKIPDATA"`, `"REJECT"`, `"ipv6"`, `"icmp"`, `"udp"`, `"esp"`} {
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
	or, err := vpcflow.New().Open(siem.Object{Key: testKey}, bytes.NewReader(data))
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

// BenchmarkNormalize measures Normalize alone on the varied default-format
// records of samplegen; it must not allocate.
func BenchmarkNormalize(b *testing.B) {
	or, recs := records(b, samplegen.VPCFlow(10000))
	size := 0
	for _, r := range recs {
		size += len(r.Data) + 1
	}
	var ev ecs.Event
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := or.Normalize(siem.Record{Record: recs[i]}, &ev); err != nil {
			b.Fatal(err)
		}
		i++
		if i == len(recs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) {
	for _, c := range []struct{ name, data string }{
		{"v2", string(samplegen.VPCFlow(10000))},
		{"v5-custom", v5Object(2000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			or, recs := records(b, []byte(c.data))
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
				if err := or.Normalize(siem.Record{Record: recs[i]}, &ev); err != nil {
					b.Fatal(err)
				}
				out = ev.AppendJSON(out[:0])
				i++
				if i == len(recs) {
					i = 0
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkPipeline runs whole gzip objects through the real pipeline to
// NDJSON, the figure the project's throughput target is about.
func BenchmarkPipeline(b *testing.B) {
	data := samplegen.VPCFlow(100000)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	dlq := sink.NewDeadLetters(io.Discard)
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: dlq})
	if err != nil {
		b.Fatal(err)
	}
	var records int64
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), vpcflow.New(), siem.Object{Key: testKey}, bytes.NewReader(gz.Bytes()))
		if err != nil || counts.Indexed != 100000 {
			b.Fatalf("counts %v, error %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// v5Object is a custom-format object with every v2–v5 field in a shuffled
// order, for the cost of wide records.
func v5Object(n int) string {
	var b strings.Builder
	b.WriteString("account-id interface-id version action log-status start end srcaddr srcport dstaddr dstport protocol packets bytes type tcp-flags flow-direction traffic-path pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service vpc-id subnet-id instance-id region az-id sublocation-type sublocation-id\n")
	for range n {
		b.WriteString("210987654321 eni-0f1e2d3c4b5a60001 5 ACCEPT OK 1795775400 1795775458 52.218.40.10 443 10.20.0.71 40112 6 30 28000 IPv4 19 ingress - 52.218.40.10 10.20.0.71 S3 - vpc-0f1e2d3c4b5a69999 subnet-0f1e2d3c4b5a61111 i-0f1e2d3c4b5a60aaa eu-west-1 euw1-az2 - -\n")
	}
	return b.String()
}
