package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/samplegen"
)

// flowKey is where an S3 delivery of VPC flow logs lands, so that the
// type is detected from the path.
const flowKey = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log"

const flowHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"

// smallFlow is a flow log of two good records and one bad one.
const smallFlow = flowHeader +
	"2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1795800000 1795800060 ACCEPT OK\n" +
	"2 123456789012 eni-1 10.0.0.1 10.0.0.2 notaport 2 6 1 1 1795800000 1795800060 ACCEPT OK\n" +
	"2 123456789012 eni-1 10.0.0.3 10.0.0.4 1 2 6 1 1 1795800000 1795800060 ACCEPT OK\n"

// counts parses the summary line: read, indexed, excluded, dead-lettered
// and the unsettled count (0 when the summary shows none).
func countsOf(t *testing.T, stderr string) (read, indexed, excluded, dead, unsettled int) {
	t.Helper()
	read, indexed, excluded, dead, _ = summary(t, stderr)
	if m := regexp.MustCompile(`UNSETTLED (\d+)`).FindStringSubmatch(stderr); m != nil {
		unsettled, _ = strconv.Atoi(m[1])
	}
	return
}

// dirEntries lists the names in dir, to check that a run left no
// temporary or lock file behind.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestOutputThatIsAnInputIsRefused checks that -o and --dlq never name a
// file the run reads, or each other, however the path is spelled: the
// run stops before writing anything and every file is left as it was.
func TestOutputThatIsAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, smallFlow)
	other := filepath.Join(dir, "other.ndjson")
	require.NoError(t, os.WriteFile(other, []byte("{\"keep\":1}\n"), 0o644))
	link := filepath.Join(dir, "link-to-input")
	require.NoError(t, os.Symlink(in, link))
	hard := filepath.Join(dir, "hard-link-to-input")
	require.NoError(t, os.Link(in, hard))
	dotted := filepath.Join(dir, ".", "AWSLogs", "..", filepath.FromSlash(flowKey))
	fresh := filepath.Join(dir, "fresh.ndjson")

	for name, args := range map[string][]string{
		"-o is the input":                   {"-o", in, in},
		"-o is the input spelled otherwise": {"-o", dotted, in},
		"-o is a symlink to the input":      {"-o", link, in},
		"-o is a hard link to the input":    {"-o", hard, in},
		"--dlq is the input":                {"--dlq", in, in},
		"--dlq is a symlink to the input":   {"-o", fresh, "--dlq", link, in},
		"-o is the second input":            {"--type", "vpcflow", "-o", other, in, other},
		"-o and --dlq are one file":         {"-o", other, "--dlq", other, in},
		"-o and --dlq are one new file":     {"-o", fresh, "--dlq", filepath.Join(dir, ".", "fresh.ndjson"), in},
		"-o and --dlq via a symlink":        {"-o", filepath.Join(dir, "lnk"), "--dlq", other, in},
	} {
		if name == "-o and --dlq via a symlink" {
			require.NoError(t, os.Symlink(other, filepath.Join(dir, "lnk")))
		}
		code, _, stderr := runCLI(t, "", append([]string{"normalize"}, args...)...)
		assert.Equal(t, exitUsage, code, "%s: %s", name, stderr)
		assert.Contains(t, stderr, "same file", name)
		data, err := os.ReadFile(in)
		require.NoError(t, err)
		assert.Equal(t, smallFlow, string(data), "%s: the input is intact", name)
		data, err = os.ReadFile(other)
		require.NoError(t, err)
		assert.Equal(t, "{\"keep\":1}\n", string(data), "%s: the other file is intact", name)
		assert.NoFileExists(t, fresh, name)
		if name == "-o and --dlq via a symlink" {
			os.Remove(filepath.Join(dir, "lnk"))
		}
	}
	assert.ElementsMatch(t, []string{"AWSLogs", "other.ndjson", "link-to-input", "hard-link-to-input"}, dirEntries(t, dir), "no temporary or lock file left")

	// Standard input that is a file named by -o.
	f, err := os.Open(in)
	require.NoError(t, err)
	defer f.Close()
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"normalize", "--type", "vpcflow", "-o", hard, "-"}, f, &out, &errOut)
	assert.Equal(t, exitUsage, code, errOut.String())
	assert.Contains(t, errOut.String(), "is the same file as standard input")
}

