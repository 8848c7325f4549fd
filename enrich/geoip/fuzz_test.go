package geoip_test

import (
	"encoding/json"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich/geoip"
)

// FuzzEnrich feeds arbitrary JSON values as source.ip: whatever a log
// type put there, enrichment must neither panic nor break the document.
func FuzzEnrich(f *testing.F) {
	for _, s := range []string{`"2.16.3.4"`, `["2.16.3.4"]`, `["2.16.3.4","2.16.3.5"]`, `"2001:67c::1"`, `"::ffff:2.16.3.4"`, `"fe80::1%eth0"`, `"not an ip"`, `42`, `[]`, `"\""`, `"1.2.3.04"`} {
		f.Add(s)
	}
	city, asn := testDBs(f)
	g, err := geoip.Open(geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1, CacheSize: 16})
	if err != nil {
		f.Fatal(err)
	}
	defer g.Close()
	f.Fuzz(func(t *testing.T, value string) {
		if !json.Valid([]byte(value)) {
			return
		}
		var ev ecs.Event
		ev.RawJSON("source.ip", []byte(value))
		g.Enrich("cloudtrail", &ev)
		doc := ev.AppendJSON(nil)
		if !json.Valid(doc) {
			t.Fatalf("invalid document %s", doc)
		}
		if raw, ok := ev.Lookup("source.geo"); ok {
			if err := ecs.Validate([]byte(`{"@timestamp":"2024-01-01T00:00:00Z","source":{"geo":` + string(raw) + `}}`)); err != nil {
				t.Fatalf("geo for %s: %v", value, err)
			}
		}
	})
}
