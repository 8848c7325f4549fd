package useragent

import (
	"testing"

	"github.com/siem-go/siem/ecs"
)

func fuzzSeeds(f *testing.F) {
	for _, c := range realWorld {
		f.Add(c.ua)
	}
	for _, s := range extraAgents {
		f.Add(s)
	}
	for _, s := range []string{"", "-", "\xff\xfe", "a/1\x00", "[x/1", "%20%zz", "\u212A\u017F", "Mozilla/5.0 (\u2028)"} {
		f.Add(s)
	}
}

// FuzzEnrich: any agent leaves a valid ECS document, never panics, and
// sets the same fields whether served from the cache or not.
func FuzzEnrich(f *testing.F) {
	fuzzSeeds(f)
	cached := newTestEnricher(f, Config{CacheSize: 64})
	uncached := newTestEnricher(f, Config{CacheSize: -1})
	f.Fuzz(func(t *testing.T, ua string) {
		var docs [3][]byte
		for i, e := range []*Enricher{uncached, cached, cached} {
			ev := baseEvent(ua)
			e.Enrich("cloudtrail", ev)
			docs[i] = ev.AppendJSON(nil)
			if err := ecs.Validate(docs[i]); err != nil {
				t.Fatalf("invalid ECS document for %q: %v\n%s", ua, err, docs[i])
			}
		}
		if string(docs[0]) != string(docs[1]) || string(docs[1]) != string(docs[2]) {
			t.Fatalf("cached and uncached results differ for %q:\n%s\n%s\n%s", ua, docs[0], docs[1], docs[2])
		}
	})
}

// FuzzPrefilter: skipping rules by their literals never changes what
// uap-core's rules say.
func FuzzPrefilter(f *testing.F) {
	fuzzSeeds(f)
	p, err := sharedParser()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ua string) {
		assertSameAsUAPGo(t, p, truncate(ua, maxParseLen))
	})
}
