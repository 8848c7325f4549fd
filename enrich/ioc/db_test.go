package ioc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testBuilt = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// mustIndicator parses a value into an indicator of the provider.
func mustIndicator(t testing.TB, value, provider string) Indicator {
	t.Helper()
	ind, err := Parse(value)
	require.NoError(t, err, value)
	ind.Provider = provider
	return ind
}

// buildFile writes a database of inds to a file in a temporary directory.
func buildFile(t testing.TB, inds ...Indicator) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ioc.db")
	require.NoError(t, os.WriteFile(path, buildBytes(t, inds...), 0o644))
	return path
}

func buildBytes(t testing.TB, inds ...Indicator) []byte {
	t.Helper()
	b := Builder{Built: testBuilt}
	for _, ind := range inds {
		require.NoError(t, b.Add(ind))
	}
	var buf bytes.Buffer
	_, err := b.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

func buildDB(t testing.TB, inds ...Indicator) *DB {
	t.Helper()
	db, err := Load(buildFile(t, inds...))
	require.NoError(t, err)
	return db
}

// names returns "provider:name" of each indicator, in order.
func names(inds []Indicator) []string {
	out := make([]string, len(inds))
	for i, ind := range inds {
		out[i] = ind.Provider + ":" + ind.Name()
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	first := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	last := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	in := []Indicator{
		{Type: IPv4, Prefix: netip.MustParsePrefix("192.0.2.1/32"), Provider: "tor", Description: "Tor exit node",
			Reference: "https://example.org/r", Confidence: ConfidenceHigh, FirstSeen: first, LastSeen: last},
		{Type: IPv4, Prefix: netip.MustParsePrefix("198.51.100.0/24"), Provider: "list"},
		{Type: IPv6, Prefix: netip.MustParsePrefix("2001:db8:abcd::/48"), Provider: "list", Description: "range"},
		{Type: Domain, Domain: "evil.example", Provider: "otx", Description: "phishing", FirstSeen: first},
		mustIndicator(t, "http://evil.example/gate.php", "stix"),
		mustIndicator(t, "http://[2001:db8::5]/x", "stix"),
	}
	db := buildDB(t, in...)
	assert.Equal(t, testBuilt, db.Built())
	assert.Equal(t, len(in), db.Len())

	got := slices.Collect(db.All())
	require.Len(t, got, len(in))
	want := []Indicator{in[0], in[1], in[5], in[2], in[3], in[4]}
	for i := range want {
		assert.Equal(t, want[i], got[i], "indicator %d", i)
	}

	st := db.Stats()
	assert.Equal(t, 6, st.Indicators)
	assert.Equal(t, 2, st.IPv4Networks)
	assert.Equal(t, 2, st.IPv6Networks)
	assert.Equal(t, 1, st.Domains, "the domain and the URL share the key evil.example")
	assert.Equal(t, map[string]int{"ipv4-addr": 2, "ipv6-addr": 1, "domain-name": 1, "url": 2}, st.ByType)
	assert.Equal(t, map[string]int{"tor": 1, "list": 2, "otx": 1, "stix": 2}, st.ByProvider)
}

func TestBuildIsDeterministic(t *testing.T) {
	inds := []Indicator{
		mustIndicator(t, "192.0.2.1", "a"),
		mustIndicator(t, "evil.example", "b"),
		mustIndicator(t, "2001:db8::/32", "c"),
		mustIndicator(t, "192.0.2.1", "b"),
		mustIndicator(t, "other.example", "a"),
	}
	a := buildBytes(t, inds...)
	slices.Reverse(inds)
	b := buildBytes(t, inds...)
	assert.Equal(t, a, b, "the file must not depend on the order indicators were added in")
}

func TestBuilderMergesDuplicates(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	t3 := time.Date(2024, 9, 1, 0, 0, 0, 500, time.UTC)
	a := mustIndicator(t, "192.0.2.1", "feed")
	a.FirstSeen, a.LastSeen = t2, t2
	a.Confidence = ConfidenceLow
	b := mustIndicator(t, "::ffff:192.0.2.1", "feed") // the same address
	b.FirstSeen, b.LastSeen = t1, t3
	b.Description = "second"
	b.Confidence = ConfidenceHigh
	c := mustIndicator(t, "192.0.2.1", "other feed")

	var bl Builder
	for _, ind := range []Indicator{a, b, c} {
		require.NoError(t, bl.Add(ind))
	}
	assert.Equal(t, 2, bl.Len())
	assert.Equal(t, 1, bl.Duplicates())

	var buf bytes.Buffer
	_, err := bl.WriteTo(&buf)
	require.NoError(t, err)
	db, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	got := db.LookupIP(netip.MustParseAddr("192.0.2.1"))
	require.Len(t, got, 2)
	assert.Equal(t, "feed", got[0].Provider)
	assert.Equal(t, t1, got[0].FirstSeen)
	assert.Equal(t, t3.Truncate(time.Second), got[0].LastSeen, "times are kept to the second")
	assert.Equal(t, "second", got[0].Description, "the first non-empty description is kept")
	assert.Equal(t, ConfidenceHigh, got[0].Confidence)
	assert.Equal(t, "other feed", got[1].Provider)
}

func TestBuilderRejectsInvalid(t *testing.T) {
	tests := map[string]Indicator{
		"no provider":     {Type: IPv4, Prefix: netip.MustParsePrefix("192.0.2.1/32")},
		"no prefix":       {Type: IPv4, Provider: "p"},
		"wrong family":    {Type: IPv4, Prefix: netip.MustParsePrefix("2001:db8::/32"), Provider: "p"},
		"bad domain":      {Type: Domain, Domain: "a..b", Provider: "p"},
		"url without url": {Type: URL, Domain: "evil.example", Provider: "p"},
		"url both hosts":  {Type: URL, URL: "http://x", Domain: "x", Prefix: netip.MustParsePrefix("192.0.2.1/32"), Provider: "p"},
		"url network":     {Type: URL, URL: "http://x", Prefix: netip.MustParsePrefix("192.0.2.0/24"), Provider: "p"},
		"unknown type":    {Type: 0, Domain: "x", Provider: "p"},
	}
	for name, ind := range tests {
		var b Builder
		assert.Error(t, b.Add(ind), name)
	}
	err := Build(&bytes.Buffer{}, slices.Values([]Indicator{mustIndicator(t, "192.0.2.1", "p"), {Type: IPv4, Provider: "p"}}))
	assert.ErrorContains(t, err, "indicator 2")
}

func TestTimesOutOfRangeAreDropped(t *testing.T) {
	ind := mustIndicator(t, "192.0.2.1", "p")
	ind.FirstSeen = time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	ind.LastSeen = time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	db := buildDB(t, ind)
	got := db.LookupIP(netip.MustParseAddr("192.0.2.1"))
	require.Len(t, got, 1)
	assert.True(t, got[0].FirstSeen.IsZero())
	assert.True(t, got[0].LastSeen.IsZero())
}

func TestLookupIPv4(t *testing.T) {
	db := buildDB(t,
		mustIndicator(t, "203.0.113.7", "exact"),
		mustIndicator(t, "203.0.113.0/24", "net24"),
		mustIndicator(t, "203.0.0.0/16", "net16"),
		mustIndicator(t, "10.0.0.0/8", "private"),
		mustIndicator(t, "169.254.169.254", "built-in"),
		mustIndicator(t, "127.0.0.1", "loopback"),
	)
	tests := []struct {
		ip   string
		want []string
	}{
		{"203.0.113.7", []string{"exact:203.0.113.7", "net24:203.0.113.0/24", "net16:203.0.0.0/16"}},
		{"203.0.113.8", []string{"net24:203.0.113.0/24", "net16:203.0.0.0/16"}},
		{"203.0.114.1", []string{"net16:203.0.0.0/16"}},
		{"203.1.0.1", nil},
		// Private, link-local and loopback addresses are checked too.
		{"10.1.2.3", []string{"private:10.0.0.0/8"}},
		{"169.254.169.254", []string{"built-in:169.254.169.254"}},
		{"127.0.0.1", []string{"loopback:127.0.0.1"}},
		{"::ffff:203.0.113.7", []string{"exact:203.0.113.7", "net24:203.0.113.0/24", "net16:203.0.0.0/16"}},
		{"2001:db8::1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			got := db.LookupIP(netip.MustParseAddr(tt.ip))
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, names(got))
		})
	}
	assert.Empty(t, db.LookupIP(netip.Addr{}))

	// A value seen in an event may carry a zone, which is cut off before
	// parsing, whatever the family and even when empty.
	exact := []string{"exact:203.0.113.7", "net24:203.0.113.0/24", "net16:203.0.0.0/16"}
	assert.Equal(t, exact, names(db.Lookup("203.0.113.7%0")))
	assert.Equal(t, exact, names(db.Lookup("::ffff:203.0.113.7%eth0")))
	assert.Equal(t, exact, names(db.Lookup("::ffff:203.0.113.7%")))
	assert.Empty(t, db.Lookup("%1"))
}

