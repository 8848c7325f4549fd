package useragent

import (
	"strings"
	"testing"
)

// TestDeviceProofMatchesUAPGo checks the literal proof of the crawler
// rule at its edges against uap-go: a literal at the last and the first
// position past the bounded lead, counted in runes, behind a newline, in
// folded case, and behind an anchored alternative.
func TestDeviceProofMatchesUAPGo(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	proofs := 0
	for _, m := range p.devProof {
		if m != nil {
			proofs++
		}
	}
	if proofs == 0 {
		t.Fatal("no device rule has a literal proof: the crawler rule's shape changed; revisit proof.go")
	}
	for _, tc := range []struct {
		what, ua string
	}{
		{"lead 99", strings.Repeat("x", 99) + " bot"},
		{"lead 100", strings.Repeat("x", 100) + "bot"},
		{"lead 101", strings.Repeat("x", 101) + "bot"},
		{"lead in runes", strings.Repeat("é", 100) + "bot"},
		{"lead past, in runes", strings.Repeat("é", 101) + "bot"},
		{"invalid bytes as runes", strings.Repeat("\xff", 100) + "bot"},
		{"invalid bytes past", strings.Repeat("\xff", 101) + "bot"},
		{"kelvin", strings.Repeat("x", 100) + "\u212A"},
		{"folded literal", "Mozilla/5.0 (compatible; \u017Fpider)"},
		{"folded past", strings.Repeat("\u212A", 101) + "\u017Fpider"},
		{"newline before", "Mozilla/5.0\n(compatible; Googlebot/2.1)"},
		{"newline after", "Googlebot/2.1\nMozilla/5.0"},
		{"anchored alternative only at start", "NING/1.0"},
		{"anchored alternative inside", "x NING/1.0"},
		{"second occurrence within lead", "abot " + strings.Repeat("x", 200) + " crawler"},
		{"upper case", "MOZILLA/5.0 (COMPATIBLE; BINGBOT/2.0)"},
		{"real crawler", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
	} {
		t.Run(tc.what, func(t *testing.T) { assertSameAsUAPGo(t, p, tc.ua) })
	}
}

func TestDeviceProofShape(t *testing.T) {
	ls := newLiteralSet()
	ls.compile([]filter{{{"bot", "crawl", "spider"}}})
	for _, tc := range []struct {
		expr         string
		replacements []string
		want         []string // literals the proof uses; nil for no proof
	}{
		{`(?i)^.{0,100}(bot|^crawl|spider|[ab]x)`, []string{"Spider", "Spider", "Desktop"}, []string{"bot", "spider"}},
		// Case-sensitive literals are not what folded text shows.
		{`^.{0,100}(bot|spider)`, []string{"Spider"}, nil},
		// The output names a capture: what matched counts.
		{`(?i)^.{0,100}(bot|spider)`, []string{"$1"}, nil},
		{`(?i)^.{0,100}(bot|spider)`, []string{" "}, nil},
		// Not anchored, or an unbounded lead.
		{`(?i).{0,100}(bot|spider)`, []string{"Spider"}, nil},
		{`(?i)^.*(bot|spider)`, []string{"Spider"}, nil},
		{`(?is)^.{0,100}(bot|spider)`, []string{"Spider"}, nil},
	} {
		m := deviceProof(tc.expr, tc.replacements, ls)
		var got []string
		if m != nil {
			for _, l := range m.literals {
				got = append(got, l.lit)
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") || (m == nil) != (tc.want == nil) {
			t.Errorf("deviceProof(%q, %q) uses %q, want %q", tc.expr, tc.replacements, got, tc.want)
		}
	}
}
