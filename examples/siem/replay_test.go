package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/awstest"
	"github.com/siem-go/siem/internal/ostest"
)

// brokenFlowSample is a bundled VPC flow log with seven deliberately
// broken records among ten.
const brokenFlowSample = "../../testdata/AWSLogs/123456789012/vpcflowlogs/us-west-2/2026/11/27/123456789012_vpcflowlogs_us-west-2_fl-0e0e0e0e0e0e0e0e0_20261127T1205Z_deadbeef.log.gz"

const replayFlowKey = "AWSLogs/123456789012/vpcflowlogs/us-west-2/2026/11/27/x.log"

// goodFlowLine is a valid VPC flow log record (default format).
const goodFlowLine = "2 123456789012 eni-0e0e0e0e0e0e00001 10.0.9.1 10.0.9.2 40000 80 6 5 500 1795780800 1795780860 ACCEPT OK"

// deadLetterLine is one line of a dead-letter file as the CLI reads it.
type deadLetterLine struct {
	Object    string          `json:"object"`
	Type      string          `json:"type"`
	Record    int64           `json:"record"`
	Line      int64           `json:"line,omitempty"`
	Offset    int64           `json:"offset"`
	Reason    string          `json:"reason"`
	Raw       *string         `json:"raw,omitempty"`
	RawBase64 string          `json:"raw_base64,omitempty"`
	Size      int64           `json:"size,omitempty"`
	Document  json.RawMessage `json:"document,omitempty"`
}

func readDeadLetters(t *testing.T, path string) []deadLetterLine {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return parseDeadLetters(t, string(data))
}

func parseDeadLetters(t *testing.T, ndjson string) []deadLetterLine {
	t.Helper()
	var out []deadLetterLine
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		if line == "" {
			continue
		}
		var dl deadLetterLine
		require.NoError(t, json.Unmarshal([]byte(line), &dl), line)
		out = append(out, dl)
	}
	return out
}

func letterJSON(t *testing.T, dl deadLetterLine) string {
	t.Helper()
	b, err := json.Marshal(dl)
	require.NoError(t, err)
	return string(b)
}

func strp(s string) *string { return &s }

func gzipped(t *testing.T, data string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(data))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// normalizeBrokenSample dead-letters the broken records of the bundled
// sample and returns the dead-letter file.
func normalizeBrokenSample(t *testing.T, dir string) string {
	t.Helper()
	dlq := filepath.Join(dir, "dead.ndjson")
	code, _, stderr := runCLI(t, "", "normalize", "-o", filepath.Join(dir, "docs.ndjson"), "--dlq", dlq, brokenFlowSample)
	require.Equal(t, exitDeadLetters, code, stderr)
	read, indexed, _, dead, _ := summary(t, stderr)
	require.Equal(t, []int{10, 3, 7}, []int{read, indexed, dead})
	return dlq
}

