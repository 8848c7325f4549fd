package kv_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/siem-go/siem/internal/shared"

	"github.com/siem-go/siem/parser/kv"
	"github.com/siem-go/siem/parser/syslog"
)

// sharedDir is the part of the shared conformance folder these tests read.
const sharedDir = "conformance/elastic-package"

// requireShared returns the shared folder's dir, skipping the test when
// it is absent (failing when SIEM_REQUIRE_SHARED is set, as in CI).
func requireShared(t *testing.T, dir string) string {
	t.Helper()
	return shared.Dir(t, dir)
}

// TestConformanceElasticAuth reads the key=value parts of the sudo,
// useradd and groupadd lines in Elastic's system.auth pipeline test and
// compares them with the fields Elastic extracted.
func TestConformanceElasticAuth(t *testing.T) {
	dir := requireShared(t, filepath.Join(sharedDir, "linux_secure_auth"))
	text, err := os.ReadFile(filepath.Join(dir, "test-auth.log"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "test-auth.log-expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Expected []struct {
			User struct {
				Name string
				ID   string
			}
			Group struct {
				Name string
				ID   string
			}
			System struct {
				Auth struct {
					Sudo    map[string]string
					Useradd map[string]string
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimRight(text, "\n"), []byte("\n"))
	if len(lines) != len(expected.Expected) {
		t.Fatalf("%d lines, %d expected documents", len(lines), len(expected.Expected))
	}
	value := func(pairs []kv.Pair, key string) string {
		p, ok := kv.First(pairs, key)
		if !ok {
			t.Errorf("no %s among %d pairs", key, len(pairs))
		}
		return string(p.Value(nil))
	}
	checked := 0
	for i, line := range lines {
		m, err := syslog.Parse(line, syslog.Options{Reference: time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		want := expected.Expected[i]
		switch app := string(m.AppName); {
		case app == "sudo":
			// "  user : [reason ; ]TTY=pts/0 ; PWD=/d ; USER=root ; COMMAND=/bin/ls"
			_, rest, ok := bytes.Cut(m.Msg, []byte(" : "))
			if !ok {
				t.Fatalf("line %d: no ' : ' in %q", i+1, m.Msg)
			}
			if reason, after, ok := bytes.Cut(rest, []byte(" ; ")); ok && !bytes.Contains(reason, []byte("=")) {
				if string(reason) != want.System.Auth.Sudo["error"] {
					t.Errorf("line %d: sudo error %q, Elastic %q", i+1, reason, want.System.Auth.Sudo["error"])
				}
				rest = after
			}
			pairs, err := kv.Options{Separator: ';'}.Parse(rest, nil)
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			for key, field := range map[string]string{"TTY": "tty", "PWD": "pwd", "USER": "user", "COMMAND": "command"} {
				if got := value(pairs, key); got != want.System.Auth.Sudo[field] {
					t.Errorf("line %d: %s %q, Elastic %q", i+1, key, got, want.System.Auth.Sudo[field])
				}
			}
			checked++
		case app == "useradd" || app == "groupadd":
			_, rest, _ := bytes.Cut(m.Msg, []byte(": "))
			pairs, err := kv.Options{Separator: ','}.Parse(rest, nil)
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			if app == "groupadd" {
				if value(pairs, "name") != want.Group.Name || value(pairs, "GID") != want.Group.ID {
					t.Errorf("line %d: %q, Elastic group %+v", i+1, m.Msg, want.Group)
				}
			} else if value(pairs, "name") != want.User.Name || value(pairs, "UID") != want.User.ID ||
				value(pairs, "GID") != want.Group.ID || value(pairs, "home") != want.System.Auth.Useradd["home"] ||
				value(pairs, "shell") != want.System.Auth.Useradd["shell"] {
				t.Errorf("line %d: %q, Elastic user %+v group %+v useradd %v", i+1, m.Msg, want.User, want.Group, want.System.Auth.Useradd)
			}
			checked++
		}
	}
	if checked != 5 {
		t.Errorf("checked %d sudo/useradd/groupadd lines, the fixture has 5", checked)
	}
}

// TestConformanceRobust feeds every line of the syslog fixtures to every
// dialect: whatever the text, Parse returns pairs or an *Error inside the
// line, never anything else.
func TestConformanceRobust(t *testing.T) {
	var files []string
	for _, sub := range []string{"linux_secure_auth", "linux_syslog_messages"} {
		matches, err := filepath.Glob(filepath.Join(requireShared(t, filepath.Join(sharedDir, sub)), "*.log"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	dialects := []kv.Options{{}, {ValuesToNextKey: true}, {Escapes: kv.EscapesEverywhere}, {Separator: ';'}, {Separator: ','}}
	parsed, failed := 0, 0
	dst := make([]kv.Pair, 0, 64)
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for line := range bytes.Lines(text) {
			line = bytes.TrimRight(line, "\n")
			for _, opt := range dialects {
				dst, err = opt.Parse(line, dst)
				var kerr *kv.Error
				switch {
				case err == nil:
					parsed++
				case errors.As(err, &kerr) && kerr.Offset >= 0 && kerr.Offset <= len(line):
					failed++
				default:
					t.Fatalf("%s: %q: %v", file, line, err)
				}
			}
		}
	}
	t.Logf("%d line×dialect parses, %d errors (prose is not key=value)", parsed, failed)
}
