package pattern_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/siem-go/siem/parser/pattern"
)

// reference returns, for each group name of re, the text of the first
// group of that name that took part in the match of line, the slow and
// obvious way; ok is false when line does not match.
func reference(re *regexp.Regexp, line []byte) (groups map[string][]byte, ok bool) {
	sub := re.FindSubmatchIndex(line)
	if sub == nil {
		return nil, false
	}
	groups = map[string][]byte{}
	for i, name := range re.SubexpNames() {
		if name == "" {
			continue
		}
		if _, seen := groups[name]; seen && groups[name] != nil {
			continue
		}
		groups[name] = nil
		if sub[2*i] >= 0 {
			groups[name] = line[sub[2*i]:sub[2*i+1]]
		}
	}
	return groups, true
}

func checkGroups(t *testing.T, what string, m *pattern.Match, group func(string) int, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		i := group(name)
		if i < 0 {
			t.Fatalf("%s: no index for group %q", what, name)
		}
		got := m.Bytes(i)
		if (got == nil) != (w == nil) || !bytes.Equal(got, w) {
			t.Fatalf("%s: group %q = %q, want %q", what, name, got, w)
		}
		if m.Matched(i) != (w != nil) {
			t.Fatalf("%s: Matched(%q) = %v", what, name, m.Matched(i))
		}
		if w != nil {
			if start, end := m.Span(i); !bytes.Equal(m.Line()[start:end], w) {
				t.Fatalf("%s: Span(%q) = %d, %d", what, name, start, end)
			}
		}
	}
}

func FuzzMatch(f *testing.F) {
	exprs := []string{
		apacheCombined.String(), nginxError.String(), mysqlAudit.String(),
		`^(?:(?P<ip>\d+\.\d+\.\d+\.\d+)|\[(?P<ip>[0-9a-f:]+)\]):(?P<port>\d+)$`,
		`(?P<a>a*)(?P<b>b)?(?P<a>c)`,
		`(?P<x>)`,
		`(?i)(?P<key>\w+)=(?P<value>"[^"]*"|\S*)`,
	}
	lines := []string{
		combinedLine(1), `192.0.2.1 - - [01/May/2024:12:00:00 +0000] "-" 408 -`,
		"2024/05/01 12:00:11 [error] 29#29: *1 a\nb", "[::1]:443", "aac", "", "KEY=\"v w\" x=1",
		`www.example.org:443 203.0.113.8 - - [01/May/2024:12:00:05 +0200] "POST /login HTTP/2.0" 302 0 "-" "Mozilla/5.0"`,
	}
	for _, e := range exprs {
		for _, l := range lines {
			f.Add(e, []byte(l))
		}
	}
	f.Fuzz(func(t *testing.T, expr string, line []byte) {
		if line == nil {
			line = []byte{} // as Match reads a nil line
		}
		re, err := regexp.Compile(expr)
		p, perr := pattern.Compile("fuzzed format", expr)
		if (err == nil) != (perr == nil) {
			t.Fatalf("regexp says %v, Compile says %v", err, perr)
		}
		if err != nil {
			return
		}
		var m pattern.Match
		want, ok := reference(re, line)
		if p.Match(line, &m) != ok {
			t.Fatalf("Match = %v, regexp says %v", !ok, ok)
		}
		if ok {
			if m.Pattern() != p {
				t.Fatal("Match does not name its pattern")
			}
			checkGroups(t, "pattern", &m, p.Group, want)
			for name, w := range want {
				if g := m.Get(name); !bytes.Equal(g, w) || (g == nil) != (w == nil) {
					t.Fatalf("Get(%q) = %q, want %q", name, g, w)
				}
			}
		} else if m.Pattern() != nil || m.Bytes(0) != nil {
			t.Fatal("a failed match left groups behind")
		}

		// A set tries its patterns in order: the first regexp that matches
		// wins, and the set's indexes read its groups.
		set := pattern.NewPatterns("fuzzed set", apacheCombined, apacheCommon, p, apacheVhost)
		res := []*regexp.Regexp{regexp.MustCompile(apacheCombined.String()), regexp.MustCompile(apacheCommon.String()), re, regexp.MustCompile(apacheVhost.String())}
		members := []*pattern.Pattern{apacheCombined, apacheCommon, p, apacheVhost}
		matched := set.Match(line, &m)
		for k, r := range res {
			want, ok := reference(r, line)
			if !ok {
				continue
			}
			if !matched || m.Pattern() != members[k] {
				t.Fatalf("set matched %v with %v, want pattern %d", matched, m.Pattern(), k)
			}
			checkGroups(t, "set", &m, set.Group, want)
			// Groups of the set that this pattern lacks read as not matched.
			for _, name := range set.Groups() {
				if _, has := want[name]; !has && m.Bytes(set.Group(name)) != nil {
					t.Fatalf("set: group %q of another pattern reads %q", name, m.Bytes(set.Group(name)))
				}
			}
			return
		}
		if matched {
			t.Fatalf("set matched with %s, no regexp does", m.Pattern().Name())
		}
	})
}
