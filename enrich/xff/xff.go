package xff

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/gaissmai/bart"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// MaxChain is the number of addresses kept from one event's chain. A
// longer header is either forged or broken; its right-most addresses,
// the ones the trusted proxies added, are kept.
const MaxChain = 32

// Config says which proxies to believe and where the header is.
type Config struct {
	// TrustedProxies are the networks of proxies whose forwarding
	// headers are believed: load balancers, CDNs and reverse proxies in
	// front of the logging server. ParseTrustedProxies reads them from
	// text.
	TrustedProxies []netip.Prefix
	// Fields names, per log type, the fields holding the
	// X-Forwarded-For header as received (one string) or its entries (an
	// array of strings). The zero value means DefaultFields(): the
	// built-in types' header fields.
	Fields enrich.Fields
	// Reporter counts malformed headers; nil means a Reporter of the
	// Enricher's own (see Enricher.Reporter).
	Reporter *enrich.Reporter
}

// Enricher settles the client address of proxied requests. It is safe
// for concurrent use.
type Enricher struct {
	trusted  *bart.Lite
	fields   enrich.Fields
	reporter *enrich.Reporter
}

// DefaultFields returns the fields read when Config.Fields is unset: the
// header fields of the built-in log types that record it. A type of your
// own that records the header adds its field to a copy of these.
func DefaultFields() enrich.Fields {
	return enrich.Fields{ByType: map[string][]string{
		"cloudfront":          {"aws.cloudfront.x_forwarded_for"},
		"cloudfront-realtime": {"aws.cloudfront.x_forwarded_for"},
		"waf":                 {"aws.waf.request.x_forwarded_for"},
		"apache-access":       {"apache.access.x_forwarded_for"},
		"nginx-access":        {"nginx.access.x_forwarded_for"},
		// Apache and NGINX lines read from container logs keep their
		// formats' fields.
		"firelens": {"apache.access.x_forwarded_for", "nginx.access.x_forwarded_for"},
	}}
}

// New checks the configuration and returns an Enricher.
func New(cfg Config) (*Enricher, error) {
	if cfg.Fields.Default == nil && cfg.Fields.ByType == nil {
		cfg.Fields = DefaultFields()
	}
	e := &Enricher{trusted: new(bart.Lite), fields: cfg.Fields, reporter: cfg.Reporter}
	if e.reporter == nil {
		e.reporter = &enrich.Reporter{}
	}
	for i, p := range cfg.TrustedProxies {
		if !p.IsValid() {
			return nil, fmt.Errorf("xff: TrustedProxies[%d] is not a valid prefix; build it with netip.ParsePrefix or ParseTrustedProxies", i)
		}
		e.trusted.Insert(unmapPrefix(p))
	}
	check := func(where string, paths []string) error {
		for _, p := range paths {
			if p == "" || strings.HasPrefix(p, ".") || strings.HasSuffix(p, ".") || strings.Contains(p, "..") {
				return fmt.Errorf("xff: %s: field %q is not a dotted field path such as \"nginx.access.x_forwarded_for\"", where, p)
			}
		}
		return nil
	}
	if err := check("Fields.Default", cfg.Fields.Default); err != nil {
		return nil, err
	}
	for logType, paths := range cfg.Fields.ByType {
		if err := check(fmt.Sprintf("Fields.ByType[%q]", logType), paths); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// unmapPrefix turns an IPv4-mapped IPv6 prefix into its IPv4 form, the
// form addresses are looked up in.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	a := p.Addr()
	if a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return p.Masked()
}

// ParseTrustedProxies reads a list of networks and addresses separated by
// commas or blanks ("10.0.0.0/8, 192.168.1.5 2001:db8::/32"). A bare
// address stands for itself alone; host bits in a prefix are cleared.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if strings.Contains(tok, "/") {
			p, err := netip.ParsePrefix(tok)
			if err != nil {
				return nil, fmt.Errorf("xff: trusted proxy %q: %w; give a network such as 10.0.0.0/8 or an address such as 192.168.1.5", tok, err)
			}
			out = append(out, unmapPrefix(p))
			continue
		}
		a, err := netip.ParseAddr(tok)
		if err != nil {
			return nil, fmt.Errorf("xff: trusted proxy %q: not an address or network; give a network such as 10.0.0.0/8 or an address such as 192.168.1.5", tok)
		}
		a = a.Unmap().WithZone("")
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Stage places the enricher first: the others read the address it
// settles.
func (e *Enricher) Stage() enrich.Stage { return enrich.StageClientIP }

// Reporter returns the Reporter problems are counted in.
func (e *Enricher) Reporter() *enrich.Reporter { return e.reporter }

// Trusted reports whether ip belongs to a trusted proxy.
func (e *Enricher) Trusted(ip netip.Addr) bool {
	return ip.IsValid() && e.trusted.Contains(ip.Unmap())
}

// Client picks the client address of a request that reached the logging
// server from peer (invalid when the log does not say) carrying the
// forwarding chain. Each trusted proxy appended the address it received
// the request from, so the chain is believed from the right for as long
// as its entries are trusted proxies: the client is the right-most
// address, counting peer as the last one, that is not a trusted proxy.
// When every address is a trusted proxy the left-most is the client.
//
// A peer that is not a trusted proxy is the client whatever the header
// says: anyone can send an X-Forwarded-For header.
func (e *Enricher) Client(peer netip.Addr, chain []netip.Addr) netip.Addr {
	if peer.IsValid() && !e.Trusted(peer) {
		return peer
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if !e.Trusted(chain[i]) {
			return chain[i]
		}
	}
	if len(chain) > 0 {
		return chain[0]
	}
	return peer
}

