package useragent

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	medama "github.com/medama-io/go-useragent"
	"github.com/ua-parser/uap-go/uaparser"

	"github.com/siem-go/siem/ecs"
)

// benchEnrich enriches agents round-robin, one event per op.
func benchEnrich(b *testing.B, e *Enricher, agents []string) {
	var ev ecs.Event
	bytes := 0
	for _, a := range agents {
		bytes += len(a)
	}
	b.SetBytes(int64(bytes / len(agents)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ev.Reset()
		ev.Keyword("user_agent.original", agents[i%len(agents)])
		if e != nil {
			e.Enrich("alb", &ev)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// randomisedBrowsers returns n browser agents of the real-world set
// (those starting "Mozilla/5.0 (" and naming no crawler) with every digit
// redrawn, so that each is new to a cache; the draw is seeded, so runs
// compare.
func randomisedBrowsers(n int) []string {
	var browsers []string
	for _, c := range realWorld {
		if strings.HasPrefix(c.ua, "Mozilla/5.0 (") && !strings.Contains(strings.ToLower(c.ua), "bot") {
			browsers = append(browsers, c.ua)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	out := make([]string, n)
	for i := range out {
		b := []byte(browsers[i%len(browsers)])
		// Keep "Mozilla/5.0 (" so the agent stays a browser's.
		for j := len("Mozilla/5.0 ("); j < len(b); j++ {
			if isDigit(b[j]) {
				b[j] = byte('0' + rng.IntN(10))
			}
		}
		out[i] = string(b)
	}
	return out
}

func realWorldAgents() []string {
	agents := make([]string, len(realWorld))
	for i, c := range realWorld {
		agents[i] = c.ua
	}
	return agents
}

// BenchmarkEnrich measures one event: "hit" when its agent is cached,
// "miss" when it is parsed (cache off), and "baseline" the event setup
// alone, to subtract.
func BenchmarkEnrich(b *testing.B) {
	agents := realWorldAgents()
	b.Run("baseline", func(b *testing.B) { benchEnrich(b, nil, agents) })
	b.Run("hit", func(b *testing.B) {
		e := newTestEnricher(b, Config{})
		for _, a := range agents {
			e.Enrich("alb", baseEvent(a))
		}
		benchEnrich(b, e, agents)
	})
	b.Run("hit/parallel", func(b *testing.B) {
		e := newTestEnricher(b, Config{})
		for _, a := range agents {
			e.Enrich("alb", baseEvent(a))
		}
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			var ev ecs.Event
			i := 0
			for pb.Next() {
				ev.Reset()
				ev.Keyword("user_agent.original", agents[i%len(agents)])
				e.Enrich("alb", &ev)
				i++
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
	b.Run("miss", func(b *testing.B) {
		benchEnrich(b, newTestEnricher(b, Config{CacheSize: -1}), agents)
	})
	// Every agent unique, as when a client randomises its version
	// numbers: ordinary browser agents of the real-world set with their
	// digits redrawn, parsed without a cache.
	b.Run("miss/browsers", func(b *testing.B) {
		benchEnrich(b, newTestEnricher(b, Config{CacheSize: -1}), randomisedBrowsers(4096))
	})
	// Distinct agents beyond the cache: a miss plus an eviction.
	b.Run("miss/evicting", func(b *testing.B) {
		unique := make([]string, 0, 4096)
		for i := range cap(unique) {
			unique = append(unique, agents[i%len(agents)]+" build/"+strconv.Itoa(i))
		}
		benchEnrich(b, newTestEnricher(b, Config{CacheSize: 1024}), unique)
	})
	// The worst case an agent can force: a long value, never cached.
	b.Run("miss/64KiB", func(b *testing.B) {
		long := make([]byte, 64<<10)
		for i := range long {
			long[i] = "Mozilla/5.0 (Linux; Android 14) Chrome/120 "[i%43]
		}
		benchEnrich(b, newTestEnricher(b, Config{}), []string{string(long)})
	})
}

// BenchmarkParsers compares, per agent of the real-world set, this
// package's prefiltered uap-core rules, uap-go's own loops over the same
// rules, and medama-io/go-useragent. uap-go's internal cache holds one
// entry and the set cycles, so it always misses.
func BenchmarkParsers(b *testing.B) {
	agents := realWorldAgents()
	p, err := sharedParser()
	if err != nil {
		b.Fatal(err)
	}
	// Regular expressions run per agent: a measure of work that a busy
	// machine does not distort.
	run, runAll := 0, 0
	for _, a := range agents {
		run += p.rulesRun(a, true)
		runAll += p.rulesRun(a, false)
	}
	b.Run("prefiltered-uap-core", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			p.rulesFor(agents[i%len(agents)])
		}
		b.ReportMetric(float64(run)/float64(len(agents)), "regexps/op")
	})
	b.Run("uap-go", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			s := agents[i%len(agents)]
			p.rules.ParseUserAgent(s)
			p.rules.ParseOs(s)
			p.rules.ParseDevice(s)
		}
		b.ReportMetric(float64(runAll)/float64(len(agents)), "regexps/op")
	})
	b.Run("medama", func(b *testing.B) {
		m := medama.NewParser()
		for i := 0; b.Loop(); i++ {
			m.Parse(agents[i%len(agents)])
		}
	})
}

// TestParserCandidates measures how much of the real-world set each
// candidate parser recognises: for each expected field, whether it yields
// any value at all (naming differs between parsers, so presence is the
// fair comparison; TestRealWorld checks the exact values of the chosen
// one). The numbers are quoted in doc.go.
func TestParserCandidates(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	m := medama.NewParser()
	type coverage struct{ name, version, osName, osVersion, device int }
	var expected, uap, med coverage
	count := func(c *int, exp string, got string) {
		if exp != "" && got != "" {
			*c++
		}
	}
	for _, c := range realWorld {
		w := c.want
		for _, pair := range []struct {
			c *int
			w string
		}{{&expected.name, w.name}, {&expected.version, w.version}, {&expected.osName, w.osName}, {&expected.osVersion, w.osVersion}, {&expected.device, w.device}} {
			if pair.w != "" {
				*pair.c++
			}
		}
		ua, os, dev := p.rulesFor(c.ua)
		if known(ua.Family) {
			count(&uap.name, w.name, ua.Family)
			count(&uap.version, w.version, ua.Major)
		}
		if known(os.Family) {
			count(&uap.osName, w.osName, os.Family)
			count(&uap.osVersion, w.osVersion, os.Major)
		}
		if known(dev.Family) {
			count(&uap.device, w.device, dev.Family)
		}
		a := m.Parse(c.ua)
		count(&med.name, w.name, string(a.Browser()))
		count(&med.version, w.version, a.BrowserVersion())
		count(&med.osName, w.osName, string(a.OS()))
		// medama has no OS version and gives a device class, not a name.
		count(&med.device, w.device, "")
	}
	t.Logf("expected values: %+v", expected)
	t.Logf("uap-core rules:  %+v", uap)
	t.Logf("medama:          %+v", med)
	if uap.name <= med.name || uap.osName < med.osName || uap.osVersion <= med.osVersion {
		t.Errorf("uap-core no longer beats medama on this set: uap %+v, medama %+v; revisit the choice in doc.go", uap, med)
	}
}

// rulesRun counts the rules whose regular expression runs on s, with the
// prefilter or, as uap-go does, without.
func (p *parser) rulesRun(s string, filtered bool) int {
	found := p.literals.find(foldForNeeds(s))
	n := 0
	count := func(filters []compiledFilter, match func(i int) bool) {
		for i, f := range filters {
			if !filtered || f.passes(found.bits) {
				n++
				if match(i) {
					return
				}
			}
		}
	}
	count(p.uaRun, func(i int) bool {
		var ua uaparser.UserAgent
		p.rules.UA[i].Match(s, &ua)
		return ua.Family != ""
	})
	count(p.osRun, func(i int) bool {
		var os uaparser.Os
		p.rules.OS[i].Match(s, &os)
		return os.Family != ""
	})
	count(p.devRun, func(i int) bool {
		var dev uaparser.Device
		p.rules.Device[i].Match(s, &dev)
		return dev.Family != ""
	})
	return n
}
