package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/awssource"
)

// metrics writes one line per object to the log: a JSON log entry that is
// also in CloudWatch embedded metric format, so CloudWatch turns its
// counts into metrics (namespace siem, dimension LogType) with no API
// call from the function.
type metrics struct {
	mu sync.Mutex
	w  io.Writer
	// now is the clock; tests replace it.
	now func() time.Time
}

// emfMetrics names the metrics of each line, in the order written.
var emfMetrics = []struct{ name, unit string }{
	{"Read", "Count"}, {"Indexed", "Count"}, {"Excluded", "Count"},
	{"DeadLettered", "Count"}, {"Retried", "Count"}, {"Resumes", "Count"},
	{"Duration", "Milliseconds"},
}

func (m *metrics) object(ref awssource.ObjectRef, logType string, c siem.Counts, resumes int, took time.Duration, err error) {
	defs := make([]map[string]string, len(emfMetrics))
	for i, d := range emfMetrics {
		defs[i] = map[string]string{"Name": d.name, "Unit": d.unit}
	}
	line := map[string]any{
		"_aws": map[string]any{
			"Timestamp": m.now().UnixMilli(),
			"CloudWatchMetrics": []any{map[string]any{
				"Namespace":  "siem",
				"Dimensions": [][]string{{"LogType"}},
				"Metrics":    defs,
			}},
		},
		"level":        slog.LevelInfo.String(),
		"msg":          "object processed",
		"object":       ref.String(),
		"LogType":      logType,
		"Read":         c.Read,
		"Indexed":      c.Indexed,
		"Excluded":     c.Excluded,
		"DeadLettered": c.DeadLettered,
		"Retried":      c.Retried,
		"Resumes":      resumes,
		"Duration":     took.Milliseconds(),
	}
	if len(c.ExcludedByRule) > 0 {
		line["excluded_by_rule"] = c.ExcludedByRule
	}
	if err != nil {
		line["level"] = slog.LevelError.String()
		line["error"] = err.Error()
	}
	b, _ := json.Marshal(line)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.w.Write(append(b, '\n'))
}
