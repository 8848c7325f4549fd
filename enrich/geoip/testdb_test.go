package geoip_test

import (
	"bytes"
	"flag"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// updating reports whether -update was given. siemtest, imported by this
// test binary, defines the flag; it is defined here only if it is not.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// The tiny databases below follow the record layout of GeoIP2-City and
// GeoLite2-ASN. They also hold records for private and documentation
// ranges, which real databases lack, so that a test can tell "not looked
// up" from "not found".

func names(en string) mmdbtype.Map {
	return mmdbtype.Map{"en": mmdbtype.String(en), "de": mmdbtype.String(en + " (de)")}
}

type place struct {
	city, country, countryName, continent, continentName string
	subdivisions                                         [][2]string // iso code, name
	lat, lon                                             float64
	hasLocation                                          bool
	timezone, postal                                     string
}

func (p place) record() mmdbtype.Map {
	m := mmdbtype.Map{
		"continent": mmdbtype.Map{"code": mmdbtype.String(p.continent), "geoname_id": mmdbtype.Uint32(6255148), "names": names(p.continentName)},
		"country":   mmdbtype.Map{"iso_code": mmdbtype.String(p.country), "geoname_id": mmdbtype.Uint32(3017382), "names": names(p.countryName)},
		"registered_country": mmdbtype.Map{
			"iso_code": mmdbtype.String(p.country), "geoname_id": mmdbtype.Uint32(3017382), "names": names(p.countryName),
		},
	}
	if p.city != "" {
		m["city"] = mmdbtype.Map{"geoname_id": mmdbtype.Uint32(2988507), "names": names(p.city)}
	}
	loc := mmdbtype.Map{"accuracy_radius": mmdbtype.Uint16(50)}
	if p.hasLocation {
		loc["latitude"] = mmdbtype.Float64(p.lat)
		loc["longitude"] = mmdbtype.Float64(p.lon)
	}
	if p.timezone != "" {
		loc["time_zone"] = mmdbtype.String(p.timezone)
	}
	m["location"] = loc
	if p.postal != "" {
		m["postal"] = mmdbtype.Map{"code": mmdbtype.String(p.postal)}
	}
	if len(p.subdivisions) > 0 {
		var subs mmdbtype.Slice
		for _, s := range p.subdivisions {
			subs = append(subs, mmdbtype.Map{"iso_code": mmdbtype.String(s[0]), "geoname_id": mmdbtype.Uint32(3012874), "names": names(s[1])})
		}
		m["subdivisions"] = subs
	}
	return m
}

var (
	paris = place{
		city: "Paris", country: "FR", countryName: "France", continent: "EU", continentName: "Europe",
		subdivisions: [][2]string{{"IDF", "Île-de-France"}, {"75", "Paris"}},
		lat:          48.8566, lon: 2.3522, hasLocation: true, timezone: "Europe/Paris", postal: "75001",
	}
	lyon = place{
		city: "Lyon", country: "FR", countryName: "France", continent: "EU", continentName: "Europe",
		subdivisions: [][2]string{{"ARA", "Auvergne-Rhône-Alpes"}},
		lat:          45.764, lon: 4.8357, hasLocation: true, timezone: "Europe/Paris", postal: "69001",
	}
	germany = place{
		country: "DE", countryName: "Germany", continent: "EU", continentName: "Europe",
		lat: 51, lon: 9, hasLocation: true, timezone: "Europe/Berlin",
	}
	nowhere = place{country: "XX", countryName: "Nowhere", continent: "XX", continentName: "Nowhere", lat: 1, lon: 1, hasLocation: true}
)

// nonPublicNetworks carry records that must never be reported.
var nonPublicNetworks = []string{"10.0.0.0/8", "100.64.0.0/10", "192.0.2.0/24", "203.0.113.0/24", "2001:db8::/32", "fd00::/8"}

func cityRecords(v2 bool) map[string]mmdbtype.Map {
	recs := map[string]mmdbtype.Map{
		"2.16.0.0/16":   paris.record(),
		"2001:67c::/32": germany.record(),
	}
	if v2 {
		recs["2.16.0.0/16"] = lyon.record()
	}
	for _, n := range nonPublicNetworks {
		recs[n] = nowhere.record()
	}
	return recs
}

func asnRecords(v2 bool) map[string]mmdbtype.Map {
	org := "Example Transit B.V."
	if v2 {
		org = "Example Transit (renamed)"
	}
	recs := map[string]mmdbtype.Map{
		"2.16.0.0/16":   {"autonomous_system_number": mmdbtype.Uint32(64500), "autonomous_system_organization": mmdbtype.String(org)},
		"2001:67c::/32": {"autonomous_system_number": mmdbtype.Uint32(64501), "autonomous_system_organization": mmdbtype.String(`Quote "and" backslash \ Net`)},
		// A number without an organization, as real databases have.
		"5.5.0.0/16": {"autonomous_system_number": mmdbtype.Uint32(64502)},
	}
	for _, n := range nonPublicNetworks {
		recs[n] = mmdbtype.Map{"autonomous_system_number": mmdbtype.Uint32(64999), "autonomous_system_organization": mmdbtype.String("Must Not Appear")}
	}
	return recs
}

// buildDB encodes records as a MaxMind DB of the given type.
func buildDB(tb testing.TB, dbType string, records map[string]mmdbtype.Map) []byte {
	tb.Helper()
	w, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            dbType,
		Description:             map[string]string{"en": "siem geoip test data"},
		BuildEpoch:              1_700_000_000,
		IncludeReservedNetworks: true,
		Languages:               []string{"de", "en"},
		RecordSize:              24,
	})
	if err != nil {
		tb.Fatal(err)
	}
	// Sorted, so that the file is the same from run to run.
	for _, cidr := range slices.Sorted(maps.Keys(records)) {
		rec := records[cidr]
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			tb.Fatal(err)
		}
		if err := w.Insert(n, rec); err != nil {
			tb.Fatalf("insert %s: %v", cidr, err)
		}
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func cityDB(tb testing.TB, v2 bool) []byte {
	return buildDB(tb, "GeoIP2-City", cityRecords(v2))
}

func asnDB(tb testing.TB, v2 bool) []byte {
	return buildDB(tb, "GeoLite2-ASN", asnRecords(v2))
}

// replaceFile writes data next to path and renames it over path, the way
// a database update should land.
func replaceFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.mmdb")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := tmp.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		tb.Fatal(err)
	}
}

// testDBs writes the version-1 databases into a fresh directory.
func testDBs(tb testing.TB) (city, asn string) {
	tb.Helper()
	dir := tb.TempDir()
	city, asn = filepath.Join(dir, "city.mmdb"), filepath.Join(dir, "asn.mmdb")
	replaceFile(tb, city, cityDB(tb, false))
	replaceFile(tb, asn, asnDB(tb, false))
	return city, asn
}

// TestTestdataDatabases keeps testdata/*.mmdb, which the examples read,
// equal to what the records above encode.
func TestTestdataDatabases(t *testing.T) {
	for name, data := range map[string][]byte{
		"testdata/city.mmdb": cityDB(t, false),
		"testdata/asn.mmdb":  asnDB(t, false),
	} {
		if updating() {
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v; run go test -run TestTestdataDatabases -update", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from the records in testdb_test.go; run go test -run TestTestdataDatabases -update", name)
		}
	}
}
