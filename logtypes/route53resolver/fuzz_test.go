package route53resolver_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to Normalize: it must return an
// error or a document that is valid ECS and fits the vendor schema,
// never panic. It is much cheaper per input than FuzzObject, so it
// reaches further in the same time.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{"query_timestamp":"2022-06-25 00:27:53","query_name":"1.0.0.127.in-addr.arpa.","query_type":"PTR","answers":{"Rdata":"localhost.","Type":"PTR","Class":"IN"},"srcaddr":"::1","srcport":"53","srcids":{"instance":"i-1","x":1}}`))
	if data, err := os.ReadFile("../../testdata/AWSLogs/123456789012/vpcdnsquerylogs/firehose/us-east-1/2026/11/27/10/siem-r53resolver-1-2026-11-27-10-05-00-3c2b1a09-8f7e-4d6c-b5a4-392817160504.gz"); err == nil {
		if r, _, err := parser.Decompress(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(r); err == nil {
				f.Add(plain)
			}
		}
	}
	info := route53resolver.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := route53resolver.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
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
