package opensearchaudit_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/opensearchaudit"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to Normalize: it must return an
// error or a document that is valid ECS and fits the vendor schema,
// never panic. It is much cheaper per input than FuzzObject, so it
// reaches further in the same time.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{"@timestamp":"2026-11-27T10:00:00Z","audit_category":"AUTHENTICATED","audit_request_body":{"a":[null,""]},"audit_rest_request_headers":{"Host":["[::1]:9200"]},"x.y":1}`))
	f.Add([]byte(`{"@timestamp":"2026-11-27T10:00:00Z","audit_request_layer":"REST","audit_request_body":[1],"audit_rest_request_headers":{"HOST":["search-a-b.us-east-1.es.amazonaws.com:443"]}}`))
	if data, err := os.ReadFile("../../testdata/AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b"); err == nil {
		if r, _, err := parser.Decompress(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(r); err == nil {
				f.Add(plain)
			}
		}
	}
	info := opensearchaudit.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := opensearchaudit.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}
