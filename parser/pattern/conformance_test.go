package pattern_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/siem-go/siem/internal/shared"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
	"github.com/siem-go/siem/parser/pattern"
)

// conformanceDir returns the shared conformance folder's sub, skipping
// the test when it is absent (failing when SIEM_REQUIRE_SHARED is set).
func conformanceDir(t *testing.T, sub string) string {
	return shared.Dir(t, filepath.Join("conformance", sub))
}

// expectedCount is the number of documents Elastic expects for an input.
func expectedCount(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct{ Expected []json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &doc))
	return len(doc.Expected)
}

// matchAll frames data with r and matches every record with p; it returns
// the number of records and the names of the patterns that matched.
func matchAll(t *testing.T, name string, r parser.Reader, p matcher) (int, map[string]int) {
	t.Helper()
	var m pattern.Match
	used := map[string]int{}
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return n, used
		}
		require.NoError(t, err)
		n++
		if assert.True(t, p.Match(rec.Data, &m), "%s record %d does not match: %s", name, rec.Number, rec.Data) {
			used[m.Pattern().Name()]++
		}
	}
}

// Elastic's test inputs for Apache and NGINX: every line (every record,
// for the multi-line NGINX error log) matches one of the patterns.
func TestConformance(t *testing.T) {
	tests := []struct {
		dir  string
		p    matcher
		want []string // patterns that must have matched some line
		// elastic: Elastic's expected documents are one per line.
		elastic bool
	}{
		{"elastic-package/apache_access", apacheAccess, []string{"Apache combined log format", "Apache common log format", "Apache vhost_combined log format", "Apache SSL request log format"}, true},
		{"elastic-package/apache_error", apacheError, []string{"Apache error log format"}, true},
		// Elastic's test config joins lines not starting with an IPv4
		// address (multiline), so its expected documents are fewer than
		// the lines: not compared.
		{"elastic-package/nginx_access", nginxAccess, []string{"NGINX main log format", "NGINX log format with leading addresses"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			inputs, err := filepath.Glob(filepath.Join(conformanceDir(t, tt.dir), "*.log"))
			require.NoError(t, err)
			require.NotEmpty(t, inputs)
			used := map[string]int{}
			for _, input := range inputs {
				data, err := os.ReadFile(input)
				require.NoError(t, err)
				n, u := matchAll(t, filepath.Base(input), parser.NewLineReader(bytes.NewReader(data), parser.LineOptions{}), tt.p)
				for k, v := range u {
					used[k] += v
				}
				if tt.elastic {
					assert.Equal(t, expectedCount(t, input+"-expected.json"), n, "%s: records", filepath.Base(input))
				}
			}
			for _, w := range tt.want {
				assert.Positive(t, used[w], "no line matched the %s", w)
			}
		})
	}

	t.Run("elastic-package/nginx_error", func(t *testing.T) {
		input := filepath.Join(conformanceDir(t, "elastic-package/nginx_error"), "test-error-raw.log")
		data, err := os.ReadFile(input)
		require.NoError(t, err)
		// Elastic's multiline setting for this input.
		r, err := multiline.NewReader(bytes.NewReader(data), multiline.Options{Start: regexp.MustCompile(`^\d{4}/\d{2}/\d{2} `)})
		require.NoError(t, err)
		n, _ := matchAll(t, "test-error-raw.log", r, nginxError)
		assert.Equal(t, expectedCount(t, input+"-expected.json"), n)
	})
}
