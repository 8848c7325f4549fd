package config_test

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/siemtest"
)

const benchKey = "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20261127T040000Z_5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.json.gz"

// TestSampleGen checks that the benchmark data is what it claims: every
// item indexed, with the advertised variety.
func TestSampleGen(t *testing.T) {
	data := samplegen.Config(3000)
	if !bytes.Equal(data, samplegen.Config(3000)) {
		t.Fatal("samplegen.Config is not deterministic")
	}
	res := siemtest.Run(t, config.New(), benchKey, data)
	if res.Counts.Indexed != 3000 || res.Counts.DeadLettered != 0 || res.Err != nil {
		t.Fatalf("counts %v, error %v; want 3000 indexed", res.Counts, res.Err)
	}
	info := config.New().Info()
	for _, want := range []string{
		`"AWS::EC2::Instance"`, `"AWS::EC2::SecurityGroup"`, `"AWS::EC2::NetworkInterface"`, `"AWS::EC2::EIP"`,
		`"AWS::IAM::User"`, `"AWS::IAM::Role"`, `"AWS::S3::Bucket"`, `"AWS::Lambda::Function"`,
		`"ResourceDeleted"`, `"ResourceDiscovered"`, `"supplementary_configuration"`, `"related":{"ip"`,
	} {
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
	for _, d := range res.Docs[:200] {
		if err := info.CheckDocument(d.Body); err != nil {
			t.Fatalf("record %d: %v", d.Source.Record, err)
		}
	}
}

// bench measures Normalize on the varied items of samplegen.Config
// (siemtest.BenchNormalize).
func bench(b *testing.B, toJSON bool) {
	or, err := config.New().Open(siem.Object{Key: benchKey}, bytes.NewReader(samplegen.Config(5000)))
	if err != nil {
		b.Fatal(err)
	}
	siemtest.BenchNormalize(b, or, toJSON)
}

// BenchmarkNormalize measures Normalize alone on the varied items of
// samplegen.Config.
func BenchmarkNormalize(b *testing.B) { bench(b, false) }

// BenchmarkNormalizeToJSON adds writing the document, which is what a
// worker does with each record.
func BenchmarkNormalizeToJSON(b *testing.B) { bench(b, true) }