// TestOutputReplacesTheFileWhole checks that -o and --dlq replace an
// existing file with the run's output, keeping its permissions and
// leaving no temporary or lock file, and that a new file can be created.
func TestOutputReplacesTheFileWhole(t *testing.T) {
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, smallFlow)
	out := filepath.Join(dir, "out.ndjson")
	require.NoError(t, os.WriteFile(out, []byte("old contents that are longer than what the run writes, to catch a missing truncation\n"), 0o600))
	linkDir := filepath.Join(dir, "linked")
	require.NoError(t, os.Symlink(dir, linkDir))
	outLink := filepath.Join(dir, "out-link")
	require.NoError(t, os.Symlink(out, outLink))
	dlq := filepath.Join(linkDir, "dead.ndjson")

	code, _, stderr := runCLI(t, "", "normalize", "-o", outLink, "--dlq", dlq, in)
	require.Equal(t, exitDeadLetters, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Len(t, docs(t, string(data)), 2)
	assert.NotContains(t, string(data), "old contents")
	st, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "a replaced file keeps its permissions")
	lst, err := os.Lstat(outLink)
	require.NoError(t, err)
	assert.NotZero(t, lst.Mode()&os.ModeSymlink, "a symlink named by -o stays a symlink to the file")
	dead, err := os.ReadFile(filepath.Join(dir, "dead.ndjson"))
	require.NoError(t, err)
	assert.Contains(t, string(dead), "notaport")
	assert.ElementsMatch(t, []string{"AWSLogs", "out.ndjson", "out-link", "linked", "dead.ndjson"}, dirEntries(t, dir))
}

// TestOutputLockedByAnotherRun holds the lock of -o as a running siem
// would: the run must stop at once, naming the file and the holder, and
// leave the file alone.
func TestOutputLockedByAnotherRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock on Windows")
	}
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, smallFlow)
	out := filepath.Join(dir, "out.ndjson")
	require.NoError(t, os.WriteFile(out, []byte("{\"keep\":1}\n"), 0o644))
	lock, err := lockFile(out+".lock", "siem normalize")
	require.NoError(t, err)

	for _, args := range [][]string{{"-o", out, in}, {"-o", filepath.Join(dir, "other"), "--dlq", out, in}} {
		code, _, stderr := runCLI(t, "", append([]string{"normalize"}, args...)...)
		assert.Equal(t, exitUsage, code, stderr)
		assert.Contains(t, stderr, out+": another siem run is writing this file")
		assert.Contains(t, stderr, fmt.Sprintf("pid %d, siem normalize, started", os.Getpid()))
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, "{\"keep\":1}\n", string(data))
	}
	lock.unlock()
	assert.ElementsMatch(t, []string{"AWSLogs", "out.ndjson"}, dirEntries(t, dir), "nothing left behind")

	code, _, stderr := runCLI(t, "", "normalize", "-o", out, in)
	assert.Equal(t, exitDeadLetters, code, "free again: %s", stderr)
}

// TestFullDiskStopsTheRun writes to /dev/full: the first write fails, the
// run stops at once with the summary and exit status 3, and the records
// are not dead-lettered one batch at a time.
func TestFullDiskStopsTheRun(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, string(samplegen.VPCFlow(50_000)))
	dlq := filepath.Join(dir, "dead.ndjson")
	code, _, stderr := runCLI(t, "", "normalize", "-o", "/dev/full", "--dlq", dlq, in)
	assert.Equal(t, exitOutput, code, stderr)
	read, indexed, excluded, dead, unsettled := countsOf(t, stderr)
	assert.Zero(t, dead, "no dead-letter flood")
	assert.Zero(t, indexed)
	assert.Positive(t, unsettled)
	assert.Equal(t, read, indexed+excluded+dead+unsettled)
	assert.Less(t, read, 50_000, "reading stopped at once")
	assert.Contains(t, stderr, "-o /dev/full: write: no space left on device")
	assert.Contains(t, stderr, "the run stopped at once because an output failed")
	assert.Contains(t, stderr, "records were read but not settled")
	assert.NotContains(t, stderr, "internal error")
	assert.NoFileExists(t, dlq, "--dlq is not created by a failed run")
	assert.ElementsMatch(t, []string{"AWSLogs"}, dirEntries(t, dir))
}

// fullWriter accepts limit bytes, then fails like a full disk.
type fullWriter struct {
	limit int
	buf   bytes.Buffer
}

