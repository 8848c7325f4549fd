package useragent

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// The prefilter: which rules can match an agent at all. A rule's regular
// expression is analysed once for the literals every match contains; an
// agent is searched once for all of them; a rule runs only if its needs
// are met. Literals and agents are compared lower-cased (see
// foldForNeeds), which makes every need a necessary condition whatever
// the rule's case flags.

// A filter holds what every match of a rule contains: one literal
// (lower-cased) of each of its needs. A filter without needs passes
// everything.
type filter []need

// A need is a set of literals at least one of which a match contains.
// Each literal is at least two bytes long.
type need []string

// compiledFilter is a filter with literals replaced by their numbers in
// the parser's literalSet.
type compiledFilter [][]int32

func appendFilter(dst []filter, expr string) ([]filter, error) {
	// regexp.Compile parses with the same flags, so the tree below is the
	// one the rule runs.
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("useragent: analysing uap-core rule %q: %w", expr, err)
	}
	var f filter
	all := filterOf(re).all()
	for i, n := range all {
		redundant := false
		for j, m := range all {
			// Of two needs implying each other, the first is kept.
			if j != i && m.implies(n) && (j < i || !n.implies(m)) {
				redundant = true
				break
			}
		}
		if !redundant {
			f = append(f, n)
		}
	}
	// Longer literals first: they are the likelier to be missing.
	slices.SortStableFunc(f, func(a, b need) int { return b.shortest() - a.shortest() })
	return append(dst, f), nil
}

// implies reports whether meeting n always meets m: each literal of n
// contains one of m.
func (n need) implies(m need) bool {
	for _, a := range n {
		if !slices.ContainsFunc(m, func(b string) bool { return strings.Contains(a, b) }) {
			return false
		}
	}
	return true
}

// Bounds on the literal sets the analysis builds, so that a rule with
// nested alternatives cannot blow up into thousands of strings.
const (
	maxExact     = 64
	maxNeedWidth = 256
)

// shape is what the analysis knows of a regular expression, as
// lower-cased literal sets: exact, when not nil, is every string it can
// match ("" included when it can match nothing); prefix, when not nil,
// holds strings one of which starts every match; needs are sets one
// literal of each of which every match contains.
type shape struct {
	exact, prefix []string
	needs         []need
}

// all returns the needs of s, including those its exact and prefix sets
// imply.
func (s shape) all() filter {
	f := filter(s.needs)
	if n, ok := needFromExact(s.exact); ok {
		f = append(f, n)
	} else if n, ok := needFromExact(s.prefix); ok {
		f = append(f, n)
	}
	return f
}

// starts returns strings one of which starts every match, or nil.
func (s shape) starts() []string {
	if s.exact != nil {
		return s.exact
	}
	return s.prefix
}

// needFromExact turns a literal set into a need, unless it admits the
// empty string or single bytes, which would pass nearly every agent.
func needFromExact(exact []string) (need, bool) {
	if exact == nil {
		return nil, false
	}
	for _, l := range exact {
		if len(l) < 2 {
			return nil, false
		}
	}
	return need(exact), true
}

var emptyOnly = shape{exact: []string{""}}

func filterOf(re *syntax.Regexp) shape {
	switch re.Op {
	case syntax.OpLiteral:
		b := make([]byte, 0, len(re.Rune))
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				// Case folding could match it in ways a byte search
				// does not see.
				return shape{}
			}
			b = append(b, lowerASCII(byte(r)))
		}
		return shape{exact: []string{string(b)}}
	case syntax.OpCharClass:
		return shape{exact: classExact(re.Rune)}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		// Zero-width: it adds no text to a match.
		return emptyOnly
	case syntax.OpCapture:
		return filterOf(re.Sub[0])
	case syntax.OpQuest:
		sub := filterOf(re.Sub[0])
		if sub.exact != nil {
			return shape{exact: union(sub.exact, emptyOnly.exact, maxExact)}
		}
		return shape{}
	case syntax.OpPlus:
		sub := filterOf(re.Sub[0])
		return shape{prefix: sub.starts(), needs: sub.all()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return shape{}
		}
		sub := filterOf(re.Sub[0])
		if re.Min == re.Max && sub.exact != nil {
			exact := []string{""}
			for range re.Min {
				if exact = product(exact, sub.exact, maxExact); exact == nil {
					break
				}
			}
			if exact != nil {
				return shape{exact: exact}
			}
		}
		return shape{prefix: sub.starts(), needs: sub.all()}
	case syntax.OpConcat:
		return concatShape(re.Sub)
	case syntax.OpAlternate:
		return alternateShape(re.Sub)
	}
	return shape{}
}

// concatShape joins runs of parts with exact sets into longer literals
// ("[Mm]obile" gives "mobile"), extends a run by the prefixes of the part
// after it ("W" then "IRE|ASALive.Bot" gives "wire", "wasalive"), and
// keeps every part's needs: all of them must match.
func concatShape(subs []*syntax.Regexp) shape {
	var out shape
	run := []string{""}
	exact, leading := true, true
	flush := func(lits []string) {
		if n, ok := needFromExact(lits); ok {
			out.needs = append(out.needs, n)
		}
		run = []string{""}
	}
	for _, sub := range subs {
		s := filterOf(sub)
		if s.exact != nil {
			if p := product(run, s.exact, maxExact); p != nil {
				run = p
				continue
			}
			if leading {
				out.prefix, leading = run, false
			}
			exact = false
			flush(run)
			run = s.exact
			continue
		}
		exact = false
		joined := run
		if starts := s.starts(); starts != nil {
			if p := product(run, starts, maxNeedWidth); p != nil {
				joined = p
			}
		}
		if leading {
			out.prefix, leading = joined, false
		}
		flush(joined)
		out.needs = append(out.needs, s.all()...)
	}
	if exact {
		return shape{exact: run}
	}
	if leading {
		out.prefix = run
	}
	flush(run)
	return out
}

