package windows_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/windows"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	// keyEventCWL: CloudWatch agent -> CloudWatch Logs -> Firehose: a
	// control message (excluded), Security, System, Sysmon and
	// Application events, and one message in the agent's text format
	// (dead-lettered: only event_format xml is read).
	keyEventCWL = "AWSLogs/123456789012/EC2/Windows/Event/us-east-1/2026/11/27/10/siem-windows-event-1-2026-11-27-10-05-00-9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
	// keyEventExport: a wevtutil export copied to S3.
	keyEventExport = "exports/windows/eventlogs/dc01-security-20261127.xml"
	// keyDS: AWS Managed Microsoft AD logs through CloudWatch Logs, with
	// one event whose XML is cut (dead-lettered).
	keyDS = "AWSLogs/123456789012/DirectoryService/MicrosoftAD/us-east-1/2026/11/27/10/siem-directory-service-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"
	// keyFSx: FSx audit logs delivered by Firehose directly, with the
	// malformed event AWS's documentation shows (dead-lettered).
	keyFSx = "AWSLogs/123456789012/FSx/us-east-1/2026/11/27/10/aws-fsx-siem-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9.gz"
	// keyFSxCWL: FSx audit logs through a /aws/fsx/ log group.
	keyFSxCWL = "AWSLogs/123456789012/aws-fsx-cwl/eu-west-1/2026/11/27/10/siem-fsx-cwl-1-2026-11-27-10-15-00-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
)

func sample(key string) string {
	return filepath.Join("..", "..", "testdata", filepath.FromSlash(key))
}

// compared are the fields compared with the expected documents: Elastic's
// for the Winlogbeat JSON fixtures, ours (written by hand from Microsoft's
// and AWS's documentation of the events) for the raw XML.
var compared = []string{
	"@timestamp", "event.kind", "event.code", "event.action", "event.category", "event.type", "event.outcome",
	"event.provider", "log.level", "host.name",
	"user.id", "user.name", "user.domain", "user.target.id", "user.target.name", "user.target.domain",
	"user.effective.id", "user.changes.name", "related.user", "related.ip",
	"source.ip", "source.port", "file.path", "file.name",
	"process.pid", "process.executable", "process.name", "process.command_line", "process.args",
	"process.parent.executable", "process.parent.name", "process.parent.pid",
	"cloud.provider",
	"winlog.channel", "winlog.provider_name", "winlog.provider_guid", "winlog.computer_name", "winlog.event_id",
	"winlog.record_id", "winlog.process.pid", "winlog.process.thread.id", "winlog.activity_id", "winlog.version",
	"winlog.opcode", "winlog.keywords", "winlog.level", "winlog.logon.id", "winlog.logon.type", "winlog.time_created",
	"winlog.outcome", "winlog.task", "file.directory", "file.extension",
}

// compareEvent adds every EventData item Elastic's Windows Security
// fixtures hold, and those of Winlogbeat's raw samples.
var compareEvent = withItems(compared, "AccountExpires", "AllowedToDelegateTo", "CommandLine", "DisplayName", "Dummy",
	"HomeDirectory", "HomePath", "LogonHours", "LogonType", "MandatoryLabel", "NewTargetUserName", "NewUacValue",
	"OldTargetUserName", "OldUacValue", "PasswordLastSet", "PrimaryGroupId", "PrivilegeList", "ProcessId", "ProfilePath",
	"SamAccountName", "ScriptPath", "SidHistory", "Status", "SubjectDomainName", "SubjectLogonId", "SubjectUserName",
	"SubjectUserSid", "TargetDomainName", "TargetLogonId", "TargetSid", "TargetUserName", "TargetUserSid", "TokenElevationType",
	"UserAccountControl", "UserParameters", "UserPrincipalName", "UserWorkstations", "NewUACList", "param1", "param16")

// compareFSx adds every EventData item of AWS's documented FSx events.
var compareFSx = withItems(compared, "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "ObjectServer",
	"ObjectType", "ObjectName", "HandleId", "TransactionId", "AccessList", "AccessReason", "AccessMask", "PrivilegeList",
	"RestrictedSidCount", "ProcessId", "ProcessName", "ResourceAttributes", "OldSd", "NewSd", "ShareName", "ShareLocalPath",
	"RelativeTargetName", "IpAddress", "IpPort")

// withItems returns fields and the winlog.event_data fields of names.
func withItems(fields []string, names ...string) []string {
	out := append([]string(nil), fields...)
	for _, n := range names {
		out = append(out, "winlog.event_data."+n)
	}
	return out
}