// TestReplayRoundTrip replays what normalize dead-lettered: the records
// still broken are dead-lettered again where they were, and a record
// fixed by hand becomes the document a normal run of it gives, with the
// same id.
func TestReplayRoundTrip(t *testing.T) {
	dir := t.TempDir()
	dlq := normalizeBrokenSample(t, dir)
	original := readDeadLetters(t, dlq)

	again := filepath.Join(dir, "again.ndjson")
	out := filepath.Join(dir, "replayed.ndjson")
	code, _, stderr := runCLI(t, "", "replay", "-o", out, "--dlq", again, dlq)
	assert.Equal(t, exitDeadLetters, code, stderr)
	read, indexed, excluded, dead, _ := summary(t, stderr)
	assert.Equal(t, []int{7, 0, 0, 7}, []int{read, indexed, excluded, dead})
	replayed := readDeadLetters(t, again)
	require.Len(t, replayed, len(original))
	for i := range original {
		o, r := original[i], replayed[i]
		assert.Equal(t, []any{o.Object, o.Type, o.Record, o.Line, o.Offset, *o.Raw}, []any{r.Object, r.Type, r.Record, r.Line, r.Offset, *r.Raw},
			"dead letter %d keeps its original object and position", i)
	}
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Empty(t, written)

	// A replay of the replay's dead letters works the same.
	code, _, stderr = runCLI(t, "", "replay", "-o", filepath.Join(dir, "twice.ndjson"), "--dlq", filepath.Join(dir, "twice-dead.ndjson"), again)
	assert.Equal(t, exitDeadLetters, code, stderr)
	twice := readDeadLetters(t, filepath.Join(dir, "twice-dead.ndjson"))
	require.Len(t, twice, len(original))
	assert.Equal(t, replayed[3].Record, twice[3].Record)
	assert.Equal(t, replayed[3].Offset, twice[3].Offset)

	// Fix record 3 (a byte count of "5x0") by hand, and replay into a
	// cluster: it is indexed with the id a normal ingest of it gets.
	require.Contains(t, *original[1].Raw, " 5x0 ")
	fixedLine := strings.Replace(*original[1].Raw, " 5x0 ", " 500 ", 1)
	fixed := original[1]
	fixed.Raw = &fixedLine
	fixedFile := filepath.Join(dir, "fixed.ndjson")
	require.NoError(t, os.WriteFile(fixedFile, []byte(letterJSON(t, fixed)+"\n"), 0o644))

	replayCluster := &fakeBulk{ids: map[string]string{}}
	srv := httptest.NewServer(replayCluster)
	defer srv.Close()
	code, _, stderr = runCLI(t, "", "replay", "--opensearch", srv.URL, fixedFile)
	require.Equal(t, exitOK, code, stderr)
	read, indexed, _, _, _ = summary(t, stderr)
	assert.Equal(t, []int{1, 1}, []int{read, indexed})

	ingestCluster := &fakeBulk{ids: map[string]string{}}
	srv2 := httptest.NewServer(ingestCluster)
	defer srv2.Close()
	obj := writeObject(t, dir, replayFlowKey,
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"+fixedLine+"\n")
	code, _, stderr = runCLI(t, "", "ingest", "--opensearch", srv2.URL, obj)
	require.Equal(t, exitOK, code, stderr)
	require.Len(t, ingestCluster.ids, 1)
	assert.Equal(t, ingestCluster.ids, replayCluster.ids, "the replayed record has the _id (and index) of a normal run of it")
}

// TestReplayDeadLetters checks each kind of dead letter: those replayed
// and those dead-lettered again, with where and why.
func TestReplayDeadLetters(t *testing.T) {
	obj := "s3://logs-bucket/" + replayFlowKey
	good := letterJSON(t, deadLetterLine{Object: obj, Type: "vpcflow", Record: 4, Line: 5, Offset: 400, Reason: "cluster down", Raw: strp(goodFlowLine)})
	invalidUTF8 := strings.Replace(goodFlowLine, "eni-0e0e0e0e0e0e00001", "eni-\xff\xfe", 1)
	for _, tc := range []struct {
		name                string
		lines               string
		args                []string
		read, indexed, dead int
		// of the one dead letter written, when dead is 1
		reason string
		object string
		record int64
		size   int64
		// original is part of the replayed document's event.original
		original string
	}{
		{name: "replayable", lines: good + "\n", read: 1, indexed: 1},
		{name: "blank lines and CRLF are no dead letters", lines: "\n" + good + "\r\n\r\n", read: 1, indexed: 1},
		{
			name:  "raw_base64 that is not UTF-8",
			lines: letterJSON(t, deadLetterLine{Object: obj, Type: "vpcflow", Record: 9, Offset: 900, RawBase64: base64.StdEncoding.EncodeToString([]byte(invalidUTF8))}) + "\n",
			read:  1, indexed: 1, original: "eni-\uFFFD",
		},
		{
			name:  "raw_base64 of a good record",
			lines: letterJSON(t, deadLetterLine{Object: obj, Type: "vpcflow", Record: 9, Offset: 900, RawBase64: base64.StdEncoding.EncodeToString([]byte(goodFlowLine))}) + "\n",
			read:  1, indexed: 1, original: goodFlowLine,
		},
		{
			name:  "truncated record",
			lines: letterJSON(t, deadLetterLine{Object: obj, Type: "vpcflow", Record: 2, Offset: 100, Raw: strp(goodFlowLine[:20]), Size: 5 << 20}) + "\n",
			read:  1, dead: 1, reason: "the record is 5242880 bytes long but only its first 20 were kept", object: obj, record: 2, size: 5 << 20,
		},
		{
			name:  "unknown type",
			lines: letterJSON(t, deadLetterLine{Object: obj, Type: "nosuchtype", Record: 3, Offset: 200, Raw: strp(goodFlowLine)}) + "\n",
			read:  1, dead: 1, reason: `unknown log type "nosuchtype"`, object: obj, record: 3,
		},
		{
			name:  "unknown type replayed with --type",
			lines: letterJSON(t, deadLetterLine{Object: obj, Type: "nosuchtype", Record: 3, Offset: 200, Raw: strp(goodFlowLine)}) + "\n",
			args:  []string{"--type", "vpcflow"},
			read:  1, indexed: 1,
		},
		{
			name:  "garbage line",
			lines: good + "\nthis is not JSON\n",
			read:  2, indexed: 1, dead: 1, reason: "line 2 is not a dead letter (not JSON", object: "SOURCE", record: 2,
		},
		{
			name:  "JSON that is no dead letter",
			lines: `{"object":"x","type":"vpcflow","raw":"a"}` + "\n",
			read:  1, dead: 1, reason: `line 1 is not a dead letter (no "record" field)`, object: "SOURCE", record: 1,
		},
		{
			name:  "both raw and raw_base64",
			lines: `{"object":"x","type":"vpcflow","record":1,"raw":"a","raw_base64":"YQ=="}` + "\n",
			read:  1, dead: 1, reason: `both "raw" and "raw_base64"`, object: "SOURCE", record: 1,
		},
		{name: "empty file", lines: "", read: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "dead.ndjson")
			require.NoError(t, os.WriteFile(src, []byte(tc.lines), 0o644))
			dlq := filepath.Join(dir, "again.ndjson")
			out := filepath.Join(dir, "out.ndjson")
			args := append([]string{"replay", "-o", out, "--dlq", dlq}, tc.args...)
			code, _, stderr := runCLI(t, "", append(args, src)...)
			read, indexed, _, dead, _ := summary(t, stderr)
			assert.Equal(t, []int{tc.read, tc.indexed, tc.dead}, []int{read, indexed, dead}, stderr)
			wantCode := exitOK
			if tc.dead > 0 {
				wantCode = exitDeadLetters
			}
			assert.Equal(t, wantCode, code, stderr)
			written, err := os.ReadFile(out)
			require.NoError(t, err)
			replayed := docs(t, string(written))
			assert.Len(t, replayed, tc.indexed)
			if tc.original != "" && len(replayed) == 1 {
				assert.Contains(t, get(replayed[0], "event.original"), tc.original, "the raw record was decoded exactly")
			}
			letters := readDeadLetters(t, dlq)
			require.Len(t, letters, tc.dead)
			if tc.dead == 0 {
				return
			}
			dl := letters[0]
			assert.Contains(t, dl.Reason, tc.reason)
			wantObject := strings.ReplaceAll(tc.object, "SOURCE", src)
			assert.Equal(t, wantObject, dl.Object)
			assert.Equal(t, tc.record, dl.Record)
			assert.Equal(t, tc.size, dl.Size)
			if tc.object == "SOURCE" {
				assert.Contains(t, dl.Reason, src, "names the source")
			}
		})
	}
}

