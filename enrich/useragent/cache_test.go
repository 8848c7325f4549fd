package useragent

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
)

func resultFor(s string) result { return encode(values{name: s}) }

func nameOf(r result) string {
	if r.ends[fieldName] == 0 {
		return ""
	}
	s, err := strconv.Unquote(string(r.enc[:r.ends[fieldName]]))
	if err != nil {
		return "!" + err.Error()
	}
	return s
}

func TestLRUEvictsLeastRecentlyUsed(t *testing.T) {
	c := newLRU(3)
	if len(c.shards) != 1 {
		t.Fatalf("a 3-entry cache has %d shards, want 1", len(c.shards))
	}
	for _, k := range []string{"a", "b", "c"} {
		c.add(k, resultFor(k))
	}
	c.get([]byte("a")) // b is now the least recently used
	c.add("d", resultFor("d"))
	if _, ok := c.get([]byte("b")); ok {
		t.Error("b survived although it was the least recently used")
	}
	for _, k := range []string{"a", "c", "d"} {
		if r, ok := c.get([]byte(k)); !ok || nameOf(r) != k {
			t.Errorf("get(%q) = %q, %v; want it cached", k, nameOf(r), ok)
		}
	}
	// Order now (most recent first): d, c, a. Re-adding a refreshes it.
	c.add("a", resultFor("A"))
	c.add("e", resultFor("e"))
	if _, ok := c.get([]byte("c")); ok {
		t.Error("c survived although it was the least recently used")
	}
	if r, _ := c.get([]byte("a")); nameOf(r) != "A" {
		t.Errorf("a = %q after re-adding, want the new value A", nameOf(r))
	}
	if n := c.len(); n != 3 {
		t.Errorf("len = %d, want 3", n)
	}
}

func TestLRUCapacityAcrossShards(t *testing.T) {
	for _, capacity := range []int{1, 255, 256, 600, 10_000, 100_000} {
		c := newLRU(capacity)
		total := 0
		for i := range c.shards {
			total += c.shards[i].capacity
		}
		if total != capacity {
			t.Errorf("capacity %d: shards hold %d", capacity, total)
		}
		// Far more keys than fit: every shard fills up, none overflows.
		for i := range capacity * 4 {
			c.add(strconv.Itoa(i), result{})
		}
		if n := c.len(); n != capacity {
			t.Errorf("capacity %d: holds %d after overfilling", capacity, n)
		}
	}
	if n := len(newLRU(DefaultCacheSize).shards); n != maxShards {
		t.Errorf("default cache has %d shards, want %d", n, maxShards)
	}
}

func TestLRUConcurrent(t *testing.T) {
	c := newLRU(64)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 5000 {
				k := strconv.Itoa((i*7 + g) % 200)
				if r, ok := c.get([]byte(k)); ok {
					if got := nameOf(r); got != k {
						t.Errorf("get(%q) returned the value of %q", k, got)
						return
					}
					continue
				}
				c.add(k, resultFor(k))
			}
		})
	}
	wg.Wait()
	if n := c.len(); n != 64 {
		t.Errorf("len = %d, want 64", n)
	}
}

// TestEnrichConcurrent runs the real-world set from many goroutines
// through a cache far smaller than the set, so that hits, misses and
// evictions interleave.
func TestEnrichConcurrent(t *testing.T) {
	e := newTestEnricher(t, Config{CacheSize: 8})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3 * len(realWorld) {
				c := realWorld[(i+g*5)%len(realWorld)]
				ev := baseEvent(c.ua)
				e.Enrich("cloudtrail", ev)
				for j, f := range outputFields {
					if got, _ := ev.LookupString(f); got != c.want.byField()[j] {
						t.Errorf("%s: %s = %q, want %q", c.what, f, got, c.want.byField()[j])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if n := e.cache.len(); n != 8 {
		t.Errorf("cache holds %d, want 8", n)
	}
}

func BenchmarkLRUGet(b *testing.B) {
	keys := make([][]byte, len(realWorld))
	for i, c := range realWorld {
		keys[i] = []byte(c.ua)
	}
	// 200 entries make one shard, the default 10,000 make 16.
	for _, capacity := range []int{200, DefaultCacheSize} {
		c := newLRU(capacity)
		for _, k := range keys {
			c.add(string(k), resultFor(string(k)))
		}
		b.Run(fmt.Sprintf("shards=%d/serial", len(c.shards)), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				c.get(keys[i%len(keys)])
			}
		})
		b.Run(fmt.Sprintf("shards=%d/parallel", len(c.shards)), func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					c.get(keys[i%len(keys)])
					i++
				}
			})
		})
	}
}
