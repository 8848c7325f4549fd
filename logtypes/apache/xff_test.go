package apache_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/xff"
	"github.com/siem-go/siem/logtypes/apache"
)

// TestXFFEnricherFindsClient checks the claim of the package
// documentation: the X-Forwarded-For enricher, reading
// apache.access.x_forwarded_for, walks the leading header's chain from
// the peer (%h, source.ip) past the trusted proxies to the client.
func TestXFFEnricherFindsClient(t *testing.T) {
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8 198.51.100.2/32")
	if err != nil {
		t.Fatal(err)
	}
	e, err := xff.New(xff.Config{TrustedProxies: proxies, Fields: enrich.Fields{ByType: map[string][]string{
		"apache-access": {"apache.access.x_forwarded_for"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ line, want string }{
		// One address before the load balancer's %h.
		{`203.0.113.50 10.0.12.40 - - [27/Nov/2026:10:20:03 +0000] "GET / HTTP/1.1" 200 5120 "-" "-" 498 5391`, "203.0.113.50"},
		// A chain: the client, then a trusted proxy.
		{`203.0.113.50, 198.51.100.2 10.0.12.41 - - [27/Nov/2026:10:20:04 +0000] "POST /api/login HTTP/1.1" 401 87 "-" "-" 1022 402`, "203.0.113.50"},
		// IPv6 client.
		{`2001:db8:9::1 10.0.12.40 - - [27/Nov/2026:10:20:09 +0000] "GET /a.js HTTP/1.1" 200 1 "-" "-" 455 511`, "2001:db8:9::1"},
		// No header ("-"): the peer stays the source.
		{`- 10.0.12.40 - - [27/Nov/2026:10:20:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "-" 142 219`, "10.0.12.40"},
		// A forged first entry from an untrusted peer is not believed.
		{`192.0.2.66, 203.0.113.9 10.0.12.40 - - [27/Nov/2026:10:20:00 +0000] "GET / HTTP/1.1" 200 2`, "203.0.113.9"},
	} {
		var ev ecs.Event
		if ok, err := apache.NormalizeAccessLine([]byte(c.line), &ev); !ok || err != nil {
			t.Fatalf("%q: %v %v", c.line, ok, err)
		}
		e.Enrich("apache-access", &ev)
		if got, _ := ev.LookupString("source.ip"); got != c.want {
			t.Errorf("%q: source.ip %q after the enricher, want %q", c.line, got, c.want)
		}
	}
}