// TestReplayCompressedAndStdin reads dead letters gzip-compressed, from
// a file and from standard input.
func TestReplayCompressedAndStdin(t *testing.T) {
	dir := t.TempDir()
	dlq := normalizeBrokenSample(t, dir)
	data, err := os.ReadFile(dlq)
	require.NoError(t, err)
	// Fix every record the same way the cause would be fixed: keep only
	// the good ones, and add one good record.
	letters := parseDeadLetters(t, string(data))
	plain := string(data) + letterJSON(t, deadLetterLine{Object: letters[0].Object, Type: "vpcflow", Record: 11, Raw: strp(goodFlowLine)}) + "\n"
	gz := filepath.Join(dir, "dead.ndjson.gz")
	require.NoError(t, os.WriteFile(gz, gzipped(t, plain), 0o644))

	for _, tc := range []struct {
		name  string
		stdin string
		src   string
	}{
		{"gzip file", "", gz},
		{"plain stdin", plain, "-"},
		{"gzip stdin", string(gzipped(t, plain)), "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			again := filepath.Join(t.TempDir(), "again.ndjson")
			code, out, stderr := runCLI(t, tc.stdin, "replay", "--dlq", again, tc.src)
			assert.Equal(t, exitDeadLetters, code, stderr)
			read, indexed, _, dead, _ := summary(t, stderr)
			assert.Equal(t, []int{8, 1, 7}, []int{read, indexed, dead})
			d := docs(t, out)
			require.Len(t, d, 1)
			assert.Equal(t, "10.0.9.1", get(d[0], "source.ip"))
			assert.Len(t, readDeadLetters(t, again), 7)
		})
	}
}

