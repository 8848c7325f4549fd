package deepsecurity_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/deepsecurity"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are our own sample objects under the repository's testdata, at
// the keys they arrive at: fluentd JSON lines from an agent host, the
// manager's syslog as a syslog server wrote it, and CloudWatch Logs
// payloads through Firehose.
// ingested is the run that reads the samples: the day after they were
// written, so that syslog timestamps without a year fall in 2026.
var ingested = time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC)

var goldens = []siemtest.Golden{
	{Name: "fluentd-agent", Key: "ds_agent/2026/11/27/10_0.gz", Indexed: 11, DeadLettered: 2},
	{Name: "manager-syslog", Key: "logs/deepsecurity/dsm01/2026-11-27.log.gz", Indexed: 8, DeadLettered: 1},
	{Name: "cloudwatch-firehose", Key: "ds_agent/cwl/2026/11/27/10/ds-agent-to-s3-1-2026-11-27-10-05-12-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0.gz", Indexed: 3, Excluded: 1},
}

// elasticFields are the ECS fields of Elastic's CEF decoder output for
// Deep Security records (its cef package's pipeline test) compared with
// ours.
var elasticFields = []string{
	"event.code", "event.severity", "event.action", "message",
	"observer.vendor", "observer.product", "observer.version", "observer.hostname", "observer.ip",
	"source.ip", "source.port", "source.mac", "source.domain", "source.user.name", "source.user.id",
	"destination.ip", "destination.port", "destination.mac", "destination.bytes", "destination.user.name",
	"network.transport", "file.path", "file.size", "file.name", "url.original",
}

var elasticDifferences = []siemtest.Difference{
	{Field: "source.mac", Reason: "written as ECS recommends (RFC 7042: upper-case octets joined by hyphens); Elastic's decoder writes lower case with colons"},
	{Field: "destination.mac", Reason: "written as ECS recommends (RFC 7042: upper-case octets joined by hyphens); Elastic's decoder writes lower case with colons"},
	{Field: "source.user.name", Reason: "suser is the user who acted (the administrator who signed in, the account that ran a program), which ECS calls user.name; these events have no network source it could belong to"},
	{Field: "source.user.id", Reason: "suid is the id of the user who acted: user.id, as suser is user.name"},
	{Field: "destination.user.name", Reason: "\"(no user)\" is Deep Security's placeholder for no user and is left out"},
	{Field: "observer.hostname", Reason: "the firewall event's raw record has dvchost=hostname, but the decoded event Elastic's test gives for it lacks deviceHostName"},
	{Field: "source.domain", Reason: "a log inspection event's shost names the host that wrote the log entry (the Windows event's computer, the protected host), not the source: it goes to trendmicro.deep_security.event_hostname; Elastic's decoder pairs it with a source.ip it does not name"},
	{Field: "file.name", Reason: "a log inspection event's fname names the log it read (\"Security\", /var/log/secure), kept in log.file.path; file.name is also derived from filePath"},
}

func harness() siemtest.Harness {
	h := siemtest.Harness{Type: deepsecurity.New(), Others: all.Types(), Update: *update, Goldens: goldens,
		Compare: elasticFields, Differences: elasticDifferences,
		Options: siemtest.Options{Ingested: ingested}}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key))
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// TestHarness runs detection, the goldens, and Elastic's CEF pipeline
// test for Deep Security: its input is {"events": [...]}, each event the
// decoder's output with the raw record in event.original, so the raw
// records are fed as lines and the events themselves are the expected
// documents.
func TestHarness(t *testing.T) {
	h := harness()
	input := filepath.Join(conformanceDir(t), "elastic-integrations", "trendmicro_deep_security_cef", "test-trend-micro.json")
	raw, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Events []json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Events) == 0 {
		t.Fatalf("%s: want {\"events\": [...]}: %v", input, err)
	}
	expected := filepath.Join(t.TempDir(), "test-trend-micro.expected.json")
	out, _ := json.Marshal(map[string]any{"expected": doc.Events})
	if err := os.WriteFile(expected, out, 0o644); err != nil {
		t.Fatal(err)
	}
	h.Fixtures = []siemtest.Fixture{{Input: input, Expected: expected, Key: "ds_agent/elastic/test-trend-micro.log", Read: originals}}
	h.Test(t)
}

// originals turns Elastic's {"events": [...]} into the raw records, one
// per line.
func originals(data []byte) ([]byte, error) {
	var doc struct {
		Events []struct {
			Event struct {
				Original string `json:"original"`
			} `json:"event"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, e := range doc.Events {
		if e.Event.Original == "" {
			return nil, errors.New("an event without event.original")
		}
		b.WriteString(e.Event.Original)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }
