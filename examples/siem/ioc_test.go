package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/enrich/ioc"
)

// runIOC runs 'siem ioc ARGS...' in-process.
func runIOC(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := iocCommand(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

const (
	testExitList = "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\n" +
		"Published 2024-01-10 06:29:59\nLastStatus 2024-01-10 07:00:00\n" +
		"ExitAddress 192.0.2.10 2024-01-10 07:01:33\n"
	testFeodo = `[{"ip_address":"198.51.100.44","port":443,"status":"online","as_number":64500,"as_name":"EX","country":"NL","first_seen":"2023-11-02 14:20:05","last_online":"2024-01-10","malware":"QakBot"}]`
	testPulse = `{"id":"aaa111","name":"Loader","indicators":[{"indicator":"evil.example","type":"domain","created":"2024-01-05T10:00:00"},{"indicator":"0123456789abcdef0123456789abcdef","type":"FileHash-MD5"}]}`
	testList  = "# team list\n203.0.113.0/24 ; scanners\nbad value here\n"
	testSTIX  = `{"type":"bundle","id":"bundle--1","objects":[
		{"type":"indicator","id":"indicator--ok","pattern":"[ipv6-addr:value ISSUBSET '2001:db8:abcd::/48']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
		{"type":"indicator","id":"indicator--and","pattern":"[ipv4-addr:value = '192.0.2.1' AND ipv4-addr:value = '192.0.2.2']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}]}`
)

func TestIOCBuildLookupInfo(t *testing.T) {
	dir := t.TempDir()
	tor := writeFile(t, filepath.Join(dir, "exit-addresses"), testExitList)
	feodo := writeFile(t, filepath.Join(dir, "ipblocklist.json"), testFeodo)
	writeFile(t, filepath.Join(dir, "otx", "aaa111.json"), testPulse)
	list := writeFile(t, filepath.Join(dir, "team-list.txt"), testList)
	bundle := writeFile(t, filepath.Join(dir, "bundle.json"), testSTIX)
	db := filepath.Join(dir, "ioc.db")

	out, _, err := runIOC(t, "build", "-o", db, "--tor", tor, "--feodo", feodo, "--otx", filepath.Join(dir, "otx"),
		"--txt", list, "--txt", list+":partner", "--stix", bundle)
	require.NoError(t, err)
	want := []string{
		"tor   " + tor + ": 1 indicator (ipv4-addr 1)",
		"feodo " + feodo + ": 1 indicator (ipv4-addr 1)",
		"otx   " + filepath.Join(dir, "otx") + ": 1 indicator (domain-name 1), 1 warning",
		"      warning: aaa111.json: pulse aaa111: 1 indicator of types the database does not hold skipped (FileHash-MD5 1)",
		"txt   " + list + ": 1 indicator (ipv4-addr 1), 1 warning",
		`      warning: line 3: "bad value here" holds more than one value; want one IP, CIDR, domain or URL per line`,
		"txt   " + list + ": 1 indicator (ipv4-addr 1), 1 warning",
		`      warning: line 3: "bad value here" holds more than one value; want one IP, CIDR, domain or URL per line`,
		"stix  " + bundle + ": 1 indicator (ipv6-addr 1), 1 warning",
		"      warning: indicator--and: unsupported pattern (comparisons joined by AND must all hold at once): [ipv4-addr:value = '192.0.2.1' AND ipv4-addr:value = '192.0.2.2']; skipped",
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, len(want)+1, out)
	assert.Equal(t, want, lines[:len(want)])
	assert.Regexp(t, `^wrote .*ioc.db: 6 indicators \(6 read, 0 duplicates merged\), \d+ bytes$`, lines[len(want)])

	out, _, err = runIOC(t, "lookup", "--db", db, "a.B.evil.example.", "2001:db8:abcd:12::1", "2001:db8:abce::1", "203.0.113.9", "192.0.2.10")
	require.NoError(t, err)
	assert.Equal(t, strings.Join([]string{
		"a.B.evil.example.: domain-name evil.example (otx) Loader [2024-01-05T10:00:00Z .. ?]",
		"2001:db8:abcd:12::1: ipv6-addr 2001:db8:abcd::/48 (stix) [2024-01-01T00:00:00Z .. ?]",
		"2001:db8:abce::1: no match",
		"203.0.113.9: ipv4-addr 203.0.113.0/24 (partner)",
		"203.0.113.9: ipv4-addr 203.0.113.0/24 (team-list)",
		"192.0.2.10: ipv4-addr 192.0.2.10 (tor) Tor exit node 0011BD2485AD45D984EC4159C88FC066E5E3300E [2024-01-10T06:29:59Z .. 2024-01-10T07:01:33Z]",
	}, "\n")+"\n", out)

	out, _, err = runIOC(t, "info", db)
	require.NoError(t, err)
	assert.Contains(t, out, "indicators  6\n")
	assert.Contains(t, out, "keys        3 IPv4 networks, 1 IPv6 networks, 1 domains\n")
	assert.Contains(t, out, "provider    partner      1\n")
	assert.Contains(t, out, "type        ipv4-addr    4\n")

	loaded, err := ioc.Load(db)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), loaded.Built(), time.Minute)
	assert.Equal(t, []string{"ioc.db"}, filterDB(t, dir), "no temporary file left")
}

