package ioc

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// The large database is built once per test binary, in a directory that
// TestMain removes.
var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// Sizes of the generated database: a million indicators in the mix public
// feeds have, mostly single addresses.
const (
	bigIPv4     = 700_000
	bigIPv4Nets = 50_000
	bigIPv6     = 100_000
	bigDomains  = 150_000
	bigTotal    = bigIPv4 + bigIPv4Nets + bigIPv6 + bigDomains
)

func genIPv4(r *rand.Rand) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(1 + r.IntN(222)), byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32())})
}

func genIPv6(r *rand.Rand) netip.Addr {
	var a [16]byte
	a[0], a[1] = 0x20, 0x01
	for i := 2; i < 16; i++ {
		a[i] = byte(r.Uint32())
	}
	return netip.AddrFrom16(a)
}

func genDomain(r *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6+r.IntN(10))
	for i := range b {
		b[i] = letters[r.IntN(len(letters))]
	}
	tlds := []string{".example", ".test", ".invalid", ".example.net"}
	return string(b) + tlds[r.IntN(len(tlds))]
}

var (
	bigIndsOnce sync.Once
	bigInds     []Indicator
	bigLen      int // distinct indicators: random values repeat now and then
)

// bigIndicators returns the generated indicators; callers must not
// modify them.
func bigIndicators() []Indicator {
	bigIndsOnce.Do(func() { bigInds = generate() })
	return bigInds
}

func generate() []Indicator {
	r := rand.New(rand.NewPCG(1, 2))
	providers := []string{"tor", "abuse.ch", "otx", "stix", "list"}
	descriptions := make([]string, 500)
	for i := range descriptions {
		descriptions[i] = fmt.Sprintf("pulse %d: infrastructure of campaign %d", i, i*7)
	}
	seen := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	inds := make([]Indicator, 0, bigTotal)
	add := func(ind Indicator) {
		ind.Provider = providers[r.IntN(len(providers))]
		ind.Description = descriptions[r.IntN(len(descriptions))]
		ind.FirstSeen = seen.Add(time.Duration(r.IntN(1e6)) * time.Second)
		ind.LastSeen = ind.FirstSeen.Add(time.Hour)
		inds = append(inds, ind)
	}
	for range bigIPv4 {
		a := genIPv4(r)
		add(Indicator{Type: IPv4, Prefix: netip.PrefixFrom(a, 32)})
	}
	for range bigIPv4Nets {
		a := genIPv4(r)
		add(Indicator{Type: IPv4, Prefix: netip.PrefixFrom(a, 16+r.IntN(15)).Masked()})
	}
	for i := range bigIPv6 {
		a := genIPv6(r)
		bits := 128
		if i%4 == 0 {
			bits = 48
		}
		add(Indicator{Type: IPv6, Prefix: netip.PrefixFrom(a, bits).Masked()})
	}
	for range bigDomains {
		add(Indicator{Type: Domain, Domain: genDomain(r)})
	}
	return inds
}

