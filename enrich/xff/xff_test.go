package xff_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/xff"
)

func addrs(ss ...string) []netip.Addr {
	out := make([]netip.Addr, 0, len(ss))
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

func TestAppendChain(t *testing.T) {
	for _, tc := range []struct {
		name, header   string
		want           []netip.Addr
		unknown, bad   int
		firstMalformed string
	}{
		{"empty", "", nil, 0, 0, ""},
		{"only separators", " , ,\t,", nil, 0, 0, ""},
		{"one", "203.0.113.7", addrs("203.0.113.7"), 0, 0, ""},
		{"chain", "203.0.113.7, 10.0.0.1,10.0.0.2", addrs("203.0.113.7", "10.0.0.1", "10.0.0.2"), 0, 0, ""},
		{"blanks", " 203.0.113.7 ,\t198.51.100.1 ", addrs("203.0.113.7", "198.51.100.1"), 0, 0, ""},
		{"blanks only", "203.0.113.7 198.51.100.1", addrs("203.0.113.7", "198.51.100.1"), 0, 0, ""},
		{"IPv4 ports", "203.0.113.7:5678, 10.0.0.1:0, 10.0.0.2:65535", addrs("203.0.113.7", "10.0.0.1", "10.0.0.2"), 0, 0, ""},
		{"IPv6", "2001:db8::1, 2001:DB8:0:0:0:0:0:2", addrs("2001:db8::1", "2001:db8::2"), 0, 0, ""},
		{"IPv6 brackets", "[2001:db8::1]:443, [2001:db8::2]", addrs("2001:db8::1", "2001:db8::2"), 0, 0, ""},
		{"IPv4-mapped", "::ffff:192.0.2.1, [::ffff:192.0.2.2]:80", addrs("192.0.2.1", "192.0.2.2"), 0, 0, ""},
		{"zone dropped", "fe80::1%eth0", addrs("fe80::1"), 0, 0, ""},
		{"zone in brackets", "[fe80::1%eth0]:443, fe80::2%", addrs("fe80::1", "fe80::2"), 0, 0, ""},
		{"zone on IPv4", "192.0.2.1%eth0", nil, 0, 1, "192.0.2.1%eth0"},
		{"zone too long", "fe80::1%" + strings.Repeat("z", 71), nil, 0, 1, "fe80::1%" + strings.Repeat("z", 71)},
		{"quotes", `"203.0.113.7", "[2001:db8::1]:80"`, addrs("203.0.113.7", "2001:db8::1"), 0, 0, ""},
		{"RFC 7239 for=", `for=192.0.2.60, For="[2001:db8:cafe::17]:4711"`, addrs("192.0.2.60", "2001:db8:cafe::17"), 0, 0, ""},
		{"unknown", "unknown, 203.0.113.7, UNKNOWN", addrs("203.0.113.7"), 2, 0, ""},
		{"garbage", "garbage, 203.0.113.7, example.com, _hidden", addrs("203.0.113.7"), 0, 3, "garbage"},
		{"bad port", "1.2.3.4:99999, 1.2.3.4:, 1.2.3.4:8a, [2001:db8::1]:", nil, 0, 4, "1.2.3.4:99999"},
		{"leading zero", "01.2.3.4", nil, 0, 1, "01.2.3.4"},
		{"octet too big", "1.2.3.256", nil, 0, 1, "1.2.3.256"},
		{"unclosed bracket", "[2001:db8::1, 10.0.0.1", addrs("10.0.0.1"), 0, 1, "[2001:db8::1"},
		{"IPv4 in brackets", "[192.0.2.1]:80", addrs("192.0.2.1"), 0, 0, ""},
		{"bare for=", "for=, 10.0.0.1", addrs("10.0.0.1"), 0, 0, ""},
		{"zone only", "%eth0", nil, 0, 1, "%eth0"},
		{"too long for IPv6", strings.Repeat("a", 100), nil, 0, 1, strings.Repeat("a", 100)},
		{"control bytes", "1.2.3.4\x00, \xff\xfe", nil, 0, 2, "1.2.3.4\x00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, sk := xff.AppendChain(nil, []byte(tc.header))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.unknown, sk.Unknown, "unknown")
			assert.Equal(t, tc.bad, sk.Malformed, "malformed")
			assert.Equal(t, tc.firstMalformed, string(sk.FirstMalformed))
		})
	}
}

