package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// lineType is a test log type: one message per line, with a field that
// is neither ECS nor under its vendor namespace when the line says so.
type lineType struct {
	name    string
	pattern string
	sample  string
}

func (l lineType) Info() siem.Info {
	info := siem.Info{Name: l.name, Description: "test lines", Dataset: "test." + l.name}
	if l.pattern != "" {
		info.KeyPattern = regexp.MustCompile(l.pattern)
		info.SampleKeys = []string{l.sample}
	}
	return info
}

func (l lineType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		ev.Date("@timestamp", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
		ev.Keyword("message", string(rec.Data))
		if strings.Contains(string(rec.Data), "off-schema") {
			ev.Keyword("made_up.field", "x")
		}
		return nil
	}), nil
}

// useRegistry makes the commands use reg for the rest of the test.
func useRegistry(t *testing.T, types ...siem.LogType) {
	reg := siem.NewRegistry()
	for _, lt := range types {
		require.NoError(t, reg.Register(lt))
	}
	saved := registry
	registry = func() *siem.Registry { return reg }
	t.Cleanup(func() { registry = saved })
}

// TestDetectionErrorsGiveCommandLineAdvice checks that an unknown or
// ambiguous type is reported with the flags that settle it, not with the
// library's advice to programs.
func TestDetectionErrorsGiveCommandLineAdvice(t *testing.T) {
	useRegistry(t,
		lineType{name: "foo", pattern: `/foo/`, sample: "logs/foo/1.log"},
		lineType{name: "bar", pattern: `\.bar$`, sample: "logs/x/1.bar"},
		lineType{name: "plain"})
	dir := t.TempDir()
	ambiguous := writeObject(t, dir, "logs/foo/2.bar", "hello\n")
	unknown := writeObject(t, dir, "logs/other/3.txt", "hello\n")

	code, _, stderr := runCLI(t, "", "normalize", ambiguous)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, ambiguous+": the key patterns of several log types match")
	assert.Contains(t, stderr, "(foo, bar); give --type with the right one")
	assert.Contains(t, stderr, "siem types")

	code, _, stderr = runCLI(t, "", "normalize", unknown)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, unknown+": no log type's key pattern matches")
	assert.Contains(t, stderr, "give --type NAME, or --key S3KEY")
	assert.Contains(t, stderr, "siem types")

	code, _, stderr = runCLI(t, "", "normalize", "--key", "s3/nothing/known", "-")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `- (--key s3/nothing/known): no log type's key pattern matches "s3/nothing/known"; give --type NAME, or check the --key`)

	code, _, stderr = runCLI(t, "", "normalize", "-")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "cannot detect the log type of standard input")

	for _, args := range [][]string{{"normalize", ambiguous}, {"normalize", unknown}, {"ingest", "--opensearch", "http://127.0.0.1:9", ambiguous}} {
		_, _, stderr := runCLI(t, "", args...)
		for _, libraryAdvice := range []string{"ProcessAs", "SampleKeys", "register a type", "narrow one of the patterns"} {
			assert.NotContains(t, stderr, libraryAdvice, "%v", args)
		}
	}

	code, out, stderr := runCLI(t, "hello\n", "normalize", "--type", "foo", "-")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, `"message":"hello"`)
}

func TestTypesShowsTypesWithoutPattern(t *testing.T) {
	useRegistry(t, lineType{name: "foo", pattern: `/foo/`, sample: "logs/foo/1.log"}, lineType{name: "plain"})
	code, out, _ := runCLI(t, "", "types")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "foo\n    test lines\n    key pattern  /foo/\n    sample key   logs/foo/1.log\n\n"+
		"plain\n    test lines\n    key pattern  (none: used only when named with --type plain)\n", out)
}

