package okta_test

import (
	"os"
	"strings"
	"testing"
)

// TestGuideMatchesExample checks that every Go block of
// docs/third-party-log-types.md is, word for word, code of this package's
// tests (indented one tab deeper there), so that the guide shows code that
// compiles and runs, and cannot drift from it.
func TestGuideMatchesExample(t *testing.T) {
	guide, err := os.ReadFile("../../docs/third-party-log-types.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(guide), "```go\n")[1:]
	if len(blocks) == 0 {
		t.Fatal("the guide has no Go block")
	}
	for i, block := range blocks {
		code, _, ok := strings.Cut(block, "```")
		if !ok {
			t.Fatalf("Go block %d is not closed", i+1)
		}
		var indented strings.Builder
		for _, line := range strings.SplitAfter(code, "\n") {
			if line != "\n" && line != "" {
				indented.WriteByte('\t')
			}
			indented.WriteString(line)
		}
		if !strings.Contains(string(example), indented.String()) {
			t.Errorf("Go block %d of the guide is not in example_test.go (indented one tab):\n%s", i+1, code)
		}
	}
}
