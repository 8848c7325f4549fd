package okta_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/okta"
	"github.com/siem-go/siem/sink"
)

// Example registers the Okta type in a registry of its own, as a third
// party registers its type, and runs one object through a pipeline: the
// key is detected as okta, the event is normalized, and the line that is
// not an event is dead-lettered with its reason.
func Example() {
	reg := siem.NewRegistry()
	if err := reg.Register(okta.New()); err != nil {
		panic(err)
	}
	var out, dead strings.Builder
	docs, dlq := sink.NewNDJSON(&out), sink.NewDeadLetters(&dead)
	p, err := siem.NewPipeline(siem.Options{
		Registry: reg, Sink: docs, DeadLetters: dlq, Workers: 1, OmitOriginal: true,
		Now: func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	object := `{"uuid":"5d3a0f8e-ac8b-11f1-9c1a-2f6e1b0c9d01","published":"2026-11-27T10:00:03.412Z",` +
		`"eventType":"user.session.start","severity":"INFO","displayMessage":"User login to Okta",` +
		`"actor":{"id":"00u8k2n1abCDefGH5d7","type":"User","alternateId":"alice@example.com","displayName":"Alice Tanaka"},` +
		`"client":{"ipAddress":"203.0.113.24","userAgent":{"rawUserAgent":"Mozilla/5.0"},` +
		`"geographicalContext":{"city":"Tokyo","country":"Japan","geolocation":{"lat":35.6893,"lon":139.6899}}},` +
		`"outcome":{"result":"FAILURE","reason":"INVALID_CREDENTIALS"},` +
		`"debugContext":{"debugData":{"requestUri":"/idp/idx/identify","threatSuspected":"false"}}}` + "\n" +
		`{"eventType":"user.session.end"}` + "\n"
	counts, err := p.Process(context.Background(), siem.Object{Key: "okta-logs/2026/11/27/10/events.json"}, strings.NewReader(object))
	docs.Flush()
	dlq.Flush()
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(counts)

	var doc map[string]any
	if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
		panic(err)
	}
	get := func(path string) any {
		var v any = doc
		for _, k := range strings.Split(path, ".") {
			v = v.(map[string]any)[k]
		}
		return v
	}
	for _, path := range []string{"@timestamp", "event.dataset", "event.action", "event.category", "event.outcome", "event.reason",
		"user.name", "user.domain", "source.ip", "source.geo.city_name", "okta.debug_context.debug_data"} {
		b, _ := json.Marshal(get(path))
		fmt.Printf("%s: %s\n", path, b)
	}
	var dl struct {
		Record int64
		Reason string
	}
	if err := json.Unmarshal([]byte(dead.String()), &dl); err != nil {
		panic(err)
	}
	fmt.Printf("dead letter: record %d: %s\n", dl.Record, dl.Reason)
	// Output:
	// read 2, indexed 1, excluded 0, dead-lettered 1, retried 0
	// @timestamp: "2026-11-27T10:00:03.412Z"
	// event.dataset: "okta.system"
	// event.action: "user.session.start"
	// event.category: ["authentication","session"]
	// event.outcome: "failure"
	// event.reason: "INVALID_CREDENTIALS"
	// user.name: "alice@example.com"
	// user.domain: "example.com"
	// source.ip: "203.0.113.24"
	// source.geo.city_name: "Tokyo"
	// okta.debug_context.debug_data: {"request_uri":"/idp/idx/identify","threat_suspected":"false"}
	// dead letter: record 2: published is missing: an Okta System Log event has its time there
}
