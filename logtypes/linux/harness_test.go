package linux_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/linux"
	"github.com/siem-go/siem/parser/syslog"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// repoTestdata holds the sample objects, at the keys they are delivered to.
const repoTestdata = "../../testdata"

func golden(name, key string, indexed, excluded, deadLettered int64) siemtest.Golden {
	return siemtest.Golden{
		Name: name, Key: key, Input: filepath.Join(repoTestdata, filepath.FromSlash(key)),
		File: filepath.Join("testdata", name+".golden"), Indexed: indexed, Excluded: excluded, DeadLettered: deadLettered,
	}
}

var secureGoldens = []siemtest.Golden{
	golden("secure-cwl", "AWSLogs/123456789012/EC2/Linux/Secure/eu-west-1/2026/11/27/10/siem-linux-secure-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", 24, 1, 1),
	golden("secure-file", "hosts/linux/bastion-1/secure-20251228.gz", 26, 0, 0),
	golden("auth-log", "archive/linux/web-3/auth.log", 15, 0, 0),
}

var syslogGoldens = []siemtest.Golden{
	golden("messages-cwl", "AWSLogs/210987654321/EC2/Linux/Messages/us-east-1/2026/11/27/10/siem-linux-messages-1-2026-11-27-10-05-00-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.gz", 11, 0, 0),
	golden("syslog-file", "archive/linux/web-3/syslog.1", 8, 0, 1),
}

// secureFields are compared with Elastic's system.auth expected documents.
var secureFields = []string{
	"@timestamp", "message",
	"event.kind", "event.action", "event.category", "event.type", "event.outcome",
	"host.hostname", "process.name", "process.pid",
	"source.address", "source.ip", "source.port", "source.domain",
	"user.name", "user.id", "user.effective.name",
	"user.target.name", "user.target.id", "user.target.group.id",
	"group.name", "group.id", "event.timezone",
	"related.user", "related.ip", "related.hosts",
	"system.auth.ssh.event", "system.auth.ssh.method", "system.auth.ssh.signature", "system.auth.ssh.dropped_ip",
	"system.auth.sudo.command", "system.auth.sudo.pwd", "system.auth.sudo.tty", "system.auth.sudo.user", "system.auth.sudo.error",
	"system.auth.useradd.home", "system.auth.useradd.shell",
}

var secureDifferences = []siemtest.Difference{
	{Field: "message", Reason: "kept on every document; Elastic's system.auth pipeline removes it once a grok pattern has parsed it, which leaves the analyst without the line's text"},
	{Field: "event.type", Reason: "an accepted SSH login is a session start (\"start\", allowed for both authentication and session) where Elastic says \"info\"; we also type the sudo, pam_unix session and other events Elastic leaves untyped"},
	{Field: "event.action", Reason: "we name the action of sudo, user and group management, \"Did not receive identification string\" and PAM error lines, which Elastic leaves without one"},
	{Field: "event.category", Reason: "\"Did not receive identification string\" is a network connection and sshd's \"error: PAM: ... for illegal user U from HOST\" an authentication failure; Elastic categorises neither"},
	{Field: "event.outcome", Reason: "set for sudo (failure when sudo refused), pam_unix session lines, PAM errors and connections sshd dropped; Elastic leaves it out there"},
	{Field: "source.address", Reason: "set whenever sshd names the peer, as for every other sshd line; Elastic's pattern for \"Did not receive identification string\" sets only source.ip"},
	{Field: "related.hosts", Reason: "also holds the peer's host name (source.domain) when sshd logged a name instead of an address (UseDNS yes)"},
	{Field: "system.auth.ssh.event", Reason: "left out for the PAM error line, where Elastic's pattern captures a cut text (\"error: PAM: User not known ... for illegal\") that is no SSH event name"},
}

// syslogFields are compared with Elastic's system.syslog expected
// documents, which parse the header only. event.timezone is the zone the
// lines are read in (SyslogIn's); event.kind is left out, as Elastic's
// test configs inject it into two of the four files only.
var syslogFields = []string{"@timestamp", "message", "event.timezone", "host.hostname", "process.name", "process.pid"}

