package xff_test

import (
	"net/netip"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich/xff"
)

func BenchmarkAppendChain(b *testing.B) {
	for _, bc := range []struct{ name, header string }{
		{"ipv4", "203.0.113.7, 198.51.100.1:443, 10.0.0.1"},
		{"ipv6", "[2001:db8:1::5]:443, 2001:db8:ffff::1"},
		{"garbage", "unknown, evil.example, 203.0.113.7"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			header := []byte(bc.header)
			dst := make([]netip.Addr, 0, 8)
			b.SetBytes(int64(len(header)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				dst, _ = xff.AppendChain(dst[:0], header)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "headers/s")
		})
	}
}

// BenchmarkEnrich measures one event behind a trusted load balancer,
// and one without a header (the cost for every other event).
func BenchmarkEnrich(b *testing.B) {
	e, _, _ := newEnricher(b)
	peer := netip.MustParseAddr("10.0.0.5")
	for _, bc := range []struct{ name, header string }{
		{"header", "203.0.113.7, 10.1.1.1"},
		{"no-header", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var ev ecs.Event
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ev.Reset()
				ev.IP("source.ip", peer)
				ev.Keyword(headerField, bc.header)
				e.Enrich("web", &ev)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
