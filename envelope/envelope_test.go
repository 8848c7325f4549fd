package envelope_test

import (
	"regexp"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
)

func all() []siem.Envelope {
	return []siem.Envelope{envelope.CloudWatchLogs(), envelope.EventBridge(), envelope.CloudWatchLogsExport(), envelope.FireLens()}
}

// registeredType lists every envelope, which registration checks.
type registeredType struct{ msgType }

func (t registeredType) Info() siem.Info {
	info := t.msgType.Info()
	info.Dataset = "example.msg"
	info.KeyPattern = regexp.MustCompile(`^msgs/`)
	info.SampleKeys = []string{"msgs/2026/11/27/x"}
	return info
}

func TestEnvelopesRegister(t *testing.T) {
	if err := siem.NewRegistry().Register(registeredType{msgType{envs: all()}}); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, env := range all() {
		if names[env.Name()] {
			t.Errorf("name %s twice", env.Name())
		}
		names[env.Name()] = true
		if err := env.Vendor().Validate(); err != nil {
			t.Errorf("%s: %v", env.Name(), err)
		}
	}
}

// TestEnvelopesRejectEachOther checks that no envelope claims another's
// objects, so their order in Info.Envelopes does not matter.
func TestEnvelopesRejectEachOther(t *testing.T) {
	samples := map[string]struct{ key, head string }{
		envelope.NameCloudWatchLogs:       {"firehose/x", payload("DATA_MESSAGE", 1, "x")},
		envelope.NameEventBridge:          {"firehose/x", guardDutyEvent},
		envelope.NameCloudWatchLogsExport: {exportKey, "2026-11-27T10:05:00.000Z x\n"},
		envelope.NameFireLens:             {"firehose/x", flLine("a", "stdout", "x")},
	}
	for _, env := range all() {
		for name, s := range samples {
			if got, want := env.Sniff(s.key, []byte(s.head)), name == env.Name(); got != want {
				t.Errorf("%s.Sniff(sample of %s) = %v", env.Name(), name, got)
			}
		}
	}
}
