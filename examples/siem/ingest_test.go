package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/ostest"
)

const cloudTrailSample = "../../testdata/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz"

func TestIngestUsageErrors(t *testing.T) {
	t.Setenv("SIEM_TEST_EMPTY_PW", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{cloudTrailSample}, "--opensearch URL is required"},
		{[]string{"--opensearch", "http://x", "--user", "u", cloudTrailSample}, "--user needs --password-env"},
		{[]string{"--opensearch", "http://x", "--password-env", "PW", cloudTrailSample}, "--password-env needs --user"},
		{[]string{"--opensearch", "http://x", "--user", "u", "--password-env", "SIEM_TEST_EMPTY_PW", cloudTrailSample}, "SIEM_TEST_EMPTY_PW (from --password-env) is unset or empty"},
		{[]string{"--opensearch", "http://x", "--user", "u", "--password-env", "SIEM_TEST_UNSET_PW_XYZ", cloudTrailSample}, "is unset or empty"},
		{[]string{"--opensearch", "http://x", "--sigv4", "--user", "u", cloudTrailSample}, "either --sigv4 or --user"},
		{[]string{"--opensearch", "http://x", "--region", "eu-west-1", cloudTrailSample}, "--region only applies with --sigv4"},
		{[]string{"--opensearch", "http://x", "--serverless", cloudTrailSample}, "--serverless needs --sigv4"},
		{[]string{"--opensearch", "http://x", "--rotation", "hourly", cloudTrailSample}, `unknown index rotation "hourly"`},
		{[]string{"--opensearch", "http://x", "--timezone", "Mars/Olympus", cloudTrailSample}, `--timezone "Mars/Olympus"`},
		{[]string{"--opensearch", "http://x", "--index-time", "now", cloudTrailSample}, "--index-time must be event or ingest"},
		{[]string{"--opensearch", "http://x", "--index-prefix", "Upper-", cloudTrailSample}, "must be lower case"},
		{[]string{"--opensearch", "x:9200", cloudTrailSample}, "must look like https://host"},
		{[]string{"--opensearch", "http://x", "--type", "nosuch", cloudTrailSample}, `unknown log type "nosuch"`},
		{[]string{"--opensearch", "http://x", "--password", "p"}, "flag provided but not defined: -password"},
		{[]string{"--opensearch", "http://x", "--geoip-city", "/nonexistent/city.mmdb", cloudTrailSample}, "/nonexistent/city.mmdb"},
	} {
		code, _, stderr := runCLI(t, "", append([]string{"ingest"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
}

// fakeBulk accepts _bulk requests like a cluster would, checking basic
// auth, and refuses documents whose body contains refuse with a mapping
// error.
type fakeBulk struct {
	mu    sync.Mutex
	ids   map[string]string // _id -> _index
	auth  []string
	reqs  int
	seenZ bool
}

func (f *fakeBulk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, pw, _ := r.BasicAuth()
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		body = zr
	}
	sc := bufio.NewScanner(body)
	sc.Buffer(nil, 16<<20)
	var items []string
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs++
	f.seenZ = f.seenZ || r.Header.Get("Content-Encoding") == "gzip"
	f.auth = append(f.auth, user+":"+pw)
	errors := false
	for sc.Scan() {
		var action map[string]struct {
			Index string `json:"_index"`
			ID    string `json:"_id"`
		}
		json.Unmarshal(sc.Bytes(), &action)
		sc.Scan()
		meta := action["index"]
		if bytes.Contains(sc.Bytes(), []byte("refuse-me")) {
			errors = true
			items = append(items, fmt.Sprintf(`{"index":{"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse field [x]","index":%q}}}`, meta.Index))
			continue
		}
		f.ids[meta.ID] = meta.Index
		items = append(items, `{"index":{"status":201}}`)
	}
	fmt.Fprintf(w, `{"errors":%t,"items":[%s]}`, errors, strings.Join(items, ","))
}

var summaryRE = regexp.MustCompile(`read (\d+), indexed (\d+), excluded (\d+), dead-lettered (\d+), retried (\d+)`)

func summary(t *testing.T, stderr string) (read, indexed, excluded, dead, retried int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	require.NotNil(t, m, "no summary in %q", stderr)
	n := make([]int, 5)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return n[0], n[1], n[2], n[3], n[4]
}

func TestIngestIntoFakeCluster(t *testing.T) {
	f := &fakeBulk{ids: map[string]string{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	t.Setenv("SIEM_TEST_PW", "s3cret")

	code, _, stderr := runCLI(t, "", "ingest", "--opensearch", srv.URL, "--user", "loader", "--password-env", "SIEM_TEST_PW",
		"--rotation", "daily", "--index-prefix", "t-", cloudTrailSample)
	require.Equal(t, exitOK, code, stderr)
	read, indexed, excluded, dead, _ := summary(t, stderr)
	assert.Equal(t, 10, read)
	assert.Equal(t, 10, indexed)
	assert.Zero(t, excluded+dead)
	assert.Contains(t, stderr, "objects into "+srv.URL)
	f.mu.Lock()
	assert.Len(t, f.ids, 10)
	for _, idx := range f.ids {
		assert.Regexp(t, `^t-log-aws-cloudtrail-2026-11-\d\d$`, idx)
	}
	assert.Equal(t, "loader:s3cret", f.auth[0])
	assert.True(t, f.seenZ, "bodies are gzip-compressed")
	f.mu.Unlock()
	assert.NotContains(t, stderr, "s3cret", "the password never shows")
}

func TestIngestDeadLettersRefusedDocuments(t *testing.T) {
	f := &fakeBulk{ids: map[string]string{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	dir := t.TempDir()
	obj := writeObject(t, dir, "AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/11/27/111122223333_vpcflowlogs_us-east-1_fl-1_20261127T1005Z_abcd.log.gz",
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"+
			"2 111122223333 eni-refuse-me 10.0.0.1 10.0.0.2 443 50000 6 10 840 1795000000 1795000060 ACCEPT OK\n"+
			"2 111122223333 eni-0a1b2c3d 10.0.0.3 10.0.0.4 443 50001 6 10 840 1795000000 1795000060 ACCEPT OK\n")
	dlq := filepath.Join(dir, "dlq.ndjson")
	code, _, stderr := runCLI(t, "", "ingest", "--opensearch", srv.URL, "--dlq", dlq, obj)
	assert.Equal(t, exitDeadLetters, code, stderr)
	read, indexed, _, dead, _ := summary(t, stderr)
	assert.Equal(t, []int{2, 1, 1}, []int{read, indexed, dead})
	assert.Contains(t, stderr, "1 records dead-lettered to "+dlq)
	data, err := os.ReadFile(dlq)
	require.NoError(t, err)
	var letter struct {
		Reason   string         `json:"reason"`
		Raw      string         `json:"raw"`
		Document map[string]any `json:"document"`
	}
	require.NoError(t, json.Unmarshal(data, &letter))
	assert.Equal(t, "opensearch refused the document (status 400, index log-aws-vpcflowlogs-2026-11): mapper_parsing_exception: failed to parse field [x]", letter.Reason)
	assert.Contains(t, letter.Raw, "eni-refuse-me")
	assert.NotNil(t, letter.Document)
}

func TestIngestUnreachableClusterDeadLettersEverything(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	dlq := filepath.Join(t.TempDir(), "dlq.ndjson")
	code, _, stderr := runCLI(t, "", "ingest", "--opensearch", url, "--max-attempts", "2", "--dlq", dlq, cloudTrailSample)
	assert.Equal(t, exitDeadLetters, code, stderr)
	read, indexed, _, dead, retried := summary(t, stderr)
	assert.Equal(t, []int{10, 0, 10, 1}, []int{read, indexed, dead, retried})
	data, err := os.ReadFile(dlq)
	require.NoError(t, err)
	assert.Equal(t, 10, bytes.Count(data, []byte("\n")))
	assert.Contains(t, string(data), "gave up after 2 attempts")
	assert.Contains(t, string(data), "connection refused")
}

// TestIngestIntoNode runs the command against the real test node: every
// document lands once, and running it again changes nothing.
func TestIngestIntoNode(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "cli") + "-"
	args := []string{"ingest", "--opensearch", url, "--index-prefix", prefix, cloudTrailSample}
	code, _, stderr := runCLI(t, "", args...)
	require.Equal(t, exitOK, code, stderr)
	_, indexed, _, _, _ := summary(t, stderr)
	require.Equal(t, 10, indexed)
	assert.EqualValues(t, 10, ostest.Count(t, prefix+"log-aws-cloudtrail-*"))

	code, _, stderr = runCLI(t, "", args...)
	require.Equal(t, exitOK, code, stderr)
	assert.EqualValues(t, 10, ostest.Count(t, prefix+"log-aws-cloudtrail-*"), "re-ingesting overwrites")
}