func TestAppendChainAllocations(t *testing.T) {
	header := []byte("203.0.113.7, 198.51.100.1:443, 10.0.0.1")
	dst := make([]netip.Addr, 0, 8)
	allocs := testing.AllocsPerRun(100, func() {
		dst, _ = xff.AppendChain(dst[:0], header)
	})
	assert.Zero(t, allocs)
	assert.Len(t, dst, 3)
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := xff.ParseTrustedProxies("10.0.0.0/8,192.168.1.5  2001:db8::/32\n10.1.2.3/16, ::ffff:172.16.0.0/108, ::ffff:172.16.0.9")
	require.NoError(t, err)
	want := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("192.168.1.5/32"),
		netip.MustParsePrefix("2001:db8::/32"),
		netip.MustParsePrefix("10.1.0.0/16"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("172.16.0.9/32"),
	}
	assert.Equal(t, want, got)

	got, err = xff.ParseTrustedProxies(" , ")
	require.NoError(t, err)
	assert.Empty(t, got)

	for _, bad := range []string{"10.0.0.0/33", "proxy.example.com", "10.0.0.0/8, 1.2.3", "10/8"} {
		_, err := xff.ParseTrustedProxies(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "10.0.0.0/8 or an address such as 192.168.1.5", bad)
	}
	_, err = xff.ParseTrustedProxies("10.0.0.0/8, nope")
	assert.ErrorContains(t, err, `"nope"`)
}

func TestNewErrors(t *testing.T) {
	_, err := xff.New(xff.Config{TrustedProxies: []netip.Prefix{{}}})
	assert.ErrorContains(t, err, "TrustedProxies[0]")
	_, err = xff.New(xff.Config{Fields: enrich.Fields{ByType: map[string][]string{"nginx": {"nginx..xff"}}}})
	assert.ErrorContains(t, err, `Fields.ByType["nginx"]: field "nginx..xff"`)
	_, err = xff.New(xff.Config{Fields: enrich.Fields{Default: []string{""}}})
	assert.ErrorContains(t, err, "Fields.Default")
}

const headerField = "example.x_forwarded_for"

func newEnricher(t testing.TB) (*xff.Enricher, *enrich.Reporter, *bytes.Buffer) {
	t.Helper()
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::/48, 198.51.100.7")
	require.NoError(t, err)
	var log bytes.Buffer
	rep := &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(&log, nil))}
	e, err := xff.New(xff.Config{
		TrustedProxies: proxies,
		Fields:         enrich.Fields{ByType: map[string][]string{"web": {headerField}}},
		Reporter:       rep,
	})
	require.NoError(t, err)
	return e, rep, &log
}

func TestClient(t *testing.T) {
	e, _, _ := newEnricher(t)
	none := netip.Addr{}
	for _, tc := range []struct {
		name  string
		peer  netip.Addr
		chain []netip.Addr
		want  string
	}{
		{"trusted peer", addrs("10.0.0.5")[0], addrs("203.0.113.7"), "203.0.113.7"},
		{"through trusted proxies", addrs("10.0.0.5")[0], addrs("203.0.113.7", "10.1.1.1", "198.51.100.7"), "203.0.113.7"},
		{"forged left part ignored", addrs("10.0.0.5")[0], addrs("192.0.2.66", "203.0.113.7", "10.1.1.1"), "203.0.113.7"},
		{"untrusted peer wins", addrs("203.0.113.99")[0], addrs("192.0.2.66"), "203.0.113.99"},
		{"all trusted", addrs("10.0.0.5")[0], addrs("10.1.1.1", "10.2.2.2"), "10.1.1.1"},
		{"no peer", none, addrs("192.0.2.66", "10.1.1.1"), "192.0.2.66"},
		{"no peer, untrusted last", none, addrs("192.0.2.66", "203.0.113.7"), "203.0.113.7"},
		{"IPv6", addrs("2001:db8:ffff::1")[0], addrs("2001:db8:1::5"), "2001:db8:1::5"},
		{"mapped peer", addrs("::ffff:10.0.0.5")[0], addrs("203.0.113.7"), "203.0.113.7"},
		{"single trusted address is exact", addrs("198.51.100.8")[0], addrs("203.0.113.7"), "198.51.100.8"},
		{"empty chain", addrs("10.0.0.5")[0], nil, "10.0.0.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, e.Client(tc.peer, tc.chain).String())
		})
	}
	assert.Equal(t, none, e.Client(none, nil))
}

