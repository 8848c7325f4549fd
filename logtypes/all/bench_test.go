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
	return []benchCase{
		{"cloudtrail", "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_abcdefABCDEF1234.json.gz", samplegen.CloudTrail, 20000},
		{"vpcflow", "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log.gz", samplegen.VPCFlow, 200000},
		{"alb", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz", samplegen.ALB, 100000},
		{"nlb", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", samplegen.NLB, 100000},
		{"clb", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log", samplegen.CLB, 100000},
		{"guardduty", "AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz", samplegen.GuardDuty, 10000},
		{"securityhub", "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-05-00-3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b", samplegen.SecurityHub, 10000},
		{"inspector", "AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7", samplegen.Inspector, 10000},
		{"cloudfront", "cloudfront-logs/www.example.com/E2QWRUHAPOMQZL.2026-11-27-10.5f0e9d8c.gz", samplegen.CloudFront, 100000},
		{"cloudfront-realtime", "AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/cf-realtime-to-s3-1-2026-11-27-10-05-12-4b1c9e2a-6d3f-4a8b-9c0e-2f5a7b8c9d01.gz", samplegen.CloudFrontRealtime, 100000},
		{"route53resolver", "AWSLogs/123456789012/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/27/123456789012_vpcdnsquerylogs_us-east-1_rqlc-0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", samplegen.Route53Resolver, 50000},
		{"config", "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20261127T100000Z_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.json.gz", samplegen.Config, 20000},
		{"s3accesslog", "s3-access-logs/app-assets-prod/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A", samplegen.S3AccessLog, 100000},
		{"waf", "AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log.gz", samplegen.WAF, 50000},
		{"apache-access", "apache/access/web-01/access_log-20261127.gz", samplegen.ApacheAccess, 100000},
		{"apache-error", "apache/error/web-01/error_log-20261127.gz", samplegen.ApacheError, 100000},
		{"nginx-access", "logs/web-01/nginx/access/2026/11/27/access.log.gz", samplegen.NginxAccess, 100000},
		{"nginx-error", "logs/web-01/nginx/error/2026/11/27/error.log.gz", samplegen.NginxError, 50000},
		{"linux-secure", "hosts/linux/bastion-1/secure-20251228.gz", samplegen.LinuxSecure, 100000},
		// The system log reads the same lines as the secure log, and
		// routes sshd, sudo and su ones to its family.
		{"linux-syslog", "hosts/linux/bastion-1/messages-20261127.gz", samplegen.LinuxSecure, 100000},
		{"okta", "okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json.gz", samplegen.Okta, 10000},
		{"deepsecurity", "ds_agent/2026/11/27/10_0.gz", samplegen.DeepSecurity, 50000},
		{"windows-event", "exports/windows/eventlogs/dc01-security-20261127.xml", samplegen.WindowsEvents, 10000},
		// Domain controllers' and file servers' events, read as files
		// of event XML at their Firehose keys.
		{"directory-service", "AWSLogs/123456789012/DirectoryService/MicrosoftAD/us-east-1/2026/11/27/10/siem-directory-service-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d", samplegen.WindowsEvents, 10000},
		{"fsx-windows", "AWSLogs/123456789012/FSx/us-east-1/2026/11/27/10/aws-fsx-siem-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9.gz", samplegen.WindowsEvents, 10000},
		{"rds-postgresql", "rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10", samplegen.RDSPostgreSQL, 100000},
		{"rds-mysql", "AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", samplegen.RDSMySQL, 50000},
		{"clientvpn", "archive/AWSLogs/123456789012/ClientVPN/us-east-1/cvpn-endpoint-0fedcba9876543210.json.gz", samplegen.ClientVPN, 50000},
		{"cloudhsm", "cloudhsm-cwl/123456789012/us-east-1/cluster-2sdq3ftzp6a/0f1e2d3c/hsm-vw7m3n4bx2q/000000.gz", samplegen.CloudHSM, 50000},
		{"elasticache", "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/aes-siem-elasticache-slow-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz", samplegen.ElastiCache, 100000},
		{"msk", "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log.gz", samplegen.MSK, 100000},
		{"opensearch-audit", "AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b", samplegen.OpenSearchAudit, 50000},
		{"workspaces", "AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", samplegen.WorkSpaces, 50000},
		{"trustedadvisor", "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/trustedadvisor-check-results-20261127_100000.json.gz", samplegen.TrustedAdvisor, 50000},
		{"index-metrics", "AWSLogs/123456789012/OpenSearch/metrics/us-east-1/2026/11/27/aos_index_metrics_3f2b9c1d7e4a45b8a6c0d9e8f7a6b5c4.json.gz", samplegen.IndexMetrics, 50000},
		{"firelens", "fluent-bit-logs/web-firelens-8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5/2026/12/06/17/30/00-objectQ3mX9aLp", samplegen.FireLens, 50000},
		{"securitylake-json", "ocsf-json/2026/11/27/10/ocsf-events-20261127T1005Z.json.gz", samplegen.SecurityLakeJSON, 20000},
		{"securitylake-parquet", "aws-security-data-lake-us-east-1-7kq2mz4xw9r1tb6nd3hc8ve5jp0ys/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/5f0c3a9e1b2d4c6e8f7a9b0c1d2e3f4a.gz.parquet", samplegen.SecurityLakeParquet, 20000},
		{"networkfirewall", "AWSLogs/111122223333/network-firewall/flow/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_flow_us-east-1_egress-fw_202611271005_1a2b3c4d.log.gz", samplegen.NetworkFirewall, 50000},
	}
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
