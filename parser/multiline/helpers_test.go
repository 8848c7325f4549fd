package multiline_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/siem-go/siem/internal/readertest"
	"github.com/siem-go/siem/internal/shared"
)

// The helpers every framing's tests share.
type event = readertest.Event

var (
	rec         = readertest.Rec
	recErr      = readertest.RecErr
	collect     = readertest.Collect
	checkEvents = readertest.Check
)

// conformanceDir returns the shared conformance folder's sub, skipping
// the test when it is absent (failing when SIEM_REQUIRE_SHARED is set).
func conformanceDir(t *testing.T, sub string) string {
	return shared.Dir(t, filepath.Join("conformance", sub))
}

func itoa(n int) string { return strconv.Itoa(n) }