func TestReplayUsageErrors(t *testing.T) {
	dir := t.TempDir()
	dlq := filepath.Join(dir, "dead.ndjson")
	require.NoError(t, os.WriteFile(dlq, nil, 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "name the dead letters to replay"},
		{[]string{"--opensearch", "http://127.0.0.1:9", "-o", filepath.Join(dir, "o"), dlq}, "-o and --opensearch exclude each other"},
		{[]string{"--user", "u", dlq}, "--user only applies with --opensearch"},
		{[]string{"--rotation", "daily", dlq}, "--rotation only applies with --opensearch"},
		{[]string{"--type", "nosuch", dlq}, `unknown log type "nosuch"`},
		{[]string{"--dlq", dlq, dlq}, "is the same file as input " + dlq},
		{[]string{"-o", dlq, dlq}, "is the same file as input " + dlq},
		{[]string{dir}, "is a directory"},
		{[]string{filepath.Join(dir, "missing.ndjson")}, "no such file"},
		{[]string{"s3://"}, "names no bucket"},
	} {
		code, _, stderr := runCLI(t, "", append([]string{"replay"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
	data, err := os.ReadFile(dlq)
	require.NoError(t, err)
	assert.Empty(t, data, "a usage error writes nothing")
}

// TestReplayFromS3 replays every object under a prefix of a real
// S3-compatible server, compressed or not, and nothing outside it.
func TestReplayFromS3(t *testing.T) {
	bucket := awstest.Bucket(t, "replay")
	t.Setenv("AWS_ENDPOINT_URL_S3", awstest.S3URL(t))
	t.Setenv("AWS_ACCESS_KEY_ID", awstest.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awstest.SecretAccessKey)
	t.Setenv("AWS_REGION", awstest.Region)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	// Keep a developer's own AWS profile out of the test.
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "")

	obj := "s3://logs/" + replayFlowKey
	letter := func(record int64, raw string) string {
		return letterJSON(t, deadLetterLine{Object: obj, Type: "vpcflow", Record: record, Offset: record * 100, Raw: strp(raw)}) + "\n"
	}
	awstest.Put(t, bucket, "dlq/2026/11/27/a.ndjson", []byte(letter(1, goodFlowLine)+letter(2, "2 broken")))
	awstest.Put(t, bucket, "dlq/2026/11/27/b.ndjson.gz", gzipped(t, letter(3, strings.Replace(goodFlowLine, "40000", "40001", 1))))
	awstest.Put(t, bucket, "other/c.ndjson", []byte(letter(4, goodFlowLine)))

	dir := t.TempDir()
	again := filepath.Join(dir, "again.ndjson")
	code, out, stderr := runCLI(t, "", "replay", "--dlq", again, fmt.Sprintf("s3://%s/dlq/", bucket))
	assert.Equal(t, exitDeadLetters, code, stderr)
	read, indexed, _, dead, _ := summary(t, stderr)
	assert.Equal(t, []int{3, 2, 1}, []int{read, indexed, dead})
	ports := []any{}
	for _, d := range docs(t, out) {
		ports = append(ports, get(d, "source.port"))
	}
	assert.ElementsMatch(t, []any{40000.0, 40001.0}, ports)
	letters := readDeadLetters(t, again)
	require.Len(t, letters, 1)
	assert.Equal(t, obj, letters[0].Object)
	assert.EqualValues(t, 2, letters[0].Record)
	assert.EqualValues(t, 200, letters[0].Offset)

	// A bucket that does not exist breaks the source, not the run.
	code, _, stderr = runCLI(t, "", "replay", "-o", filepath.Join(dir, "none.ndjson"), "s3://"+bucket+"-missing/dlq/")
	assert.Equal(t, exitDeadLetters, code, stderr)
	assert.Contains(t, stderr, "listing s3://"+bucket+"-missing/dlq/")
}

// TestReplayIntoNode replays a fixed dead letter into the real test node
// twice: the document lands once.
func TestReplayIntoNode(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "replay") + "-"
	src := filepath.Join(t.TempDir(), "dead.ndjson")
	line := letterJSON(t, deadLetterLine{Object: "s3://logs/" + replayFlowKey, Type: "vpcflow", Record: 1, Raw: strp(goodFlowLine)})
	require.NoError(t, os.WriteFile(src, []byte(line+"\n"), 0o644))
	args := []string{"replay", "--opensearch", url, "--index-prefix", prefix, src}
	for range 2 {
		code, _, stderr := runCLI(t, "", args...)
		require.Equal(t, exitOK, code, stderr)
		_, indexed, _, _, _ := summary(t, stderr)
		require.Equal(t, 1, indexed)
	}
	assert.EqualValues(t, 1, ostest.Count(t, prefix+"log-aws-vpcflowlogs-*"), "replaying again overwrites")
}

// TestReplayInterrupted: a signal before the first source leaves it
// unread, and the exit status says so.
func TestReplayInterrupted(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "dead.ndjson")
	line := letterJSON(t, deadLetterLine{Object: "s3://logs/" + replayFlowKey, Type: "vpcflow", Record: 1, Raw: strp(goodFlowLine)})
	require.NoError(t, os.WriteFile(src, []byte(line+"\n"), 0o644))
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(signalCause{syscall.SIGTERM})
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"replay", "-o", filepath.Join(dir, "out.ndjson"), src}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, 143, code, errOut.String())
	read, _, _, _, _ := summary(t, errOut.String())
	assert.Zero(t, read)
	assert.Contains(t, errOut.String(), "1 object was not started")
}
