package useragent

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ua-parser/uap-go/uaparser"
)

// A fastRule runs one of uap-core's rules faster than its own regular
// expression would, with the same result. Two things make Go's regexp
// slow on these rules, and each has a remedy that cannot change a match.
//
// Long bounded repetitions, as in iOS Safari's
// `(iPod|iPhone|iPad).{1,200}Version/(\d+)...{1,200}[ +]Safari`: Go
// expands x{1,200} into 200 nested optional copies of x, so the program is
// too large for its backtracker and runs as an NFA with a thread per copy,
// 7-10 µs a browser agent. The relaxed form writes each such repetition
// unbounded, x{1,}, inside a capture group of its own, and stays small.
// That is safe because of how leftmost-first matching picks its match: the
// bounded expression's matches are a subset of the relaxed one's, ordered
// the same way (a greedy repetition prefers one more copy whether or not
// it has a ceiling, a lazy one one fewer). So when the relaxed expression
// finds no match, neither would the original; when its match keeps every
// repetition within its ceiling (counted from the added groups), that
// match is the original's too, with the same groups; and only when a
// repetition ran past its ceiling, in agents hundreds of bytes long, does
// the original expression run. Only repetitions of one character (., a
// class, a literal rune) that sit inside no other repetition are relaxed:
// their added group then spans exactly the copies taken.
//
// A match that must start with one of several literals, as in
// `(CPU[ +]OS|iPhone[ +]OS|...)[ +]+(\d+)`: Go skips ahead to a literal
// prefix, but only to one, so otherwise its backtracker tries every
// position of the agent, 2-3 µs before the match at position 25. When
// every match starts with one of a few case-sensitive literals, no match
// can start before the first of them in the agent, and matching from there
// finds the same leftmost match.
type fastRule struct {
	re *regexp.Regexp // the relaxed form, or the original
	// lead, when not nil, holds literals one of which starts every match.
	lead []string
	// groups[g] says what re's group g (from 1) is: the original's group
	// groups[g], or, when negative, the repetition bounds[-groups[g]-1].
	// nil when re is the original.
	groups []int
	bounds []int // the ceilings, in characters
	nsub   int   // the original's group count
}

// relaxMinCeiling is the smallest ceiling worth relaxing: below it the
// expanded copies cost less than the added group.
const relaxMinCeiling = 16

// maxLead bounds the literals a rule may start with for the skip to pay.
const maxLead = 24

// boundPrefix names the added groups, so that they can be told from the
// original's after the expression is parsed again.
const boundPrefix = "siembound"

