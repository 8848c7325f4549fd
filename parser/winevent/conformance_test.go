package winevent

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser"
)

// conformanceFiles returns the files matching pattern in the shared
// conformance folder's sub, skipping the test when it is absent (failing
// when SIEM_REQUIRE_SHARED is set).
func conformanceFiles(t *testing.T, sub, pattern string) []string {
	t.Helper()
	dir := shared.Dir(t, filepath.Join("conformance", sub))
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no %s in %s", pattern, dir)
	return files
}

// TestConformanceWindowsEventXML parses every event of the Winlogbeat
// samples, alone and as one stream.
func TestConformanceWindowsEventXML(t *testing.T) {
	files := conformanceFiles(t, "raw/windows_event_xml", "*.xml")
	var stream bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		stream.Write(data)
		t.Run(filepath.Base(f), func(t *testing.T) {
			e, err := Parse(data)
			require.NoError(t, err)
			assert.NotEmpty(t, e.System.Provider.Name)
			assert.True(t, e.System.Has(FieldEventID))
			assert.NotZero(t, e.System.EventID)
			assert.False(t, e.System.TimeCreated.IsZero(), e.System.SystemTime)
			assert.NotEmpty(t, e.System.Channel)
			assert.NotEmpty(t, e.System.Computer)
			assert.NotEmpty(t, e.EventData.Data)
			for _, d := range e.EventData.Data {
				assert.NotContains(t, d.Value, "\r", "line ends are normalized")
			}
			// Every <Data> is an item, in order.
			assert.Equal(t, bytes.Count(data, []byte("<Data")), len(e.EventData.Data))
		})
	}
	got, err := readAll(t, NewReader(&stream, Options{}))
	assert.Equal(t, io.EOF, err)
	assert.Len(t, got, len(files))
	for _, o := range got {
		assert.Empty(t, o.Reason)
	}
}

// TestConformanceFSxAudit reads the AWS FSx audit samples as Firehose
// delivers them, back to back: each is a record but the one AWS published
// malformed, and a bad time is kept as written.
func TestConformanceFSxAudit(t *testing.T) {
	files := conformanceFiles(t, "raw/aws_fsx_windows_audit", "*.xml")
	var stream bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		stream.Write(data)
	}
	r := NewReader(bytes.NewReader(stream.Bytes()), Options{})
	for i, f := range files {
		name := filepath.Base(f)
		rec, err := r.Next()
		if strings.Contains(name, "MALFORMED") {
			re, ok := parser.AsRecordError(err)
			require.True(t, ok, "%s: %v", name, err)
			assert.Equal(t, int64(i+1), re.Number)
			assert.Contains(t, re.Reason, "malformed XML")
			data, _ := os.ReadFile(f)
			assert.Equal(t, string(bytes.TrimSpace(data)), string(re.Raw))
			continue
		}
		require.NoError(t, err, name)
		assert.Equal(t, int64(i+1), rec.Number, name)
		e := r.Event()
		assert.Equal(t, "Microsoft-Windows-Security-Auditing", e.System.Provider.Name, name)
		assert.Equal(t, "Security", e.System.Channel, name)
		assert.NotEmpty(t, e.EventData.Data, name)
		if e.System.TimeCreated.IsZero() {
			// AWS documents one sample with "2021-0603T...".
			_, err := ParseSystemTime(e.System.SystemTime)
			assert.Error(t, err, name)
			assert.Contains(t, name, "4659")
		}
	}
	_, err := r.Next()
	assert.Equal(t, io.EOF, err)
}
