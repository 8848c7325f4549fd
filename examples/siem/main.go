// Command siem normalizes security logs into Elastic Common Schema
// documents.
//
//	siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [--validate] [PATH|-]...
//	siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 --region R [--serverless]] [--rotation monthly] [--dlq FILE] [--validate] [PATH|-]...
//	siem replay [--opensearch URL [auth flags as for ingest] | -o FILE] [--dlq FILE] [--type NAME] [--validate] SOURCE...
//	siem setup --opensearch URL [auth flags as for ingest] [--rotation monthly | --data-streams] [--dry-run]
//	siem types
//
// siem replay re-ingests dead letters, once their cause is fixed: each
// is normalized again from its raw record, as the type it names, and gets
// the document id its record had, so that replaying twice overwrites.
// SOURCE is a dead-letter file, - (standard input) or s3://BUCKET/PREFIX
// (every object under the prefix, read with the AWS SDK's default
// configuration; AWS_ENDPOINT_URL_S3 points it at another S3 server),
// compressed or not. A dead letter that cannot be replayed (unknown type,
// a record only the start of which was kept, a line that is no dead
// letter) is dead-lettered again, counted as read; dead letters written
// by replay keep their record's original object and position.
//
// It is a thin front end over the siem library: everything it does is
// available to programs that import github.com/siem-go/siem.
//
// # Output files
//
// -o and --dlq never destroy what the run was not asked to write. siem
// refuses to start (exit status 2, nothing written) when -o or --dlq is
// the same file as an input, or as each other, or when standard output
// is a regular file that is also an input (siem normalize x >> x): files
// are compared by device and inode, so links and other spellings of a
// path are caught. Devices (/dev/null, /dev/stdout) and pipes are
// written directly and may be shared.
//
// A regular file is written through a temporary file in its directory
// (.FILE.tmp-*), synced and renamed over FILE when the run ends, so that
// readers only ever see a complete FILE. While the run lasts it holds an
// exclusive lock (flock(2), on systems that have it) on FILE.lock, which
// names the run's process; a second run writing the same FILE, as -o or
// as --dlq, stops at once with exit status 2, naming the lock holder. The
// lock file is removed at the end; one left by a killed run locks
// nothing.
//
// What a run leaves in FILE:
//   - a finished run, with or without dead letters or broken objects:
//     everything it read;
//   - an interrupted run (SIGINT or SIGTERM): the documents (and dead
//     letters) of every record it read before the signal, each a complete
//     line, as many as the summary's counts say; run it again to get
//     everything;
//   - a run stopped by an output failure (a full disk, any write, flush,
//     sync or close error on -o, --dlq or standard output): nothing. -o
//     and --dlq are both left as they were before the run (or not
//     created), and the temporary files are removed, so a good file from
//     an earlier run is never replaced by a broken one. Output written
//     directly (standard output, a device) may end with part of a batch.
//
// # Signals
//
// SIGINT (Ctrl-C) and SIGTERM stop reading at once; the records already
// read are normalized and written, the outputs are completed as above and
// the summary, whose counts reconcile, is printed. Records a sink has not
// taken 30 seconds after the signal (a slow cluster) are dead-lettered
// with the interruption as their reason. A second signal ends siem
// immediately, leaving its temporary files behind.
//
// # Exit status
//
//	0    every record was indexed or excluded on purpose
//	1    some records were dead-lettered, or an object was broken (its
//	     records before the break were handled)
//	2    usage error: bad flags, unknown or ambiguous log type, an output
//	     that is an input or is being written by another run; nothing
//	     was written
//	3    an output failed: -o or --dlq could not be created, or a write,
//	     flush, sync or close on -o, --dlq or standard output failed (a
//	     full disk), or a sink reported it can take nothing more
//	     (siem.FatalError). A failure while writing stops the run at
//	     once; records read but not settled are counted as UNSETTLED in
//	     the summary; -o and --dlq were left as they were
//	130  interrupted by SIGINT, 143 by SIGTERM (128 + the signal's
//	     number, as a shell reports a process the signal killed)
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/siem-go/siem"
	_ "github.com/siem-go/siem/logtypes/all"
)

