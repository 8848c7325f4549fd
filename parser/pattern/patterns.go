package pattern

import (
	"slices"
)

// Patterns tries several patterns in order, for a format with variants
// (Apache's combined, common and vhost_combined access logs), and reports
// which one matched. Group indexes are the set's own: a name is one index
// whichever pattern matched. It is safe for concurrent use.
type Patterns struct {
	name     string
	patterns []*Pattern
	groups   []string
	// subs[k][i] lists the submatches of pattern k named groups[i].
	subs    [][][]int
	noMatch *NoMatchError
}

// NewPatterns returns the set of patterns, tried in the order given: put
// the most specific first, since the first that matches wins. name names
// the format as a whole, for errors ("Apache access log format").
func NewPatterns(name string, patterns ...*Pattern) *Patterns {
	s := &Patterns{name: name, patterns: slices.Clone(patterns)}
	tried := make([]string, len(patterns))
	for k, p := range patterns {
		tried[k] = p.name
		for _, g := range p.groups {
			if !slices.Contains(s.groups, g) {
				s.groups = append(s.groups, g)
			}
		}
	}
	s.subs = make([][][]int, len(patterns))
	for k, p := range patterns {
		s.subs[k] = make([][]int, len(s.groups))
		for i, g := range s.groups {
			if slot := p.Group(g); slot >= 0 {
				s.subs[k][i] = p.subs[slot]
			}
		}
	}
	s.noMatch = &NoMatchError{Format: name, Tried: tried}
	return s
}

// Name returns the name of the format as a whole.
func (s *Patterns) Name() string { return s.name }

// Patterns returns the patterns, in the order they are tried.
func (s *Patterns) Patterns() []*Pattern { return slices.Clone(s.patterns) }

// Groups returns every group name of the patterns, each once. A group's
// position in this list is its index, as returned by Group.
func (s *Patterns) Groups() []string { return slices.Clone(s.groups) }

// Group returns the index of the group called name in any of the
// patterns, for Match.Bytes on matches made by this set, or -1. A group
// that the matching pattern lacks reads as not matched.
func (s *Patterns) Group(name string) int { return slices.Index(s.groups, name) }

// Match tries each pattern in order and stores the groups of the first
// that matches in m; m.Pattern() tells which. It reports whether one
// matched. Each pattern that fails costs a full match attempt, and no
// allocation.
func (s *Patterns) Match(line []byte, m *Match) bool {
	for k, p := range s.patterns {
		if p.Match(line, m) {
			m.subs = s.subs[k]
			return true
		}
	}
	return false
}

// NoMatch returns the error for a line that matches none of the patterns:
// "line does not match the <name> (tried the <pattern names>)". It is
// built once; do not modify it.
func (s *Patterns) NoMatch() error { return s.noMatch }
