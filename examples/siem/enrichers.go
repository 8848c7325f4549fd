package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/ioc"
	"github.com/siem-go/siem/enrich/useragent"
	"github.com/siem-go/siem/enrich/xff"
)

// enrichFlags are the enrichment options shared by the commands that
// normalize (normalize, ingest). Enrichment is off unless asked for.
type enrichFlags struct {
	geoipCity      string
	geoipASN       string
	iocDB          string
	trustedProxies string
	userAgent      bool
}

func (f *enrichFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.geoipCity, "geoip-city", "", "MaxMind City or Country database `FILE` for *.geo fields")
	fs.StringVar(&f.geoipASN, "geoip-asn", "", "MaxMind ASN database `FILE` for *.as fields")
	fs.StringVar(&f.iocDB, "ioc-db", "", "indicator database `FILE` built by 'siem ioc build', for threat.enrichments")
	fs.StringVar(&f.trustedProxies, "trusted-proxies", "", "`CIDR,...` of proxies to look past in X-Forwarded-For chains")
	fs.BoolVar(&f.userAgent, "user-agent", false, "parse user_agent.original into user_agent.* fields")
}

// enrichment is the chain built from the flags, with what must be closed
// and the reporter whose counts the summary shows.
type enrichment struct {
	chain    []siem.Enricher
	reporter *enrich.Reporter
	closers  []io.Closer
}

func (e *enrichment) Close() {
	for _, c := range e.closers {
		c.Close()
	}
}

// build opens the databases named by the flags. A database that cannot be
// opened is a usage error: the user asked for it by name.
func (f *enrichFlags) build(stderr io.Writer) (*enrichment, error) {
	e := &enrichment{reporter: &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(stderr, nil))}}
	var stages []enrich.Staged
	if f.trustedProxies != "" {
		proxies, err := xff.ParseTrustedProxies(f.trustedProxies)
		if err != nil {
			return nil, usagef("--trusted-proxies: %v", err)
		}
		x, err := xff.New(xff.Config{TrustedProxies: proxies, Reporter: e.reporter})
		if err != nil {
			return nil, usagef("--trusted-proxies: %v", err)
		}
		stages = append(stages, x)
	}
	if f.geoipCity != "" || f.geoipASN != "" {
		g, err := geoip.Open(geoip.Config{CityPath: f.geoipCity, ASNPath: f.geoipASN, Reporter: e.reporter})
		if err != nil {
			return nil, usageError{err.Error()}
		}
		stages = append(stages, g)
		e.closers = append(e.closers, closerFunc(g.Close))
	}
	if f.iocDB != "" {
		i, err := ioc.Open(f.iocDB, ioc.Config{Reporter: e.reporter})
		if err != nil {
			return nil, usageError{err.Error()}
		}
		stages = append(stages, i)
		e.closers = append(e.closers, closerFunc(i.Close))
	}
	if f.userAgent {
		u, err := useragent.New(useragent.Config{Reporter: e.reporter})
		if err != nil {
			return nil, fmt.Errorf("user agent parser: %w", err)
		}
		stages = append(stages, u)
	}
	e.chain = enrich.Chain(stages...)
	return e, nil
}

// closerFunc adapts a Close method of any signature used here to io.Closer.
type closerFunc func() error

func (c closerFunc) Close() error { return c() }
