package useragent

import "sync"

// literalSet finds which of a fixed set of literals occur in a text in
// one pass, however many there are (uap-core's rules need about 4,800).
//
// Each position of the text is looked up by the bytes starting there, so
// that it is compared only with the literals that could start there. A
// first version indexed literals by their first two bytes; common pairs
// ("mo", "in", "an") each start dozens of literals, so a browser agent
// cost about 1,200 string comparisons and most of a miss's prefilter
// time. Literals of four bytes or more (nearly all) are therefore indexed
// by their first four bytes, hashed into a small table, and each entry
// carries those four bytes, so a position is usually dismissed by one
// integer comparison; only the few shorter literals go by their first
// two bytes. The tables are a few tens of KiB, built once.
type literalSet struct {
	lits  []string
	index map[string]int32 // while building
	long  bucketTable      // literals of 4 bytes or more, by their first 4
	short bucketTable      // literals of 2 or 3 bytes, by their first 2
	// shortStarts and longStarts have a bit for each pair of bytes a
	// short or a long literal starts with: most positions of a text start
	// none, and one bit says so.
	shortStarts, longStarts *[1 << 16 / 64]uint64
	// pool holds foundLiterals for reuse: find's result is as large as
	// the literal count, and every miss of the enricher needs one.
	pool sync.Pool
}

// A bucketTable holds entries[start[h]:start[h+1]] for each hash h.
type bucketTable struct {
	start   []uint32
	entries []literalEntry
}

// literalEntry is one literal in a bucket: its leading bytes as the table
// keys them, to reject other literals of the bucket without reading the
// string, and its number.
type literalEntry struct {
	key uint32
	id  int32
}

const (
	longBits  = 13 // 8,192 buckets for about 4,500 literals
	shortBits = 10 // 1,024 buckets for about 300
)

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
	var long, short []literalEntry
	for id, l := range ls.lits {
		if len(l) >= 4 {
			long = append(long, literalEntry{key: quadKey(l), id: int32(id)})
		} else {
			short = append(short, literalEntry{key: pairKey(l), id: int32(id)})
		}
	}
	ls.shortStarts, ls.longStarts = new([1 << 16 / 64]uint64), new([1 << 16 / 64]uint64)
	for _, l := range ls.lits {
		starts, k := ls.longStarts, pairKey(l)
		if len(l) < 4 {
			starts = ls.shortStarts
		}
		starts[k>>6] |= 1 << (k & 63)
	}
	ls.long = newBucketTable(long, longBits)
	ls.short = newBucketTable(short, shortBits)
	ls.index = nil
}

func newBucketTable(entries []literalEntry, bits uint) bucketTable {
	t := bucketTable{start: make([]uint32, 1<<bits+1), entries: make([]literalEntry, len(entries))}
	for _, e := range entries {
		t.start[hashKey(e.key, bits)+1]++
	}
	for h := 1; h < len(t.start); h++ {
		t.start[h] += t.start[h-1]
	}
	next := make([]uint32, 1<<bits)
	copy(next, t.start)
	for _, e := range entries {
		h := hashKey(e.key, bits)
		t.entries[next[h]] = e
		next[h]++
	}
	return t
}

// quadKey reads s's first 4 bytes as one integer; written byte by byte
// so that the compiler makes it one load, with no copy of the string.
func quadKey(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
func pairKey(s string) uint32 { return uint32(s[0]) | uint32(s[1])<<8 }

// hashKey spreads a key over 1<<bits buckets (Fibonacci hashing).
func hashKey(k uint32, bits uint) uint32 { return (k * 0x9E3779B1) >> (32 - bits) }

// find returns the literals occurring in text; release gives it back
// when the caller is done with it.
func (ls *literalSet) find(text string) *foundLiterals {
	found, _ := ls.pool.Get().(*foundLiterals)
	if found == nil {
		found = &foundLiterals{bits: make([]uint64, (len(ls.lits)+63)/64), ids: make([]int32, 0, 64)}
	}
	for i := 0; i+1 < len(text); i++ {
		pair := pairKey(text[i:])
		if ls.shortStarts[pair>>6]&(1<<(pair&63)) != 0 {
			for _, e := range ls.short.bucket(pair, shortBits) {
				if e.key == pair && hasPrefixAfter(text[i:], ls.lits[e.id], 2) {
					found.add(e.id)
				}
			}
		}
		if i+3 >= len(text) || ls.longStarts[pair>>6]&(1<<(pair&63)) == 0 {
			continue
		}
		quad := quadKey(text[i:])
		for _, e := range ls.long.bucket(quad, longBits) {
			if e.key == quad && hasPrefixAfter(text[i:], ls.lits[e.id], 4) {
				found.add(e.id)
			}
		}
	}
	return found
}

// release clears found, one word per literal found, and keeps it for
// the next find.
func (ls *literalSet) release(found *foundLiterals) {
	for _, id := range found.ids {
		found.bits[id>>6] = 0
	}
	found.ids = found.ids[:0]
	ls.pool.Put(found)
}

func (t *bucketTable) bucket(key uint32, bits uint) []literalEntry {
	h := hashKey(key, bits)
	return t.entries[t.start[h]:t.start[h+1]]
}

// hasPrefixAfter reports whether text starts with lit, given that their
// first n bytes are known to be equal.
func hasPrefixAfter(text, lit string, n int) bool {
	return len(text) >= len(lit) && text[n:len(lit)] == lit[n:]
}