// newFastRule returns the fast form of a compiled rule, or nil when
// neither remedy applies; tree is orig parsed, which it rewrites.
func newFastRule(orig *regexp.Regexp, tree *syntax.Regexp) (*fastRule, error) {
	r := &fastRule{re: orig, nsub: orig.NumSubexp()}
	if prefix, _ := orig.LiteralPrefix(); prefix == "" {
		r.lead, _ = leadLiterals(tree)
	}
	// walk calls fn on each repetition worth relaxing.
	var walk func(re *syntax.Regexp, inRepeat bool, fn func(*syntax.Regexp))
	walk = func(re *syntax.Regexp, inRepeat bool, fn func(*syntax.Regexp)) {
		if re.Op == syntax.OpRepeat && !inRepeat && re.Max >= relaxMinCeiling && oneChar(re.Sub[0]) {
			fn(re)
			return
		}
		repeats := re.Op == syntax.OpStar || re.Op == syntax.OpPlus || re.Op == syntax.OpRepeat && re.Max != 1
		for _, sub := range re.Sub {
			walk(sub, inRepeat || repeats, fn)
		}
	}
	src, bounds := relaxSource(orig.String())
	if len(bounds) == 0 {
		if r.lead == nil {
			return nil, nil
		}
		return r, nil
	}
	// The source was rewritten as text, because printing a parsed tree
	// (syntax.Regexp.String) takes milliseconds for a case-insensitive
	// rule. The tree of the rewritten text must be exactly the original's
	// with the relaxable repetitions relaxed, or the rule is left as it is.
	var want []int
	walk(tree, false, func(re *syntax.Regexp) {
		// A fresh Sub slice: the parser's may point into re itself.
		unbounded := &syntax.Regexp{Op: syntax.OpRepeat, Flags: re.Flags, Min: re.Min, Max: -1, Sub: []*syntax.Regexp{re.Sub[0]}}
		want = append(want, re.Max)
		*re = syntax.Regexp{Op: syntax.OpCapture, Flags: re.Flags &^ syntax.NonGreedy, Name: fmt.Sprint(boundPrefix, len(want)-1), Sub: []*syntax.Regexp{unbounded}}
	})
	numberCaptures(tree, new(int))
	rewritten, err := syntax.Parse(src, syntax.Perl)
	if err != nil || !rewritten.Equal(tree) || !slices.Equal(bounds, want) {
		if r.lead == nil {
			return nil, nil
		}
		return r, nil
	}
	r.bounds = bounds
	if r.re, err = regexp.Compile(src); err != nil {
		return nil, fmt.Errorf("relaxing %q: %w", orig, err)
	}
	r.groups = make([]int, r.re.NumSubexp()+1)
	next := 1
	for g, name := range r.re.SubexpNames() {
		if g == 0 {
			continue
		}
		if k, ok := strings.CutPrefix(name, boundPrefix); ok {
			n, err := strconv.Atoi(k)
			if err != nil || n >= len(r.bounds) {
				return nil, fmt.Errorf("relaxing %q: a group is already named %q", orig, name)
			}
			r.groups[g] = -n - 1
			continue
		}
		r.groups[g] = next
		next++
	}
	if next-1 != r.nsub || r.re.NumSubexp() != r.nsub+len(r.bounds) {
		return nil, fmt.Errorf("relaxing %q: %d groups become %d", orig, r.nsub, r.re.NumSubexp())
	}
	return r, nil
}

// numberCaptures numbers the capture groups of re in the order their
// parentheses open, as the parser does.
func numberCaptures(re *syntax.Regexp, n *int) {
	if re.Op == syntax.OpCapture {
		*n++
		re.Cap = *n
	}
	for _, sub := range re.Sub {
		numberCaptures(sub, n)
	}
}

// relaxSource rewrites, in the text of an expression, each repetition of
// one character with a ceiling of relaxMinCeiling or more, x{n,m}, as
// (?P<siemboundK>x{n,}), and returns the ceilings in order. It reads the
// text only as far as it needs to find atoms; newFastRule checks what it
// wrote against the parsed expression.
func relaxSource(src string) (string, []int) {
	var out []byte
	var bounds []int
	atom := -1 // where the last one-character atom starts in out, or -1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			if strings.IndexByte("pPxQ", src[i+1]) >= 0 {
				return src, nil // multi-character escapes: not handled
			}
			atom = len(out)
			out = append(out, src[i:i+2]...)
			i += 2
		case c == '[':
			j := classEnd(src, i)
			if j < 0 {
				return src, nil
			}
			atom = len(out)
			out = append(out, src[i:j]...)
			i = j
		case c == '{':
			lo, hi, end, ok := repeatBounds(src, i)
			if !ok {
				// Not a repetition: Go reads a literal brace.
				atom = len(out)
				out = append(out, c)
				i++
				continue
			}
			lazy := end < len(src) && src[end] == '?'
			if lazy {
				end++
			}
			if atom >= 0 && hi >= relaxMinCeiling {
				x := string(out[atom:])
				out = fmt.Appendf(out[:atom], "(?P<%s%d>%s{%d,}", boundPrefix, len(bounds), x, lo)
				if lazy {
					out = append(out, '?')
				}
				out = append(out, ')')
				bounds = append(bounds, hi)
			} else {
				out = append(out, src[i:end]...)
			}
			atom = -1
			i = end
		case c == '(' || c == ')' || c == '|' || c == '*' || c == '+' || c == '?' || c == '^' || c == '$':
			atom = -1
			out = append(out, c)
			i++
		default:
			_, size := utf8.DecodeRuneInString(src[i:])
			atom = len(out)
			out = append(out, src[i:i+size]...)
			i += size
		}
	}
	return string(out), bounds
}

