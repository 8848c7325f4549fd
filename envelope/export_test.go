package envelope_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/envelope"
)

const exportKey = "exportedlogs/cda45419-90ea-4db5-9833-aade86253e66/2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef/000000.gz"

func TestParseExportKey(t *testing.T) {
	for key, want := range map[string]*envelope.CloudWatchLogsExportMeta{
		exportKey: {Prefix: "exportedlogs", TaskID: "cda45419-90ea-4db5-9833-aade86253e66", LogStream: "2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef", File: "000000.gz"},
		"cda45419-90ea-4db5-9833-aade86253e66/i-0abc/000012.gz":                                            {TaskID: "cda45419-90ea-4db5-9833-aade86253e66", LogStream: "i-0abc", File: "000012.gz"},
		"a/b/exports/app/cda45419-90ea-4db5-9833-aade86253e66/123456789012_CloudTrail_us-east-1/000001.gz": {Prefix: "a/b/exports/app", TaskID: "cda45419-90ea-4db5-9833-aade86253e66", LogStream: "123456789012_CloudTrail_us-east-1", File: "000001.gz"},
		"exportedlogs/not-a-task-id/stream/000000.gz":                                                      nil,
		"exportedlogs/cda45419-90ea-4db5-9833-aade86253e66/stream/part.gz":                                 nil,
		"exportedlogs/cda45419-90ea-4db5-9833-aade86253e66/000000.gz":                                      nil,
		"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/x_my-clb_20261127T1005Z.log":       nil,
	} {
		got, ok := envelope.ParseExportKey(key)
		if want == nil {
			if ok {
				t.Errorf("%s: parsed as %+v", key, got)
			}
			continue
		}
		if !ok || got != *want {
			t.Errorf("%s: %+v %v, want %+v", key, got, ok, *want)
		}
	}
}

func TestExportMessages(t *testing.T) {
	input := "2026-11-27T10:05:00.123Z START RequestId: 1 Version: $LATEST\n" +
		"2026-11-27T10:05:00.200Z Traceback (most recent call last):\n" +
		"  File \"app.py\", line 3, in handler\n" +
		"\n" +
		"ValueError: bad\r\n" +
		"2026-11-27T10:05:01Z\n" +
		"2026-11-27T10:05:01.5Z same text\n" +
		"2026-11-27T10:05:02.5Z same text"
	g := read(t, envelope.CloudWatchLogsExport(), exportKey, []byte(input))
	if len(g.errs) > 0 {
		t.Fatal(g.reasons())
	}
	checkNumbers(t, g)
	want := []string{
		"START RequestId: 1 Version: $LATEST",
		"Traceback (most recent call last):\n  File \"app.py\", line 3, in handler\n\nValueError: bad",
		"",
		"same text",
		"same text",
	}
	if !reflect.DeepEqual(g.data(), want) {
		t.Fatalf("messages %q, want %q", g.data(), want)
	}
	lines := []int64{1, 2, 6, 7, 8}
	times := []time.Time{
		time.Date(2026, 11, 27, 10, 5, 0, 123e6, time.UTC),
		time.Date(2026, 11, 27, 10, 5, 0, 200e6, time.UTC),
		time.Date(2026, 11, 27, 10, 5, 1, 0, time.UTC),
		time.Date(2026, 11, 27, 10, 5, 1, 500e6, time.UTC),
		time.Date(2026, 11, 27, 10, 5, 2, 500e6, time.UTC),
	}
	var lineStarts []int64
	for _, l := range strings.SplitAfter(input, "\n") {
		if len(lineStarts) == 0 {
			lineStarts = append(lineStarts, 0)
		}
		lineStarts = append(lineStarts, lineStarts[len(lineStarts)-1]+int64(len(l)))
	}
	ids := map[string]bool{}
	for i, r := range g.recs {
		if r.Line != lines[i] || !r.Delivery.Time.Equal(times[i]) || r.Offset != lineStarts[lines[i]-1] {
			t.Errorf("record %d: line %d offset %d time %v", i, r.Line, r.Offset, r.Delivery.Time)
		}
		m := r.Delivery.Meta.(*envelope.CloudWatchLogsExportMeta)
		if m.LogStream != "2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef" || m != g.recs[0].Delivery.Meta {
			t.Errorf("record %d meta %+v", i, m)
		}
		if len(r.Delivery.ID) != 22 || ids[r.Delivery.ID] {
			t.Errorf("record %d id %q: want distinct ids, even for the same text at another time", i, r.Delivery.ID)
		}
		ids[r.Delivery.ID] = true
	}
	again := read(t, envelope.CloudWatchLogsExport(), exportKey, []byte(input))
	if again.recs[3].Delivery.ID != g.recs[3].Delivery.ID {
		t.Error("ids are not stable across reads")
	}
}

