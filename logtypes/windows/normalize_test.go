package windows_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/windows"
	"github.com/siem-go/siem/siemtest"
)

// event renders a Security event with the given System parts and
// EventData items ("Name=value", in order).
func event(id, systemTime string, items ...string) string {
	var b strings.Builder
	b.WriteString("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>" + id +
		"</EventID><Level>0</Level><Keywords>0x8020000000000000</Keywords>")
	if systemTime != "" {
		b.WriteString("<TimeCreated SystemTime='" + systemTime + "'/>")
	}
	b.WriteString("<EventRecordID>7</EventRecordID><Channel>Security</Channel><Computer>host1</Computer></System><EventData>")
	for _, it := range items {
		name, value, _ := strings.Cut(it, "=")
		b.WriteString("<Data Name='" + name + "'>" + value + "</Data>")
	}
	b.WriteString("</EventData></Event>\n")
	return b.String()
}

// doc runs one object and returns its only document, decoded.
func doc(t *testing.T, lt siem.LogType, key, data string) map[string]any {
	t.Helper()
	res := siemtest.Options{Validate: true}.Run(t, lt, key, []byte(data))
	if len(res.Docs) != 1 {
		t.Fatalf("%d documents, dead letters %v", len(res.Docs), res.DeadLetters)
	}
	var m map[string]any
	if err := json.Unmarshal(res.Docs[0].Body, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// get returns the value at a dotted path of a decoded document.
func get(m map[string]any, path string) any {
	var v any = m
	for _, p := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[p]
	}
	return v
}

func TestSourceAddresses(t *testing.T) {
	for ip, want := range map[string]any{
		"-":                  nil,
		"::ffff:203.0.113.7": "203.0.113.7",
		"::1":                "::1",
		"fe80::1%12":         "fe80::1",
		"172.45.6.789":       nil, // AWS's FSx sample: not an address, kept in event_data only
		"2001:db8::5":        "2001:db8::5",
	} {
		m := doc(t, windows.Event(), keyEventExport, event("4624", "2026-11-27T10:00:00Z", "TargetUserName=bob", "IpAddress="+ip, "IpPort=0"))
		if got := get(m, "source.ip"); got != want {
			t.Errorf("IpAddress %q: source.ip %v, want %v", ip, got, want)
		}
		if get(m, "source.port") != nil {
			t.Errorf("IpPort 0 gave source.port %v", get(m, "source.port"))
		}
		if ip != "-" && get(m, "winlog.event_data.IpAddress") != ip {
			t.Errorf("IpAddress %q not kept in winlog.event_data: %v", ip, get(m, "winlog.event_data.IpAddress"))
		}
	}
}

// TestBadTimeCreated: a TimeCreated that is not a time (as in AWS's
// documented 4659 sample) falls back to the delivery time, else the
// ingestion time, and says so.
func TestBadTimeCreated(t *testing.T) {
	m := doc(t, windows.FSx(), keyFSx, event("4659", "2021-0603T19:18:09.951551200Z", "SubjectUserName=Admin"))
	if get(m, "@timestamp") != "2026-01-02T03:04:05Z" {
		t.Errorf("@timestamp %v, want the ingestion time", get(m, "@timestamp"))
	}
	if get(m, "winlog.time_created") != nil {
		t.Errorf("winlog.time_created %v set from an invalid time", get(m, "winlog.time_created"))
	}
	if msg, _ := get(m, "error.message").(string); !strings.Contains(msg, "2021-0603T19:18:09") || !strings.Contains(msg, "ingestion") {
		t.Errorf("error.message %q", msg)
	}
	if tags, _ := get(m, "tags").([]any); len(tags) != 1 || tags[0] != "_winlog_invalid_time_created" {
		t.Errorf("tags %v", get(m, "tags"))
	}

	// Through CloudWatch Logs the message's timestamp is the fallback.
	payload := cwlPayload(t, "i-0a1b2c3d4e5f60718", event("4624", "", "TargetUserName=bob"))
	m = doc(t, windows.Event(), keyEventCWL, payload)
	if get(m, "@timestamp") != "2026-11-27T10:00:00Z" {
		t.Errorf("@timestamp %v, want the CloudWatch Logs event time", get(m, "@timestamp"))
	}
	if get(m, "cloud.instance.id") != "i-0a1b2c3d4e5f60718" {
		t.Errorf("cloud.instance.id %v", get(m, "cloud.instance.id"))
	}
}

func cwlPayload(t *testing.T, stream string, messages ...string) string {
	t.Helper()
	type logEvent struct {
		ID        string `json:"id"`
		Timestamp int64  `json:"timestamp"`
		Message   string `json:"message"`
	}
	p := map[string]any{"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/ec2/windows", "logStream": stream, "subscriptionFilters": []string{"f"}}
	var evs []logEvent
	for i, m := range messages {
		evs = append(evs, logEvent{ID: "3794000000000000000000000000000000000000000000000000000" + string(rune('0'+i)), Timestamp: 1795773600000, Message: strings.TrimSpace(m)})
	}
	p["logEvents"] = evs
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHostileEventData: repeated names, names that are not field names,
// and thousands of items give a valid document.
func TestHostileEventData(t *testing.T) {
	items := []string{"TargetUserName=first", "TargetUserName=second", "a.b=dotted", "a=plain", "x y=space", "=unnamed"}
	for i := range 1000 {
		items = append(items, "n"+strings.Repeat("x", i%5)+string(rune('a'+i%26))+"_"+strings.Repeat("9", i/26)+"=v")
	}
	m := doc(t, windows.Event(), keyEventExport, event("4624", "2026-11-27T10:00:00Z", items...))
	if got := get(m, "winlog.event_data.TargetUserName"); got != "first" {
		t.Errorf("repeated name: %v, want the first", got)
	}
	if got := get(m, "winlog.event_data.a_b"); got != "dotted" {
		t.Errorf("dotted name: %v", got)
	}
	if got := get(m, "winlog.event_data.a"); got != "plain" {
		t.Errorf("plain name: %v", got)
	}
	if tags, _ := get(m, "tags").([]any); len(tags) != 1 || tags[0] != "_winlog_event_data_truncated" {
		t.Errorf("tags %v", get(m, "tags"))
	}
	if n := len(get(m, "winlog.event_data").(map[string]any)); n > 256 {
		t.Errorf("%d event_data items kept, want at most 256", n)
	}
}

// TestDeadLetters: what cannot be read is dead-lettered with its reason.
func TestDeadLetters(t *testing.T) {
	dir := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_fsx_windows_audit")
	malformed, err := os.ReadFile(filepath.Join(dir, "fsx-audit-4663-read-MALFORMED-as-published.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		lt     siem.LogType
		key    string
		data   string
		reason string
	}{
		"malformed":             {windows.FSx(), keyFSx, string(malformed), "malformed XML"},
		"no event id":           {windows.Event(), keyEventExport, strings.Replace(event("4624", "2026-11-27T10:00:00Z"), "<EventID>4624</EventID>", "", 1), "has no System/EventID"},
		"text format":           {windows.Event(), keyEventCWL, cwlPayload(t, "i-0a1b2c3d", "[Information] [4624] [Microsoft-Windows-Security-Auditing] [] [host] [An account was successfully logged on.]"), "event_format xml"},
		"not an event":          {windows.Event(), keyEventCWL, cwlPayload(t, "i-0a1b2c3d", "<Foo/>"), "not a readable Windows event"},
		"event id not a number": {windows.Event(), keyEventExport, strings.Replace(event("4624", "2026-11-27T10:00:00Z"), ">4624<", ">4624x<", 1), "EventID is \"4624x\", not a number"},
		"event id too large":    {windows.Event(), keyEventExport, strings.Replace(event("4624", "2026-11-27T10:00:00Z"), ">4624<", ">99999999999<", 1), "not a number from 0 to 4294967295"},
		"nested too deep": {windows.Event(), keyEventExport, strings.Replace(event("4624", "2026-11-27T10:00:00Z"), "<EventData>",
			"<UserData>"+strings.Repeat("<a>", 100)+strings.Repeat("</a>", 100)+"</UserData><EventData>", 1), "nested deeper"},
		"cut off": {windows.Event(), keyEventExport, event("4624", "2026-11-27T10:00:00Z")[:200], "may be truncated"},
	} {
		res := siemtest.Options{Validate: true}.Run(t, c.lt, c.key, []byte(c.data))
		if len(res.DeadLetters) != 1 || len(res.Docs) != 0 {
			t.Errorf("%s: %d docs, dead letters %v", name, len(res.Docs), res.DeadLetters)
			continue
		}
		if !strings.Contains(res.DeadLetters[0].Reason, c.reason) {
			t.Errorf("%s: reason %q, want it to say %q", name, res.DeadLetters[0].Reason, c.reason)
		}
	}
}

// TestSharedNamespace: the three types register together, beside every
// built-in type, although they share the vendor namespace winlog.
func TestSharedNamespace(t *testing.T) {
	reg := siem.NewRegistry()
	for _, lt := range all.Types() {
		switch lt.Info().Name {
		case windows.NameEvent, windows.NameDirectoryService, windows.NameFSx:
			continue
		}
		if err := reg.Register(lt); err != nil {
			t.Fatal(err)
		}
	}
	for _, lt := range []siem.LogType{windows.Event(), windows.DirectoryService(), windows.FSx()} {
		if err := reg.Register(lt); err != nil {
			t.Fatal(err)
		}
		if ns := lt.Info().VendorNamespace(); ns != "winlog" {
			t.Errorf("%s: namespace %s", lt.Info().Name, ns)
		}
	}
}
