package ioc

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// testEvent is a minimal valid ECS event; set adds fields to it.
func testEvent(set func(ev *ecs.Event)) *ecs.Event {
	ev := &ecs.Event{}
	ev.Date("@timestamp", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ev.Keyword("event.kind", "event")
	set(ev)
	return ev
}

// enrichments returns the event's threat.enrichments after checking the
// document is valid ECS.
func enrichments(t *testing.T, ev *ecs.Event) []map[string]any {
	t.Helper()
	doc := ev.AppendJSON(nil)
	require.NoError(t, ecs.Validate(doc), "%s", doc)
	var m struct {
		Event  map[string]any `json:"event"`
		Threat struct {
			Enrichments []map[string]any `json:"enrichments"`
		} `json:"threat"`
	}
	require.NoError(t, json.Unmarshal(doc, &m))
	assert.Equal(t, "event", m.Event["kind"], "event.kind is left alone")
	return m.Threat.Enrichments
}

func testEnricher(t *testing.T, inds ...Indicator) *Enricher {
	t.Helper()
	return New(buildDB(t, inds...), Config{Reporter: &enrich.Reporter{}})
}

func TestEnrichWritesECSEnrichments(t *testing.T) {
	tor := mustIndicator(t, "203.0.113.7", "tor")
	tor.Description = "Tor exit node ABC"
	tor.Reference = "https://metrics.torproject.org/rs.html#details/ABC"
	tor.Confidence = ConfidenceHigh
	tor.FirstSeen = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tor.LastSeen = time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	e := testEnricher(t,
		tor,
		mustIndicator(t, "203.0.113.0/24", "list"),
		mustIndicator(t, "evil.example", "otx"),
		mustIndicator(t, "http://cdn.example/malware.exe", "stix"),
		mustIndicator(t, "http://[2001:db8::5]/x", "stix"),
	)
	ev := testEvent(func(ev *ecs.Event) {
		ev.IP("source.ip", netip.MustParseAddr("203.0.113.7"))
		ev.IP("destination.ip", netip.MustParseAddr("10.0.0.1"))
		ev.Keyword("url.domain", "A.B.Evil.Example.")
		ev.Keyword("dns.question.name", "cdn.example")
		ev.IP("client.ip", netip.MustParseAddr("2001:db8::5"))
	})
	e.Enrich("unknown-type", ev)
	got := enrichments(t, ev)
	want := []map[string]any{
		{
			"indicator": map[string]any{
				"type": "ipv4-addr", "provider": "tor", "name": "203.0.113.7", "ip": "203.0.113.7",
				"description": "Tor exit node ABC", "reference": "https://metrics.torproject.org/rs.html#details/ABC",
				"confidence": "High", "first_seen": "2024-01-02T03:04:05Z", "last_seen": "2024-01-03T00:00:00Z",
			},
			"matched": map[string]any{"atomic": "203.0.113.7", "field": "source.ip", "type": "indicator_match_rule"},
		},
		{
			"indicator": map[string]any{"type": "ipv4-addr", "provider": "list", "name": "203.0.113.0/24"},
			"matched":   map[string]any{"atomic": "203.0.113.7", "field": "source.ip", "type": "indicator_match_rule"},
		},
		{
			"indicator": map[string]any{"type": "ipv6-addr", "provider": "stix", "name": "http://[2001:db8::5]/x", "ip": "2001:db8::5",
				"url": map[string]any{"domain": "[2001:db8::5]", "full": "http://[2001:db8::5]/x"}},
			"matched": map[string]any{"atomic": "2001:db8::5", "field": "client.ip", "type": "indicator_match_rule"},
		},
		{
			"indicator": map[string]any{"type": "domain-name", "provider": "otx", "name": "evil.example", "url": map[string]any{"domain": "evil.example"}},
			"matched":   map[string]any{"atomic": "A.B.Evil.Example.", "field": "url.domain", "type": "indicator_match_rule"},
		},
		{
			"indicator": map[string]any{"type": "url", "provider": "stix", "name": "http://cdn.example/malware.exe",
				"url": map[string]any{"domain": "cdn.example", "full": "http://cdn.example/malware.exe"}},
			"matched": map[string]any{"atomic": "cdn.example", "field": "dns.question.name", "type": "indicator_match_rule"},
		},
	}
	// The URL indicator with an IPv6 host is of type url.
	want[2]["indicator"].(map[string]any)["type"] = "url"
	assert.Equal(t, want, got)
}

func TestEnrichFieldsByLogType(t *testing.T) {
	e := testEnricher(t, mustIndicator(t, "198.51.100.1", "p"), mustIndicator(t, "evil.example", "p"))
	fill := func(ev *ecs.Event) {
		ev.IP("source.ip", netip.MustParseAddr("192.0.2.1"))
		ev.IP("destination.ip", netip.MustParseAddr("198.51.100.1"))
		ev.Keyword("url.domain", "evil.example")
	}
	tests := []struct {
		logType string
		fields  []string
	}{
		{"cloudtrail", nil}, // source.ip only
		{"vpcflow", []string{"destination.ip"}},
		{"alb", []string{"url.domain"}},
		{"other", []string{"destination.ip", "url.domain"}},
	}
	for _, tt := range tests {
		t.Run(tt.logType, func(t *testing.T) {
			ev := testEvent(fill)
			e.Enrich(tt.logType, ev)
			var fields []string
			for _, m := range enrichments(t, ev) {
				fields = append(fields, m["matched"].(map[string]any)["field"].(string))
			}
			assert.Equal(t, tt.fields, fields)
		})
	}

	custom := New(e.DB(), Config{Fields: enrich.Fields{Default: []string{"related.ip", "url.original"}}})
	ev := testEvent(func(ev *ecs.Event) {
		ev.IPs("related.ip", netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.1"))
		ev.Keyword("url.original", "https://x.evil.example/login")
		ev.IP("destination.ip", netip.MustParseAddr("198.51.100.1"))
	})
	custom.Enrich("vpcflow", ev)
	got := enrichments(t, ev)
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"atomic": "198.51.100.1", "field": "related.ip", "type": MatchType}, got[0]["matched"])
	assert.Equal(t, map[string]any{"atomic": "https://x.evil.example/login", "field": "url.original", "type": MatchType}, got[1]["matched"])
}

