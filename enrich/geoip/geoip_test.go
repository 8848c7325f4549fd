package geoip_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oschwald/geoip2-golang/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
)

func quietReporter() (*enrich.Reporter, *bytes.Buffer) {
	var buf bytes.Buffer
	return &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(&buf, nil))}, &buf
}

func open(t *testing.T, cfg geoip.Config) *geoip.Enricher {
	t.Helper()
	if cfg.Reporter == nil {
		cfg.Reporter, _ = quietReporter()
	}
	g, err := geoip.Open(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { g.Close() })
	return g
}

// enrichOne enriches an event holding the given addresses and returns the
// document decoded, after checking it against ECS.
func enrichOne(t *testing.T, g *geoip.Enricher, logType string, addrs map[string]string) map[string]any {
	t.Helper()
	var ev ecs.Event
	ev.Date("@timestamp", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	for path, a := range addrs {
		ev.IP(path, netip.MustParseAddr(a))
	}
	g.Enrich(logType, &ev)
	doc := ev.AppendJSON(nil)
	require.NoError(t, ecs.Validate(doc), "%s", doc)
	var m map[string]any
	require.NoError(t, json.Unmarshal(doc, &m))
	delete(m, "@timestamp")
	return m
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

func TestEnrichTinyDatabases(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})

	doc := enrichOne(t, g, "vpcflow", map[string]string{"source.ip": "2.16.3.4", "destination.ip": "2001:67c::1"})
	wantSource := map[string]any{
		"ip": "2.16.3.4",
		"geo": map[string]any{
			"city_name": "Paris", "continent_code": "EU", "continent_name": "Europe",
			"country_iso_code": "FR", "country_name": "France",
			"location":    map[string]any{"lat": 48.8566, "lon": 2.3522},
			"postal_code": "75001", "region_iso_code": "FR-IDF", "region_name": "Île-de-France",
			"timezone": "Europe/Paris",
		},
		"as": map[string]any{"number": 64500.0, "organization": map[string]any{"name": "Example Transit B.V."}},
	}
	assert.Equal(t, wantSource, doc["source"])
	// IPv6, a record without city or subdivision, an organization name
	// that needs escaping.
	wantDest := map[string]any{
		"ip": "2001:67c::1",
		"geo": map[string]any{
			"continent_code": "EU", "continent_name": "Europe", "country_iso_code": "DE", "country_name": "Germany",
			"location": map[string]any{"lat": 51.0, "lon": 9.0}, "timezone": "Europe/Berlin",
		},
		"as": map[string]any{"number": 64501.0, "organization": map[string]any{"name": `Quote "and" backslash \ Net`}},
	}
	assert.Equal(t, wantDest, doc["destination"])

	// A number without an organization; no city data for the address.
	doc = enrichOne(t, g, "vpcflow", map[string]string{"source.ip": "5.5.5.5"})
	assert.Equal(t, map[string]any{"ip": "5.5.5.5", "as": map[string]any{"number": 64502.0}}, doc["source"])

	// IPv4-mapped IPv6 is looked up as IPv4 (ecs writes it unmapped).
	doc = enrichOne(t, g, "vpcflow", map[string]string{"source.ip": "::ffff:2.16.3.4"})
	assert.Equal(t, "Paris", get(doc, "source.geo.city_name"))
}

