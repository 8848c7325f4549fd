// Package siemprocessor is an OpenTelemetry Collector processor that turns
// raw security log records (CloudTrail events, ALB and VPC Flow lines,
// syslog, ...) into Elastic Common Schema documents with the siem log
// types, for the Elasticsearch or OpenSearch exporter in "bodymap" mode.
package siemprocessor

import (
	"context"
	"fmt"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"

	// The processor reads every built-in log type.
	_ "github.com/siem-go/siem/logtypes/all"
)

// typeName is the component type used in collector configurations.
const typeName = "siem"

// NewFactory returns the factory of the "siem" logs processor.
func NewFactory() processor.Factory {
	return processor.NewFactory(
		component.MustNewType(typeName),
		createDefaultConfig,
		processor.WithLogs(createLogs, component.StabilityLevelAlpha),
	)
}

func createDefaultConfig() component.Config {
	return &Config{OnFailure: FailureKeep}
}

func createLogs(ctx context.Context, set processor.Settings, cfg component.Config, next consumer.Logs) (processor.Logs, error) {
	c, ok := cfg.(*Config)
	if !ok {
		return nil, fmt.Errorf("siem processor %s: configuration is a %T, not a *siemprocessor.Config", set.ID, cfg)
	}
	p, err := newLogsProcessor(set, c)
	if err != nil {
		return nil, err
	}
	return processorhelper.NewLogs(ctx, set, cfg, next, p.consumeLogs,
		processorhelper.WithStart(p.start),
		processorhelper.WithCapabilities(consumer.Capabilities{MutatesData: true}),
	)
}
