package builtin_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich/builtin"
	"github.com/siem-go/siem/internal/shared"
)

func TestOpenNothing(t *testing.T) {
	set, err := builtin.Open(builtin.Config{})
	require.NoError(t, err)
	assert.Empty(t, set.Chain)
	assert.NotNil(t, set.Reporter)
	assert.NoError(t, set.Close())
}

func TestOpenChainsInStageOrder(t *testing.T) {
	geo := shared.Dir(t, "geoip")
	set, err := builtin.Open(builtin.Config{
		GeoIPCity:      filepath.Join(geo, "GeoIP2-City-Test.mmdb"),
		TrustedProxies: "10.0.0.0/8",
		UserAgent:      true,
	})
	require.NoError(t, err)
	defer set.Close()
	require.Len(t, set.Chain, 3)

	var ev ecs.Event
	ev.Keyword("user_agent.original", "curl/8.5.0")
	ev.Keywords("network.forwarded_ip", "81.2.69.160")
	for _, e := range set.Chain {
		e.Enrich("alb", &ev)
	}
	name, ok := ev.LookupString("user_agent.name")
	assert.True(t, ok)
	assert.Equal(t, "curl", name)
	assert.NoError(t, set.Close())
	assert.NoError(t, set.Close(), "a second Close does nothing")
}

func TestOpenErrorsNameTheSetting(t *testing.T) {
	for _, c := range []struct {
		cfg  builtin.Config
		want builtin.Setting
	}{
		{builtin.Config{TrustedProxies: "not-a-cidr"}, builtin.SettingTrustedProxies},
		{builtin.Config{GeoIPCity: filepath.Join(t.TempDir(), "missing.mmdb")}, builtin.SettingGeoIP},
		{builtin.Config{IoCDB: filepath.Join(t.TempDir(), "missing.db")}, builtin.SettingIoCDB},
	} {
		_, err := builtin.Open(c.cfg)
		var se *builtin.SettingError
		require.True(t, errors.As(err, &se), "%+v: %v", c.cfg, err)
		assert.Equal(t, c.want, se.Setting)
		assert.Contains(t, err.Error(), c.want.String())
	}
}
