package okta_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/okta"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json"

// TestSampleGen checks that the benchmark data is what it claims: every
// record indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.Okta(2000)
	if !bytes.Equal(data, samplegen.Okta(2000)) {
		t.Fatal("samplegen.Okta is not deterministic")
	}
	res := siemtest.Run(t, okta.New(), benchKey, data)
	if res.Counts.Indexed != 2000 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 2000 indexed", res.Counts)
	}
	info := okta.New().Info()
	for _, d := range res.Docs[:200] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
	for _, want := range []string{`"user.session.start"`, `"policy.evaluate_sign_on"`, `"user.authentication.sso"`,
		`"group.user_membership.add"`, `"security.threat.detected"`, `"kind":"alert"`, `"outcome":"failure"`,
		`"2001:db8:`, `"detail_entry"`, `"SystemPrincipal"`} {
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

// records frames an object and copies out its records, as the pipeline
// does before handing records to its workers.
func records(tb testing.TB, data []byte) (siem.ObjectReader, []parser.Record) {
	tb.Helper()
	or, err := okta.New().Open(siem.Object{Key: benchKey}, bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var recs []parser.Record
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return or, recs
		}
		if err != nil {
			tb.Fatal(err)
		}
		rec.Data = bytes.Clone(rec.Data)
		recs = append(recs, rec)
	}
}

func bench(b *testing.B, toJSON bool) {
	or, recs := records(b, samplegen.Okta(5000))
	size := 0
	for _, r := range recs {
		size += len(r.Data) + 1
	}
	var ev ecs.Event
	var out []byte
	b.SetBytes(int64(size / len(recs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Reset()
		if err := or.Normalize(siem.Record{Record: recs[i]}, &ev); err != nil {
			b.Fatal(err)
		}
		if toJSON {
			out = ev.AppendJSON(out[:0])
		}
		i++
		if i == len(recs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkNormalize measures Normalize alone on samplegen's varied events.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
