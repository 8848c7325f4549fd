package securitylake_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/siemtest"
	"github.com/siem-go/siem/sink"
)

const benchKey = "aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/5f0c3a9e1b2d4c6e8f7a9b0c1d2e3f4a.gz.parquet"

// TestSampleGen checks that the benchmark data is what it claims: every
// event indexed from both encodings, with every class represented.
func TestSampleGen(t *testing.T) {
	lines := samplegen.SecurityLakeJSON(2000)
	if !bytes.Equal(lines, samplegen.SecurityLakeJSON(2000)) {
		t.Fatal("samplegen.SecurityLakeJSON is not deterministic")
	}
	fromJSON := siemtest.Run(t, securitylake.New(), "ocsf-json/bench.json", lines)
	fromParquet := siemtest.Run(t, securitylake.New(), benchKey, samplegen.SecurityLakeParquet(2000))
	for name, res := range map[string]*siemtest.Result{"json": fromJSON, "parquet": fromParquet} {
		if res.Err != nil || res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 {
			t.Fatalf("%s: counts %v, error %v; want 2000 indexed", name, res.Counts, res.Err)
		}
		for _, class := range []string{"6003", "3002", "3001", "4001", "4002", "4003", "2003", "2004"} {
			want := []byte(`"class_uid":` + class + `,"`)
			n := 0
			for _, d := range res.Docs {
				if bytes.Contains(d.Body, want) {
					n++
				}
			}
			if n == 0 {
				t.Errorf("%s: no event of class %s", name, class)
			}
		}
	}
	// Both encodings of one event give the same ECS fields; only
	// event.original (JSON text written by two different encoders) may
	// differ.
	for i := range fromJSON.Docs {
		a, b := stripOriginal(t, fromJSON.Docs[i].Body), stripOriginal(t, fromParquet.Docs[i].Body)
		if a != b {
			t.Fatalf("event %d differs between JSON and Parquet:\n%s\n%s", i+1, a, b)
		}
	}
}

func stripOriginal(t *testing.T, body []byte) string {
	i := bytes.Index(body, []byte(`"original":`))
	if i < 0 {
		t.Fatalf("no event.original in %s", body)
	}
	end := i + len(`"original":`) + 1
	for esc := false; end < len(body); end++ {
		c := body[end]
		if esc {
			esc = false
		} else if c == '\\' {
			esc = true
		} else if c == '"' {
			break
		}
	}
	return string(body[:i]) + string(body[end+1:])
}

func benchReader(tb testing.TB, key string, data []byte) siem.ObjectReader {
	tb.Helper()
	or, err := securitylake.New().Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return or
}

// BenchmarkNormalize measures Normalize alone on samplegen's varied events.
func BenchmarkNormalize(b *testing.B) {
	siemtest.BenchNormalize(b, benchReader(b, "ocsf-json/bench.json", samplegen.SecurityLakeJSON(4000)), false)
}

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record: events from JSON lines and rows of a
// Parquet object (rendered as JSON by parser/parquet; reading is not
// timed here, see BenchmarkPipeline).
func BenchmarkNormalizeToJSON(b *testing.B) {
	b.Run("json", func(b *testing.B) {
		siemtest.BenchNormalize(b, benchReader(b, "ocsf-json/bench.json", samplegen.SecurityLakeJSON(4000)), true)
	})
	b.Run("parquet", func(b *testing.B) {
		siemtest.BenchNormalize(b, benchReader(b, benchKey, samplegen.SecurityLakeParquet(4000)), true)
	})
}

