package vpcflow_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/vpcflow"
)

// TestVendorSchema checks every document of every golden file against the
// vendor schema: each vendor field must be declared with a type its
// values fit, or hold only strings (keywords). A new number, boolean or
// object in the output therefore fails here until it is declared, so the
// index templates generated from the schema cannot drift from what the
// normalizer emits.
func TestVendorSchema(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join("testdata", "*.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files found (%v)", err)
	}
	for _, lt := range []siem.LogType{vpcflow.New()} {
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
			for i, doc := range goldenDocuments(data) {
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

// goldenDocuments splits a golden file, documents pretty-printed between
// comment lines starting with "# ", into the documents.
func goldenDocuments(data []byte) [][]byte {
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
