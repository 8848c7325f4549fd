package networkfirewall_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/networkfirewall"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to Normalize, seeded with the records
// of the sample objects. Whatever the record, Normalize returns an error
// or a document that validates.
func FuzzNormalize(f *testing.F) {
	for _, line := range bytes.Split(seedRecords(f), []byte("\n")) {
		f.Add(line)
	}
	lt := networkfirewall.New()
	info := lt.Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		or, err := lt.Open(siem.Object{Key: testKey}, bytes.NewReader(nil))
		if err != nil {
			t.Fatal(err)
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: parser.Record{Data: data, Number: 1}}, &ev); err != nil {
			if err.Error() == "" || strings.Contains(err.Error(), "internal error") {
				t.Fatalf("bad error %q", err)
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatal(err)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}

// seedRecords returns the records of the sample objects.
func seedRecords(f *testing.F) []byte {
	var all []byte
	for _, g := range goldens {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", filepath.FromSlash(g.Key)))
		if err != nil {
			f.Fatal(err)
		}
		if r, _, err := parser.Decompress(bytes.NewReader(data)); err == nil {
			var buf bytes.Buffer
			if _, err := buf.ReadFrom(r); err == nil {
				data = buf.Bytes()
			}
		}
		all = append(all, data...)
		all = append(all, '\n')
	}
	return all
}
