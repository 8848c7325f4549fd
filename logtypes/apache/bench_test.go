package apache

import (
	"bytes"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
)

func sampleLines(sample []byte) [][]byte {
	return bytes.Split(bytes.TrimSuffix(sample, []byte("\n")), []byte("\n"))
}

type normalizeFunc func(line []byte, ev *ecs.Event) error

func accessFunc(line []byte, ev *ecs.Event) error { return normalizeAccess(line, ev, "") }
func errorFunc(line []byte, ev *ecs.Event) error  { return normalizeError(line, ev, "", time.UTC) }

// BenchmarkNormalize measures the types' own cost per record, with the
// event reused as the pipeline's workers reuse it.
func BenchmarkNormalize(b *testing.B) {
	b.Run("access", func(b *testing.B) { bench(b, samplegen.ApacheAccess(1000), accessFunc, false) })
	b.Run("error", func(b *testing.B) { bench(b, samplegen.ApacheError(1000), errorFunc, false) })
}

// BenchmarkNormalizeToJSON adds the JSON encoding of each event, as the
// pipeline does before handing documents to the sink.
func BenchmarkNormalizeToJSON(b *testing.B) {
	b.Run("access", func(b *testing.B) { bench(b, samplegen.ApacheAccess(1000), accessFunc, true) })
	b.Run("error", func(b *testing.B) { bench(b, samplegen.ApacheError(1000), errorFunc, true) })
}

func bench(b *testing.B, sample []byte, normalize normalizeFunc, encode bool) {
	lines := sampleLines(sample)
	b.SetBytes(int64(len(sample) / len(lines)))
	b.ReportAllocs()
	var ev ecs.Event
	var out []byte
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := normalize(lines[i], &ev); err != nil {
			b.Fatal(err)
		}
		if encode {
			out = ev.AppendJSON(out[:0])
		}
		if i++; i == len(lines) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestSampleGen proves that every generated record indexes as a valid
// document, and that the generators cover what they claim.
func TestSampleGen(t *testing.T) {
	for _, c := range []struct {
		name      string
		sample    []byte
		normalize normalizeFunc
		check     func(t *testing.T, seen map[string]int)
	}{
		{"access", samplegen.ApacheAccess(3000), accessFunc, func(t *testing.T, seen map[string]int) {
			for _, f := range []string{"destination.domain", "apache.access.x_forwarded_for", "http.request.bytes", "apache.access.request", "user.name", "source.domain", "url.query"} {
				if seen[f] == 0 {
					t.Errorf("no generated access record has %s", f)
				}
			}
		}},
		{"error", samplegen.ApacheError(3000), errorFunc, func(t *testing.T, seen map[string]int) {
			for _, f := range []string{"error.code", "process.thread.id", "log.origin.file.name", "apache.error.os_error", "http.request.referrer", "source.port", "file.path"} {
				if seen[f] == 0 {
					t.Errorf("no generated error record has %s", f)
				}
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			info := accessInfo
			if c.name == "error" {
				info = errorInfo
			}
			seen := map[string]int{}
			var ev ecs.Event
			for i, line := range sampleLines(c.sample) {
				ev.Reset()
				if err := c.normalize(line, &ev); err != nil {
					t.Fatalf("record %d: %v\n%s", i+1, err, line)
				}
				if err := ev.Err(); err != nil {
					t.Fatalf("record %d: %v", i+1, err)
				}
				if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
					t.Fatalf("record %d: %v\n%s", i+1, err, line)
				}
				for _, f := range []string{"destination.domain", "apache.access.x_forwarded_for", "http.request.bytes", "apache.access.request", "user.name", "source.domain", "url.query",
					"error.code", "process.thread.id", "log.origin.file.name", "apache.error.os_error", "http.request.referrer", "source.port", "file.path"} {
					if ev.Has(f) {
						seen[f]++
					}
				}
			}
			c.check(t, seen)
		})
	}
}