// Enrich reads the forwarding chain from the log type's fields and sets
// client.ip and source.ip to the client (see Client), with source.ip
// read first as the peer (and source.address too when it held the peer's
// address); network.forwarded_ip to the chain; and adds the chain and the
// peer to related.ip. Events without a usable header are left as they
// are.
func (e *Enricher) Enrich(logType string, ev *ecs.Event) {
	paths := e.fields.For(logType)
	if len(paths) == 0 {
		return
	}
	var buf [16]netip.Addr
	chain := buf[:0]
	var sk Skipped
	wrongType := ""
	for _, p := range paths {
		raw, ok := ev.Lookup(p)
		if !ok {
			continue
		}
		var fieldOK bool
		chain, fieldOK = appendValue(chain, raw, &sk)
		if !fieldOK && wrongType == "" {
			wrongType = p
		}
	}
	e.report(sk, wrongType)
	if len(chain) == 0 {
		return
	}
	if len(chain) > MaxChain {
		e.reporter.Report("xff: chain too long, left-most addresses dropped", fmt.Errorf("%d addresses, %d kept", len(chain), MaxChain))
		chain = chain[len(chain)-MaxChain:]
	}

	var peer netip.Addr
	if raw, ok := ev.Lookup("source.ip"); ok && len(raw) > 2 && raw[0] == '"' {
		peer, _ = parseAddr(raw[1 : len(raw)-1])
	}
	client := e.Client(peer, chain)

	var relBuf [16]netip.Addr
	related := enrich.IPs(ev, "related.ip", relBuf[:0])
	related = append(related, chain...)
	if peer.IsValid() {
		related = append(related, peer)
	}

	ev.IPs("network.forwarded_ip", chain...)
	if client != peer {
		ev.IP("source.ip", client)
		// A location the log type gave the peer (WAF's and CloudFront's
		// country) describes the proxy: the GeoIP enricher, which runs
		// next, places the client where its databases can.
		ev.Remove("source.geo")
		ev.Remove("source.as")
		// source.address, when it holds the peer's address, follows
		// source.ip; a name there is left alone.
		if raw, ok := ev.Lookup("source.address"); ok && len(raw) > 2 && raw[0] == '"' {
			if a, ok := parseAddr(raw[1 : len(raw)-1]); ok && a == peer {
				ev.Keyword("source.address", client.String())
			}
		}
	}
	ev.IP("client.ip", client)
	ev.IPs("related.ip", related...)
}

// appendValue appends the addresses in a field's encoded JSON value: a
// string holding a header, or an array of such strings. ok is false for
// other values.
func appendValue(dst []netip.Addr, raw []byte, sk *Skipped) (_ []netip.Addr, ok bool) {
	if len(raw) == 0 {
		return dst, false
	}
	if raw[0] == '"' {
		return appendString(dst, raw, sk)
	}
	if raw[0] != '[' {
		return dst, false
	}
	ok = true
	for i := 1; i < len(raw); i++ {
		switch c := raw[i]; c {
		case ' ', '\t', '\n', '\r', ',', ']':
			continue
		case '"':
			end := stringEnd(raw, i)
			var elemOK bool
			dst, elemOK = appendString(dst, raw[i:end], sk)
			ok = ok && elemOK
			i = end - 1
		default:
			// A number, object or other non-string: skip to the next
			// element at this level.
			ok = false
			depth := 0
			for ; i < len(raw); i++ {
				switch raw[i] {
				case '"':
					i = stringEnd(raw, i) - 1
				case '[', '{':
					depth++
				case ']', '}':
					depth--
				}
				if depth < 0 || (depth == 0 && raw[i] == ',') {
					break
				}
			}
		}
	}
	return dst, ok
}

// stringEnd returns the index just past the JSON string starting at
// raw[start], or len(raw) when it is unterminated.
func stringEnd(raw []byte, start int) int {
	for j := start + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(raw)
}

// appendString parses one encoded JSON string as a header.
func appendString(dst []netip.Addr, s []byte, sk *Skipped) ([]netip.Addr, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return dst, false
	}
	inner := s[1 : len(s)-1]
	for _, c := range inner {
		if c == '\\' {
			// Escapes (quoted entries) are rare; decode them the slow way.
			var text string
			if json.Unmarshal(s, &text) != nil {
				return dst, false
			}
			inner = []byte(text)
			break
		}
	}
	var got Skipped
	dst, got = AppendChain(dst, inner)
	sk.Unknown += got.Unknown
	if got.Malformed > 0 && sk.Malformed == 0 {
		sk.FirstMalformed = got.FirstMalformed
	}
	sk.Malformed += got.Malformed
	return dst, true
}

// report counts a header's problems, once per kind per event.
func (e *Enricher) report(sk Skipped, wrongType string) {
	if sk.Unknown > 0 {
		e.reporter.Report(`xff: "unknown" entry skipped`, fmt.Errorf("%d in one header", sk.Unknown))
	}
	if sk.Malformed > 0 {
		e.reporter.Report("xff: malformed entry skipped", fmt.Errorf("%q is not an address (%d such entries in one header)", sk.FirstMalformed, sk.Malformed))
	}
	if wrongType != "" {
		e.reporter.Report("xff: field holds neither a string nor an array of strings", errors.New(wrongType))
	}
}
