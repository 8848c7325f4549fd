// Package shared finds this repository's shared folder (../shared next
// to the repository: conformance data, GeoIP test databases) from tests.
// It is internal because that layout is this project's, not a user's.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv names the environment variable that turns a missing shared
// folder from a skip into a failure; CI sets it so that conformance tests
// can never be skipped there unnoticed.
const RequireEnv = "SIEM_REQUIRE_SHARED"

// Dir returns the path of sub inside the shared folder, found by walking
// up from the test's working directory to the module root. When it is
// absent the test is skipped with a message, or fails when
// SIEM_REQUIRE_SHARED is set.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		candidate := filepath.Join(dir, "..", "shared", sub)
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(candidate); err == nil {
				return candidate
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	msg := "shared folder " + filepath.Join("..", "shared", sub) + " not found next to the repository; conformance data lives there"
	if os.Getenv(RequireEnv) != "" {
		t.Fatal(msg + " (" + RequireEnv + " is set, so this is a failure)")
	}
	t.Skip(msg)
	return ""
}
