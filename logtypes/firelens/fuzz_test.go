package firelens_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/parser"
)

// FuzzLine normalizes one container line read directly (no envelope):
// it must give an error or a valid ECS document, never a panic.
func FuzzLine(f *testing.F) {
	for _, s := range []string{
		`{"level":30,"time":1796578200731,"msg":"hi"}`,
		`{"a":{"b":[1,{"c":null}],"d":""},"":1}`,
		`{"v":NaN,"ts":1e400,"level":{"x":1}}`,
		`{"timestamp":"2026-12-06 18:30:00.5+01:00","message":"x"}`,
		`203.0.113.9 - - [06/Dec/2026:17:29:58 +0000] "GET / HTTP/1.1" 200 12`,
		"plain \u00e9 line\t",
	} {
		f.Add([]byte(s))
	}
	lt := firelens.New(firelens.Inner("apache.access", testApache))
	f.Fuzz(func(t *testing.T, line []byte) {
		or, err := lt.(siem.MessageOpener).OpenMessages(siem.Object{Key: testKey}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: parser.Record{Data: line, Number: 1}}, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid event: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if !json.Valid(doc) {
			t.Fatalf("invalid JSON %q", doc)
		}
		if err := lt.Info().CheckDocument(doc); err != nil && utf8.Valid(line) {
			// Invalid UTF-8 is repaired by the pipeline before
			// Normalize; only valid lines must give valid documents.
			t.Fatalf("document fails validation: %v\n%s", err, doc)
		}
	})
}
