package winevent_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/winevent"
)

func ExampleParse() {
	xml := `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
		`<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>` +
		`<EventID>4625</EventID><Version>0</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>` +
		`<Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime='2024-03-11T08:16:03.0012345Z'/>` +
		`<EventRecordID>1175311</EventRecordID><Correlation/><Execution ProcessID='712' ThreadID='5016'/>` +
		`<Channel>Security</Channel><Computer>DC01.corp.example.org</Computer><Security/></System>` +
		`<EventData><Data Name='TargetUserName'>administrator</Data><Data Name='Status'>0xc000006d</Data>` +
		`<Data Name='SubStatus'>0xc000006a</Data><Data Name='IpAddress'>203.0.113.77</Data></EventData></Event>`

	e, err := winevent.Parse([]byte(xml))
	if err != nil {
		fmt.Println(err)
		return
	}
	s := e.System
	fmt.Println(s.EventID, s.Channel, s.Computer, s.TimeCreated.Format("2006-01-02T15:04:05.9999999Z07:00"))
	if bits, ok := s.KeywordBits(); ok && bits&winevent.KeywordAuditFailure != 0 {
		fmt.Println("audit failure")
	}
	user, _ := e.EventData.Get("TargetUserName")
	status, _ := e.EventData.Get("SubStatus")
	fmt.Println(user, status)
	// Output:
	// 4625 Security DC01.corp.example.org 2024-03-11T08:16:03.0012345Z
	// audit failure
	// administrator 0xc000006a
}

// A payload of several events, as FSx for Windows File Server audit logs
// arrive through Firehose, or a wevtutil export: each event is a record,
// and one that is not well-formed is reported with its position and bytes
// while reading goes on.
func ExampleReader() {
	payload := `<?xml version="1.0" encoding="UTF-8"?>
<Events>
<Event><System><EventID>4663</EventID><Computer>fs1</Computer></System></Event>
<Event><System><EventID>4663< /EventID></System></Event>
<Event><System><EventID>5145</EventID><Computer>fs1</Computer></System></Event>
</Events>`
	r := winevent.NewReader(strings.NewReader(payload), winevent.Options{})
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Printf("dead letter: %v\n  raw: %s\n", re, re.Raw)
			continue
		}
		if err != nil {
			fmt.Println("object failed:", err)
			break
		}
		e := r.Event() // parsed already: no need to Parse(rec.Data) again
		fmt.Printf("record %d (line %d, offset %d): event %d on %s\n", rec.Number, rec.Line, rec.Offset, e.System.EventID, e.System.Computer)
	}
	// Output:
	// record 1 (line 3, offset 48): event 4663 on fs1
	// dead letter: record 2 (line 4): malformed XML: expected element name after < (at byte 29)
	//   raw: <Event><System><EventID>4663< /EventID></System></Event>
	// record 3 (line 5, offset 185): event 5145 on fs1
}
