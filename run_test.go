package siem_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
)

// ackLog collects acknowledgements and checks they come in order.
type ackLog struct {
	mu   sync.Mutex
	acks []siem.Ack
}

func (a *ackLog) add(ack siem.Ack) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.acks = append(a.acks, ack)
}

// check asserts the acknowledgements are contiguous from record first,
// each balanced, and sum to total.
func (a *ackLog) check(t *testing.T, first int64, total siem.Counts) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	var sum siem.Counts
	next := first
	for _, ack := range a.acks {
		assert.Equal(t, next, ack.First, "acknowledgements out of order: %+v", a.acks)
		assert.LessOrEqual(t, ack.First, ack.Last)
		assert.Equal(t, ack.Last-ack.First+1, ack.Counts.Read, "ack %d-%d", ack.First, ack.Last)
		assert.True(t, ack.Counts.Reconciled(), "ack %d-%d: %v", ack.First, ack.Last, ack.Counts)
		next = ack.Last + 1
		sum.Add(ack.Counts)
	}
	sum.Retried = total.Retried
	assert.Equal(t, total, sum)
}

// lines makes n records of lineType, with some that are excluded,
// dead-lettered by the normalizer, refused by memSink{reject: "b"}, or
// too long for the framing.
func lines(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		word := []string{"a", "skip", "boom", "b", "c", "d", "e"}[i%7]
		out = append(out, fmt.Sprintf("%d %s%d", 1700000000+i, word, i))
	}
	return out
}

func TestStreamMatchesObject(t *testing.T) {
	recs := lines(50)
	objSink, objDLQ := &memSink{}, &memDLQ{}
	want, err := newPipeline(t, objSink, objDLQ).ProcessAs(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, strings.NewReader(strings.Join(recs, "\n")))
	require.NoError(t, err)

	s, d, acks := &memSink{}, &memDLQ{}, &ackLog{}
	st, err := newPipeline(t, s, d).OpenStream(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, siem.RunOptions{OnAck: acks.add})
	require.NoError(t, err)
	for _, r := range recs {
		require.NoError(t, st.Add([]byte(r)))
	}
	got, err := st.Close()
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.True(t, got.Reconciled())
	acks.check(t, 1, got)
	assert.Equal(t, int64(50), acks.acks[len(acks.acks)-1].Last)

	ids := func(docs []siem.Document) []string {
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		slices.Sort(out)
		return out
	}
	assert.Equal(t, ids(objSink.docs), ids(s.docs), "a record gets the same id in a stream as in an object")
	assert.Len(t, d.dls, len(objDLQ.dls))

	_, err = st.Close()
	assert.Error(t, err)
	assert.ErrorContains(t, st.Add([]byte("1 a")), "after Close")
}

func TestStreamMaxDelayFlushesPartialBatch(t *testing.T) {
	arrived := make(chan struct{}, 10)
	s := &memSink{during: func() { arrived <- struct{}{} }}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: &memDLQ{}, BatchRecords: 1000})
	require.NoError(t, err)
	acked := make(chan siem.Ack, 10)
	st, err := p.OpenStream(context.Background(), lineType{}, siem.Object{Key: "topic/0"}, siem.RunOptions{
		MaxDelay: 10 * time.Millisecond, OnAck: func(a siem.Ack) { acked <- a }})
	require.NoError(t, err)
	require.NoError(t, st.Add([]byte("1700000000 a")))
	require.NoError(t, st.Add([]byte("1700000001 c")))
	// Far fewer records than a batch holds, and no Close: only the delay
	// can hand them on. The wait is a deadline for a failure, not a speed
	// goal.
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("records added to a stream never reached the sink before Close")
	}
	select {
	case a := <-acked:
		assert.Equal(t, siem.Ack{First: 1, Last: 2, Counts: siem.Counts{Read: 2, Indexed: 2}}, a)
	case <-time.After(10 * time.Second):
		t.Fatal("no acknowledgement before Close")
	}
	require.NoError(t, st.Add([]byte("1700000002 skip")))
	c, err := st.Close()
	require.NoError(t, err)
	assert.Equal(t, siem.Counts{Read: 3, Indexed: 2, Excluded: 1, ExcludedByRule: map[string]int64{"skip-word": 1}}, c)
	a := <-acked
	assert.Equal(t, int64(3), a.First)
	assert.Equal(t, int64(1), a.Counts.Excluded)
}

