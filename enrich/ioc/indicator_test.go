package ioc

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewIP(t *testing.T) {
	tests := []struct {
		in      string
		typ     Type
		prefix  string
		wantErr bool
	}{
		{"192.0.2.1", IPv4, "192.0.2.1/32", false},
		{" 192.0.2.1 ", IPv4, "192.0.2.1/32", false},
		{"192.0.2.77/24", IPv4, "192.0.2.0/24", false},
		{"::ffff:192.0.2.1", IPv4, "192.0.2.1/32", false},
		{"::ffff:192.0.2.0/120", IPv4, "192.0.2.0/24", false},
		{"::ffff:0:0/95", IPv6, "::fffe:0:0/95", false},
		{"2001:db8::1", IPv6, "2001:db8::1/128", false},
		{"2001:db8:abcd:12::1/48", IPv6, "2001:db8:abcd::/48", false},
		{"fe80::1%eth0", IPv6, "fe80::1/128", false},
		{"fe80::1%a/b", IPv6, "fe80::1/128", false}, // a zone may hold a slash
		{"0.0.0.0/0", IPv4, "0.0.0.0/0", false},
		{"192.0.2.1/33", 0, "", true},
		{"192.0.2", 0, "", true},
		{"evil.example", 0, "", true},
		{"", 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ind, err := NewIP(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.typ, ind.Type)
			assert.Equal(t, netip.MustParsePrefix(tt.prefix), ind.Prefix)
		})
	}
}

func TestNormalizeDomain(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"evil.example", "evil.example", false},
		{"A.B.Evil.Example.", "a.b.evil.example", false},
		{"*.evil.example", "evil.example", false},
		{"localhost", "localhost", false},
		{"_dmarc.evil.example", "_dmarc.evil.example", false},
		{"xn--bcher-kva.example", "xn--bcher-kva.example", false},
		// IDN kept as written; only ASCII letters change case.
		{"BÜCHER.Example", "bÜcher.example", false},
		{"", "", true},
		{".", "", true},
		{"evil..example", "", true},
		{".evil.example", "", true},
		{"evil example", "", true},
		{"evil.example/path", "", true},
		{"evil.example:443", "", true},
		{"user@evil.example", "", true},
		{"192.0.2.1", "", true},
		{string(make([]byte, 64)) + ".example", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeDomain(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	long := ""
	for len(long) < 250 {
		long += "abcdefghi."
	}
	_, err := NormalizeDomain(long + "example")
	assert.ErrorContains(t, err, "longer than 253")
}

func TestURLHost(t *testing.T) {
	tests := []struct {
		in, host string
		ok       bool
	}{
		{"http://evil.example/gate.php", "evil.example", true},
		{"https://user:pw@Evil.Example:8443/a?b#c", "Evil.Example", true},
		{"http://192.0.2.1:8080/", "192.0.2.1", true},
		{"http://[2001:db8::1]:443/x", "2001:db8::1", true},
		{"evil.example/gate.php", "evil.example", true},
		{"evil.example", "evil.example", true},
		{"hxxp://evil.example?x=http://other.example/", "evil.example", true},
		{"http:///path", "", false},
		{"http://[2001:db8::1/x", "", false},
		{"/just/a/path", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			host, ok := URLHost(tt.in)
			assert.Equal(t, tt.ok, ok)
			if tt.ok {
				assert.Equal(t, tt.host, host)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		typ    Type
		name   string
		domain string
	}{
		{"192.0.2.1", IPv4, "192.0.2.1", ""},
		{"198.51.100.0/24", IPv4, "198.51.100.0/24", ""},
		{"2001:db8::/32", IPv6, "2001:db8::/32", ""},
		{"Evil.Example", Domain, "evil.example", "evil.example"},
		{"3com.example", Domain, "3com.example", "3com.example"},
		{"http://Evil.Example/x", URL, "http://Evil.Example/x", "evil.example"},
		{"http://192.0.2.1/x", URL, "http://192.0.2.1/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ind, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.typ, ind.Type)
			assert.Equal(t, tt.name, ind.Name())
			assert.Equal(t, tt.domain, ind.Domain)
		})
	}
	for _, bad := range []string{"", "   ", "1.2.3.4.5", "http://", "a b"} {
		_, err := Parse(bad)
		assert.Error(t, err, bad)
	}
}

func TestConfidenceFromScore(t *testing.T) {
	for score, want := range map[int]Confidence{
		-1: ConfidenceUnknown, 0: ConfidenceNone, 1: ConfidenceLow, 29: ConfidenceLow,
		30: ConfidenceMedium, 69: ConfidenceMedium, 70: ConfidenceHigh, 100: ConfidenceHigh, 101: ConfidenceUnknown,
	} {
		assert.Equal(t, want, ConfidenceFromScore(score), "score %d", score)
	}
	assert.Equal(t, "Medium", ConfidenceMedium.String())
	assert.Equal(t, "Not Specified", ConfidenceNotSpecified.String())
	assert.Equal(t, "", ConfidenceUnknown.String())
}

func TestTypeString(t *testing.T) {
	assert.Equal(t, "ipv4-addr", IPv4.String())
	assert.Equal(t, "ipv6-addr", IPv6.String())
	assert.Equal(t, "domain-name", Domain.String())
	assert.Equal(t, "url", URL.String())
	assert.Equal(t, "Type(9)", Type(9).String())
}
