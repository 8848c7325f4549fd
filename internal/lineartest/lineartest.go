// Package lineartest checks that an operation's cost grows linearly with
// its input, so that a hostile input cannot turn into a denial of service.
//
// It is a ratio test, not a timed test: it measures the same operation on
// an input of size n and of size 8n, on the same machine in the same run,
// and fails only when the larger input costs far more than eight times
// the smaller one (a quadratic cost gives 64 times). Cost is the process's
// CPU time where the system reports it, so that other processes competing
// for the cores do not count, and the least of five interleaved rounds,
// so that a disturbed round does not either; a check fails only when three
// measurements in a row exceed the limit.
package lineartest

import (
	"testing"
	"time"

	"github.com/siem-go/siem/internal/cputime"
)

const (
	// factor is how much larger the second input is.
	factor = 8
	// limit is the cost ratio above which the operation is not linear:
	// far above factor, to absorb noise, far below factor squared.
	limit = 24
	// round is how long one measurement keeps repeating the operation.
	round = 40 * time.Millisecond
)

// Check fails t when op's cost does not grow linearly. input(n) builds
// an input of about n units (records, escapes, fields); op processes it.
// n should make op take at least a few microseconds.
func Check(t testing.TB, n int, input func(n int) []byte, op func([]byte)) {
	t.Helper()
	small, large := input(n), input(n*factor)
	op(small) // warm caches and pools
	op(large)
	// A quadratic cost exceeds the limit every time; a linear one only
	// when something else disturbed the measurement, which seldom
	// happens twice, let alone three times in a row.
	var ts, tl time.Duration
	var ratio float64
	for attempt := 1; attempt <= attempts; attempt++ {
		ts, tl = measure(small, large, op)
		ratio = float64(tl) / float64(max(ts, 1))
		t.Logf("cost for %d units: %v, for %d units: %v (ratio %.1f, linear is about %d)", n, ts, n*factor, tl, ratio, factor)
		if ratio <= limit {
			return
		}
	}
	t.Errorf("cost grows faster than the input: %dx the input took %.1fx the time (%v vs %v) in %d measurements out of %d; linear would be about %dx",
		factor, ratio, tl, ts, attempts, attempts, factor)
}

// attempts is how many measurements must all exceed the limit.
const attempts = 3

// measure returns the least cost per run of op on small and on large
// over five interleaved rounds: the least disturbed by whatever else the
// machine is doing.
func measure(small, large []byte, op func([]byte)) (ts, tl time.Duration) {
	for i := 0; i < 5; i++ {
		s, l := perOp(small, op), perOp(large, op)
		if i == 0 || s < ts {
			ts = s
		}
		if i == 0 || l < tl {
			tl = l
		}
	}
	return ts, tl
}

// perOp runs op on in repeatedly for about one round and returns the
// mean cost per run.
func perOp(in []byte, op func([]byte)) time.Duration {
	runs := 0
	start, cpu0 := time.Now(), cputime.Process()
	for {
		op(in)
		runs++
		if time.Since(start) >= round {
			if cpu := cputime.Process() - cpu0; cpu > 0 {
				return cpu / time.Duration(runs)
			}
			return time.Since(start) / time.Duration(runs)
		}
	}
}