func TestEnrichWithoutMatchLeavesEventAlone(t *testing.T) {
	e := testEnricher(t, mustIndicator(t, "198.51.100.1", "p"))
	ev := testEvent(func(ev *ecs.Event) {
		ev.IP("source.ip", netip.MustParseAddr("192.0.2.1"))
		ev.Keyword("url.domain", "good.example")
		ev.Long("destination.port", 443)
	})
	before := ev.AppendJSON(nil)
	e.Enrich("alb", ev)
	assert.Equal(t, string(before), string(ev.AppendJSON(nil)))
}

func TestEnrichAppendsToExistingEnrichments(t *testing.T) {
	e := testEnricher(t, mustIndicator(t, "198.51.100.1", "p"))
	ev := testEvent(func(ev *ecs.Event) {
		ev.RawJSON("threat.enrichments", []byte(`[{"indicator":{"provider":"upstream","type":"ipv4-addr"}}]`))
		ev.IP("source.ip", netip.MustParseAddr("198.51.100.1"))
	})
	e.Enrich("vpcflow", ev)
	got := enrichments(t, ev)
	require.Len(t, got, 2)
	assert.Equal(t, "upstream", got[0]["indicator"].(map[string]any)["provider"])
	assert.Equal(t, "p", got[1]["indicator"].(map[string]any)["provider"])
}

