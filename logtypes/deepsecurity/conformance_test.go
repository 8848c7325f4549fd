package deepsecurity_test

import (
	"os"
	"path/filepath"
	"testing"
)

// conformanceDir returns the public conformance corpus (Elastic's test
// fixtures and raw samples). It is found through SIEM_CONFORMANCE_DIR, or
// else in the shared folder beside this repository, with nothing but the
// standard library: this package's tests import no internal package of
// the module, as a type written in another module cannot. When the corpus
// is absent the test is skipped, or fails if SIEM_REQUIRE_SHARED is set
// (as CI does, so that conformance is never skipped there unnoticed).
func conformanceDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SIEM_CONFORMANCE_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "conformance")
	}
	if _, err := os.Stat(dir); err != nil {
		msg := "conformance corpus not found (" + err.Error() + "); set SIEM_CONFORMANCE_DIR to its path"
		if os.Getenv("SIEM_REQUIRE_SHARED") != "" {
			tb.Fatal(msg + " (SIEM_REQUIRE_SHARED is set, so this is a failure)")
		}
		tb.Skip(msg)
	}
	return dir
}
