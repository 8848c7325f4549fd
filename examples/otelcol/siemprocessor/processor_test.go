package siemprocessor

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// want is one expected field of an output document: a path of nested
// map keys and the value as pcommon renders it (Value.AsString).
type want struct {
	path  string
	value string
}

func TestNormalizesRecords(t *testing.T) {
	cloudTrailMap := map[string]any{
		"eventVersion": "1.09", "eventTime": "2026-11-27T10:07:15Z", "eventSource": "iam.amazonaws.com",
		"eventName": "CreateAccessKey", "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7",
		"userIdentity":       map[string]any{"type": "IAMUser", "arn": "arn:aws:iam::123456789012:user/alice", "accountId": "123456789012", "userName": "alice"},
		"requestParameters":  map[string]any{"userName": "bob"},
		"eventID":            "5b2d8c3e-1f4a-4e6b-a7d9-0c3e2f1b4a99",
		"eventType":          "AwsApiCall",
		"recipientAccountId": "123456789012",
		"readOnly":           false,
	}
	tests := []struct {
		name      string
		cfg       Config
		body      any
		timestamp time.Time
		docID     string // "" means any non-empty id
		fields    []want
		absent    []string
	}{
		{
			name:      "ALB line as a string",
			cfg:       Config{LogType: "alb"},
			body:      albLine,
			timestamp: time.Date(2026, 11, 27, 10, 1, 3, 500120000, time.UTC),
			fields: []want{
				{"event.dataset", "aws.elb"},
				{"event.module", "aws"},
				{"@timestamp", "2026-11-27T10:01:03.50012Z"},
				{"source.ip", "198.51.100.23"},
				{"source.port", "51234"},
				{"destination.ip", "10.0.1.16"},
				{"http.response.status_code", "404"},
				{"http.request.method", "GET"},
				{"url.path", "/images/logo.png"},
				{"event.original", albLine},
			},
		},
		{
			name:      "ALB line as bytes, without event.original",
			cfg:       Config{LogType: "alb", OmitOriginal: true},
			body:      []byte(albLine),
			timestamp: time.Date(2026, 11, 27, 10, 1, 3, 500120000, time.UTC),
			fields:    []want{{"event.dataset", "aws.elb"}, {"source.ip", "198.51.100.23"}},
			absent:    []string{"event.original"},
		},
		{
			name:      "CloudTrail event as a JSON line",
			cfg:       Config{LogType: "cloudtrail"},
			body:      cloudTrailEvent,
			timestamp: time.Date(2026, 11, 27, 10, 7, 15, 0, time.UTC),
			docID:     "5b2d8c3e-1f4a-4e6b-a7d9-0c3e2f1b4a99",
			fields: []want{
				{"event.dataset", "aws.cloudtrail"},
				{"@timestamp", "2026-11-27T10:07:15Z"},
				{"event.action", "CreateAccessKey"},
				{"event.provider", "iam.amazonaws.com"},
				{"source.ip", "203.0.113.7"},
				{"user.name", "alice"},
				{"user.target.name", "bob"},
				{"cloud.region", "us-east-1"},
				{"cloud.account.id", "123456789012"},
				{"aws.cloudtrail.read_only", "false"},
			},
		},
		{
			name:      "CloudTrail event already parsed into a map",
			cfg:       Config{LogType: "cloudtrail"},
			body:      cloudTrailMap,
			timestamp: time.Date(2026, 11, 27, 10, 7, 15, 0, time.UTC),
			docID:     "5b2d8c3e-1f4a-4e6b-a7d9-0c3e2f1b4a99",
			fields: []want{
				{"event.dataset", "aws.cloudtrail"},
				{"event.action", "CreateAccessKey"},
				{"source.ip", "203.0.113.7"},
				{"user.target.name", "bob"},
			},
		},
		{
			name:      "VPC flow line",
			cfg:       Config{LogType: "vpcflow"},
			body:      vpcFlowLine,
			timestamp: time.Unix(1795773662, 0).UTC(),
			fields: []want{
				{"event.dataset", "aws.vpcflow"},
				{"source.ip", "10.0.1.25"},
				{"source.port", "49152"},
				{"destination.ip", "10.0.2.40"},
				{"destination.port", "443"},
				{"network.bytes", "4800"},
				{"network.packets", "12"},
				{"aws.vpcflow.action", "ACCEPT"},
				{"event.type", `["connection","allowed"]`},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.OnFailure = FailureKeep
			p, sink := newTestProcessor(t, &tc.cfg, nil)
			if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: tc.body, attrs: map[string]any{"log.file.path": "/var/log/x"}})); err != nil {
				t.Fatalf("ConsumeLogs: %v", err)
			}
			out := outputRecords(sink)
			if len(out) != 1 {
				t.Fatalf("got %d records out, want 1", len(out))
			}
			lr := out[0]
			if lr.Body().Type() != pcommon.ValueTypeMap {
				t.Fatalf("body is %s, want a map; attributes %v", lr.Body().Type(), lr.Attributes().AsRaw())
			}
			doc := lr.Body().Map()
			for _, w := range tc.fields {
				v, ok := field(doc, strings.Split(w.path, ".")...)
				if !ok {
					t.Errorf("%s missing from the document", w.path)
					continue
				}
				if got := v.AsString(); got != w.value {
					t.Errorf("%s = %q, want %q", w.path, got, w.value)
				}
			}
			for _, path := range tc.absent {
				if _, ok := field(doc, strings.Split(path, ".")...); ok {
					t.Errorf("%s is in the document, want it absent", path)
				}
			}
			if got := lr.Timestamp().AsTime(); !got.Equal(tc.timestamp) {
				t.Errorf("timestamp %v, want %v", got, tc.timestamp)
			}
			id, ok := lr.Attributes().Get(attrDocumentID)
			switch {
			case !ok || id.Str() == "":
				t.Errorf("no %s attribute", attrDocumentID)
			case tc.docID != "" && id.Str() != tc.docID:
				t.Errorf("%s = %q, want %q", attrDocumentID, id.Str(), tc.docID)
			}
			if v, _ := lr.Attributes().Get(attrLogType); v.Str() != tc.cfg.LogType {
				t.Errorf("%s = %q, want %q", attrLogType, v.Str(), tc.cfg.LogType)
			}
			if v, _ := lr.Attributes().Get("log.file.path"); v.Str() != "/var/log/x" {
				t.Errorf("the record's own attribute log.file.path was not kept: %v", lr.Attributes().AsRaw())
			}
		})
	}
}

