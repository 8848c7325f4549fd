package all_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/siemtest"
)

// wantType says which type a bundled sample is, from the service part of
// its S3-style path.
func wantType(key string) string {
	switch {
	case strings.Contains(key, "vpcflowlogs"):
		return "vpcflow"
	case strings.Contains(key, "/CloudTrail"):
		return "cloudtrail"
	case strings.Contains(key, "_app."):
		return "alb"
	case strings.Contains(key, "_net."):
		return "nlb"
	case strings.Contains(key, "elasticloadbalancing"):
		return "clb"
	}
	return ""
}

// TestBundledSamples detects every sample under testdata/AWSLogs by its
// key alone, runs it through the pipeline and checks the accounting and
// the ECS validity of every document: what `make demo` does, as a test.
func TestBundledSamples(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	seen := map[string]int{}
	err := filepath.WalkDir(filepath.Join(root, "AWSLogs"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		key := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		t.Run(key, func(t *testing.T) {
			want := wantType(key)
			require.NotEmpty(t, want, "sample with no known type in its path")
			lt, err := siem.Default().Detect(siem.Object{Key: key})
			require.NoError(t, err)
			assert.Equal(t, want, lt.Info().Name)
			seen[lt.Info().Name]++

			data, err := os.ReadFile(path)
			require.NoError(t, err)
			res := siemtest.Run(t, lt, key, data)
			if siem.IsNotEvents(res.Err) {
				return // a CloudTrail digest
			}
			require.NoError(t, res.Err)
			assert.NotZero(t, res.Counts.Indexed)
			for _, d := range res.Docs {
				assert.NoError(t, lt.Info().CheckDocument(d.Body), "record %d", d.Source.Record)
			}
		})
		return nil
	})
	require.NoError(t, err)
	for _, name := range []string{"vpcflow", "cloudtrail", "alb", "nlb", "clb"} {
		assert.NotZero(t, seen[name], "no bundled sample of %s", name)
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
