package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/builtin"
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

// enrichment is the chain built from the flags, with the reporter whose
// counts the summary shows.
type enrichment struct {
	chain    []siem.Enricher
	reporter *enrich.Reporter
	set      *builtin.Set
}

func (e *enrichment) Close() { e.set.Close() }

// build opens the databases named by the flags. A setting that cannot be
// used is a usage error: the user asked for it by name.
func (f *enrichFlags) build(stderr io.Writer) (*enrichment, error) {
	set, err := builtin.Open(builtin.Config{
		GeoIPCity:      f.geoipCity,
		GeoIPASN:       f.geoipASN,
		IoCDB:          f.iocDB,
		TrustedProxies: f.trustedProxies,
		UserAgent:      f.userAgent,
		Reporter:       &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(stderr, nil))},
	})
	var se *builtin.SettingError
	switch {
	case errors.As(err, &se) && se.Setting == builtin.SettingTrustedProxies:
		return nil, usagef("--trusted-proxies: %v", se.Err)
	case errors.As(err, &se) && se.Setting == builtin.SettingUserAgent:
		return nil, fmt.Errorf("user agent parser: %w", se.Err)
	case errors.As(err, &se):
		// The databases' errors name their files.
		return nil, usageError{se.Err.Error()}
	case err != nil:
		return nil, err
	}
	return &enrichment{chain: set.Chain, reporter: set.Reporter, set: set}, nil
}
