package sink_test

import (
	"context"
	"os"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
)

func ExampleNDJSON() {
	s := sink.NewNDJSON(os.Stdout)
	s.Write(context.Background(), []siem.Document{
		{Body: []byte(`{"event":{"kind":"event"}}`)},
		{Body: []byte(`{"event":{"kind":"alert"}}`)},
	})
	if err := s.Flush(); err != nil { // the write error that stopped the run, if any
		panic(err)
	}
	// Output:
	// {"event":{"kind":"event"}}
	// {"event":{"kind":"alert"}}
}

func ExampleDeadLetters() {
	s := sink.NewDeadLetters(os.Stdout)
	s.DeadLetter(context.Background(), siem.DeadLetter{
		Position: siem.Position{Object: siem.Object{Bucket: "logs", Key: "flow.log"}, Record: 2, Line: 3, Offset: 120},
		Type:     "vpcflow",
		Reason:   `column 6 (srcport): "http" is not a number`,
		Raw:      []byte("2 123456789012 eni-1 10.0.0.1 10.0.0.2 http 443 6 1 40 1 2 ACCEPT OK"),
	})
	s.Flush()
	// Output:
	// {"object":"s3://logs/flow.log","type":"vpcflow","record":2,"line":3,"offset":120,"reason":"column 6 (srcport): \"http\" is not a number","raw":"2 123456789012 eni-1 10.0.0.1 10.0.0.2 http 443 6 1 40 1 2 ACCEPT OK"}
}
