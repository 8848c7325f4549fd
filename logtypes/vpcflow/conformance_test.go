package vpcflow_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/siemtest"
)

// TestAWSDocumentationSamples reads the flow log records published in the
// AWS documentation, each with the custom format it was written in (the
// .format file, which becomes the header line) or, for the default format,
// without a header. Every record must be indexed.
func TestAWSDocumentationSamples(t *testing.T) {
	dir := shared.Dir(t, filepath.Join("conformance", "raw", "aws_vpcflow"))
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
