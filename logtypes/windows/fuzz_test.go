package windows_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/windows"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds single events to Normalize, seeded with the event
// XML samples of parser/winevent: whatever the bytes, it returns an error
// or a document that ECS and the vendor schema accept.
func FuzzNormalize(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "parser", "winevent", "testdata", "*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(event("4688", "2026-11-27T10:00:00Z", "NewProcessId=0x1e4c", "CommandLine=\"a b\" c", "ProcessId=0xffffffffff")))
	f.Add([]byte(event("5156", "2026-11-27T10:00:00Z", "SourceAddress=::ffff:10.0.0.1", "SourcePort=443", "DestAddress=fe80::1%3", "Protocol=17", "Direction=%%14593", "ProcessID=4")))
	f.Add([]byte(security("5157", auditFailure, "Direction=%%14592", "SourceAddress=10.0.1.25", "SourcePort=3389", "DestAddress=198.51.100.201", "DestPort=61500", "Protocol=6")))
	f.Add([]byte(rawEvent("Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", "3", "0x8000000000000000",
		eventData("Protocol=udp", "SourceIp=2001:db8::1", "SourcePort=53", "DestinationIp=10.0.0.1", "DestinationPort=5353", "Hashes=MD5=0,SHA1=AB"))))
	f.Add([]byte(event("4728", "2026-11-27T10:00:00Z", `MemberName=CN=a\,b,DC=x`, "TargetSid=S-1-5-32-544", "SubjectUserName=admin")))
	lt := windows.FSx()
	info := lt.Info()
	or, err := lt.Open(siem.Object{Key: keyFSx}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		rec := siem.Record{Record: parser.Record{Data: data, Number: 1}, Object: siem.Object{Key: keyFSx}, Ingested: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
		if err := or.Normalize(rec, &ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid document: %v", err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("document does not validate: %v", err)
		}
	})
}
