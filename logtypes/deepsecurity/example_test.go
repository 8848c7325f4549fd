package deepsecurity_test

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/deepsecurity"
)

// Example reads a Deep Security agent's intrusion prevention event, as
// rsyslog wrote it, and prints its ECS document. The pipeline adds
// ecs.version, event.dataset, event.module, event.ingested,
// event.original and the document id on top.
func Example() {
	object := `Nov 27 10:01:50 web-07 CEF:0|Trend Micro|Deep Security Agent|20.0.1-21510|1011163|Spring Boot Actuator Directory Traversal Vulnerability (CVE-2021-21234)|8|cn1=1035 cn1Label=Host ID dvchost=web-07.corp.example src=10.20.236.146 dst=10.50.20.41 proto=TCP spt=59425 dpt=8080 act=IDS:Reset` + "\n"
	records, err := deepsecurity.New().Open(siem.Object{Key: "ds_agent/web-07/dsa.log"}, strings.NewReader(object))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The syslog header has no year: it is the one that puts the time
	// closest before the run (or the envelope's delivery time).
	ingested := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for {
		rec, err := records.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		var ev ecs.Event
		if err := records.Normalize(siem.Record{Record: rec, Ingested: ingested}, &ev); err != nil {
			fmt.Printf("record %d: %v\n", rec.Number, err)
			continue
		}
		fmt.Printf("record %d: %s\n", rec.Number, ev.AppendJSON(nil))
	}
	// Output:
	// record 1: {"@timestamp":"2026-11-27T10:01:50Z","destination":{"ip":"10.50.20.41","port":8080},"event":{"action":"IDS:Reset","category":["intrusion_detection","network"],"code":"1011163","kind":"alert","severity":8,"type":["info","allowed"]},"host":{"hostname":"web-07.corp.example","id":"1035","name":"web-07.corp.example"},"log":{"syslog":{"hostname":"web-07"}},"message":"Spring Boot Actuator Directory Traversal Vulnerability (CVE-2021-21234)","network":{"iana_number":"6","transport":"tcp","type":"ipv4"},"observer":{"hostname":"web-07.corp.example","product":"Deep Security Agent","vendor":"Trend Micro","version":"20.0.1-21510"},"related":{"hosts":["web-07.corp.example"],"ip":["10.20.236.146","10.50.20.41"]},"rule":{"id":"1011163","name":"Spring Boot Actuator Directory Traversal Vulnerability (CVE-2021-21234)","ruleset":"Intrusion Prevention"},"source":{"ip":"10.20.236.146","port":59425},"trendmicro":{"deep_security":{"detect_only":true,"module":"intrusion_prevention","name":"Spring Boot Actuator Directory Traversal Vulnerability (CVE-2021-21234)"}},"vulnerability":{"id":["CVE-2021-21234"]}}
}