// BenchmarkPipeline runs a whole Parquet object (reading, normalizing,
// writing NDJSON) through the real pipeline.
func BenchmarkPipeline(b *testing.B) {
	const n = 20000
	data := samplegen.SecurityLakeParquet(n)
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: sink.NewDeadLetters(io.Discard)})
	if err != nil {
		b.Fatal(err)
	}
	var records int64
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		counts, err := p.ProcessAs(context.Background(), securitylake.New(), siem.Object{Key: benchKey}, bytes.NewReader(data))
		if err != nil || counts.Indexed != n {
			b.Fatalf("counts %v, error %v", counts, err)
		}
		records += counts.Indexed
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// TestLargeObjectMemory streams a large generated Parquet object (from a
// temporary file, as a spooled S3 body is read) through the real pipeline
// and reports the peak heap (in use, and live after each collection) and
// the peak resident set of the read alone. It is skipped unless
// SIEM_LARGE_PARQUET_ROWS is set, e.g. to 1500000 (about 125 MB of Parquet
// in 75 row groups of 20000 rows; SIEM_LARGE_PARQUET_GROUP_ROWS changes
// the group size). The decoded footer, held for the whole read, grows with
// the number of row groups, so that number, more than the object's size,
// moves the peak. With SIEM_HEAP_PROFILE set to a file name, a heap
// profile is written there each time the live heap grows by a tenth, the
// last one at the peak (go tool pprof -sample_index=inuse_space); the
// collections this forces slow the run.
func TestLargeObjectMemory(t *testing.T) {
	rows, _ := strconv.Atoi(os.Getenv("SIEM_LARGE_PARQUET_ROWS"))
	if rows <= 0 {
		t.Skip("set SIEM_LARGE_PARQUET_ROWS to run")
	}
	f, err := os.CreateTemp(t.TempDir(), "large-*.gz.parquet")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	groupRows := 20000
	if n, _ := strconv.Atoi(os.Getenv("SIEM_LARGE_PARQUET_GROUP_ROWS")); n > 0 {
		groupRows = n
	}
	if err := samplegen.WriteSecurityLakeParquet(f, rows, groupRows); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	t.Logf("wrote %d rows in row groups of %d, %d MB of Parquet in %v", rows, groupRows, st.Size()>>20, time.Since(start).Round(time.Second))
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	// The peak resident set counts from here, not from writing the file.
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	// Heap in use includes garbage not yet collected (up to GOGC's 100%
	// more); the live heap after each collection is what the run holds.
	var peakInuse, peakLive atomic.Uint64
	profile := os.Getenv("SIEM_HEAP_PROFILE")
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var profiled uint64
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			metrics.Read(live)
			peakInuse.Store(max(peakInuse.Load(), m.HeapInuse))
			l := live[0].Value.Uint64()
			peakLive.Store(max(peakLive.Load(), l))
			if profile != "" && l > profiled+profiled/10 {
				// A collection first, so the profile is today's heap.
				runtime.GC()
				writeHeapProfile(t, profile)
				profiled = l
			}
		}
	}()
	p, err := siem.NewPipeline(siem.Options{Sink: sink.NewNDJSON(io.Discard), DeadLetters: sink.NewDeadLetters(io.Discard)})
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	// A plain reader (no ReaderAt), as an S3 body: parser/parquet spools it.
	counts, err := p.ProcessAs(context.Background(), securitylake.New(), siem.Object{Key: benchKey}, struct{ io.Reader }{f})
	close(stop)
	<-sampled
	if err != nil || counts.Indexed != int64(rows) {
		t.Fatalf("counts %v, error %v", counts, err)
	}
	elapsed := time.Since(start)
	t.Logf("%d rows in %v (%.0f rows/s); heap in use: before %d MiB, peak %d MiB; peak live heap %d MiB; peak RSS %s",
		rows, elapsed.Round(time.Millisecond), float64(rows)/elapsed.Seconds(), base.HeapInuse>>20, peakInuse.Load()>>20, peakLive.Load()>>20, vmHWM())
}

// writeHeapProfile writes the heap profile to name, replacing an earlier
// one.
func writeHeapProfile(t *testing.T, name string) {
	f, err := os.Create(name)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		t.Error(err)
	}
}

func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
