// Package okta reads the Okta System Log. See doc.go for the mapping.
package okta

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "okta"
	// Dataset is the ECS event.dataset of its events, as Elastic's Okta
	// integration names it.
	Dataset = "okta.system"
	// Namespace is where the vendor fields live: okta.*, like Elastic's
	// integration. It is not an ECS field set.
	Namespace = "okta"
)

// keyPattern is the reference system's: okta-logs anywhere in the key,
// which covers the fetch Lambda's okta-logs/... objects and a Firehose
// prefix of the user's choosing that holds it.
var keyPattern = regexp.MustCompile(`okta-logs`)

type logType struct{}

// New returns the Okta System Log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Okta System Log events (one JSON event per line, a JSON array page of the /api/v1/logs API, or EventBridge log streaming events written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// The fetch Lambda polls /api/v1/logs and writes one event per line.
			"okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json.gz",
			// A saved API page: a JSON array.
			"okta-logs/api/2026/11/27/okta-logs-page-20261127T1100Z.json",
			// Okta log streaming -> EventBridge partner bus -> Firehose -> S3.
			"okta-logs/eventbridge/2026/11/27/10/siem-okta-eventbridge-1-2026-11-27-10-05-00-6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
		},
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// recordsKey names no member an Okta event can have (a raw '"' cannot
// stand inside a JSON key as written), so that NewJSONRecordsReader takes
// every object as one record and every top-level array as its elements.
const recordsKey = `"`

func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	records := parser.NewJSONRecordsReader(r, recordsKey, parser.JSONOptions{})
	return siem.NewObjectReader(records, Normalize), nil
}

// OpenMessages reads the events the EventBridge envelope unwrapped: each
// detail is one System Log event.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, Normalize), nil
}