// A log type's own location (WAF's country, GuardDuty's city) is
// replaced by the databases' objects where they place the address, and
// kept where they do not, as Elastic's geoip processor does; the event
// stays valid either way.
func TestDatabasesReplaceALogTypesOwnLocation(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	for _, tc := range []struct {
		addr        string
		wantCountry string
		wantAS      any
	}{
		{"2.16.3.4", "FR", 64500.0},
		{"192.0.2.7", "XX", 65000.0}, // documentation range: not looked up
	} {
		var ev ecs.Event
		ev.Date("@timestamp", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
		ev.IP("source.ip", netip.MustParseAddr(tc.addr))
		ev.Keyword("source.geo.country_iso_code", "XX")
		ev.Keyword("source.geo.city_name", "Log City")
		ev.Long("source.as.number", 65000)
		g.Enrich("waf", &ev)
		require.NoError(t, ev.Err(), tc.addr)
		doc := ev.AppendJSON(nil)
		require.NoError(t, ecs.Validate(doc), "%s", doc)
		var m map[string]any
		require.NoError(t, json.Unmarshal(doc, &m))
		assert.Equal(t, tc.wantCountry, get(m, "source.geo.country_iso_code"), tc.addr)
		assert.Equal(t, tc.wantAS, get(m, "source.as.number"), tc.addr)
		if tc.wantCountry == "FR" {
			assert.Equal(t, "Paris", get(m, "source.geo.city_name"), "nothing of the log's location is mixed in")
		}
	}
}

func TestFieldsPerLogType(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	addrs := map[string]string{"source.ip": "2.16.3.4", "destination.ip": "2.16.3.5", "client.ip": "2.16.3.6", "server.ip": "2.16.3.7"}

	has := func(doc map[string]any) []string {
		var out []string
		for _, p := range []string{"source", "destination", "client", "server"} {
			if get(doc, p+".geo") != nil {
				out = append(out, p)
			}
		}
		return out
	}
	assert.Equal(t, []string{"source"}, has(enrichOne(t, g, "cloudtrail", addrs)))
	assert.Equal(t, []string{"source", "destination"}, has(enrichOne(t, g, "vpcflow", addrs)))
	assert.Equal(t, []string{"source", "destination", "client"}, has(enrichOne(t, g, "alb", addrs)))
	assert.Equal(t, []string{"source", "destination", "client", "server"}, has(enrichOne(t, g, "some-other-type", addrs)))

	// host.ip: ECS has host.geo but no host.as.
	g = open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1, Fields: enrich.Fields{Default: []string{"host.ip"}}})
	var ev ecs.Event
	ev.Date("@timestamp", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	ev.IPs("host.ip", netip.MustParseAddr("2.16.3.4"))
	g.Enrich("x", &ev)
	require.NoError(t, ecs.Validate(ev.AppendJSON(nil)))
	geo, _ := ev.Lookup("host.geo")
	assert.Contains(t, string(geo), `"city_name":"Paris"`)
	assert.False(t, ev.Has("host.as"))
}

func TestNonPublicAddressesAreNotLookedUp(t *testing.T) {
	city, asn := testDBs(t)
	// The tiny databases do hold records for these ranges; a lookup
	// would find them.
	direct, err := geoip2.Open(city)
	require.NoError(t, err)
	defer direct.Close()
	rec, err := direct.City(netip.MustParseAddr("10.1.2.3"))
	require.NoError(t, err)
	require.Equal(t, "XX", rec.Country.ISOCode)

	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	for _, a := range []string{
		"10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0", "0.1.2.3",
		"224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "100.64.1.1", "100.127.255.254",
		"192.0.2.10", "198.51.100.1", "203.0.113.5", "198.18.0.1", "192.0.0.8",
		"::1", "::", "fe80::1", "fd00::1", "fc00::1", "ff02::1", "2001:db8::1", "2001:db8:ffff::1", "::ffff:10.0.0.1", "100::1",
	} {
		for range 2 { // the second time through the cache
			doc := enrichOne(t, g, "vpcflow", map[string]string{"source.ip": a})
			assert.Equal(t, map[string]any{"ip": netip.MustParseAddr(a).Unmap().String()}, doc["source"], a)
		}
	}
}

func TestArrayFieldsAreSkipped(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	var ev ecs.Event
	ev.IPs("source.ip", netip.MustParseAddr("2.16.3.4"), netip.MustParseAddr("2.16.3.5"))
	ev.Keyword("destination.ip", "not an address")
	g.Enrich("vpcflow", &ev)
	assert.Equal(t, `{"destination":{"ip":"not an address"},"source":{"ip":["2.16.3.4","2.16.3.5"]}}`, string(ev.AppendJSON(nil)))
	assert.Equal(t, int64(1), g.Reporter().Problems()["geoip: field value is not an IP address"])
}

// TestZonedAddresses pins what netip.ParseAddr accepts and this package
// always has: a zone on an IPv6 address is ignored for the lookup; an
// empty zone or a zone on IPv4 makes the value not an address.
func TestZonedAddresses(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	var ev ecs.Event
	ev.Keyword("source.ip", "2001:67c::1%eth0")
	ev.Keyword("destination.ip", "2001:67c::1%")
	ev.Keyword("client.ip", "2.16.3.4%eth0")
	g.Enrich("alb", &ev)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(ev.AppendJSON(nil), &doc))
	assert.Equal(t, "DE", get(doc, "source.geo.country_iso_code"))
	assert.Nil(t, get(doc, "destination.geo"))
	assert.Nil(t, get(doc, "client.geo"))
	assert.Equal(t, int64(2), g.Reporter().Problems()["geoip: field value is not an IP address"])
}

