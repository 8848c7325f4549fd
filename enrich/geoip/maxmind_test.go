package geoip_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/internal/shared"
)

// TestMaxMindTestDatabases checks the values listed in
// ../shared/geoip/README.md for MaxMind's published test databases.
func TestMaxMindTestDatabases(t *testing.T) {
	dir := shared.Dir(t, "geoip")
	asn := filepath.Join(dir, "GeoLite2-ASN-Test.mmdb")

	type want struct {
		country, city, region, continent string
		lat, lon                         float64
		timezone                         string
	}
	cities := map[string]want{
		"81.2.69.142":   {"GB", "London", "GB-ENG", "EU", 51.5142, -0.0931, "Europe/London"},
		"89.160.20.128": {"SE", "Linköping", "SE-E", "EU", 58.4167, 15.6167, "Europe/Stockholm"},
		"216.160.83.56": {"US", "Milton", "US-WA", "NA", 47.2513, -122.3149, "America/Los_Angeles"},
		"2001:218::1":   {"JP", "", "", "AS", 35.68536, 139.75309, "Asia/Tokyo"},
		"67.43.156.0":   {"BT", "", "", "AS", 27.5, 90.5, "Asia/Thimphu"},
	}
	for _, db := range []string{"GeoIP2-City-Test.mmdb", "GeoLite2-City-Test.mmdb"} {
		t.Run(db, func(t *testing.T) {
			g := open(t, geoip.Config{CityPath: filepath.Join(dir, db), ASNPath: asn, CheckInterval: -1})
			for ip, w := range cities {
				doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": ip})
				assert.Equal(t, w.country, get(doc, "source.geo.country_iso_code"), ip)
				assert.Equal(t, w.continent, get(doc, "source.geo.continent_code"), ip)
				assert.Equal(t, map[string]any{"lat": w.lat, "lon": w.lon}, get(doc, "source.geo.location"), ip)
				assert.Equal(t, w.timezone, get(doc, "source.geo.timezone"), ip)
				if w.city == "" {
					assert.Nil(t, get(doc, "source.geo.city_name"), ip)
					assert.Nil(t, get(doc, "source.geo.region_iso_code"), ip)
				} else {
					assert.Equal(t, w.city, get(doc, "source.geo.city_name"), ip)
					assert.Equal(t, w.region, get(doc, "source.geo.region_iso_code"), ip)
				}
			}
			// Names, as Elastic's expected documents show them for the
			// same databases.
			doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "81.2.69.142"})
			assert.Equal(t, "United Kingdom", get(doc, "source.geo.country_name"))
			assert.Equal(t, "Europe", get(doc, "source.geo.continent_name"))
			assert.Equal(t, "England", get(doc, "source.geo.region_name"))
		})
	}

	t.Run("ASN", func(t *testing.T) {
		g := open(t, geoip.Config{ASNPath: asn, CheckInterval: -1})
		for ip, w := range map[string]map[string]any{
			"1.0.0.1":       {"number": 15169.0, "organization": map[string]any{"name": "Google Inc."}},
			"89.160.20.128": {"number": 29518.0, "organization": map[string]any{"name": "Bredband2 AB"}},
			"12.81.92.1":    {"number": 7018.0, "organization": map[string]any{"name": "AT&T Services"}},
			"216.160.83.56": {"number": 209.0},
			"2600:7000::1":  {"number": 6939.0, "organization": map[string]any{"name": "Hurricane Electric, Inc."}},
		} {
			doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": ip})
			assert.Equal(t, w, get(doc, "source.as"), ip)
			assert.Nil(t, get(doc, "source.geo"), ip)
		}
		// Not in the database.
		doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "81.2.69.142"})
		assert.Equal(t, map[string]any{"ip": "81.2.69.142"}, doc["source"])
	})

	t.Run("replacement verified", func(t *testing.T) {
		city, asnPath := testDBs(t)
		g := open(t, geoip.Config{CityPath: city, ASNPath: asnPath, CheckInterval: -1})
		for path, name := range map[string]string{city: "GeoIP2-City-Test.mmdb", asnPath: "GeoLite2-ASN-Test.mmdb"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			replaceFile(t, path, data)
		}
		require.NoError(t, g.Check())
		doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "89.160.20.128"})
		assert.Equal(t, "Linköping", get(doc, "source.geo.city_name"))
		assert.Equal(t, 29518.0, get(doc, "source.as.number"))
	})

	t.Run("Country", func(t *testing.T) {
		g := open(t, geoip.Config{CityPath: filepath.Join(dir, "GeoIP2-Country-Test.mmdb"), CheckInterval: -1})
		doc := enrichOne(t, g, "cloudtrail", map[string]string{"source.ip": "81.2.69.142"})
		assert.Equal(t, map[string]any{"continent_code": "EU", "continent_name": "Europe", "country_iso_code": "GB", "country_name": "United Kingdom"}, get(doc, "source.geo"))
	})
}
