package deepsecurity_test

import (
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/siemtest"
)

// conformanceDir returns the public conformance corpus (Elastic's test
// fixtures and raw samples): SIEM_CONFORMANCE_DIR, or else the shared
// folder beside this repository. A type written in another module finds
// its own data the same way.
func conformanceDir(tb testing.TB) string {
	tb.Helper()
	return siemtest.DataDir(tb, "SIEM_CONFORMANCE_DIR", filepath.Join("..", "..", "..", "shared", "conformance"))
}