// classEnd returns the index just past the character class opening at
// src[i], or -1.
func classEnd(src string, i int) int {
	j := i + 1
	if j < len(src) && src[j] == '^' {
		j++
	}
	if j < len(src) && src[j] == ']' {
		j++ // a leading ] is a literal
	}
	for j < len(src) {
		switch {
		case src[j] == '\\':
			j += 2
		case strings.HasPrefix(src[j:], "[:"):
			k := strings.Index(src[j+2:], ":]")
			if k < 0 {
				return -1
			}
			j += k + 4
		case src[j] == ']':
			return j + 1
		default:
			j++
		}
	}
	return -1
}

// repeatBounds reads {n,m} at src[i]; end is the index after it. Other
// forms ({n}, {n,}) report ok with hi = lo or -1.
func repeatBounds(src string, i int) (lo, hi, end int, ok bool) {
	j := i + 1
	num := func() int {
		k := j
		for j < len(src) && src[j] >= '0' && src[j] <= '9' {
			j++
		}
		if k == j || j-k > 4 {
			return -1
		}
		n, _ := strconv.Atoi(src[k:j])
		return n
	}
	if lo = num(); lo < 0 || j >= len(src) {
		return 0, 0, 0, false
	}
	hi = lo
	if src[j] == ',' {
		j++
		if hi = -1; j < len(src) && src[j] != '}' {
			if hi = num(); hi < 0 {
				return 0, 0, 0, false
			}
		}
	}
	if j >= len(src) || src[j] != '}' {
		return 0, 0, 0, false
	}
	return lo, hi, j + 1, true
}

// oneChar reports whether re matches exactly one character.
func oneChar(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpCharClass:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 1
	}
	return false
}

// leadLiterals returns literals one of which every match of re starts
// with, compared case-sensitively; ok is false when it cannot tell.
// Assertions (^, \b) before the first literal are allowed: find gives the
// expression one byte of text before the literal to answer them from.
func leadLiterals(re *syntax.Regexp) (lead []string, ok bool) {
	lead, empty, ok := firstLiterals(re, nil)
	if !ok || empty || len(lead) == 0 || len(lead) > maxLead {
		return nil, false
	}
	return lead, true
}

// firstLiterals adds to lead the literals a match of re can start with,
// and reports whether re can match without consuming text.
func firstLiterals(re *syntax.Regexp, lead []string) (_ []string, empty, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil, false, false
		}
		return append(lead, string(re.Rune)), false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				if len(lead) >= maxLead {
					return nil, false, false
				}
				lead = append(lead, string(c))
			}
		}
		return lead, false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return lead, true, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstLiterals(re.Sub[0], lead)
	case syntax.OpStar, syntax.OpQuest:
		lead, _, ok = firstLiterals(re.Sub[0], lead)
		return lead, true, ok
	case syntax.OpRepeat:
		lead, empty, ok = firstLiterals(re.Sub[0], lead)
		return lead, empty || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if lead, empty, ok = firstLiterals(sub, lead); !ok || !empty {
				return lead, empty, ok
			}
		}
		return lead, true, true
	case syntax.OpAlternate:
		any := false
		for _, sub := range re.Sub {
			if lead, empty, ok = firstLiterals(sub, lead); !ok {
				return nil, false, false
			}
			any = any || empty
		}
		return lead, any, true
	}
	return nil, false, false
}

