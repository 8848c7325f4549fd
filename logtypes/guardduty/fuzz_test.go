package guardduty

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single records to Normalize: it must return an
// error or an event that encodes to a valid document, never panic.
func FuzzNormalize(f *testing.F) {
	for _, r := range sampleRecords(f, 20) {
		f.Add(r)
	}
	if data, err := os.ReadFile(filepath.Join(samples, filepath.FromSlash(keyConsole))); err == nil {
		f.Add(data)
	}
	f.Add([]byte(finding(`"service":{"action":{"portProbeAction":{"portProbeDetails":[{"remoteIpDetails":{"ipAddressV6":"2001:db8::1"}}]}}}`)))
	info := New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		ev := &ecs.Event{}
		if err := Normalize(siem.Record{Record: parser.Record{Data: data}}, ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatal(err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
	})
}
