package lineartest

import (
	"bytes"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps whether the check failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}

func TestCheckPassesLinear(t *testing.T) {
	r := &recorder{TB: t}
	Check(r, 20000, func(n int) []byte { return bytes.Repeat([]byte("ab\\n"), n) }, func(b []byte) {
		_ = bytes.Count(b, []byte("\\"))
	})
	if r.failed {
		t.Error("a linear scan was reported as not linear")
	}
}

func TestCheckCatchesQuadratic(t *testing.T) {
	r := &recorder{TB: t}
	// After every backslash, search the rest again: the shape of the
	// quoting bug this package exists to catch.
	Check(r, 2000, func(n int) []byte { return []byte(strings.Repeat(`\n`, n) + `"`) }, func(b []byte) {
		for i := range b {
			if b[i] == '\\' {
				_ = bytes.IndexByte(b[i:], '"')
			}
		}
	})
	if !r.failed {
		t.Error("a quadratic scan passed as linear")
	}
}
