package xff_test

import (
	"fmt"
	"log"
	"net/netip"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/xff"
)

// A web log type writes the header it received into a vendor field; the
// enricher is told which field, per log type, and which proxies to
// believe.
func Example() {
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8")
	if err != nil {
		log.Fatal(err)
	}
	e, err := xff.New(xff.Config{
		TrustedProxies: proxies,
		Fields: enrich.Fields{ByType: map[string][]string{
			"nginx": {"nginx.access.x_forwarded_for"},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}

	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("10.0.0.5")) // the load balancer
	ev.Keyword("nginx.access.x_forwarded_for", "192.0.2.66, 203.0.113.7:51234, 10.1.1.1")
	e.Enrich("nginx", &ev)
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"client":{"ip":"203.0.113.7"},"network":{"forwarded_ip":["192.0.2.66","203.0.113.7","10.1.1.1"]},"nginx":{"access":{"x_forwarded_for":"192.0.2.66, 203.0.113.7:51234, 10.1.1.1"}},"related":{"ip":["192.0.2.66","203.0.113.7","10.1.1.1","10.0.0.5"]},"source":{"ip":"203.0.113.7"}}
}

// The client is the right-most address that is not a trusted proxy; an
// untrusted peer is the client whatever the header claims.
func ExampleEnricher_Client() {
	proxies, _ := xff.ParseTrustedProxies("10.0.0.0/8")
	e, _ := xff.New(xff.Config{TrustedProxies: proxies})
	chain, _ := xff.AppendChain(nil, []byte("192.0.2.66, 203.0.113.7, 10.1.1.1"))
	fmt.Println(e.Client(netip.MustParseAddr("10.0.0.5"), chain))
	fmt.Println(e.Client(netip.MustParseAddr("198.51.100.9"), chain))
	// Output:
	// 203.0.113.7
	// 198.51.100.9
}