func (w *fullWriter) Write(p []byte) (int, error) {
	room := w.limit - w.buf.Len()
	if len(p) <= room {
		return w.buf.Write(p)
	}
	w.buf.Write(p[:max(room, 0)])
	return max(room, 0), &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestFailingStdoutStopsTheRun fills standard output after 100 kB of
// documents, part-way through the objects: the run stops with exit
// status 3, the later objects are not started, and nothing is
// dead-lettered.
func TestFailingStdoutStopsTheRun(t *testing.T) {
	dir := t.TempDir()
	first := writeObject(t, dir, flowKey, string(samplegen.VPCFlow(20_000)))
	second := writeObject(t, dir, strings.Replace(flowKey, "1a2b3c4d", "5e6f7a8b", 1), smallFlow)
	stdout := &fullWriter{limit: 100 << 10}
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"normalize", first, second}, strings.NewReader(""), stdout, &stderr)
	assert.Equal(t, exitOutput, code, stderr.String())
	_, indexed, _, dead, unsettled := countsOf(t, stderr.String())
	assert.Zero(t, dead, "no dead-letter flood")
	assert.Positive(t, unsettled)
	lines := bytes.Count(stdout.buf.Bytes(), []byte("\n"))
	assert.GreaterOrEqual(t, lines, indexed, "every document counted as indexed was written")
	assert.Contains(t, stderr.String(), "no space left on device")
	assert.Contains(t, stderr.String(), "1 object was not started")
}

// TestDeadLetterFlushFailureKeepsTheOldOutput makes --dlq fail only when
// its buffer is flushed at the end: the run reports it with the summary,
// exits 3, and -o keeps what it held before, since the two files of a run
// are replaced together or not at all.
func TestDeadLetterFlushFailureKeepsTheOldOutput(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, smallFlow)
	out := filepath.Join(dir, "out.ndjson")
	require.NoError(t, os.WriteFile(out, []byte("{\"earlier\":\"run\"}\n"), 0o644))
	code, _, stderr := runCLI(t, "", "normalize", "-o", out, "--dlq", "/dev/full", in)
	assert.Equal(t, exitOutput, code, stderr)
	read, indexed, _, dead, _ := countsOf(t, stderr)
	assert.Equal(t, []int{3, 2, 1}, []int{read, indexed, dead})
	assert.Contains(t, stderr, "writing dead letters: --dlq /dev/full: write: no space left on device")
	assert.Contains(t, stderr, "-o "+out+" was left as it was before this run")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "{\"earlier\":\"run\"}\n", string(data))
	assert.ElementsMatch(t, []string{"AWSLogs", "out.ndjson"}, dirEntries(t, dir))
}

// failingClose is a temporary file whose Close fails, as a file on a
// network file system can when the server refuses the data at last.
type failingClose struct{ *os.File }

func (f failingClose) Close() error {
	f.File.Close()
	return &os.PathError{Op: "close", Path: f.Name(), Err: syscall.EIO}
}

func TestCloseFailureIsReported(t *testing.T) {
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, smallFlow)
	out := filepath.Join(dir, "out.ndjson")
	require.NoError(t, os.WriteFile(out, []byte("{\"earlier\":\"run\"}\n"), 0o644))
	dlq := filepath.Join(dir, "dead.ndjson")

	saved := createTemp
	defer func() { createTemp = saved }()
	createTemp = func(dir, pattern string) (outFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil || !strings.HasPrefix(pattern, ".dead.ndjson") {
			return f, err
		}
		return failingClose{f}, nil
	}
	code, _, stderr := runCLI(t, "", "normalize", "-o", out, "--dlq", dlq, in)
	assert.Equal(t, exitOutput, code, stderr)
	assert.Contains(t, stderr, "--dlq "+dlq+": close ")
	assert.Contains(t, stderr, "input/output error")
	assert.Contains(t, stderr, "an output failed when the run ended")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "{\"earlier\":\"run\"}\n", string(data))
	assert.ElementsMatch(t, []string{"AWSLogs", "out.ndjson"}, dirEntries(t, dir))
}

func TestInterruptedExitCodes(t *testing.T) {
	for sig, want := range map[os.Signal]int{os.Interrupt: 130, syscall.SIGTERM: 143} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(signalCause{sig})
		assert.Equal(t, want, interruptedCode(ctx), "%v", sig)
		assert.True(t, errors.Is(context.Cause(ctx), context.Canceled))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Equal(t, exitInterrupted, interruptedCode(ctx))
}
