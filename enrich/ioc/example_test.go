package ioc_test

import (
	"bytes"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich/ioc"
)

// Example builds a small database, opens an enricher over it and enriches
// one event whose source address lies in a listed network.
func Example() {
	dir, _ := os.MkdirTemp("", "ioc-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ioc.db")

	network, _ := ioc.NewIP("203.0.113.0/24")
	network.Provider = "blocklist"
	network.Description = "scanner range"
	domain, _ := ioc.NewDomain("evil.example")
	domain.Provider = "otx"

	var buf bytes.Buffer
	if err := ioc.Build(&buf, slices.Values([]ioc.Indicator{network, domain})); err != nil {
		fmt.Println(err)
		return
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		fmt.Println(err)
		return
	}

	e, err := ioc.Open(path, ioc.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()

	var ev ecs.Event
	ev.Date("@timestamp", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ev.IP("source.ip", netip.MustParseAddr("203.0.113.50"))
	ev.Keyword("url.domain", "login.evil.example")
	e.Enrich("alb", &ev)
	raw, _ := ev.Lookup("threat.enrichments")
	fmt.Println(string(raw))
	// Output:
	// [{"indicator":{"type":"ipv4-addr","provider":"blocklist","description":"scanner range","name":"203.0.113.0/24"},"matched":{"atomic":"203.0.113.50","field":"source.ip","type":"indicator_match_rule"}},{"indicator":{"type":"domain-name","provider":"otx","name":"evil.example","url":{"domain":"evil.example"}},"matched":{"atomic":"login.evil.example","field":"url.domain","type":"indicator_match_rule"}}]
}

// ExampleDB_LookupDomain shows parent-domain matching: a name matches
// indicators for itself and for every domain above it.
func ExampleDB_LookupDomain() {
	var b ioc.Builder
	for _, v := range []string{"evil.example", "cdn.evil.example", "other.example"} {
		ind, _ := ioc.NewDomain(v)
		ind.Provider = "list"
		b.Add(ind)
	}
	var buf bytes.Buffer
	b.WriteTo(&buf)
	db, err := ioc.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ind := range db.LookupDomain("IMG.CDN.Evil.Example.") {
		fmt.Println(ind.Type, ind.Name())
	}
	// Output:
	// domain-name cdn.evil.example
	// domain-name evil.example
}

// ExampleDB_LookupIP shows that every network holding an address matches,
// the most specific first, IPv6 included.
func ExampleDB_LookupIP() {
	var b ioc.Builder
	for _, v := range []string{"2001:db8:abcd::/48", "2001:db8::/32", "2001:db8:abce::1"} {
		ind, _ := ioc.NewIP(v)
		ind.Provider = "list"
		b.Add(ind)
	}
	var buf bytes.Buffer
	b.WriteTo(&buf)
	db, _ := ioc.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, ind := range db.LookupIP(netip.MustParseAddr("2001:db8:abcd:12::1")) {
		fmt.Println(ind.Name())
	}
	// Output:
	// 2001:db8:abcd::/48
	// 2001:db8::/32
}
