package cloudhsm_test

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/cloudhsm"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyCWL is CloudWatch Logs payloads written by Firehose: two data
	// payloads around a control message (excluded); the last record has
	// a Sequence No that is not a number (dead-lettered).
	keyCWL = "AWSLogs/123456789012/CloudHSM/us-east-1/2026/11/27/10/siem-cloudhsm-1-2026-11-27-10-05-00-2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819"
	// keyExport is a CloudWatch Logs export task's object for one HSM.
	keyExport = "cloudhsm-cwl/123456789012/us-east-1/cluster-2sdq3ftzp6a/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b/hsm-vw7m3n4bx2q/000000.gz"
)

// fields are compared with the expected documents written by hand from
// AWS's documentation of the audit log.
var fields = []string{
	"@timestamp", "event.kind", "event.category", "event.type", "event.action", "event.outcome",
	"error.code", "error.message", "cloud.provider", "cloud.service.name",
	"user.name", "user.roles", "user.target.name", "user.target.roles", "related.user",
	"aws.cloudhsm.timestamp_usec", "aws.cloudhsm.sequence_no", "aws.cloudhsm.sequence_no_hex",
	"aws.cloudhsm.reboot_counter", "aws.cloudhsm.reboot_counter_hex",
	"aws.cloudhsm.command_type", "aws.cloudhsm.command_type_hex", "aws.cloudhsm.opcode", "aws.cloudhsm.opcode_hex",
	"aws.cloudhsm.session_handle", "aws.cloudhsm.response", "aws.cloudhsm.response_code",
	"aws.cloudhsm.hsm_return", "aws.cloudhsm.hsm_error", "aws.cloudhsm.log_type", "aws.cloudhsm.log_type_code",
	"aws.cloudhsm.priv_secret_key_handle", "aws.cloudhsm.public_key_handle", "aws.cloudhsm.other", "aws.cloudhsm.unparsed",
}

// docRecords are the records of AWS's examples (1-based, blank-line
// separated) that testdata/aws-doc-examples.expected.json describes, in
// its order: initialisation, an appliance user's creation, a password
// change, a login, two failed logins, user creation and deletion, key
// pair generation, object destruction, a logout, and a share with the
// tab-separated layout.
var docRecords = []int{1, 3, 5, 6, 8, 9, 11, 13, 15, 17, 18, 31}

func selectRecords(data []byte) ([]byte, error) {
	all := bytes.Split(bytes.TrimSpace(data), []byte("\n\n"))
	var out [][]byte
	for _, n := range docRecords {
		if n > len(all) {
			return nil, fmt.Errorf("no record %d (the file has %d)", n, len(all))
		}
		out = append(out, all[n-1])
	}
	return append(bytes.Join(out, []byte("\n\n")), '\n'), nil
}

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type:   cloudhsm.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "cloudwatch-logs", Key: keyCWL, Input: sample(keyCWL), File: "testdata/cloudwatch-logs.golden", Indexed: 7, Excluded: 1, DeadLettered: 1},
			{Name: "export", Key: keyExport, Input: sample(keyExport), File: "testdata/export.golden", Indexed: 4},
		},
		Compare: fields,
	}
}

// TestHarness runs detection, the goldens, and AWS's documented example
// records against documents written by hand.
func TestHarness(t *testing.T) {
	h := harness()
	conf := shared.Dir(t, "conformance")
	h.Fixtures = []siemtest.Fixture{{
		Input:    filepath.Join(conf, "raw", "aws_cloudhsm", "cloudhsm-audit-log-examples.log"),
		Expected: "testdata/aws-doc-examples.expected.json",
		Read:     selectRecords,
	}}
	h.Test(t)
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
