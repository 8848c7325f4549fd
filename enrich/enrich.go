package enrich

import (
	"encoding/json"
	"log/slog"
	"maps"
	"net/netip"
	"slices"
	"sync"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// Stage orders enrichers in a Chain: an enricher's inputs may be another
// one's outputs.
type Stage int

const (
	// StageClientIP settles client.ip/source.ip from forwarding headers.
	StageClientIP Stage = iota
	// StageGeo adds *.geo and *.as for addresses.
	StageGeo
	// StageThreat matches indicators of compromise.
	StageThreat
	// StageUserAgent parses user_agent.original.
	StageUserAgent
)

// Staged is a siem.Enricher that knows its place in a chain.
type Staged interface {
	siem.Enricher
	Stage() Stage
}

// Chain returns the enrichers ordered by stage (stable for equal stages),
// ready for siem.Options.Enrichers. Nil entries are dropped, so optional
// enrichers can be passed unconditionally.
func Chain(es ...Staged) []siem.Enricher {
	kept := make([]Staged, 0, len(es))
	for _, e := range es {
		if e != nil {
			kept = append(kept, e)
		}
	}
	slices.SortStableFunc(kept, func(a, b Staged) int { return int(a.Stage() - b.Stage()) })
	out := make([]siem.Enricher, len(kept))
	for i, e := range kept {
		out[i] = e
	}
	return out
}

// Fields says which event fields an enricher reads: Default for every log
// type, unless ByType names the type.
type Fields struct {
	Default []string
	ByType  map[string][]string
}

// For returns the fields to read for a log type.
func (f Fields) For(logType string) []string {
	if fs, ok := f.ByType[logType]; ok {
		return fs
	}
	return f.Default
}

// Reporter counts enrichment problems and logs the first of each kind, so
// a broken database produces one log line, not one per record. It is safe
// for concurrent use; the zero value logs to slog.Default.
//
// What it counts is problems, not events: every call to Report is one
// (a failed lookup, a value that is not an address), so one event whose
// source and destination lookups both fail counts two, and an event with
// no problem counts nothing. Enrichers report each problem where they meet
// it and need not track events. Say "problems" or "lookups" when showing
// the counts, never "events".
type Reporter struct {
	// Logger receives the first report of each kind; nil means
	// slog.Default().
	Logger *slog.Logger

	mu     sync.Mutex
	counts map[string]int64
}

// Report counts one problem of the given kind ("geoip: database
// unreadable") and logs it the first time, with detail.
func (r *Reporter) Report(kind string, detail error) {
	r.mu.Lock()
	if r.counts == nil {
		r.counts = make(map[string]int64)
	}
	r.counts[kind]++
	first := r.counts[kind] == 1
	r.mu.Unlock()
	if first {
		l := r.Logger
		if l == nil {
			l = slog.Default()
		}
		l.Warn("enrichment problem (counted; further ones of this kind are not logged)", "kind", kind, "detail", detail)
	}
}

// Problems returns, by kind, how many problems were reported so far: the
// number of Report calls, one per failed lookup or unusable value. It is
// not a number of events (see Reporter).
func (r *Reporter) Problems() map[string]int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.counts)
}

// IPs appends to dst the addresses set at path, which may hold one
// address or an array of them. Values that are not addresses are skipped.
func IPs(ev *ecs.Event, path string, dst []netip.Addr) []netip.Addr {
	raw, ok := ev.Lookup(path)
	if !ok || len(raw) < 2 {
		return dst
	}
	if raw[0] == '"' {
		if ip, err := netip.ParseAddr(string(raw[1 : len(raw)-1])); err == nil {
			dst = append(dst, ip)
		}
		return dst
	}
	if raw[0] != '[' {
		return dst
	}
	// Arrays of addresses hold no escapes: split between the quotes.
	for i := 1; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(raw) && raw[j] != '"' {
			j++
		}
		if ip, err := netip.ParseAddr(string(raw[i+1 : j])); err == nil {
			dst = append(dst, ip)
		}
		i = j
	}
	return dst
}

// Strings appends to dst the strings set at path, one or an array.
func Strings(ev *ecs.Event, path string, dst []string) []string {
	raw, ok := ev.Lookup(path)
	if !ok || len(raw) < 2 {
		return dst
	}
	if raw[0] == '"' {
		if s, ok := ev.LookupString(path); ok {
			dst = append(dst, s)
		}
		return dst
	}
	if raw[0] != '[' {
		return dst
	}
	var vs []string
	if json.Unmarshal(raw, &vs) == nil {
		dst = append(dst, vs...)
	}
	return dst
}