// find returns what the original's FindStringSubmatchIndex(s) returns, or
// ok false when only the original can tell.
func (r *fastRule) find(s string) (match []int, ok bool) {
	off := 0
	if r.lead != nil {
		off = -1
		for _, l := range r.lead {
			end := len(s)
			if off >= 0 {
				end = min(len(s), off+len(l)-1)
			}
			if i := strings.Index(s[:end], l); i >= 0 {
				off = i
			}
		}
		if off < 0 {
			return nil, true
		}
		// One byte before the literal, for assertions there (\b, ^)
		// to see: a match cannot start on it, as no literal starts
		// there, and one byte answers them (\b's word characters and ^'s
		// newline are ASCII).
		off = max(off-1, 0)
	}
	m := r.re.FindStringSubmatchIndex(s[off:])
	if m == nil {
		return nil, true
	}
	if r.groups == nil {
		for i, v := range m {
			if v >= 0 {
				m[i] = v + off
			}
		}
		return m, true
	}
	match = make([]int, 2*(r.nsub+1))
	match[0], match[1] = m[0]+off, m[1]+off
	for g := 1; 2*g < len(m); g++ {
		a, b := m[2*g], m[2*g+1]
		if a >= 0 {
			a, b = a+off, b+off
		}
		to := r.groups[g]
		if to < 0 {
			if a >= 0 && utf8.RuneCountInString(s[a:b]) > r.bounds[-to-1] {
				return nil, false
			}
			continue
		}
		match[2*to], match[2*to+1] = a, b
	}
	return match, true
}

// submatch is re.FindStringSubmatchIndex(s), through r when there is one.
func submatch(r *fastRule, re *regexp.Regexp, s string) []int {
	if r != nil {
		if m, ok := r.find(s); ok {
			return m
		}
	}
	return re.FindStringSubmatchIndex(s)
}

// The three match functions below set what uap-go's Match methods set,
// from the same replacements, with the match found by submatch.

func (p *parser) matchUA(i int, s string, ua *uaparser.UserAgent) {
	r := p.rules.UA[i]
	m := submatch(p.uaFast[i], r.Reg, s)
	if len(m) == 0 {
		return
	}
	ua.Family = string(r.Reg.ExpandString(nil, r.FamilyReplacement, s, m))
	ua.Major = string(r.Reg.ExpandString(nil, r.V1Replacement, s, m))
	ua.Minor = string(r.Reg.ExpandString(nil, r.V2Replacement, s, m))
	ua.Patch = string(r.Reg.ExpandString(nil, r.V3Replacement, s, m))
}

func (p *parser) matchOS(i int, s string, os *uaparser.Os) {
	r := p.rules.OS[i]
	m := submatch(p.osFast[i], r.Reg, s)
	if len(m) == 0 {
		return
	}
	os.Family = string(r.Reg.ExpandString(nil, r.OSReplacement, s, m))
	os.Major = string(r.Reg.ExpandString(nil, r.V1Replacement, s, m))
	os.Minor = string(r.Reg.ExpandString(nil, r.V2Replacement, s, m))
	os.Patch = string(r.Reg.ExpandString(nil, r.V3Replacement, s, m))
	os.PatchMinor = string(r.Reg.ExpandString(nil, r.V4Replacement, s, m))
}

func (p *parser) matchDevice(i int, s string, dev *uaparser.Device) {
	r := p.rules.Device[i]
	m := submatch(p.devFast[i], r.Reg, s)
	if len(m) == 0 {
		return
	}
	dev.Family = strings.TrimSpace(string(r.Reg.ExpandString(nil, r.DeviceReplacement, s, m)))
	dev.Brand = strings.TrimSpace(string(r.Reg.ExpandString(nil, r.BrandReplacement, s, m)))
	dev.Model = strings.TrimSpace(string(r.Reg.ExpandString(nil, r.ModelReplacement, s, m)))
}

// addRule analyses one rule from one parse of its expression: its
// prefilter, then (as it rewrites the tree) its fast form.
func addRule(filters *[]filter, fast *[]*fastRule, re *regexp.Regexp) error {
	// regexp.Compile parses with the same flags, so the tree is the one
	// the rule runs.
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return fmt.Errorf("useragent: analysing uap-core rule %q: %w", re, err)
	}
	*filters = append(*filters, filterFor(tree))
	f, err := newFastRule(re, tree)
	if err != nil {
		return fmt.Errorf("useragent: %w", err)
	}
	*fast = append(*fast, f)
	return nil
}
