package envelope_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/sink"
)

// appLog is a user-defined log type for one application's lines, which
// arrive either as they are or through a CloudWatch Logs subscription
// and Firehose.
type appLog struct{}

func (appLog) Info() siem.Info {
	return siem.Info{
		Name:      "applog",
		Dataset:   "example.app",
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	}
}

func (appLog) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), normalizeApp), nil
}

// OpenMessages takes each message the envelope unwrapped as one record.
func (appLog) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalizeApp), nil
}

func normalizeApp(rec siem.Record, ev *ecs.Event) error {
	// The lines carry no time of their own: the envelope's is the
	// fallback, documented as such.
	t := rec.Ingested
	if rec.Delivery != nil && !rec.Delivery.Time.IsZero() {
		t = rec.Delivery.Time
	}
	ev.Date("@timestamp", t)
	ev.Keyword("event.kind", "event")
	ev.KeywordBytes("message", rec.Data)
	if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok && m.LogGroup == "/app/payments" {
		ev.Keywords("tags", "payments")
	}
	return nil
}

// A Firehose object of two gzipped CloudWatch Logs payloads, a health
// check among them: the envelope is sniffed from the content, each log
// event becomes a document with the envelope's fields, and the control
// message is counted as excluded.
func Example() {
	data := `{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/app/payments","logStream":"web-1",` +
		`"subscriptionFilters":["to-firehose"],"logEvents":[{"id":"37670326805251200781477669690942747782212394134076063744","timestamp":1795773900000,"message":"charge ok"}]}`
	control := `{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],` +
		`"logEvents":[{"id":"","timestamp":1795773900001,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}`
	var obj bytes.Buffer
	for _, p := range []string{data, control} {
		zw := gzip.NewWriter(&obj)
		zw.Write([]byte(p))
		zw.Close()
	}

	docs := sink.NewNDJSON(os.Stdout)
	p, err := siem.NewPipeline(siem.Options{
		Sink:        docs,
		DeadLetters: sink.NewDeadLetters(os.Stderr),
		Workers:     1,
		Now:         func() time.Time { return time.Date(2026, 11, 27, 10, 6, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	counts, err := p.ProcessAs(context.Background(), appLog{}, siem.Object{Key: "app/2026/11/27/10/app-cwl-1-2026-11-27-10-05-00-0a1b2c3d"}, &obj)
	docs.Flush()
	if err != nil {
		panic(err)
	}
	fmt.Println(counts)
	// Output:
	// {"@timestamp":"2026-11-27T10:05:00Z","aws":{"cloudwatch":{"log_group":"/app/payments","log_stream":"web-1","subscription_filters":["to-firehose"]}},"cloud":{"account":{"id":"123456789012"},"provider":"aws"},"ecs":{"version":"9.4.0"},"event":{"created":"2026-11-27T10:05:00Z","dataset":"example.app","id":"37670326805251200781477669690942747782212394134076063744","ingested":"2026-11-27T10:06:00Z","kind":"event","module":"example","original":"charge ok"},"message":"charge ok","tags":["payments"]}
	// read 2, indexed 1, excluded 1 (cloudwatch-logs-control-message 1), dead-lettered 0, retried 0
}
