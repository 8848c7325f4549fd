package firelens_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/siemtest"
)

const (
	testKey = "fluent-bit-logs/app-firelens-0123456789abcdef0123456789abcdef/2026/12/06/17/30/00-objectAbCdEfGh"
	taskARN = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef"
)

// flLine builds a FireLens line carrying log; extra members are appended
// as written.
func flLine(source, log string, extra ...string) string {
	b, _ := json.Marshal(log)
	s := fmt.Sprintf(`{"container_id":"0123456789abcdef0123456789abcdef-1","container_name":"app","source":"%s","log":%s,"ecs_cluster":"prod","ecs_task_arn":"%s","ecs_task_definition":"app:3"`, source, b, taskARN)
	for _, e := range extra {
		s += "," + e
	}
	return s + "}\n"
}

// run normalizes an object and decodes its documents.
func run(t *testing.T, lt siem.LogType, key, data string) ([]map[string]any, *siemtest.Result) {
	t.Helper()
	res := siemtest.Options{Validate: true}.Run(t, lt, key, []byte(data))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var docs []map[string]any
	for _, d := range res.Docs {
		var m map[string]any
		if err := json.Unmarshal(d.Body, &m); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, m)
	}
	return docs, res
}

// get reads a dotted path from a decoded document.
func get(doc map[string]any, path string) any {
	var v any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func want(t *testing.T, doc map[string]any, fields map[string]any) {
	t.Helper()
	for path, w := range fields {
		if g := get(doc, path); !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %#v, want %#v", path, g, w)
		}
	}
}

func TestInnerOrderAndDataset(t *testing.T) {
	lt := firelens.New(firelens.Inner("kv.log", testKV), firelens.Inner("apache.access", testApache))
	docs, res := run(t, lt, testKey,
		flLine("stdout", `203.0.113.9 - - [06/Dec/2026:17:29:58 +0000] "GET / HTTP/1.1" 200 12`, `"date":"2026-12-06T17:29:58.5Z"`)+
			flLine("stdout", `kv: a=1`, `"date":"2026-12-06T17:29:59Z"`)+
			flLine("stderr", `plain words`, `"date":"2026-12-06T17:30:00Z"`))
	if len(docs) != 3 {
		t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
	}
	want(t, docs[0], map[string]any{
		"event.dataset": "apache.access", "event.module": "apache", "firelens.format": "apache.access",
		"@timestamp": "2026-12-06T17:29:58Z", "event.created": "2026-12-06T17:29:58.5Z",
		"source.ip": "203.0.113.9", "container.name": "app", "orchestrator.cluster.name": "prod",
		"cloud.account.id": "123456789012", "cloud.region": "eu-west-1", "aws.firelens.source": "stdout",
	})
	want(t, docs[1], map[string]any{
		"event.dataset": "kv.log", "event.module": "kv", "firelens.format": "kv.log",
		"message": " a=1", "@timestamp": "2026-12-06T17:29:59Z", "event.kind": "event",
	})
	want(t, docs[2], map[string]any{
		"event.dataset": "aws.firelens", "event.module": "aws", "firelens.format": "plain",
		"message": "plain words", "aws.firelens.source": "stderr", "@timestamp": "2026-12-06T17:30:00Z",
	})
}

func TestInnerContract(t *testing.T) {
	liar := func(line []byte, ev *ecs.Event) (bool, error) {
		ev.Keyword("message", "half done")
		return false, nil
	}
	_, res := run(t, firelens.New(firelens.Inner("liar.log", liar)), testKey, flLine("stdout", "x", `"date":"2026-12-06T17:30:00Z"`))
	if len(res.DeadLetters) != 1 || !strings.Contains(res.DeadLetters[0].Reason, "set fields but reported no match") {
		t.Fatalf("dead letters %v", res.DeadLetters)
	}
	for _, bad := range []string{"", "apache", "Apache.access", "apache..access", "apache.access."} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Inner(%q) did not panic", bad)
				}
			}()
			firelens.Inner(bad, testKV)
		}()
	}
}