func TestExportBrokenInput(t *testing.T) {
	input := "continued from a previous object\n  and more\n2026-11-27T10:05:00.000Z ok\n"
	g := read(t, envelope.CloudWatchLogsExport(), exportKey, []byte(input))
	checkNumbers(t, g)
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, "2 lines before the first line that starts with a timestamp") ||
		string(g.errs[0].Raw) != "continued from a previous object\n  and more" || g.errs[0].Line != 1 {
		t.Fatalf("errors %+v", g.errs)
	}
	if !reflect.DeepEqual(g.data(), []string{"ok"}) {
		t.Errorf("data %q", g.data())
	}

	long := "2026-11-27T10:05:00.000Z start\n" + strings.Repeat(strings.Repeat("x", 1<<20)+"\n", 5) + "2026-11-27T10:05:01.000Z after\n"
	g = read(t, envelope.CloudWatchLogsExport(), exportKey, []byte(long))
	checkNumbers(t, g)
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, "longer than the limit") || g.errs[0].Size != int64(len("start")+5*(1<<20+1)) || len(g.errs[0].Raw) != envelope.MaxErrorRawBytes {
		t.Fatalf("errors %q (size %d)", g.reasons(), g.errs[0].Size)
	}
	if !reflect.DeepEqual(g.data(), []string{"after"}) {
		t.Errorf("data %q", g.data())
	}
}

func TestExportPipelineAndWriteTest(t *testing.T) {
	input := "2026-11-27T10:05:00.123Z hello\n2026-11-27T10:05:01.000Z multi\nline\n"
	env := envelope.CloudWatchLogsExportWith(envelope.ExportOptions{LogGroup: func(prefix, _ string) string {
		return "/" + strings.TrimPrefix(prefix, "exportedlogs/")
	}})
	key := "exportedlogs/aws/lambda/fn/cda45419-90ea-4db5-9833-aade86253e66/2026/11/27/[1]abc/000000.gz"
	res := runPipeline(t, env, key, gz(input))
	if res.Err != nil || res.Counts.Indexed != 2 {
		t.Fatalf("%v %v", res.Err, res.Counts)
	}
	var doc struct {
		Message string
		Event   struct{ Created string }
		AWS     struct {
			CloudWatch struct {
				LogGroup  string `json:"log_group"`
				LogStream string `json:"log_stream"`
			}
		}
		Timestamp string `json:"@timestamp"`
	}
	json.Unmarshal(res.Docs[1].Body, &doc)
	if doc.Message != "multi\nline" || doc.AWS.CloudWatch.LogGroup != "/aws/lambda/fn" || doc.AWS.CloudWatch.LogStream != "2026/11/27/[1]abc" ||
		doc.Event.Created != "2026-11-27T10:05:01Z" || doc.Timestamp != "2026-11-27T10:05:01Z" {
		t.Errorf("%s", res.Docs[1].Body)
	}

	writeTest := "exportedlogs/aws-logs-write-test"
	if !env.Sniff(writeTest, []byte("Permission Check Successful")) {
		t.Fatal("write-test object not sniffed")
	}
	res = runPipeline(t, env, writeTest, []byte("Permission Check Successful"))
	mustNotEvents(t, res.Err)
	if res.Counts.Read != 0 {
		t.Errorf("counts %v", res.Counts)
	}
}

func TestExportSniff(t *testing.T) {
	env := envelope.CloudWatchLogsExport()
	clbKey := "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log"
	clbLine := "2026-11-27T10:05:00.123456Z my-clb 198.51.100.7:4242 10.0.0.1:80 0.00004 0.001 0.00002 200 200 0 29 \"GET http://x/ HTTP/1.1\" \"curl\" - -\n"
	for _, tc := range []struct {
		name, key, head string
		want            bool
	}{
		{"export", exportKey, "2026-11-27T10:05:00.123Z hello\n", true},
		{"export, nanoseconds", exportKey, "2026-11-27T10:05:00.123456789Z x", true},
		{"empty export", exportKey, "", true},
		{"load balancer log under its own key", clbKey, clbLine, false},
		{"export key, other content", exportKey, "hello\n", false},
		{"export key, JSON", exportKey, `{"messageType":"DATA_MESSAGE"}`, false},
		{"timestamp without Z", exportKey, "2026-11-27T10:05:00.123+01:00 x", false},
		{"write test", "p/aws-logs-write-test", "Permission Check Successful", true},
	} {
		if got := env.Sniff(tc.key, []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}
