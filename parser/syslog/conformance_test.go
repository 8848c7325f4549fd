package syslog

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/internal/shared"
)

// sharedDir is the part of the shared conformance folder these tests read.
const sharedDir = "conformance/elastic-package"

// requireShared returns the shared folder's dir, skipping the test when
// it is absent (failing when SIEM_REQUIRE_SHARED is set, as in CI).
func requireShared(t *testing.T, dir string) string {
	t.Helper()
	return shared.Dir(t, dir)
}

// fixtureConfig is what this test needs from an elastic-package
// "-config.yml": the multi-line start pattern and the injected time zone.
type fixtureConfig struct {
	firstLine *regexp.Regexp
	location  *time.Location
}

func readFixtureConfig(t *testing.T, path string) fixtureConfig {
	cfg := fixtureConfig{location: time.UTC}
	text, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return cfg
	}
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(text), "\n") {
		key, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !ok {
			continue
		}
		switch key {
		case "first_line_pattern":
			pattern, err := strconv.Unquote(value)
			if err != nil {
				t.Fatalf("%s: first_line_pattern %s: %v", path, value, err)
			}
			cfg.firstLine = regexp.MustCompile(pattern)
		case "timezone":
			zone := strings.TrimPrefix(strings.Trim(value, `"`), "GMT")
			at, err := time.Parse("-0700", zone)
			if err != nil {
				t.Fatalf("%s: timezone %s: %v", path, value, err)
			}
			_, offset := at.Zone()
			cfg.location = time.FixedZone(zone, offset)
		}
	}
	return cfg
}

// records groups the lines of a fixture into records as Filebeat's
// multiline setting does: a line that does not match the first-line
// pattern continues the record before it.
func records(text []byte, firstLine *regexp.Regexp) [][]byte {
	var out [][]byte
	for line := range bytes.Lines(text) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			continue
		}
		if firstLine != nil && len(out) > 0 && !firstLine.Match(line) {
			last := len(out) - 1
			out[last] = append(append(out[last], '\n'), line...)
			continue
		}
		out = append(out, append([]byte(nil), line...))
	}
	return out
}

type expectedDoc struct {
	Timestamp string `json:"@timestamp"`
	Message   *string
	Host      struct{ Hostname string }
	Process   struct {
		Name string
		PID  int `json:"pid"`
	}
}

// launchdName is Elastic's process name for macOS launchd lines, which
// this package reads differently on purpose (see the package doc).
var launchdName = regexp.MustCompile(`^(\S+)\[(\d+)\] (.+)$`)

// TestConformanceElastic parses every record of Elastic's system.auth and
// system.syslog pipeline tests and compares the header fields with
// Elastic's expected documents.
func TestConformanceElastic(t *testing.T) {
	// The expected documents were made in 2023 by a pipeline that gives a
	// year-less timestamp the current year.
	reference := time.Date(2023, 12, 31, 12, 0, 0, 0, time.UTC)
	total := 0
	for _, sub := range []string{"linux_secure_auth", "linux_syslog_messages"} {
		inputs, err := filepath.Glob(filepath.Join(requireShared(t, filepath.Join(sharedDir, sub)), "*.log"))
		if err != nil {
			t.Fatal(err)
		}
		if len(inputs) == 0 {
			t.Fatalf("no inputs in %s", sub)
		}
		for _, input := range inputs {
			t.Run(sub+"/"+filepath.Base(input), func(t *testing.T) {
				cfg := readFixtureConfig(t, input+"-config.yml")
				text, err := os.ReadFile(input)
				if err != nil {
					t.Fatal(err)
				}
				var expected struct{ Expected []*expectedDoc }
				raw, err := os.ReadFile(input + "-expected.json")
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(raw, &expected); err != nil {
					t.Fatal(err)
				}
				recs := records(text, cfg.firstLine)
				if len(recs) != len(expected.Expected) {
					t.Fatalf("%d records, %d expected documents", len(recs), len(expected.Expected))
				}
				opt := Options{Reference: reference, Location: cfg.location}
				for i, rec := range recs {
					total++
					m, err := Parse(rec, opt)
					if err != nil {
						t.Errorf("record %d: %v\n%s", i+1, err, rec)
						continue
					}
					compareElastic(t, i+1, m, expected.Expected[i])
				}
			})
		}
	}
	t.Logf("%d records parsed and compared", total)
}

func compareElastic(t *testing.T, n int, m Message, want *expectedDoc) {
	t.Helper()
	if want == nil {
		t.Errorf("record %d: Elastic dropped it, we parsed it", n)
		return
	}
	wantTime, err := time.Parse(time.RFC3339Nano, want.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Timestamp.Truncate(time.Millisecond); !got.Equal(wantTime) {
		t.Errorf("record %d: timestamp %v, Elastic %v", n, got, wantTime)
	}
	if string(m.Hostname) != want.Host.Hostname {
		t.Errorf("record %d: host %q, Elastic %q", n, m.Hostname, want.Host.Hostname)
	}
	wantApp, wantPID, wantMsg := want.Process.Name, "", want.Message
	if want.Process.PID != 0 {
		wantPID = strconv.Itoa(want.Process.PID)
	}
	if g := launchdName.FindStringSubmatch(wantApp); g != nil && wantPID == "" && wantMsg != nil {
		// "com.apple.xpc.launchd[1] (svc): text": Elastic's name is
		// everything before ": ", ours the word before "[1]".
		joined := g[3] + ": " + *wantMsg
		wantApp, wantPID, wantMsg = g[1], g[2], &joined
	}
	if string(m.AppName) != wantApp || string(m.ProcID) != wantPID {
		t.Errorf("record %d: process %q [%q], Elastic %q [%q]", n, m.AppName, m.ProcID, wantApp, wantPID)
	}
	// system.auth documents drop the message once it is parsed.
	if wantMsg != nil && string(m.Msg) != *wantMsg {
		t.Errorf("record %d: message\n%q\nElastic\n%q", n, m.Msg, *wantMsg)
	}
}
