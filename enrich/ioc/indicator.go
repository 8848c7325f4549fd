package ioc

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Type is the kind of an indicator, named as ECS names
// threat.enrichments.indicator.type (the STIX 2 cyber-observable types).
type Type uint8

// The indicator types a database holds.
const (
	IPv4   Type = iota + 1 // an IPv4 address or network
	IPv6                   // an IPv6 address or network
	Domain                 // a domain name; it also covers its subdomains
	URL                    // a URL, matched by its host
)

var typeNames = [...]string{IPv4: "ipv4-addr", IPv6: "ipv6-addr", Domain: "domain-name", URL: "url"}

// String returns the ECS name of the type ("ipv4-addr", "domain-name", ...).
func (t Type) String() string {
	if t >= IPv4 && t <= URL {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Confidence is how much a provider trusts an indicator, on the
// None/Low/Medium/High scale that ECS takes from STIX 2.1 (Appendix A).
type Confidence uint8

// Confidence levels. Unknown means the feed said nothing and nothing is
// written; NotSpecified is the feed saying it has no rating.
const (
	ConfidenceUnknown Confidence = iota
	ConfidenceNotSpecified
	ConfidenceNone
	ConfidenceLow
	ConfidenceMedium
	ConfidenceHigh
)

var confidenceNames = [...]string{
	ConfidenceNotSpecified: "Not Specified",
	ConfidenceNone:         "None",
	ConfidenceLow:          "Low",
	ConfidenceMedium:       "Medium",
	ConfidenceHigh:         "High",
}

// String returns the ECS value ("Low", "High", ...), or "" for Unknown.
func (c Confidence) String() string {
	if int(c) < len(confidenceNames) {
		return confidenceNames[c]
	}
	return ""
}

// ConfidenceFromScore maps a STIX 2.1 confidence score (0-100) to the
// None/Low/Medium/High scale by the STIX 2.1 Appendix A table. Scores
// outside 0-100 are Unknown.
func ConfidenceFromScore(score int) Confidence {
	switch {
	case score < 0 || score > 100:
		return ConfidenceUnknown
	case score == 0:
		return ConfidenceNone
	case score < 30:
		return ConfidenceLow
	case score < 70:
		return ConfidenceMedium
	default:
		return ConfidenceHigh
	}
}

// Indicator is one indicator of compromise.
//
// The key it is matched by depends on Type: Prefix for IPv4 and IPv6,
// Domain for Domain, and for URL the host of the URL, in Prefix (a
// single address) when the host is an IP address and in Domain otherwise.
// NewIP, NewDomain, NewURL and Parse fill the key consistently.
type Indicator struct {
	Type Type
	// Prefix is the network of an IP indicator; a single address is a /32
	// or /128.
	Prefix netip.Prefix
	// Domain is the normalized name of a domain indicator or the host of
	// a URL indicator (see NormalizeDomain).
	Domain string
	// URL is the URL of a URL indicator, as the feed wrote it.
	URL string

	// Provider names the feed ("tor", "abuse.ch", "otx", ...). Required.
	Provider    string
	Description string
	// Reference is a URL with more about the indicator.
	Reference  string
	Confidence Confidence
	// FirstSeen and LastSeen are zero when the feed does not say. Feeds
	// that give a validity window put its start and end here.
	FirstSeen, LastSeen time.Time
}

// Name returns the indicator's value as people write it: an address
// ("192.0.2.1"), a network ("192.0.2.0/24"), a domain or a URL.
func (ind Indicator) Name() string {
	switch ind.Type {
	case IPv4, IPv6:
		if ind.Prefix.IsSingleIP() {
			return ind.Prefix.Addr().String()
		}
		return ind.Prefix.String()
	case Domain:
		return ind.Domain
	}
	return ind.URL
}

// NewIP returns an IPv4 or IPv6 indicator for an address ("192.0.2.1")
// or a network in CIDR notation ("2001:db8::/32"). Host bits set in a
// network are cleared; IPv4-mapped IPv6 addresses become IPv4.
func NewIP(s string) (Indicator, error) {
	s = strings.TrimSpace(s)
	// An address is tried first: a zone ("fe80::1%eth0") may hold any
	// character, '/' included, so a slash alone does not make a network.
	var pfx netip.Prefix
	if a, err := netip.ParseAddr(s); err == nil {
		a = a.WithZone("")
		pfx = netip.PrefixFrom(a, a.BitLen())
	} else if strings.IndexByte(s, '/') < 0 {
		return Indicator{}, fmt.Errorf("not an IP address: %q", s)
	} else if pfx, err = netip.ParsePrefix(s); err != nil {
		return Indicator{}, fmt.Errorf("not an IP network: %q", s)
	}
	pfx, ok := canonicalPrefix(pfx)
	if !ok {
		return Indicator{}, fmt.Errorf("not an IP network: %q", s)
	}
	ind := Indicator{Type: IPv6, Prefix: pfx}
	if pfx.Addr().Is4() {
		ind.Type = IPv4
	}
	return ind, nil
}

// canonicalPrefix masks the host bits and turns an IPv4-mapped IPv6
// network into its IPv4 form, so that one network has one key.
func canonicalPrefix(p netip.Prefix) (netip.Prefix, bool) {
	if !p.IsValid() {
		return netip.Prefix{}, false
	}
	a := p.Addr().WithZone("")
	if a.Is4In6() {
		if p.Bits() < 96 {
			// Spans more than the mapped range: keep it as IPv6.
			return netip.PrefixFrom(a, p.Bits()).Masked(), true
		}
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked(), true
	}
	return netip.PrefixFrom(a, p.Bits()).Masked(), true
}

// NewDomain returns a domain indicator. The name is normalized with
// NormalizeDomain.
func NewDomain(s string) (Indicator, error) {
	d, err := NormalizeDomain(s)
	if err != nil {
		return Indicator{}, err
	}
	return Indicator{Type: Domain, Domain: d}, nil
}

// NewURL returns a URL indicator keyed by the URL's host. A URL without a
// scheme ("evil.example/gate.php") is accepted, as feeds write them.
func NewURL(s string) (Indicator, error) {
	s = strings.TrimSpace(s)
	host, ok := URLHost(s)
	if !ok {
		return Indicator{}, fmt.Errorf("not a URL with a host: %q", s)
	}
	ind := Indicator{Type: URL, URL: s}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap().WithZone("")
		ind.Prefix = netip.PrefixFrom(a, a.BitLen())
		return ind, nil
	}
	d, err := NormalizeDomain(host)
	if err != nil {
		return Indicator{}, fmt.Errorf("URL %q: %w", s, err)
	}
	ind.Domain = d
	return ind, nil
}

// Parse returns an indicator for a value of unknown type: a URL when it
// holds "://", an IP indicator when it is an address or a CIDR network,
// and a domain otherwise.
func Parse(s string) (Indicator, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Indicator{}, errors.New("empty value")
	case strings.Contains(s, "://"):
		return NewURL(s)
	case looksNumeric(s):
		return NewIP(s)
	}
	return NewDomain(s)
}