func TestLookupIPv6Ranges(t *testing.T) {
	db := buildDB(t,
		mustIndicator(t, "2001:db8:abcd::/48", "net48"),
		mustIndicator(t, "2001:db8:abcd:ff00::/56", "net56"),
		mustIndicator(t, "2001:db8:1:2:3:4:5:6", "exact"),
		mustIndicator(t, "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe/127", "net127"),
		mustIndicator(t, "fd00::/8", "ula"),
	)
	tests := []struct {
		ip   string
		want []string
	}{
		{"2001:db8:abcd:12::1", []string{"net48:2001:db8:abcd::/48"}},
		{"2001:db8:abcd::", []string{"net48:2001:db8:abcd::/48"}},
		{"2001:db8:abcd:ffff:ffff:ffff:ffff:ffff", []string{"net56:2001:db8:abcd:ff00::/56", "net48:2001:db8:abcd::/48"}},
		{"2001:db8:abce::1", nil},
		{"2001:db8:abcc:ffff:ffff:ffff:ffff:ffff", nil},
		// A /56 inside the /48: its neighbour below is only in the /48.
		{"2001:db8:abcd:fe00::1", []string{"net48:2001:db8:abcd::/48"}},
		{"2001:db8:1:2:3:4:5:6", []string{"exact:2001:db8:1:2:3:4:5:6"}},
		{"2001:db8:1:2:3:4:5:7", nil},
		// Ranges that cross 16-, 32- and 48-bit boundaries of the address.
		{"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", []string{"net127:2001:db8:ffff:ffff:ffff:ffff:ffff:fffe/127"}},
		{"2001:db8:ffff:ffff:ffff:ffff:ffff:fffd", nil},
		{"fd12:3456::1", []string{"ula:fd00::/8"}},
		{"fe80::1%eth0", nil},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			got := db.LookupIP(netip.MustParseAddr(tt.ip))
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, names(got))
		})
	}
}