var syslogDifferences = []siemtest.Difference{
	{Field: "process.name", Reason: "macOS launchd lines \"com.apple.xpc.launchd[1] (service[pid]): text\": our process is com.apple.xpc.launchd with pid 1 and the message keeps \"(service[pid]): \"; Elastic's process name is the whole \"com.apple.xpc.launchd[1] (service[pid])\" without a pid (see package parser/syslog)"},
	{Field: "process.pid", Reason: "macOS launchd lines: pid 1, which the line writes in brackets after the process name; Elastic keeps it inside the name"},
	{Field: "message", Reason: "macOS launchd lines: the message starts with the \"(service[pid]): \" that Elastic puts in the process name"},
}

func secureHarness() siemtest.Harness {
	return siemtest.Harness{Type: linux.Secure(), Others: all.Types(), Update: *update,
		Goldens: secureGoldens}
}

func syslogHarness() siemtest.Harness {
	return siemtest.Harness{Type: linux.Syslog(), Others: all.Types(), Update: *update,
		Goldens: syslogGoldens}
}

// fixtures returns one Fixture for each Elastic pipeline test input in
// dir, checking that its test config injects the time zone the type
// under test reads zone-less times in.
func fixtures(t *testing.T, dir string, zone *time.Location) []siemtest.Fixture {
	t.Helper()
	dir = filepath.Join(shared.Dir(t, "conformance"), "elastic-package", dir)
	inputs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no *.log inputs in %s (%v)", dir, err)
	}
	var out []siemtest.Fixture
	for _, input := range inputs {
		_, want := time.Now().In(zone).Zone()
		if _, got := time.Now().In(configZone(t, input+"-config.yml")).Zone(); got != want {
			t.Fatalf("%s: the config's zone is %+d s east of UTC, the type's %+d s", input, got, want)
		}
		out = append(out, siemtest.Fixture{Input: input, Expected: input + "-expected.json", Prepare: prepare(t, input, zone)})
	}
	return out
}

// TestSecureHarness runs detection and the goldens, then Elastic's
// system.auth pipeline tests, whose configs inject the zone +0000 for the
// lines written without an offset: those run through SecureIn with that
// zone, which event.timezone names.
func TestSecureHarness(t *testing.T) {
	secureHarness().Test(t)
	zone := time.FixedZone("+0000", 0)
	h := siemtest.Harness{Type: linux.SecureIn(zone), Others: all.Types(),
		Compare: secureFields, Differences: secureDifferences}
	h.Fixtures = fixtures(t, "linux_secure_auth", zone)
	h.Test(t)
}

// TestSyslogHarness runs detection and the goldens, then Elastic's
// system.syslog pipeline tests, whose configs inject the zone GMT-0200 for
// the lines written without an offset: those run through SyslogIn with
// that zone.
func TestSyslogHarness(t *testing.T) {
	syslogHarness().Test(t)
	zone := time.FixedZone("GMT-0200", -2*3600)
	h := siemtest.Harness{Type: linux.SyslogIn(zone), Others: all.Types(),
		Compare: syslogFields, Differences: syslogDifferences}
	h.Fixtures = fixtures(t, "linux_syslog_messages", zone)
	h.Test(t)
}

func FuzzSecureObject(f *testing.F) { secureHarness().Fuzz(f) }
func FuzzSyslogObject(f *testing.F) { syslogHarness().Fuzz(f) }