// filterDB lists the database files in dir.
func filterDB(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".db") {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestIOCBuildErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ioc.db")
	good := writeFile(t, filepath.Join(dir, "list.txt"), "192.0.2.1\n")
	tests := []struct {
		name  string
		args  []string
		usage bool
		err   string
	}{
		{"no output", []string{"build", "--txt", good}, true, "needs -o FILE"},
		{"no feed", []string{"build", "-o", db}, true, "needs at least one feed"},
		{"argument", []string{"build", "-o", db, good}, true, "takes no arguments"},
		{"bad flag", []string{"build", "--nope"}, true, "flag provided but not defined"},
		{"missing file", []string{"build", "-o", db, "--tor", filepath.Join(dir, "missing")}, false, "no such file"},
		{"not a feed", []string{"build", "-o", db, "--feodo", good}, false, "feodo " + good + ": feodo blocklist: want a JSON array of entries"},
		{"nothing read", []string{"build", "-o", db, "--txt", writeFile(t, filepath.Join(dir, "empty.txt"), "# nothing\n")}, false, "no indicators read"},
		{"unknown command", []string{"frobnicate"}, true, `unknown ioc command "frobnicate"`},
		{"no command", nil, true, "ioc needs a command"},
		{"lookup without db", []string{"lookup", "192.0.2.1"}, true, "needs --db FILE"},
		{"lookup bad db", []string{"lookup", "--db", good, "192.0.2.1"}, false, "too short for an indicator database; rebuild it"},
		{"info without file", []string{"info"}, true, "needs one database FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runIOC(t, tt.args...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			var ue usageError
			assert.Equal(t, tt.usage, errorsAs(err, &ue), "usage error: %v", err)
		})
	}
	_, err := os.Stat(db)
	assert.ErrorIs(t, err, os.ErrNotExist, "failed builds write nothing")

	out, _, err := runIOC(t, "build", "-o", db, "--builtin")
	require.NoError(t, err)
	assert.Contains(t, out, "built-in: 2 indicators\n")
	out, _, err = runIOC(t, "lookup", "--db", db, "169.254.169.254", "http://[fd00:ec2::254]/latest/meta-data/")
	require.NoError(t, err)
	assert.Equal(t, "169.254.169.254: ipv4-addr 169.254.169.254 (built-in) AWS instance metadata service (IMDS); outside an instance, traffic to it suggests server-side request forgery\n"+
		"http://[fd00:ec2::254]/latest/meta-data/: ipv6-addr fd00:ec2::254 (built-in) AWS instance metadata service (IMDS); outside an instance, traffic to it suggests server-side request forgery\n", out)

	out, _, err = runIOC(t, "build", "-h")
	assert.NoError(t, err)
	assert.Empty(t, out)
	out, _, err = runIOC(t, "help")
	assert.NoError(t, err)
	assert.Contains(t, out, "siem ioc build -o FILE")
}

func errorsAs(err error, target *usageError) bool {
	ue, ok := err.(usageError)
	if ok {
		*target = ue
	}
	return ok
}

