package siemtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siem-go/siem"
)

func expectedDocs(t *testing.T, text string) []map[string]any {
	t.Helper()
	var out []map[string]any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func TestAgreement(t *testing.T) {
	docs := []siem.Document{
		{Source: siem.Position{Record: 1}, Body: []byte(`{"@timestamp":"2026-11-27T10:00:00Z","event":{"category":["web","network"],"outcome":"success"},"source":{"port":443},"user":{"name":"alice"}}`)},
		// record 2 was dead-lettered: nothing to pair with the second expected doc
		{Source: siem.Position{Record: 3}, Body: []byte(`{"source":{"port":80}}`)},
	}
	expected := expectedDocs(t, `
		{"@timestamp":"2026-11-27T10:00:00.000Z","event":{"category":["network","web"],"outcome":"failure"},"source.port":443}
		{"source":{"port":22}}
		{"source":{"port":"80"}}`)
	r := Agreement(docs, expected, []string{"@timestamp", "event.category", "event.outcome", "source.port", "user.name", "host.name"})
	// Record 1: timestamp (same instant), category (as sets) and the flat
	// "source.port" agree; outcome differs; user.name only on our side.
	// Record 2: port missing on our side. Record 3: number vs string.
	assert.Equal(t, 7, r.Compared)
	assert.Equal(t, 3, r.Agreed)
	assert.InDelta(t, 3.0/7, r.Ratio(), 1e-9)
	assert.Equal(t, [2]int{1, 3}, r.PerField["source.port"])
	assert.Len(t, r.Mismatches, 4)
	assert.Contains(t, strings.Join(r.Mismatches, "\n"), `record 1 event.outcome: expected "failure", got "success"`)
	assert.Contains(t, strings.Join(r.Mismatches, "\n"), `record 2 source.port: expected 22, got (absent)`)

	var total Report
	total.Add(r)
	total.Add(r)
	assert.Equal(t, 14, total.Compared)
	assert.Equal(t, [2]int{2, 6}, total.PerField["source.port"])
	assert.Equal(t, 1.0, Report{}.Ratio())
}
