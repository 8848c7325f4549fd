package route53resolver_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.Route53Resolver(5000)
	if !bytes.Equal(data, samplegen.Route53Resolver(5000)) {
		t.Fatal("samplegen.Route53Resolver is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, route53resolver.New(), keyDirect, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"NXDOMAIN"`, `"SERVFAIL"`, `"PTR"`, `"CNAME"`, `"MX"`, `"TXT"`, `"tcp"`, `"ipv6"`, `"resolver_endpoint"`, `"resolver_network_interface"`, `"block"`, `"alert"`, `"allow"`, `"resolved_ip"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no document with %s", want)
		}
	}
}

// bench measures Normalize on samplegen's records (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := route53resolver.New().Open(siem.Object{Key: keyDirect}, bytes.NewReader(samplegen.Route53Resolver(10000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
