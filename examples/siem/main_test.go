package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
)

// runCLI runs the command in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeObject writes data under dir at the S3 key, gzipped when the key
// ends in .gz, and returns its path.
func writeObject(t *testing.T, dir, key, data string) string {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(key))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	body := []byte(data)
	if strings.HasSuffix(key, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
	}
	require.NoError(t, os.WriteFile(path, body, 0o644))
	return path
}

// docs decodes NDJSON output, checking each document is valid ECS.
func docs(t *testing.T, ndjson string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		if line == "" {
			continue
		}
		require.NoError(t, ecs.Validate([]byte(line), "aws.cloudtrail", "aws.vpcflow", "aws.elb"), line)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		out = append(out, m)
	}
	return out
}

func get(m map[string]any, path string) any {
	var cur any = m
	for _, seg := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[seg]
	}
	return cur
}

func TestTypesListsBuiltins(t *testing.T) {
	code, out, _ := runCLI(t, "", "types")
	require.Equal(t, exitOK, code)
	for _, name := range []string{"vpcflow", "cloudtrail", "nlb", "alb", "clb"} {
		assert.Regexp(t, `(?m)^`+name+`\s+\S.*\s+\S+$`, out)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	unknown := writeObject(t, dir, "logs/app/server.txt", "hello\n")
	for name, args := range map[string][]string{
		"no command":      nil,
		"unknown command": {"frobnicate"},
		"unknown type":    {"normalize", "--type", "nosuch", unknown},
		"unknown key":     {"normalize", unknown},
		"stdin untyped":   {"normalize", "-"},
		"missing file":    {"normalize", "--type", "vpcflow", filepath.Join(dir, "absent")},
	} {
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, name)
		if name == "unknown key" {
			assert.Contains(t, errOut, unknown, "the message names the key")
			assert.Contains(t, errOut, "siem types")
		}
	}
}

func TestNormalizeVPCFlowFromStdinWithKey(t *testing.T) {
	in := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n" +
		"2 210987654321 eni-0f00f00f00f00f001 2001:db8::10 198.51.100.7 55123 22 6 3 180 1795800000 1795800060 REJECT OK\n"
	code, out, errOut := runCLI(t, in, "normalize", "--key", "AWSLogs/210987654321/vpcflowlogs/eu-west-3/2026/11/28/x.log.gz", "-")
	require.Equal(t, exitOK, code, errOut)
	d := docs(t, out)
	require.Len(t, d, 1)
	assert.Equal(t, "2001:db8::10", get(d[0], "source.ip"))
	assert.Equal(t, "failure", get(d[0], "event.outcome"))
	assert.Equal(t, "eu-west-3", get(d[0], "cloud.region"))
	assert.Contains(t, errOut, "read 1, indexed 1, excluded 0, dead-lettered 0")
}

func TestNormalizeDeadLettersExitOne(t *testing.T) {
	dir := t.TempDir()
	path := writeObject(t, dir, "AWSLogs/210987654321/vpcflowlogs/us-east-1/2026/11/28/bad.log",
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"+
			"2 210987654321 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1795800000 1795800060 ACCEPT OK\n"+
			"2 210987654321 eni-1 10.0.0.1 10.0.0.2 notaport 2 6 1 1 1795800000 1795800060 ACCEPT OK\n")
	dlq := filepath.Join(dir, "dead.ndjson")
	out := filepath.Join(dir, "out.ndjson")
	code, _, errOut := runCLI(t, "", "normalize", "-o", out, "--dlq", dlq, path)
	assert.Equal(t, exitDeadLetters, code, errOut)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Len(t, docs(t, string(written)), 1)
	dead, err := os.ReadFile(dlq)
	require.NoError(t, err)
	var dl map[string]any
	require.NoError(t, json.Unmarshal(dead, &dl))
	assert.Equal(t, path, dl["object"])
	assert.EqualValues(t, 2, dl["record"])
	assert.Contains(t, dl["raw"], "notaport")
	assert.Contains(t, dl["reason"], "notaport")
}

func TestNormalizeTruncatedGzipNamesObject(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	lines.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := range 3000 {
		lines.WriteString("2 210987654321 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 ")
		lines.WriteString(strings.Repeat("1", 1+i%7))
		lines.WriteString(" 1795800000 1795800060 ACCEPT OK\n")
	}
	path := writeObject(t, dir, "AWSLogs/210987654321/vpcflowlogs/us-east-1/2026/11/28/cut.log.gz", lines.String())
	full, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, full[:len(full)*2/3], 0o644))
	code, out, errOut := runCLI(t, "", "normalize", path)
	assert.Equal(t, exitDeadLetters, code)
	assert.Contains(t, errOut, path)
	assert.Greater(t, len(docs(t, out)), 100, "records before the break are written")
}
