package siemprocessor

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/plog"
)

// BenchmarkConsumeLogsALB measures one ConsumeLogs call of 1000 ALB lines,
// the size of a typical collector batch.
func BenchmarkConsumeLogsALB(b *testing.B) {
	const records = 1000
	p, sink := newTestProcessor(b, &Config{LogType: "alb", OnFailure: FailureKeep}, nil)
	lines := make([]string, records)
	var size int64
	for i := range lines {
		// Distinct lines, as in real traffic.
		lines[i] = strings.Replace(albLine, "51234", strconv.Itoa(10000+i), 1)
		size += int64(len(lines[i]))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		ld := plog.NewLogs()
		lrs := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords()
		lrs.EnsureCapacity(records)
		for _, l := range lines {
			lrs.AppendEmpty().Body().SetStr(l)
		}
		sink.Reset()
		b.StartTimer()
		if err := p.ConsumeLogs(context.Background(), ld); err != nil {
			b.Fatal(err)
		}
		if n := sink.LogRecordCount(); n != records {
			b.Fatalf("%d records out, want %d", n, records)
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
