package w3c_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser/w3c"
)

// AWS's example of a CloudFront standard log frames whole: every data line
// is a record named by its 33 fields (one line ends with a tab, which adds
// an empty 34th field and is tolerated).
func TestConformanceCloudFrontStandardLog(t *testing.T) {
	dir := conformanceDir(t, filepath.Join("raw", "aws_cloudfront"))
	data, err := os.ReadFile(filepath.Join(dir, "awsdocs-cloudfront-standard-log-example.log"))
	require.NoError(t, err)
	r := w3c.NewReader(bytes.NewReader(data), w3c.Options{})
	var fields [][]byte
	records := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		records++
		f := r.Fields(rec)
		require.NotNil(t, f)
		assert.Equal(t, cloudFront33, f.Names())
		fields = r.Split(rec.Data, fields)
		assert.GreaterOrEqual(t, len(fields), 33)
		assert.Regexp(t, `^192\.0\.2\.\d+$`, string(fields[f.Index("c-ip")]))
	}
	// Every line but the two directives.
	assert.Equal(t, bytes.Count(data, []byte("\n"))-2, records)
}

// AWS's catalogue of real-time log fields, used as a configuration naming
// all of them, reads a line holding all of them.
func TestConformanceCloudFrontRealtimeFields(t *testing.T) {
	dir := conformanceDir(t, filepath.Join("raw", "aws_cloudfront"))
	data, err := os.ReadFile(filepath.Join(dir, "awsdocs-cloudfront-realtime-log-fields.txt"))
	require.NoError(t, err)
	names := strings.Fields(string(data))
	require.GreaterOrEqual(t, len(names), 40)
	values := make([]string, len(names))
	for i, n := range names {
		values[i] = "v-" + n
	}
	r := w3c.NewReader(strings.NewReader(strings.Join(values, "\t")+"\n"), w3c.Options{Fields: names})
	rec, err := r.Next()
	require.NoError(t, err)
	f := r.Fields(rec)
	fields := r.Split(rec.Data, nil)
	for _, n := range names {
		assert.Equal(t, "v-"+n, string(fields[f.Index(n)]))
	}
	_, err = r.Next()
	assert.Equal(t, io.EOF, err)
}