func TestLookupDomain(t *testing.T) {
	db := buildDB(t,
		mustIndicator(t, "evil.example", "dom"),
		mustIndicator(t, "b.evil.example", "sub"),
		mustIndicator(t, "http://cdn.example/malware.exe", "url"),
		mustIndicator(t, "http://192.0.2.9:8080/gate", "urlip"),
		mustIndicator(t, "bücher.example", "idn"),
	)
	tests := []struct {
		name string
		want []string
	}{
		{"evil.example", []string{"dom:evil.example"}},
		{"a.b.evil.example", []string{"sub:b.evil.example", "dom:evil.example"}},
		{"A.B.EVIL.Example.", []string{"sub:b.evil.example", "dom:evil.example"}},
		{"notevil.example", nil},
		{"evil.example.com", nil},
		{"example", nil},
		{"cdn.example", []string{"url:http://cdn.example/malware.exe"}},
		// A URL names one host; its subdomains are not it.
		{"img.cdn.example", nil},
		{"bücher.example", []string{"idn:bücher.example"}},
		{"xn--bcher-kva.example", nil},
		{"", nil},
		{".", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := db.LookupDomain(tt.name)
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, names(got))
		})
	}

	assert.Equal(t, []string{"urlip:http://192.0.2.9:8080/gate"}, names(db.LookupIP(netip.MustParseAddr("192.0.2.9"))))
	assert.Equal(t, []string{"sub:b.evil.example", "dom:evil.example"}, names(db.LookupURL("https://user@A.B.Evil.Example:8443/x?y")))
	assert.Equal(t, []string{"urlip:http://192.0.2.9:8080/gate"}, names(db.LookupURL("http://192.0.2.9/other")))
	assert.Equal(t, []string{"dom:evil.example"}, names(db.Lookup("x.evil.example")))
	assert.Equal(t, []string{"urlip:http://192.0.2.9:8080/gate"}, names(db.Lookup("192.0.2.9")))
	assert.Empty(t, db.LookupURL("/path/only"))
}

func TestDomainHashCollisionsNeverMatchWrongName(t *testing.T) {
	// Two names forced under one entry, as a hash collision would store
	// them: each lookup must return only its own record.
	db := buildDB(t, mustIndicator(t, "one.example", "p"), mustIndicator(t, "two.example", "p"))
	var one, two uint64
	for h, v := range db.domains {
		if string(db.recStr(db.rec(uint32(v>>32)), recKey)) == "one.example" {
			one = h
		} else {
			two = h
		}
	}
	v1, v2 := db.domains[one], db.domains[two]
	lo := min(v1>>32, v2>>32)
	db.domains[one] = lo<<32 | 2
	db.domains[two] = lo<<32 | 2
	assert.Equal(t, []string{"p:one.example"}, names(db.LookupDomain("one.example")))
	assert.Equal(t, []string{"p:two.example"}, names(db.LookupDomain("x.two.example")))
}

