package msk_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/msk"
	"github.com/siem-go/siem/siemtest"
)

func TestNormalizeParts(t *testing.T) {
	cases := []struct {
		in                             string
		msg, logger, component, errTyp string
	}{
		{"[2026-11-27 10:00:00,000] INFO started (kafka.server.KafkaServer)", "started", "kafka.server.KafkaServer", "", ""},
		{"[2026-11-27 10:00:00,000] INFO [A [nested] b]: x (y) (k.C$)", "x (y)", "k.C$", "A [nested] b", ""},
		{"[2026-11-27 10:00:00,000] WARN no logger here", "no logger here", "", "", ""},
		{"[2026-11-27 10:00:00,000] WARN [C] line one\nline two (k.Z)\nfoo.BarException: boom\n\tat x.y(z)", "line one\nline two", "k.Z", "C", "foo.BarException"},
		{"[2026-11-27 10:00:00,000] ERROR [C] m (k.Z)\n\tat only.frames(here)", "m", "k.Z", "C", ""},
	}
	for _, c := range cases {
		var ev ecs.Event
		if err := msk.Normalize([]byte(c.in), &ev); err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		for path, want := range map[string]string{"message": c.msg, "log.logger": c.logger, "aws.msk.component": c.component, "error.type": c.errTyp} {
			got, _ := ev.LookupString(path)
			if got != want {
				t.Errorf("%q: %s = %q, want %q", c.in, path, got, want)
			}
		}
	}
}

func TestNormalizeErrors(t *testing.T) {
	for _, in := range []string{
		"", "[2026-11-27 10:00:00,000]", "[2026-11-27 10:00:00,000] info lower", "[2026-13-27 10:00:00,000] INFO x (a.B)",
		"garbage before the first record",
	} {
		var ev ecs.Event
		err := msk.Normalize([]byte(in), &ev)
		if err == nil {
			t.Errorf("%q: no error", in)
		} else if !strings.Contains(err.Error(), "want") && !strings.Contains(err.Error(), "bad") {
			t.Errorf("%q: unhelpful error %v", in, err)
		}
	}
}

// Text ahead of the first record is dead-lettered, not glued to it or lost.
func TestLeadingText(t *testing.T) {
	data := []byte("log4j:WARN No appenders could be found\n[2026-11-27 10:00:00,000] INFO started (kafka.server.KafkaServer)\n")
	res := siemtest.Run(t, msk.New(), "AWSLogs/123456789012/KafkaBrokerLogs/us-east-1/c-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-1/2026-11-27-10/Broker-3_10-00_abc.log", data)
	if res.Counts.Indexed != 1 || res.Counts.DeadLettered != 1 {
		t.Fatalf("counts %v, want 1 indexed and 1 dead-lettered", res.Counts)
	}
	for _, want := range []string{`"node":{"name":"Broker-3"}`, `"region":"us-east-1"`, `"cluster":{"name":"c","uuid":"3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-1"}`} {
		if !strings.Contains(string(res.Docs[0].Body), want) {
			t.Errorf("no %s in %s", want, res.Docs[0].Body)
		}
	}
}
