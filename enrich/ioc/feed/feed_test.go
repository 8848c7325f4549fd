package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/enrich/ioc"
)

// brief renders an indicator on one line for comparison:
// "type name | provider | first..last | description | reference | confidence".
func brief(ind ioc.Indicator) string {
	t := func(tm time.Time) string {
		if tm.IsZero() {
			return "-"
		}
		return tm.Format(time.RFC3339)
	}
	return strings.Join([]string{
		ind.Type.String() + " " + ind.Name(),
		ind.Provider,
		t(ind.FirstSeen) + ".." + t(ind.LastSeen),
		ind.Description,
		ind.Reference,
		ind.Confidence.String(),
	}, " | ")
}

func briefs(inds []ioc.Indicator) []string {
	out := make([]string, len(inds))
	for i, ind := range inds {
		out[i] = brief(ind)
	}
	return out
}

func warnings(ws []Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.String()
	}
	return out
}

func openTestdata(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// buildable checks that every indicator a parser returns is accepted by
// the database builder.
func buildable(t *testing.T, inds []ioc.Indicator) {
	t.Helper()
	var b ioc.Builder
	for _, ind := range inds {
		require.NoError(t, b.Add(ind), brief(ind))
	}
}

func TestTor(t *testing.T) {
	res, err := Tor(openTestdata(t, "exit-addresses"))
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.10 | tor | 2024-01-10T06:29:59Z..2024-01-10T07:01:33Z | Tor exit node 0011BD2485AD45D984EC4159C88FC066E5E3300E | https://metrics.torproject.org/rs.html#details/0011BD2485AD45D984EC4159C88FC066E5E3300E | ",
		"ipv4-addr 198.51.100.20 | tor | 2024-01-09T22:15:02Z..2024-01-10T06:00:00Z | Tor exit node 00F2D5E2A0B4C5D6E7F8091A2B3C4D5E6F708192 | https://metrics.torproject.org/rs.html#details/00F2D5E2A0B4C5D6E7F8091A2B3C4D5E6F708192 | ",
		"ipv6-addr 2001:db8:4::20 | tor | 2024-01-09T22:15:02Z..2024-01-10T06:00:00Z | Tor exit node 00F2D5E2A0B4C5D6E7F8091A2B3C4D5E6F708192 | https://metrics.torproject.org/rs.html#details/00F2D5E2A0B4C5D6E7F8091A2B3C4D5E6F708192 | ",
		"ipv4-addr 203.0.113.30 | tor | 2024-01-10T01:00:00Z..2024-01-10T07:00:00Z | Tor exit node 01A9258A46E97FF8B2CAC7910577862C14F2C524 | https://metrics.torproject.org/rs.html#details/01A9258A46E97FF8B2CAC7910577862C14F2C524 | ",
	}, briefs(res.Indicators))
	buildable(t, res.Indicators)
}

