package useragent

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A matchProof lets a rule's match be shown by a literal search instead
// of its regular expression. It exists for uap-core's crawler list,
// `(?i)^.{0,100}(bot|BUbiNG|zao|...|spider|...)`: two hundred
// alternatives behind a bounded any-character prefix, which Go's regexp
// runs as an NFA with a hundred threads, each trying every alternative,
// 200 to 600 µs a crawler agent. The rule's output names no capture
// ("Spider", "Spider", "Desktop"), so whether it matches is all that
// counts, and any alternative that is a plain case-insensitive literal
// decides it: such a literal found in the lower-cased agent, starting
// within the first maxLead runes with no newline before it, is a match.
// When no such occurrence is found the regular expression still runs, so
// the proof only ever skips work whose answer it knows.
type matchProof struct {
	maxLead  int
	literals []proofLiteral
}

type proofLiteral struct {
	id  int32  // in the parser's literalSet
	lit string // lower-cased
}

// deviceProof returns the proof for a device rule, or nil when the rule
// does not have that shape or its output depends on what matched.
func deviceProof(expr string, replacements []string, ls *literalSet) *matchProof {
	for _, r := range replacements {
		if strings.Contains(r, "$") {
			return nil
		}
	}
	if len(replacements) == 0 || strings.TrimSpace(replacements[0]) == "" {
		// A match with an empty family counts as none in uap-go.
		return nil
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) != 3 {
		return nil
	}
	begin, lead, group := re.Sub[0], re.Sub[1], re.Sub[2]
	if begin.Op != syntax.OpBeginText || lead.Op != syntax.OpRepeat || lead.Min != 0 || lead.Max < 0 ||
		lead.Sub[0].Op != syntax.OpAnyCharNotNL || group.Op != syntax.OpCapture || group.Sub[0].Op != syntax.OpAlternate {
		return nil
	}
	proof := &matchProof{maxLead: lead.Max}
	for _, alt := range group.Sub[0].Sub {
		lit, ok := foldedLiteral(alt)
		if !ok {
			continue // an anchor, a class or a factored group: left to the regexp
		}
		if id, ok := ls.index[lit]; ok {
			proof.literals = append(proof.literals, proofLiteral{id: id, lit: lit})
		}
	}
	if len(proof.literals) == 0 {
		return nil
	}
	return proof
}

// foldedLiteral returns re lower-cased if it is a case-insensitive ASCII
// literal of at least two bytes: then it matches exactly where its
// lower-cased form occurs in foldForNeeds' text.
func foldedLiteral(re *syntax.Regexp) (string, bool) {
	if re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase == 0 || len(re.Rune) < 2 {
		return "", false
	}
	b := make([]byte, len(re.Rune))
	for i, r := range re.Rune {
		if r >= utf8.RuneSelf {
			return "", false
		}
		b[i] = lowerASCII(byte(r))
	}
	return string(b), true
}

// proves reports whether the rule matches folded, the agent as
// foldForNeeds gives it; found is the literalSet's answer for it. Folding
// keeps one rune per rune, so rune counts are the agent's.
func (m *matchProof) proves(folded string, found *foundLiterals) bool {
	for _, l := range m.literals {
		if !found.has(l.id) {
			continue
		}
		// The first occurrence is the one with the fewest runes before it.
		i := strings.Index(folded, l.lit)
		if i >= 0 && strings.IndexByte(folded[:i], '\n') < 0 && utf8.RuneCountInString(folded[:i]) <= m.maxLead {
			return true
		}
	}
	return false
}