// Numbers keep their JSON kind: integers stay integers, so that an
// exporter writes 404, not 404.0.
func TestDocumentNumberKinds(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{LogType: "alb", OnFailure: FailureKeep}, nil)
	if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: albLine})); err != nil {
		t.Fatal(err)
	}
	doc := outputRecords(sink)[0].Body().Map()
	for path, kind := range map[string]pcommon.ValueType{
		"http.response.status_code":           pcommon.ValueTypeInt,
		"aws.elb.backend_processing_time.sec": pcommon.ValueTypeDouble,
		"related.ip":                          pcommon.ValueTypeSlice,
		"source.ip":                           pcommon.ValueTypeStr,
	} {
		v, ok := field(doc, strings.Split(path, ".")...)
		if !ok || v.Type() != kind {
			t.Errorf("%s: got %v (present %v), want a %s", path, v.Type(), ok, kind)
		}
	}
}

func TestFailedRecords(t *testing.T) {
	tests := []struct {
		name      string
		onFailure FailureAction
		body      any
		reason    string // part of siem.reason
	}{
		{"unparseable line kept", FailureKeep, "this is not an ALB line", "ALB access log"},
		{"unparseable line dropped", FailureDropAndCount, "this is not an ALB line", ""},
		{"numeric body kept", FailureKeep, int64(42), "body is of type Int"},
		{"empty body kept", FailureKeep, nil, "body is of type Empty"},
		{"numeric body dropped", FailureDropAndCount, int64(42), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tel := componenttest.NewTelemetry()
			t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
			p, sink := newTestProcessor(t, &Config{LogType: "alb", OnFailure: tc.onFailure}, tel)
			ld := buildLogs(t, input{body: tc.body}, input{body: albLine})
			if err := p.ConsumeLogs(context.Background(), ld); err != nil {
				t.Fatalf("ConsumeLogs: %v", err)
			}
			out := outputRecords(sink)
			if tc.onFailure == FailureDropAndCount {
				if len(out) != 1 || out[0].Body().Type() != pcommon.ValueTypeMap {
					t.Fatalf("got %d records, want only the good one as a document", len(out))
				}
			} else {
				if len(out) != 2 {
					t.Fatalf("got %d records, want 2", len(out))
				}
				bad := out[0]
				if got, _ := bad.Attributes().Get(attrOutcome); got.Str() != "dead_letter" {
					t.Errorf("%s = %q, want dead_letter", attrOutcome, got.Str())
				}
				if got, _ := bad.Attributes().Get(attrReason); !strings.Contains(got.Str(), tc.reason) {
					t.Errorf("%s = %q, want it to mention %q", attrReason, got.Str(), tc.reason)
				}
				if _, ok := bad.Attributes().Get(attrDocumentID); ok {
					t.Errorf("a failed record got a %s", attrDocumentID)
				}
				if bad.Body().AsString() != pcommon.NewValueEmpty().AsString() && tc.body == nil {
					t.Errorf("empty body changed to %q", bad.Body().AsString())
				}
				if s, ok := tc.body.(string); ok && bad.Body().Str() != s {
					t.Errorf("kept body %q, want the original %q", bad.Body().AsString(), s)
				}
				if out[1].Body().Type() != pcommon.ValueTypeMap {
					t.Errorf("the good record after the bad one was not normalized: %v", out[1].Attributes().AsRaw())
				}
			}
			wantCounts(t, tel, "alb", counts{read: 2, indexed: 1, deadLettered: 1})
		})
	}
}

