package useragent

import (
	"fmt"
	"strings"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// DefaultField is the field read when Config.Fields names none.
const DefaultField = "user_agent.original"

// DefaultCacheSize is the number of distinct user agents kept parsed when
// Config.CacheSize is zero.
const DefaultCacheSize = 10_000

// maxCachedLen bounds the user agents worth caching: real ones are a few
// hundred bytes, and a cache of 10,000 longer ones would hold megabytes
// for values that seldom repeat. Longer ones are parsed every time, at
// the bounded cost of maxParseLen.
const maxCachedLen = 1024

// Config configures an Enricher.
type Config struct {
	// Fields lists, per log type, the fields holding a raw user agent.
	// Each must be an "<object>.original" field; the results go beside it
	// (<object>.name, .version, .os.name, .os.version, .os.full,
	// .device.name). Empty Default means DefaultField; a log type mapped
	// to an empty list is not enriched.
	Fields enrich.Fields
	// CacheSize is how many distinct user agents are kept parsed: zero
	// means DefaultCacheSize, a negative value turns the cache off.
	CacheSize int
	// Reporter counts problems (a parser panic, a user agent field that is
	// not a string). Nil means a Reporter logging to slog.Default.
	Reporter *enrich.Reporter
}

// Enricher parses user agents into the ECS user_agent fields. It is safe
// for concurrent use.
type Enricher struct {
	parser   *parser
	cache    *lru // nil when off
	reporter *enrich.Reporter
	targets  []target
	byType   map[string][]target
}

// target is one field to read and the fields its results go to.
type target struct {
	source string
	out    [numFields]string
}

// The fields set, in the order a result stores them.
const (
	fieldName = iota
	fieldVersion
	fieldOSName
	fieldOSVersion
	fieldOSFull
	fieldDeviceName
	numFields
)

var fieldSuffixes = [numFields]string{"name", "version", "os.name", "os.version", "os.full", "device.name"}

var _ enrich.Staged = (*Enricher)(nil)

// New returns an Enricher. It fails when a field is not an
// "<object>.original" field or when ECS lacks a field the results of an
// ECS object would go to.
func New(cfg Config) (*Enricher, error) {
	p, err := sharedParser()
	if err != nil {
		return nil, err
	}
	e := &Enricher{parser: p, reporter: cfg.Reporter}
	if e.reporter == nil {
		e.reporter = &enrich.Reporter{}
	}
	def := cfg.Fields.Default
	if len(def) == 0 {
		def = []string{DefaultField}
	}
	if e.targets, err = targetsFor(def); err != nil {
		return nil, err
	}
	if len(cfg.Fields.ByType) > 0 {
		e.byType = make(map[string][]target, len(cfg.Fields.ByType))
		for lt, fields := range cfg.Fields.ByType {
			ts, err := targetsFor(fields)
			if err != nil {
				return nil, fmt.Errorf("%w (Fields.ByType[%q])", err, lt)
			}
			e.byType[lt] = ts
		}
	}
	switch {
	case cfg.CacheSize == 0:
		e.cache = newLRU(DefaultCacheSize)
	case cfg.CacheSize > 0:
		e.cache = newLRU(cfg.CacheSize)
	}
	return e, nil
}

func targetsFor(fields []string) ([]target, error) {
	ts := make([]target, 0, len(fields))
	for _, f := range fields {
		obj, ok := strings.CutSuffix(f, ".original")
		if !ok || obj == "" || strings.HasPrefix(obj, ".") || strings.HasSuffix(obj, ".") || strings.Contains(obj, "..") {
			return nil, fmt.Errorf("useragent: field %q is not an \"<object>.original\" field: name the field holding the raw user agent, such as %s, so that the results can go beside it", f, DefaultField)
		}
		if _, leaf := ecs.Lookup(obj); leaf {
			return nil, fmt.Errorf("useragent: field %q lies below %s, which ECS defines as a value, not an object: the results could not go beside it", f, obj)
		}
		t := target{source: f}
		_, ecsSource := ecs.Lookup(f)
		for i, suffix := range fieldSuffixes {
			t.out[i] = obj + "." + suffix
			if _, ok := ecs.Lookup(t.out[i]); ecsSource && !ok {
				return nil, fmt.Errorf("useragent: ECS %s defines %s but not %s, where a parsed user agent would go: read a vendor field instead", ecs.Version, f, t.out[i])
			}
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// Stage returns enrich.StageUserAgent.
func (e *Enricher) Stage() enrich.Stage { return enrich.StageUserAgent }

// Enrich parses the user agent fields of the event's log type and sets
// what they reveal. Unknown parts ("Other") and absent or "-" agents set
// nothing; fields already set are overwritten.
func (e *Enricher) Enrich(logType string, ev *ecs.Event) {
	ts := e.targets
	if byType, ok := e.byType[logType]; ok {
		ts = byType
	}
	for i := range ts {
		e.enrichField(logType, ev, &ts[i])
	}
}

func (e *Enricher) enrichField(logType string, ev *ecs.Event, t *target) {
	raw, ok := ev.Lookup(t.source)
	if !ok || len(raw) == 0 {
		return
	}
	switch raw[0] {
	case '"':
		if len(raw) < 2 {
			return
		}
		// The encoded form is as good a key as the text and needs no
		// decoding on a hit.
		key := raw[1 : len(raw)-1]
		if len(key) == 0 || len(key) == 1 && key[0] == '-' {
			return
		}
		if e.cache != nil && len(key) <= maxCachedLen {
			if r, ok := e.cache.get(key); ok {
				r.apply(ev, t)
				return
			}
		}
		s, ok := ev.LookupString(t.source)
		if !ok {
			e.reporter.Report("useragent: undecodable string", fmt.Errorf("%s of a %s event is not a decodable JSON string; check the log type's normalizer", t.source, logType))
			return
		}
		e.resolve(key, s).apply(ev, t)
	case '[':
		// Some sources list one agent per hop; the first is the client's.
		first := enrich.Strings(ev, t.source, nil)
		if len(first) == 0 || first[0] == "" || first[0] == "-" {
			return
		}
		s := first[0]
		enc := ecs.AppendString(nil, s)
		key := enc[1 : len(enc)-1]
		if e.cache != nil && len(key) <= maxCachedLen {
			if r, ok := e.cache.get(key); ok {
				r.apply(ev, t)
				return
			}
		}
		e.resolve(key, s).apply(ev, t)
	case 'n': // null: no agent
	default:
		e.reporter.Report("useragent: not a string", fmt.Errorf("%s of a %s event holds %.40s, not a string; check the log type's normalizer", t.source, logType, raw))
	}
}

// resolve parses s, whose encoded form is key, and caches the result.
func (e *Enricher) resolve(key []byte, s string) result {
	r := e.parse(s)
	if e.cache != nil && len(key) <= maxCachedLen {
		e.cache.add(string(key), r)
	}
	return r
}

// parse never panics: a parser failure is reported and yields nothing,
// which the cache then remembers, so the same agent does not fail again.
func (e *Enricher) parse(s string) (r result) {
	defer func() {
		if p := recover(); p != nil {
			e.reporter.Report("useragent: parser panic", fmt.Errorf("parsing user agent %.200q: %v", s, p))
			r = result{}
		}
	}()
	return encode(e.parser.parse(s))
}

// result holds the encoded JSON strings of the fields a user agent sets,
// back to back: field i is enc[ends[i-1]:ends[i]], absent when empty. A
// hit then costs a few appends to the event.
type result struct {
	enc  []byte
	ends [numFields]uint32
}

func encode(v values) result {
	var r result
	osFull := ""
	if v.osName != "" && v.osVersion != "" {
		osFull = v.osName + " " + v.osVersion
	}
	for i, s := range [numFields]string{v.name, v.version, v.osName, v.osVersion, osFull, v.deviceName} {
		if s != "" {
			r.enc = ecs.AppendString(r.enc, s)
		}
		r.ends[i] = uint32(len(r.enc))
	}
	return r
}

func (r result) apply(ev *ecs.Event, t *target) {
	start := uint32(0)
	for i, end := range r.ends {
		if end > start {
			ev.RawJSON(t.out[i], r.enc[start:end])
		}
		start = end
	}
}
