package siemprocessor

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/siem-go/siem"
)

// Metric names. For every record the processor takes,
// read = indexed + excluded + dead_lettered.
const (
	metricRead         = "siem.records.read"
	metricIndexed      = "siem.records.indexed"
	metricExcluded     = "siem.records.excluded"
	metricDeadLettered = "siem.records.dead_lettered"
)

const meterName = "github.com/siem-go/siem/examples/otelcol/siemprocessor"

// attrLogTypeKey labels the metrics with the log type; records whose type
// could not be resolved carry an empty value.
const attrLogTypeKey = "log_type"

// recordCounters reports the processor's accounting through the
// component's MeterProvider, so that the collector's own telemetry
// (Prometheus or OTLP) shows it.
type recordCounters struct {
	read, indexed, excluded, deadLettered metric.Int64Counter
}

func newRecordCounters(mp metric.MeterProvider) (*recordCounters, error) {
	m := mp.Meter(meterName)
	c := &recordCounters{}
	var errs []error
	counter := func(name, desc string) metric.Int64Counter {
		ctr, err := m.Int64Counter(name, metric.WithDescription(desc), metric.WithUnit("{record}"))
		errs = append(errs, err)
		return ctr
	}
	c.read = counter(metricRead, "Log records the siem processor took.")
	c.indexed = counter(metricIndexed, "Log records turned into ECS documents and passed on.")
	c.excluded = counter(metricExcluded, "Log records a log type dropped on purpose (for example CloudTrail digests).")
	c.deadLettered = counter(metricDeadLettered, "Log records that could not be normalized; kept or dropped per on_failure.")
	return c, errors.Join(errs...)
}

// add records one log type's share of a ConsumeLogs call.
func (c *recordCounters) add(ctx context.Context, logType string, n siem.Counts) {
	opt := metric.WithAttributeSet(attribute.NewSet(attribute.String(attrLogTypeKey, logType)))
	c.read.Add(ctx, n.Read, opt)
	c.indexed.Add(ctx, n.Indexed, opt)
	c.excluded.Add(ctx, n.Excluded, opt)
	c.deadLettered.Add(ctx, n.DeadLettered, opt)
}
