package useragent

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fastRuleCorpus is text that reaches the fast rules: real agents and
// their variants, randomised browsers, and agents long enough to take a
// relaxed repetition past its ceiling, by bytes and by runes.
func fastRuleCorpus(short bool) []string {
	var c []string
	for _, r := range realWorld {
		c = append(c, variants(r.ua)...)
	}
	for _, s := range extraAgents {
		c = append(c, variants(s)...)
	}
	n := 400
	if short {
		n = 50
	}
	c = append(c, randomisedBrowsers(n)...)
	for _, pad := range []int{1, 99, 100, 101, 199, 200, 201, 300, 301} {
		for _, fill := range []string{"x", "é", "\xff", ";"} {
			p := strings.Repeat(fill, pad)
			c = append(c,
				"Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X)"+p+"Version/16.5 Mobile Safari/604.1",
				"iPad"+p+"Version/1.2.3"+p+" Safari",
				"Mozilla/5.0 (Linux; Android 13; "+p+" Build/TQ3A) AppleWebKit/537.36 Mobile Safari/537.36",
				"Mobile;"+p+"Firefox/120.0",
				"Chrome/120.0"+p+"OPR/105.0.0.0",
				p+"-iPhone/1.2.3 CFNetwork",
			)
		}
	}
	return c
}

// TestFastRulesMatchRegexp checks every fast rule against its own regular
// expression, match by match and group by group, not only through the
// parse: a rule can differ in a way a later rule would hide.
func TestFastRulesMatchRegexp(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	corpus := fastRuleCorpus(testing.Short())
	check := func(kind string, fast []*fastRule, re func(i int) *regexp.Regexp) {
		for i, f := range fast {
			if f == nil {
				continue
			}
			for _, s := range corpus {
				s = truncate(s, maxParseLen)
				want := re(i).FindStringSubmatchIndex(s)
				if got := submatch(f, re(i), s); !slices.Equal(got, want) {
					t.Errorf("%s rule %d %q on %q: %v, its expression says %v", kind, i, re(i), s, got, want)
				}
			}
		}
	}
	check("agent", p.uaFast, func(i int) *regexp.Regexp { return p.rules.UA[i].Reg })
	check("OS", p.osFast, func(i int) *regexp.Regexp { return p.rules.OS[i].Reg })
	check("device", p.devFast, func(i int) *regexp.Regexp { return p.rules.Device[i].Reg })
}

// TestFastRulesCoverSlowRules names rules whose fast forms the speed of a
// miss depends on (BENCHMARKS.md): if uap-core rewrites them, or the
// rewriting stops applying, this says so rather than a benchmark.
func TestFastRulesCoverSlowRules(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	find := func(rules []*regexp.Regexp, fast []*fastRule, prefix string) *fastRule {
		t.Helper()
		for i, re := range rules {
			if strings.HasPrefix(re.String(), prefix) {
				if fast[i] == nil {
					t.Errorf("rule %q has no fast form", re)
				}
				return fast[i]
			}
		}
		t.Errorf("no rule starts %q: uap-core changed; revisit fastrule.go and this test", prefix)
		return nil
	}
	var ua, os, dev []*regexp.Regexp
	for _, r := range p.rules.UA {
		ua = append(ua, r.Reg)
	}
	for _, r := range p.rules.OS {
		os = append(os, r.Reg)
	}
	for _, r := range p.rules.Device {
		dev = append(dev, r.Reg)
	}
	if f := find(ua, p.uaFast, "(iPod|iPhone|iPad).{1,200}Version/"); f != nil && f.groups == nil {
		t.Errorf("iOS Safari's rule is not relaxed")
	}
	if f := find(os, p.osFast, "(CPU[ +]OS|iPhone[ +]OS"); f != nil && f.lead == nil {
		t.Errorf("the iOS version rule does not skip to its literals")
	}
	if f := find(os, p.osFast, "(Ubuntu|Kubuntu|"); f != nil && f.lead == nil {
		t.Errorf("the Linux distribution rule does not skip to its literals")
	}
	if f := find(dev, p.devFast, "Android \\d+?(?:\\.\\d+|)(?:\\.\\d+|); ([^;]{1,100}?)(?: Build|\\) AppleWebKit).{1,200}? Mobile Safari"); f != nil && f.groups == nil {
		t.Errorf("the generic Android device rule is not relaxed")
	}
	relaxed := 0
	for _, fs := range [][]*fastRule{p.uaFast, p.osFast, p.devFast} {
		for _, f := range fs {
			if f != nil && f.groups != nil {
				relaxed++
			}
		}
	}
	// 459 of uap-core's rules have a repetition to relax today; the text
	// rewriting must keep up with nearly all of them.
	if relaxed < 400 {
		t.Errorf("%d rules relaxed, want 400 or more: relaxSource no longer reproduces the parser's trees", relaxed)
	}
}