func TestExcludeStderr(t *testing.T) {
	data := flLine("stderr", "oops", `"date":"2026-12-06T17:30:00Z"`) + flLine("stdout", "ok", `"date":"2026-12-06T17:30:00Z"`) + flLine("stdout", "  ", `"date":"2026-12-06T17:30:00Z"`)
	_, res := run(t, firelens.New(firelens.ExcludeStderr()), testKey, data)
	if res.Counts.Indexed != 1 || res.Counts.Excluded != 2 || res.Counts.ExcludedByRule["firelens-stderr"] != 1 || res.Counts.ExcludedByRule["firelens-blank-line"] != 1 {
		t.Fatalf("counts %+v", res.Counts)
	}
	_, res = run(t, firelens.New(), testKey, data)
	if res.Counts.Indexed != 2 || res.Counts.Excluded != 1 {
		t.Fatalf("counts %+v", res.Counts)
	}
}

func TestJSONLines(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 25) + "1" + strings.Repeat("}", 25)
	big := `{"msg":"big","blob":"` + strings.Repeat("z", 40000) + `"}`
	cases := []struct {
		name, log string
		fields    map[string]any
	}{
		{"pino", `{"level":30,"time":1796578200731,"msg":"hi","n":1.5e3}`, map[string]any{
			"@timestamp": "2026-12-06T17:30:00.731Z", "log.level": "info", "message": "hi",
			"firelens.json": map[string]any{"level": 30.0, "time": 1796578200731.0, "msg": "hi", "n": 1500.0}, "firelens.format": "json"}},
		{"zap seconds", `{"level":"ERROR","ts":1796578200.25,"msg":"x"}`, map[string]any{"@timestamp": "2026-12-06T17:30:00.25Z", "log.level": "error"}},
		{"microseconds", `{"ts":1796578200250000,"msg":"x"}`, map[string]any{"@timestamp": "2026-12-06T17:30:00.25Z"}},
		{"nanoseconds", `{"time":1796578200250000000,"msg":"x"}`, map[string]any{"@timestamp": "2026-12-06T17:30:00.25Z"}},
		{"space separated time", `{"timestamp":"2026-12-06 18:30:00.5+01:00","message":"x"}`, map[string]any{"@timestamp": "2026-12-06T17:30:00.5Z"}},
		{"unusable time falls back", `{"time":"yesterday","msg":"x"}`, map[string]any{"@timestamp": "2026-12-06T17:31:00Z", "firelens.json.time": "yesterday"}},
		{"ecs logging", `{"@timestamp":"2026-12-06T17:30:00Z","log.level":"WARN","message":"m","log.logger":"l","trace.id":"t","span.id":"s"}`, map[string]any{
			"log.level": "warn", "log.logger": "l", "trace.id": "t", "span.id": "s", "message": "m"}},
		{"message beats msg", `{"msg":"b","message":"a","severity":"notice"}`, map[string]any{"message": "a", "log.level": "notice"}},
		{"non-string message stays in json", `{"message":{"k":"v"}}`, map[string]any{"message": nil, "firelens.json": map[string]any{"message": map[string]any{"k": "v"}}}},
		{"empty values dropped", `{"a":"","b":null,"c":[],"d":{},"e":"-","f":[null,""],"g":0,"h":false}`, map[string]any{"firelens.json": map[string]any{"g": 0.0, "h": false}}},
		{"nothing left", `{"a":""}`, map[string]any{"firelens.json": nil, "firelens.json_text": nil, "firelens.format": "json"}},
		{"NaN written as text", `{"v":NaN,"w":-Inf}`, map[string]any{"firelens.json": map[string]any{"v": "NaN", "w": "-Inf"}}},
		{"empty key", `{"":"v","msg":"m"}`, map[string]any{"firelens.json": nil, "firelens.json_text": `{"":"v","msg":"m"}`, "message": "m"}},
		{"dotted key", `{"a..b":1}`, map[string]any{"firelens.json_text": `{"a..b":1}`}},
		{"nested duplicate", `{"o":{"k":1,"k":2}}`, map[string]any{"firelens.json_text": `{"o":{"k":1,"k":2}}`}},
		{"too deep", deep, map[string]any{"firelens.json": nil, "firelens.json_text": deep}},
		// The first line is longer than the envelope's sniff: Open reads
		// it as FireLens all the same.
		{"too big", big, map[string]any{"firelens.json": nil, "message": "big", "container.name": "app", "aws.firelens.source": "stdout",
			"firelens.json_text": big[:len(big)-2] + `"}`}},
		{"not JSON", `{"unclosed":`, map[string]any{"firelens.format": "plain", "message": `{"unclosed":`}},
		{"array", `[{"a":1}]`, map[string]any{"firelens.format": "plain", "message": `[{"a":1}]`}},
		{"long level", `{"level":"` + strings.Repeat("L", 40) + `"}`, map[string]any{"log.level": nil}},
		{"odd level number", `{"level":35}`, map[string]any{"log.level": "35"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs, res := run(t, firelens.New(), testKey, flLine("stdout", c.log, `"date":"2026-12-06T17:31:00Z"`))
			if len(docs) != 1 {
				t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
			}
			want(t, docs[0], c.fields)
		})
	}
}

