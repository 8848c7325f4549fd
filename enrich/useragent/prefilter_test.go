package useragent

import (
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// variants returns s and forms of it that stress the prefilter: case
// changes, the two non-ASCII runes that case-fold to ASCII letters, and
// cuts.
func variants(s string) []string {
	vs := []string{s, strings.ToUpper(s), strings.ToLower(s),
		strings.ReplaceAll(strings.ReplaceAll(s, "k", "\u212A"), "K", "\u212A"),
		strings.ReplaceAll(strings.ReplaceAll(s, "s", "\u017F"), "S", "\u017F"),
	}
	for _, n := range []int{len(s) / 3, len(s) / 2, len(s) - 1} {
		if n > 0 {
			vs = append(vs, s[:n])
		}
	}
	return vs
}

// extraAgents reach rules the real-world set does not: Kindle and other
// case-insensitive device rules, legacy platforms.
var extraAgents = []string{
	"Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/537.36 (KHTML, like Gecko) Silk/3.68 like Chrome/39.0.2171.93 Safari/537.36",
	"Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.2.1 like Chrome/120.0.6099.230 Safari/537.36",
	"Mozilla/5.0 (X11; U; Linux armv7l like Android; en-us) AppleWebKit/531.2+ (KHTML, like Gecko) Version/5.0 Safari/533.2+ Kindle/3.0+",
	"Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063",
	"Mozilla/5.0 (PlayStation 4 5.55) AppleWebKit/601.2 (KHTML, like Gecko)",
	"Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
	"Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54",
	"Dalvik/2.1.0 (Linux; U; Android 11; SM-A515F Build/RP1A.200720.012)",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/420.0.0.34.101;FBBV/520000000;FBDV/iPhone14,5]",
	"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
	"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
	"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)",
	"Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393",
	"Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
	"Java/1.8.0_392",
	"Apache-HttpClient/4.5.14 (Java/17.0.9)",
}

// TestPrefilterMatchesUAPGo checks that skipping rules by their literals
// changes no answer: the prefiltered parse must equal uap-go's own.
func TestPrefilterMatchesUAPGo(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	for _, c := range realWorld {
		corpus = append(corpus, variants(c.ua)...)
	}
	for _, s := range extraAgents {
		corpus = append(corpus, variants(s)...)
	}
	for _, s := range corpus {
		assertSameAsUAPGo(t, p, s)
	}
}

// TestPrefilterMatchesUAPGoOnSplices compares with uap-go on agents made
// of pieces of real ones and of the rules' own literals, in random case,
// so that many filters pass and their rules run on unusual text.
func TestPrefilterMatchesUAPGoOnSplices(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	var pieces []string
	for _, c := range realWorld {
		pieces = append(pieces, strings.Fields(c.ua)...)
	}
	for _, s := range extraAgents {
		pieces = append(pieces, strings.Fields(s)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	if testing.Short() {
		n = 50
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			piece := pieces[rng.IntN(len(pieces))]
			if rng.IntN(2) == 0 {
				piece = p.literals.lits[rng.IntN(len(p.literals.lits))]
			}
			switch rng.IntN(4) {
			case 0:
				piece = strings.ToUpper(piece)
			case 1:
				piece = strings.ReplaceAll(piece, "k", "\u212A")
			}
			b.WriteString(piece)
			b.WriteString([]string{" ", "/", "; ", "(", ")", "", "1.2 "}[rng.IntN(7)])
		}
		assertSameAsUAPGo(t, p, b.String())
	}
}

func assertSameAsUAPGo(t *testing.T, p *parser, s string) {
	t.Helper()
	ua, os, dev := p.rulesFor(s)
	if want := *p.rules.ParseUserAgent(s); ua != want {
		t.Errorf("%q: agent %+v, uap-go says %+v", s, ua, want)
	}
	if want := *p.rules.ParseOs(s); os != want {
		t.Errorf("%q: OS %+v, uap-go says %+v", s, os, want)
	}
	if want := *p.rules.ParseDevice(s); dev != want {
		t.Errorf("%q: device %+v, uap-go says %+v", s, dev, want)
	}
}

func TestFoldForNeeds(t *testing.T) {
	for in, want := range map[string]string{
		"KFTT Build":        "kftt build",
		"\u212Aindle":       "kindle",
		"\u017Filk":         "silk",
		"caf\u00e9 Chrome":  "caf\u00e9 chrome",
		"bad \xff byte ABC": "bad \xff byte abc",
	} {
		if got := foldForNeeds(in); got != want {
			t.Errorf("foldForNeeds(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFilterOf(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want filter
	}{
		{`(Firefox)/(\d+)`, filter{{"firefox/"}}},
		{`(?i)(kindle)/(\d+)`, filter{{"kindle/"}}},
		{`(Chrome|CriOS)/(\d+)`, filter{{"chrome/", "crios/"}}},
		// Every literal part is needed, longest first; a run of literals
		// joins the prefixes of the part after it.
		{`; (Pixel \w+)\) AppleWebKit`, filter{{") applewebkit"}, {"; pixel "}}},
		// A branch needing two literals keeps both: "W" joins each
		// branch's prefix, and "Bot" stays needed beside "ire" and
		// "eb-sniffer".
		{`W(?:IRE|ASA.Bot|eb-sniffer)`, filter{{"wire", "wasa", "web-sniffer"}, {"ire", "bot", "eb-sniffer"}}},
		{`(?:Mobile|Tablet)+ Safari`, filter{{" safari"}, {"mobile", "tablet"}}},
		{`(?:Foo|)Bar`, filter{{"foobar", "bar"}}},
		{`[Mm]obile Safari`, filter{{"mobile safari"}}},
		{`(?:Foo|.*)`, nil},
		{`(?:Foo|.*)x(?:Bar|Baz)`, filter{{"xbar", "xbaz"}}},
		{`Foo|Bar.+Baz|[Qq]ux`, filter{{"foo", "bar", "qux"}, {"foo", "baz", "qux"}}},
		// (A and B) or C is (A or C) and (B or C): an agent with
		// "windows" alone does not pass.
		{`Android|Windows {0,2}Phone`, filter{{"android", "windows"}, {"android", "phone"}}},
		{`(?:Mobile; .+Firefox/|Windows {0,2}Phone)`, filter{
			{"mobile; ", "windows"}, {"firefox/", "windows"}, {"mobile; ", "phone"}, {"firefox/", "phone"}}},
		// Redundant needs of a branch do not multiply the joins.
		{`\bS60(?:Version|V\d)|Symbian`, filter{{"s60v", "symbian"}}},
		// Past maxAltNeeds joins, a branch gives its most selective need.
		{`(?:ab+cd+ef+gh+ij|kl+mn+op+qr+st|uv)`, filter{
			{"ab", "kl", "uv"}, {"cd", "kl", "uv"}, {"ef", "kl", "uv"}, {"gh", "kl", "uv"}, {"ij", "kl", "uv"}}},
		{`a?b*`, nil},
		// Single bytes are not worth a search.
		{`x{2,}y`, nil},
		{`x{2,}yz`, filter{{"yz"}}},
		{`(?:ab){2}`, filter{{"abab"}}},
		{`\x{212A}`, nil},
		{`(?i)[k]ey`, filter{{"ey"}}},
		{`^(AWS|Amazon)\b`, filter{{"aws", "amazon"}}},
	} {
		tree, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := filterFor(tree); !equalFilter(got, tc.want) {
			t.Errorf("filter of %q = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func equalFilter(a, b filter) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
