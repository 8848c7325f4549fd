package siemprocessor

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"

	"github.com/siem-go/siem"
)

// Attributes the processor sets on the records it passes on.
const (
	// attrDocumentID holds the stable document id of a normalized record:
	// the same raw record always gets the same id, so an exporter that
	// uses it as the document _id overwrites instead of duplicating on a
	// retry.
	attrDocumentID = "siem.document_id"
	// attrLogType names the log type the record was read as.
	attrLogType = "siem.log_type"
	// attrRoute names the index family the log type sent the document to
	// instead of its own (siem.Info.Routes), such as linux-secure for an
	// sshd line of a system log; absent for the type's own.
	attrRoute = "siem.route"
	// attrOutcome is "dead_letter" on a record kept by on_failure: keep.
	attrOutcome = "siem.outcome"
	// attrReason says why a kept record could not be normalized.
	attrReason = "siem.reason"

	outcomeDeadLetterValue = "dead_letter"
)

type logsProcessor struct {
	cfg      *Config
	id       component.ID
	types    *siem.Registry
	logType  siem.LogType // nil when every record's type is detected
	router   router
	pipeline *siem.Pipeline
	counters *recordCounters
	seq      atomic.Uint64
}

func newLogsProcessor(set processor.Settings, cfg *Config) (*logsProcessor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("siem processor %s: %w", set.ID, err)
	}
	counters, err := newRecordCounters(set.MeterProvider)
	if err != nil {
		return nil, fmt.Errorf("siem processor %s: creating its metrics: %w", set.ID, err)
	}
	p := &logsProcessor{cfg: cfg, id: set.ID, types: cfg.types(), counters: counters}
	if cfg.LogType != "" {
		p.logType, _ = p.types.Lookup(cfg.LogType) // Validate checked it
	}
	return p, nil
}

// start builds the pipeline that every ConsumeLogs call streams through.
func (p *logsProcessor) start(context.Context, component.Host) error {
	pl, err := siem.NewPipeline(siem.Options{
		Registry:     p.types,
		Sink:         &p.router,
		DeadLetters:  &p.router,
		OmitOriginal: p.cfg.OmitOriginal,
		// A collector batch is often about a thousand records; batches
		// smaller than the pipeline's default spread one call's records
		// over all workers instead of handing them to one.
		BatchRecords: 256,
	})
	if err != nil {
		return fmt.Errorf("siem processor %s: %w", p.id, err)
	}
	p.pipeline = pl
	return nil
}

// member is one log record of a ConsumeLogs call on its way through.
type member struct {
	lr plog.LogRecord
	// flat is the record's position in the call's traversal order, which
	// removal walks again.
	flat int
	// number is the record's number in its type's stream, 0 until added.
	number int64
	// failure is why the record could not be added to a stream.
	failure string
}

// group holds the records of one log type within a call.
type group struct {
	logType siem.LogType
	members []member
	// failure, when set, fails every member: the stream could not open.
	failure string
	results *streamResults
	counts  siem.Counts
}

// consumeLogs normalizes every record of ld, one stream per log type, and
// rewrites the records in place: documents become map bodies, failures
// are kept or dropped per on_failure, exclusions are removed. Nothing is
// changed unless every stream settles, so a failed call can be retried on
// the same data.
func (p *logsProcessor) consumeLogs(ctx context.Context, ld plog.Logs) (plog.Logs, error) {
	if p.pipeline == nil {
		return ld, fmt.Errorf("siem processor %s: ConsumeLogs before Start", p.id)
	}
	groups, order, unresolved := p.groupByType(ld)
	for _, name := range order {
		if err := p.run(ctx, name, groups[name]); err != nil {
			return ld, err
		}
	}
	remove := make([]bool, ld.LogRecordCount())
	for _, name := range order {
		g := groups[name]
		p.apply(g, remove)
		p.counters.add(ctx, name, g.counts)
	}
	if len(unresolved.members) > 0 {
		p.apply(unresolved, remove)
		p.counters.add(ctx, "", unresolved.counts)
	}
	removeRecords(ld, remove)
	if ld.LogRecordCount() == 0 {
		return ld, processorhelper.ErrSkipProcessingData
	}
	return ld, nil
}

// groupByType resolves the log type of every record. Records whose type
// cannot be resolved go to the unresolved group with the reason.
func (p *logsProcessor) groupByType(ld plog.Logs) (groups map[string]*group, order []string, unresolved *group) {
	groups = make(map[string]*group)
	unresolved = &group{}
	detected := make(map[string]detection)
	flat := 0
	rls := ld.ResourceLogs()
	for i := range rls.Len() {
		rl := rls.At(i)
		sls := rl.ScopeLogs()
		for j := range sls.Len() {
			lrs := sls.At(j).LogRecords()
			for k := range lrs.Len() {
				lr := lrs.At(k)
				m := member{lr: lr, flat: flat}
				flat++
				lt, err := p.resolve(lr, rl.Resource(), detected)
				if err != nil {
					m.failure = err.Error()
					unresolved.members = append(unresolved.members, m)
					continue
				}
				name := lt.Info().Name
				g, ok := groups[name]
				if !ok {
					g = &group{logType: lt}
					groups[name] = g
					order = append(order, name)
				}
				g.members = append(g.members, m)
			}
		}
	}
	return groups, order, unresolved
}

// attrString is an attribute's value as text, "" when it is missing.
func attrString(v pcommon.Value, ok bool) string {
	if !ok {
		return ""
	}
	return v.AsString()
}