func TestEnrich(t *testing.T) {
	ts := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		set  func(ev *ecs.Event)
		// want lists the fields after enrichment; nil means unchanged.
		want     map[string]any
		problems map[string]int64
	}{
		{
			name: "behind trusted proxies",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword(headerField, "192.0.2.66, 203.0.113.7:51234, 10.1.1.1")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7",
				"network.forwarded_ip": []any{"192.0.2.66", "203.0.113.7", "10.1.1.1"},
				"related.ip":           []any{"192.0.2.66", "203.0.113.7", "10.1.1.1", "10.0.0.5"},
			},
		},
		{
			name: "source.address follows",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword("source.address", "10.0.0.5")
				ev.Keyword(headerField, "203.0.113.7")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "source.address": "203.0.113.7", "client.ip": "203.0.113.7",
			},
		},
		{
			name: "the proxy's location goes with it",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword("source.geo.country_iso_code", "SE")
				ev.RawJSON("source.as", []byte(`{"number":64500}`))
				ev.Keyword(headerField, "203.0.113.7")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7", "source.geo": nil, "source.as": nil,
			},
		},
		{
			name: "an untrusted peer keeps its location",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("203.0.113.99"))
				ev.Keyword("source.geo.country_iso_code", "SE")
				ev.Keyword(headerField, "192.0.2.66")
			},
			want: map[string]any{
				"source.ip": "203.0.113.99", "source.geo.country_iso_code": "SE",
			},
		},
		{
			name: "source.address with a name stays",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword("source.address", "lb.internal")
				ev.Keyword(headerField, "203.0.113.7")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "source.address": "lb.internal", "client.ip": "203.0.113.7",
			},
		},
		{
			name: "untrusted peer keeps source.ip",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("203.0.113.99"))
				ev.Keyword(headerField, "192.0.2.66")
			},
			want: map[string]any{
				"source.ip": "203.0.113.99", "client.ip": "203.0.113.99",
				"network.forwarded_ip": []any{"192.0.2.66"},
				"related.ip":           []any{"192.0.2.66", "203.0.113.99"},
			},
		},
		{
			name: "IPv6 and existing related.ip",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("2001:db8:ffff::1"))
				ev.IPs("related.ip", netip.MustParseAddr("2001:db8:ffff::1"), netip.MustParseAddr("192.0.2.1"))
				ev.Keyword(headerField, "[2001:db8:1::5]:443")
			},
			want: map[string]any{
				"source.ip": "2001:db8:1::5", "client.ip": "2001:db8:1::5",
				"network.forwarded_ip": []any{"2001:db8:1::5"},
				"related.ip":           []any{"2001:db8:ffff::1", "192.0.2.1", "2001:db8:1::5"},
			},
		},
		{
			name: "no peer",
			set:  func(ev *ecs.Event) { ev.Keyword(headerField, "192.0.2.66, 10.1.1.1") },
			want: map[string]any{
				"source.ip": "192.0.2.66", "client.ip": "192.0.2.66",
				"network.forwarded_ip": []any{"192.0.2.66", "10.1.1.1"},
				"related.ip":           []any{"192.0.2.66", "10.1.1.1"},
			},
		},
		{
			name: "array of entries",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keywords(headerField, "203.0.113.7", "10.1.1.1, 10.2.2.2")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7",
				"network.forwarded_ip": []any{"203.0.113.7", "10.1.1.1", "10.2.2.2"},
				"related.ip":           []any{"203.0.113.7", "10.1.1.1", "10.2.2.2", "10.0.0.5"},
			},
		},
		{
			name: "escaped quotes",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword(headerField, `"203.0.113.7", "10.1.1.1"`)
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7",
				"network.forwarded_ip": []any{"203.0.113.7", "10.1.1.1"},
				"related.ip":           []any{"203.0.113.7", "10.1.1.1", "10.0.0.5"},
			},
		},
		{
			name: "garbage around a usable entry",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword(headerField, "unknown, evil.example, 203.0.113.7, also-bad")
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7",
				"network.forwarded_ip": []any{"203.0.113.7"},
				"related.ip":           []any{"203.0.113.7", "10.0.0.5"},
			},
			problems: map[string]int64{`xff: "unknown" entry skipped`: 1, "xff: malformed entry skipped": 1},
		},
		{
			name: "nothing usable",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword(headerField, "unknown, -")
			},
			problems: map[string]int64{`xff: "unknown" entry skipped`: 1, "xff: malformed entry skipped": 1},
		},
		{
			name: "no header",
			set:  func(ev *ecs.Event) { ev.IP("source.ip", netip.MustParseAddr("10.0.0.5")) },
		},
		{
			name: "wrong type",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Long(headerField, 42)
			},
			problems: map[string]int64{"xff: field holds neither a string nor an array of strings": 1},
		},
		{
			name: "array with a non-string",
			set: func(ev *ecs.Event) {
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.RawJSON(headerField, []byte(`[1, {"a":["x,]"]}, "203.0.113.7"]`))
			},
			want: map[string]any{
				"source.ip": "203.0.113.7", "client.ip": "203.0.113.7",
				"network.forwarded_ip": []any{"203.0.113.7"},
				"related.ip":           []any{"203.0.113.7", "10.0.0.5"},
			},
			problems: map[string]int64{"xff: field holds neither a string nor an array of strings": 1},
		},
		{
			name: "chain too long",
			set: func(ev *ecs.Event) {
				var parts []string
				for i := range 40 {
					parts = append(parts, netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}).String())
				}
				ev.Keyword(headerField, strings.Join(parts, ","))
			},
			want: map[string]any{
				"source.ip": "192.0.2.39", "client.ip": "192.0.2.39",
			},
			problems: map[string]int64{"xff: chain too long, left-most addresses dropped": 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, rep, _ := newEnricher(t)
			var ev ecs.Event
			ev.Date("@timestamp", ts)
			tc.set(&ev)
			before := string(ev.AppendJSON(nil))
			e.Enrich("web", &ev)
			doc := ev.AppendJSON(nil)
			require.NoError(t, ecs.Validate(doc, "example"), "%s", doc)
			if tc.want == nil {
				assert.Equal(t, before, string(doc))
			} else {
				var m map[string]any
				require.NoError(t, json.Unmarshal(doc, &m))
				for path, want := range tc.want {
					assert.Equal(t, want, get(m, path), path)
				}
			}
			if tc.problems == nil {
				assert.Empty(t, rep.Problems())
			} else {
				assert.Equal(t, tc.problems, rep.Problems())
			}
		})
	}
}

