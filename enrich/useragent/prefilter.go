package useragent

import (
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
type compiledFilter []compiledNeed

// compiledNeed is a need with literals replaced by their numbers.
type compiledNeed []int32

// filterFor returns the filter of a rule's parsed expression.
func filterFor(re *syntax.Regexp) filter {
	f := filterOf(re).all().minimal()
	// Longer literals first: they are the likelier to be missing.
	slices.SortStableFunc(f, func(a, b need) int { return b.shortest() - a.shortest() })
	return f
}

// minimal returns f without the needs that another need of f implies.
func (f filter) minimal() filter {
	var out filter
	for i, n := range f {
		redundant := false
		for j, m := range f {
			// Of two needs implying each other, the first is kept.
			if j != i && m.implies(n) && (j < i || !n.implies(m)) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, n)
		}
	}
	return out
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
	var needs filter
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
			needs, needOK = orNeeds(needs, s.all())
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
		out.needs = needs
	}
	return out
}

// maxAltNeeds bounds the needs an alternation keeps.
const maxAltNeeds = 16

// orNeeds returns the needs of "a match of acc's alternatives or of a
// branch with needs f". A branch needing several things (`Windows
// {0,2}Phone` needs "windows" and "phone") must not be reduced to one of
// them: uap-core's device rule for mobiles lists that branch beside a
// dozen others, and keeping only "windows" let every Windows agent run
// that costly rule. (A and B) or (C and D) is (A or C) and (A or D) and
// (B or C) and (B or D), so each need of acc is joined with each need of
// f, as long as there are at most maxAltNeeds of them; past that, with the
// most selective need of f alone, which is weaker but still true.
func orNeeds(acc filter, f filter) (filter, bool) {
	if len(f) == 0 {
		return nil, false
	}
	// Redundant needs (a branch's prefix often repeats one of its needs)
	// would only multiply the joins.
	f = f.minimal()
	if acc == nil {
		// The first branch.
		return f, true
	}
	if len(acc)*len(f) > maxAltNeeds {
		best, _ := bestNeed(f)
		f = filter{best}
	}
	var out filter
	for _, a := range acc {
		for _, b := range f {
			n := union(a, b, maxNeedWidth)
			if n == nil {
				continue // too wide to be worth its search; dropping a need is safe
			}
			out = append(out, need(n))
		}
	}
	out = out.minimal()
	return out, len(out) > 0
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