func TestEmptyDatabase(t *testing.T) {
	db := buildDB(t)
	assert.Equal(t, 0, db.Len())
	assert.Empty(t, db.LookupIP(netip.MustParseAddr("192.0.2.1")))
	assert.Empty(t, db.LookupDomain("evil.example"))
}

func TestLoadRejectsDamagedFiles(t *testing.T) {
	good := buildBytes(t, mustIndicator(t, "192.0.2.1", "p"), mustIndicator(t, "evil.example", "p"))
	tests := map[string]struct {
		mutate func([]byte) []byte
		reason string
	}{
		"empty":     {func(b []byte) []byte { return nil }, "too short"},
		"truncated": {func(b []byte) []byte { return b[:len(b)-1] }, "truncated"},
		"appended":  {func(b []byte) []byte { return append(b, 0) }, "truncated"},
		"magic":     {func(b []byte) []byte { b[0] = 'x'; return b }, "not an indicator database"},
		"version": {func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[offVersion:], 2)
			return b
		}, "format version 2"},
		"flipped byte": {func(b []byte) []byte { b[len(b)-3] ^= 0x40; return b }, "checksum mismatch"},
		"huge count": {func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[offRecords:], 0xffffffff)
			return b
		}, "truncated"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ioc.db")
			require.NoError(t, os.WriteFile(path, tt.mutate(bytes.Clone(good)), 0o644))
			_, err := Load(path)
			var ce *CorruptError
			require.True(t, errors.As(err, &ce), "want a CorruptError, got %v", err)
			assert.Equal(t, path, ce.Path)
			assert.Contains(t, err.Error(), tt.reason)
			assert.Contains(t, err.Error(), "siem ioc build")
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "missing.db"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// FuzzRead feeds damaged databases to Read; they must be refused or
// readable, never a panic, and lookups in whatever loads must not panic.
func FuzzRead(f *testing.F) {
	f.Add(buildBytes(f, mustIndicator(f, "192.0.2.1", "p"), mustIndicator(f, "evil.example", "q"),
		mustIndicator(f, "2001:db8::/32", "p"), mustIndicator(f, "http://evil.example/x", "r")))
	f.Add(buildBytes(f))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > headerSize {
			// Most mutations only break the checksum; fix it up so that
			// the checks behind it are exercised as well.
			fixed := bytes.Clone(data)
			binary.LittleEndian.PutUint64(fixed[offChecksum:], checksum(fixed[headerSize:]))
			probe(t, fixed)
		}
		probe(t, data)
	})
}

func probe(t *testing.T, data []byte) {
	db, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return
	}
	for range db.All() {
	}
	db.Stats()
	db.LookupIP(netip.MustParseAddr("192.0.2.1"))
	db.LookupIP(netip.MustParseAddr("2001:db8::1"))
	db.LookupDomain("a.evil.example")
}

func TestLoadRejectsUnsortedEntries(t *testing.T) {
	data := buildBytes(t, mustIndicator(t, "192.0.2.1", "p"), mustIndicator(t, "192.0.2.2", "p"))
	u32 := func(off int) int { return int(binary.LittleEndian.Uint32(data[off:])) }
	entries := headerSize + 4*(u32(offStrings)+1) + u32(offStringBytes) + recordSize*u32(offRecords)
	// Swap the addresses of the two entries: still tiling the records,
	// but out of order.
	a, b := entries, entries+ipv4EntrySize
	tmp := bytes.Clone(data[a : a+4])
	copy(data[a:a+4], data[b:b+4])
	copy(data[b:b+4], tmp)
	binary.LittleEndian.PutUint64(data[offChecksum:], checksum(data[headerSize:]))
	_, err := Read(bytes.NewReader(data), int64(len(data)))
	assert.ErrorContains(t, err, "prefix 192.0.2.1/32 follows 192.0.2.2/32: entries out of order")
}

func TestBuilderWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ioc.db")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	b := Builder{Built: testBuilt}
	require.NoError(t, b.Add(mustIndicator(t, "192.0.2.1", "p")))
	n, err := b.WriteFile(path)
	require.NoError(t, err)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, st.Size(), n)
	db, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, 1, db.Len())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	_, err = b.WriteFile(filepath.Join(dir, "missing-dir", "ioc.db"))
	assert.Error(t, err)
}
