package siemtest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
)

// VendorSchema checks every document of the golden files matching glob
// against the vendor schema of each type: each vendor field must be
// declared with a type its values fit, or hold only strings (keywords). A
// new number, boolean or object in the output therefore fails until it is
// declared, so index templates generated from the schema cannot drift
// from what the normalizer emits.
func VendorSchema(t *testing.T, glob string, types ...siem.LogType) {
	t.Helper()
	goldens, err := filepath.Glob(glob)
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files match %s (%v)", glob, err)
	}
	for _, lt := range types {
		info := lt.Info()
		if err := info.Vendor.Validate(); err != nil {
			t.Fatalf("%s: %v", info.Name, err)
		}
		docs := 0
		for _, golden := range goldens {
			data, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			for i, doc := range GoldenDocuments(data) {
				docs++
				if err := info.CheckVendorFields(doc); err != nil {
					t.Errorf("%s: %s document %d:\n%v", info.Name, golden, i+1, err)
				}
			}
		}
		if docs == 0 {
			t.Errorf("%s: the golden files hold no documents", info.Name)
		}
	}
}

// GoldenDocuments splits a golden file written by Golden (documents
// pretty-printed between comment lines starting with "# ") into its
// documents.
func GoldenDocuments(data []byte) [][]byte {
	var docs [][]byte
	var cur []byte
	flush := func() {
		if len(bytes.TrimSpace(cur)) > 0 {
			docs = append(docs, cur)
		}
		cur = nil
	}
	for line := range bytes.Lines(data) {
		if bytes.HasPrefix(line, []byte("# ")) {
			flush()
			continue
		}
		cur = append(cur, line...)
	}
	flush()
	return docs
}