func TestTorProblems(t *testing.T) {
	tests := []struct {
		name, in string
		inds     []string
		warnings []string
		err      string
	}{
		{
			name: "bulk list",
			in:   "192.0.2.1\n2001:db8::2\n",
			inds: []string{"ipv4-addr 192.0.2.1 | tor | -..- | Tor exit node |  | ", "ipv6-addr 2001:db8::2 | tor | -..- | Tor exit node |  | "},
		},
		{
			name: "bad lines",
			in: "ExitAddress 192.0.2.1 2024-01-01 00:00:00\n" +
				"ExitNode nothex\n" +
				"Published yesterday\n" +
				"ExitAddress 192.0.2.999 2024-01-01 00:00:00\n" +
				"ExitAddress 192.0.2.2 soon\n",
			inds: []string{"ipv4-addr 192.0.2.2 | tor | -..- | Tor exit node nothex |  | "},
			warnings: []string{
				"line 1: ExitAddress before any ExitNode line; skipped",
				`line 2: ExitNode "nothex" is not a 40-digit hex fingerprint`,
				`line 3: Published time "yesterday" is not YYYY-MM-DD HH:MM:SS; the node's addresses are kept without it`,
				`line 4: ExitAddress "192.0.2.999" is not an IP address; skipped`,
				`line 5: ExitAddress time "soon" is not YYYY-MM-DD HH:MM:SS; the address is kept without it`,
			},
		},
		{name: "html", in: "<html><body>rate limited</body></html>\n", err: "not an exit list"},
		{name: "long line", in: strings.Repeat("x", maxLine+1), err: "line 1 is longer"},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Tor(strings.NewReader(tt.in))
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.inds, nilIfEmpty(briefs(res.Indicators)))
			assert.Equal(t, tt.warnings, nilIfEmpty(warnings(res.Warnings)))
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestFeodo(t *testing.T) {
	res, err := Feodo(openTestdata(t, "ipblocklist.json"))
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.44 | abuse.ch | 2023-11-02T14:20:05Z..2024-01-10T00:00:00Z | QakBot botnet C&C server (port 443, status online, AS64500 EXAMPLE-TRANSIT, NL) | https://feodotracker.abuse.ch/browse/host/192.0.2.44/ | ",
		"ipv4-addr 198.51.100.45 | abuse.ch | 2023-06-30T08:00:00Z..- | Pikabot botnet C&C server (port 8080, status offline, hostname c2.evil.example, AS64501 EXAMPLE-HOSTING, US) | https://feodotracker.abuse.ch/browse/host/198.51.100.45/ | ",
	}, briefs(res.Indicators))
	buildable(t, res.Indicators)
}

func TestFeodoProblems(t *testing.T) {
	tests := []struct {
		name, in string
		inds     []string
		warnings []string
		err      string
	}{
		{name: "empty array", in: "[]"},
		{
			name: "bad entries",
			in:   `[1, {"port": 443}, {"ip_address": "bad"}, {"ip_address": "192.0.2.0/24"}, {"ip_address": "192.0.2.1", "first_seen": "whenever", "malware": "X"}]`,
			inds: []string{"ipv4-addr 192.0.2.1 | abuse.ch | -..- | X botnet C&C server | https://feodotracker.abuse.ch/browse/host/192.0.2.1/ | "},
			warnings: []string{
				"[0]: entry is a JSON number, not an object; skipped",
				"[1]: entry has no ip_address; skipped",
				`[2]: ip_address "bad" is not an IP address; skipped`,
				`[3]: ip_address "192.0.2.0/24" is not an IP address; skipped`,
				`[4]: first_seen "whenever" is not a time; the entry is kept without it`,
			},
		},
		{name: "object", in: `{"ip_address": "192.0.2.1"}`, err: "want a JSON array"},
		{name: "broken JSON", in: "[\n{\"ip_address\": \"192.0.2.1\",\n}\n]", err: "not valid JSON at line 3 column 1"},
		{name: "html", in: "<html>", err: "not valid JSON at line 1 column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Feodo(strings.NewReader(tt.in))
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.inds, nilIfEmpty(briefs(res.Indicators)))
			assert.Equal(t, tt.warnings, nilIfEmpty(warnings(res.Warnings)))
		})
	}
}