func TestSplitProvider(t *testing.T) {
	for in, want := range map[string][2]string{
		"lists/bad.txt":          {"lists/bad.txt", "bad"},
		"lists/bad.txt:partner":  {"lists/bad.txt", "partner"},
		"bad:partner x":          {"bad", "partner x"},
		`C:\lists\bad.txt`:       {`C:\lists\bad.txt`, "C:\\lists\\bad"},
		"lists/bad.txt:":         {"lists/bad.txt:", "bad"},
		"dir:with/colon/list.gz": {"dir:with/colon/list.gz", "list"},
	} {
		path, provider := splitProvider(in)
		if in == `C:\lists\bad.txt` {
			// filepath.Base does not split on backslashes outside Windows.
			assert.Equal(t, want[0], path, in)
			continue
		}
		assert.Equal(t, want, [2]string{path, provider}, in)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"4096": 4096, "200MB": 200e6, "1KiB": 1024, "2 GiB": 2 << 30, "10kb": 10e3, "7B": 7} {
		got, err := parseSize(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "MB", "-5MB", "1.5MB", "5XB", "0", "99999999999GB"} {
		_, err := parseSize(bad)
		assert.Error(t, err, bad)
	}
}

// feeds serves the three feeds the way their hosts do; requests records
// the paths asked for.
type feeds struct {
	requests []string
	slow     bool
}

func (f *feeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests = append(f.requests, r.URL.Path)
	switch r.URL.Path {
	case "/exit-addresses":
		if f.slow {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.Header().Set("ETag", `"tor-1"`)
		if r.Header.Get("If-None-Match") == `"tor-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, testExitList)
	case "/ipblocklist.json":
		w.Header().Set("Last-Modified", "Wed, 10 Jan 2024 07:00:00 GMT")
		if r.Header.Get("If-Modified-Since") == "Wed, 10 Jan 2024 07:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, testFeodo)
	case "/api/v1/pulses/subscribed":
		if r.Header.Get("X-OTX-API-KEY") != "test-key" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		fmt.Fprintf(w, `{"count":1,"next":null,"results":[%s]}`, testPulse)
	default:
		http.NotFound(w, r)
	}
}

func TestIOCFetchThenBuild(t *testing.T) {
	f := &feeds{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	dir := t.TempDir()
	urls := []string{"--tor-url", srv.URL + "/exit-addresses", "--feodo-url", srv.URL + "/ipblocklist.json", "--otx-url", srv.URL + "/api/v1/pulses/subscribed"}

	t.Setenv("TEST_OTX_KEY", "")
	out, _, err := runIOC(t, append([]string{"fetch", "-d", dir, "--otx-key-env", "TEST_OTX_KEY"}, urls...)...)
	require.NoError(t, err)
	assert.Equal(t, strings.Join([]string{
		fmt.Sprintf("tor   %s: %d bytes", filepath.Join(dir, torFile), len(testExitList)),
		fmt.Sprintf("feodo %s: %d bytes", filepath.Join(dir, feodoFile), len(testFeodo)),
		"otx   skipped: TEST_OTX_KEY is not set; put an OTX API key there to download subscribed pulses",
	}, "\n")+"\n", out)

	t.Setenv("TEST_OTX_KEY", "test-key")
	out, _, err = runIOC(t, append([]string{"fetch", "-d", dir, "--otx-key-env", "TEST_OTX_KEY"}, urls...)...)
	require.NoError(t, err)
	assert.Equal(t, strings.Join([]string{
		fmt.Sprintf("tor   %s: not modified, kept", filepath.Join(dir, torFile)),
		fmt.Sprintf("feodo %s: not modified, kept", filepath.Join(dir, feodoFile)),
		fmt.Sprintf("otx   %s: 1 pulse in 1 page (all subscribed pulses)", filepath.Join(dir, otxDir)),
	}, "\n")+"\n", out)

	db := filepath.Join(dir, "ioc.db")
	out, _, err = runIOC(t, "build", "-o", db, "--from", dir)
	require.NoError(t, err)
	assert.Contains(t, out, "tor   "+filepath.Join(dir, torFile)+": 1 indicator (ipv4-addr 1)\n")
	assert.Contains(t, out, "feodo "+filepath.Join(dir, feodoFile)+": 1 indicator (ipv4-addr 1)\n")
	assert.Contains(t, out, "otx   "+filepath.Join(dir, otxDir)+": 1 indicator (domain-name 1), 1 warning\n")
	assert.Contains(t, out, "wrote "+db+": 3 indicators")

	// --from skips what was not fetched.
	empty := t.TempDir()
	writeFile(t, filepath.Join(empty, torFile), testExitList)
	out, _, err = runIOC(t, "build", "-o", filepath.Join(empty, "ioc.db"), "--from", empty)
	require.NoError(t, err)
	assert.Contains(t, out, "feodo "+filepath.Join(empty, feodoFile)+": not there, skipped\n")
	assert.Contains(t, out, "otx   "+filepath.Join(empty, otxDir)+": not there, skipped\n")
}

func TestIOCFetchFailureKeepsFiles(t *testing.T) {
	f := &feeds{slow: true}
	srv := httptest.NewServer(f)
	defer srv.Close()
	dir := t.TempDir()
	old := writeFile(t, filepath.Join(dir, torFile), "old list\n")
	t.Setenv("TEST_OTX_KEY", "wrong")
	out, _, err := runIOC(t, "fetch", "-d", dir, "--timeout", "100ms", "--otx-key-env", "TEST_OTX_KEY",
		"--tor-url", srv.URL+"/exit-addresses", "--feodo-url", "", "--otx-url", srv.URL+"/api/v1/pulses/subscribed")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tor, otx failed")
	assert.Contains(t, out, "tor   failed: fetch "+srv.URL+"/exit-addresses: no complete answer within 100ms")
	assert.Contains(t, out, "feodo skipped: no URL\n")
	assert.Contains(t, out, "otx   failed: otx: fetch ")
	assert.Contains(t, out, "403 Forbidden")
	body, _ := os.ReadFile(old)
	assert.Equal(t, "old list\n", string(body))

	_, _, err = runIOC(t, "fetch", "-d", dir, "--max-bytes", "lots")
	assert.ErrorContains(t, err, `--max-bytes: "lots" is not a size`)
	_, _, err = runIOC(t, "fetch")
	assert.ErrorContains(t, err, "needs -d DIR")
}
