package siem_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// numbered returns n lines "<1000+i> w<i>".
func numbered(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d w%d\n", 1000+i, i)
	}
	return b.String()
}

// settled checks that what the sinks hold is exactly what the counts say.
func settled(t *testing.T, counts siem.Counts, s *memSink, d *memDLQ) {
	t.Helper()
	assert.True(t, counts.Reconciled(), counts.String())
	assert.Equal(t, counts.Indexed, int64(len(s.docs)), "documents in the sink")
	assert.Equal(t, counts.DeadLettered, int64(len(d.dls)), "dead letters stored")
}

func TestPipelineRefusesMissingInput(t *testing.T) {
	p := newPipeline(t, &memSink{}, &memDLQ{})
	_, err := p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, nil)
	var oe *siem.ObjectError
	require.ErrorAs(t, err, &oe)
	assert.Contains(t, err.Error(), "nil io.Reader")
	_, err = p.ProcessAs(context.Background(), nil, siem.Object{Key: "t.lines"}, strings.NewReader("1 a\n"))
	assert.ErrorContains(t, err, "nil LogType")
	_, err = siem.NewPipeline(siem.Options{Sink: &memSink{}, DeadLetters: &memDLQ{}, Enrichers: []siem.Enricher{nil}})
	assert.ErrorContains(t, err, "Enrichers[0] is nil")
}

// wordEnricher misbehaves on events whose message is its word.
type wordEnricher struct {
	word string
	// conflict sets a field below message instead of panicking.
	conflict bool
}

func (e wordEnricher) Enrich(_ string, ev *ecs.Event) {
	if msg, _ := ev.LookupString("message"); msg != e.word {
		return
	}
	if e.conflict {
		ev.Keyword("message.inner", "x")
		return
	}
	panic("enricher boom")
}

type politeEnricher struct{}

func (politeEnricher) Enrich(_ string, ev *ecs.Event) { ev.Keyword("labels.enriched", "yes") }

func TestPipelineSurvivesPanickingPlugins(t *testing.T) {
	s, d := &memSink{panicOn: "w2"}, &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 2, BatchRecords: 4,
		Enrichers: []siem.Enricher{politeEnricher{}, wordEnricher{word: "w5"}, wordEnricher{word: "w9", conflict: true}}})
	require.NoError(t, err)
	counts, err := p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(numbered(12)))
	require.NoError(t, err)
	settled(t, counts, s, d)
	assert.Equal(t, int64(12), counts.Read)
	// Record 3 (w2) was in the batch of records 1-4 the sink panicked on;
	// record 6 (w5) met the panicking enricher; record 10 (w9) the
	// conflicting one. Everything else was indexed.
	assert.Equal(t, int64(6), counts.DeadLettered, strings.Join(d.reasons(), "\n"))
	reasons := strings.Join(d.reasons(), "\n")
	assert.Contains(t, reasons, "1:sink failed: internal error: sink *siem_test.memSink panicked on this batch")
	assert.Contains(t, reasons, "6:internal error: enricher siem_test.wordEnricher panicked on this record")
	assert.Contains(t, reasons, `10:internal error: enricher siem_test.wordEnricher set a field the event cannot hold (please report it): field "message" holds a value and is also the parent of "message.inner"`)
	for _, doc := range s.docs {
		assert.Contains(t, string(doc.Body), `"enriched":"yes"`)
	}
}

// panicType panics in Open or, after some records, in Next.
type panicType struct {
	lineType
	inOpen bool
	after  int
}

type panicReader struct {
	siem.ObjectReader
	left int
}

func (r *panicReader) Next() (parser.Record, error) {
	if r.left == 0 {
		panic("reader boom")
	}
	r.left--
	return r.ObjectReader.Next()
}

func (p panicType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	if p.inOpen {
		panic("open boom")
	}
	or, err := p.lineType.Open(obj, r)
	return &panicReader{or, p.after}, err
}

