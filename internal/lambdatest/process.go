package lambdatest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Process is a function binary running against a Runtime.
type Process struct {
	cmd  *exec.Cmd
	logs lockedBuffer
	done chan struct{} // closed once the process has exited
	err  error         // cmd.Wait's result, set before done closes
}

// Start runs binary against rt the way Lambda runs a custom runtime's
// bootstrap. The environment is not inherited from the test (as on
// Lambda, only what is set here is there): it holds PATH, TZ=UTC, TMPDIR
// (a test temp dir), LAMBDA_TASK_ROOT (the binary's directory),
// AWS_REGION=us-east-1, AWS_LAMBDA_RUNTIME_API, AWS_LAMBDA_FUNCTION_NAME,
// AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512, AWS_LAMBDA_FUNCTION_VERSION=$LATEST,
// the log group and stream names and _HANDLER=bootstrap, then env, whose
// entries win over those. GOCOVERDIR passes through, so that coverage of
// a binary built with -cover is collected. The process is killed when the
// test ends; if the test failed, its logs are printed then.
func (rt *Runtime) Start(t testing.TB, binary string, env []string) *Process {
	t.Helper()
	abs, err := filepath.Abs(binary)
	if err != nil {
		t.Fatalf("start function %s: %v", binary, err)
	}
	cmd := exec.Command(abs)
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"TZ=UTC",
		"TMPDIR=" + t.TempDir(),
		"LAMBDA_TASK_ROOT=" + filepath.Dir(abs),
		"AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(),
		"AWS_LAMBDA_FUNCTION_NAME=" + FunctionName,
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/" + FunctionName,
		"AWS_LAMBDA_LOG_STREAM_NAME=local/[$LATEST]0",
		"_HANDLER=bootstrap",
	}, env...)
	if dir := os.Getenv("GOCOVERDIR"); dir != "" {
		cmd.Env = append(cmd.Env, "GOCOVERDIR="+dir)
	}
	p := &Process{cmd: cmd, done: make(chan struct{})}
	cmd.Stdout = &p.logs
	cmd.Stderr = &p.logs
	// Should the binary leave a child holding its output open, do not
	// wait for it for ever.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("start function %s: %v (build it first, e.g. go build -tags lambda.norpc -o bootstrap)", binary, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("logs of function %s:\n%s", binary, p.Logs())
		}
	})
	return p
}

// Logs returns everything the function wrote to stdout and stderr that
// has arrived so far. Output travels through a pipe, so a line written
// just before an answer can arrive just after Invoke returns: use
// WaitLogs to wait for a line.
func (p *Process) Logs() string { return p.logs.String() }

// WaitLogs waits up to timeout for the logs to contain substr and
// reports whether they do.
func (p *Process) WaitLogs(substr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		if strings.Contains(p.Logs(), substr) {
			return true
		}
		select {
		case <-p.done:
			// Wait has returned, so every byte of output is in.
			return strings.Contains(p.Logs(), substr)
		default:
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Exited returns a channel that receives the process's exit result once
// it has ended: nil for status 0, else an *exec.ExitError (or the error
// that stopped it being waited for). Every call gets its own channel.
func (p *Process) Exited() <-chan error {
	ch := make(chan error, 1)
	go func() {
		<-p.done
		ch <- p.err
	}()
	return ch
}

// ExitCode returns the exit status once the process has ended: -1 while
// it runs or when a signal ended it.
func (p *Process) ExitCode() int {
	select {
	case <-p.done:
	default:
		return -1
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return exit.ExitCode()
	}
	if p.err == nil {
		return 0
	}
	return -1
}

// lockedBuffer collects stdout and stderr, written from two goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
