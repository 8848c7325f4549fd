package useragent

import (
	"hash/maphash"
	"math/bits"
	"sync"
)

// lru is a fixed-capacity, least-recently-used map from a user agent to
// its encoded result, safe for concurrent use. It is split into shards,
// each with its own lock, so that goroutines enriching different agents
// seldom wait for each other; recency is kept per shard.
type lru struct {
	seed   maphash.Seed
	mask   uint64
	shards []lruShard
}

type lruShard struct {
	mu sync.Mutex
	// index maps a key to its slot. Slot 0 is the sentinel of a circular
	// list running from the most recently used slot (slots[0].next) to
	// the least (slots[0].prev); slots are reused on eviction, so a full
	// shard allocates nothing but the new key.
	index    map[string]int32
	slots    []lruSlot
	capacity int
	// Keeps neighbouring shards' locks off one cache line.
	_ [64]byte
}

type lruSlot struct {
	key        string
	val        result
	prev, next int32
}

// Shards are worth their hashing only when there are enough entries to
// spread; each holds at least this many.
const minShardEntries = 256

const maxShards = 16

// newLRU returns a cache holding about capacity entries (at least one).
func newLRU(capacity int) *lru {
	capacity = max(capacity, 1)
	n := 1
	if per := capacity / minShardEntries; per > 1 {
		n = min(1<<(bits.Len(uint(per))-1), maxShards)
	}
	c := &lru{seed: maphash.MakeSeed(), mask: uint64(n - 1), shards: make([]lruShard, n)}
	for i := range c.shards {
		// Share capacity out so that the shards add up to it exactly.
		sc := capacity / n
		if i < capacity%n {
			sc++
		}
		c.shards[i].capacity = sc
		c.shards[i].index = make(map[string]int32)
		c.shards[i].slots = make([]lruSlot, 1, min(sc, 1024)+1)
	}
	return c
}

// get returns the value cached for key and marks it most recently used.
func (c *lru) get(key []byte) (result, bool) {
	s := &c.shards[maphash.Bytes(c.seed, key)&c.mask]
	s.mu.Lock()
	i, ok := s.index[string(key)]
	if !ok {
		s.mu.Unlock()
		return result{}, false
	}
	s.moveToFront(i)
	// Values are never modified once stored, so the copy may be read
	// after the lock is released even if the slot is reused.
	v := s.slots[i].val
	s.mu.Unlock()
	return v, true
}

// add caches val under key, evicting the shard's least recently used
// entry when it is full.
func (c *lru) add(key string, val result) {
	s := &c.shards[maphash.String(c.seed, key)&c.mask]
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.index[key]; ok {
		// Another goroutine parsed the same agent meanwhile.
		s.slots[i].val = val
		s.moveToFront(i)
		return
	}
	var i int32
	if len(s.slots)-1 < s.capacity {
		s.slots = append(s.slots, lruSlot{})
		i = int32(len(s.slots) - 1)
	} else {
		i = s.slots[0].prev
		delete(s.index, s.slots[i].key)
		s.unlink(i)
	}
	s.slots[i].key, s.slots[i].val = key, val
	s.pushFront(i)
	s.index[key] = i
}

// len returns the number of cached entries.
func (c *lru) len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += len(s.index)
		s.mu.Unlock()
	}
	return n
}

func (s *lruShard) moveToFront(i int32) {
	if s.slots[0].next == i {
		return
	}
	s.unlink(i)
	s.pushFront(i)
}

func (s *lruShard) unlink(i int32) {
	p, n := s.slots[i].prev, s.slots[i].next
	s.slots[p].next = n
	s.slots[n].prev = p
}

func (s *lruShard) pushFront(i int32) {
	first := s.slots[0].next
	s.slots[i].prev, s.slots[i].next = 0, first
	s.slots[first].prev = i
	s.slots[0].next = i
}
