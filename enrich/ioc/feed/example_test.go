package feed_test

import (
	"fmt"
	"strings"

	"github.com/siem-go/siem/enrich/ioc/feed"
)

// ExampleText reads a plain list; the line that holds no indicator comes
// back as a warning with its line number.
func ExampleText() {
	list := `# team block list
192.0.2.10
198.51.100.0/24 ; scanner range
Evil.Example.
not an indicator
`
	res, err := feed.Text(strings.NewReader(list), "team")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ind := range res.Indicators {
		fmt.Println(ind.Type, ind.Name(), ind.Provider)
	}
	for _, w := range res.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// ipv4-addr 192.0.2.10 team
	// ipv4-addr 198.51.100.0/24 team
	// domain-name evil.example team
	// warning: line 5: "not an indicator" holds more than one value; want one IP, CIDR, domain or URL per line
}

// ExampleSTIX reads a bundle: a pattern ORing two comparisons gives two
// indicators, and a pattern needing two facts at once is reported.
func ExampleSTIX() {
	bundle := `{"type": "bundle", "id": "bundle--1", "objects": [
	  {"type": "identity", "id": "identity--1", "name": "Example CERT"},
	  {"type": "indicator", "id": "indicator--1", "created_by_ref": "identity--1",
	   "name": "C2", "pattern": "[ipv4-addr:value = '192.0.2.80' OR domain-name:value = 'c2.example']",
	   "pattern_type": "stix", "valid_from": "2024-01-05T10:00:00Z", "confidence": 85},
	  {"type": "indicator", "id": "indicator--2",
	   "pattern": "[ipv4-addr:value = '192.0.2.81' AND network-traffic:dst_port = 443]",
	   "pattern_type": "stix", "valid_from": "2024-01-05T10:00:00Z"}]}`
	res, err := feed.STIX(strings.NewReader(bundle))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ind := range res.Indicators {
		fmt.Println(ind.Type, ind.Name(), ind.Provider, ind.Confidence, ind.FirstSeen.Format("2006-01-02"))
	}
	for _, w := range res.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// ipv4-addr 192.0.2.80 Example CERT High 2024-01-05
	// domain-name c2.example Example CERT High 2024-01-05
	// warning: indicator--2: unsupported pattern (comparisons joined by AND must all hold at once): [ipv4-addr:value = '192.0.2.81' AND network-traffic:dst_port = 443]; skipped
}
