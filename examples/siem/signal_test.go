//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/samplegen"
)

var (
	binDir  string
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildCLI builds the siem command once for the tests that need a real
// process (signals, locks between processes).
func buildCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the command; skipped with -short")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "siem-cli-test-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "siem")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	require.NoError(t, binErr)
	return binPath
}

// waitFor polls cond until it holds, failing the test after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// tempOutputSize is the size of the temporary file of -o out.ndjson in
// dir, 0 while there is none.
func tempOutputSize(dir string) int64 {
	matches, _ := filepath.Glob(filepath.Join(dir, ".out.ndjson.tmp-*"))
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil {
			return st.Size()
		}
	}
	return 0
}

// TestSignalStopsTheRunCleanly runs the command on two million flow
// records and signals it once it has written its first documents: it must
// stop reading, write what it read, print a summary whose counts
// reconcile, exit with 128 + the signal's number, and leave -o holding
// exactly the documents the summary counts as indexed, each a complete
// line.
func TestSignalStopsTheRunCleanly(t *testing.T) {
	bin := buildCLI(t)
	const records = 2_000_000
	dir := t.TempDir()
	in := writeObject(t, dir, flowKey, string(samplegen.VPCFlow(records)))

	for _, tc := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{{syscall.SIGTERM, "SIGTERM", 143}, {syscall.SIGINT, "SIGINT", 130}} {
		t.Run(tc.name, func(t *testing.T) {
			outDir := t.TempDir()
			out := filepath.Join(outDir, "out.ndjson")
			cmd := exec.Command(bin, "normalize", "-o", out, in)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			waitFor(t, "the first documents", func() bool { return tempOutputSize(outDir) > 0 })
			require.NoError(t, cmd.Process.Signal(tc.sig))
			err := cmd.Wait()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, stderr.String())
			assert.Equal(t, tc.code, exit.ExitCode(), stderr.String())

			read, indexed, excluded, dead, unsettled := countsOf(t, stderr.String())
			assert.Zero(t, unsettled)
			assert.Equal(t, read, indexed+excluded+dead, "the counts reconcile")
			assert.Less(t, read, records, "the signal came mid-run")
			assert.Positive(t, indexed)
			assert.Contains(t, stderr.String(), tc.name+" received: stopping")
			assert.Contains(t, stderr.String(), "interrupted by "+tc.name+": every record read was settled")

			f, err := os.Open(out)
			require.NoError(t, err)
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<20)
			lines := 0
			for sc.Scan() {
				lines++
				if !json.Valid(sc.Bytes()) {
					t.Fatalf("line %d is not a complete JSON document: %.200s", lines, sc.Text())
				}
			}
			require.NoError(t, sc.Err())
			assert.Equal(t, indexed, lines, "-o holds exactly the documents counted as indexed")
			assert.Equal(t, []string{"out.ndjson"}, dirEntries(t, outDir), "no temporary or lock file left")
		})
	}
}

// TestSecondRunIsLockedOut starts a run writing -o that waits on its
// standard input, then a second run writing the same file: the second
// stops at once, naming the file and the first run's process, and the
// first completes untouched.
func TestSecondRunIsLockedOut(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.ndjson")
	first := exec.Command(bin, "normalize", "--type", "vpcflow", "-o", out, "-")
	stdin, err := first.StdinPipe()
	require.NoError(t, err)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	require.NoError(t, first.Start())
	defer first.Process.Kill()
	waitFor(t, "the first run's lock", func() bool {
		b, _ := os.ReadFile(out + ".lock")
		return strings.HasPrefix(string(b), "pid ")
	})

	in := writeObject(t, t.TempDir(), flowKey, smallFlow)
	for _, args := range [][]string{{"-o", out}, {"-o", filepath.Join(dir, "mine.ndjson"), "--dlq", out}} {
		second := exec.Command(bin, append(append([]string{"normalize"}, args...), in)...)
		var secondErr bytes.Buffer
		second.Stderr = &secondErr
		start := time.Now()
		err = second.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		assert.Equal(t, exitUsage, exit.ExitCode())
		assert.Less(t, time.Since(start), 10*time.Second, "at once, without waiting for the lock")
		assert.Contains(t, secondErr.String(), out+": another siem run is writing this file (pid ")
		assert.Contains(t, secondErr.String(), fmt.Sprintf("(pid %d, siem normalize, started ", first.Process.Pid))
	}

	_, err = stdin.Write([]byte(smallFlow))
	require.NoError(t, err)
	require.NoError(t, stdin.Close())
	err = first.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, firstErr.String())
	assert.Equal(t, exitDeadLetters, exit.ExitCode(), firstErr.String())
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(data), "\n"))
	assert.Equal(t, []string{"out.ndjson"}, dirEntries(t, dir), "no lock or temporary file left")
}
