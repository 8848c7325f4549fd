package siem_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/sink"
)

// greetings is a user-defined log type: lines of "<RFC 3339 time> <user>".
// It uses the same public API as the built-in types.
type greetings struct{}

func (greetings) Info() siem.Info {
	return siem.Info{
		Name:        "greetings",
		Description: "who said hello, one per line",
		Dataset:     "example.greetings",
		KeyPattern:  regexp.MustCompile(`/greetings/`),
		SampleKeys:  []string{"logs/greetings/2026-11-26.txt"},
	}
}

func (greetings) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	lines := parser.NewLineReader(r, parser.LineOptions{})
	return siem.NewObjectReader(lines, func(rec siem.Record, ev *ecs.Event) error {
		ts, user, ok := strings.Cut(string(rec.Data), " ")
		if !ok {
			return fmt.Errorf("want \"<time> <user>\", got %q", rec.Data)
		}
		t, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			return fmt.Errorf("bad time: %w", err)
		}
		ev.Date("@timestamp", t)
		ev.Keyword("user.name", user)
		ev.Keyword("event.kind", "event")
		return nil
	}), nil
}

// A pipeline with a custom log type, writing NDJSON to stdout and dead
// letters to a buffer.
func Example() {
	reg := siem.NewRegistry()
	if err := reg.Register(greetings{}); err != nil {
		panic(err)
	}
	docs := sink.NewNDJSON(os.Stdout)
	var dead strings.Builder
	dlq := sink.NewDeadLetters(&dead)
	p, err := siem.NewPipeline(siem.Options{
		Registry:     reg,
		Sink:         docs,
		DeadLetters:  dlq,
		Workers:      1,
		OmitOriginal: true,
		Now:          func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	input := "2026-11-26T10:00:00Z alice\nnot a greeting\n"
	counts, err := p.Process(context.Background(), siem.Object{Key: "logs/greetings/today.txt"}, strings.NewReader(input))
	docs.Flush()
	dlq.Flush()
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(counts)
	fmt.Print(dead.String())
	// Output:
	// {"@timestamp":"2026-11-26T10:00:00Z","ecs":{"version":"9.4.0"},"event":{"dataset":"example.greetings","ingested":"2026-11-27T00:00:00Z","kind":"event","module":"example"},"user":{"name":"alice"}}
	// read 2, indexed 1, excluded 0, dead-lettered 1, retried 0
	// {"object":"logs/greetings/today.txt","type":"greetings","record":2,"line":2,"offset":27,"reason":"bad time: parsing time \"not\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"not\" as \"2006\"","raw":"not a greeting"}
}

// A log shipper feeds records one at a time and commits its offset from
// the acknowledgements: each says which records have settled, so the
// shipper never commits a record that could still be lost.
func ExamplePipeline_OpenStream() {
	var dead strings.Builder
	dlq := sink.NewDeadLetters(&dead)
	p, err := siem.NewPipeline(siem.Options{
		Sink:         sink.NewNDJSON(io.Discard),
		DeadLetters:  dlq,
		Workers:      1,
		BatchRecords: 2,
	})
	if err != nil {
		panic(err)
	}
	var committed int64
	st, err := p.OpenStream(context.Background(), greetings{}, siem.Object{Key: "kafka/greetings/partition-0"}, siem.RunOptions{
		MaxDelay: 200 * time.Millisecond,
		OnAck: func(a siem.Ack) {
			committed = a.Last // the shipper commits its offset here
			fmt.Printf("records %d-%d settled: %v\n", a.First, a.Last, a.Counts)
		},
	})
	if err != nil {
		panic(err)
	}
	for _, line := range []string{"2026-11-26T10:00:00Z alice", "2026-11-26T10:00:01Z bob", "garbled"} {
		if err := st.Add([]byte(line)); err != nil {
			panic(err)
		}
	}
	counts, err := st.Close()
	dlq.Flush()
	fmt.Println(counts, err)
	fmt.Println("committed through record", committed)
	fmt.Print(dead.String())
	// Output:
	// records 1-2 settled: read 2, indexed 2, excluded 0, dead-lettered 0, retried 0
	// records 3-3 settled: read 1, indexed 0, excluded 0, dead-lettered 1, retried 0
	// read 3, indexed 2, excluded 0, dead-lettered 1, retried 0 <nil>
	// committed through record 3
	// {"object":"kafka/greetings/partition-0","type":"greetings","record":3,"offset":52,"reason":"want \"<time> <user>\", got \"garbled\"","raw":"garbled"}
}