func TestExcludedRecordsAreRemovedAndCounted(t *testing.T) {
	tel := componenttest.NewTelemetry()
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	p, sink := newTestProcessor(t, &Config{LogType: "cloudtrail", OnFailure: FailureKeep}, tel)
	if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: cloudTrailDigest}, input{body: cloudTrailEvent})); err != nil {
		t.Fatal(err)
	}
	out := outputRecords(sink)
	if len(out) != 1 {
		t.Fatalf("got %d records, want 1 (the digest removed)", len(out))
	}
	if v, _ := field(out[0].Body().Map(), "event", "action"); v.Str() != "CreateAccessKey" {
		t.Errorf("the record left is not the event: %v", out[0].Body().AsRaw())
	}
	wantCounts(t, tel, "cloudtrail", counts{read: 2, indexed: 1, excluded: 1})

	// A call whose records are all excluded passes nothing on.
	if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: cloudTrailDigest})); err != nil {
		t.Fatal(err)
	}
	if n := len(sink.AllLogs()); n != 1 {
		t.Errorf("the next consumer got %d calls, want 1: an all-excluded call passes nothing on", n)
	}
	wantCounts(t, tel, "cloudtrail", counts{read: 3, indexed: 1, excluded: 2})
}

func TestDetectionByAttribute(t *testing.T) {
	tests := []struct {
		name    string
		logType string
		attrs   map[string]any
		// dataset is the expected event.dataset; "" expects a dead
		// letter whose reason contains reason.
		dataset string
		reason  string
	}{
		{"ALB key", "", map[string]any{detectAttr: albKey}, "aws.elb", ""},
		{"VPC flow key", "", map[string]any{detectAttr: vpcFlowKey}, "aws.vpcflow", ""},
		{"unknown key", "", map[string]any{detectAttr: unknownKey}, "", unknownKey},
		{"unknown key with a fallback type", "alb", map[string]any{detectAttr: unknownKey}, "", "no registered log type"},
		{"no attribute and no fallback", "", nil, "", `no "aws.s3.key" attribute`},
		{"no attribute, fallback type", "alb", nil, "aws.elb", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, sink := newTestProcessor(t, &Config{LogType: tc.logType, DetectFromAttribute: detectAttr, OnFailure: FailureKeep}, nil)
			body := albLine
			if tc.attrs[detectAttr] == vpcFlowKey {
				body = vpcFlowLine
			}
			if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: body, attrs: tc.attrs})); err != nil {
				t.Fatal(err)
			}
			out := outputRecords(sink)
			if len(out) != 1 {
				t.Fatalf("got %d records, want 1", len(out))
			}
			lr := out[0]
			if tc.dataset == "" {
				reason, _ := lr.Attributes().Get(attrReason)
				if !strings.Contains(reason.Str(), tc.reason) {
					t.Errorf("%s = %q, want it to contain %q", attrReason, reason.Str(), tc.reason)
				}
				return
			}
			if lr.Body().Type() != pcommon.ValueTypeMap {
				t.Fatalf("not normalized: %v", lr.Attributes().AsRaw())
			}
			if v, _ := field(lr.Body().Map(), "event", "dataset"); v.Str() != tc.dataset {
				t.Errorf("event.dataset = %q, want %q", v.Str(), tc.dataset)
			}
		})
	}
}

