package securitylake_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/securitylake"
)

// Example reads an OCSF DNS Activity event written as a JSON line and
// prints its ECS document. The pipeline adds ecs.version, event.dataset,
// event.original and the document id on top.
func Example() {
	object := `{"time":1795773600000,"class_uid":4003,"category_uid":4,"category_name":"Network Activity","activity_id":2,"activity_name":"Response","severity_id":1,` +
		`"cloud":{"provider":"AWS","region":"us-east-1","account":{"uid":"123456789012"}},` +
		`"src_endpoint":{"ip":"10.0.1.25","port":53211},"query":{"hostname":"example.com.","type":"A","class":"IN"},` +
		`"answers":[{"rdata":"192.0.2.10","type":"A","class":"IN","ttl":60}],"rcode":"NoError","rcode_id":0}` + "\n"
	key := "ocsf-json/2026/11/27/dns.json"

	records, err := securitylake.New().Open(siem.Object{Key: key}, strings.NewReader(object))
	if err != nil {
		fmt.Println(err)
		return
	}
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
		if err := records.Normalize(siem.Record{Record: rec}, &ev); err != nil {
			fmt.Printf("record %d: %v\n", rec.Number, err)
			continue
		}
		fmt.Printf("record %d: %s\n", rec.Number, ev.AppendJSON(nil))
	}
	// Output:
	// record 1: {"@timestamp":"2026-11-27T10:00:00Z","aws":{"securitylake":{"activity_id":2,"activity_name":"Response","category":"network","category_name":"Network Activity","category_uid":4,"class_uid":4003,"event":{"time":1795773600000,"class_uid":4003,"category_uid":4,"category_name":"Network Activity","activity_id":2,"activity_name":"Response","severity_id":1,"cloud":{"provider":"AWS","region":"us-east-1","account":{"uid":"123456789012"}},"src_endpoint":{"ip":"10.0.1.25","port":53211},"query":{"hostname":"example.com.","type":"A","class":"IN"},"answers":[{"rdata":"192.0.2.10","type":"A","class":"IN","ttl":60}],"rcode":"NoError","rcode_id":0},"log_type":"ocsf-network-activity","severity_id":1}},"cloud":{"account":{"id":"123456789012"},"provider":"aws","region":"us-east-1"},"dns":{"answers":[{"data":"192.0.2.10","type":"A","class":"IN","ttl":60}],"question":{"class":"IN","name":"example.com","type":"A"},"resolved_ip":["192.0.2.10"],"response_code":"NOERROR","type":"answer"},"event":{"action":"response","category":["network"],"kind":"event","severity":1,"type":["protocol"]},"related":{"hosts":["example.com"],"ip":["10.0.1.25","192.0.2.10"]},"source":{"address":"10.0.1.25","ip":"10.0.1.25","port":53211}}
}
