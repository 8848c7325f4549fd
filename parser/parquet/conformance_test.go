package parquet

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecurityLake reads every file of the Security Lake samples in the
// shared conformance set (OCSF written by AWS's converter with parquet-mr,
// and raw flow records written by pyarrow): each Parquet file must read
// whole, every row must render as valid JSON, and the number of rows must
// be the one its footer declares. The other files there (the raw inputs,
// gzipped JSON) must be refused as not Parquet.
func TestSecurityLake(t *testing.T) {
	dir := sharedDir(t, "raw/aws_security_lake_ocsf_parquet")
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r, err := NewReader(f, Options{})
			if !strings.HasSuffix(path, ".parquet") {
				if err == nil {
					r.Close()
					t.Fatal("a file that is not Parquet was opened")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			files++
			got := readAll(t, r, true) // checks json.Valid
			if got.err != nil || len(got.bad) > 0 {
				t.Fatalf("reading: %v %v", got.err, got.bad)
			}
			if int64(len(got.records)) != r.NumRows() || r.NumRows() == 0 {
				t.Errorf("%d rows, the footer declares %d", len(got.records), r.NumRows())
			}
			for _, rec := range got.records {
				if !strings.HasPrefix(rec, "{") {
					t.Errorf("record %s", rec)
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no Parquet files under %s", dir)
	}
}