// alternateShape: one branch matches, so the union of the exact sets is
// exact if every branch has one, likewise for prefixes, and the union of
// one need of each branch is a need if every branch has one.
func alternateShape(subs []*syntax.Regexp) shape {
	var exact, prefix []string
	var n need
	exactOK, prefixOK, needOK := true, true, true
	for _, sub := range subs {
		s := filterOf(sub)
		if exactOK {
			if s.exact == nil {
				exactOK = false
			} else if exact = union(exact, s.exact, maxExact); exact == nil {
				exactOK = false
			}
		}
		if prefixOK {
			if starts := s.starts(); starts == nil {
				prefixOK = false
			} else if prefix = union(prefix, starts, maxNeedWidth); prefix == nil {
				prefixOK = false
			}
		}
		if needOK {
			best, ok := bestNeed(s.all())
			n = append(n, best...)
			needOK = ok && len(n) <= maxNeedWidth
		}
		if !exactOK && !prefixOK && !needOK {
			return shape{}
		}
	}
	if exactOK {
		return shape{exact: exact}
	}
	out := shape{}
	if prefixOK {
		out.prefix = prefix
	}
	if needOK {
		out.needs = []need{n}
	}
	return out
}

func bestNeed(f filter) (need, bool) {
	var best need
	for _, n := range f {
		if best == nil || n.selectiveThan(best) {
			best = n
		}
	}
	return best, best != nil
}

// classExact returns the characters of a small ASCII class, lower-cased,
// or nil.
func classExact(ranges []rune) []string {
	var set []string
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi >= utf8.RuneSelf || hi-lo >= maxExact {
			return nil
		}
		for r := lo; r <= hi; r++ {
			c := string(rune(lowerASCII(byte(r))))
			if !slices.Contains(set, c) {
				set = append(set, c)
			}
			if len(set) > 8 {
				return nil
			}
		}
	}
	return set
}

// product returns every a+b, or nil when there would be more than limit.
func product(as, bs []string, limit int) []string {
	if len(as)*len(bs) > limit {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			if s := a + b; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// union returns as and bs without repeats, or nil when longer than limit.
func union(as, bs []string, limit int) []string {
	out := slices.Clone(as)
	for _, b := range bs {
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	if len(out) > limit {
		return nil
	}
	return out
}

func (n need) selectiveThan(m need) bool {
	a, b := n.shortest(), m.shortest()
	return a > b || a == b && len(n) < len(m)
}

func (n need) shortest() int {
	s := -1
	for _, l := range n {
		if s < 0 || len(l) < s {
			s = len(l)
		}
	}
	return s
}

// literalSet finds which of a fixed set of literals occur in a text in
// one pass, however many there are (uap-core's rules need about 5,000):
// literals are indexed by their first two bytes, so each position of the
// text is compared only with the literals that start there.
type literalSet struct {
	lits  []string
	index map[string]int32 // while building
	// byPair[start[p]:start[p+1]] are the literals starting with the
	// byte pair p.
	start  []uint32
	byPair []int32
}

func newLiteralSet() *literalSet {
	return &literalSet{index: make(map[string]int32)}
}

func (ls *literalSet) compile(filters []filter) []compiledFilter {
	out := make([]compiledFilter, len(filters))
	for i, f := range filters {
		for _, n := range f {
			ids := make([]int32, len(n))
			for j, l := range n {
				id, ok := ls.index[l]
				if !ok {
					id = int32(len(ls.lits))
					ls.lits = append(ls.lits, l)
					ls.index[l] = id
				}
				ids[j] = id
			}
			out[i] = append(out[i], ids)
		}
	}
	return out
}

func (ls *literalSet) seal() {
	ls.start = make([]uint32, 1<<16+1)
	for _, l := range ls.lits {
		ls.start[pairAt(l, 0)+1]++
	}
	for p := 1; p < len(ls.start); p++ {
		ls.start[p] += ls.start[p-1]
	}
	ls.byPair = make([]int32, len(ls.lits))
	next := slices.Clone(ls.start[:1<<16])
	for id, l := range ls.lits {
		p := pairAt(l, 0)
		ls.byPair[next[p]] = int32(id)
		next[p]++
	}
	ls.index = nil
}

func pairAt(s string, i int) int { return int(s[i])<<8 | int(s[i+1]) }

// find returns a bit set of the literals occurring in text.
func (ls *literalSet) find(text string) []uint64 {
	found := make([]uint64, (len(ls.lits)+63)/64)
	for i := 0; i+1 < len(text); i++ {
		p := pairAt(text, i)
		for _, id := range ls.byPair[ls.start[p]:ls.start[p+1]] {
			if strings.HasPrefix(text[i:], ls.lits[id]) {
				found[id>>6] |= 1 << (id & 63)
			}
		}
	}
	return found
}

// passes reports whether every need has a literal in found.
func (f compiledFilter) passes(found []uint64) bool {
	for _, n := range f {
		if !anyFound(n, found) {
			return false
		}
	}
	return true
}

func anyFound(ids []int32, found []uint64) bool {
	for _, id := range ids {
		if found[id>>6]&(1<<(id&63)) != 0 {
			return true
		}
	}
	return false
}

// foldForNeeds lower-cases ASCII letters, and maps the two non-ASCII
// runes that case-fold to ASCII letters (KELVIN SIGN to k, LONG S to s),
// so that a literal a case-insensitive rule could match is always found.
// Other bytes stay as they are: they are not ASCII and cannot be part of a
// literal.
func foldForNeeds(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, lowerASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u212A':
			b = append(b, 'k')
		case '\u017F':
			b = append(b, 's')
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
