package geoip_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich/geoip"
)

// BenchmarkEnrich measures one event with a public source.ip (and, for
// vpcflow, a private destination.ip): with the address's result cached
// (hit); with a new address of a network seen before (new-address: a
// tree walk, the record's encoding cached); with no caches at all (miss:
// every event decodes database records); and for private addresses,
// which are never looked up. The databases are the tiny test ones:
// lookups in full-size databases walk a deeper tree.
func BenchmarkEnrich(b *testing.B) {
	city, asn := testDBs(b)
	public := make([]netip.Addr, 256)
	for i := range public {
		public[i] = netip.AddrFrom4([4]byte{2, 16, byte(i), 1})
	}
	many := make([]netip.Addr, 1<<16)
	for i := range many {
		many[i] = netip.AddrFrom4([4]byte{2, 16, byte(i >> 8), byte(i)})
	}
	private := []netip.Addr{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")}

	for _, bc := range []struct {
		name      string
		cacheSize int
		logType   string
		src       []netip.Addr
		parallel  bool
	}{
		{"hit", 0, "cloudtrail", public, false},
		{"hit/parallel", 0, "cloudtrail", public, true},
		{"new-address", 1024, "cloudtrail", many, false},
		{"miss", -1, "cloudtrail", public, false},
		{"miss/parallel", -1, "cloudtrail", public, true},
		{"private", 0, "cloudtrail", private, false},
		{"vpcflow-hit", 0, "vpcflow", public, false},
		{"ipv6-hit", 0, "cloudtrail", []netip.Addr{netip.MustParseAddr("2001:67c::1"), netip.MustParseAddr("2001:67c::2")}, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			g, err := geoip.Open(geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1, CacheSize: bc.cacheSize})
			if err != nil {
				b.Fatal(err)
			}
			defer g.Close()
			dst := netip.MustParseAddr("10.1.1.1")
			one := func(ev *ecs.Event, i int) {
				ev.Reset()
				ev.IP("source.ip", bc.src[i%len(bc.src)])
				ev.IP("destination.ip", dst)
				g.Enrich(bc.logType, ev)
			}
			var ev ecs.Event
			for i := range len(bc.src) { // warm the cache
				one(&ev, i)
			}
			if !ev.Has("source.geo") && bc.name != "private" {
				b.Fatalf("no geo: %s", ev.AppendJSON(nil))
			}
			b.ReportAllocs()
			b.ResetTimer()
			if bc.parallel {
				b.RunParallel(func(pb *testing.PB) {
					var ev ecs.Event
					for i := 0; pb.Next(); i++ {
						one(&ev, i)
					}
				})
			} else {
				for i := 0; i < b.N; i++ {
					one(&ev, i)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkDocumentWithGeo shows what the geo and as objects add to
// writing a document.
func BenchmarkDocumentWithGeo(b *testing.B) {
	city, asn := testDBs(b)
	g, err := geoip.Open(geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	for _, enrich := range []bool{false, true} {
		b.Run(fmt.Sprintf("enriched=%v", enrich), func(b *testing.B) {
			var ev ecs.Event
			var buf []byte
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ev.Reset()
				ev.Keyword("event.kind", "event")
				ev.IP("source.ip", netip.AddrFrom4([4]byte{2, 16, byte(i), 1}))
				ev.Long("source.port", 443)
				if enrich {
					g.Enrich("cloudtrail", &ev)
				}
				buf = ev.AppendJSON(buf[:0])
			}
			b.SetBytes(int64(len(buf)))
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
