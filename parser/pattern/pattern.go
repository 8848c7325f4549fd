package pattern

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Pattern is a regular expression with named groups, compiled once, and
// the name of the format it describes. It is safe for concurrent use.
type Pattern struct {
	name string
	re   *regexp.Regexp
	// groups are the distinct group names, in order of first appearance;
	// subs[i] lists the submatches named groups[i], leftmost first.
	groups  []string
	subs    [][]int
	noMatch *NoMatchError
}

// Compile compiles expr, Go regexp syntax (RE2) with named groups such as
// (?P<client>\S+), into a Pattern describing the format called name, a
// noun phrase for error messages such as "Apache combined log format".
//
// A name may be given to several groups, typically in the branches of an
// alternation: Match.Bytes then returns the first of them that took part
// in the match.
func Compile(name, expr string) (*Pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("pattern %s: %w", name, err)
	}
	p := &Pattern{name: name, re: re, noMatch: &NoMatchError{Format: name}}
	for i, g := range re.SubexpNames() {
		if g == "" {
			continue
		}
		slot := slices.Index(p.groups, g)
		if slot < 0 {
			slot = len(p.groups)
			p.groups = append(p.groups, g)
			p.subs = append(p.subs, nil)
		}
		p.subs[slot] = append(p.subs[slot], i)
	}
	return p, nil
}

// MustCompile is Compile for patterns known to be valid, such as those in
// package variables; it panics on an error.
func MustCompile(name, expr string) *Pattern {
	p, err := Compile(name, expr)
	if err != nil {
		panic(err)
	}
	return p
}

// Name returns the name of the format the pattern describes.
func (p *Pattern) Name() string { return p.name }

// String returns the regular expression.
func (p *Pattern) String() string { return p.re.String() }

// Groups returns the names of the pattern's named groups, each once, in
// the order they first appear. A group's position in this list is its
// index, as returned by Group.
func (p *Pattern) Groups() []string { return slices.Clone(p.groups) }

// Group returns the index of the group called name, for Match.Bytes, or -1
// when the pattern has no such group. Resolve indexes once, not per line.
func (p *Pattern) Group(name string) int { return slices.Index(p.groups, name) }

// Match matches line against the pattern, storing the groups in m. It
// reports whether the line matched; when it did not, m holds no match.
// The pattern is not implicitly anchored: write ^ and $ to match whole
// lines.
//
// m aliases line: its groups are valid as long as line is. A matched line
// costs one allocation, the submatch positions that package regexp
// returns, since it has no variant that reuses the caller's; m itself is
// reused. A line that does not match costs none.
func (p *Pattern) Match(line []byte, m *Match) bool {
	loc := p.re.FindSubmatchIndex(line)
	if loc == nil {
		*m = Match{}
		return false
	}
	if line == nil {
		line = []byte{} // so that a group matching empty text is not nil
	}
	*m = Match{line: line, loc: loc, subs: p.subs, pattern: p}
	return true
}

// NoMatch returns the error for a line that does not match the pattern:
// "line does not match the <name>". It is built once; do not modify it.
func (p *Pattern) NoMatch() error { return p.noMatch }

// Match holds the groups of a line matched by a Pattern or Patterns. The
// zero value holds no match. A Match is reused from line to line; it is
// not safe for concurrent use.
type Match struct {
	line    []byte
	loc     []int
	subs    [][]int
	pattern *Pattern
}

// Pattern returns the pattern that matched, or nil.
func (m *Match) Pattern() *Pattern { return m.pattern }

// Line returns the line that matched, or nil.
func (m *Match) Line() []byte { return m.line }

// Bytes returns the text of group i (an index from the Group method of
// the Pattern or Patterns that made the match), aliasing the line with
// its capacity cut to its length. It returns nil when the group took no
// part in the match (an optional group), when i is -1 or out of range, and
// when m holds no match; a group that matched empty text is an empty,
// non-nil slice.
func (m *Match) Bytes(i int) []byte {
	start, end := m.Span(i)
	if start < 0 {
		return nil
	}
	return m.line[start:end:end]
}

// String returns the text of group i as a string (allocating), or "" as
// Bytes returns nil.
func (m *Match) String(i int) string { return string(m.Bytes(i)) }

// Matched reports whether group i took part in the match.
func (m *Match) Matched(i int) bool {
	start, _ := m.Span(i)
	return start >= 0
}

// Span returns the start and end of group i in the line, or -1, -1 as
// Bytes returns nil.
func (m *Match) Span(i int) (start, end int) {
	if i < 0 || i >= len(m.subs) {
		return -1, -1
	}
	for _, s := range m.subs[i] {
		if m.loc[2*s] >= 0 {
			return m.loc[2*s], m.loc[2*s+1]
		}
	}
	return -1, -1
}

// Get returns the text of the group called name in the pattern that
// matched, or nil. It looks the name up on every call: on a hot path,
// resolve the index once with Group and use Bytes.
func (m *Match) Get(name string) []byte {
	if m.pattern == nil {
		return nil
	}
	p := m.pattern
	slot := p.Group(name)
	if slot < 0 {
		return nil
	}
	for _, s := range p.subs[slot] {
		if start, end := m.loc[2*s], m.loc[2*s+1]; start >= 0 {
			return m.line[start:end:end]
		}
	}
	return nil
}

// NoMatchError reports a line that a Pattern or Patterns does not match.
type NoMatchError struct {
	// Format names what the line was expected to be, such as "Apache
	// combined log format".
	Format string
	// Tried names the formats of a Patterns, in the order they were tried;
	// empty for a single Pattern.
	Tried []string
}

func (e *NoMatchError) Error() string {
	if len(e.Tried) == 0 {
		return "line does not match the " + e.Format
	}
	return "line does not match the " + e.Format + " (tried the " + strings.Join(e.Tried, ", the ") + ")"
}