// TestValidateDeadLettersOffSchemaDocuments checks that --validate turns
// on the library's validation, for normalize and ingest.
func TestValidateDeadLettersOffSchemaDocuments(t *testing.T) {
	useRegistry(t, lineType{name: "foo", pattern: `/foo/`, sample: "logs/foo/1.log"})
	dir := t.TempDir()
	obj := writeObject(t, dir, "logs/foo/2.log", "fine\noff-schema\n")

	code, out, stderr := runCLI(t, "", "normalize", obj)
	assert.Equal(t, exitOK, code, stderr)
	assert.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 2, "without --validate, both documents are written")

	dlq := filepath.Join(dir, "dead.ndjson")
	code, out, stderr = runCLI(t, "", "normalize", "--validate", "--dlq", dlq, obj)
	assert.Equal(t, exitDeadLetters, code, stderr)
	assert.Contains(t, out, `"message":"fine"`)
	assert.NotContains(t, out, "off-schema")
	data, err := os.ReadFile(dlq)
	require.NoError(t, err)
	var letter map[string]any
	require.NoError(t, json.Unmarshal(data, &letter))
	assert.Contains(t, letter["reason"], "Options.Validate")
	assert.Contains(t, letter["reason"], "made_up")

	f := &fakeBulk{ids: map[string]string{}}
	srv := newServer(t, "127.0.0.1:0", f)
	code, _, stderr = runCLI(t, "", "ingest", "--opensearch", srv, "--validate", "--dlq", dlq, obj)
	assert.Equal(t, exitDeadLetters, code, stderr)
	_, indexed, _, dead, _ := summary(t, stderr)
	assert.Equal(t, []int{1, 1}, []int{indexed, dead})
}

// newServer serves h on addr until the test ends and returns its URL.
func newServer(t *testing.T, addr string, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func TestCleartextRemote(t *testing.T) {
	for url, want := range map[string]bool{
		"http://search.example:9200":    true,
		"http://10.0.0.5:9200":          true,
		"HTTP://search.example":         true,
		"http://[2001:db8::1]:9200":     true,
		"https://search.example:9200":   false,
		"http://127.0.0.1:9200":         false,
		"http://127.8.9.10":             false,
		"http://localhost:9200":         false,
		"http://LOCALHOST":              false,
		"http://node.localhost:9200":    false,
		"http://[::1]:9200":             false,
		"http://[::ffff:127.0.0.1]:920": false,
	} {
		assert.Equal(t, want, cleartextRemote(url), url)
	}
}

// nonLoopbackIP returns an address of this machine that is not loopback,
// or skips the test.
func nonLoopbackIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	require.NoError(t, err)
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	t.Skip("this machine has no address other than loopback")
	return ""
}

// TestBasicAuthOverPlainHTTPWarns checks the warning of ingest and setup
// when a password would cross the network in clear text, and its absence
// towards loopback.
func TestBasicAuthOverPlainHTTPWarns(t *testing.T) {
	t.Setenv("SIEM_TEST_PW", "s3cret")
	const warning = "WARNING: --user over plain http://"

	local := newServer(t, "127.0.0.1:0", &fakeBulk{ids: map[string]string{}})
	code, _, stderr := runCLI(t, "", "ingest", "--opensearch", local, "--user", "u", "--password-env", "SIEM_TEST_PW", cloudTrailSample)
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stderr, warning, "loopback never leaves the machine")

	ip := nonLoopbackIP(t)
	remote := newServer(t, ip+":0", &fakeBulk{ids: map[string]string{}})
	code, _, stderr = runCLI(t, "", "ingest", "--opensearch", remote, "--user", "u", "--password-env", "SIEM_TEST_PW", cloudTrailSample)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, warning+" to "+remote)
	assert.Less(t, strings.Index(stderr, warning), strings.Index(stderr, "siem: 1 objects"), "warned before sending")
	code, _, stderr = runCLI(t, "", "ingest", "--opensearch", remote, cloudTrailSample)
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stderr, warning, "no credentials, nothing to warn of")

	refuse := newServer(t, ip+":0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"error":{"type":"security_exception","reason":"no permissions"},"status":403}`)
	}))
	_, _, stderr = runCLI(t, "", "setup", "--opensearch", refuse, "--user", "u", "--password-env", "SIEM_TEST_PW")
	assert.Contains(t, stderr, warning+" to "+refuse)
}
