package useragent

import (
	"regexp"
	"regexp/syntax"
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
	for _, k := range fastKinds(p) {
		for i, f := range k.fast {
			if f == nil {
				continue
			}
			for _, s := range corpus {
				s = truncate(s, maxParseLen)
				want := k.regs[i].FindStringSubmatchIndex(s)
				if got := submatch(f, k.regs[i], s); !slices.Equal(got, want) {
					t.Errorf("%s rule %d %q on %q: %v, its expression says %v", k.name, i, k.regs[i], s, got, want)
				}
			}
		}
	}
}

// TestFastRulesCoverSlowRules names rules whose fast forms the speed of a
// miss depends on (BENCHMARKS.md): if uap-core rewrites them, or the
// rewriting stops applying, this says so rather than a benchmark.
func TestFastRulesCoverSlowRules(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	kinds := fastKinds(p)
	find := func(k ruleKind, prefix string) *fastRule {
		t.Helper()
		for i, re := range k.regs {
			if strings.HasPrefix(re.String(), prefix) {
				if k.fast[i] == nil {
					t.Errorf("rule %q has no fast form", re)
				}
				return k.fast[i]
			}
		}
		t.Errorf("no rule starts %q: uap-core changed; revisit fastrule.go and this test", prefix)
		return nil
	}
	ua, os, dev := kinds[0], kinds[1], kinds[2]
	if f := find(ua, "(iPod|iPhone|iPad).{1,200}Version/"); f != nil && f.groups == nil {
		t.Errorf("iOS Safari's rule is not relaxed")
	}
	if f := find(os, "(CPU[ +]OS|iPhone[ +]OS"); f != nil && f.lead == nil {
		t.Errorf("the iOS version rule does not skip to its literals")
	}
	if f := find(os, "(Ubuntu|Kubuntu|"); f != nil && f.lead == nil {
		t.Errorf("the Linux distribution rule does not skip to its literals")
	}
	if f := find(dev, "Android \\d+?(?:\\.\\d+|)(?:\\.\\d+|); ([^;]{1,100}?)(?: Build|\\) AppleWebKit).{1,200}? Mobile Safari"); f != nil && f.groups == nil {
		t.Errorf("the generic Android device rule is not relaxed")
	}
	relaxed := 0
	for _, k := range kinds {
		for _, f := range k.fast {
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
		f, err := fastRuleOf(expr)
		if err != nil {
			t.Fatal(err)
		}
		if f != nil && f.groups != nil {
			t.Errorf("%q was relaxed", expr)
		}
	}
	f, err := fastRuleOf(`(?:Free|Open|\b)BSD ([0-9]+)`)
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
	kinds := fastKinds(p)
	f.Fuzz(func(t *testing.T, s string) {
		s = truncate(s, maxParseLen)
		for _, k := range kinds {
			for i, fr := range k.fast {
				if fr == nil {
					continue
				}
				want := k.regs[i].FindStringSubmatchIndex(s)
				if got := submatch(fr, k.regs[i], s); !slices.Equal(got, want) {
					t.Fatalf("rule %q on %q: %v, want %v", k.regs[i], s, got, want)
				}
			}
		}
	})
}

// ruleKind is one kind of rule (agents, OSes, devices): each rule's
// expression and its fast form.
type ruleKind struct {
	name string
	regs []*regexp.Regexp
	fast []*fastRule
}

func fastKinds(p *parser) []ruleKind {
	kinds := []ruleKind{{name: "agent", fast: p.uaFast}, {name: "OS", fast: p.osFast}, {name: "device", fast: p.devFast}}
	for _, r := range p.rules.UA {
		kinds[0].regs = append(kinds[0].regs, r.Reg)
	}
	for _, r := range p.rules.OS {
		kinds[1].regs = append(kinds[1].regs, r.Reg)
	}
	for _, r := range p.rules.Device {
		kinds[2].regs = append(kinds[2].regs, r.Reg)
	}
	return kinds
}

// fastRuleOf is newFastRule on an expression.
func fastRuleOf(expr string) (*fastRule, error) {
	re := regexp.MustCompile(expr)
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, err
	}
	return newFastRule(re, tree)
}
