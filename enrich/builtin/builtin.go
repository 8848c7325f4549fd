// Package builtin opens the SDK's own enrichers from settings (database
// files, trusted proxies, whether to parse user agents) and chains them in
// order, as the siem command and the Lambda function both do:
//
//	set, err := builtin.Open(builtin.Config{GeoIPCity: "GeoLite2-City.mmdb", UserAgent: true})
//	...
//	defer set.Close()
//	p, err := siem.NewPipeline(siem.Options{Enrichers: set.Chain, ...})
//
// Enrichment is off unless asked for: the zero Config opens nothing and
// gives an empty chain.
package builtin

import (
	"errors"
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/ioc"
	"github.com/siem-go/siem/enrich/useragent"
	"github.com/siem-go/siem/enrich/xff"
)

// Config names what to open.
type Config struct {
	// GeoIPCity and GeoIPASN are MaxMind database files (City or
	// Country, and ASN) for the *.geo and *.as fields.
	GeoIPCity, GeoIPASN string
	// IoCDB is an indicator database file built by `siem ioc build`, for
	// threat.enrichments.
	IoCDB string
	// TrustedProxies is a comma-separated list of CIDRs of proxies to
	// look past in X-Forwarded-For chains.
	TrustedProxies string
	// UserAgent parses user_agent.original into user_agent.* fields.
	UserAgent bool
	// Reporter counts and logs enrichment problems; nil means a Reporter
	// that logs with the default slog logger.
	Reporter *enrich.Reporter
}

// Setting names a Config field, so that a program can report a problem
// under its own name for it (a flag, an environment variable).
type Setting int

// The settings of Config.
const (
	SettingGeoIP Setting = iota + 1
	SettingIoCDB
	SettingTrustedProxies
	SettingUserAgent
)

func (s Setting) String() string {
	switch s {
	case SettingGeoIP:
		return "GeoIPCity/GeoIPASN"
	case SettingIoCDB:
		return "IoCDB"
	case SettingTrustedProxies:
		return "TrustedProxies"
	case SettingUserAgent:
		return "UserAgent"
	}
	return fmt.Sprintf("Setting(%d)", int(s))
}

// SettingError is a setting that could not be used: a database that
// cannot be opened, a malformed proxy list.
type SettingError struct {
	Setting Setting
	Err     error
}

func (e *SettingError) Error() string { return e.Setting.String() + ": " + e.Err.Error() }

func (e *SettingError) Unwrap() error { return e.Err }

// Set is the opened enrichers.
type Set struct {
	// Chain is the enrichers in order, for siem.Options.Enrichers.
	Chain []siem.Enricher
	// Reporter is what they report to.
	Reporter *enrich.Reporter
	closers  []func() error
}

// Open opens what cfg names. An error is a *SettingError; nothing stays
// open after one.
func Open(cfg Config) (*Set, error) {
	rep := cfg.Reporter
	if rep == nil {
		rep = &enrich.Reporter{}
	}
	s := &Set{Reporter: rep}
	var stages []enrich.Staged
	fail := func(setting Setting, err error) (*Set, error) {
		s.Close()
		return nil, &SettingError{Setting: setting, Err: err}
	}
	if cfg.TrustedProxies != "" {
		proxies, err := xff.ParseTrustedProxies(cfg.TrustedProxies)
		if err != nil {
			return fail(SettingTrustedProxies, err)
		}
		x, err := xff.New(xff.Config{TrustedProxies: proxies, Reporter: rep})
		if err != nil {
			return fail(SettingTrustedProxies, err)
		}
		stages = append(stages, x)
	}
	if cfg.GeoIPCity != "" || cfg.GeoIPASN != "" {
		g, err := geoip.Open(geoip.Config{CityPath: cfg.GeoIPCity, ASNPath: cfg.GeoIPASN, Reporter: rep})
		if err != nil {
			return fail(SettingGeoIP, err)
		}
		stages = append(stages, g)
		s.closers = append(s.closers, g.Close)
	}
	if cfg.IoCDB != "" {
		i, err := ioc.Open(cfg.IoCDB, ioc.Config{Reporter: rep})
		if err != nil {
			return fail(SettingIoCDB, err)
		}
		stages = append(stages, i)
		s.closers = append(s.closers, i.Close)
	}
	if cfg.UserAgent {
		u, err := useragent.New(useragent.Config{Reporter: rep})
		if err != nil {
			return fail(SettingUserAgent, err)
		}
		stages = append(stages, u)
	}
	s.Chain = enrich.Chain(stages...)
	return s, nil
}

// Close closes the databases. It may be called more than once.
func (s *Set) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	s.closers = nil
	return errors.Join(errs...)
}
