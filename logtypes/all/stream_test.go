package all_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/bundled"
	"github.com/siem-go/siem/parser"
)

// collect keeps every document and dead letter of a run.
type collect struct {
	mu   sync.Mutex
	docs map[string]string
	dead int
}

func (c *collect) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range docs {
		c.docs[d.ID] = string(d.Body)
	}
	return siem.WriteResult{}, nil
}

func (c *collect) DeadLetter(context.Context, siem.DeadLetter) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dead++
	return nil
}

// streamDiffers lists the types whose records may depend on what came
// before them in the object, so that records fed one at a time cannot
// always give the object's documents; where they do, they are compared.
var streamDiffers = map[string]string{
	"cloudfront":          "the #Fields header line names the columns; records alone are read in the default 33-field order",
	"cloudfront-realtime": "the field count of the object's lines picks the configured field list",
	"vpcflow":             "the header line names a custom format's fields; records alone are read as a default format, told by their column count",
}

// TestStreamGivesObjectDocuments feeds the records of every bundled
// sample delivered directly (not in an envelope) to a Stream, one at a
// time, and expects exactly the documents that processing the object
// gives: same ids, same bodies.
func TestStreamGivesObjectDocuments(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	reg := siem.Default()
	compared := map[string]int{}
	for _, s := range bundled.Samples(t) {
		obj := siem.Object{Bucket: "bucket", Key: s.Key}
		lt, err := reg.Detect(obj)
		require.NoError(t, err, s.Key)
		name := lt.Info().Name
		data, err := readAll(s)
		require.NoError(t, err)
		recs, enveloped := frame(t, lt, obj, data)
		if enveloped {
			continue
		}

		whole := &collect{docs: map[string]string{}}
		p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: whole, DeadLetters: whole, Now: func() time.Time { return now }})
		require.NoError(t, err)
		if _, err := p.ProcessAs(context.Background(), lt, obj, bytes.NewReader(data)); err != nil && !siem.IsNotEvents(err) {
			var oe *siem.ObjectError
			require.ErrorAs(t, err, &oe, s.Key)
		}

		fed := &collect{docs: map[string]string{}}
		p, err = siem.NewPipeline(siem.Options{Registry: reg, Sink: fed, DeadLetters: fed, Now: func() time.Time { return now }})
		require.NoError(t, err)
		st, err := p.OpenStream(context.Background(), lt, obj, siem.RunOptions{})
		require.NoError(t, err, s.Key)
		for _, r := range recs {
			require.NoError(t, st.Add(r))
		}
		_, err = st.Close()
		require.NoError(t, err, s.Key)

		if why, ok := streamDiffers[name]; ok && !assert.ObjectsAreEqual(whole.docs, fed.docs) {
			t.Logf("%s: %s: differs, as allowed: %s", name, s.Key, why)
			continue
		}
		assert.Equal(t, whole.docs, fed.docs, "%s (%s): records fed one at a time give other documents than the object", s.Key, name)
		compared[name] += len(whole.docs)
	}
	if len(compared) < 20 {
		t.Fatalf("compared the documents of only %d types: %v", len(compared), compared)
	}
	t.Logf("documents compared per type: %v", compared)
}

func readAll(s bundled.Sample) ([]byte, error) {
	f, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// frame returns the records the type's framing reads from the object, or
// enveloped when the object would arrive in one of its envelopes.
func frame(t *testing.T, lt siem.LogType, obj siem.Object, data []byte) (recs [][]byte, enveloped bool) {
	plain, _, err := parser.Decompress(bytes.NewReader(data))
	require.NoError(t, err)
	br := bufio.NewReaderSize(plain, 256<<10)
	head, _ := br.Peek(siem.SniffBytes)
	for _, env := range lt.Info().Envelopes {
		if env.Sniff(obj.Key, head) {
			return nil, true
		}
	}
	or, err := lt.Open(obj, br)
	if err != nil {
		return nil, true // not events (a digest file, say): nothing to feed
	}
	for {
		rec, err := or.Next()
		if err == io.EOF {
			return recs, false
		}
		if err != nil {
			if _, ok := parser.AsRecordError(err); ok {
				continue
			}
			return recs, false
		}
		recs = append(recs, bytes.Clone(rec.Data))
	}
}
