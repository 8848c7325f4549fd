package all_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/ioc"
	"github.com/siem-go/siem/enrich/useragent"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/sink"
)

// discardDLQ counts dead letters; a benchmark with any is broken.
type discardDLQ struct{ n int }

func (d *discardDLQ) DeadLetter(context.Context, siem.DeadLetter) error { d.n++; return nil }

// BenchmarkEndToEnd measures whole objects from gzip bytes to NDJSON
// output. Run with -cpu 1 for the per-core figures in BENCHMARKS.md.
// SetBytes uses the uncompressed size, so MB/s reads as log volume.
func BenchmarkEndToEnd(b *testing.B) {
	cases := benchCases()
	reg := siem.NewRegistry()
	for _, t := range all.Types() {
		if err := reg.Register(t); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(data)
			zw.Close()
			dlq := &discardDLQ{}
			out := sink.NewNDJSON(io.Discard)
			p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: out, DeadLetters: dlq})
			if err != nil {
				b.Fatal(err)
			}
			var records int64
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				counts, err := p.Process(context.Background(), siem.Object{Key: c.key}, bytes.NewReader(gz.Bytes()))
				if err != nil {
					b.Fatal(err)
				}
				if counts.Indexed == 0 || dlq.n > 0 {
					b.Fatalf("benchmark data is broken: %v", counts)
				}
				records += counts.Indexed
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkReadOnly is the floor under BenchmarkEndToEnd: decompressing
// and framing the same objects, without normalizing or writing anything.
func BenchmarkReadOnly(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(data)
			zw.Close()
			lt, err := siem.Default().Detect(siem.Object{Key: c.key})
			ok := err == nil
			if !ok {
				b.Fatalf("no type for %s", c.key)
			}
			var records int64
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				plain, _, err := parser.Decompress(bytes.NewReader(gz.Bytes()))
				if err != nil {
					b.Fatal(err)
				}
				or, err := lt.Open(siem.Object{Key: c.key}, plain)
				if err != nil {
					b.Fatal(err)
				}
				for {
					_, err := or.Next()
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
		})
	}
}

type benchCase struct {
	name string
	key  string
	// gen makes an object of n records; n is the benchmark's size.
	gen func(n int) []byte
	n   int
}

// data is the benchmark's object.
func (c benchCase) data() []byte { return c.gen(c.n) }

// benchCases are synthetic objects of each type, generated on demand so
// that a benchmark run pays only for the types it measures.
func benchCases() []benchCase {
	var cases []benchCase
	for _, k := range samplegen.Kinds() {
		cases = append(cases, benchCase{k.Name, k.Key, k.Gen, k.N})
	}
	return cases
}

// BenchmarkEndToEndEnriched is BenchmarkEndToEnd/cloudtrail and /alb with
// every enricher on: GeoIP City and ASN (MaxMind's test databases), a
// 100,000-indicator IoC database and user agents. Compare the records/s
// with the un-enriched run; BENCHMARKS.md records both.
func BenchmarkEndToEndEnriched(b *testing.B) {
	geo := shared.Dir(b, "geoip")
	dir := b.TempDir()
	var builder ioc.Builder
	for i := range 100_000 {
		ind, err := ioc.NewIP(fmt.Sprintf("%d.%d.%d.0/24", 1+i%223, (i/223)%256, (i/57088)%256))
		if err != nil {
			b.Fatal(err)
		}
		ind.Provider = "bench"
		if err := builder.Add(ind); err != nil {
			b.Fatal(err)
		}
	}
	dbPath := filepath.Join(dir, "ioc.db")
	if _, err := builder.WriteFile(dbPath); err != nil {
		b.Fatal(err)
	}
	reporter := &enrich.Reporter{}
	g, err := geoip.Open(geoip.Config{CityPath: filepath.Join(geo, "GeoIP2-City-Test.mmdb"), ASNPath: filepath.Join(geo, "GeoLite2-ASN-Test.mmdb"), Reporter: reporter})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	i, err := ioc.Open(dbPath, ioc.Config{Reporter: reporter})
	if err != nil {
		b.Fatal(err)
	}
	defer i.Close()
	ua, err := useragent.New(useragent.Config{Reporter: reporter})
	if err != nil {
		b.Fatal(err)
	}
	chain := enrich.Chain(g, i, ua)

	cases := benchCases()
	for _, c := range cases {
		if c.name == "alb" {
			// Every agent unique, as when an attacker randomises browser
			// versions: each record misses the user-agent cache (its
			// 10,000 entries hold a tenth of the object's agents).
			gen := c.gen
			cases = append(cases, benchCase{"alb-unique-agents", c.key, func(n int) []byte { return uniqueAgents(gen(n)) }, c.n})
		}
	}
	for _, c := range cases {
		if c.name != "cloudtrail" && c.name != "alb" && c.name != "alb-unique-agents" {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(data)
			zw.Close()
			dlq := &discardDLQ{}
			p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: dlq, Enrichers: chain})
			if err != nil {
				b.Fatal(err)
			}
			var records int64
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				counts, err := p.Process(context.Background(), siem.Object{Key: c.key}, bytes.NewReader(gz.Bytes()))
				if err != nil || dlq.n > 0 {
					b.Fatalf("%v %v", counts, err)
				}
				records += counts.Indexed
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// uniqueAgents gives each line's browser version a number of its own.
func uniqueAgents(data []byte) []byte {
	versions := [][]byte{[]byte("Chrome/131.0.0.0"), []byte("Version/18.1"), []byte("Firefox/132.0")}
	var out bytes.Buffer
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		for _, v := range versions {
			if j := bytes.Index(line, v); j >= 0 {
				k := j + bytes.IndexByte(v, '.') + 1
				line = append(append(append([]byte{}, line[:k]...), fmt.Sprintf("%d.%d", i/100, i%100)...), line[j+len(v):]...)
				break
			}
		}
		out.Write(line)
	}
	return out.Bytes()
}