type detection struct {
	logType siem.LogType
	err     error
}

// resolve picks a record's log type: detected from the configured
// attribute (record first, then resource) when the record has it, else
// the configured log_type.
func (p *logsProcessor) resolve(lr plog.LogRecord, res pcommon.Resource, cache map[string]detection) (siem.LogType, error) {
	attr := p.cfg.DetectFromAttribute
	if attr != "" {
		v, ok := lr.Attributes().Get(attr)
		if !ok {
			v, ok = res.Attributes().Get(attr)
		}
		if key := attrString(v, ok); key != "" {
			d, seen := cache[key]
			if !seen {
				d.logType, d.err = p.types.Detect(siem.Object{Key: key})
				if d.err != nil {
					d.err = fmt.Errorf("detect_from_attribute %s: %w; set log_type for records whose key no type recognises", attr, d.err)
				}
				cache[key] = d
			}
			return d.logType, d.err
		}
	}
	if p.logType != nil {
		return p.logType, nil
	}
	return nil, fmt.Errorf("the record has no %q attribute (on the record or its resource) to detect its log type from, and no log_type is configured as a fallback", attr)
}

// run streams one group's records through the pipeline and keeps their
// outcomes. It returns an error only when the stream could not settle
// (the call's context ended), and then the call fails as a whole.
func (p *logsProcessor) run(ctx context.Context, name string, g *group) error {
	key := p.id.String() + "/" + name + "#" + strconv.FormatUint(p.seq.Add(1), 10)
	g.results = p.router.open(key, len(g.members))
	defer p.router.close(key)
	stream, err := p.pipeline.OpenStream(ctx, g.logType, siem.Object{Key: key}, siem.RunOptions{})
	if err != nil {
		// The type cannot take records one at a time: a setting that
		// can never work for it, reported on each of its records.
		g.failure = err.Error()
		return nil
	}
	var buf []byte
	var added int64
	for i := range g.members {
		m := &g.members[i]
		raw, err := rawRecord(m.lr.Body(), buf)
		if err != nil {
			m.failure = err.Error()
			continue
		}
		buf = raw
		if err := stream.Add(raw); err != nil {
			_, _ = stream.Close()
			return fmt.Errorf("siem processor %s: %s records: %w", p.id, name, err)
		}
		added++
		m.number = added
	}
	counts, err := stream.Close()
	if err != nil {
		return fmt.Errorf("siem processor %s: %s records: %w", p.id, name, err)
	}
	if counts.Unsettled() != 0 {
		return fmt.Errorf("siem processor %s: %s records: %d records did not settle (%s)", p.id, name, counts.Unsettled(), counts)
	}
	g.counts = counts
	return nil
}

// apply writes each member's outcome onto its log record and marks the
// records to remove. It completes the group's counts with the records
// that never reached the pipeline.
func (p *logsProcessor) apply(g *group, remove []bool) {
	name := ""
	if g.logType != nil {
		name = g.logType.Info().Name
	}
	for i := range g.members {
		m := &g.members[i]
		reason := g.failure
		if reason == "" {
			reason = m.failure
		}
		if m.number == 0 {
			g.counts.Read++
			g.counts.DeadLettered++
			p.fail(m, name, reason, remove)
			continue
		}
		o, err := g.results.at(m.number)
		if err != nil {
			g.counts.DeadLettered++ // an accounting slip; never silent
			p.fail(m, name, err.Error(), remove)
			continue
		}
		switch o.kind {
		case outcomeNone:
			remove[m.flat] = true // excluded on purpose, counted by the stream
		case outcomeDeadLetter:
			p.fail(m, name, o.reason, remove)
		case outcomeDocument:
			p.setDocument(m.lr, name, o)
		}
	}
}

func (p *logsProcessor) setDocument(lr plog.LogRecord, name string, o *outcome) {
	o.doc.MoveTo(lr.Body().SetEmptyMap())
	lr.SetTimestamp(pcommon.NewTimestampFromTime(o.timestamp))
	attrs := lr.Attributes()
	attrs.PutStr(attrDocumentID, o.id)
	attrs.PutStr(attrLogType, name)
	if o.route != "" {
		attrs.PutStr(attrRoute, o.route)
	}
	if p.cfg.DocumentIDAttribute != "" {
		attrs.PutStr(p.cfg.DocumentIDAttribute, o.id)
	}
}

// fail applies on_failure to a record that could not be normalized.
func (p *logsProcessor) fail(m *member, name, reason string, remove []bool) {
	if p.cfg.OnFailure == FailureDropAndCount {
		remove[m.flat] = true
		return
	}
	attrs := m.lr.Attributes()
	attrs.PutStr(attrOutcome, outcomeDeadLetterValue)
	attrs.PutStr(attrReason, reason)
	if name != "" {
		attrs.PutStr(attrLogType, name)
	}
}

// removeRecords removes the marked records, walking ld in the order
// groupByType numbered them, and then the scopes and resources left
// empty.
func removeRecords(ld plog.Logs, remove []bool) {
	flat := 0
	ld.ResourceLogs().RemoveIf(func(rl plog.ResourceLogs) bool {
		rl.ScopeLogs().RemoveIf(func(sl plog.ScopeLogs) bool {
			sl.LogRecords().RemoveIf(func(plog.LogRecord) bool {
				r := remove[flat]
				flat++
				return r
			})
			return sl.LogRecords().Len() == 0
		})
		return rl.ScopeLogs().Len() == 0
	})
}
