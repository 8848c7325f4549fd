package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// firehoseCloudTrail is a sample Firehose object of CloudWatch Logs
// payloads carrying CloudTrail events (a control message among them),
// stored under testdata/ at its S3 key.
const firehoseCloudTrail = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/10/siem-cloudtrail-cwl-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"

// envelopeOnly are the fields a CloudTrail document gains from the
// CloudWatch Logs envelope; runOnly differs between any two runs.
var (
	envelopeOnly = []string{"aws.cloudwatch.log_group", "aws.cloudwatch.log_stream", "aws.cloudwatch.subscription_filters", "event.created"}
	runOnly      = []string{"event.ingested"}
)

// normalizeCmd runs `siem normalize args...` in-process.
func normalizeCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"normalize"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// documentsByEventID decodes NDJSON output into flattened documents keyed
// by event.id (CloudTrail's eventID, which is also the document id),
// checking each against ECS.
func documentsByEventID(t *testing.T, ndjson string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		if err := ecs.Validate([]byte(line), "aws.cloudtrail", "aws.cloudwatch"); err != nil {
			t.Errorf("%v\n%s", err, line)
		}
		var doc map[string]any
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		flat := map[string]string{}
		flattenInto(flat, "", doc)
		id := flat["event.id"]
		if _, dup := out[id]; dup || id == "" {
			t.Fatalf("event.id %s missing or repeated", id)
		}
		out[id] = flat
	}
	return out
}

func flattenInto(dst map[string]string, prefix string, v any) {
	if m, ok := v.(map[string]any); ok {
		for k, c := range m {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flattenInto(dst, p, c)
		}
		return
	}
	b, _ := json.Marshal(v)
	dst[prefix] = string(b)
}

// TestNormalizeFirehoseCloudTrail normalizes the Firehose object, whose
// type is detected from its key and whose envelope from its content, and
// checks that its documents are those of the same events delivered
// directly in a CloudTrail log file.
func TestNormalizeFirehoseCloudTrail(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", filepath.FromSlash(firehoseCloudTrail))
	code, out, errOut := normalizeCmd(t, sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "read 8, indexed 7, excluded 1 (cloudwatch-logs-control-message 1), dead-lettered 0"
	if !strings.Contains(errOut, want) {
		t.Fatalf("summary %q, want %q", errOut, want)
	}
	enveloped := documentsByEventID(t, out)

	// The same events as a directly delivered log file.
	dir := t.TempDir()
	direct := filepath.Join(dir, filepath.FromSlash("AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Fh0seTw1nD1rect0.json"))
	if err := os.MkdirAll(filepath.Dir(direct), 0o755); err != nil {
		t.Fatal(err)
	}
	msgs := sampleMessages(t, sample)
	if err := os.WriteFile(direct, []byte(`{"Records":[`+strings.Join(msgs, ",\n")+"]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = normalizeCmd(t, direct)
	if code != exitOK || !strings.Contains(errOut, "read 7, indexed 7, excluded 0, dead-lettered 0") {
		t.Fatalf("direct delivery: exit %d: %s", code, errOut)
	}
	directDocs := documentsByEventID(t, out)

	if len(enveloped) != 7 || len(directDocs) != 7 {
		t.Fatalf("%d enveloped documents, %d direct ones", len(enveloped), len(directDocs))
	}
	for id, e := range enveloped {
		d, ok := directDocs[id]
		if !ok {
			t.Errorf("%s: no directly delivered document with this eventID", id)
			continue
		}
		for _, f := range envelopeOnly {
			if _, ok := e[f]; !ok {
				t.Errorf("%s: %s missing", id, f)
			}
			if _, ok := d[f]; ok {
				t.Errorf("%s: %s set by direct delivery too", id, f)
			}
			delete(e, f)
		}
		for _, f := range runOnly {
			delete(e, f)
			delete(d, f)
		}
		for f, v := range e {
			if d[f] != v {
				t.Errorf("%s: %s = %s through Firehose, %q directly", id, f, v, d[f])
			}
		}
		for f, v := range d {
			if _, ok := e[f]; !ok {
				t.Errorf("%s: %s = %s directly, absent through Firehose", id, f, v)
			}
		}
	}
}

// sampleMessages returns the CloudTrail events of the sample's data
// payloads, as written.
func sampleMessages(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plain, _, err := parser.Decompress(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(plain)
	var msgs []string
	for {
		var p struct {
			MessageType string
			LogEvents   []struct{ Message string }
		}
		if err := dec.Decode(&p); err == io.EOF {
			return msgs
		} else if err != nil {
			t.Fatal(err)
		}
		if p.MessageType == "DATA_MESSAGE" {
			for _, e := range p.LogEvents {
				msgs = append(msgs, e.Message)
			}
		}
	}
}