// BenchmarkStream feeds the records of BenchmarkEndToEnd's ALB, CloudTrail
// and VPC Flow objects to a siem.Stream one Add at a time, as a log
// shipper does, with an acknowledgement per batch: compare its records/s
// with BenchmarkEndToEnd's for the same records read as an object.
func BenchmarkStream(b *testing.B) {
	for _, c := range benchCases() {
		if c.name != "alb" && c.name != "cloudtrail" && c.name != "vpcflow" {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			obj := siem.Object{Key: c.key}
			lt, err := siem.Default().Detect(obj)
			if err != nil {
				b.Fatal(err)
			}
			or, err := lt.Open(obj, bytes.NewReader(c.data()))
			if err != nil {
				b.Fatal(err)
			}
			var recs [][]byte
			var size int64
			for {
				rec, err := or.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				recs = append(recs, bytes.Clone(rec.Data))
				size += int64(len(rec.Data)) + 1
			}
			dlq := &discardDLQ{}
			p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: dlq})
			if err != nil {
				b.Fatal(err)
			}
			var records, acked int64
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				st, err := p.OpenStream(context.Background(), lt, siem.Object{Key: "shipper/partition-0"}, siem.RunOptions{
					OnAck: func(a siem.Ack) { acked = a.Last }})
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range recs {
					if err := st.Add(r); err != nil {
						b.Fatal(err)
					}
				}
				counts, err := st.Close()
				if err != nil {
					b.Fatal(err)
				}
				if counts.Indexed != int64(len(recs)) || dlq.n > 0 || acked != int64(len(recs)) {
					b.Fatalf("benchmark data is broken: %v, last acknowledged %d of %d", counts, acked, len(recs))
				}
				records += counts.Indexed
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkObjectFile runs the object named by SIEM_BENCH_OBJECT (a file)
// as the log type SIEM_BENCH_TYPE through the pipeline into a discarding
// NDJSON sink: the in-process rate that `make bench-cli` compares siem
// normalize with on the same file.
func BenchmarkObjectFile(b *testing.B) {
	path, name := os.Getenv("SIEM_BENCH_OBJECT"), os.Getenv("SIEM_BENCH_TYPE")
	if path == "" || name == "" {
		b.Skip("set SIEM_BENCH_OBJECT and SIEM_BENCH_TYPE (make bench-cli does)")
	}
	lt, ok := siem.Default().Lookup(name)
	if !ok {
		b.Fatalf("no log type %q", name)
	}
	dlq := &discardDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: dlq})
	if err != nil {
		b.Fatal(err)
	}
	var records int64
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		counts, err := p.ProcessAs(context.Background(), lt, siem.Object{Key: path}, f)
		f.Close()
		if err != nil || dlq.n > 0 {
			b.Fatalf("%v %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
