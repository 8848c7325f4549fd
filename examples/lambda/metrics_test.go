package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/awssource"
)

// TestMetricsEmbeddedFormat checks the line CloudWatch reads metrics from:
// every metric declared in _aws has a value of the same name at the top
// level, as the embedded metric format requires.
func TestMetricsEmbeddedFormat(t *testing.T) {
	var out bytes.Buffer
	m := &metrics{w: &out, now: func() time.Time { return time.UnixMilli(1795773600000) }}
	c := siem.Counts{Read: 10, Indexed: 7, Excluded: 2, ExcludedByRule: map[string]int64{"health": 2}, DeadLettered: 1, Retried: 3}
	m.object(awssource.ObjectRef{Bucket: "b", Key: "k"}, "alb", c, 1, 1500*time.Millisecond, errors.New("boom"))

	var line map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &line))
	aws := line["_aws"].(map[string]any)
	assert.Equal(t, float64(1795773600000), aws["Timestamp"])
	dirs := aws["CloudWatchMetrics"].([]any)
	require.Len(t, dirs, 1)
	dir := dirs[0].(map[string]any)
	assert.Equal(t, "siem", dir["Namespace"])
	assert.Equal(t, []any{[]any{"LogType"}}, dir["Dimensions"])
	assert.Equal(t, "alb", line["LogType"])
	want := map[string]float64{"Read": 10, "Indexed": 7, "Excluded": 2, "DeadLettered": 1, "Retried": 3, "Resumes": 1, "Duration": 1500}
	for _, def := range dir["Metrics"].([]any) {
		name := def.(map[string]any)["Name"].(string)
		v, ok := want[name]
		require.True(t, ok, "metric %s declared but not expected", name)
		assert.Equal(t, v, line[name], name)
		delete(want, name)
	}
	assert.Empty(t, want, "metrics with values but not declared")
	assert.Equal(t, "ERROR", line["level"])
	assert.Equal(t, "boom", line["error"])
	assert.Equal(t, map[string]any{"health": float64(2)}, line["excluded_by_rule"])
	assert.Equal(t, "s3://b/k", line["object"])
}
