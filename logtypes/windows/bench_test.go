package windows_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/windows"
	"github.com/siem-go/siem/siemtest"
)

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.WindowsEvents(3000)
	if !bytes.Equal(data, samplegen.WindowsEvents(3000)) {
		t.Fatal("samplegen.WindowsEvents is not deterministic")
	}
	res := siemtest.Options{Validate: true}.Run(t, windows.FSx(), keyFSx, data)
	if res.Counts.Indexed != 3000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 3000 indexed; %v", res.Counts, res.DeadLetters)
	}
	for _, want := range []string{`"logged-in"`, `"logon-failed"`, `"logged-out"`, `"logged-in-special"`, `"created-process"`,
		`"exited-process"`, `"kerberos-`, `"added-member-to-group"`, `"object-accessed"`, `"object-handle-requested"`,
		`"network-share-object-checked"`, `"service-installed"`, `"egress"`, `"failure"`, `"sub_status"`, `"2001:db8:`, `"user"`} {
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
	or, err := windows.FSx().Open(siem.Object{Key: keyFSx}, bytes.NewReader(samplegen.WindowsEvents(5000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize (XML parsing included) alone.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