func TestRelaxSource(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		bounds  []int
	}{
		{`a.{1,200}b`, `a(?P<siembound0>.{1,})b`, []int{200}},
		{`a.{0,200}?b`, `a(?P<siembound0>.{0,}?)b`, []int{200}},
		{`[^;]{1,100}x\d{1,4}`, `(?P<siembound0>[^;]{1,})x\d{1,4}`, []int{100}},
		{`[]x]{0,50}`, `(?P<siembound0>[]x]{0,})`, []int{50}},
		{`[\]]{0,50}`, `(?P<siembound0>[\]]{0,})`, []int{50}},
		{`[[:alpha:]]{2,30}`, `(?P<siembound0>[[:alpha:]]{2,})`, []int{30}},
		{`\s{1,20}`, `(?P<siembound0>\s{1,})`, []int{20}},
		{`é{1,20}`, `(?P<siembound0>é{1,})`, []int{20}},
		{`(?:ab){1,50}`, `(?:ab){1,50}`, nil},
		{`a{x}b{1,2`, `a{x}b{1,2`, nil},
		{`\{{1,20}`, `(?P<siembound0>\{{1,})`, []int{20}},
		{`\p{L}{1,20}`, `\p{L}{1,20}`, nil},
	} {
		out, bounds := relaxSource(tc.in)
		if out != tc.out || !slices.Equal(bounds, tc.bounds) {
			t.Errorf("relaxSource(%q) = %q, %v; want %q, %v", tc.in, out, bounds, tc.out, tc.bounds)
		}
	}
}

// TestFastRuleRefusesWhatItCannotProve: repetitions inside repetitions,
// and rewrites whose tree differs, stay as they are.
func TestFastRuleRefusesWhatItCannotProve(t *testing.T) {
	for _, expr := range []string{
		`(?:x.{0,50})+y`, // the added group would see only the last copy
		`(?:ab){1,50}`,   // not one character
		`\p{L}{1,20}`,    // not rewritten as text
	} {
		f, err := newFastRule(regexp.MustCompile(expr))
		if err != nil {
			t.Fatal(err)
		}
		if f != nil && f.groups != nil {
			t.Errorf("%q was relaxed", expr)
		}
	}
	f, err := newFastRule(regexp.MustCompile(`(?:Free|Open|\b)BSD ([0-9]+)`))
	if err != nil || f == nil || !slices.Equal(f.lead, []string{"Free", "Open", "BSD "}) {
		t.Fatalf("lead of a rule with an empty alternative: %+v, %v", f, err)
	}
	for _, s := range []string{"xBSD 1", "x BSD 2", "FreeBSD 3", "OpenBSD", "aBSD 4 BSD 5", "BSD 6"} {
		want := regexp.MustCompile(`(?:Free|Open|\b)BSD ([0-9]+)`).FindStringSubmatchIndex(s)
		if got, ok := f.find(s); !ok || !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

// FuzzFastRules: on any text, every fast rule finds what its regular
// expression finds.
func FuzzFastRules(f *testing.F) {
	fuzzSeeds(f)
	p, err := sharedParser()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = truncate(s, maxParseLen)
		for _, k := range []struct {
			fast []*fastRule
			re   func(i int) *regexp.Regexp
		}{
			{p.uaFast, func(i int) *regexp.Regexp { return p.rules.UA[i].Reg }},
			{p.osFast, func(i int) *regexp.Regexp { return p.rules.OS[i].Reg }},
			{p.devFast, func(i int) *regexp.Regexp { return p.rules.Device[i].Reg }},
		} {
			for i, fr := range k.fast {
				if fr == nil {
					continue
				}
				want := k.re(i).FindStringSubmatchIndex(s)
				if got := submatch(fr, k.re(i), s); !slices.Equal(got, want) {
					t.Fatalf("rule %q on %q: %v, want %v", k.re(i), s, got, want)
				}
			}
		}
	})
}
