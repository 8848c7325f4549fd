package siemtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
)

func TestParseExpected(t *testing.T) {
	for _, in := range []string{
		`{"expected":[{"a":1},null,{"b.c":"x"}]}`,
		`[{"a":1},null,{"b.c":"x"}]`,
	} {
		exp, err := ParseExpected([]byte(in))
		require.NoError(t, err, in)
		require.Len(t, exp, 3)
		assert.Equal(t, json.Number("1"), exp[0]["a"])
		assert.Nil(t, exp[1], "null: that normalizer made no document")
		assert.Equal(t, "x", exp[2]["b.c"])
	}
	for in, want := range map[string]string{
		`{"events":[]}`: `without an "expected" array`,
		`"x"`:           "no array of documents",
		`[1]`:           "expected document 1 is json.Number",
		`{`:             "not JSON",
	} {
		_, err := ParseExpected([]byte(in))
		assert.ErrorContains(t, err, want, in)
	}
}

func mustExpected(t *testing.T, text string) Expected {
	t.Helper()
	exp, err := ParseExpected([]byte(text))
	require.NoError(t, err)
	return exp
}

func TestCompareFieldByField(t *testing.T) {
	docs := []siem.Document{
		{Source: siem.Position{Record: 1}, Body: []byte(`{"@timestamp":"2026-11-27T10:00:00Z","event":{"category":["web","network"],"outcome":"success","duration":1500000},"source":{"port":443},"user":{"name":"alice"}}`)},
		// record 2 was dead-lettered: nothing to pair with the second expected doc
		{Source: siem.Position{Record: 3}, Body: []byte(`{"source":{"port":80}}`)},
		{Source: siem.Position{Record: 4}, Body: []byte(`{"source":{"port":1}}`)},
	}
	expected := mustExpected(t, `[
		{"@timestamp":"2026-11-27T10:00:00.000Z","event":{"category":["network","web"],"outcome":"failure","duration":1.5e6},"source.port":443},
		{"source":{"port":22}},
		{"source":{"port":"80"}},
		null]`)
	fields := []string{"@timestamp", "event.category", "event.outcome", "event.duration", "source.port", "user.name", "host.name"}
	r := Compare(docs, expected, fields, []Difference{{Field: "event.outcome", Reason: "we judge by the status code"}})
	// Record 1: timestamp (same instant), category (as sets), duration (by
	// value) and the flat "source.port" agree; outcome differs as declared;
	// user.name only on our side. Record 2: port missing on our side.
	// Record 3: a number is not a string. Record 4: no document expected.
	assert.Equal(t, 8, r.Compared)
	assert.Equal(t, [2]int{1, 3}, r.PerField["source.port"])
	require.Len(t, r.Allowed, 1)
	assert.Equal(t, "we judge by the status code", r.Allowed[0].Reason)
	var ms []string
	for _, m := range r.Mismatches {
		ms = append(ms, m.String())
	}
	assert.ElementsMatch(t, []string{
		`record 1 user.name: expected (absent), got "alice"`,
		`record 2 source.port: expected 22, got (absent)`,
		`record 3 source.port: expected "80", got 80`,
		`record 4: expected no document, got a document`,
	}, ms)
	err := r.Err()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "4 field values disagree")
	assert.Contains(t, r.String(), "event.outcome (1 records): we judge by the status code")

	var total Report
	total.Add(r)
	total.Add(r)
	assert.Equal(t, 16, total.Compared)
	assert.Equal(t, [2]int{2, 6}, total.PerField["source.port"])

	assert.ErrorContains(t, Compare(docs, expected, []string{"no.such.field"}, nil).Err(), "no field was compared")
	assert.NoError(t, Compare(docs[:1], expected[:1], []string{"@timestamp", "source.port"}, nil).Err())
}

func TestNumbersCompareByValue(t *testing.T) {
	for _, pair := range [][2]any{
		{json.Number("443"), float64(443)},
		{json.Number("443"), json.Number("443.0")},
		{json.Number("1e3"), 1000},
		{json.Number("9007199254740993"), json.Number("9007199254740993")},
	} {
		assert.True(t, equalScalar(pair[0], pair[1]), "%v", pair)
	}
	assert.False(t, equalScalar(json.Number("9007199254740993"), json.Number("9007199254740992")), "exact beyond float64")
	assert.False(t, equalScalar(json.Number("1"), "1"))
	assert.False(t, strings.Contains(show(nil, false), "null"))
}
