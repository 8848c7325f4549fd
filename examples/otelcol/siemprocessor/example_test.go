package siemprocessor_test

import (
	"context"
	"fmt"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/siem-go/siem/examples/otelcol/siemprocessor"
)

// A processor that reads VPC flow log lines passes each on with the ECS
// document as its body.
func Example() {
	ctx := context.Background()
	factory := siemprocessor.NewFactory()
	cfg := factory.CreateDefaultConfig().(*siemprocessor.Config)
	cfg.LogType = "vpcflow"
	cfg.OmitOriginal = true

	next := new(consumertest.LogsSink)
	set := processortest.NewNopSettings(component.MustNewType("siem"))
	p, err := factory.CreateLogs(ctx, set, cfg, next)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := p.Start(ctx, componenttest.NewNopHost()); err != nil {
		fmt.Println(err)
		return
	}
	defer p.Shutdown(ctx)

	ld := plog.NewLogs()
	lr := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.Body().SetStr("2 123456789012 eni-0a1b2c3d4e5f60001 10.0.1.25 10.0.2.40 49152 443 6 12 4800 1795773605 1795773662 ACCEPT OK")
	if err := p.ConsumeLogs(ctx, ld); err != nil {
		fmt.Println(err)
		return
	}

	out := next.AllLogs()[0].ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	doc := out.Body().Map()
	event, _ := doc.Get("event")
	dataset, _ := event.Map().Get("dataset")
	source, _ := doc.Get("source")
	ip, _ := source.Map().Get("ip")
	fmt.Println("event.dataset:", dataset.Str())
	fmt.Println("source.ip:", ip.Str())
	fmt.Println("timestamp:", out.Timestamp().AsTime().UTC())
	// Output:
	// event.dataset: aws.vpcflow
	// source.ip: 10.0.1.25
	// timestamp: 2026-11-27 10:01:02 +0000 UTC
}
