package msk_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/msk"
)

// FuzzNormalize checks that any record gives an error or a valid document.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"[2026-11-27 10:05:00,123] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)", "[2026-11-27 10:05:04,888] ERROR [S] Failed authentication with /10.0.12.34 (x) (a.B)\njava.io.IOException: boom\n\tat a.b(C.java:1)", "[2026-11-27 10:05:06,001] INFO ConsumerLag for groupId=g topic=t : SumLag=1 MaxLag=2 TimeLag=3 (k.C)"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := msk.Normalize(data, &ev); err != nil {
			return
		}
		if err := ecs.Validate(ev.AppendJSON(nil), "aws.msk"); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
	})
}
