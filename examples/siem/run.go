package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
)

// runResult is what processAll reports of a run.
type runResult struct {
	total   siem.Counts
	objects int
	// failed counts the objects that broke part-way (the records before
	// the break were settled).
	failed int
	// partial counts the objects an interruption stopped part-way, and
	// notStarted those it (or an output failure) kept from starting.
	partial, notStarted int
	// stopped is the error of the object whose output failure stopped
	// the run: a sink's *siem.FatalError or a failing dead-letter sink.
	stopped error
}

// processAll runs every object through p, noting skipped and broken
// objects as it goes. It stops early when ctx ends, and when an object's
// output failed: every later object would fail the same way.
func processAll(ctx context.Context, p *siem.Pipeline, objects []input, stdin io.Reader, progress *progress) runResult {
	res := runResult{objects: len(objects)}
	for i, in := range objects {
		if ctx.Err() != nil || res.stopped != nil {
			res.notStarted = len(objects) - i
			break
		}
		counts, err := in.process(ctx, p, stdin, progress)
		res.total.Add(counts)
		var fatal *siem.FatalError
		switch {
		case err == nil:
		case siem.IsNotEvents(err):
			progress.note(fmt.Sprintf("skipped: %v", err))
		case counts.Unsettled() != 0 || errors.As(err, &fatal):
			// Only a failing sink leaves records unsettled.
			res.stopped = err
			progress.note(fmt.Sprintf("stopped: %v", err))
		case ctx.Err() != nil && errors.Is(err, context.Canceled):
			res.partial++
			progress.note(fmt.Sprintf("interrupted: %v", err))
		default:
			res.failed++
			progress.note(fmt.Sprintf("error: %v", err))
		}
	}
	progress.finish()
	return res
}

// outcome is everything the summary reports of a run.
type outcome struct {
	what string // "3 objects", "3 objects into URL"
	res  runResult
	// outputErrs are failures of the outputs found after the run: a
	// flush, sync, close or rename that failed.
	outputErrs []error
	outs       *outputs
	reporter   *enrich.Reporter
	dlqName    string
}

// summarize prints the run's counts, enrichment problems and what went
// wrong, and chooses the exit status: exitOutput when an output failed,
// 128+signal when a signal stopped the run before its end, exitDeadLetters
// when records were dead-lettered or an object broke, else exitOK.
func summarize(ctx context.Context, stderr io.Writer, o outcome) int {
	res := o.res
	fmt.Fprintf(stderr, "siem: %s: %v\n", o.what, res.total)
	if o.reporter != nil {
		for kind, n := range o.reporter.Problems() {
			fmt.Fprintf(stderr, "siem: enrichment problem %q: %d times (failed lookups or unusable values, one event may have several; those events were enriched as far as possible)\n", kind, n)
		}
	}
	for _, err := range o.outputErrs {
		fmt.Fprintf(stderr, "siem: error: %v\n", err)
	}
	var fates []string
	if o.outs != nil {
		for _, out := range o.outs.list {
			if f := out.fate(); f != "" {
				fates = append(fates, f)
			}
		}
	}

	unsettled := res.total.Unsettled()
	if res.stopped != nil || len(o.outputErrs) > 0 || unsettled != 0 {
		msg := "siem: an output failed when the run ended (see above)"
		if res.stopped != nil || unsettled != 0 {
			msg = "siem: the run stopped at once because an output failed (see above)"
		}
		if unsettled != 0 {
			msg += fmt.Sprintf("; %d records were read but not settled (neither written nor dead-lettered)", unsettled)
		}
		if res.notStarted > 0 {
			msg += fmt.Sprintf("; %s not started", objectsWere(res.notStarted))
		}
		fmt.Fprintln(stderr, msg)
		for _, f := range fates {
			fmt.Fprintln(stderr, "siem:", f)
		}
		fmt.Fprintln(stderr, "siem: fix the cause and run the command again")
		return exitOutput
	}

	if res.total.DeadLettered > 0 {
		fmt.Fprintf(stderr, "siem: %d records dead-lettered to %s with their reasons; fix the cause and replay them\n", res.total.DeadLettered, o.dlqName)
	}
	if ctx.Err() != nil && res.partial+res.notStarted > 0 {
		var left []string
		if res.partial > 0 {
			left = append(left, objectsWere(res.partial)+" stopped part-way")
		}
		if res.notStarted > 0 {
			left = append(left, objectsWere(res.notStarted)+" not started")
		}
		fmt.Fprintf(stderr, "siem: %v: every record read was settled (counted above), but %s; run the command again to process everything\n",
			context.Cause(ctx), strings.Join(left, " and "))
		return interruptedCode(ctx)
	}
	if res.total.DeadLettered > 0 || res.failed > 0 {
		return exitDeadLetters
	}
	return exitOK
}

// objectsWere says "1 object was" or "n objects were".
func objectsWere(n int) string {
	if n == 1 {
		return "1 object was"
	}
	return plural(n, "object") + " were"
}
