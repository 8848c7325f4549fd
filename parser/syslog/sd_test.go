package syslog

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flattenSD lists every parameter as "ID name=value", unescaped, and every
// element without parameters as "ID".
func flattenSD(sd StructuredData) []string {
	var out []string
	for e := range sd.Elements() {
		n := 0
		for p := range e.Params() {
			out = append(out, fmt.Sprintf("%s %s=%s", e.ID, p.Name, p.Value(nil)))
			n++
		}
		if n == 0 {
			out = append(out, string(e.ID))
		}
	}
	return out
}

func TestStructuredData(t *testing.T) {
	line := `<38>1 2026-11-27T10:00:00Z bastion-1 sshd 2841 auth [origin ip="198.51.100.23" ip="2001:db8::1" software="OpenSSH"][timeQuality][x@32473 note="said \"hi\" [ok\]" path="C:\\tmp\x" empty="" tail="\\"] msg`
	m, err := Parse([]byte(line), Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"origin ip=198.51.100.23",
		"origin ip=2001:db8::1",
		"origin software=OpenSSH",
		"timeQuality",
		`x@32473 note=said "hi" [ok]`,
		`x@32473 path=C:\tmp\x`,
		"x@32473 empty=",
		`x@32473 tail=\`,
	}, flattenSD(m.StructuredData))

	p, ok := m.StructuredData.Param("origin", "ip")
	require.True(t, ok)
	assert.Equal(t, "198.51.100.23", string(p.RawValue))
	assert.False(t, p.Escaped())
	scratch := make([]byte, 0, 64)
	v := p.Value(scratch)
	assert.Same(t, &p.RawValue[0], &v[0], "a value without escapes is the raw value itself")

	p, ok = m.StructuredData.Param("x@32473", "note")
	require.True(t, ok)
	assert.Equal(t, `said \"hi\" [ok\]`, string(p.RawValue))
	assert.True(t, p.Escaped())
	v = p.Value(scratch)
	assert.Equal(t, `said "hi" [ok]`, string(v))
	assert.Same(t, &scratch[:1][0], &v[0], "an escaped value is written into the scratch buffer")
	assert.Equal(t, `prefix:said "hi" [ok]`, string(p.AppendValue([]byte("prefix:"))))

	_, ok = m.StructuredData.Param("x@32473", "missing")
	assert.False(t, ok)
	_, ok = m.StructuredData.Param("missing", "ip")
	assert.False(t, ok)

	// Stopping early is honoured.
	n := 0
	for e := range m.StructuredData.Elements() {
		for range e.Params() {
			n++
			break
		}
		break
	}
	assert.Equal(t, 1, n)
}

// StructuredData built by hand from bytes Parse never saw ends the
// iteration at the first malformed element instead of failing.
func TestStructuredDataUnvalidated(t *testing.T) {
	for _, tt := range []struct {
		sd   string
		want []string
	}{
		{"", nil},
		{"-", nil},
		{`[a b="1"]junk`, []string{"a b=1"}},
		{`[a b="1"][c`, []string{"a b=1"}},
		{`[a b="1" c]`, nil},
		{`[a b="1`, nil},
		{`[a b="1"][c d="2"]`, []string{"a b=1", "c d=2"}},
	} {
		assert.Equal(t, tt.want, flattenSD(StructuredData(tt.sd)), tt.sd)
	}
}
