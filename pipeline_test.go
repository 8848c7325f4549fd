package siem_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// lineType is a tiny log type for testing the pipeline: each line is
// "<unix seconds> <word>". Some words make the normalizer misbehave on
// purpose (see normalizeLine); anything unparseable is an error.
type lineType struct{}

func (lineType) Info() siem.Info {
	return siem.Info{Name: "lines", Dataset: "test.lines", Description: "test lines",
		KeyPattern: regexp.MustCompile(`\.lines$`), SampleKeys: []string{"logs/x.lines"}}
}

func (lineType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{MaxLineBytes: 64}), normalizeLine), nil
}

func normalizeLine(rec siem.Record, ev *ecs.Event) error {
	ts, word, ok := strings.Cut(string(rec.Data), " ")
	if !ok {
		return fmt.Errorf("line %d: want \"<seconds> <word>\"", rec.Line)
	}
	var sec int64
	if _, err := fmt.Sscan(ts, &sec); err != nil {
		return fmt.Errorf("line %d: bad time %q", rec.Line, ts)
	}
	switch word {
	case "skip":
		return siem.Exclude("skip-word")
	case "boom":
		panic("boom")
	case "notime":
		// No time of its own: the envelope's, when there is one.
		if rec.Delivery != nil {
			ev.Date("@timestamp", rec.Delivery.Time)
		}
		ev.Keyword("message", word)
		return nil
	case "conflict":
		ev.Keyword("user", "x")
		ev.Keyword("user.name", "y")
	case "badport":
		ev.Keyword("source.port", "http")
		ev.Keyword("event.outcome", "ok")
	case "context":
		ev.Keyword("file.path", rec.Object.Key)
		ev.Date("event.created", rec.Ingested)
	case "account":
		ev.Keyword("cloud.account.id", "999999999999")
	}
	ev.Date("@timestamp", time.Unix(sec, 0))
	ev.Keyword("message", word)
	return nil
}

// memSink records documents; reject lists words whose documents it refuses.
type memSink struct {
	mu     sync.Mutex
	docs   []siem.Document
	reject string
	fail   error
	// panicOn makes Write panic on a batch holding that word.
	panicOn string
	// honourCtx makes Write fail once its context is done, as a network
	// sink does.
	honourCtx bool
	// during runs inside every Write, before anything else.
	during func()
}

func (s *memSink) Write(ctx context.Context, docs []siem.Document) (siem.WriteResult, error) {
	if s.during != nil {
		s.during()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return siem.WriteResult{}, s.fail
	}
	if s.honourCtx && ctx.Err() != nil {
		return siem.WriteResult{}, ctx.Err()
	}
	for _, d := range docs {
		if s.panicOn != "" && bytes.Contains(d.Body, []byte(`"message":"`+s.panicOn+`"`)) {
			panic("sink boom")
		}
	}
	var rej []siem.Rejection
	for i, d := range docs {
		if s.reject != "" && bytes.Contains(d.Body, []byte(`"message":"`+s.reject+`"`)) {
			rej = append(rej, siem.Rejection{Doc: i, Reason: "refused " + s.reject})
			continue
		}
		d.Body = bytes.Clone(d.Body)
		s.docs = append(s.docs, d)
	}
	// Pretend each refusal cost one retry first, to check the tally.
	return siem.WriteResult{Rejected: rej, Retries: int64(len(rej))}, nil
}

type memDLQ struct {
	mu    sync.Mutex
	dls   []siem.DeadLetter
	fail  error
	panic bool
}

func (s *memDLQ) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.panic {
		panic("dead-letter boom")
	}
	if s.fail != nil {
		return s.fail
	}
	dl.Raw = bytes.Clone(dl.Raw)
	s.dls = append(s.dls, dl)
	return nil
}

func (s *memDLQ) reasons() []string {
	var out []string
	for _, d := range s.dls {
		out = append(out, fmt.Sprintf("%d:%s", d.Record, d.Reason))
	}
	return out
}

func newPipeline(t *testing.T, s siem.Sink, d siem.DeadLetterSink) *siem.Pipeline {
	t.Helper()
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 3, BatchRecords: 2,
		Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	return p
}

func TestPipelineOutcomes(t *testing.T) {
	input := "100 a\n101 skip\nbad\n102 boom\n103 b\n" + strings.Repeat("x", 100) + "\n104 c"
	s, d := &memSink{reject: "b"}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(input))
	require.NoError(t, err)
	assert.Equal(t, int64(7), counts.Read)
	assert.Equal(t, int64(2), counts.Indexed, "a and c")
	assert.Equal(t, map[string]int64{"skip-word": 1}, counts.ExcludedByRule)
	assert.Equal(t, int64(4), counts.DeadLettered, "bad, boom, over-long, refused b")
	assert.Equal(t, int64(1), counts.Retried, "retries reported by the sink are tallied")
	assert.True(t, counts.Reconciled(), counts.String())
	reasons := strings.Join(d.reasons(), "\n")
	assert.Contains(t, reasons, "3:line 3: want")
	assert.Contains(t, reasons, "4:internal error in lines normalizer")
	assert.Contains(t, reasons, "5:refused b")
	assert.Contains(t, reasons, "6:line longer than 64 bytes")
	for _, dl := range d.dls {
		if dl.Record == 5 {
			assert.Contains(t, string(dl.Document), `"message":"b"`, "a refused document is dead-lettered with its body")
		}
	}
	require.Len(t, s.docs, 2)
	for _, doc := range s.docs {
		require.NoError(t, ecs.Validate(doc.Body))
		assert.Contains(t, string(doc.Body), `"dataset":"test.lines"`)
		assert.Contains(t, string(doc.Body), `"module":"test"`)
		assert.Contains(t, string(doc.Body), `"ingested":"2026-01-01T00:00:00Z"`)
		assert.Len(t, doc.ID, 22)
	}
}

