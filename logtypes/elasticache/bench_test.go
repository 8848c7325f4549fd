package elasticache_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/elasticache"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/bench.txt"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety. The object starts with a
// JSON record, so it is read as JSON values: records in TEXT are framed
// by lines instead, so the generator's lines are run one per object here.
func TestSampleGen(t *testing.T) {
	data := samplegen.ElastiCache(2000)
	if !bytes.Equal(data, samplegen.ElastiCache(2000)) {
		t.Fatal("samplegen.ElastiCache is not deterministic")
	}
	var docs []siem.Document
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	for _, line := range lines {
		res := siemtest.Run(t, elasticache.New(), benchKey, line)
		if res.Counts.Indexed != 1 {
			t.Fatalf("%s: counts %v, want 1 indexed", line, res.Counts)
		}
		docs = append(docs, res.Docs...)
	}
	for _, want := range []string{`"log_type":"slow-log"`, `"log_type":"engine-log"`, `"level":"DEBUG"`, `"level":"WARNING"`, `"ip":"2001:db8:`, `"command":"MSET user:1,alice`, `"slowlog_id":`} {
		n := 0
		for _, d := range docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no record with %s", want)
		}
	}
}

func bench(b *testing.B, toJSON bool) {
	or, err := elasticache.New().Open(siem.Object{Key: benchKey}, bytes.NewReader([]byte("x\n")))
	if err != nil {
		b.Fatal(err)
	}
	// The four formats' lines, mixed, each normalized by the one reader
	// (a line's format is told from the line).
	lr := parser.NewLineReader(bytes.NewReader(samplegen.ElastiCache(10000)), parser.LineOptions{})
	var recs []siemtest.BenchRecord
	for {
		rec, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, siemtest.BenchRecord{Reader: or, Record: siem.Record{Record: rec}})
	}
	siemtest.BenchRecords(b, recs, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's records, all
// four formats mixed.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
