package waf_test

import (
	"encoding/json"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/waf"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to the normalizer: it must return an
// error or build an event that is valid JSON, ECS and vendor schema.
func FuzzNormalize(f *testing.F) {
	for _, line := range splitLines(samplegen.WAF(40)) {
		f.Add(line)
	}
	f.Add([]byte(record(map[string]any{"httpRequest": request(headers("Authorization", "Bearer x", "Cookie", "a=b", "X-Forwarded-For", "1.2.3.4"))})))
	f.Add([]byte(`{"timestamp":1,"ruleGroupList":[{"":null,"a.b":[NaN,01,{"x":[]}]}],"httpRequest":{"headers":[{"name":"Host","value":"[::1]:80"}]}}`))
	info := waf.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		ev.KeywordBytes("event.original", data)
		if err := waf.Normalize(siem.Record{Record: parser.Record{Data: data, Number: 1}}, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid event: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if !json.Valid(doc) {
			t.Fatalf("invalid JSON: %s", doc)
		}
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		out = append(out, b[:i])
		if i < len(b) {
			i++
		}
		b = b[i:]
	}
	return out
}