func bigDatabase(tb testing.TB) string {
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "ioc-bench")
		if bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "big.db")
		f, err := os.Create(bigPath)
		if err != nil {
			bigErr = err
			return
		}
		b := Builder{Built: testBuilt}
		for _, ind := range bigIndicators() {
			if bigErr = b.Add(ind); bigErr != nil {
				return
			}
		}
		bigLen = b.Len()
		if _, bigErr = b.WriteTo(f); bigErr == nil {
			bigErr = f.Close()
		}
	})
	if bigErr != nil {
		tb.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkLoad1M loads a database of a million indicators and reports
// the time per load and the heap the loaded database holds.
func BenchmarkLoad1M(b *testing.B) {
	path := bigDatabase(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	var db *DB
	for b.Loop() {
		db = nil
		if db, err = Load(path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	b.ReportMetric(float64(st.Size())/1e6, "file-MB")
	b.ReportMetric(float64(heapOf(func() any { db, _ := Load(path); return db }))/1e6, "heap-MB")
	b.ReportMetric(float64(db.Len()), "indicators")
}

// heapOf returns the heap that the value made by f keeps alive.
func heapOf(f func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - before.HeapAlloc
}

// TestLoad1MWithinBudget checks the load time and memory of a database of
// a million indicators: under a second and 150 MB.
func TestLoad1MWithinBudget(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds a database of a million indicators")
	}
	path := bigDatabase(t)
	var took time.Duration
	heap := heapOf(func() any {
		start := time.Now()
		db, err := Load(path)
		took = time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		if db.Len() != bigLen || bigLen < bigTotal*99/100 {
			t.Fatalf("%d indicators, want %d of %d generated", db.Len(), bigLen, bigTotal)
		}
		return db
	})
	t.Logf("loaded %d indicators in %v, holding %.1f MB of heap", bigLen, took, float64(heap)/1e6)
	if heap > 150e6 {
		t.Errorf("the database holds %.1f MB of heap, more than 150 MB", float64(heap)/1e6)
	}
	// Timing on a shared machine is noisy, so only a gross regression
	// fails; BenchmarkLoad1M measures.
	if limit := 5 * time.Second; took > limit {
		t.Errorf("loading took %v, more than %v", took, limit)
	}
}

func loadBig(b *testing.B) *DB {
	db, err := Load(bigDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkLookupIP(b *testing.B) {
	db := loadBig(b)
	inds := bigIndicators()
	cases := []struct {
		name string
		ip   netip.Addr
	}{
		{"v4-hit", inds[0].Prefix.Addr()},
		{"v4-miss", netip.MustParseAddr("223.255.255.1")},
		{"v6-miss", netip.MustParseAddr("2001:db8::1")},
	}
	cases = append(cases, struct {
		name string
		ip   netip.Addr
	}{"v6-hit", inds[bigIPv4+bigIPv4Nets+1].Prefix.Addr()})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var buf [8]hit
			n := 0
			for b.Loop() {
				n += len(db.matchIP(c.ip, buf[:0]))
			}
			if (n > 0) != (c.name[3:] == "hit") {
				b.Fatalf("%s: %d matches", c.ip, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/lookup")
		})
	}
}

func BenchmarkLookupDomain(b *testing.B) {
	db := loadBig(b)
	inds := bigIndicators()
	present := inds[bigTotal-1].Domain
	cases := []struct{ name, domain string }{
		{"exact-hit", present},
		{"parent-hit", "www.login." + present},
		{"miss", "www.login.good.example.com"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var buf [8]hit
			var name [MaxDomainLength + 1]byte
			domain := []byte(c.domain)
			n := 0
			for b.Loop() {
				n += len(db.match(domain, name[:0], buf[:0]))
			}
			if (n > 0) != (c.name != "miss") {
				b.Fatalf("%s: %d matches", c.domain, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/lookup")
		})
	}
}

// BenchmarkEnrich enriches events shaped like those of the built-in log
// types, with the default fields.
func BenchmarkEnrich(b *testing.B) {
	db := loadBig(b)
	inds := bigIndicators()
	e := New(db, Config{Reporter: &enrich.Reporter{}})
	cases := []struct {
		name, logType string
		fill          func(ev *ecs.Event)
	}{
		// Filling the event alone, to subtract from the others.
		{"baseline-fill-only", "", func(ev *ecs.Event) {
			ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
			ev.Keyword("url.domain", "www.shop.example.com")
		}},
		{"cloudtrail-miss", "cloudtrail", func(ev *ecs.Event) {
			ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
		}},
		{"vpcflow-miss", "vpcflow", func(ev *ecs.Event) {
			ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
			ev.IP("destination.ip", netip.MustParseAddr("10.0.0.5"))
		}},
		{"alb-miss", "alb", func(ev *ecs.Event) {
			ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
			ev.Keyword("url.domain", "www.shop.example.com")
		}},
		{"alb-hit", "alb", func(ev *ecs.Event) {
			ev.IP("source.ip", inds[0].Prefix.Addr())
			ev.Keyword("url.domain", "www."+inds[bigTotal-1].Domain)
		}},
		{"default-fields-miss", "other", func(ev *ecs.Event) {
			ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
			ev.IP("destination.ip", netip.MustParseAddr("10.0.0.5"))
			ev.Keyword("destination.domain", "api.partner.example.com")
			ev.Keyword("dns.question.name", "www.shop.example.com")
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var ev ecs.Event
			// About the size of a normalized ELB event, so that field
			// lookups cost what they do in the pipeline.
			labels := make([]string, 30)
			for i := range labels {
				labels[i] = fmt.Sprintf("labels.k%d", i)
			}
			fillBackground := func() {
				for _, l := range labels {
					ev.Keyword(l, "v")
				}
			}
			for b.Loop() {
				ev.Reset()
				fillBackground()
				c.fill(&ev)
				if c.logType != "" {
					e.Enrich(c.logType, &ev)
				}
			}
			_, hit := ev.Lookup("threat.enrichments")
			if hit != (c.name == "alb-hit") {
				b.Fatalf("threat.enrichments set: %v", hit)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
		})
	}
}

func TestEnrichMissDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	e := testEnricher(t, mustIndicator(t, "198.51.100.1", "p"), mustIndicator(t, "evil.example", "p"))
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("223.255.255.1"))
	ev.IP("destination.ip", netip.MustParseAddr("2001:db8::1"))
	ev.Keyword("url.domain", "www.good.example")
	ev.Keyword("dns.question.name", "Mixed.Case.Example.")
	allocs := testing.AllocsPerRun(100, func() { e.Enrich("other", &ev) })
	if allocs != 0 {
		t.Errorf("Enrich without a match allocates %v times per event", allocs)
	}
}
