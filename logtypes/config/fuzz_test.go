package config_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to the normalizer, as read from a
// history file and as an EventBridge detail: it must return an error or an
// event that encodes as a valid document, never panic.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(withConf(`{"a":{"b":[1,"x",null]},"c..d":1}`)))
	f.Add([]byte(compliance("NON_COMPLIANT")))
	f.Add([]byte(`{"Type":"Notification","Message":"{\"messageType\":\"ConfigurationItemChangeNotification\",\"configurationItem\":[{\"resourceType\":\"AWS::EC2::EIP\",\"resourceId\":\"e\",\"resourceName\":\"1.2.3.4\",\"configurationItemCaptureTime\":\"2026-01-01T00:00:00Z\"}]}"}`))
	f.Add([]byte(`{"messageType":"OversizedConfigurationItemChangeNotification","configurationItemSummary":{"resourceType":"AWS::IAM::User","resourceId":"AIDA","configurationItemCaptureTime":"2026-01-01T00:00:00Z"}}`))
	info := config.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, key := range []string{historyKey, snapshotKey} {
			or, err := config.New().Open(siem.Object{Key: key}, bytes.NewReader(nil))
			if err != nil {
				t.Fatal(err)
			}
			delivery := &parser.Delivery{Envelope: "eventbridge"}
			for _, d := range []*parser.Delivery{nil, delivery} {
				var ev ecs.Event
				err := or.Normalize(siem.Record{Record: parser.Record{Data: data, Number: 1, Delivery: d}}, &ev)
				if err != nil {
					if err.Error() == "" {
						t.Fatal("error without a reason")
					}
					continue
				}
				if err := ev.Err(); err != nil {
					t.Fatalf("%v\n%s", err, data)
				}
				doc := ev.AppendJSON(nil)
				if !json.Valid(doc) {
					t.Fatalf("invalid JSON document %s", doc)
				}
				if _, ok := ev.Lookup("@timestamp"); !ok {
					t.Fatalf("document without @timestamp: %s", doc)
				}
				if err := info.CheckDocument(doc); err != nil {
					t.Fatalf("%v\n%s", err, doc)
				}
			}
		}
	})
}
