package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/enrich/ioc"
)

// addSeeds adds the named testdata files and the snippets to the corpus.
func addSeeds(f *testing.F, files []string, snippets ...string) {
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range snippets {
		f.Add([]byte(s))
	}
}

// checkResult fails when a parser returned an indicator the database
// builder refuses, or a warning without a reason.
func checkResult(t *testing.T, res Result) {
	var b ioc.Builder
	for _, ind := range res.Indicators {
		if err := b.Add(ind); err != nil {
			t.Fatalf("parser returned an indicator the builder refuses: %v (%+v)", err, ind)
		}
	}
	for _, w := range res.Warnings {
		if w.Reason == "" {
			t.Fatalf("warning without a reason: %+v", w)
		}
	}
}

func FuzzTor(f *testing.F) {
	addSeeds(f, []string{"exit-addresses"},
		"192.0.2.1\n",
		"ExitNode X\nExitAddress ::ffff:1.2.3.4 2024-01-01 00:00:00\n",
		"fe80::1%a/b\nExitNode X\nExitAddress fe80::2%x/y 2024-01-01 00:00:00\n",
		"ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nLastStatus 2024-01-10 07:00:00\nPublished 2025-01-10 06:29:59\nExitAddress 192.0.2.1 2023-01-01 00:00:00\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Tor(bytes.NewReader(data))
		if err == nil {
			checkResult(t, res)
		}
	})
}

func FuzzFeodo(f *testing.F) {
	addSeeds(f, []string{"ipblocklist.json"},
		`[{"ip_address":"::ffff:192.0.2.1","port":"443","as_number":1.5}]`,
		`[{"ip_address":"fe80::1%eth0","last_online":"2024-01-01"}]`,
		`[null, [], {}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Feodo(bytes.NewReader(data))
		if err == nil {
			checkResult(t, res)
		}
	})
}

func FuzzOTX(f *testing.F) {
	addSeeds(f, []string{"otx/65a1b2c3d4e5f60718293a4b.json", "otx/65a1b2c3d4e5f60718293a4c.json"},
		`{"results":[{"id":"x/../y","indicators":[{"type":"URL","indicator":"http://[::1]/"}]}]}`,
		`[{"indicators":[{"type":"hostname","indicator":"*.Evil.Example."},{"type":"CIDR","indicator":"::ffff:0:0/96"}]}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := OTX(bytes.NewReader(data))
		if err == nil {
			checkResult(t, res)
		}
	})
}

func FuzzText(f *testing.F) {
	addSeeds(f, []string{"list.txt"},
		"http://user@[2001:db8::1]:80/x\n*.evil.example\n",
		"\uFEFF; only a comment\n#\n\n",
		"0.0.0.0/0\n::/0\nlocalhost.\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Text(bytes.NewReader(data), "fuzz")
		if err == nil {
			checkResult(t, res)
		}
	})
}

func FuzzSTIX(f *testing.F) {
	addSeeds(f, []string{"bundle.json"},
		`{"type":"indicator","pattern":"[ipv6-addr:value ISSUBSET '::ffff:10.0.0.0/104']","confidence":101}`,
		`[{"type":"identity","id":"i","name":"n"},{"type":"indicator","created_by_ref":"i","pattern":"([url:value = 'evil.example/x'] OR [domain-name:value = 'A.'])"}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := STIX(bytes.NewReader(data))
		if err == nil {
			checkResult(t, res)
		}
	})
}

func FuzzSTIXPattern(f *testing.F) {
	for _, p := range []string{
		"[ipv4-addr:value = '192.0.2.1']",
		"[domain-name:value = 'a.example' OR url:value = 'http://b.example/x']",
		"([ipv4-addr:value ISSUBSET '192.0.2.0/24'] OR [ipv6-addr:value = '2001:db8::1']) WITHIN 5 SECONDS",
		`[file:hashes.'SHA-256' = 'ab\'c' AND NOT x:y IN ('a', 'b')] START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'`,
	} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		comps, err := parseSTIXPattern(pattern)
		if err != nil {
			return
		}
		if len(comps) == 0 {
			t.Fatalf("%q parsed into no comparisons", pattern)
		}
		for _, c := range comps {
			if !stixTypes[c.objectType] {
				t.Fatalf("%q: comparison of unsupported type %q", pattern, c.objectType)
			}
		}
	})
}