func TestPipelineStableIDs(t *testing.T) {
	ids := func() []string {
		s := &memSink{}
		_, err := newPipeline(t, s, &memDLQ{}).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 a\n2 b\n"))
		require.NoError(t, err)
		var out []string
		for _, d := range s.docs {
			out = append(out, d.ID)
		}
		return out
	}
	first, second := ids(), ids()
	assert.ElementsMatch(t, first, second)
	assert.NotEqual(t, first[0], first[1])
}

func TestPipelineTruncatedGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := range 2000 {
		fmt.Fprintf(zw, "%d word%d\n", 1000+i, i)
	}
	require.NoError(t, zw.Close())
	cut := buf.Bytes()[:buf.Len()/2]
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "cut.lines"}, bytes.NewReader(cut))
	var oe *siem.ObjectError
	require.ErrorAs(t, err, &oe)
	assert.Contains(t, err.Error(), "cut.lines")
	assert.Greater(t, counts.Indexed, int64(100), "records before the break are indexed")
	assert.True(t, counts.Reconciled(), counts.String())
}

func TestPipelineInvalidUTF8IsRepairedAndTagged(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 caf\xe9\n"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), counts.Indexed)
	body := string(s.docs[0].Body)
	assert.Contains(t, body, `"message":"caf`+"\uFFFD"+`"`)
	assert.Contains(t, body, `"tags":["`+siem.RepairedTag+`"]`)
}

func TestPipelineSinkFailureDeadLettersBatch(t *testing.T) {
	s, d := &memSink{fail: errors.New("disk full")}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 a\n2 b\n3 c\n"))
	require.NoError(t, err)
	assert.Equal(t, int64(3), counts.DeadLettered)
	assert.True(t, counts.Reconciled())
	assert.Contains(t, d.dls[0].Reason, "disk full")
}

func TestPipelineDeadLetterFailureStops(t *testing.T) {
	for _, d := range []*memDLQ{{fail: errors.New("queue gone")}, {panic: true}} {
		s := &memSink{}
		counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 a\nbad\n2 b\n"))
		require.Error(t, err)
		if d.panic {
			assert.Contains(t, err.Error(), "dead-letter sink *siem_test.memDLQ panicked")
		} else {
			assert.Contains(t, err.Error(), "queue gone")
		}
		// The bad record could not be stored: it is read but unsettled,
		// and the counts say so instead of pretending it was never read.
		assert.Equal(t, int64(3), counts.Read)
		assert.Zero(t, counts.DeadLettered)
		assert.Positive(t, counts.Unsettled(), counts.String())
		assert.Equal(t, int64(3), counts.Indexed+counts.Unsettled(), counts.String())
		assert.Contains(t, err.Error(), fmt.Sprintf("%d records were read but not settled", counts.Unsettled()))
	}
}

func TestProcessDetectsType(t *testing.T) {
	reg := siem.NewRegistry()
	require.NoError(t, reg.Register(lineType{}))
	s, d := &memSink{}, &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: s, DeadLetters: d})
	require.NoError(t, err)
	counts, err := p.Process(context.Background(), siem.Object{Key: "logs/x.lines"}, strings.NewReader("1 a\n"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), counts.Indexed)

	_, err = p.Process(context.Background(), siem.Object{Bucket: "b", Key: "logs/x.txt"}, strings.NewReader("1 a\n"))
	var ue *siem.UnknownTypeError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "s3://b/logs/x.txt")
	assert.Contains(t, err.Error(), "ProcessAs")
}

func TestNewPipelineRequiresSinks(t *testing.T) {
	_, err := siem.NewPipeline(siem.Options{Sink: &memSink{}})
	assert.ErrorContains(t, err, "DeadLetters")
	_, err = siem.NewPipeline(siem.Options{DeadLetters: &memDLQ{}})
	assert.ErrorContains(t, err, "Sink")
}

func TestPipelineDeadLettersEventsWithoutTimestamp(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 a\n2 notime\n"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), counts.Indexed)
	require.Len(t, d.dls, 1)
	assert.Contains(t, d.dls[0].Reason, "no @timestamp")
	assert.Equal(t, "2 notime", string(d.dls[0].Raw))
}
