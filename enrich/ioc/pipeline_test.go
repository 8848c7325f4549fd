package ioc_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/ioc"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/sink"
)

// TestPipeline runs flow log records through a real pipeline with the
// enricher in its chain: the matching record gets threat.enrichments, the
// other does not, and both documents are valid ECS.
func TestPipeline(t *testing.T) {
	ind, err := ioc.NewIP("198.51.100.0/24")
	require.NoError(t, err)
	ind.Provider = "blocklist"
	var buf bytes.Buffer
	require.NoError(t, ioc.Build(&buf, slices.Values([]ioc.Indicator{ind})))
	path := filepath.Join(t.TempDir(), "ioc.db")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	e, err := ioc.Open(path, ioc.Config{Reporter: &enrich.Reporter{}})
	require.NoError(t, err)
	defer e.Close()

	var out, dlq bytes.Buffer
	docs := sink.NewNDJSON(&out)
	dead := sink.NewDeadLetters(&dlq)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dead, Enrichers: enrich.Chain(e)})
	require.NoError(t, err)
	object := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n" +
		"2 123456789012 eni-0a1b2c3d4e5f60001 198.51.100.77 10.0.1.25 51234 22 6 3 180 1795773610 1795773668 REJECT OK\n" +
		"2 123456789012 eni-0a1b2c3d4e5f60001 192.0.2.77 10.0.1.25 51234 22 6 3 180 1795773610 1795773668 REJECT OK\n"
	key := "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log"
	counts, err := p.ProcessAs(context.Background(), vpcflow.New(), siem.Object{Key: key}, strings.NewReader(object))
	require.NoError(t, err)
	require.NoError(t, docs.Flush())
	assert.Equal(t, int64(2), counts.Indexed, dlq.String())

	matched := 0
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		require.NoError(t, ecs.Validate([]byte(line), "aws.vpcflow"), line)
		var doc struct {
			Source struct{ IP string } `json:"source"`
			Threat struct {
				Enrichments []struct {
					Indicator struct{ Provider, Name string }
					Matched   struct{ Atomic, Field string }
				}
			}
		}
		require.NoError(t, json.Unmarshal([]byte(line), &doc))
		if doc.Source.IP == "198.51.100.77" {
			matched++
			require.Len(t, doc.Threat.Enrichments, 1)
			assert.Equal(t, "blocklist", doc.Threat.Enrichments[0].Indicator.Provider)
			assert.Equal(t, "198.51.100.0/24", doc.Threat.Enrichments[0].Indicator.Name)
			assert.Equal(t, "source.ip", doc.Threat.Enrichments[0].Matched.Field)
		} else {
			assert.Empty(t, doc.Threat.Enrichments)
		}
	}
	assert.Equal(t, 1, matched)
}
