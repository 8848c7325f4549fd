package useragent

import "math/bits"

// ruleIndex finds the rules of one kind (agents, OSes or devices) whose
// filters pass, from the literals an agent holds rather than by asking
// every rule. Asking every rule cost a browser agent about 70,000
// instructions, over a third of a parse: uap-core has about 1,200 rules,
// and a device rule's need can list a hundred brand names. Here each rule
// is filed under the literals of one of its needs, so an agent's
// candidates are the rules filed under what it holds (a few dozen
// literals), and only those check their other needs.
//
// A rule is filed under the need that the fewest rules share literals
// with: a literal many rules look for (" build", ") applewebkit", which
// hundreds of device rules need) is one many agents hold, and filing
// under it would make those rules candidates for nearly every agent. A
// need with a two-byte literal (" (", "it") comes last
// whatever it shares: such text is in nearly every agent.
type ruleIndex struct {
	filters []compiledFilter
	// key[i] is the need rule i is filed under.
	key []int
	// byLiteral[id] lists, ascending, the rules filed under a need
	// holding literal id.
	byLiteral [][]int32
	// always has a bit for each rule without needs.
	always []uint64
}

// newRuleIndex indexes filters; rulesUsing[id] counts the rules, of every
// kind, with a need holding literal id.
func newRuleIndex(filters []compiledFilter, rulesUsing []int, lits []string) *ruleIndex {
	x := &ruleIndex{filters: filters, key: make([]int, len(filters)), always: make([]uint64, (len(filters)+63)/64)}
	for i, f := range filters {
		if len(f) == 0 {
			x.always[i>>6] |= 1 << (i & 63)
			continue
		}
		best := -1
		for k, n := range f {
			score := 0
			for _, id := range n {
				score += rulesUsing[id]
			}
			if n.shortest(lits) < 3 {
				score += 1 << 30
			}
			if best < 0 || score < best {
				best, x.key[i] = score, k
			}
		}
		for _, id := range f[x.key[i]] {
			for int(id) >= len(x.byLiteral) {
				x.byLiteral = append(x.byLiteral, nil)
			}
			// Rules are filed in order, and a need lists a literal once.
			x.byLiteral[id] = append(x.byLiteral[id], int32(i))
		}
	}
	return x
}

// candidates returns a bit set of the rules whose filed need found meets,
// in dst's storage.
func (x *ruleIndex) candidates(found *foundLiterals, dst []uint64) []uint64 {
	dst = append(dst[:0], x.always...)
	for _, id := range found.ids {
		if int(id) < len(x.byLiteral) {
			for _, r := range x.byLiteral[id] {
				dst[r>>6] |= 1 << (r & 63)
			}
		}
	}
	return dst
}

// passing calls yield with each rule whose filter passes, in rule order,
// until yield returns true.
func (x *ruleIndex) passing(found *foundLiterals, yield func(rule int) (done bool)) {
	var buf [16]uint64
	cand := x.candidates(found, buf[:0])
	for w, word := range cand {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			if x.passesOthers(i, found) {
				if yield(i) {
					return
				}
			}
		}
	}
}

// passesOthers reports whether rule i, a candidate, meets its needs other
// than the one it is filed under.
func (x *ruleIndex) passesOthers(i int, found *foundLiterals) bool {
	for k, n := range x.filters[i] {
		if k != x.key[i] && !anyFound(n, found.bits) {
			return false
		}
	}
	return true
}

// rulesUsing counts, for each literal, the rules with a need holding it.
func rulesUsing(literals int, kinds ...[]compiledFilter) []int {
	n := make([]int, literals)
	for _, filters := range kinds {
		for _, f := range filters {
			seen := map[int32]bool{}
			for _, need := range f {
				for _, id := range need {
					if !seen[id] {
						seen[id] = true
						n[id]++
					}
				}
			}
		}
	}
	return n
}

// foundLiterals is what a literalSet finds in a text: a bit per literal,
// and the numbers of those found, each once.
type foundLiterals struct {
	bits []uint64
	ids  []int32
}

func (f *foundLiterals) has(id int32) bool { return f.bits[id>>6]&(1<<(id&63)) != 0 }

func (f *foundLiterals) add(id int32) {
	if !f.has(id) {
		f.bits[id>>6] |= 1 << (id & 63)
		f.ids = append(f.ids, id)
	}
}

// shortest returns the length of the need's shortest literal.
func (n compiledNeed) shortest(lits []string) int {
	s := -1
	for _, id := range n {
		if s < 0 || len(lits[id]) < s {
			s = len(lits[id])
		}
	}
	return s
}
