package ioc

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// DefaultFields returns the event fields matched when Config.Fields is
// empty: the addresses and names of both ends of a connection and DNS
// questions, narrowed for log types that fill only some of them.
func DefaultFields() enrich.Fields {
	return enrich.Fields{
		Default: []string{
			"source.ip", "destination.ip", "client.ip", "server.ip",
			"url.domain", "destination.domain", "dns.question.name",
		},
		ByType: map[string][]string{
			"cloudtrail": {"source.ip"},
			"vpcflow":    {"source.ip", "destination.ip"},
			"alb":        {"source.ip", "url.domain"},
			"nlb":        {"source.ip", "url.domain"},
			"clb":        {"source.ip", "url.domain"},
		},
	}
}

// DefaultReloadInterval is how often Open's enricher checks whether its
// database file was replaced.
const DefaultReloadInterval = time.Minute

// MaxEnrichments caps the matches written into one event, so that an
// address listed by many overlapping feeds cannot bloat a document. Extra
// matches are counted by the Reporter.
const MaxEnrichments = 32

// MatchType is the threat.enrichments.matched.type written with every
// match: ECS's example value, which Elastic Security uses for matches of
// events against indicator lists.
const MatchType = "indicator_match_rule"

// Config configures an Enricher.
type Config struct {
	// Fields lists the event fields to match; empty means DefaultFields().
	// A field may hold an address, a domain name or a URL (matched by its
	// host), or an array of them.
	Fields enrich.Fields
	// Reporter counts problems such as a failed reload; nil means a
	// Reporter that logs to slog.Default.
	Reporter *enrich.Reporter
	// ReloadInterval is how often Open's enricher checks its file for a
	// replacement; 0 means DefaultReloadInterval and a negative value
	// turns reloading off.
	ReloadInterval time.Duration
}

// Enricher matches event fields against an indicator database and adds
// one ECS threat.enrichments entry per match. It is safe for concurrent
// use. Enrichers made by Open reload their file when it is replaced.
type Enricher struct {
	fields enrich.Fields
	rep    *enrich.Reporter
	db     atomic.Pointer[DB]

	path   string
	mu     sync.Mutex // serializes reloads
	loaded os.FileInfo
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
}

// New returns an enricher over a database already loaded. It never
// reloads.
func New(db *DB, cfg Config) *Enricher {
	e := newEnricher(cfg)
	e.db.Store(db)
	return e
}

func newEnricher(cfg Config) *Enricher {
	e := &Enricher{fields: cfg.Fields, rep: cfg.Reporter}
	if len(e.fields.Default) == 0 && len(e.fields.ByType) == 0 {
		e.fields = DefaultFields()
	}
	if e.rep == nil {
		e.rep = &enrich.Reporter{}
	}
	return e
}

// Open loads the database at path and returns an enricher that checks
// every cfg.ReloadInterval whether the file was replaced or rewritten,
// and if so loads it and swaps it in. Events being enriched during a swap
// see either database, never a mix. A replacement that cannot be loaded
// is reported and the current database kept. Close stops the checks.
func Open(path string, cfg Config) (*Enricher, error) {
	e := newEnricher(cfg)
	e.path = path
	if _, err := e.Reload(); err != nil {
		return nil, err
	}
	interval := cfg.ReloadInterval
	if interval == 0 {
		interval = DefaultReloadInterval
	}
	if interval > 0 {
		e.stop, e.done = make(chan struct{}), make(chan struct{})
		go e.watch(interval)
	}
	return e, nil
}

func (e *Enricher) watch(interval time.Duration) {
	defer close(e.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-t.C:
			if _, err := e.Reload(); err != nil {
				e.rep.Report("ioc: database reload failed, the previous one stays in use", err)
			}
		}
	}
}

