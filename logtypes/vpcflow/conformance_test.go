package vpcflow_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/siemtest"
)

// conformanceFields are the ECS fields compared with Elastic's expected
// documents. Vendor fields (aws.vpcflow.*) are left out: their names differ
// on purpose (see the package documentation).
var conformanceFields = []string{
	"@timestamp", "event.start", "event.end", "event.action", "event.outcome",
	"event.kind", "event.category", "event.type",
	"source.ip", "source.port", "destination.ip", "destination.port",
	"source.bytes", "source.packets", "network.bytes", "network.packets",
	"network.iana_number", "network.transport", "network.type", "network.direction",
	"cloud.account.id", "cloud.instance.id", "cloud.region",
}

// TestElasticConformance runs Elastic's pipeline-test inputs for its AWS
// vpcflow data stream and compares the core ECS fields with Elastic's
// expected documents. The inputs are data lines without a header, one
// documented format per file (default v2, all v2–v5 fields, default
// Transit Gateway, all v2–v8 fields), which is exactly what the package's
// headerless fallback reads; they are fed as they are.
func TestElasticConformance(t *testing.T) {
	dir := siemtest.SharedDir(t, filepath.Join("conformance", "elastic-integrations", "aws_vpcflow"))
	inputs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no *.log inputs in %s (%v)", dir, err)
	}
	var total siemtest.Report
	for _, input := range inputs {
		name := filepath.Base(input)
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		expected := siemtest.LoadExpected(t, input+"-expected.json")
		// The key names no account or region, as Elastic's tests have
		// none: cloud.* must come from the records alone.
		res := siemtest.Run(t, vpcflow.New(), name, data)
		if res.Err != nil {
			t.Errorf("%s: object error: %v", name, res.Err)
			continue
		}
		if len(res.DeadLetters) > 0 {
			t.Errorf("%s: %d records dead-lettered, first: %s", name, len(res.DeadLetters), res.DeadLetters[0].Reason)
		}
		if int64(len(expected)) != res.Counts.Indexed {
			t.Errorf("%s: indexed %d documents, Elastic expects %d", name, res.Counts.Indexed, len(expected))
		}
		for _, doc := range expected {
			dropPlaceholders(doc)
		}
		r := siemtest.Agreement(res.Docs, expected, conformanceFields)
		r.Log(t, name)
		total.Add(r)
	}
	total.Log(t, "all files")
	if total.Ratio() < 0.95 {
		t.Errorf("agreement with Elastic is %.1f%%, below 95%%", 100*total.Ratio())
	}
}

// dropPlaceholders removes "-" values from an expected document. Elastic
// strips the flow log's "-" (not applicable) under aws.vpcflow but copies
// it into cloud.region and cloud.availability_zone; this package never
// writes "-" anywhere, which is the documented behaviour being compared.
func dropPlaceholders(doc map[string]any) {
	for k, v := range doc {
		switch x := v.(type) {
		case string:
			if strings.TrimSpace(x) == "-" {
				delete(doc, k)
			}
		case map[string]any:
			dropPlaceholders(x)
		}
	}
}

// TestAWSDocumentationSamples reads the flow log records published in the
// AWS documentation, each with the custom format it was written in (the
// .format file, which becomes the header line) or, for the default format,
// without a header. Every record must be indexed.
func TestAWSDocumentationSamples(t *testing.T) {
	dir := siemtest.SharedDir(t, filepath.Join("conformance", "raw", "aws_vpcflow"))
	inputs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no *.log samples in %s (%v)", dir, err)
	}
	for _, input := range inputs {
		name := filepath.Base(input)
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		if header, err := os.ReadFile(strings.TrimSuffix(input, ".log") + ".format"); err == nil {
			data = append(append(header, '\n'), data...)
		}
		lines := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		// The key carries a delivery time: the NAT gateway format has no
		// start or end column.
		res := siemtest.Run(t, vpcflow.New(), "AWSLogs/123456789010/vpcflowlogs/us-east-1/2026/11/27/123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20261127T1005Z_fe123456.log", data)
		if res.Err != nil {
			t.Errorf("%s: object error: %v", name, res.Err)
			continue
		}
		for _, dl := range res.DeadLetters {
			t.Errorf("%s: record %d dead-lettered: %s", name, dl.Record, dl.Reason)
		}
		want := int64(lines)
		if _, err := os.Stat(strings.TrimSuffix(input, ".log") + ".format"); err == nil {
			want-- // the header line
		}
		if res.Counts.Indexed != want {
			t.Errorf("%s: indexed %d records, want %d", name, res.Counts.Indexed, want)
		}
	}
}
