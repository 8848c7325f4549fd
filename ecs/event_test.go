package ecs

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventNestsAndOrders(t *testing.T) {
	var e Event
	e.Keyword("source.ip_note", "x") // '_' sorts after '.': must not split the source object
	e.Long("source.port", 443)
	e.Keyword("event.kind", "event")
	e.IP("source.ip", netip.MustParseAddr("::ffff:192.0.2.1"))
	e.Keyword("aws.cloudtrail.event_version", "1.08")
	e.Keyword("event.kind", "alert") // last set wins
	e.Keyword("empty", "")           // skipped
	got := string(e.AppendJSON(nil))
	assert.Equal(t, `{"aws":{"cloudtrail":{"event_version":"1.08"}},"event":{"kind":"alert"},"source":{"ip":"192.0.2.1","ip_note":"x","port":443}}`, got)
}

func TestEventDropsWhatOpenSearchWouldReject(t *testing.T) {
	var e Event
	e.IP("source.ip", netip.MustParseAddr("fe80::1%eth0"))
	e.Date("event.start", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, e.Err())
	assert.Equal(t, `{"source":{"ip":"fe80::1"}}`, string(e.AppendJSON(nil)))
}

// TestEventReportsPathProblems checks that no value is ever dropped
// silently: a conflict or a malformed path is reported by Err, with the
// set position of the later field, while AppendJSON stays valid JSON.
func TestEventReportsPathProblems(t *testing.T) {
	for _, tt := range []struct {
		name  string
		set   func(e *Event)
		want  string
		index int
	}{
		{"leaf then parent", func(e *Event) {
			e.Keyword("event.kind", "event")
			e.Keyword("user", "alice")
			e.Keyword("user.name", "alice")
		}, `field "user" holds a value and is also the parent of "user.name"`, 2},
		{"parent then leaf", func(e *Event) {
			e.Keyword("user.name", "alice")
			e.Keyword("event.kind", "event")
			e.Keyword("user", "alice")
		}, `field "user" holds a value and is also the parent of "user.name"`, 2},
		{"deep", func(e *Event) {
			e.Keyword("source.geo", "a leaf")
			e.Keyword("source.geo.city_name", "Linköping")
		}, `field "source.geo" holds a value and is also the parent of "source.geo.city_name"`, 1},
		{"empty", func(e *Event) { e.Keyword("", "x") }, `field path "" is malformed`, 0},
		{"trailing dot", func(e *Event) { e.Keyword("event.kind", "x"); e.Keyword("x.", "x") }, `field path "x." is malformed`, 1},
		{"leading dot", func(e *Event) { e.Keyword(".x", "x") }, `field path ".x" is malformed`, 0},
		{"empty segment", func(e *Event) { e.Keyword("a.b", "x"); e.Keyword("a..b", "x") }, `field path "a..b" is malformed`, 1},
		{"a field below a replaced object, set after it", func(e *Event) {
			e.Keyword("source.geo.country_iso_code", "SE")
			e.ReplaceJSON("source.geo", []byte(`{"city_name":"Linköping"}`))
			e.Keyword("source.geo.region_name", "x")
		}, `field "source.geo" holds a value and is also the parent of "source.geo.region_name"`, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var e Event
			tt.set(&e)
			err := e.Err()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			var pe *PathError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.index, pe.Index)
			assert.True(t, json.Valid(e.AppendJSON(nil)))
			e.Reset()
			assert.NoError(t, e.Err(), "Reset clears the problem")
		})
	}
	// Setting a path twice is an override, not a conflict.
	var e Event
	e.Keyword("user.name", "a")
	e.Keyword("user.name", "b")
	assert.NoError(t, e.Err())
}

func TestEventStrings(t *testing.T) {
	var e Event
	e.Keyword("message", "quote\" backslash\\ nl\n tab\t ctl\x01 bad\xff sep\u2028 ok é")
	got := string(e.AppendJSON(nil))
	assert.Equal(t, `{"message":"quote\" backslash\\ nl\n tab\t ctl\u0001 bad`+"\ufffd"+` sep\u2028 ok é"}`, got)
	s, ok := e.LookupString("message")
	require.True(t, ok)
	assert.True(t, strings.HasPrefix(s, "quote\" backslash\\ nl\n"))

	e.Reset()
	e.RawJSON("labels", []byte(`"a\/b \ud83d\ude00"`))
	s, ok = e.LookupString("labels")
	require.True(t, ok)
	assert.Equal(t, "a/b 😀", s)
}

func TestEventDatesKeepPrecision(t *testing.T) {
	var e Event
	e.Date("@timestamp", time.Date(2026, 11, 27, 10, 5, 1, 0, time.FixedZone("x", 3600)))
	e.Date("event.end", time.Date(2026, 11, 27, 10, 5, 1, 123456000, time.UTC))
	assert.Equal(t, `{"@timestamp":"2026-11-27T09:05:01Z","event":{"end":"2026-11-27T10:05:01.123456Z"}}`, string(e.AppendJSON(nil)))
	assert.Equal(t, time.Date(2026, 11, 27, 9, 5, 1, 0, time.UTC), e.Timestamp().UTC())
}

func TestEventArraysDeduplicate(t *testing.T) {
	var e Event
	e.IPs("related.ip", netip.MustParseAddr("192.0.2.1"), netip.Addr{}, netip.MustParseAddr("::ffff:192.0.2.1"), netip.MustParseAddr("2001:db8::1"))
	e.Keywords("related.user", "", "alice", "bob", "alice")
	e.Keywords("tags")
	assert.Equal(t, `{"related":{"ip":["192.0.2.1","2001:db8::1"],"user":["alice","bob"]}}`, string(e.AppendJSON(nil)))
}