func TestPipelineTurnsTypePanicsIntoObjectErrors(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), panicType{inOpen: true}, siem.Object{Key: "t.lines"}, strings.NewReader(numbered(3)))
	var oe *siem.ObjectError
	require.ErrorAs(t, err, &oe)
	assert.Contains(t, err.Error(), "the lines log type panicked while opening the object")
	assert.Zero(t, counts.Read)

	counts, err = newPipeline(t, s, d).ProcessAs(context.Background(), panicType{after: 5}, siem.Object{Key: "t.lines"}, strings.NewReader(numbered(9)))
	require.ErrorAs(t, err, &oe)
	assert.Contains(t, err.Error(), "the lines log type's reader panicked")
	assert.Equal(t, int64(5), counts.Read)
	assert.Equal(t, int64(5), counts.Indexed, "records before the panic are settled")
}

// cancellingType cancels its run when it reads record number at.
type cancellingType struct {
	lineType
	at     int64
	cancel context.CancelFunc
}

type cancellingReader struct {
	siem.ObjectReader
	t cancellingType
}

func (r cancellingReader) Next() (parser.Record, error) {
	rec, err := r.ObjectReader.Next()
	if rec.Number == r.t.at {
		r.t.cancel()
	}
	return rec, err
}

func (c cancellingType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	or, err := c.lineType.Open(obj, r)
	return cancellingReader{or, c}, err
}

// cancelOnWord cancels the run when it normalizes the record with word.
type cancelOnWord struct {
	word   string
	cancel context.CancelFunc
}

func (c cancelOnWord) Enrich(_ string, ev *ecs.Event) {
	if msg, _ := ev.LookupString("message"); msg == c.word {
		c.cancel()
	}
}

// TestPipelineCancellationSettlesWhatWasRead cancels a run from the
// reader, from a worker and from the sink. Reading stops early each time,
// every record taken is settled, and Read is never adjusted.
func TestPipelineCancellationSettlesWhatWasRead(t *testing.T) {
	const total = 20000
	input := numbered(total)
	run := func(t *testing.T, ctx context.Context, lt siem.LogType, s *memSink, e siem.Enricher, drain time.Duration) (siem.Counts, *memDLQ) {
		d := &memDLQ{}
		opts := siem.Options{Sink: s, DeadLetters: d, Workers: 3, BatchRecords: 16, DrainTimeout: drain}
		if e != nil {
			opts.Enrichers = []siem.Enricher{e}
		}
		p, err := siem.NewPipeline(opts)
		require.NoError(t, err)
		counts, err := p.ProcessAs(ctx, lt, siem.Object{Key: "t.lines"}, strings.NewReader(input))
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, counts.Read, int64(total), "reading stopped early")
		settled(t, counts, s, d)
		return counts, d
	}
	t.Run("reader", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		counts, _ := run(t, ctx, cancellingType{at: 100, cancel: cancel}, &memSink{}, nil, 0)
		assert.Equal(t, int64(100), counts.Read, "the record being read when cancelled is settled, no later one is read")
		assert.Equal(t, int64(100), counts.Indexed)
	})
	t.Run("worker", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		counts, _ := run(t, ctx, lineType{}, &memSink{}, cancelOnWord{"w500", cancel}, 0)
		assert.GreaterOrEqual(t, counts.Read, int64(501))
		assert.Equal(t, counts.Read, counts.Indexed)
	})
	t.Run("sink", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var writes atomic.Int32
		s := &memSink{during: func() {
			if writes.Add(1) == 10 {
				cancel()
			}
		}}
		counts, _ := run(t, ctx, lineType{}, s, nil, 0)
		assert.Equal(t, counts.Read, counts.Indexed, "a sink that ignores cancellation takes everything in flight")
	})
	t.Run("sink that honours cancellation after the drain time", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var writes atomic.Int32
		s := &memSink{honourCtx: true, during: func() {
			if writes.Add(1) == 10 {
				cancel()
				time.Sleep(50 * time.Millisecond) // let the drain time run out
			}
		}}
		counts, d := run(t, ctx, lineType{}, s, nil, time.Millisecond)
		require.NotZero(t, counts.DeadLettered, counts.String())
		assert.Contains(t, d.dls[0].Reason, "the run was cancelled before the sink took the record")
		assert.NotEmpty(t, d.dls[0].Document, "the document travels with it for replay")
	})
}

