// Package bundled lists the sample objects under the repository's
// testdata folder, each with the S3 key it stands for (its path below
// testdata). `make demo`, the registry's tests and the OpenSearch
// integration tests all run the same set, so a new log type's samples are
// ingested into the real node as soon as they are added there.
package bundled

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Sample is one bundled object.
type Sample struct {
	// Path is where the file is.
	Path string
	// Key is the S3 key it stands for: its path below testdata, with
	// forward slashes.
	Key string
}

// Root returns the repository's testdata folder.
func Root(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("bundled: cannot tell where the repository is")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Samples returns every bundled object, in path order. Files whose names
// start with "README" document the folder and are left out.
func Samples(tb testing.TB) []Sample {
	tb.Helper()
	root := Root(tb)
	var out []Sample
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "README") {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out = append(out, Sample{Path: path, Key: filepath.ToSlash(rel)})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatalf("no bundled samples under %s", root)
	}
	return out
}

// Open opens the sample's file.
func (s Sample) Open() (*os.File, error) { return os.Open(s.Path) }