func TestEnrichCapsMatches(t *testing.T) {
	var inds []Indicator
	for bits := 8; bits <= 32; bits++ {
		for _, p := range []string{"a", "b"} {
			inds = append(inds, Indicator{Type: IPv4, Prefix: netip.PrefixFrom(netip.MustParseAddr("10.1.2.3"), bits).Masked(), Provider: p})
		}
	}
	rep := &enrich.Reporter{Logger: slog.New(slog.DiscardHandler)}
	e := New(buildDB(t, inds...), Config{Reporter: rep})
	ev := testEvent(func(ev *ecs.Event) { ev.IP("source.ip", netip.MustParseAddr("10.1.2.3")) })
	e.Enrich("vpcflow", ev)
	got := enrichments(t, ev)
	assert.Len(t, got, MaxEnrichments)
	assert.Equal(t, "10.1.2.3", got[0]["indicator"].(map[string]any)["name"], "the most specific come first")
	assert.Equal(t, map[string]int64{"ioc: more matches in one event than MaxEnrichments; the extra ones are not written": 1}, rep.Problems())
}

func TestEnrichEscapedAndOddValues(t *testing.T) {
	e := testEnricher(t, mustIndicator(t, "evil.example", "p"), mustIndicator(t, "192.0.2.1", "p"))
	ev := testEvent(func(ev *ecs.Event) {
		ev.Keyword("url.domain", "evil.example\"")             // escaped in JSON, not a match
		ev.Keyword("dns.question.name", "\u00e9.evil.example") // non-ASCII label
		ev.Keywords("destination.domain", "x", "y.evil.example")
	})
	e.Enrich("other", ev)
	got := enrichments(t, ev)
	require.Len(t, got, 2)
	assert.Equal(t, "y.evil.example", got[0]["matched"].(map[string]any)["atomic"])
	assert.Equal(t, "é.evil.example", got[1]["matched"].(map[string]any)["atomic"])
}

func TestJSONStrings(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
	}{
		{`"a"`, []string{"a"}},
		{`["a","b"]`, []string{"a", "b"}},
		{`[ "a" , 1, true, null, "b" ]`, []string{"a", "b"}},
		{`["a\"b","c\\d","\u0041"]`, []string{`a"b`, `c\d`, "A"}},
		{`[{"k":"v"},["x"],"top"]`, []string{"top"}},
		{`[]`, nil},
		{`42`, nil},
		{`{"a":"b"}`, nil},
		{`""`, []string{""}},
		{`["unterminated`, nil},
		{``, nil},
	}
	for _, tt := range tests {
		it := jsonStrings{raw: []byte(tt.raw)}
		var got []string
		for {
			v, ok := it.next()
			if !ok {
				break
			}
			got = append(got, string(v))
		}
		assert.Equal(t, tt.want, got, tt.raw)
	}
}

func TestOpenReloadsReplacedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ioc.db")
	require.NoError(t, os.WriteFile(path, buildBytes(t, mustIndicator(t, "192.0.2.1", "v1")), 0o644))
	rep := &enrich.Reporter{}
	e, err := Open(path, Config{Reporter: rep, ReloadInterval: -1})
	require.NoError(t, err)
	defer e.Close()
	lookup := func() []string { return names(e.DB().LookupIP(netip.MustParseAddr("192.0.2.1"))) }
	assert.Equal(t, []string{"v1:192.0.2.1"}, lookup())

	changed, err := e.Reload()
	require.NoError(t, err)
	assert.False(t, changed, "an unchanged file is not read again")

	// Replace by rename, as 'siem ioc build' and feed downloads do.
	tmp := filepath.Join(dir, "new.db")
	require.NoError(t, os.WriteFile(tmp, buildBytes(t, mustIndicator(t, "192.0.2.1", "v2")), 0o644))
	require.NoError(t, os.Rename(tmp, path))
	changed, err = e.Reload()
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, []string{"v2:192.0.2.1"}, lookup())

	// A damaged replacement is refused once, and the database in use kept.
	require.NoError(t, os.WriteFile(tmp, []byte("garbage"), 0o644))
	require.NoError(t, os.Rename(tmp, path))
	changed, err = e.Reload()
	assert.False(t, changed)
	assert.ErrorContains(t, err, "too short")
	assert.Equal(t, []string{"v2:192.0.2.1"}, lookup())
	changed, err = e.Reload()
	assert.False(t, changed)
	assert.NoError(t, err, "the same broken file is not tried again")

	// Removed: kept as well.
	require.NoError(t, os.Remove(path))
	_, err = e.Reload()
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Equal(t, []string{"v2:192.0.2.1"}, lookup())
}