func TestPipelineStopsAtOnceOnAFatalSinkError(t *testing.T) {
	s, d := &memSink{fail: siem.Fatal(errors.New("write out.ndjson: no space left on device"))}, &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 2, BatchRecords: 16})
	require.NoError(t, err)
	counts, err := p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(numbered(50000)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no space left on device")
	assert.Contains(t, err.Error(), "were read but not settled")
	assert.Zero(t, counts.DeadLettered, "no dead-letter flood")
	assert.Empty(t, d.dls)
	assert.Less(t, counts.Read, int64(1000), "reading stopped within the batches in flight")
	assert.Equal(t, counts.Read, counts.Unsettled())
}

// bigLineType reads lines of up to 1 MiB.
type bigLineType struct{ lineType }

func (bigLineType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{MaxLineBytes: 1 << 20}), normalizeLine), nil
}

func TestPipelineDeadLettersKeepTheBytesAsRead(t *testing.T) {
	s, d := &memSink{reject: "caf\uFFFD"}, &memDLQ{}
	big := "1 " + strings.Repeat("z", 300<<10)
	input := "x\xff\xfe bad\n" + "1 caf\xe9\n" + big + "\n2 ok\n"
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 1, MaxRecordBytes: 200 << 10})
	require.NoError(t, err)
	counts, err := p.ProcessAs(context.Background(), bigLineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(input))
	require.NoError(t, err)
	settled(t, counts, s, d)
	require.Len(t, d.dls, 3, d.reasons())
	byRecord := map[int64]siem.DeadLetter{}
	for _, dl := range d.dls {
		byRecord[dl.Record] = dl
	}
	// A normalizer error and a sink refusal both keep the invalid UTF-8
	// as it was, not the repaired text the normalizer saw.
	assert.Equal(t, []byte("x\xff\xfe bad"), byRecord[1].Raw)
	assert.Equal(t, []byte("1 caf\xe9"), byRecord[2].Raw)
	// An over-long record keeps its start and its size, nothing more.
	assert.Contains(t, byRecord[3].Reason, "longer than the limit of 204800 bytes")
	assert.Len(t, byRecord[3].Raw, 64<<10)
	assert.Equal(t, int64(len(big)), byRecord[3].Size)
	assert.True(t, bytes.HasPrefix([]byte(big), byRecord[3].Raw))
}

func TestPipelineDeadLettersEventsTheBuilderCannotHold(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 conflict\n2 a\n"))
	require.NoError(t, err)
	settled(t, counts, s, d)
	require.Len(t, d.dls, 1)
	assert.Contains(t, d.dls[0].Reason, `the lines normalizer built an invalid event (please report it with this record): field "user" holds a value and is also the parent of "user.name"`)
}

func TestPipelineValidatesOnDemand(t *testing.T) {
	input := "1 badport\n2 a\n"
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(input))
	require.NoError(t, err)
	assert.Equal(t, int64(2), counts.Indexed, "without Validate, a wrong type is indexed as it is")

	s, d = &memSink{}, &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Validate: true})
	require.NoError(t, err)
	counts, err = p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(input))
	require.NoError(t, err)
	settled(t, counts, s, d)
	require.Len(t, d.dls, 1)
	assert.Contains(t, d.dls[0].Reason, "document fails validation")
	assert.Contains(t, d.dls[0].Reason, "source.port")
	assert.Contains(t, d.dls[0].Reason, "event.outcome")
}

