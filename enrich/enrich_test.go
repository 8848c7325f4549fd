package enrich_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

type staged struct {
	name  string
	stage enrich.Stage
	log   *[]string
}

func (s staged) Stage() enrich.Stage { return s.stage }
func (s staged) Enrich(logType string, ev *ecs.Event) {
	*s.log = append(*s.log, s.name)
}

func TestChainOrdersByStage(t *testing.T) {
	var calls []string
	chain := enrich.Chain(
		staged{"ua", enrich.StageUserAgent, &calls},
		nil,
		staged{"ioc", enrich.StageThreat, &calls},
		staged{"geo", enrich.StageGeo, &calls},
		staged{"xff", enrich.StageClientIP, &calls},
		staged{"asn", enrich.StageGeo, &calls},
	)
	var ev ecs.Event
	for _, e := range chain {
		e.Enrich("alb", &ev)
	}
	assert.Equal(t, []string{"xff", "geo", "asn", "ioc", "ua"}, calls)
}

func TestFieldsFor(t *testing.T) {
	f := enrich.Fields{Default: []string{"source.ip"}, ByType: map[string][]string{"vpcflow": {"source.ip", "destination.ip"}}}
	assert.Equal(t, []string{"source.ip", "destination.ip"}, f.For("vpcflow"))
	assert.Equal(t, []string{"source.ip"}, f.For("cloudtrail"))
}

func TestReporterLogsOncePerKind(t *testing.T) {
	var buf bytes.Buffer
	r := &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Report("geoip: lookup failed", errors.New("corrupt node"))
		}()
	}
	wg.Wait()
	r.Report("ioc: database unreadable", errors.New("bad magic"))
	assert.Equal(t, map[string]int64{"geoip: lookup failed": 50, "ioc: database unreadable": 1}, r.Problems())
	assert.Equal(t, r.Problems(), r.Problems(), "the deprecated name returns the same counts")
	assert.Equal(t, 2, strings.Count(buf.String(), "enrichment problem"))
	assert.Contains(t, buf.String(), "corrupt node")
}

// TestReporterCountsProblemsNotEvents pins down what the count means: an
// enricher reports each failed lookup, so one event with two failing
// lookups counts two problems.
func TestReporterCountsProblemsNotEvents(t *testing.T) {
	r := &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	lookups := &failingLookups{reporter: r}
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("192.0.2.1"))
	ev.IP("destination.ip", netip.MustParseAddr("192.0.2.2"))
	lookups.Enrich("vpcflow", &ev) // one event, two failed lookups
	assert.Equal(t, map[string]int64{"test: lookup failed": 2}, r.Problems())
	ev.Reset()
	lookups.Enrich("vpcflow", &ev) // an event without addresses: no problem
	assert.Equal(t, map[string]int64{"test: lookup failed": 2}, r.Problems())
}

// failingLookups is an enricher whose lookups all fail.
type failingLookups struct{ reporter *enrich.Reporter }

func (f *failingLookups) Enrich(logType string, ev *ecs.Event) {
	for _, path := range []string{"source.ip", "destination.ip"} {
		for _, ip := range enrich.IPs(ev, path, nil) {
			f.reporter.Report("test: lookup failed", fmt.Errorf("%s %s: no database", path, ip))
		}
	}
}

func TestReadingValuesBack(t *testing.T) {
	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("192.0.2.1"))
	ev.IPs("related.ip", netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("2001:db8::1"))
	ev.Keyword("url.domain", `odd"name`)
	ev.Keywords("related.user", "alice", "bob")
	ev.Long("source.port", 443)

	assert.Equal(t, []netip.Addr{netip.MustParseAddr("192.0.2.1")}, enrich.IPs(&ev, "source.ip", nil))
	assert.Equal(t, []netip.Addr{netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("2001:db8::1")}, enrich.IPs(&ev, "related.ip", nil))
	assert.Empty(t, enrich.IPs(&ev, "source.port", nil))
	assert.Empty(t, enrich.IPs(&ev, "destination.ip", nil))
	assert.Equal(t, []string{`odd"name`}, enrich.Strings(&ev, "url.domain", nil))
	assert.Equal(t, []string{"alice", "bob"}, enrich.Strings(&ev, "related.user", nil))
	assert.Empty(t, enrich.Strings(&ev, "source.port", nil))
}
