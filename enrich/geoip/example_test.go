package geoip_test

import (
	"fmt"
	"log"
	"net/netip"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
)

// Open the databases once and put the enricher in the pipeline's chain
// (siem.Options.Enrichers); it enriches each event in place. The
// databases here are tiny ones made for the tests.
func Example() {
	g, err := geoip.Open(geoip.Config{
		CityPath: "testdata/city.mmdb",
		ASNPath:  "testdata/asn.mmdb",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	chain := enrich.Chain(g)

	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("2.16.20.1"))
	ev.IP("destination.ip", netip.MustParseAddr("10.0.0.5")) // private: left alone
	for _, e := range chain {
		e.Enrich("vpcflow", &ev)
	}
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"destination":{"ip":"10.0.0.5"},"source":{"as":{"number":64500,"organization":{"name":"Example Transit B.V."}},"geo":{"city_name":"Paris","continent_code":"EU","continent_name":"Europe","country_iso_code":"FR","country_name":"France","location":{"lat":48.8566,"lon":2.3522},"postal_code":"75001","region_iso_code":"FR-IDF","region_name":"Île-de-France","timezone":"Europe/Paris"},"ip":"2.16.20.1"}}
}