// registry is where the commands find log types; tests replace it.
var registry = siem.Default

// Exit codes: see the package documentation.
const (
	exitOK          = 0
	exitDeadLetters = 1
	exitUsage       = 2
	exitOutput      = 3
	// exitInterrupted is 128 + SIGINT; a run stopped by another signal
	// exits with 128 + its number (143 for SIGTERM).
	exitInterrupted = 130
)

// usageError makes main exit with exitUsage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usage = `usage:
  siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [--validate] [PATH|-]...
      Normalize log objects to ECS JSON, one document per line.
  siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 --region R [--serverless]]
              [--rotation monthly] [--dlq FILE] [--validate] [PATH|-]...
      Normalize log objects and index them into OpenSearch.
  siem replay [--opensearch URL [auth flags as for ingest] | -o FILE] [--dlq FILE] [--type NAME] [--validate] SOURCE...
      Re-normalize dead letters (files, -, or s3://BUCKET/PREFIX) and index or write them.
  siem setup --opensearch URL [auth flags as for ingest] [--rotation monthly | --data-streams] [--dry-run]
      Install the index templates (and ISM rollover policies) for the log types.
  siem ioc fetch|build|lookup|info ...
      Download threat-intelligence feeds and build the indicator database.
  siem types
      List the log types with their key patterns and a sample key.
Run 'siem COMMAND -h' for the flags of a command.

-o and --dlq must differ from every input and from each other; each is
written to a temporary file renamed over it when the run ends, and locked
(FILE.lock) against a second run. SIGINT and SIGTERM stop reading, settle
and write what was read, and print the summary.

Exit status: 0 all records indexed or excluded; 1 some dead-lettered or an
object broken; 2 usage error (nothing written); 3 an output failed (run
stopped, -o and --dlq left as they were); 130 interrupted (SIGINT), 143
terminated (SIGTERM).
`

func main() {
	ctx, stop := notifySignals(context.Background(), os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalCause is the cause of a run's context cancelled by a signal.
type signalCause struct{ sig os.Signal }

func (c signalCause) Error() string { return "interrupted by " + signalName(c.sig) }

// Is makes a signalCause count as context.Canceled.
func (c signalCause) Is(target error) bool { return target == context.Canceled }

func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// notifySignals returns a context cancelled, with a signalCause, by the
// first SIGINT or SIGTERM. After that first one, the signals take their
// default action again: a second one ends the process at once.
func notifySignals(parent context.Context, stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch)
			fmt.Fprintf(stderr, "siem: %s received: stopping; the records already read are being written (signal again to stop at once)\n", signalName(sig))
			cancel(signalCause{sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// interruptedCode is the exit status of a run whose context ended.
func interruptedCode(ctx context.Context) int {
	var sc signalCause
	if errors.As(context.Cause(ctx), &sc) {
		if s, ok := sc.sig.(syscall.Signal); ok && s > 0 && s < 64 {
			return 128 + int(s)
		}
	}
	return exitInterrupted
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "normalize":
		var code int
		code, err = normalize(ctx, args[1:], stdin, stdout, stderr)
		if err == nil {
			return code
		}
	case "ingest":
		var code int
		code, err = ingest(ctx, args[1:], stdin, stderr)
		if err == nil {
			return code
		}
	case "replay":
		var code int
		code, err = replay(ctx, args[1:], stdin, stdout, stderr)
		if err == nil {
			return code
		}
	case "setup":
		err = setup(ctx, args[1:], stdout, stderr)
	case "ioc":
		err = iocCommand(ctx, args[1:], stdout, stderr)
	case "types":
		err = types(stdout)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q", args[0])
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "siem:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	var oe outputError
	if errors.As(err, &oe) {
		return exitOutput
	}
	return exitDeadLetters
}