func TestStreamStopsOnFatalSinkWithoutAcking(t *testing.T) {
	s := &memSink{fail: siem.Fatal(errors.New("disk full"))}
	acks := &ackLog{}
	st, err := newPipeline(t, s, &memDLQ{}).OpenStream(context.Background(), lineType{}, siem.Object{Key: "t"}, siem.RunOptions{OnAck: acks.add})
	require.NoError(t, err)
	var addErr error
	for _, r := range lines(20) {
		if addErr = st.Add([]byte(r)); addErr != nil {
			break
		}
	}
	c, err := st.Close()
	var oe *siem.ObjectError
	require.ErrorAs(t, err, &oe)
	assert.Positive(t, oe.Unsettled)
	assert.Equal(t, c.Unsettled(), oe.Unsettled)
	for _, a := range acks.acks {
		assert.Zero(t, a.Counts.Indexed, "a batch the sink refused must not be acknowledged as indexed")
	}
}

func TestStreamOnAckPanicStopsRun(t *testing.T) {
	st, err := newPipeline(t, &memSink{}, &memDLQ{}).OpenStream(context.Background(), lineType{}, siem.Object{Key: "t"},
		siem.RunOptions{OnAck: func(siem.Ack) { panic("callback bug") }})
	require.NoError(t, err)
	for _, r := range lines(10) {
		_ = st.Add([]byte(r))
	}
	_, err = st.Close()
	assert.ErrorContains(t, err, "OnAck callback panicked")
}

func TestProcessWithSpansAddUp(t *testing.T) {
	recs := lines(40)
	recs[17] = "not a record line that is far too long for the sixty-four byte framing limit of lineType"
	obj := strings.Join(recs, "\n")

	whole := &memSink{}
	p := newPipeline(t, whole, &memDLQ{})
	want, err := p.ProcessAs(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, strings.NewReader(obj))
	require.NoError(t, err)
	n, err := p.Count(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, strings.NewReader(obj))
	require.NoError(t, err)
	assert.Equal(t, int64(40), n)

	parts := &memSink{}
	pp := newPipeline(t, parts, &memDLQ{})
	var sum siem.Counts
	for _, span := range []siem.Span{{First: 1, Last: 15}, {First: 16, Last: 30}, {First: 31}} {
		acks := &ackLog{}
		c, err := pp.ProcessWith(context.Background(), lineType{}, siem.Object{Key: "x.lines"}, strings.NewReader(obj), siem.RunOptions{Records: span, OnAck: acks.add})
		require.NoError(t, err, span)
		assert.True(t, c.Reconciled())
		acks.check(t, max(span.First, 1), c)
		sum.Add(c)
	}
	assert.Equal(t, want, sum)
	var a, b []string
	for _, d := range whole.docs {
		a = append(a, d.ID)
	}
	for _, d := range parts.docs {
		b = append(b, d.ID)
	}
	assert.ElementsMatch(t, a, b)

	_, err = p.ProcessWith(context.Background(), lineType{}, siem.Object{Key: "x"}, strings.NewReader(obj), siem.RunOptions{Records: siem.Span{First: 5, Last: 2}})
	assert.ErrorContains(t, err, "not a span")
}

// A byte stream that stays open (a socket, a followed file) gets its
// records to the sink after MaxDelay, not at the end of the stream.
func TestProcessWithMaxDelayOnOpenByteStream(t *testing.T) {
	arrived := make(chan struct{}, 10)
	s := &memSink{during: func() { arrived <- struct{}{} }}
	p, err := siem.NewPipeline(siem.Options{Sink: s, DeadLetters: &memDLQ{}, BatchRecords: 1000})
	require.NoError(t, err)
	pr, pw := io.Pipe()
	done := make(chan siem.Counts)
	go func() {
		c, err := p.ProcessWith(context.Background(), lineType{}, siem.Object{Key: "syslog-socket"}, pr, siem.RunOptions{MaxDelay: 10 * time.Millisecond})
		assert.NoError(t, err)
		done <- c
	}()
	_, err = pw.Write([]byte("1700000000 a\n1700000001 b\n"))
	require.NoError(t, err)
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("records of an open stream never reached the sink")
	}
	require.NoError(t, pw.Close())
	assert.Equal(t, int64(2), (<-done).Indexed)
}
