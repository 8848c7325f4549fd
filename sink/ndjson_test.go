package sink_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
)

func TestNDJSONWritesBatchesWhole(t *testing.T) {
	var buf bytes.Buffer
	s := sink.NewNDJSON(&buf)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs := []siem.Document{{Body: []byte(`{"w":` + string(rune('0'+w)) + `,"i":1}`)}, {Body: []byte(`{"w":` + string(rune('0'+w)) + `,"i":2}`)}}
			rej, err := s.Write(context.Background(), docs)
			assert.NoError(t, err)
			assert.Empty(t, rej)
		}()
	}
	wg.Wait()
	require.NoError(t, s.Flush())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 8)
	for i := 0; i < len(lines); i += 2 {
		// The two documents of one batch stay adjacent.
		assert.Equal(t, lines[i][:6], lines[i+1][:6])
		assert.True(t, json.Valid([]byte(lines[i])))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestNDJSONReportsWriteErrors(t *testing.T) {
	s := sink.NewNDJSON(failingWriter{})
	big := siem.Document{Body: bytes.Repeat([]byte("x"), 300<<10)}
	_, err := s.Write(context.Background(), []siem.Document{big})
	require.ErrorContains(t, err, "disk full")
	_, err = s.Write(context.Background(), []siem.Document{{Body: []byte("{}")}})
	require.ErrorContains(t, err, "disk full", "a failed sink stays failed")
}

func TestDeadLettersKeepRawBytes(t *testing.T) {
	var buf bytes.Buffer
	s := sink.NewDeadLetters(&buf)
	pos := siem.Position{Object: siem.Object{Bucket: "logs", Key: "a/b.log"}, Record: 3, Line: 4, Offset: 99}
	require.NoError(t, s.DeadLetter(context.Background(), siem.DeadLetter{Position: pos, Type: "alb", Reason: "bad \"port\"", Raw: []byte("line with\ttab")}))
	require.NoError(t, s.DeadLetter(context.Background(), siem.DeadLetter{Position: pos, Type: "alb", Reason: "binary", Raw: []byte{0xff, 0x00, 'a'}, Document: []byte(`{"a":1}`)}))
	require.NoError(t, s.Flush())
	assert.EqualValues(t, 2, s.Count())

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	var first, second map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	assert.Equal(t, "s3://logs/a/b.log", first["object"])
	assert.EqualValues(t, 3, first["record"])
	assert.EqualValues(t, 4, first["line"])
	assert.Equal(t, "bad \"port\"", first["reason"])
	assert.Equal(t, "line with\ttab", first["raw"])
	raw, err := base64.StdEncoding.DecodeString(second["raw_base64"].(string))
	require.NoError(t, err)
	assert.Equal(t, []byte{0xff, 0x00, 'a'}, raw, "bytes that are not UTF-8 survive exactly")
	assert.Equal(t, map[string]any{"a": float64(1)}, second["document"])
}