func TestOTXDir(t *testing.T) {
	res, err := OTXDir(os.DirFS("testdata"), "otx")
	require.NoError(t, err)
	ref := "https://otx.alienvault.com/pulse/65a1b2c3d4e5f60718293a4b"
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.60 | otx | 2024-01-05T10:00:00Z..2024-02-04T10:00:00Z | C2 server | " + ref + " | ",
		"ipv6-addr 2001:db8:60::1 | otx | 2024-01-05T10:00:00Z..- | Loader campaign infrastructure | " + ref + " | ",
		"ipv4-addr 198.51.100.0/25 | otx | 2024-01-05T10:00:00Z..- | hosting range | " + ref + " | ",
		"domain-name loader.evil.example | otx | 2024-01-05T10:00:00Z..- | Loader campaign infrastructure | " + ref + " | ",
		"domain-name evil.example | otx | 2024-01-06T10:00:00Z..- | Loader campaign infrastructure | " + ref + " | ",
		"url http://203.0.113.61/payload.bin | otx | 2024-01-06T10:00:00Z..- | payload | " + ref + " | ",
		"domain-name login-portal.example | otx | 2024-01-07T09:00:00Z..- | Phishing kit hosts | https://otx.alienvault.com/pulse/65a1b2c3d4e5f60718293a4c | ",
	}, briefs(res.Indicators))
	assert.Equal(t, []string{
		`65a1b2c3d4e5f60718293a4b.json: pulse 65a1b2c3d4e5f60718293a4b indicators[8]: IPv4 indicator: not an IP address: "not-an-ip"; skipped`,
		"65a1b2c3d4e5f60718293a4b.json: pulse 65a1b2c3d4e5f60718293a4b: 1 indicator of types the database does not hold skipped (FileHash-MD5 1)",
		"65a1b2c3d4e5f60718293a4b.json: pulse 65a1b2c3d4e5f60718293a4b: 1 inactive indicator (is_active 0) skipped",
		"65a1b2c3d4e5f60718293a4c.json: pulse 65a1b2c3d4e5f60718293a4c: 1 indicator of types the database does not hold skipped (email 1)",
	}, warnings(res.Warnings))
	buildable(t, res.Indicators)
}

func TestOTXShapes(t *testing.T) {
	pulse := `{"id":"p1","name":"n","indicators":[{"indicator":"192.0.2.1","type":"IPv4"}]}`
	tests := []struct {
		name, in string
		inds     []string
		warnings []string
		err      string
	}{
		{name: "pulse", in: pulse, inds: []string{"ipv4-addr 192.0.2.1 | otx | -..- | n | https://otx.alienvault.com/pulse/p1 | "}},
		{name: "array", in: "[" + pulse + "," + pulse + "]", inds: []string{
			"ipv4-addr 192.0.2.1 | otx | -..- | n | https://otx.alienvault.com/pulse/p1 | ",
			"ipv4-addr 192.0.2.1 | otx | -..- | n | https://otx.alienvault.com/pulse/p1 | ",
		}},
		{name: "API page", in: `{"count":1,"next":null,"results":[` + pulse + `]}`, inds: []string{"ipv4-addr 192.0.2.1 | otx | -..- | n | https://otx.alienvault.com/pulse/p1 | "}},
		{name: "mismatched types", in: `{"id":"p2","indicators":[{"indicator":"2001:db8::1","type":"IPv4"},{"indicator":"192.0.2.1","type":"CIDR"},{"indicator":"1.2.3.4","type":"domain"},{"type":"URL","indicator":"/path"},"x"]}`,
			warnings: []string{
				`pulse p2 indicators[0]: IPv4 indicator: "2001:db8::1" is not an IPv4 address; skipped`,
				`pulse p2 indicators[1]: CIDR indicator: "192.0.2.1" has no /prefix length; skipped`,
				`pulse p2 indicators[2]: domain indicator: "1.2.3.4" is an IP address, not a domain name; skipped`,
				`pulse p2 indicators[3]: URL indicator: not a URL with a host: "/path"; skipped`,
				"pulse p2 indicators[4]: is a JSON string, not an object; skipped",
			}},
		{name: "no indicators", in: `{"id":"p3"}`, warnings: []string{"pulse p3: has no indicators array; skipped"}},
		{name: "string", in: `"x"`, err: "want a pulse object"},
		{name: "bad results", in: `{"results": 3}`, err: "results is a JSON number"},
		{name: "broken", in: `{"id": }`, err: "not valid JSON at line 1 column 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := OTX(strings.NewReader(tt.in))
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.inds, nilIfEmpty(briefs(res.Indicators)))
			assert.Equal(t, tt.warnings, nilIfEmpty(warnings(res.Warnings)))
		})
	}
}

func TestOTXDirKeepsGoingPastBadFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), []byte(`{"id":"a","indicators":[{"indicator":"192.0.2.1","type":"IPv4"}]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.json"), []byte(`{truncated`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte(`ignored`), 0o644))
	res, err := OTXDir(os.DirFS(dir), ".")
	require.NoError(t, err)
	assert.Len(t, res.Indicators, 1)
	require.Len(t, res.Warnings, 1)
	assert.Contains(t, res.Warnings[0].String(), "b.json: not valid JSON at line 1 column 2")

	_, err = OTXDir(os.DirFS(dir), "missing")
	assert.Error(t, err)
}

func TestText(t *testing.T) {
	res, err := Text(openTestdata(t, "list.txt"), "local")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.70 | local | -..- |  |  | ",
		"ipv4-addr 198.51.100.0/24 | local | -..- |  |  | ",
		"ipv6-addr 2001:db8:70::/48 | local | -..- |  |  | ",
		"domain-name bad-domain.example | local | -..- |  |  | ",
		"url http://203.0.113.71/login.php | local | -..- |  |  | ",
	}, briefs(res.Indicators))
	assert.Equal(t, []string{
		`line 9: "not a value" holds more than one value; want one IP, CIDR, domain or URL per line`,
		`line 10: not an IP address: "999.1.1.1"; skipped`,
	}, warnings(res.Warnings))
	buildable(t, res.Indicators)

	res, err = Text(strings.NewReader("\uFEFF192.0.2.1\r\nevil.example\r\n"), "bom")
	require.NoError(t, err)
	assert.Equal(t, []string{"ipv4-addr 192.0.2.1 | bom | -..- |  |  | ", "domain-name evil.example | bom | -..- |  |  | "}, briefs(res.Indicators))

	_, err = Text(strings.NewReader("192.0.2.1"), "")
	assert.ErrorContains(t, err, "no provider")
	_, err = Text(strings.NewReader(strings.Repeat("a", maxLine+1)), "p")
	assert.ErrorContains(t, err, "line 1 is longer")
}

func TestSTIX(t *testing.T) {
	res, err := STIX(openTestdata(t, "bundle.json"))
	require.NoError(t, err)
	assert.Equal(t, []string{
		"ipv4-addr 192.0.2.80 | Example CERT | 2024-01-05T10:00:00Z..2024-04-05T10:00:00Z | Command and control server of a loader. | https://intel.example/reports/42 | High",
		"domain-name phish.example | stix | 2024-01-06T10:00:00Z..- | Phishing domains |  | ",
		"url https://login.phish.example/index.php | stix | 2024-01-06T10:00:00Z..- | Phishing domains |  | ",
		"ipv6-addr 2001:db8:80::/48 | stix | 2024-01-06T10:00:00Z..- | Phishing domains |  | ",
	}, briefs(res.Indicators))
	assert.Equal(t, []string{
		"indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1: unsupported pattern (the object path network-traffic:dst_ref.value (only ipv4-addr, ipv6-addr, domain-name and url values are matched)): [network-traffic:dst_ref.value = '192.0.2.81' AND network-traffic:dst_port = 443]; skipped",
		"indicator--c2a5f2a1-5c2e-4f3e-9f43-0e6d2b4e2a10: unsupported pattern (the object path file:hashes.'SHA-256' (only ipv4-addr, ipv6-addr, domain-name and url values are matched)): [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']; skipped",
		`indicator--0f7c0e51-41d2-4ec3-8a64-5f2f0c9e7b3d: pattern_type "snort" is not supported (only stix); skipped`,
		"indicator--6d7bd1a2-1b1f-4d9f-9a5c-8a0e3a7c1b22: revoked; skipped",
	}, warnings(res.Warnings))
	buildable(t, res.Indicators)
}

func TestSTIXPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string // "type value" or "type ISSUBSET value"
		err     string
	}{
		{"[ipv4-addr:value = '192.0.2.1']", []string{"ipv4-addr 192.0.2.1"}, ""},
		{"[ipv4-addr:value = '192.0.2.0/24']", []string{"ipv4-addr 192.0.2.0/24"}, ""},
		{"[ipv4-addr:value ISSUBSET '192.0.2.0/24']", []string{"ipv4-addr ISSUBSET 192.0.2.0/24"}, ""},
		{"[ipv6-addr:value issubset '2001:db8::/32']", []string{"ipv6-addr ISSUBSET 2001:db8::/32"}, ""},
		{"[domain-name:value = 'a.example' OR domain-name:value = 'b.example']", []string{"domain-name a.example", "domain-name b.example"}, ""},
		{"[domain-name:value = 'a.example'] OR [url:value = 'http://b.example/x']", []string{"domain-name a.example", "url http://b.example/x"}, ""},
		{"([ipv4-addr:value = '192.0.2.1'] OR ([ipv4-addr:value = '192.0.2.2']))", []string{"ipv4-addr 192.0.2.1", "ipv4-addr 192.0.2.2"}, ""},
		{"[(ipv4-addr:value = '192.0.2.1' OR ipv4-addr:value = '192.0.2.2')]", []string{"ipv4-addr 192.0.2.1", "ipv4-addr 192.0.2.2"}, ""},
		{`[url:value = 'http://x.example/it\'s\\here']`, []string{`url http://x.example/it's\here`}, ""},
		{"  [ domain-name:value='a.example' ]  ", []string{"domain-name a.example"}, ""},
		{"[ipv4-addr:value = '192.0.2.1' AND ipv4-addr:value = '192.0.2.2']", nil, "unsupported: comparisons joined by AND"},
		{"[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value = 'a.example']", nil, "unsupported: observations joined by AND"},
		{"[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [domain-name:value = 'a.example']", nil, "unsupported: observations joined by FOLLOWEDBY"},
		{"[ipv4-addr:value = '192.0.2.1'] WITHIN 300 SECONDS", nil, "unsupported: the WITHIN qualifier"},
		{"[ipv4-addr:value = '192.0.2.1'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'", nil, "unsupported: the START qualifier"},
		{"[ipv4-addr:value != '192.0.2.1']", nil, "unsupported: the operator != on ipv4-addr:value"},
		{"[domain-name:value LIKE '%.example']", nil, "unsupported: the operator LIKE on domain-name:value"},
		{"[domain-name:value MATCHES '^a']", nil, "unsupported: the operator MATCHES"},
		{"[domain-name:value ISSUBSET 'a.example']", nil, "unsupported: the operator ISSUBSET on domain-name:value"},
		{"[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]", nil, "unsupported: the operator IN"},
		{"[NOT ipv4-addr:value = '192.0.2.1']", nil, "unsupported: NOT"},
		{"[ipv4-addr:value NOT = '192.0.2.1']", nil, "unsupported: NOT"},
		{"[email-addr:value = 'a@example.org']", nil, "unsupported: the object path email-addr:value"},
		{"[ipv4-addr:resolves_to_refs[*].value = 'x']", nil, "unsupported: the object path ipv4-addr:resolves_to_refs"},
		{"[ipv4-addr:value = 42]", nil, "pattern syntax: want a quoted string"},
		{"[ipv4-addr:value = '192.0.2.1'", nil, "pattern syntax: want ']', got \"end of pattern\""},
		{"ipv4-addr:value = '192.0.2.1'", nil, "pattern syntax: want '[' to start an observation"},
		{"[ipv4-addr:value = '192.0.2.1]", nil, "pattern syntax: string at offset 19 is not closed"},
		{`[url:value = 'a\x']`, nil, "pattern syntax: bad escape"},
		{"[ipv4-addr:value = '192.0.2.1'] [domain-name:value = 'a']", nil, "pattern syntax: want end of pattern"},
		{"", nil, "pattern syntax"},
		{"[] ", nil, "pattern syntax"},
		{"{}", nil, "pattern syntax: unexpected '{'"},
		{strings.Repeat("(", 100) + "[ipv4-addr:value = '192.0.2.1']" + strings.Repeat(")", 100), nil, "nested deeper than 50"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			comps, err := parseSTIXPattern(tt.pattern)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			var got []string
			for _, c := range comps {
				s := c.objectType + " "
				if c.subset {
					s += "ISSUBSET "
				}
				got = append(got, s+c.value)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSTIXShapes(t *testing.T) {
	ind := `{"type":"indicator","id":"indicator--1","pattern":"[ipv4-addr:value = '192.0.2.1']","confidence":20}`
	tests := []struct {
		name, in string
		inds     []string
		warnings []string
		err      string
	}{
		{name: "single indicator", in: ind, inds: []string{"ipv4-addr 192.0.2.1 | stix | -..- |  |  | Low"}},
		{name: "array", in: "[" + ind + "]", inds: []string{"ipv4-addr 192.0.2.1 | stix | -..- |  |  | Low"}},
		{name: "empty bundle", in: `{"type":"bundle","id":"bundle--1"}`},
		{name: "bad values", in: `{"type":"bundle","objects":[3,
			{"type":"indicator","id":"indicator--2","pattern":"[ipv4-addr:value = '2001:db8::1' OR ipv6-addr:value ISSUBSET '2001:db8::1' OR domain-name:value = 'a b' OR url:value = 'http://']"},
			{"type":"indicator","id":"indicator--3"},
			{"type":"indicator","pattern":"[x]","valid_from":"someday"}]}`,
			warnings: []string{
				"objects[0]: is a JSON number, not an object; skipped",
				`indicator--2: ipv4-addr: "2001:db8::1" is not an ipv4-addr value; skipped`,
				`indicator--2: ipv6-addr: ISSUBSET "2001:db8::1" is not a CIDR network; skipped`,
				`indicator--2: domain-name: domain name "a b" holds ' ', which no host name has; skipped`,
				`indicator--2: url: not a URL with a host: "http://"; skipped`,
				"indicator--3: has no pattern; skipped",
				`objects[3]: pattern not read (pattern syntax: want an object path such as ipv4-addr:value, got "x" at offset 1): [x]; skipped`,
			}},
		{name: "bad objects", in: `{"type":"bundle","objects":{}}`, err: "bundle objects is a JSON object"},
		{name: "not a bundle", in: `{"type":"report"}`, err: `want a bundle`},
		{name: "broken", in: "{\n\"type\": \"bundle\",\n\"objects\": [\n", err: "not valid JSON at line 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := STIX(strings.NewReader(tt.in))
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.inds, nilIfEmpty(briefs(res.Indicators)))
			assert.Equal(t, tt.warnings, nilIfEmpty(warnings(res.Warnings)))
		})
	}
}

func TestResultSummary(t *testing.T) {
	res, err := OTXDir(os.DirFS("testdata"), "otx")
	require.NoError(t, err)
	assert.Equal(t, "7 indicators (domain-name 3, ipv4-addr 2, ipv6-addr 1, url 1), 4 warnings", res.Summary())
	assert.Equal(t, "0 indicators", Result{}.Summary())
	assert.Equal(t, "0 indicators, 1 warning", Result{Warnings: []Warning{{Reason: "x"}}}.Summary())
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-02T03:04:05Z":          "2024-01-02T03:04:05Z",
		"2024-01-02T03:04:05.123+02:00": "2024-01-02T01:04:05.123Z",
		"2024-01-02T03:04:05":           "2024-01-02T03:04:05Z",
		"2024-01-02T03:04:05.123456":    "2024-01-02T03:04:05.123456Z",
		"2024-01-02 03:04:05":           "2024-01-02T03:04:05Z",
		"2024-01-02 03:04:05 UTC":       "2024-01-02T03:04:05Z",
		"2024-01-02":                    "2024-01-02T00:00:00Z",
	} {
		got, ok := parseTime(in)
		require.True(t, ok, in)
		assert.Equal(t, want, got.Format(time.RFC3339Nano), in)
	}
	for _, bad := range []string{"", "yesterday", "2024-13-01", "1704164645"} {
		_, ok := parseTime(bad)
		assert.False(t, ok, bad)
	}
}