func TestTimestampFallbacks(t *testing.T) {
	line := `{"container_id":"c-1","container_name":"app","source":"stdout","log":"no time here"}` + "\n"
	for _, c := range []struct{ key, want string }{
		{testKey, "2026-12-06T17:30:00Z"},
		{"firelens/app/2026/12/06/17/app-firelens-1-2026-12-06-17-45-09-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b.gz", "2026-12-06T17:45:09Z"},
		{"firelens/app/copied.log", siemtest.Ingested.Format(time.RFC3339)},
	} {
		docs, _ := run(t, firelens.New(), c.key, line)
		if len(docs) != 1 {
			t.Fatalf("%s: no document", c.key)
		}
		want(t, docs[0], map[string]any{"@timestamp": c.want, "event.created": nil, "container.id": "c-1"})
	}
}

func TestKeyTime(t *testing.T) {
	for key, w := range map[string]string{
		testKey: "2026-12-06T17:30:00Z",
		"fluent-bit-logs/x-firelens-1/2026/12/06/17/30/59":                      "2026-12-06T17:30:59Z",
		"firelens/s-1-2026-02-28-23-59-59-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b": "2026-02-28T23:59:59Z",
		"firelens/s-1-2026-02-30-23-59-59-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b": "",
		"fluent-bit-logs/x-firelens-1/2026/13/06/17/30/00-objectAbCdEfGh":       "",
		"firelens/app/plain.log":                                 "",
		"fluent-bit-logs/x-firelens-1/2026/12/06/17/30/00/extra": "",
	} {
		got := firelens.KeyTime(key)
		g := ""
		if !got.IsZero() {
			g = got.Format(time.RFC3339)
		}
		if g != w {
			t.Errorf("KeyTime(%q) = %q, want %q", key, g, w)
		}
	}
}

// TestDirectObject reads a plain file of container lines (no FireLens
// envelope): no container metadata, each line normalized alone.
func TestDirectObject(t *testing.T) {
	docs, res := run(t, firelens.New(firelens.Inner("apache.access", testApache)), "firelens/app/copied.log",
		"plain start\n"+`{"level":"info","msg":"json"}`+"\n"+`192.0.2.1 - - [06/Dec/2026:17:29:58 +0000] "GET / HTTP/1.1" 200 12`+"\n")
	if len(docs) != 3 {
		t.Fatalf("counts %v %v", res.Counts, res.DeadLetters)
	}
	want(t, docs[0], map[string]any{"message": "plain start", "container": nil, "firelens.format": "plain"})
	want(t, docs[1], map[string]any{"message": "json", "firelens.format": "json"})
	want(t, docs[2], map[string]any{"event.dataset": "apache.access", "source.ip": "192.0.2.1"})
}

func TestInnerFor(t *testing.T) {
	lt := firelens.New(
		firelens.InnerFor(regexp.MustCompile(`^web$`), "kv.web", testKV),
		firelens.Inner("kv.any", testKV),
	)
	web := strings.Replace(flLine("stdout", "kv: x", `"date":"2026-12-06T17:30:00Z"`), `"container_name":"app"`, `"container_name":"web"`, 1)
	docs, _ := run(t, lt, testKey, web+flLine("stdout", "kv: y", `"date":"2026-12-06T17:30:00Z"`))
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	want(t, docs[0], map[string]any{"event.dataset": "kv.web", "container.name": "web"})
	want(t, docs[1], map[string]any{"event.dataset": "kv.any", "container.name": "app"})
	// Read directly, a line names no container: only Inner applies.
	docs, _ = run(t, lt, "firelens/app/copied.log", "kv: z\n")
	want(t, docs[0], map[string]any{"event.dataset": "kv.any"})
}
