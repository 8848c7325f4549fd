package geoip

import (
	"fmt"
	"net/netip"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siem-go/siem/ecs"
)

func TestCacheKeepsAddressesInUse(t *testing.T) {
	c := newCache(cacheShards * 4) // 4 entries per generation per shard
	hot := []byte("2.16.0.1")
	c.put(string(hot), result{geo: []byte(`{"city_name":"Paris"}`)})
	for i := range cacheShards * 100 {
		key := fmt.Sprintf("5.5.%d.%d", i/256, i%256)
		c.put(key, result{})
		_, ok := c.get(hot)
		assert.True(t, ok, "hot entry evicted after %d inserts", i)
	}
	// Cold entries went: each shard holds at most two generations.
	total := 0
	for i := range c.shards {
		total += len(c.shards[i].cur) + len(c.shards[i].old)
	}
	assert.LessOrEqual(t, total, cacheShards*8)
	_, ok := c.get([]byte("5.5.0.0"))
	assert.False(t, ok)
}

func TestRecordCache(t *testing.T) {
	c := newRecordCache(cacheShards * 2)
	c.put(4096, []byte(`{"number":1}`))
	for off := range uintptr(cacheShards * 50) {
		c.put(8192+off*37, nil)
		b, ok := c.get(4096)
		assert.True(t, ok, "hot record evicted after %d inserts", off)
		assert.Equal(t, `{"number":1}`, string(b))
	}
	total := 0
	for i := range c.shards {
		total += len(c.shards[i].cur) + len(c.shards[i].old)
	}
	assert.LessOrEqual(t, total, cacheShards*4)
	off := newRecordCache(-1)
	off.put(1, []byte("x"))
	_, ok := off.get(1)
	assert.False(t, ok)
}

func TestCacheDisabled(t *testing.T) {
	c := newCache(-1)
	c.put("2.16.0.1", result{geo: []byte("{}")})
	_, ok := c.get([]byte("2.16.0.1"))
	assert.False(t, ok)
}

func TestCacheConcurrent(t *testing.T) {
	c := newCache(cacheShards)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				key := fmt.Sprintf("2.16.%d.%d", w, i%300)
				if r, ok := c.get([]byte(key)); ok {
					if string(r.geo) != key {
						t.Errorf("got %q for %q", r.geo, key)
						return
					}
					continue
				}
				c.put(key, result{geo: []byte(key)})
			}
		}()
	}
	wg.Wait()
}

func TestPublic4AgreesWithPrefixList(t *testing.T) {
	check := func(a [4]byte) {
		ip := netip.AddrFrom4(a)
		if public4(a) != publicAny(ip) {
			t.Fatalf("%v: public4 %v, publicAny %v", ip, public4(a), publicAny(ip))
		}
	}
	// Every /16 at a few host values, then each octet boundary that
	// the special ranges have.
	for x := range 256 {
		for y := range 256 {
			for _, z := range []byte{0, 1, 2, 99, 100, 101, 112, 113, 114, 255} {
				check([4]byte{byte(x), byte(y), z, 1})
			}
		}
	}
}

func TestOutputFieldsAreECS(t *testing.T) {
	for _, prefix := range []string{"source", "destination", "client", "server"} {
		for _, leaf := range geoLeaves {
			f, ok := ecs.Lookup(prefix + ".geo." + leaf)
			assert.True(t, ok, prefix+".geo."+leaf)
			want := ecs.TypeKeyword
			if leaf == "location" {
				want = ecs.TypeGeoPoint
			}
			assert.Equal(t, want, f.Type, prefix+".geo."+leaf)
		}
		f, _ := ecs.Lookup(prefix + ".as.number")
		assert.Equal(t, ecs.TypeLong, f.Type)
		f, _ = ecs.Lookup(prefix + ".as.organization.name")
		assert.Equal(t, ecs.TypeKeyword, f.Type)
	}
}
