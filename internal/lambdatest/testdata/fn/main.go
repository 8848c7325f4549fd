// Command fn is the function the lambdatest tests run as a real
// bootstrap. It needs SIEM_TEST_GREETING at start-up and exits with
// status 3 without it, before lambda.Start, as a program whose
// configuration is incomplete does. Each invocation answers with what it
// received and what its context says, unless the event asks it to fail
// ({"fail": "message"}), to outlive its deadline ({"hang": true}), to
// panic ({"panic": "message"}), or to answer with n bytes ({"size": n}).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

type event struct {
	Fail  string `json:"fail"`
	Hang  bool   `json:"hang"`
	Panic string `json:"panic"`
	Size  int    `json:"size"`
}

type answer struct {
	Event        json.RawMessage `json:"event"`
	Greeting     string          `json:"greeting"`
	RequestID    string          `json:"request_id"`
	FunctionARN  string          `json:"function_arn"`
	FunctionName string          `json:"function_name"`
	MemoryMB     int             `json:"memory_mb"`
	Version      string          `json:"version"`
	DeadlineMS   int64           `json:"deadline_ms"`
	TraceID      string          `json:"trace_id"`
	Padding      string          `json:"padding,omitempty"`
}

func main() {
	greeting, ok := os.LookupEnv("SIEM_TEST_GREETING")
	if !ok {
		fmt.Fprintln(os.Stderr, "fn: SIEM_TEST_GREETING is not set; refusing to start")
		os.Exit(3)
	}
	lambda.Start(func(ctx context.Context, raw json.RawMessage) (answer, error) {
		lc, _ := lambdacontext.FromContext(ctx)
		fmt.Fprintf(os.Stderr, "fn: invocation %s\n", lc.AwsRequestID)
		var ev event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return answer{}, fmt.Errorf("fn: event is not a JSON object: %w", err)
		}
		switch {
		case ev.Fail != "":
			return answer{}, errors.New(ev.Fail)
		case ev.Panic != "":
			panic(ev.Panic)
		case ev.Hang:
			<-ctx.Done()
			return answer{}, ctx.Err()
		}
		deadline, _ := ctx.Deadline()
		return answer{
			Event:        raw,
			Greeting:     greeting,
			RequestID:    lc.AwsRequestID,
			FunctionARN:  lc.InvokedFunctionArn,
			FunctionName: lambdacontext.FunctionName,
			MemoryMB:     lambdacontext.MemoryLimitInMB,
			Version:      lambdacontext.FunctionVersion,
			DeadlineMS:   deadline.UnixMilli(),
			TraceID:      os.Getenv("_X_AMZN_TRACE_ID"),
			Padding:      strings.Repeat("x", ev.Size),
		}, nil
	})
}
