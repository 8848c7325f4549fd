package windows_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/windows"
)

// A failed logon as FSx or the CloudWatch agent writes it: the object
// reader frames the event, and Normalize parses and maps it.
func Example() {
	xml := `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
		`<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>` +
		`<EventID>4625</EventID><Version>0</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>` +
		`<Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime='2026-11-27T10:01:40.1182305Z'/>` +
		`<EventRecordID>88212</EventRecordID><Correlation/><Execution ProcessID='712' ThreadID='4120'/>` +
		`<Channel>Security</Channel><Computer>DC01.corp.example.org</Computer><Security/></System>` +
		`<EventData><Data Name='TargetUserSid'>S-1-0-0</Data><Data Name='TargetUserName'>administrator</Data>` +
		`<Data Name='TargetDomainName'>CORP</Data><Data Name='Status'>0xc000006d</Data><Data Name='SubStatus'>0xc000006a</Data>` +
		`<Data Name='LogonType'>3</Data><Data Name='IpAddress'>::ffff:203.0.113.77</Data><Data Name='IpPort'>51724</Data></EventData></Event>`

	lt := windows.Event()
	or, err := lt.Open(siem.Object{Key: "exports/windows/eventlogs/dc01.xml"}, strings.NewReader(xml))
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
			fmt.Println(err)
			return
		}
		for _, path := range []string{"@timestamp", "event.action", "event.category", "event.outcome", "user.name", "source.ip", "source.port", "winlog.logon.type", "winlog.logon.failure.sub_status"} {
			v, _ := ev.Lookup(path)
			fmt.Printf("%s: %s\n", path, v)
		}
		fmt.Println("id:", ev.ID())
	}
	// Output:
	// @timestamp: "2026-11-27T10:01:40.1182305Z"
	// event.action: "logon-failed"
	// event.category: ["authentication"]
	// event.outcome: "failure"
	// user.name: "administrator"
	// source.ip: "203.0.113.77"
	// source.port: 51724
	// winlog.logon.type: "Network"
	// winlog.logon.failure.sub_status: "User logon with misspelled or bad password"
	// id: DC01.corp.example.org|Security|88212
}
