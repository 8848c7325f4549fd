package geoip_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/xff"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/sink"
)

// TestThroughThePipeline runs VPC flow records through the real pipeline
// with the enricher in its chain.
func TestThroughThePipeline(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})

	var lines strings.Builder
	lines.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for _, pair := range [][2]string{
		{"2.16.3.4", "10.0.1.25"},
		{"10.0.1.25", "2001:67c::1"},
		{"192.0.2.1", "10.0.1.25"},
		{"2.16.3.4", "5.5.5.5"},
	} {
		lines.WriteString("2 123456789012 eni-0a1b2c3d4e5f60001 " + pair[0] + " " + pair[1] + " 51234 443 6 3 180 1795773610 1795773668 ACCEPT OK\n")
	}
	var out, dead bytes.Buffer
	docs, dls := sink.NewNDJSON(&out), sink.NewDeadLetters(&dead)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dls, Enrichers: enrich.Chain(g), Workers: 2, BatchRecords: 1})
	require.NoError(t, err)
	key := "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log"
	counts, err := p.ProcessAs(context.Background(), vpcflow.New(), siem.Object{Key: key}, strings.NewReader(lines.String()))
	require.NoError(t, err)
	require.NoError(t, docs.Flush())
	require.EqualValues(t, 4, counts.Indexed, "%v %s", counts, dead.String())
	require.NoError(t, ecs.ValidateAll(out.Bytes(), "aws.vpcflow"))

	got := map[string][2]any{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var m map[string]any
		require.NoError(t, json.Unmarshal(line, &m))
		src, dst := get(m, "source.ip").(string), get(m, "destination.ip").(string)
		got[src+" "+dst] = [2]any{get(m, "source.geo.country_iso_code"), get(m, "destination.as.number")}
	}
	assert.Equal(t, map[string][2]any{
		"2.16.3.4 10.0.1.25":    {"FR", nil},
		"10.0.1.25 2001:67c::1": {nil, 64501.0},
		"192.0.2.1 10.0.1.25":   {nil, nil},
		"2.16.3.4 5.5.5.5":      {"FR", 64502.0},
	}, got)
}

// TestAfterXFF checks the two enrichers together: the chain runs the xff
// enricher first, so the address it settles is the one geolocated.
func TestAfterXFF(t *testing.T) {
	city, asn := testDBs(t)
	g := open(t, geoip.Config{CityPath: city, ASNPath: asn, CheckInterval: -1})
	proxies, err := xff.ParseTrustedProxies("10.0.0.0/8")
	require.NoError(t, err)
	x, err := xff.New(xff.Config{TrustedProxies: proxies, Fields: enrich.Fields{Default: []string{"example.x_forwarded_for"}}})
	require.NoError(t, err)

	var ev ecs.Event
	ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
	ev.Keyword("example.x_forwarded_for", "2.16.3.4, 10.1.1.1")
	for _, e := range enrich.Chain(g, x) { // given out of order on purpose
		e.Enrich("alb", &ev)
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal(ev.AppendJSON(nil), &m))
	assert.Equal(t, "2.16.3.4", get(m, "source.ip"))
	assert.Equal(t, "Paris", get(m, "source.geo.city_name"))
	assert.Equal(t, "Paris", get(m, "client.geo.city_name"))
	assert.Equal(t, 64500.0, get(m, "client.as.number"))
}