func TestOpenFailsOnBadFile(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "missing.db"), Config{})
	assert.ErrorIs(t, err, os.ErrNotExist)
	path := filepath.Join(t.TempDir(), "bad.db")
	require.NoError(t, os.WriteFile(path, bytes.Repeat([]byte{1}, 100), 0o644))
	_, err = Open(path, Config{})
	assert.ErrorContains(t, err, "not an indicator database")
}

// TestReloadWhileEnriching swaps databases under concurrent Enrich calls;
// run with -race.
func TestReloadWhileEnriching(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ioc.db")
	versions := [][]byte{
		buildBytes(t, mustIndicator(t, "192.0.2.1", "v1")),
		buildBytes(t, mustIndicator(t, "192.0.2.1", "v2")),
	}
	require.NoError(t, os.WriteFile(path, versions[0], 0o644))
	e, err := Open(path, Config{Reporter: &enrich.Reporter{}, ReloadInterval: time.Millisecond})
	require.NoError(t, err)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				ev := testEvent(func(ev *ecs.Event) { ev.IP("source.ip", netip.MustParseAddr("192.0.2.1")) })
				e.Enrich("vpcflow", ev)
				raw, ok := ev.Lookup("threat.enrichments")
				if !ok || !(bytes.Contains(raw, []byte(`"v1"`)) || bytes.Contains(raw, []byte(`"v2"`))) {
					t.Errorf("enrichments = %s", raw)
					return
				}
			}
		})
	}
	for i := range 20 {
		tmp := filepath.Join(dir, "tmp.db")
		require.NoError(t, os.WriteFile(tmp, versions[(i+1)%2], 0o644))
		require.NoError(t, os.Rename(tmp, path))
		time.Sleep(3 * time.Millisecond)
	}
	// The watcher picks up the last version.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && names(e.DB().LookupIP(netip.MustParseAddr("192.0.2.1")))[0] != "v1:192.0.2.1" {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	require.NoError(t, e.Close())
	require.NoError(t, e.Close(), "Close twice is harmless")
	assert.Equal(t, []string{"v1:192.0.2.1"}, names(e.DB().LookupIP(netip.MustParseAddr("192.0.2.1"))))
}

func TestStage(t *testing.T) {
	assert.Equal(t, enrich.StageThreat, testEnricher(t).Stage())
}

// TestOutputFieldsAreECS checks every path the enricher can write
// against the ECS table, with the type the output gives it.
func TestOutputFieldsAreECS(t *testing.T) {
	for path, typ := range map[string]ecs.Type{
		"threat.enrichments":                       ecs.TypeNested,
		"threat.enrichments.indicator.type":        ecs.TypeKeyword,
		"threat.enrichments.indicator.provider":    ecs.TypeKeyword,
		"threat.enrichments.indicator.confidence":  ecs.TypeKeyword,
		"threat.enrichments.indicator.description": ecs.TypeKeyword,
		"threat.enrichments.indicator.reference":   ecs.TypeKeyword,
		"threat.enrichments.indicator.first_seen":  ecs.TypeDate,
		"threat.enrichments.indicator.last_seen":   ecs.TypeDate,
		"threat.enrichments.indicator.name":        ecs.TypeKeyword,
		"threat.enrichments.indicator.ip":          ecs.TypeIP,
		"threat.enrichments.indicator.url.domain":  ecs.TypeKeyword,
		"threat.enrichments.indicator.url.full":    ecs.TypeWildcard,
		"threat.enrichments.matched.atomic":        ecs.TypeKeyword,
		"threat.enrichments.matched.field":         ecs.TypeKeyword,
		"threat.enrichments.matched.type":          ecs.TypeKeyword,
	} {
		f, ok := ecs.Lookup(path)
		require.True(t, ok, path)
		assert.Equal(t, typ, f.Type, path)
	}
	for _, c := range []Confidence{ConfidenceNotSpecified, ConfidenceNone, ConfidenceLow, ConfidenceMedium, ConfidenceHigh} {
		assert.NotEmpty(t, c.String())
	}
}
