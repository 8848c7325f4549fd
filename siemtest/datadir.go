package siemtest

import (
	"os"
	"testing"
)

// RequireDataEnv names the environment variable that turns missing test
// data (DataDir) from a skip into a failure. CI sets it, so that
// conformance tests cannot be skipped there unnoticed.
const RequireDataEnv = "SIEM_REQUIRE_SHARED"

// DataDir returns the folder of test data (a conformance corpus, sample
// databases) that the environment variable env names, else fallback.
// When the folder is absent the test is skipped with a message saying
// to set env, or fails when RequireDataEnv is set.
func DataDir(tb testing.TB, env, fallback string) string {
	tb.Helper()
	dir := os.Getenv(env)
	if dir == "" {
		dir = fallback
	}
	if _, err := os.Stat(dir); err != nil {
		msg := "test data not found (" + err.Error() + "); set " + env + " to its folder"
		if os.Getenv(RequireDataEnv) != "" {
			tb.Fatal(msg + " (" + RequireDataEnv + " is set, so this is a failure)")
		}
		tb.Skip(msg)
	}
	return dir
}
