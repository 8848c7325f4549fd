package siemprocessor

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/valyala/fastjson"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/processor/processorhelper"
)

// FuzzDocumentRoundTrip feeds arbitrary bytes to the JSON-to-map
// conversion, and checks that a map converts back to JSON that reads as
// the same map: the path a receiver's parsed JSON body takes into the
// pipeline.
func FuzzDocumentRoundTrip(f *testing.F) {
	for _, s := range []string{
		cloudTrailEvent, cloudTrailDigest,
		`{}`, `[]`, `null`, `"x"`, `{"a":{"b":[1,2.5,-3e400,true,null,{"c":"d"}]}}`,
		`{"n":9223372036854775808,"m":-9223372036854775808,"e":1e3}`,
		`{"dup":1,"dup":2}`, `{"":""}`, `{"a":"\u00e9\ud800"}`, `{"a":`, "{\"k\xff\":\"\xfe\"}", "{\"\x00\":\"\x1f\\n\\\"\\\\\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p fastjson.Parser
		m := pcommon.NewMap()
		if err := putDocument(m, data, &p); err != nil {
			return
		}
		v := pcommon.NewValueEmpty()
		m.CopyTo(v.SetEmptyMap())
		raw, err := rawRecord(v, nil)
		if err != nil {
			t.Fatalf("a map built from JSON %q does not encode back: %v", data, err)
		}
		back := pcommon.NewMap()
		if err := putDocument(back, raw, &p); err != nil {
			t.Fatalf("re-encoded %q is not a JSON object: %v", raw, err)
		}
		// Invalid UTF-8 is written as U+FFFD, so such a document changes
		// once and is stable from then on.
		if validUTF8(v) && !back.Equal(m) {
			t.Fatalf("round trip changed the document:\n in  %q\n out %q", data, raw)
		}
		v2 := pcommon.NewValueEmpty()
		back.CopyTo(v2.SetEmptyMap())
		raw2, err := rawRecord(v2, nil)
		if err != nil {
			t.Fatalf("second encoding of %q: %v", raw, err)
		}
		back2 := pcommon.NewMap()
		if err := putDocument(back2, raw2, &p); err != nil || !back2.Equal(back) {
			t.Fatalf("second round trip differs: %q, then %q (%v)", raw, raw2, err)
		}
	})
}

// validUTF8 reports whether every string and key in v is valid UTF-8.
func validUTF8(v pcommon.Value) bool {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		return utf8.ValidString(v.Str())
	case pcommon.ValueTypeSlice:
		for i := range v.Slice().Len() {
			if !validUTF8(v.Slice().At(i)) {
				return false
			}
		}
	case pcommon.ValueTypeMap:
		ok := true
		v.Map().Range(func(k string, e pcommon.Value) bool {
			ok = utf8.ValidString(k) && validUTF8(e)
			return ok
		})
		return ok
	}
	return true
}

// FuzzConsumeLogs sends arbitrary bodies through the processor as each
// of three log types: no panic, no error, and every record accounted
// for.
func FuzzConsumeLogs(f *testing.F) {
	for _, s := range []string{albLine, cloudTrailEvent, cloudTrailDigest, vpcFlowLine, "", "\xff\xfe", "{", `2 1 eni-1 - - - - - - - 1 2 - NODATA`} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	types := []string{"alb", "cloudtrail", "vpcflow"}
	tel := componenttest.NewTelemetry()
	defer tel.Shutdown(context.Background())
	procs := make([]*logsProcessor, len(types))
	for i, lt := range types {
		p, err := newLogsProcessor(newFuzzSettings(tel), &Config{LogType: lt, OnFailure: FailureKeep})
		if err != nil {
			f.Fatal(err)
		}
		if err := p.start(context.Background(), componenttest.NewNopHost()); err != nil {
			f.Fatal(err)
		}
		procs[i] = p
	}
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		p := procs[int(which)%len(procs)]
		ld := buildLogs(t, input{body: body}, input{body: []byte(body)})
		out, err := p.consumeLogs(context.Background(), ld)
		if err != nil && !errors.Is(err, processorhelper.ErrSkipProcessingData) {
			t.Fatalf("ConsumeLogs: %v", err)
		}
		// Kept failures and documents stay; only exclusions go.
		for i := range out.LogRecordCount() {
			lr := out.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(i)
			_, isDoc := lr.Attributes().Get(attrDocumentID)
			_, isDead := lr.Attributes().Get(attrOutcome)
			if isDoc == isDead {
				t.Fatalf("record %d is neither a document nor a dead letter (or both): %v", i, lr.Attributes().AsRaw())
			}
			if isDoc && lr.Body().Type() != pcommon.ValueTypeMap {
				t.Fatalf("document body is a %s", lr.Body().Type())
			}
		}
	})
}