// Reload loads the database file again if it changed since it was last
// loaded (another file renamed over it, or a new size or modification
// time), and reports whether it did. A file that fails to load is not
// tried again until it changes. Enrichers made by New have no file and
// never reload.
func (e *Enricher) Reload() (bool, error) {
	if e.path == "" {
		return false, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	st, err := os.Stat(e.path)
	if err != nil {
		return false, fmt.Errorf("ioc: %w", err)
	}
	if e.loaded != nil && sameFile(e.loaded, st) {
		return false, nil
	}
	// Stat the opened file itself, so that what is remembered describes
	// what was read even if the path is replaced meanwhile.
	f, err := os.Open(e.path)
	if err != nil {
		return false, fmt.Errorf("ioc: %w", err)
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return false, fmt.Errorf("ioc: %w", err)
	}
	e.loaded = st
	db, err := Read(f, st.Size())
	if err != nil {
		if ce, ok := err.(*CorruptError); ok {
			ce.Path = e.path
		}
		return false, err
	}
	e.db.Store(db)
	return true, nil
}

func sameFile(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// Close stops the reload checks. Enrich keeps working with the database
// last loaded.
func (e *Enricher) Close() error {
	e.closed.Do(func() {
		if e.stop != nil {
			close(e.stop)
			<-e.done
		}
	})
	return nil
}

// DB returns the database in use.
func (e *Enricher) DB() *DB { return e.db.Load() }

// Stage places the enricher after client-address and GeoIP enrichment, so
// that it matches the address those settle.
func (e *Enricher) Stage() enrich.Stage { return enrich.StageThreat }

var outPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Enrich matches the configured fields of ev and, when anything matches,
// sets threat.enrichments to all matches (after any enrichments the event
// already had).
func (e *Enricher) Enrich(logType string, ev *ecs.Event) {
	db := e.db.Load()
	if db == nil || db.numRecords() == 0 {
		return
	}
	var (
		hitArr  [8]hit
		nameArr [MaxDomainLength + 1]byte
		out     *[]byte
		written int
		dropped int
	)
	for _, field := range e.fields.For(logType) {
		raw, ok := ev.Lookup(field)
		if !ok {
			continue
		}
		for it := (jsonStrings{raw: raw}); ; {
			v, ok := it.next()
			if !ok {
				break
			}
			hits := db.match(v, nameArr[:0], hitArr[:0])
			if len(hits) == 0 {
				continue
			}
			if out == nil {
				out = outPool.Get().(*[]byte)
				*out = append((*out)[:0], '[')
			}
			for _, h := range hits {
				if written == MaxEnrichments {
					dropped++
					continue
				}
				if written > 0 {
					*out = append(*out, ',')
				}
				*out = db.appendEnrichment(*out, h, v, field)
				written++
			}
		}
	}
	if out == nil {
		return
	}
	*out = append(*out, ']')
	if prev, ok := ev.Lookup("threat.enrichments"); ok && len(prev) > 2 && prev[0] == '[' && prev[len(prev)-1] == ']' {
		merged := make([]byte, 0, len(prev)+len(*out))
		merged = append(merged, prev[:len(prev)-1]...)
		merged = append(merged, ',')
		merged = append(merged, (*out)[1:]...)
		ev.RawJSON("threat.enrichments", merged)
	} else {
		ev.RawJSON("threat.enrichments", *out)
	}
	if cap(*out) <= 64<<10 {
		outPool.Put(out)
	}
	if dropped > 0 {
		e.rep.Report("ioc: more matches in one event than MaxEnrichments; the extra ones are not written",
			fmt.Errorf("%d matches beyond %d in a %s event", dropped, MaxEnrichments, logType))
	}
}

// appendEnrichment appends one threat.enrichments object.
func (db *DB) appendEnrichment(dst []byte, h hit, atomic []byte, field string) []byte {
	r := db.rec(h.rec)
	t := Type(r[recType])
	dst = append(dst, `{"indicator":{"type":`...)
	dst = ecs.AppendString(dst, t.String())
	dst = append(dst, `,"provider":`...)
	dst = ecs.AppendStringBytes(dst, db.recStr(r, recProvider))
	if c := Confidence(r[recConfidence]); c != ConfidenceUnknown {
		dst = append(dst, `,"confidence":`...)
		dst = ecs.AppendString(dst, c.String())
	}
	if s := db.recStr(r, recDescription); len(s) > 0 {
		dst = append(dst, `,"description":`...)
		dst = ecs.AppendStringBytes(dst, s)
	}
	if s := db.recStr(r, recReference); len(s) > 0 {
		dst = append(dst, `,"reference":`...)
		dst = ecs.AppendStringBytes(dst, s)
	}
	dst = appendDate(dst, `,"first_seen":`, r, recFirstSeen)
	dst = appendDate(dst, `,"last_seen":`, r, recLastSeen)
	key := db.recStr(r, recKey)
	switch t {
	case IPv4, IPv6:
		dst = append(dst, `,"name":"`...)
		if h.prefix.IsSingleIP() {
			dst = h.prefix.Addr().AppendTo(dst)
			dst = append(dst, `","ip":"`...)
			dst = h.prefix.Addr().AppendTo(dst)
		} else {
			dst = h.prefix.AppendTo(dst)
		}
		dst = append(dst, '"')
	case Domain:
		dst = append(dst, `,"name":`...)
		dst = ecs.AppendStringBytes(dst, key)
		dst = append(dst, `,"url":{"domain":`...)
		dst = ecs.AppendStringBytes(dst, key)
		dst = append(dst, '}')
	case URL:
		u := db.recStr(r, recURL)
		dst = append(dst, `,"name":`...)
		dst = ecs.AppendStringBytes(dst, u)
		if len(key) == 0 {
			// ECS puts an IP host in url.domain, IPv6 in brackets.
			a := h.prefix.Addr()
			dst = append(dst, `,"ip":"`...)
			dst = a.AppendTo(dst)
			dst = append(dst, `","url":{"domain":"`...)
			if a.Is6() {
				dst = append(dst, '[')
				dst = a.AppendTo(dst)
				dst = append(dst, ']')
			} else {
				dst = a.AppendTo(dst)
			}
			dst = append(dst, '"')
		} else {
			dst = append(dst, `,"url":{"domain":`...)
			dst = ecs.AppendStringBytes(dst, key)
		}
		dst = append(dst, `,"full":`...)
		dst = ecs.AppendStringBytes(dst, u)
		dst = append(dst, '}')
	}
	dst = append(dst, `},"matched":{"atomic":`...)
	dst = ecs.AppendStringBytes(dst, atomic)
	dst = append(dst, `,"field":`...)
	dst = ecs.AppendString(dst, field)
	dst = append(dst, `,"type":"`+MatchType+`"}}`...)
	return dst
}

func appendDate(dst []byte, key string, r []byte, off int) []byte {
	s := int64(binary.LittleEndian.Uint64(r[off:]))
	if s == 0 {
		return dst
	}
	dst = append(dst, key...)
	dst = append(dst, '"')
	dst = ecs.AppendTime(dst, time.Unix(s, 0))
	return append(dst, '"')
}

// jsonStrings yields the strings of an encoded JSON value that is a
// string or an array; other values, and strings nested deeper than the
// array's elements, yield nothing. Escaped strings, rare in addresses and
// names, are decoded with encoding/json.
type jsonStrings struct {
	raw   []byte
	i     int
	depth int // nesting below the top-level array
}

func (it *jsonStrings) next() ([]byte, bool) {
	raw := it.raw
	if len(raw) == 0 {
		return nil, false
	}
	if raw[0] == '"' {
		if it.i != 0 {
			return nil, false
		}
		it.i = len(raw)
		return it.decode(raw)
	}
	if raw[0] != '[' {
		return nil, false
	}
	if it.i == 0 {
		it.i = 1
	}
	for it.i < len(raw) {
		c := raw[it.i]
		switch c {
		case '[', '{':
			it.depth++
		case ']', '}':
			it.depth--
		case '"':
			end := stringEnd(raw, it.i)
			s := raw[it.i:end]
			it.i = end
			if it.depth == 0 {
				if v, ok := it.decode(s); ok {
					return v, true
				}
			}
			continue
		}
		it.i++
	}
	return nil, false
}

// stringEnd returns the index just past the JSON string starting at i.
func stringEnd(raw []byte, i int) int {
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(raw)
}

// decode returns the content of an encoded JSON string.
func (it *jsonStrings) decode(s []byte) ([]byte, bool) {
	if len(s) < 2 || s[len(s)-1] != '"' {
		return nil, false
	}
	inner := s[1 : len(s)-1]
	for _, c := range inner {
		if c == '\\' {
			var v string
			if json.Unmarshal(s, &v) != nil {
				return nil, false
			}
			return []byte(v), true
		}
	}
	return inner, true
}

var _ enrich.Staged = (*Enricher)(nil)