func TestChainTooLongKeepsRightMost(t *testing.T) {
	e, _, _ := newEnricher(t)
	var parts []string
	for i := range 40 {
		parts = append(parts, netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}).String())
	}
	var ev ecs.Event
	ev.Keyword(headerField, strings.Join(parts, ", "))
	e.Enrich("web", &ev)
	got := enrich.IPs(&ev, "network.forwarded_ip", nil)
	require.Len(t, got, xff.MaxChain)
	assert.Equal(t, "192.0.2.8", got[0].String())
	assert.Equal(t, "192.0.2.39", got[len(got)-1].String())
}

func TestOtherLogTypesUntouched(t *testing.T) {
	e, _, _ := newEnricher(t)
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
	ev.Keyword(headerField, "203.0.113.7")
	e.Enrich("cloudtrail", &ev)
	assert.Equal(t, `{"example":{"x_forwarded_for":"203.0.113.7"},"source":{"ip":"10.0.0.5"}}`, string(ev.AppendJSON(nil)))
	assert.Equal(t, enrich.StageClientIP, e.Stage())
}

func TestReportedOncePerKind(t *testing.T) {
	e, rep, log := newEnricher(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ev ecs.Event
			for range 50 {
				ev.Reset()
				ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
				ev.Keyword(headerField, "junk, 203.0.113.7, more-junk")
				e.Enrich("web", &ev)
				if got, _ := ev.LookupString("client.ip"); got != "203.0.113.7" {
					t.Errorf("client.ip = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, map[string]int64{"xff: malformed entry skipped": 400}, rep.Problems())
	assert.Equal(t, 1, strings.Count(log.String(), "enrichment problem"))
	assert.Contains(t, log.String(), `\"junk\" is not an address (2 such entries in one header)`)
}

// get walks a dotted path through decoded JSON objects.
func get(m map[string]any, path string) any {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[k]
	}
	return cur
}

// Without Fields, the built-in types' header fields are read.
func TestDefaultFields(t *testing.T) {
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8")
	require.NoError(t, err)
	e, err := xff.New(xff.Config{TrustedProxies: proxies})
	require.NoError(t, err)
	for logType, paths := range xff.DefaultFields().ByType {
		for _, path := range paths {
			var ev ecs.Event
			ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
			ev.Keyword(path, "203.0.113.7")
			e.Enrich(logType, &ev)
			got, _ := ev.Lookup("client.ip")
			assert.Equal(t, `"203.0.113.7"`, string(got), "%s %s", logType, path)
		}
	}
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
	ev.Keyword("aws.waf.request.x_forwarded_for", "203.0.113.7")
	e.Enrich("cloudtrail", &ev)
	assert.False(t, ev.Has("client.ip"), "a type without the header is left alone")
}