func TestPipelineGivesNormalizersTheirContext(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), lineType{}, siem.Object{Bucket: "b", Key: "logs/t.lines"}, strings.NewReader("1 context\n"))
	require.NoError(t, err)
	require.Equal(t, int64(1), counts.Indexed)
	body := string(s.docs[0].Body)
	assert.Contains(t, body, `"path":"logs/t.lines"`)
	assert.Contains(t, body, `"created":"2026-01-01T00:00:00Z"`, "Record.Ingested is the run's ingest time")
}

// testEnvelope wraps lines as "ENV <id> <account> <unix seconds> <message>"
// or "ENV <id> CONTROL".
type testEnvelope struct{}

func (testEnvelope) Name() string { return "test-envelope" }

func (testEnvelope) Sniff(_ string, head []byte) bool { return bytes.HasPrefix(head, []byte("ENV ")) }

func (testEnvelope) Open(_ siem.Object, r io.Reader) (parser.Reader, error) {
	return &envReader{lines: parser.NewLineReader(r, parser.LineOptions{})}, nil
}

func (testEnvelope) Map(d *parser.Delivery, ev *ecs.Event) {
	ev.Keyword("cloud.account.id", d.Meta.(string))
	ev.Keyword("testenv.id", d.ID)
}

func (testEnvelope) Vendor() siem.VendorSchema { return siem.VendorSchema{Namespace: "testenv"} }

type envReader struct{ lines *parser.LineReader }

func (r *envReader) Next() (parser.Record, error) {
	rec, err := r.lines.Next()
	if err != nil {
		return rec, err
	}
	f := strings.SplitN(string(rec.Data), " ", 5)
	d := &parser.Delivery{Envelope: "test-envelope", ID: f[1]}
	rec.Delivery = d
	if f[2] == "CONTROL" {
		d.Exclude = "test-control-message"
		return rec, nil
	}
	sec, _ := strconv.ParseInt(f[3], 10, 64)
	d.Time, d.Meta = time.Unix(sec, 0), f[2]
	rec.Data = []byte(f[4])
	return rec, nil
}

// envLineType is lineType arriving either directly or in testEnvelope.
type envLineType struct{ lineType }

func (envLineType) Info() siem.Info {
	info := lineType{}.Info()
	info.Envelopes = []siem.Envelope{testEnvelope{}}
	return info
}

func (envLineType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalizeLine), nil
}

func TestPipelineReadsEnvelopes(t *testing.T) {
	input := "ENV id1 111111111111 100 5 a\nENV c1 CONTROL health check\nENV id2 111111111111 100 6 account\nENV id3 111111111111 100 7 notime\n"
	s, d := &memSink{}, &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 1, Validate: true})
	require.NoError(t, err)
	counts, err := p.ProcessAs(context.Background(), envLineType{}, siem.Object{Key: "t.lines"}, strings.NewReader(input))
	require.NoError(t, err)
	settled(t, counts, s, d)
	assert.Equal(t, int64(4), counts.Read)
	assert.Equal(t, map[string]int64{"test-control-message": 1}, counts.ExcludedByRule)
	require.Len(t, s.docs, 3)
	bodies := map[string]string{}
	for _, doc := range s.docs {
		bodies[doc.ID] = string(doc.Body)
	}
	// The envelope's id is the document id; its metadata is mapped by
	// the envelope; the record's own values win; the message reaches the
	// normalizer, and event.original, unchanged.
	assert.Contains(t, bodies["id1"], `"account":{"id":"111111111111"}`)
	assert.Contains(t, bodies["id1"], `"testenv":{"id":"id1"}`)
	assert.Contains(t, bodies["id1"], `"original":"5 a"`)
	assert.Contains(t, bodies["id2"], `"account":{"id":"999999999999"}`)
	assert.Contains(t, bodies["id3"], `"@timestamp":"1970-01-01T00:01:40Z"`, "the envelope's time as the explicit fallback")

	// A message without an id of its own is identified by its position
	// too: identical messages are different events.
	s = &memSink{}
	p, err = siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 1})
	require.NoError(t, err)
	_, err = p.ProcessAs(context.Background(), envLineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("ENV  111111111111 100 5 a\nENV  111111111111 100 5 a\n"))
	require.NoError(t, err)
	require.Len(t, s.docs, 2)
	assert.NotEqual(t, s.docs[0].ID, s.docs[1].ID)

	// Without the envelope, the same type reads the object directly.
	s = &memSink{}
	p, err = siem.NewPipeline(siem.Options{Sink: s, DeadLetters: d, Workers: 1, Validate: true})
	require.NoError(t, err)
	counts, err = p.ProcessAs(context.Background(), envLineType{}, siem.Object{Key: "t.lines"}, strings.NewReader("5 a\n"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), counts.Indexed)
	assert.NotContains(t, string(s.docs[0].Body), "testenv")
}