// differences are where we differ from Elastic's expected documents on
// purpose.
var differences = append([]siemtest.Difference{
	{Field: "event.outcome", Reason: "test-unknown.json: Winlogbeat's input says outcome success for an event whose keywords (\"Unknown Event ID\") carry no audit bit; we take the outcome from the Audit Success/Failure keyword bits only, and set none without them"},
	{Field: "winlog.outcome", Reason: "test-unknown.json: as event.outcome, of which winlog.outcome is the copy"},
	{Field: "winlog.event_data.ProcessId", Reason: "test-security-windows2019-4689-process-exited.json: Elastic moves 4689's ProcessId out of winlog.event_data into process.pid; we write process.pid and keep every item in winlog.event_data as Windows wrote it (hex), so that nothing is lost"},
	{Field: "host.name", Reason: "test-unknown.json: Elastic's host.name is the shipping agent's own host, copied from its input (which has none in this fixture); we take the Computer that logged the event, as the reference system does"},
	{Field: "winlog.keywords", Reason: "test-unknown.json: \"Unknown Event ID\" is what Winlogbeat renders when it has no message table for the event; the XML holds only the keyword mask, from which the adapter can rebuild Audit Success/Failure only"},
}, dropsNone("TargetDomainName", "TargetUserName", "PrivilegeList", "AllowedToDelegateTo", "Dummy", "SidHistory",
	"UserAccountControl", "UserPrincipalName")...)

// dropsNone declares the EventData items in which Elastic keeps Windows'
// "-" (none), which we leave out as every empty value.
func dropsNone(names ...string) []siemtest.Difference {
	out := make([]siemtest.Difference, len(names))
	for i, name := range names {
		out[i] = siemtest.Difference{Field: "winlog.event_data." + name,
			Reason: "Elastic keeps Windows' \"-\" (none) values in winlog.event_data; we leave them out, as every empty value"}
	}
	return out
}

