package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Example_replay replays a dead letter whose cause was fixed: a record
// refused while the cluster was down becomes a document again.
func Example_replay() {
	dir, err := os.MkdirTemp("", "siem-replay-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	dead := filepath.Join(dir, "dead.ndjson")
	letter := `{"object":"s3://logs/AWSLogs/123456789012/vpcflowlogs/us-west-2/2026/11/27/x.log.gz","type":"vpcflow","record":2,"line":3,"offset":219,` +
		`"reason":"gave up after 8 attempts: connection refused","raw":"2 123456789012 eni-0e0e0e0e0e0e00001 10.0.9.1 10.0.9.2 40000 80 6 5 500 1795780800 1795780860 ACCEPT OK"}` + "\n"
	if err := os.WriteFile(dead, []byte(letter), 0o644); err != nil {
		panic(err)
	}
	code := run(context.Background(), []string{"replay", "-o", filepath.Join(dir, "docs.ndjson"), dead}, nil, io.Discard, os.Stdout)
	fmt.Println("exit status", code)
	// Output:
	// siem: replayed 1 source: read 1, indexed 1, excluded 0, dead-lettered 0, retried 0
	// exit status 0
}
