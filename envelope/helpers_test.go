package envelope_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// msgType is a log type whose records are whole messages: message holds
// the record, @timestamp the envelope's time (else the ingest time). It
// reads objects in any of the given envelopes.
type msgType struct{ envs []siem.Envelope }

const msgDataset = "test.msg"

func (t msgType) Info() siem.Info {
	return siem.Info{Name: "msg", Dataset: msgDataset, Envelopes: t.envs}
}

func (msgType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), normalizeMsg), nil
}

func (msgType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalizeMsg), nil
}

func normalizeMsg(rec siem.Record, ev *ecs.Event) error {
	t := rec.Ingested
	if rec.Delivery != nil && !rec.Delivery.Time.IsZero() {
		t = rec.Delivery.Time
	}
	ev.Date("@timestamp", t)
	ev.Keyword("event.kind", "event")
	ev.KeywordBytes("message", rec.Data)
	return nil
}

// got is what an envelope's reader yielded: records (their Data copied)
// and record errors, in order.
type got struct {
	recs []parser.Record
	errs []*parser.RecordError
	// order lists, per item, 'r' or 'e'.
	order []byte
	// numbers lists every item's Number in order.
	numbers []int64
	end     error
}

// read opens data (plain) in env as the object key and reads it to the
// end or to a stream error.
func read(t testing.TB, env siem.Envelope, key string, data []byte) *got {
	t.Helper()
	r, err := env.Open(siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	g := &got{}
	for range 10_000_000 {
		rec, err := r.Next()
		if err == io.EOF {
			return g
		}
		if re, ok := parser.AsRecordError(err); ok {
			g.errs = append(g.errs, re)
			g.order = append(g.order, 'e')
			g.numbers = append(g.numbers, re.Number)
			continue
		}
		if err != nil {
			g.end = err
			return g
		}
		rec.Data = bytes.Clone(rec.Data)
		g.recs = append(g.recs, rec)
		g.order = append(g.order, 'r')
		g.numbers = append(g.numbers, rec.Number)
	}
	t.Fatal("reader does not end")
	return nil
}

func (g *got) data() []string {
	var out []string
	for _, r := range g.recs {
		out = append(out, string(r.Data))
	}
	return out
}

func (g *got) reasons() []string {
	var out []string
	for _, e := range g.errs {
		out = append(out, e.Reason)
	}
	return out
}

// checkNumbers checks that items are numbered 1, 2, 3... in order.
func checkNumbers(t *testing.T, g *got) {
	t.Helper()
	for i, n := range g.numbers {
		if n != int64(i+1) {
			t.Fatalf("item %d has Number %d, want %d (numbers %v)", i, n, i+1, g.numbers)
		}
	}
}

func gz(parts ...string) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(p))
		zw.Close()
	}
	return b.Bytes()
}

// runPipeline runs msgType in env over data (plain or compressed) as the
// object key and checks every document against ECS and the envelope's
// vendor schema.
func runPipeline(t *testing.T, env siem.Envelope, key string, data []byte) *siemtest.Result {
	t.Helper()
	res := siemtest.Run(t, msgType{envs: []siem.Envelope{env}}, key, data)
	for _, d := range res.Docs {
		if err := ecs.Validate(d.Body, msgDataset, env.Vendor().Namespace); err != nil {
			t.Errorf("record %d: %v\n%s", d.Source.Record, err, d.Body)
		}
		if err := (siem.Info{Vendor: env.Vendor()}).CheckVendorFields(d.Body); err != nil {
			t.Errorf("record %d: %v", d.Source.Record, err)
		}
	}
	return res
}

// sharedFile reads a file of the shared conformance corpus (next to the
// repository), skipping the test when the corpus is absent, or failing it
// when SIEM_REQUIRE_SHARED is set.
func sharedFile(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shared.Dir(t, "conformance"), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func mustNotEvents(t *testing.T, err error) {
	t.Helper()
	var ne *siem.NotEventsError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v, want *siem.NotEventsError", err)
	}
}
