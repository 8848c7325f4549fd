package vpcflow_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/vpcflow"
)

// Example reads a flow log object in the default format, as delivered to
// S3, and prints the ECS document of its one record. The pipeline adds
// ecs.version, event.dataset, event.original and the document id on top.
func Example() {
	object := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n" +
		"2 123456789012 eni-0a1b2c3d4e5f60001 198.51.100.77 10.0.1.25 51234 22 6 3 180 1795773610 1795773668 REJECT OK\n"
	key := "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz"

	records, err := vpcflow.New().Open(siem.Object{Key: key}, strings.NewReader(object))
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
	// record 1: {"@timestamp":"2026-11-27T10:01:08Z","aws":{"vpcflow":{"account_id":"123456789012","action":"REJECT","interface_id":"eni-0a1b2c3d4e5f60001","log_status":"OK","version":"2"}},"cloud":{"account":{"id":"123456789012"},"provider":"aws","region":"us-east-1"},"destination":{"address":"10.0.1.25","ip":"10.0.1.25","port":22},"event":{"action":"REJECT","category":["network"],"end":"2026-11-27T10:01:08Z","kind":"event","outcome":"failure","start":"2026-11-27T10:00:10Z","type":["connection","denied"]},"network":{"bytes":180,"community_id":"1:uyvBME0RPxAUpqE6YcfNbaMn+Ic=","iana_number":"6","packets":3,"transport":"tcp","type":"ipv4"},"related":{"ip":["198.51.100.77","10.0.1.25"]},"source":{"address":"198.51.100.77","bytes":180,"ip":"198.51.100.77","packets":3,"port":51234}}
}
