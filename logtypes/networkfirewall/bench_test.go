package networkfirewall_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/networkfirewall"
	"github.com/siem-go/siem/siemtest"
)

const testKey = "AWSLogs/111122223333/network-firewall/alert/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_alert_us-east-1_egress-fw_202611271005_8b7f3c2d.log.gz"

// TestSampleGen checks that the benchmark data indexes whole, with the
// advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.NetworkFirewall(3000)
	if !bytes.Equal(data, samplegen.NetworkFirewall(3000)) {
		t.Fatal("samplegen.NetworkFirewall is not deterministic")
	}
	res := siemtest.Run(t, networkfirewall.New(), testKey, data)
	if res.Counts.Indexed != 3000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 3000 indexed", res.Counts)
	}
	h := harness()
	for _, want := range []string{`"alert"`, `"netflow"`, `"denied"`, `"allowed"`, `"ipv6"`, `"icmp"`, `"dns"`, `"server_name"`, `"user_agent"`, `"community_id"`, `"tls-error"`, `"revocation-check"`, `"icmp_type"`} {
		n := 0
		for _, d := range res.Docs {
			if bytes.Contains(d.Body, []byte(want)) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no record with %s", want)
		}
	}
	for _, d := range res.Docs[:200] {
		if err := h.Type.Info().CheckDocument(d.Body); err != nil {
			t.Fatal(err)
		}
	}
}

func benchReader(tb testing.TB, data []byte) siem.ObjectReader {
	tb.Helper()
	or, err := networkfirewall.New().Open(siem.Object{Key: testKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return or
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchNormalize(b, benchReader(b, samplegen.NetworkFirewall(5000)), toJSON)
}

// BenchmarkNormalize measures Normalize alone on samplegen's varied records.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
