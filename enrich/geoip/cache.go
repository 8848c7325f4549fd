package geoip

import (
	"hash/maphash"
	"sync"
)

// cacheShards spreads a cache over this many independently locked maps,
// so that goroutines enriching different addresses rarely wait on each
// other.
const (
	cacheShardBits = 6
	cacheShards    = 1 << cacheShardBits
)

// cache remembers results by the address as written in the event. Each
// shard keeps two generations: when the current one fills up it becomes
// the old one and the previous old one is dropped; a hit in the old
// generation moves the entry back into the current one. Addresses in
// steady use therefore stay, as in an LRU, without keeping a list.
type cache struct {
	seed   maphash.Seed
	limit  int // entries per generation per shard; 0 disables the cache
	shards [cacheShards]cacheShard
}

type cacheShard struct {
	mu       sync.Mutex
	cur, old map[string]result
	// Keep neighbouring shards' locks off one cache line.
	_ [64]byte
}

// newCache returns a cache holding about size entries (up to twice that
// across both generations); size < 0 disables it.
func newCache(size int) *cache {
	c := &cache{seed: maphash.MakeSeed()}
	if size > 0 {
		c.limit = max(1, size/cacheShards)
	}
	return c
}

func (c *cache) get(key []byte) (result, bool) {
	if c.limit == 0 {
		return result{}, false
	}
	s := &c.shards[maphash.Bytes(c.seed, key)%cacheShards]
	s.mu.Lock()
	r, ok := s.cur[string(key)]
	if !ok {
		if r, ok = s.old[string(key)]; ok {
			s.insert(c.limit, string(key), r)
		}
	}
	s.mu.Unlock()
	return r, ok
}

func (c *cache) put(key string, r result) {
	if c.limit == 0 {
		return
	}
	s := &c.shards[maphash.String(c.seed, key)%cacheShards]
	s.mu.Lock()
	s.insert(c.limit, key, r)
	s.mu.Unlock()
}

// insert adds an entry to the current generation, starting a new one when
// it is full. s.mu must be held.
func (s *cacheShard) insert(limit int, key string, r result) {
	if s.cur == nil || len(s.cur) >= limit {
		s.old = s.cur
		s.cur = make(map[string]result, limit)
	}
	s.cur[key] = r
}

// recordCache remembers encoded records by their offset in one database.
// Every address of a network shares its record, so an address not seen
// before usually costs a walk of the search tree and no decoding, and
// the address cache holds references to shared encodings rather than
// copies. Eviction works as in cache.
type recordCache struct {
	limit  int // entries per generation per shard; 0 disables the cache
	shards [cacheShards]recordShard
}

type recordShard struct {
	mu       sync.Mutex
	cur, old map[uintptr][]byte
	_        [64]byte
}

func newRecordCache(size int) *recordCache {
	c := &recordCache{}
	if size > 0 {
		c.limit = max(1, size/cacheShards)
	}
	return c
}

func (c *recordCache) shard(off uintptr) *recordShard {
	// Fibonacci hashing: offsets are multiples of small record sizes,
	// so their low bits alone would crowd a few shards.
	return &c.shards[(uint64(off)*0x9e3779b97f4a7c15)>>(64-cacheShardBits)]
}

func (c *recordCache) get(off uintptr) ([]byte, bool) {
	if c.limit == 0 {
		return nil, false
	}
	s := c.shard(off)
	s.mu.Lock()
	b, ok := s.cur[off]
	if !ok {
		if b, ok = s.old[off]; ok {
			s.insert(c.limit, off, b)
		}
	}
	s.mu.Unlock()
	return b, ok
}

func (c *recordCache) put(off uintptr, b []byte) {
	if c.limit == 0 {
		return
	}
	s := c.shard(off)
	s.mu.Lock()
	s.insert(c.limit, off, b)
	s.mu.Unlock()
}

func (s *recordShard) insert(limit int, off uintptr, b []byte) {
	if s.cur == nil || len(s.cur) >= limit {
		s.old = s.cur
		s.cur = make(map[uintptr][]byte, limit)
	}
	s.cur[off] = b
}
