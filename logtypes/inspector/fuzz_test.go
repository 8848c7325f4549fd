package inspector_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to Normalize: it must return an
// error or a document that is valid ECS and fits the vendor schema,
// never panic. It is much cheaper per input than FuzzObject, so it
// reaches further in the same time.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{"findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/a","updatedAt":"Nov 27, 2026, 10:05:00 AM","resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1","details":{"awsEc2Instance":{"ipV4Addresses":["10.0.0.1"]}}}],"networkReachabilityDetails":{"protocol":"TCP","openPortRange":{"begin":22,"end":22}},"type":"NETWORK_REACHABILITY"}`))
	if data, err := os.ReadFile("../../testdata/AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7"); err == nil {
		if r, _, err := parser.Decompress(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(r); err == nil {
				f.Add(plain)
			}
		}
	}
	info := inspector.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := inspector.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
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