func TestOpenErrors(t *testing.T) {
	city, asn := testDBs(t)
	garbage := filepath.Join(t.TempDir(), "garbage.mmdb")
	require.NoError(t, os.WriteFile(garbage, []byte("this is not a database"), 0o644))
	missing := filepath.Join(t.TempDir(), "GeoLite2-City.mmdb")

	for _, tc := range []struct {
		name string
		cfg  geoip.Config
		want []string
	}{
		{"no database", geoip.Config{}, []string{"no database", "CityPath", "ASNPath"}},
		{"missing file", geoip.Config{CityPath: missing}, []string{"City database", missing, "no such file", "Config.CityPath", "leave it empty"}},
		{"not a database", geoip.Config{ASNPath: garbage}, []string{"opening ASN database", garbage, "MaxMind DB"}},
		{"ASN as city", geoip.Config{CityPath: asn}, []string{asn, `type "GeoLite2-ASN"`, "City or Country"}},
		{"city as ASN", geoip.Config{ASNPath: city}, []string{city, `type "GeoIP2-City"`, "an ASN database"}},
		{"field without ip", geoip.Config{CityPath: city, Fields: enrich.Fields{Default: []string{"source.address"}}}, []string{`"source.address"`, `".ip"`}},
		{"field without geo", geoip.Config{CityPath: city, Fields: enrich.Fields{ByType: map[string][]string{"t": {"related.ip"}}}}, []string{"related.geo", `"related.ip"`, `log type "t"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := geoip.Open(tc.cfg)
			require.Error(t, err)
			assert.Nil(t, g)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestCountryDatabaseAsCityPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "country.mmdb")
	replaceFile(t, path, buildDB(t, "GeoLite2-Country", cityRecords(false)))
	g := open(t, geoip.Config{CityPath: path, CheckInterval: -1})
	doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "2.16.3.4"})
	assert.Equal(t, "FR", get(doc, "source.geo.country_iso_code"))
	assert.Nil(t, get(doc, "source.as"))
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func cityOf(t *testing.T, g *geoip.Enricher, addr string) any {
	return get(enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": addr}), "source.geo.city_name")
}

func TestReplacedDatabaseIsPickedUp(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: 10 * time.Millisecond})
	require.Equal(t, "Paris", cityOf(t, g, "2.16.3.4")) // now cached

	replaceFile(t, city, cityDB(t, true))
	waitFor(t, "the new City database", func() bool { return cityOf(t, g, "2.16.3.4") == "Lyon" })

	replaceFile(t, asn, asnDB(t, true))
	waitFor(t, "the new ASN database", func() bool {
		doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "2.16.3.4"})
		return get(doc, "source.as.organization.name") == "Example Transit (renamed)"
	})
	assert.Equal(t, "Lyon", cityOf(t, g, "2.16.3.4"))
	assert.Empty(t, g.Reporter().Problems())
}

func TestCorruptReplacementKeepsOldDatabase(t *testing.T) {
	city, asn := testDBs(t)
	rep, logged := quietReporter()
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1, Reporter: rep})
	require.NoError(t, g.Check()) // nothing changed

	good := cityDB(t, true)
	replaceFile(t, city, good[:len(good)/2]) // truncated: no metadata
	err := g.Check()
	require.Error(t, err)
	assert.Contains(t, err.Error(), city)
	assert.Contains(t, err.Error(), "still using the database opened before")
	assert.Equal(t, "Paris", cityOf(t, g, "2.16.3.4"))

	// The same broken file is not tried (nor reported) again.
	require.NoError(t, g.Check())
	assert.Equal(t, map[string]int64{"geoip: database replacement unusable": 1}, rep.Problems())
	assert.Equal(t, 1, strings.Count(logged.String(), "enrichment problem"))

	// A database of the wrong kind is refused the same way.
	replaceFile(t, city, asnDB(t, false))
	require.ErrorContains(t, g.Check(), `type "GeoLite2-ASN"`)
	assert.Equal(t, "Paris", cityOf(t, g, "2.16.3.4"))

	// So is one that opens but holds a broken record.
	replaceFile(t, city, corruptRecord(t))
	require.ErrorContains(t, g.Check(), "is corrupt")
	assert.Equal(t, "Paris", cityOf(t, g, "2.16.3.4"))

	// A vanished file is reported at every check and the data stays.
	require.NoError(t, os.Remove(city))
	require.ErrorContains(t, g.Check(), "no such file")
	assert.Equal(t, "Paris", cityOf(t, g, "2.16.3.4"))

	// A good file fixes it.
	replaceFile(t, city, good)
	require.NoError(t, g.Check())
	assert.Equal(t, "Lyon", cityOf(t, g, "2.16.3.4"))
	assert.Equal(t, map[string]int64{"geoip: database replacement unusable": 3, "geoip: database file unreadable": 1}, rep.Problems())
}

// corruptRecord returns a City database whose record for 2.16.0.0/16
// cannot be decoded although the file opens.
func corruptRecord(t *testing.T) []byte {
	db := cityDB(t, false)
	// The record's strings are stored once; point the control byte of
	// "Europe/Paris" at a pointer far past the end of the data section.
	i := bytes.Index(db, []byte("Europe/Paris"))
	require.Positive(t, i)
	require.Equal(t, byte(0x40|len("Europe/Paris")), db[i-1], "string control byte")
	db[i-1] = 0x3f // pointer, 4-byte form
	copy(db[i:], []byte{0xff, 0xff, 0xff, 0xff})
	return db
}

func TestLookupErrorsAreReportedAndTheEventGoesOn(t *testing.T) {
	dir := t.TempDir()
	city, asn := filepath.Join(dir, "city.mmdb"), filepath.Join(dir, "asn.mmdb")
	replaceFile(t, city, corruptRecord(t))
	replaceFile(t, asn, asnDB(t, false))
	rep, _ := quietReporter()
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1, Reporter: rep})

	for range 3 {
		doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "2.16.3.4"})
		assert.Nil(t, get(doc, "source.geo"))
		assert.Equal(t, 64500.0, get(doc, "source.as.number"))
	}
	// Failures are not cached as "no data": each try is counted.
	assert.Equal(t, map[string]int64{"geoip: City lookup failed": 3}, rep.Problems())
	// Other records of the database still work.
	assert.Equal(t, "DE", get(enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "2001:67c::2"}), "source.geo.country_iso_code"))
}

func TestConcurrentEnrichAcrossReplacements(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: time.Millisecond, CacheSize: 64})
	dbs := [][]byte{cityDB(t, false), cityDB(t, true)}
	addrs := []string{"2.16.3.4", "2.16.200.1", "2001:67c::9", "10.0.0.1", "5.5.5.5", "8.8.8.8"}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ev ecs.Event
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ev.Reset()
				ev.IP("source.ip", netip.MustParseAddr(addrs[(i+w)%len(addrs)]))
				ev.IP("destination.ip", netip.MustParseAddr(addrs[(i+w+1)%len(addrs)]))
				g.Enrich("vpcflow", &ev)
				if raw, ok := ev.Lookup("source.geo"); ok {
					var geo struct {
						City string `json:"city_name"`
					}
					if err := json.Unmarshal(raw, &geo); err != nil {
						t.Errorf("bad geo JSON %s: %v", raw, err)
						return
					}
					mu.Lock()
					seen[geo.City] = true
					mu.Unlock()
				}
			}
		}()
	}
	for i := range 20 {
		replaceFile(t, city, dbs[i%2])
		time.Sleep(3 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	assert.True(t, seen["Paris"], "saw %v", seen)
	assert.Empty(t, g.Reporter().Problems())
}

func TestCloseStopsEnrichment(t *testing.T) {
	city, asn := testDBs(t)
	g, err := geoip.Open(geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, g.Close())
	require.NoError(t, g.Close())
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("2.16.3.4"))
	g.Enrich("cloudtrail", &ev)
	assert.Equal(t, `{"source":{"ip":"2.16.3.4"}}`, string(ev.AppendJSON(nil)))
	assert.Error(t, g.Check())
}

func TestStage(t *testing.T) {
	city, _ := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, CheckInterval: -1})
	assert.Equal(t, enrich.StageGeo, g.Stage())
}
