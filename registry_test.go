package siem_test

import (
	"io"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
)

type namedType struct {
	name    string
	pattern string
}

func (n namedType) Info() siem.Info {
	var re *regexp.Regexp
	if n.pattern != "" {
		re = regexp.MustCompile(n.pattern)
	}
	return siem.Info{Name: n.name, KeyPattern: re}
}

func (namedType) Open(siem.Object, io.Reader) (siem.ObjectReader, error) { return nil, nil }

func TestRegistry(t *testing.T) {
	reg := siem.NewRegistry()
	require.NoError(t, reg.Register(namedType{"specific", `_special_\d+\.log$`}))
	require.NoError(t, reg.Register(namedType{"general", `\.log$`}))
	require.NoError(t, reg.Register(namedType{"byname", ""}))
	assert.ErrorContains(t, reg.Register(namedType{"general", ""}), "already registered")
	assert.ErrorContains(t, reg.Register(namedType{"", ""}), "empty name")

	for key, want := range map[string]string{
		"a/b_special_12.log": "specific",
		"a/b.log":            "general",
		"a/b.txt":            "",
		"a/b.log/":           "", // a folder marker is never an object
	} {
		lt, ok := reg.Detect(key)
		if want == "" {
			assert.False(t, ok, key)
			continue
		}
		require.True(t, ok, key)
		assert.Equal(t, want, lt.Info().Name, key)
	}
	lt, ok := reg.Lookup("byname")
	require.True(t, ok)
	assert.Equal(t, "byname", lt.Info().Name)

	var names []string
	for _, lt := range reg.Types() {
		names = append(names, lt.Info().Name)
	}
	assert.Equal(t, []string{"specific", "general", "byname"}, names)
}
