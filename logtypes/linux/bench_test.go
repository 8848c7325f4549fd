package linux_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/linux"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "hosts/linux/bastion-1/secure-20261127"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.LinuxSecure(5000)
	if !bytes.Equal(data, samplegen.LinuxSecure(5000)) {
		t.Fatal("samplegen.LinuxSecure is not deterministic")
	}
	res := siemtest.Run(t, linux.Secure(), benchKey, data)
	if res.Counts.Indexed != 5000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 5000 indexed", res.Counts)
	}
	for _, want := range []string{`"ssh_login"`, `"failure"`, `"sudo_command"`, `"su"`, `"logged-on"`, `"logged-off"`,
		`"session_created"`, `"cron_command"`, `"user_created"`, `"ssh_connection_reset"`, `"2001:db8:ffff::`, `"polkitd"`, `"authentication_failure"`, `not allowed because`} {
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
}

// benchReader opens a benchmark object; siemtest.BenchNormalize reads
// its records.
func benchReader(tb testing.TB, data []byte) siem.ObjectReader {
	tb.Helper()
	or, err := linux.Secure().Open(siem.Object{Key: benchKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return or
}

func bench(b *testing.B, toJSON bool) {
	siemtest.BenchNormalize(b, benchReader(b, samplegen.LinuxSecure(10000)), toJSON)
}

// BenchmarkNormalize measures Normalize alone on the varied records of
// samplegen.LinuxSecure.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