// looksNumeric reports whether s can only be meant as an address or a
// network: IPv6 has a colon, and domain names do not start with a digit
// and end in a digit or CIDR bits at once.
func looksNumeric(s string) bool {
	if strings.IndexByte(s, ':') >= 0 || strings.IndexByte(s, '/') >= 0 {
		return true
	}
	c, l := s[0], s[len(s)-1]
	return c >= '0' && c <= '9' && l >= '0' && l <= '9'
}

// URLHost returns the host of a URL, without userinfo, port or the
// brackets of an IPv6 literal. It does not require a valid URL beyond
// that, because feeds and logs carry URLs that net/url rejects.
func URLHost(s string) (string, bool) {
	h, ok := urlHost([]byte(s))
	return string(h), ok
}

// urlHost is URLHost on bytes, returning a subslice of u.
func urlHost(u []byte) ([]byte, bool) {
	rest := u
	for i := 0; i+2 < len(u); i++ {
		if u[i] == ':' && u[i+1] == '/' && u[i+2] == '/' {
			rest = u[i+3:]
			break
		}
		if c := u[i]; c == '/' || c == '?' || c == '#' {
			break
		}
	}
	end := len(rest)
	for i, c := range rest {
		if c == '/' || c == '?' || c == '#' || c == '\\' {
			end = i
			break
		}
	}
	auth := rest[:end]
	for i := len(auth) - 1; i >= 0; i-- {
		if auth[i] == '@' {
			auth = auth[i+1:]
			break
		}
	}
	if len(auth) > 0 && auth[0] == '[' {
		for i := 1; i < len(auth); i++ {
			if auth[i] == ']' {
				return auth[1:i], i > 1
			}
		}
		return nil, false
	}
	for i := len(auth) - 1; i >= 0; i-- {
		if auth[i] == ':' {
			auth = auth[:i]
			break
		}
	}
	return auth, len(auth) > 0
}

