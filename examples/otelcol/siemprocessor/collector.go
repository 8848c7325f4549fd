package siemprocessor

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/valyala/fastjson"
	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/siem-go/siem"
)

// outcomeKind is what became of one record in the pipeline.
type outcomeKind uint8

const (
	// outcomeNone: no document and no dead letter, so the log type
	// excluded the record (or the run stopped before it settled).
	outcomeNone outcomeKind = iota
	outcomeDocument
	outcomeDeadLetter
)

// outcome is the pipeline's result for one record of a stream.
type outcome struct {
	kind      outcomeKind
	id        string
	route     string
	timestamp time.Time
	// doc is the ECS document as a standalone map, built in the sink
	// call so that the pipeline's workers share the conversion.
	doc    pcommon.Map
	reason string
}

// streamResults collects the outcomes of one stream, indexed by record
// number - 1. Each record settles once, from whichever pipeline goroutine
// handles it; distinct records are distinct slice elements, so no lock is
// needed, and Stream.Close returning orders every write before the reads.
type streamResults struct {
	outcomes []outcome
}

func (s *streamResults) at(record int64) (*outcome, error) {
	if record < 1 || record > int64(len(s.outcomes)) {
		return nil, fmt.Errorf("record %d is outside the %d records added to the stream", record, len(s.outcomes))
	}
	return &s.outcomes[record-1], nil
}

// router is the pipeline's Sink and DeadLetterSink. One pipeline serves
// every ConsumeLogs call at once, so each stream registers its results
// under its object key and the router files each document and dead letter
// with the stream it came from.
type router struct {
	streams sync.Map // object key -> *streamResults
	parsers fastjson.ParserPool
}

func (r *router) open(key string, records int) *streamResults {
	s := &streamResults{outcomes: make([]outcome, records)}
	r.streams.Store(key, s)
	return s
}

func (r *router) close(key string) { r.streams.Delete(key) }

func (r *router) results(pos siem.Position) (*outcome, error) {
	v, ok := r.streams.Load(pos.Object.Key)
	if !ok {
		return nil, fmt.Errorf("%s: no open stream has this key", pos.Object)
	}
	return v.(*streamResults).at(pos.Record)
}

// Write converts each document to a map and files it with its record. A
// document that cannot be converted or filed is rejected, which
// dead-letters it with the reason: never reached in practice, but a
// record must not be lost silently.
func (r *router) Write(_ context.Context, docs []siem.Document) (siem.WriteResult, error) {
	var res siem.WriteResult
	parser := r.parsers.Get()
	defer r.parsers.Put(parser)
	for i, d := range docs {
		o, err := r.results(d.Source)
		if err != nil {
			res.Rejected = append(res.Rejected, siem.Rejection{Doc: i, Reason: err.Error()})
			continue
		}
		doc := pcommon.NewMap()
		if err := putDocument(doc, d.Body, parser); err != nil {
			res.Rejected = append(res.Rejected, siem.Rejection{Doc: i, Reason: err.Error()})
			continue
		}
		*o = outcome{kind: outcomeDocument, id: d.ID, route: d.Route, timestamp: d.Timestamp, doc: doc}
	}
	return res, nil
}

// DeadLetter files the reason a record failed with the record.
func (r *router) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	o, err := r.results(dl.Position)
	if err != nil {
		return fmt.Errorf("dead letter for record %d (%s): %w", dl.Record, dl.Reason, err)
	}
	*o = outcome{kind: outcomeDeadLetter, reason: dl.Reason}
	return nil
}
