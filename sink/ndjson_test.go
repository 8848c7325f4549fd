package sink_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
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
	var fatal *siem.FatalError
	require.ErrorAs(t, err, &fatal, "a write error stops the run instead of dead-lettering every record")
	_, err = s.Write(context.Background(), []siem.Document{{Body: []byte("{}")}})
	require.ErrorContains(t, err, "disk full", "a failed sink stays failed")
	require.ErrorAs(t, err, &fatal)
	require.ErrorContains(t, s.Flush(), "disk full", "Flush reports the error too")
}

// fullDisk accepts limit bytes, then fails like a full disk.
type fullDisk struct {
	limit  int
	buf    bytes.Buffer
	writes int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	d.writes++
	room := d.limit - d.buf.Len()
	if len(p) <= room {
		return d.buf.Write(p)
	}
	d.buf.Write(p[:max(room, 0)])
	return max(room, 0), &fsPathError{err: syscall.ENOSPC}
}

type fsPathError struct{ err error }

func (e *fsPathError) Error() string { return "write out.ndjson: " + e.err.Error() }
func (e *fsPathError) Unwrap() error { return e.err }

func docsOf(n int, tag string) []siem.Document {
	docs := make([]siem.Document, n)
	for i := range docs {
		docs[i].Body = []byte(fmt.Sprintf(`{"batch":%q,"i":%d}`, tag, i))
	}
	return docs
}

func TestNDJSONFullDiskStopsAtTheFailingBatch(t *testing.T) {
	first := docsOf(3, "a")
	var firstLen int
	for _, d := range first {
		firstLen += len(d.Body) + 1
	}
	// Room for the first batch and one and a half documents of the next.
	disk := &fullDisk{limit: firstLen + 28}
	s := sink.NewNDJSON(disk)

	_, err := s.Write(context.Background(), first)
	require.NoError(t, err)
	assert.Equal(t, firstLen, disk.buf.Len(), "a batch that Write accepted is in the writer already")

	_, err = s.Write(context.Background(), docsOf(4, "b"))
	var fatal *siem.FatalError
	require.ErrorAs(t, err, &fatal)
	assert.ErrorIs(t, err, syscall.ENOSPC)
	assert.Contains(t, err.Error(), "the output holds 1 of the 4 documents of the failed batch and the start of one more, none of them counted as indexed")

	writes := disk.writes
	_, err = s.Write(context.Background(), docsOf(2, "c"))
	require.ErrorAs(t, err, &fatal)
	assert.Equal(t, writes, disk.writes, "a failed sink does not write again")
	assert.ErrorIs(t, s.Flush(), syscall.ENOSPC)
}

// TestNDJSONWritesThrough checks that Write hands each batch to the
// writer before returning: a document counted as indexed is in the
// output, whatever happens to the process afterwards.
func TestNDJSONWritesThrough(t *testing.T) {
	var buf bytes.Buffer
	s := sink.NewNDJSON(&buf)
	_, err := s.Write(context.Background(), docsOf(2, "a"))
	require.NoError(t, err)
	assert.Equal(t, "{\"batch\":\"a\",\"i\":0}\n{\"batch\":\"a\",\"i\":1}\n", buf.String())
}

func TestNDJSONFlushReportsTheWritersFlush(t *testing.T) {
	bw := bufio.NewWriterSize(failingWriter{}, 4096)
	s := sink.NewNDJSON(bw)
	_, err := s.Write(context.Background(), docsOf(2, "a"))
	require.NoError(t, err, "the documents wait in the caller's buffer")
	require.ErrorContains(t, s.Flush(), "disk full")
}

func TestDeadLettersReportWriteErrors(t *testing.T) {
	s := sink.NewDeadLetters(failingWriter{})
	dl := siem.DeadLetter{Position: siem.Position{Object: siem.Object{Key: "k"}, Record: 1}, Reason: "r", Raw: []byte("x")}
	require.NoError(t, s.DeadLetter(context.Background(), dl), "buffered")
	require.ErrorContains(t, s.Flush(), "disk full")
	require.ErrorContains(t, s.DeadLetter(context.Background(), dl), "disk full", "a failed sink stays failed")
	require.ErrorContains(t, s.Flush(), "disk full")
}

func TestDeadLettersKeepTheFullSize(t *testing.T) {
	var buf bytes.Buffer
	s := sink.NewDeadLetters(&buf)
	dl := siem.DeadLetter{Position: siem.Position{Object: siem.Object{Key: "k"}, Record: 1}, Reason: "too long", Raw: []byte("abc"), Size: 5 << 20}
	require.NoError(t, s.DeadLetter(context.Background(), dl))
	dl.Size = 0
	require.NoError(t, s.DeadLetter(context.Background(), dl))
	require.NoError(t, s.Flush())
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	var first, second map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	assert.EqualValues(t, 5<<20, first["size"], "a record cut short says how long it was")
	assert.NotContains(t, second, "size", "a whole record needs no size")
}

// words is a log type of one word per line, for running a pipeline.
type words struct{}

func (words) Info() siem.Info {
	return siem.Info{Name: "words", Dataset: "test.words", KeyPattern: regexp.MustCompile(`\.words$`), SampleKeys: []string{"a.words"}}
}

func (words) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		ev.Date("@timestamp", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
		ev.Keyword("message", string(rec.Data))
		return nil
	}), nil
}

// TestNDJSONFullDiskDoesNotFloodTheDeadLetters runs a pipeline into a
// disk that fills up: the run stops with the failing batch unsettled,
// instead of dead-lettering every later record one batch at a time.
func TestNDJSONFullDiskDoesNotFloodTheDeadLetters(t *testing.T) {
	disk := &fullDisk{limit: 64 << 10}
	docs := sink.NewNDJSON(disk)
	var dead bytes.Buffer
	dlq := sink.NewDeadLetters(&dead)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dlq, Workers: 2, BatchRecords: 100})
	require.NoError(t, err)
	var in strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&in, "word%d\n", i)
	}
	counts, err := p.ProcessAs(context.Background(), words{}, siem.Object{Key: "a.words"}, strings.NewReader(in.String()))
	var fatal *siem.FatalError
	require.ErrorAs(t, err, &fatal)
	assert.ErrorIs(t, err, syscall.ENOSPC)
	require.NoError(t, dlq.Flush())
	assert.Zero(t, counts.DeadLettered, "no dead-letter flood")
	assert.Positive(t, counts.Unsettled())
	assert.Less(t, counts.Read, int64(100_000), "reading stopped early")
	lines := bytes.Count(disk.buf.Bytes(), []byte("\n"))
	assert.GreaterOrEqual(t, lines, int(counts.Indexed), "every document counted as indexed is in the output")
	assert.Less(t, lines, int(counts.Indexed)+100, "and at most part of the failed batch more")
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

// BenchmarkNDJSON measures the sink alone: batches of 1024 documents of
// about 600 bytes, the size of a VPC flow document, into io.Discard.
func BenchmarkNDJSON(b *testing.B) {
	docs := make([]siem.Document, 1024)
	for i := range docs {
		docs[i].Body = bytes.Repeat([]byte("x"), 600)
	}
	s := sink.NewNDJSON(io.Discard)
	b.SetBytes(int64(len(docs) * 601))
	for b.Loop() {
		if _, err := s.Write(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Flush(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}
