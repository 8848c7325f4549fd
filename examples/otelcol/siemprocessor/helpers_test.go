package siemprocessor

import (
	"context"
	"testing"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
)

// Sample records, written for these tests.
const (
	albLine          = `https 2026-11-27T10:01:03.500120Z app/my-alb/50dc6c495c0c9188 198.51.100.23:51234 10.0.1.16:8080 0.000 0.118 0.001 404 404 540 1311 "GET https://shop.example.org:443/images/logo.png?v=3 HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-targets/73e2d6bc24d8a067 "Root=1-6746ee4f-0a1b2c3d4e5f60718293a4b5" "shop.example.org" "-" 3 2026-11-27T10:01:03.381000Z "forward" "-" "-" "10.0.1.16:8080" "404" "-" "-"`
	cloudTrailEvent  = `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEUSER00001","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","userName":"alice"},"eventTime":"2026-11-27T10:07:15Z","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","requestParameters":{"userName":"bob"},"responseElements":null,"requestID":"7c6a1f0e-8d3b-4a51-9f0c-2b1e5d7a9c99","eventID":"5b2d8c3e-1f4a-4e6b-a7d9-0c3e2f1b4a99","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}`
	cloudTrailDigest = `{"awsAccountId":"123456789012","digestStartTime":"2026-11-27T09:00:00Z","digestEndTime":"2026-11-27T10:00:00Z","digestS3Bucket":"trail-bucket","digestS3Object":"AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/27/x.json.gz","logFiles":[]}`
	vpcFlowLine      = `2 123456789012 eni-0a1b2c3d4e5f60001 10.0.1.25 10.0.2.40 49152 443 6 12 4800 1795773605 1795773662 ACCEPT OK`

	albKey     = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz"
	vpcFlowKey = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log.gz"
	unknownKey = "some/app/server.log"
	detectAttr = "aws.s3.key"
)

// newTestProcessor starts a siem processor that passes its output to a
// LogsSink. tel, when not nil, receives its metrics.
func newTestProcessor(t testing.TB, cfg *Config, tel *componenttest.Telemetry) (processor.Logs, *consumertest.LogsSink) {
	t.Helper()
	set := processortest.NewNopSettings(component.MustNewType(typeName))
	if tel != nil {
		set.TelemetrySettings = tel.NewTelemetrySettings()
	}
	sink := new(consumertest.LogsSink)
	p, err := NewFactory().CreateLogs(context.Background(), set, cfg, sink)
	if err != nil {
		t.Fatalf("CreateLogs: %v", err)
	}
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return p, sink
}

func newFuzzSettings(tel *componenttest.Telemetry) processor.Settings {
	set := processortest.NewNopSettings(component.MustNewType(typeName))
	set.TelemetrySettings = tel.NewTelemetrySettings()
	return set
}

// input is one log record to build.
type input struct {
	body  any // string, []byte or map[string]any
	attrs map[string]any
}

func buildLogs(t testing.TB, records ...input) plog.Logs {
	t.Helper()
	ld := plog.NewLogs()
	lrs := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords()
	for _, in := range records {
		lr := lrs.AppendEmpty()
		switch b := in.body.(type) {
		case string:
			lr.Body().SetStr(b)
		case []byte:
			lr.Body().SetEmptyBytes().FromRaw(b)
		case map[string]any:
			if err := lr.Body().SetEmptyMap().FromRaw(b); err != nil {
				t.Fatalf("body map: %v", err)
			}
		case nil:
		default:
			if err := lr.Body().FromRaw(b); err != nil {
				t.Fatalf("body: %v", err)
			}
		}
		if err := lr.Attributes().FromRaw(in.attrs); err != nil {
			t.Fatalf("attributes: %v", err)
		}
	}
	return ld
}

// outputRecords returns every record the sink received, in order.
func outputRecords(sink *consumertest.LogsSink) []plog.LogRecord {
	var out []plog.LogRecord
	for _, ld := range sink.AllLogs() {
		rls := ld.ResourceLogs()
		for i := range rls.Len() {
			sls := rls.At(i).ScopeLogs()
			for j := range sls.Len() {
				lrs := sls.At(j).LogRecords()
				for k := range lrs.Len() {
					out = append(out, lrs.At(k))
				}
			}
		}
	}
	return out
}

// field returns the value at a dotted path of nested maps in m.
func field(m pcommon.Map, path ...string) (pcommon.Value, bool) {
	for i, k := range path {
		v, ok := m.Get(k)
		if !ok {
			return pcommon.Value{}, false
		}
		if i == len(path)-1 {
			return v, true
		}
		if v.Type() != pcommon.ValueTypeMap {
			return pcommon.Value{}, false
		}
		m = v.Map()
	}
	return pcommon.Value{}, false
}