// panicFilter panics on every record.
type panicFilter struct{}

func (panicFilter) Exclude(string, *ecs.Event) string { panic("filter boom") }

func TestFilterPanicDeadLettersRecord(t *testing.T) {
	d := &memDLQ{}
	p, err := siem.NewPipeline(siem.Options{Sink: &memSink{}, DeadLetters: d, Filters: []siem.Filter{panicFilter{}}})
	require.NoError(t, err)
	c, err := p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, strings.NewReader("100 a\n101 b"))
	require.NoError(t, err)
	assert.Equal(t, int64(2), c.DeadLettered)
	require.Len(t, d.dls, 2)
	assert.Contains(t, d.dls[0].Reason, "filter siem_test.panicFilter panicked")
	_, err = siem.NewPipeline(siem.Options{Sink: &memSink{}, DeadLetters: d, Filters: []siem.Filter{nil}})
	assert.ErrorContains(t, err, "Options.Filters[0] is nil")
}

// routingType sends "secure" lines to the route it declares and "astray"
// lines to one it does not.
type routingType struct{}

func (routingType) Info() siem.Info {
	info := lineType{}.Info()
	info.Name = "routing"
	info.Routes = []string{"lines-secure"}
	return info
}

func (routingType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		if err := normalizeLine(rec, ev); err != nil {
			return err
		}
		switch {
		case bytes.HasSuffix(rec.Data, []byte(" secure")):
			ev.SetRoute("lines-secure")
		case bytes.HasSuffix(rec.Data, []byte(" astray")):
			ev.SetRoute("elsewhere")
		}
		return nil
	}), nil
}

func TestPipelineRoutesOnlyWhereTheTypeSaid(t *testing.T) {
	s, d := &memSink{}, &memDLQ{}
	counts, err := newPipeline(t, s, d).ProcessAs(context.Background(), routingType{}, siem.Object{Key: "t.lines"}, strings.NewReader("1 plain\n2 secure\n3 astray\n4 plain\n"))
	require.NoError(t, err)
	settled(t, counts, s, d)
	for _, doc := range s.docs {
		assert.Equal(t, "routing", doc.Type)
		assert.NotContains(t, string(doc.Body), "lines-secure", "the route is not part of the document")
	}
	require.Len(t, s.docs, 3)
	var got []string
	for _, doc := range s.docs {
		got = append(got, fmt.Sprintf("%d:%s", doc.Source.Record, doc.Route))
	}
	assert.ElementsMatch(t, []string{"1:", "2:lines-secure", "4:"}, got, "a reused event forgets the last record's route")
	require.Len(t, d.dls, 1)
	assert.Equal(t, int64(3), d.dls[0].Record)
	assert.Contains(t, d.dls[0].Reason, `routed the document to "elsewhere", which is not one of the type's Info.Routes ["lines-secure"]`)
}