// prepare returns the adjustment of the expected documents of one input
// for two documented differences (see doc.go), record by record (Prepare
// is called on the expected documents in order):
//   - a line without a year was given the year Elastic's tests were
//     generated in (2023); we give it the latest year that puts it at
//     most 31 days after the reference time (siemtest.Ingested here);
//   - Elastic's date processor keeps milliseconds; we keep the line's
//     precision, so where Elastic's milliseconds are ours, ours are
//     expected.
//
// The month, day, time of day and zone stay Elastic's. It also moves the
// user useradd creates to user.target (prepareIAM).
func prepare(t *testing.T, input string, zone *time.Location) func(map[string]any) {
	text, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	for line := range bytes.Lines(text) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && len(recs) > 0 {
			continue
		}
		if len(line) > 0 {
			recs = append(recs, line)
		}
	}
	n := 0
	return func(doc map[string]any) {
		i := n
		n++
		prepareIAM(doc)
		if i >= len(recs) {
			return
		}
		m, err := syslog.Parse(recs[i], syslog.Options{Reference: siemtest.Ingested, Location: zone})
		if err != nil {
			return
		}
		ts, ok := doc["@timestamp"].(string)
		if !ok {
			return
		}
		exp, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			t.Errorf("%s: expected @timestamp %q: %v", input, ts, err)
			return
		}
		if !m.HasYear {
			w := exp.In(zone)
			at := func(year int) time.Time {
				return time.Date(year, w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), zone)
			}
			exp = at(siemtest.Ingested.Year())
			if exp.After(siemtest.Ingested.Add(syslog.DefaultMaxFuture)) {
				exp = at(siemtest.Ingested.Year() - 1)
			}
		}
		if m.FracDigits > 3 && m.Timestamp.Truncate(time.Millisecond).Equal(exp) {
			exp = m.Timestamp
		}
		doc["@timestamp"] = exp.Format(time.RFC3339Nano)
	}
}

// configZone reads the event.timezone an elastic-package test config
// injects ("+0000", "GMT-0200"); UTC when there is none.
func configZone(t *testing.T, path string) *time.Location {
	text, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return time.UTC
	}
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*timezone:\s*"?(?:GMT)?([+-]\d{4})"?`).FindSubmatch(text)
	if m == nil {
		return time.UTC
	}
	at, err := time.Parse("-0700", string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	_, offset := at.Zone()
	return time.FixedZone(string(m[1]), offset)
}

// prepareIAM moves the user that useradd creates from Elastic's user.*
// (the actor's fields in ECS) to user.target.*, where we put it (see
// doc.go).
func prepareIAM(doc map[string]any) {
	ev, _ := doc["event"].(map[string]any)
	cats, _ := ev["category"].([]any)
	if !slices.Contains(cats, any("iam")) {
		return
	}
	user, ok := doc["user"].(map[string]any)
	if !ok {
		return
	}
	delete(doc, "user")
	target := map[string]any{}
	maps := map[string]any{"target": target}
	for k, v := range user {
		target[k] = v
	}
	if g, ok := doc["group"].(map[string]any); ok && len(g) == 1 && g["id"] != nil {
		target["group"] = g
		delete(doc, "group")
	}
	doc["user"] = maps
}

// TestConfigZone checks the reading of the zone Elastic's test configs
// inject, which prepare relies on.
func TestConfigZone(t *testing.T) {
	dir := t.TempDir()
	for text, want := range map[string]int{
		"fields:\n  event:\n    timezone: \"GMT-0200\"\n": -7200,
		"fields:\n  event:\n    timezone: \"+0130\"\n":    5400,
		"dynamic_fields:\n  x: y\n":                       0,
	} {
		p := filepath.Join(dir, "c.yml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, off := time.Now().In(configZone(t, p)).Zone(); off != want {
			t.Errorf("%q: offset %d, want %d", text, off, want)
		}
	}
}

// TestDarwinRecords checks the framing of Elastic's macOS file: 382
// records once the indented lines are joined to theirs, all indexed.
func TestDarwinRecords(t *testing.T) {
	input := filepath.Join(shared.Dir(t, "conformance"), "elastic-package", "linux_syslog_messages", "test-darwin-syslog.log")
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	res := siemtest.Run(t, linux.Syslog(), "test-darwin-syslog.log", data)
	if res.Counts.Read != 382 || res.Counts.Indexed != 382 {
		t.Fatalf("counts %v, want 382 read and indexed", res.Counts)
	}
	if !strings.Contains(string(res.Docs[1].Body), `\n\t\tticketStore=`) {
		t.Errorf("record 2 does not hold its continuation lines: %s", res.Docs[1].Body)
	}
}