// MaxDomainLength is the longest domain name accepted, in bytes, without
// the trailing dot (RFC 1035 limits names to 253 characters in text).
const MaxDomainLength = 253

// NormalizeDomain returns the form domains are stored and matched in:
// ASCII letters lower-cased, one trailing dot removed and a leading "*."
// wildcard removed (a domain indicator covers its subdomains anyway).
// Internationalized names are kept as written, neither converted to
// punycode nor case-folded beyond ASCII, so a feed and a log must write
// them the same way to match.
func NormalizeDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.TrimSpace(s), ".")
	d = strings.TrimPrefix(d, "*.")
	if d == "" {
		return "", errors.New("empty domain name")
	}
	if len(d) > MaxDomainLength {
		return "", fmt.Errorf("domain name of %d bytes is longer than %d (it starts %.40q)", len(d), MaxDomainLength, d)
	}
	label := 0
	for i := 0; i < len(d); i++ {
		c := d[i]
		switch {
		case c == '.':
			if label == 0 {
				return "", fmt.Errorf("domain name %q has an empty label", s)
			}
			label = 0
			continue
		case c <= ' ' || c == 0x7f || strings.IndexByte(`/\:@?#"<>[](),;*%|'`+"`", c) >= 0:
			return "", fmt.Errorf("domain name %q holds %q, which no host name has", s, c)
		}
		label++
		if label > 63 {
			return "", fmt.Errorf("domain name %q has a label longer than 63 bytes", s)
		}
	}
	if label == 0 {
		return "", fmt.Errorf("domain name %q has an empty label", s)
	}
	if _, err := netip.ParseAddr(d); err == nil {
		return "", fmt.Errorf("%q is an IP address, not a domain name", s)
	}
	return toLowerASCII(d), nil
}

func toLowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// validate checks that the indicator's key agrees with its type, returning
// it in canonical form.
func (ind Indicator) validate() (Indicator, error) {
	if ind.Provider == "" {
		return ind, fmt.Errorf("%s indicator %q has no provider", ind.Type, ind.Name())
	}
	switch ind.Type {
	case IPv4, IPv6:
		p, ok := canonicalPrefix(ind.Prefix)
		if !ok {
			return ind, fmt.Errorf("%s indicator has no valid network", ind.Type)
		}
		ind.Prefix = p
		if p.Addr().Is4() != (ind.Type == IPv4) {
			return ind, fmt.Errorf("%s indicator holds the network %s of the other IP version", ind.Type, p)
		}
		ind.Domain, ind.URL = "", ""
	case Domain:
		d, err := NormalizeDomain(ind.Domain)
		if err != nil {
			return ind, err
		}
		ind.Domain, ind.Prefix, ind.URL = d, netip.Prefix{}, ""
	case URL:
		if ind.URL == "" {
			return ind, errors.New("url indicator has no URL")
		}
		switch {
		case ind.Domain != "" && ind.Prefix.IsValid():
			return ind, fmt.Errorf("url indicator %q has both a domain and an IP host", ind.URL)
		case ind.Domain != "":
			d, err := NormalizeDomain(ind.Domain)
			if err != nil {
				return ind, fmt.Errorf("url indicator %q: %w", ind.URL, err)
			}
			ind.Domain = d
		case ind.Prefix.IsValid() && ind.Prefix.IsSingleIP():
			p, _ := canonicalPrefix(ind.Prefix)
			ind.Prefix = p
		default:
			return ind, fmt.Errorf("url indicator %q has no host to match", ind.URL)
		}
	default:
		return ind, fmt.Errorf("indicator of unknown type %d", ind.Type)
	}
	return ind, nil
}
