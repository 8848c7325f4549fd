package useragent

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ua-parser/uap-go/uaparser"
)

// maxParseLen bounds the bytes of a user agent handed to the rules. Every
// product token the rules look for sits well inside it in real agents; a
// longer value costs as much as this prefix and no more.
const maxParseLen = 512

// values is what one user agent yields; empty strings are unknown.
type values struct {
	name, version, osName, osVersion, deviceName string
}

// parser runs uap-core's rules, as uap-go embeds and compiles them, in
// their order and with uap-go's own matching, but first asks each rule's
// prefilter whether it can match at all. uap-go tries all 1,200 regular
// expressions in turn on a miss (about 1 ms per agent); nearly all of them
// require literals ("Firefox", "Googlebot", "Android ") that the agent
// lacks, and one pass over the agent finds which literals it has.
type parser struct {
	rules *uaparser.Parser
	// The filters of each rule, by rule index, as analysed and as run.
	uaFilter, osFilter, devFilter []filter
	uaRun, osRun, devRun          []compiledFilter
	uaIndex, osIndex, devIndex    *ruleIndex
	literals                      *literalSet
	// devProof[i], when not nil, can show device rule i's match without
	// its regular expression.
	devProof []*matchProof
	// The fast forms of the rules, by rule index; nil for a rule that
	// has none.
	uaFast, osFast, devFast []*fastRule
}

// sharedParser is built once: compiling the rules takes tens of
// milliseconds, and the result is read-only and safe for concurrent use.
var sharedParser = sync.OnceValues(newParser)

func newParser() (p *parser, err error) {
	defer func() {
		// uap-go compiles its embedded rules with MustCompile.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("useragent: building the uap-core rules: %v", r)
		}
	}()
	rules, err := uaparser.New(uaparser.WithCacheSize(1))
	if err != nil {
		return nil, fmt.Errorf("useragent: building the uap-core rules: %w", err)
	}
	p = &parser{rules: rules}
	for _, r := range rules.UA {
		if err := addRule(&p.uaFilter, &p.uaFast, r.Reg); err != nil {
			return nil, err
		}
	}
	for _, r := range rules.OS {
		if err := addRule(&p.osFilter, &p.osFast, r.Reg); err != nil {
			return nil, err
		}
	}
	for _, r := range rules.Device {
		if err := addRule(&p.devFilter, &p.devFast, r.Reg); err != nil {
			return nil, err
		}
	}
	p.literals = newLiteralSet()
	p.uaRun = p.literals.compile(p.uaFilter)
	p.osRun = p.literals.compile(p.osFilter)
	p.devRun = p.literals.compile(p.devFilter)
	using := rulesUsing(len(p.literals.lits), p.uaRun, p.osRun, p.devRun)
	p.uaIndex = newRuleIndex(p.uaRun, using, p.literals.lits)
	p.osIndex = newRuleIndex(p.osRun, using, p.literals.lits)
	p.devIndex = newRuleIndex(p.devRun, using, p.literals.lits)
	for _, r := range rules.Device {
		p.devProof = append(p.devProof, deviceProof(r.Reg.String(),
			[]string{r.DeviceReplacement, r.BrandReplacement, r.ModelReplacement}, p.literals))
	}
	p.literals.seal()
	return p, nil
}