// Records of several types in one call are grouped per type, and each
// document lands on the record it came from.
func TestMixedTypesMapBackToTheirRecords(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{DetectFromAttribute: detectAttr, OnFailure: FailureKeep}, nil)
	ld := plog.NewLogs()
	// The key on the resource, as an S3 receiver sets it, for the first
	// resource; on the records for the second.
	albRes := ld.ResourceLogs().AppendEmpty()
	albRes.Resource().Attributes().PutStr(detectAttr, albKey)
	lines := make([]string, 0, 6)
	albRecords := albRes.ScopeLogs().AppendEmpty().LogRecords()
	vpcRecords := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords()
	for i := range 3 {
		a := strings.Replace(albLine, "51234", string(rune('1'+i))+"1111", 1)
		albRecords.AppendEmpty().Body().SetStr(a)
		v := strings.Replace(vpcFlowLine, "49152", string(rune('1'+i))+"2222", 1)
		lr := vpcRecords.AppendEmpty()
		lr.Body().SetStr(v)
		lr.Attributes().PutStr(detectAttr, vpcFlowKey)
		lines = append(lines, a, v)
	}
	if err := p.ConsumeLogs(context.Background(), ld); err != nil {
		t.Fatal(err)
	}
	out := outputRecords(sink)
	if len(out) != 6 {
		t.Fatalf("got %d records, want 6", len(out))
	}
	// Output order follows the input's resources: the ALB lines, then
	// the flow lines.
	wantOrder := []string{lines[0], lines[2], lines[4], lines[1], lines[3], lines[5]}
	for i, lr := range out {
		orig, ok := field(lr.Body().Map(), "event", "original")
		if !ok || orig.Str() != wantOrder[i] {
			t.Errorf("record %d carries the document of %q, want %q", i, orig.Str(), wantOrder[i])
		}
	}
}

func TestDocumentIDAttribute(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{LogType: "cloudtrail", OnFailure: FailureKeep, DocumentIDAttribute: "elasticsearch.document_id"}, nil)
	if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: cloudTrailEvent})); err != nil {
		t.Fatal(err)
	}
	attrs := outputRecords(sink)[0].Attributes()
	es, _ := attrs.Get("elasticsearch.document_id")
	own, _ := attrs.Get(attrDocumentID)
	if es.Str() == "" || es.Str() != own.Str() {
		t.Errorf("elasticsearch.document_id = %q, siem.document_id = %q: want both set and equal", es.Str(), own.Str())
	}
}