// elasticToXML is the test adapter for Elastic's fixtures, which hold
// events Winlogbeat had already decoded to JSON: it writes each back as
// the event XML the Event Log renders, from the fields that XML has
// (System from winlog.*, EventData from winlog.event_data, the keyword
// mask from the rendered keyword names). What Winlogbeat added that the
// XML has not (agent, log.file.path, ecs.version) cannot come back and
// is not compared.
func elasticToXML(data []byte) ([]byte, error) {
	var raw struct {
		Events []map[string]json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	var out strings.Builder
	for _, evt := range raw.Events {
		var w struct {
			Channel      string      `json:"channel"`
			ComputerName string      `json:"computer_name"`
			ProviderName string      `json:"provider_name"`
			ProviderGUID string      `json:"provider_guid"`
			TimeCreated  string      `json:"time_created"`
			ActivityID   string      `json:"activity_id"`
			EventID      json.Number `json:"event_id"`
			RecordID     json.Number `json:"record_id"`
			Version      *int        `json:"version"`
			Keywords     []string    `json:"keywords"`
			Opcode       string      `json:"opcode"`
			Level        string      `json:"level"`
			Process      *struct {
				PID    int `json:"pid"`
				Thread struct {
					ID int `json:"id"`
				} `json:"thread"`
			} `json:"process"`
			EventData map[string]string `json:"event_data"`
		}
		if err := json.Unmarshal(evt["winlog"], &w); err != nil {
			return nil, err
		}
		var kw uint64
		for _, k := range w.Keywords {
			switch k {
			case "Audit Success":
				kw |= 0x8020000000000000
			case "Audit Failure":
				kw |= 0x8010000000000000
			}
		}
		levels := map[string]int{"critical": 1, "error": 2, "warning": 3, "information": 0, "verbose": 5}
		fmt.Fprintf(&out, "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='%s' Guid='%s'/><EventID>%s</EventID>", w.ProviderName, w.ProviderGUID, w.EventID)
		if w.Version != nil {
			fmt.Fprintf(&out, "<Version>%d</Version>", *w.Version)
		}
		fmt.Fprintf(&out, "<Level>%d</Level>", levels[w.Level])
		if w.Opcode == "Info" {
			out.WriteString("<Opcode>0</Opcode>")
		}
		if kw != 0 {
			fmt.Fprintf(&out, "<Keywords>0x%x</Keywords>", kw)
		}
		fmt.Fprintf(&out, "<TimeCreated SystemTime='%s'/><EventRecordID>%s</EventRecordID>", w.TimeCreated, w.RecordID)
		if w.ActivityID != "" {
			fmt.Fprintf(&out, "<Correlation ActivityID='%s'/>", w.ActivityID)
		}
		if w.Process != nil {
			fmt.Fprintf(&out, "<Execution ProcessID='%d' ThreadID='%d'/>", w.Process.PID, w.Process.Thread.ID)
		}
		fmt.Fprintf(&out, "<Channel>%s</Channel><Computer>%s</Computer></System><EventData>", w.Channel, w.ComputerName)
		names := make([]string, 0, len(w.EventData))
		for k := range w.EventData {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			fmt.Fprintf(&out, "<Data Name='%s'>%s</Data>", k, xmlEscape(w.EventData[k]))
		}
		out.WriteString("</EventData></Event>\n")
	}
	return []byte(out.String()), nil
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;", `"`, "&quot;").Replace(s)
}

// concat joins the files matching pattern in dir, in name order, one
// event per line, as one object.
func concat(t *testing.T, dir, pattern string) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s in %s", pattern, dir)
	}
	sort.Strings(files)
	var out []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, b...), '\n')
	}
	return out
}

func harnessEvent() siemtest.Harness {
	return siemtest.Harness{
		Type:   windows.Event(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "cloudwatch-logs", Key: keyEventCWL, Input: sample(keyEventCWL), File: "testdata/windows-event-cwl.golden", Indexed: 20, Excluded: 1, DeadLettered: 1},
			{Name: "export", Key: keyEventExport, Input: sample(keyEventExport), File: "testdata/windows-event-export.golden", Indexed: 4},
		},
		Compare:     compareEvent,
		Differences: differences,
	}
}

func harnessDS() siemtest.Harness {
	return siemtest.Harness{
		Type:   windows.DirectoryService(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "cloudwatch-logs", Key: keyDS, Input: sample(keyDS), File: "testdata/directory-service-cwl.golden", Indexed: 10, DeadLettered: 1},
		},
	}
}

func harnessFSx() siemtest.Harness {
	return siemtest.Harness{
		Type:   windows.FSx(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "firehose", Key: keyFSx, Input: sample(keyFSx), File: "testdata/fsx-firehose.golden", Indexed: 7, DeadLettered: 1},
			{Name: "cloudwatch-logs", Key: keyFSxCWL, Input: sample(keyFSxCWL), File: "testdata/fsx-cwl.golden", Indexed: 3},
		},
		Compare: compareFSx,
	}
}

// TestHarnessEvent runs the windows-event type: detection, goldens, and
// Elastic's Windows Security fixtures (through elasticToXML) and
// Winlogbeat's raw event XML samples (against our expected documents).
func TestHarnessEvent(t *testing.T) {
	h := harnessEvent()
	conf := shared.Dir(t, "conformance")
	elastic := filepath.Join(conf, "elastic-package", "windows_security")
	files, err := filepath.Glob(filepath.Join(elastic, "test-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "-expected.json") {
			continue
		}
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{Input: f, Expected: f + "-expected.json", Key: keyEventExport, Read: elasticToXML})
	}
	if len(h.Fixtures) != 13 {
		t.Fatalf("%d Elastic fixtures, want 13", len(h.Fixtures))
	}
	for _, name := range []string{"ec1", "application-windows-error-reporting"} {
		h.Fixtures = append(h.Fixtures, siemtest.Fixture{
			Input:    filepath.Join(conf, "raw", "windows_event_xml", name+".xml"),
			Expected: "testdata/winlogbeat-" + name + ".expected.json",
			Key:      keyEventExport,
		})
	}
	h.Test(t)
}

// TestHarnessDirectoryService runs the directory-service type.
func TestHarnessDirectoryService(t *testing.T) { harnessDS().Test(t) }

// TestHarnessFSx runs the fsx-windows type: detection, goldens, and AWS's
// documented audit events (the malformed one dead-lettered) against our
// expected documents.
func TestHarnessFSx(t *testing.T) {
	h := harnessFSx()
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_fsx_windows_audit")
	h.Fixtures = []siemtest.Fixture{{
		Input:    filepath.Join(dir, "fsx-audit-4656-handle-requested.xml"),
		Expected: "testdata/fsx-audit.expected.json",
		Key:      keyFSx,
		Read:     func([]byte) ([]byte, error) { return concat(t, dir, "fsx-audit-*.xml"), nil },
	}}
	h.Test(t)
}

func FuzzObject(f *testing.F)          { harnessEvent().Fuzz(f) }
func FuzzObjectDirectory(f *testing.F) { harnessDS().Fuzz(f) }
func FuzzObjectFSx(f *testing.F)       { harnessFSx().Fuzz(f) }
