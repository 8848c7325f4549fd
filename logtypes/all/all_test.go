package all_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/bundled"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/siemtest"
)

// TestBundledSamples detects every sample under testdata by its key
// alone, runs it through the pipeline and checks the accounting and the
// ECS validity of every document: what `make demo` does, as a test. Every
// file there must be some type's object (a stray file fails detection),
// and every built-in type must have one. Which type each sample is, is
// checked by the type's own harness, whose goldens are these files.
func TestBundledSamples(t *testing.T) {
	seen := map[string]int{}
	for _, s := range bundled.Samples(t) {
		t.Run(s.Key, func(t *testing.T) {
			lt, err := siem.Default().Detect(siem.Object{Key: s.Key})
			require.NoError(t, err)
			seen[lt.Info().Name]++

			data, err := os.ReadFile(s.Path)
			require.NoError(t, err)
			res := siemtest.Run(t, lt, s.Key, data)
			if siem.IsNotEvents(res.Err) {
				return // a CloudTrail digest
			}
			require.NoError(t, res.Err)
			assert.True(t, res.Counts.Reconciled(), "%v", res.Counts)
			assert.NotZero(t, res.Counts.Indexed)
			for _, d := range res.Docs {
				assert.NoError(t, lt.Info().CheckDocument(d.Body), "record %d", d.Source.Record)
			}
		})
	}
	for _, lt := range all.Types() {
		assert.NotZero(t, seen[lt.Info().Name], "no bundled sample of %s", lt.Info().Name)
	}
}

// TestEverySampleKeyDetectsItsOwnType registers every built-in type in
// a fresh registry (which refuses overlapping key patterns) and checks,
// in the default registry too, that each type's sample keys detect to it
// and nothing else: detection cannot depend on registration order.
func TestEverySampleKeyDetectsItsOwnType(t *testing.T) {
	reg := siem.NewRegistry()
	types := all.Types()
	for _, lt := range types {
		require.NoError(t, reg.Register(lt))
	}
	// And in the reverse order, to be sure order plays no part.
	rev := siem.NewRegistry()
	for i := len(types) - 1; i >= 0; i-- {
		require.NoError(t, rev.Register(types[i]))
	}
	assert.Len(t, siem.Default().Types(), len(types))
	for _, lt := range types {
		info := lt.Info()
		assert.NotEmpty(t, info.SampleKeys, info.Name)
		for _, key := range info.SampleKeys {
			for _, r := range []*siem.Registry{reg, rev, siem.Default()} {
				got, err := r.Detect(siem.Object{Key: key})
				if assert.NoError(t, err, key) {
					assert.Equal(t, info.Name, got.Info().Name, key)
				}
			}
		}
	}
}

// TestFireLensWebServerLines: Apache lines inside FireLens container
// records become Apache documents, valid against the declared schemas,
// with the container's metadata.
func TestFireLensWebServerLines(t *testing.T) {
	const key = "fluent-bit-logs/web-firelens-8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5/2026/12/06/17/30/00-objectQ3mX9aLp"
	lt, err := siem.Default().Detect(siem.Object{Key: key})
	require.NoError(t, err)
	require.Equal(t, "firelens", lt.Info().Name)
	data, err := os.ReadFile(filepath.Join(bundled.Root(t), filepath.FromSlash(key)))
	require.NoError(t, err)
	res := siemtest.Run(t, lt, key, data)
	require.NoError(t, res.Err)
	apacheDocs := 0
	for _, d := range res.Docs {
		require.NoError(t, lt.Info().CheckDocument(d.Body))
		var doc struct {
			Event struct {
				Dataset string `json:"dataset"`
			} `json:"event"`
			Container struct {
				Name string `json:"name"`
			} `json:"container"`
			HTTP struct {
				Response struct {
					StatusCode int `json:"status_code"`
				} `json:"response"`
			} `json:"http"`
		}
		require.NoError(t, json.Unmarshal(d.Body, &doc))
		if doc.Event.Dataset == "apache.access" {
			apacheDocs++
			assert.NotEmpty(t, doc.Container.Name, "record %d", d.Source.Record)
			assert.NotZero(t, doc.HTTP.Response.StatusCode, "record %d", d.Source.Record)
			// Indexed with the Apache logs written outside containers.
			assert.Equal(t, "apache-access", d.Route, "record %d", d.Source.Record)
		} else if doc.Event.Dataset == "apache.error" {
			assert.Equal(t, "apache-error", d.Route, "record %d", d.Source.Record)
		} else {
			assert.Empty(t, d.Route, "record %d (%s) stays in the FireLens index", d.Source.Record, doc.Event.Dataset)
		}
	}
	assert.NotZero(t, apacheDocs, "no Apache document among %d", len(res.Docs))
}

// TestBenchmarkObjects checks that the generated objects every benchmark
// runs on are what they claim: each detected as its type by its key, and
// every record indexed as a valid document, none dead-lettered.
func TestBenchmarkObjects(t *testing.T) {
	for _, c := range benchCases() {
		t.Run(c.name, func(t *testing.T) {
			lt, err := siem.Default().Detect(siem.Object{Key: c.key})
			require.NoError(t, err)
			// Cases are named after their type (securitylake-json, -parquet).
			require.True(t, strings.HasPrefix(c.name, lt.Info().Name), "%s detected as %s", c.name, lt.Info().Name)
			res := siemtest.Run(t, lt, c.key, c.gen(300))
			require.NoError(t, res.Err)
			assert.Zero(t, res.Counts.DeadLettered, "%v", res.DeadLetters)
			assert.NotZero(t, res.Counts.Indexed)
			for _, d := range res.Docs {
				require.NoError(t, lt.Info().CheckDocument(d.Body), "record %d", d.Source.Record)
			}
		})
	}
}
