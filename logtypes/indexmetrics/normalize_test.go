package indexmetrics_test

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/parser"
)

func normalize(t *testing.T, row string) (*ecs.Event, error) {
	t.Helper()
	var ev ecs.Event
	err := indexmetrics.Normalize(siem.Record{Record: parser.Record{Data: []byte(row)}}, &ev)
	if err == nil {
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := indexmetrics.New().Info().CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	}
	return &ev, err
}

func lookup(ev *ecs.Event, path string) string {
	v, _ := ev.Lookup(path)
	return string(v)
}

const base = `"@timestamp":"2026-11-27T10:00:03.412853Z","opensearch":{"index":{"name":"i"`

func TestFields(t *testing.T) {
	for _, c := range []struct {
		name, row string
		want      map[string]string
	}{
		{"_cat strings read as numbers; a row without a dataset but with a shard is a shard row",
			`{` + base + `},"shard":{"number":"3","docs":{"count":"0"},"primary":false}}}`,
			map[string]string{"opensearch.shard.number": "3", "opensearch.shard.docs.count": "0", "opensearch.shard.primary": "false", "event.dataset": `"opensearch.shard"`, "event.module": `"opensearch"`}},
		{"a number written as 1e3 is an integer; a new statistic under total is kept as a long",
			`{` + base + `,"total":{"docs":{"count":1e3},"flush":{"total_time_in_millis":42}}}},"event":{"dataset":"opensearch.index"}}`,
			map[string]string{"opensearch.index.total.docs.count": "1000", "opensearch.index.total.flush.total_time_in_millis": "42", "event.dataset": `"opensearch.index"`}},
		{"unknown members keep their path under other; metricset under opensearch; nulls are absent",
			`{` + base + `,"status":null,"Odd Key":1},"x":[1,2]},"metricset":{"name":"index","period":3600000,"extra":"y"},"event":{"dataset":"opensearch.index","kind":"metric"},"agent":{"id":"a"}}`,
			map[string]string{"opensearch.metricset.name": `"index"`, "opensearch.metricset.period": "3600000", "opensearch.index.status": "",
				"opensearch.other": `{"metricset":{"extra":"y"},"event":{"kind":"metric"},"agent":{"id":"a"},"index":{"Odd Key":1},"x":[1,2]}`}},
		{"creation date as epoch milliseconds",
			`{` + base + `,"creation":{"date":1793491200000}}}}`,
			map[string]string{"opensearch.index.creation.date": `"2026-11-01T00:00:00Z"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev, err := normalize(t, c.row)
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range c.want {
				if got := lookup(ev, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ row, want string }{
		{`{"opensearch":{"index":{"name":"i"}}}`, "no @timestamp"},
		{`{"@timestamp":"2026-11-27 10:00:03"}`, `@timestamp "2026-11-27 10:00:03"`},
		{`{"@timestamp":"2026-11-27T10:00:03Z"}`, "no opensearch object"},
		{`{"@timestamp":"2026-11-27T10:00:03Z","opensearch":{"cluster":{"id":"c"}}}`, "no opensearch.index.name"},
		{`{` + base + `,"shards":{"total":"six"}}}}`, `opensearch.index.shards.total "six" is not an integer`},
		{`{` + base + `,"total":{"docs":{"count":1.5}}}}}`, "opensearch.index.total.docs.count 1.5 is not an integer"},
		{`{` + base + `,"total":{"x":{"y":true}}}}}`, "opensearch.index.total.x.y true is not an integer"},
		{`{` + base + `,"total":{"docs":{"count":99999999999999999999}}}}}`, "is not an integer"},
		{`{` + base + `},"shard":{"primary":"true"}}}`, `opensearch.shard.primary "true" is not true or false`},
		{`{` + base + `,"name":["a"]}}}`, "is not a string"},
		{`{` + base + `,"creation":{"date":"yesterday"}}}}`, "is not an RFC 3339 time"},
		{`{` + base + `}},"event":{"dataset":"aws.cloudtrail"}}`, "not an OpenSearch metrics dataset"},
		{`{` + base + `}},"metricset":{"period":"hourly"}}`, "metricset.period"},
		{`{` + base + `}},"metricset":{"period":0}}`, "metricset.period 0 is not a positive integer"},
		{`{` + base + `,"shards":{"total":-3}}}}`, "opensearch.index.shards.total -3 is not a non-negative integer"},
		{`{` + base + `,"primaries":{"docs":{"count":"-4"}}}}}`, `opensearch.index.primaries.docs.count "-4" is not a non-negative integer`},
		{`{` + base + `},"shard":{"number":-1}}}`, "opensearch.shard.number -1 is not a non-negative integer"},
		{`[]`, "not an object"},
		{strings.Repeat(`{"a":`, 10000), "not valid JSON"},
	} {
		_, err := normalize(t, c.row)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.70s: error %v, want it to say %q", c.row, err, c.want)
		}
	}
}

// FuzzNormalize feeds single rows to Normalize: it must return an error
// or a document that is valid ECS and fits the vendor schema, never panic.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{` + base + `,"total":{"docs":{"count":"7"}},"x":{"":1,"a.b":2}},"shard":{"number":1}},"event":{"dataset":"opensearch.shard"}}`))
	if data, err := readSample(); err == nil {
		for _, line := range bytes.Split(data, []byte("\n")) {
			f.Add(line)
		}
	}
	info := indexmetrics.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := indexmetrics.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}

func readSample() ([]byte, error) {
	f, err := os.ReadFile(sample(keyExporter))
	if err != nil {
		return nil, err
	}
	r, _, err := parser.Decompress(bytes.NewReader(f))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
