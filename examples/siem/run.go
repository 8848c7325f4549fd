package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
)

// processAll runs every object through p, noting skipped and broken
// objects as it goes, and returns the summed counts and how many objects
// failed. It stops early when ctx ends.
func processAll(ctx context.Context, p *siem.Pipeline, objects []input, stdin io.Reader, progress *progress) (siem.Counts, int) {
	var total siem.Counts
	failed := 0
	for _, in := range objects {
		counts, err := in.process(ctx, p, stdin, progress)
		total.Add(counts)
		switch {
		case err == nil:
		case siem.IsNotEvents(err):
			progress.note(fmt.Sprintf("skipped: %v", err))
		default:
			failed++
			progress.note(fmt.Sprintf("error: %v", err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	progress.finish()
	return total, failed
}

// summarize prints the run's counts and enrichment problems and chooses
// the exit code: 0 when every record was indexed or excluded, 1 when some
// were dead-lettered (to dlqName) or an object was broken.
func summarize(ctx context.Context, stderr io.Writer, what string, total siem.Counts, failed int, reporter *enrich.Reporter, dlqName string) (int, error) {
	fmt.Fprintf(stderr, "siem: %s: %v\n", what, total)
	for kind, n := range reporter.Counts() {
		fmt.Fprintf(stderr, "siem: enrichment problem %q: %d events (enriched as far as possible)\n", kind, n)
	}
	if !total.Reconciled() {
		return 0, fmt.Errorf("internal error: counts do not reconcile (%v); please report this", total)
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	if total.DeadLettered > 0 {
		fmt.Fprintf(stderr, "siem: %d records dead-lettered to %s with their reasons; fix the cause and replay them\n", total.DeadLettered, dlqName)
	}
	if total.DeadLettered > 0 || failed > 0 {
		return exitDeadLetters, nil
	}
	return exitOK, nil
}

// openDLQ opens the dead-letter destination: the file named by --dlq, or
// stderr.
func openDLQ(path string, stderr io.Writer) (w io.Writer, name string, closeFn func(), err error) {
	if path == "" {
		return stderr, "stderr", func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, "", nil, err
	}
	return f, path, func() { f.Close() }, nil
}