// rulesFor returns what uap-core's rules say of s, exactly as uap-go's
// ParseUserAgent, ParseOs and ParseDevice would, "Other" included.
func (p *parser) rulesFor(s string) (uaparser.UserAgent, uaparser.Os, uaparser.Device) {
	folded := foldForNeeds(s)
	found := p.literals.find(folded)
	defer p.literals.release(found)
	var ua uaparser.UserAgent
	p.uaIndex.passing(found, func(i int) bool {
		p.matchUA(i, s, &ua)
		return ua.Family != ""
	})
	if ua.Family == "" {
		ua.Family = "Other"
	}
	var os uaparser.Os
	p.osIndex.passing(found, func(i int) bool {
		p.matchOS(i, s, &os)
		return os.Family != ""
	})
	if os.Family == "" {
		os.Family = "Other"
	}
	var dev uaparser.Device
	p.devIndex.passing(found, func(i int) bool {
		if proof := p.devProof[i]; proof != nil && proof.proves(folded, found) {
			// What uap-go's Match sets for a match that names no
			// capture.
			r := p.rules.Device[i]
			dev = uaparser.Device{
				Family: strings.TrimSpace(r.DeviceReplacement),
				Brand:  strings.TrimSpace(r.BrandReplacement),
				Model:  strings.TrimSpace(r.ModelReplacement),
			}
			return true
		}
		p.matchDevice(i, s, &dev)
		return dev.Family != ""
	})
	if dev.Family == "" {
		dev.Family = "Other"
	}
	return ua, os, dev
}

// parse returns the ECS values for one user agent.
func (p *parser) parse(s string) values {
	s = truncate(s, maxParseLen)
	if strings.Contains(s, "%20") {
		// Some sources (CloudFront) log the agent URL-encoded; the rules
		// expect spaces.
		if dec, err := url.PathUnescape(s); err == nil {
			s = dec
		}
	}
	ua, os, dev := p.rulesFor(s)
	var v values
	if known(ua.Family) {
		v.name = ua.Family
		v.version = joinVersion(ua.Major, ua.Minor, ua.Patch)
	} else if isAWSService(s) {
		// CloudTrail names AWS callers this way; the name is all there is.
		v.name = s
	} else {
		v.name, v.version = leadingProduct(s)
	}
	if known(os.Family) {
		v.osName = os.Family
		v.osVersion = joinVersion(os.Major, os.Minor, os.Patch, os.PatchMinor)
	}
	if known(dev.Family) {
		v.deviceName = dev.Family
	}
	return v
}

// known reports whether a uap-core family names something.
func known(family string) bool { return family != "" && family != "Other" }

func joinVersion(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > n-utf8.UTFMax && cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// isAWSService reports whether s is how CloudTrail names a caller that is
// an AWS service ("s3.amazonaws.com", "AWS Internal").
func isAWSService(s string) bool {
	if s == "AWS Internal" {
		return true
	}
	host, ok := strings.CutSuffix(s, ".amazonaws.com")
	if !ok || host == "" {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !isWordByte(c) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

const (
	maxProductName    = 64
	maxProductVersion = 32
)

// leadingProduct reads the first product token of an agent the rules do
// not know, HTTP style: "ELB-HealthChecker/2.0", "aws-sdk-js/3.470.0 ...",
// and the bracketed "[S3Console/0.4]" of the AWS console. A leading
// "Mozilla/..." names no product (every browser sends it), so it yields
// nothing; so does a token without a numeric version.
func leadingProduct(s string) (name, version string) {
	s = strings.TrimPrefix(s, "[")
	i := 0
	for i < len(s) && i <= maxProductName && isTokenByte(s[i]) {
		i++
	}
	if i == 0 || i > maxProductName || i+1 >= len(s) || s[i] != '/' || !isLetter(s[0]) {
		return "", ""
	}
	name = s[:i]
	if strings.EqualFold(name, "Mozilla") {
		return "", ""
	}
	rest := s[i+1:]
	j := 0
	for j < len(rest) && j <= maxProductVersion && isVersionByte(rest[j]) {
		j++
	}
	if j == 0 || j > maxProductVersion || !isDigit(rest[0]) {
		return "", ""
	}
	if j < len(rest) && !isProductEnd(rest[j]) {
		return "", ""
	}
	return name, rest[:j]
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// isTokenByte reports an RFC 9110 tchar other than '/'.
func isTokenByte(c byte) bool {
	return isWordByte(c) || strings.IndexByte("!#$%&'*+-.^`|~", c) >= 0
}

func isVersionByte(c byte) bool {
	return isWordByte(c) && c != '_' || c == '.' || c == '-' || c == '+'
}

func isProductEnd(c byte) bool { return c == ' ' || c == ']' || c == ',' || c == ';' || c == '(' }