func BenchmarkEventAppendJSON(b *testing.B) {
	var e Event
	var out []byte
	ts := time.Date(2026, 11, 27, 10, 5, 1, 0, time.UTC)
	ip := netip.MustParseAddr("198.51.100.7")
	for b.Loop() {
		e.Reset()
		e.Date("@timestamp", ts)
		e.Keyword("event.kind", "event")
		e.Keywords("event.category", "network")
		e.Keyword("event.outcome", "success")
		e.IP("source.ip", ip)
		e.Long("source.port", 443)
		e.IP("destination.ip", ip)
		e.Long("destination.port", 8080)
		e.Long("network.bytes", 1234)
		e.Keyword("network.transport", "tcp")
		e.Keyword("cloud.account.id", "123456789012")
		e.Keyword("aws.vpcflow.interface_id", "eni-0123456789abcdef0")
		out = e.AppendJSON(out[:0])
	}
	b.SetBytes(int64(len(out)))
}

// FuzzAppendString checks that any input encodes to a JSON string that
// decodes back to the input with each invalid UTF-8 byte replaced.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ascii that is longer than eight", "tab\there", `q"uote\back`, "caf\xe9 \u2028 é 😀", strings.Repeat("a", 15) + "\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := AppendString(nil, s)
		var got string
		require.NoError(t, json.Unmarshal(enc, &got), "%q encoded as %s", s, enc)
		var want strings.Builder
		for _, r := range s { // ranging a string yields U+FFFD per invalid byte
			want.WriteRune(r)
		}
		assert.Equal(t, want.String(), got)
		assert.Equal(t, enc, AppendStringBytes(nil, []byte(s)))
	})
}

func TestAppendTimeMatchesRFC3339Nano(t *testing.T) {
	for _, ts := range []time.Time{
		time.Date(2026, 11, 27, 10, 5, 1, 0, time.UTC),
		time.Date(1, 2, 3, 4, 5, 6, 7, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 120_000_000, time.FixedZone("x", -7200)),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
	} {
		assert.Equal(t, ts.UTC().Format(time.RFC3339Nano), string(AppendTime(nil, ts)))
	}
}

func TestSortFieldsMergesRunsStably(t *testing.T) {
	var e Event
	// Three runs, with a path repeated across runs: the later value wins.
	e.Keyword("a.x", "1")
	e.Keyword("c", "1")
	e.Keyword("b", "1")
	e.Keyword("a.x", "2")
	e.Keyword("d", "1")
	e.Keyword("a.y", "1")
	e.Keyword("a.x", "3")
	assert.Equal(t, `{"a":{"x":"3","y":"1"},"b":"1","c":"1","d":"1"}`, string(e.AppendJSON(nil)))
	e.Reset()
	assert.Equal(t, `{}`, string(e.AppendJSON(nil)))
}

// A whole object set with ReplaceJSON replaces the fields set below it
// before, keeps every other field, and leaves the event reusable.
func TestEventReplaceJSON(t *testing.T) {
	var e Event
	for round := 0; round < 3; round++ {
		e.Reset()
		e.Keyword("source.ip", "192.0.2.1")
		e.Keyword("source.geo.country_iso_code", "SE")
		e.Keyword("source.geo.city_name", "Lund")
		e.Keyword("source.geography", "kept: a sibling, not a child")
		e.Keyword("event.kind", "event")
		before := e.Len()
		e.ReplaceJSON("source.geo", []byte(`{"country_iso_code":"GB","city_name":"Boxford"}`))
		require.NoError(t, e.Err())
		assert.Equal(t, before+1, e.Len(), "Len counts settings, not the fields left")
		assert.Equal(t, `{"event":{"kind":"event"},"source":{"geo":{"country_iso_code":"GB","city_name":"Boxford"},"geography":"kept: a sibling, not a child","ip":"192.0.2.1"}}`, string(e.AppendJSON(nil)))
		_, ok := e.Lookup("source.geo.city_name")
		assert.False(t, ok, "the replaced field is gone")
		// The same paths without a replacement make another shape.
		e.Reset()
		e.Keyword("source.ip", "192.0.2.1")
		e.Keyword("source.geo.country_iso_code", "SE")
		e.Keyword("source.geo.city_name", "Lund")
		e.Keyword("source.geography", "x")
		e.Keyword("event.kind", "event")
		e.Keyword("source.port", "1")
		assert.Equal(t, `{"event":{"kind":"event"},"source":{"geo":{"city_name":"Lund","country_iso_code":"SE"},"geography":"x","ip":"192.0.2.1","port":"1"}}`, string(e.AppendJSON(nil)))
	}
	// Nothing below the path: the same as RawJSON.
	e.Reset()
	e.ReplaceJSON("source.as", []byte(`{"number":64500}`))
	assert.Equal(t, `{"source":{"as":{"number":64500}}}`, string(e.AppendJSON(nil)))
}

func TestEventRemove(t *testing.T) {
	var e Event
	e.Date("@timestamp", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	e.Keyword("source.ip", "10.0.0.1")
	e.Keyword("source.geo.country_iso_code", "SE")
	e.RawJSON("source.as", []byte(`{"number":1}`))
	e.Keyword("source.address", "proxy")
	e.Remove("source.geo")
	e.Remove("source.as")
	e.Remove("no.such.field")
	require.NoError(t, e.Err())
	assert.Equal(t, `{"@timestamp":"2026-11-27T10:00:00Z","source":{"address":"proxy","ip":"10.0.0.1"}}`, string(e.AppendJSON(nil)))
	assert.Equal(t, 5, e.Len())
	e.Remove("@timestamp")
	assert.True(t, e.Timestamp().IsZero())
	assert.False(t, e.Has("@timestamp"))
}
