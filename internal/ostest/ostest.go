package ostest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	opensearchgo "github.com/opensearch-project/opensearch-go/v4"
	"github.com/opensearch-project/opensearch-go/v4/opensearchapi"
)

// Environment variables the integration tests read.
const (
	// EnvURL names the node; DefaultURL when unset.
	EnvURL = "SIEM_OPENSEARCH_URL"
	// EnvRequire set to 1 turns a missing node into a test failure. CI
	// sets it, so that integration tests never pass by skipping.
	EnvRequire = "SIEM_REQUIRE_OPENSEARCH"
	// EnvRestartTest set to 1 enables tests that stop and start the real
	// node (make opensearch-stop / opensearch-start). They disturb every
	// other test using the node, so they only run when asked; CI asks.
	EnvRestartTest = "SIEM_OPENSEARCH_RESTART_TEST"
)

// DefaultURL is the node `make opensearch-start` runs.
const DefaultURL = "http://127.0.0.1:9200"

var probes sync.Map // url -> *probe

type probe struct {
	once sync.Once
	err  error
}

// URL returns the address of the test node. When the node does not
// answer, the test is skipped with a message saying how to start it, or
// fails when SIEM_REQUIRE_OPENSEARCH=1. The node is probed once per
// process; a node still starting is waited for up to 30 s.
func URL(t testing.TB) string {
	t.Helper()
	url := strings.TrimRight(os.Getenv(EnvURL), "/")
	if url == "" {
		url = DefaultURL
	}
	p, _ := probes.LoadOrStore(url, &probe{})
	pr := p.(*probe)
	pr.once.Do(func() { pr.err = waitHealthy(url, 30*time.Second) })
	if pr.err != nil {
		msg := fmt.Sprintf("OpenSearch test node not available at %s (%v); start it with `make opensearch-start` (or point %s at a node) to run the integration tests", url, pr.err, EnvURL)
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s; %s=1 makes this a failure", msg, EnvRequire)
			return ""
		}
		t.Skip(msg)
	}
	return url
}

// waitHealthy waits until the cluster answers with status yellow or
// green. A refused connection fails at once: nothing is starting there.
func waitHealthy(url string, wait time.Duration) error {
	client := &http.Client{Timeout: wait + 5*time.Second}
	res, err := client.Get(fmt.Sprintf("%s/_cluster/health?wait_for_status=yellow&timeout=%ds", url, int(wait.Seconds())))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var health struct {
		Status   string `json:"status"`
		TimedOut bool   `json:"timed_out"`
	}
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || json.Unmarshal(body, &health) != nil {
		return fmt.Errorf("cluster health answered %d: %.200s", res.StatusCode, body)
	}
	if health.TimedOut || (health.Status != "green" && health.Status != "yellow") {
		return fmt.Errorf("cluster health is %q", health.Status)
	}
	return nil
}

// Client returns an opensearch-go client for the test node, closed when
// the test ends.
func Client(t testing.TB) *opensearchapi.Client {
	t.Helper()
	c, err := opensearchapi.NewClient(opensearchapi.Config{Client: opensearchgo.Config{
		Addresses:             []string{URL(t)},
		HealthCheckMaxRetries: -1,
		MaxRetryClusterHealth: -1,
	}})
	if err != nil {
		t.Fatalf("opensearch client: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// UniqueIndex returns a name no other test uses, built from prefix and
// the test's name, and deletes everything named after it when the test
// ends: data streams name*, indices (with their aliases) name and name-*,
// index and component templates name*. Tests can then share one node and
// run in parallel. Use it as an index name, or as an index prefix
// followed by "-" (templates installed for that prefix are named after it
// too).
func UniqueIndex(t testing.TB, prefix string) string {
	t.Helper()
	url := URL(t)
	var rnd [4]byte
	rand.Read(rnd[:])
	test := strings.ToLower(t.Name())
	test = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, test)
	if len(test) > 60 {
		test = test[:60]
	}
	name := strings.ToLower(prefix) + "-" + strings.Trim(test, "-") + "-" + hex.EncodeToString(rnd[:])
	t.Cleanup(func() {
		// Data streams first (deleting them takes their backing indices and
		// frees their templates), index templates before the component
		// templates they are composed of.
		for _, path := range []string{
			"/_data_stream/" + name + "*",
			"/" + name + "," + name + "-*?expand_wildcards=all&ignore_unavailable=true&allow_no_indices=true",
			"/_index_template/" + name + "*",
			"/_component_template/" + name + "*",
		} {
			status, body, err := do(url, http.MethodDelete, path, nil)
			if err != nil || (status != http.StatusOK && status != http.StatusNotFound) {
				t.Errorf("cleaning up %s: DELETE %s: %d %v %.300s", name, path, status, err, body)
			}
		}
	})
	return name
}

// Do sends one request to the test node and returns the status and body.
// body is marshalled to JSON unless it is a string or []byte already.
func Do(t testing.TB, method, path string, body any) (int, []byte) {
	t.Helper()
	status, out, err := do(URL(t), method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return status, out
}

func do(url, method, path string, body any) (int, []byte, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(j)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url+path, r)
	if err != nil {
		return 0, nil, err
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

// Count refreshes the indices matched by pattern and returns how many
// documents they hold.
func Count(t testing.TB, pattern string) int64 {
	t.Helper()
	if status, body := Do(t, http.MethodPost, "/"+pattern+"/_refresh?expand_wildcards=all&allow_no_indices=true", nil); status != http.StatusOK {
		t.Fatalf("refresh %s: %d %.300s", pattern, status, body)
	}
	status, body := Do(t, http.MethodGet, "/"+pattern+"/_count?expand_wildcards=all&allow_no_indices=true", nil)
	var c struct {
		Count int64 `json:"count"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &c) != nil {
		t.Fatalf("count %s: %d %.300s", pattern, status, body)
	}
	return c.Count
}