// A document the log type routes to another index family says so in
// siem.route; the others carry no route.
func TestRouteAttribute(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{LogType: "linux-syslog", OnFailure: FailureKeep}, nil)
	logs := buildLogs(t,
		input{body: "Nov 27 10:00:01 web-3 sshd[812]: Accepted publickey for alice from 2001:db8::7 port 50122 ssh2"},
		input{body: "Nov 27 10:00:05 web-3 CRON[902]: (root) CMD (run-parts /etc/cron.hourly)"})
	if err := p.ConsumeLogs(context.Background(), logs); err != nil {
		t.Fatal(err)
	}
	out := outputRecords(sink)
	if len(out) != 2 {
		t.Fatalf("%d records, want 2", len(out))
	}
	if v, ok := out[0].Attributes().Get(attrRoute); !ok || v.Str() != "linux-secure" {
		t.Errorf("sshd line: %s = %q (present %v), want linux-secure", attrRoute, v.Str(), ok)
	}
	if v, ok := out[1].Attributes().Get(attrRoute); ok {
		t.Errorf("cron line: %s = %q, want none", attrRoute, v.Str())
	}
}

// The same raw record gets the same id in every call, so a retried batch
// overwrites its documents instead of duplicating them.
func TestDocumentIDsAreStable(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{LogType: "alb", OnFailure: FailureKeep}, nil)
	for range 2 {
		if err := p.ConsumeLogs(context.Background(), buildLogs(t, input{body: albLine})); err != nil {
			t.Fatal(err)
		}
	}
	out := outputRecords(sink)
	a, _ := out[0].Attributes().Get(attrDocumentID)
	b, _ := out[1].Attributes().Get(attrDocumentID)
	if a.Str() == "" || a.Str() != b.Str() {
		t.Errorf("ids %q and %q, want the same non-empty id", a.Str(), b.Str())
	}
}

// A call whose context ends fails whole and leaves its data unchanged,
// so that the receiver can retry it.
func TestCancelledCallFailsWithoutChangingData(t *testing.T) {
	p, sink := newTestProcessor(t, &Config{LogType: "alb", OnFailure: FailureKeep}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ld := buildLogs(t, input{body: albLine})
	err := p.ConsumeLogs(ctx, ld)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ConsumeLogs error %v, want one wrapping context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "alb") {
		t.Errorf("error %q does not name the log type", err)
	}
	if got := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0).Body().Str(); got != albLine {
		t.Errorf("the record's body changed to %q", got)
	}
	if len(sink.AllLogs()) != 0 {
		t.Errorf("a failed call passed data on")
	}
}

type counts struct{ read, indexed, excluded, deadLettered int64 }

// wantCounts checks the processor's metrics for one log type.
func wantCounts(t *testing.T, tel *componenttest.Telemetry, logType string, want counts) {
	t.Helper()
	for name, n := range map[string]int64{
		metricRead: want.read, metricIndexed: want.indexed,
		metricExcluded: want.excluded, metricDeadLettered: want.deadLettered,
	} {
		if got := metricValue(t, tel, name, logType); got != n {
			t.Errorf("%s{log_type=%q} = %d, want %d", name, logType, got, n)
		}
	}
}

func metricValue(t *testing.T, tel *componenttest.Telemetry, name, logType string) int64 {
	t.Helper()
	m, err := tel.GetMetric(name)
	if err != nil {
		t.Fatalf("metric %s: %v", name, err)
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	if !ok {
		t.Fatalf("metric %s is a %T, want a Sum[int64]", name, m.Data)
	}
	for _, dp := range sum.DataPoints {
		if v, _ := dp.Attributes.Value(attribute.Key(attrLogTypeKey)); v.AsString() == logType {
			return dp.Value
		}
	}
	return 0
}
