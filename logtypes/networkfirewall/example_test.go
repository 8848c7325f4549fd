package networkfirewall_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/networkfirewall"
)

// Example reads one alert record of a Network Firewall alert log and prints
// its ECS document. The pipeline adds ecs.version, event.dataset,
// event.original and the document id on top.
func Example() {
	object := `{"firewall_name":"egress-fw","availability_zone":"us-east-1a","event_timestamp":"1795773901","event":{"timestamp":"2026-11-27T10:05:01.337612+0000","flow_id":432112341234123,"event_type":"alert","src_ip":"10.0.1.25","src_port":51254,"dest_ip":"198.51.100.80","dest_port":80,"proto":"TCP","app_proto":"http","alert":{"action":"blocked","signature_id":1000003,"rev":2,"signature":"Block HTTP to unapproved hosts","category":"","severity":3}}}` + "\n"
	key := "AWSLogs/111122223333/network-firewall/alert/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_alert_us-east-1_egress-fw_202611271005_8b7f3c2d.log.gz"

	records, err := networkfirewall.New().Open(siem.Object{Key: key}, strings.NewReader(object))
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
	// record 1: {"@timestamp":"2026-11-27T10:05:01.337612Z","aws":{"networkfirewall":{"app_proto":"http","event_timestamp":"2026-11-27T10:05:01Z","event_type":"alert","flow_id":432112341234123,"proto":"TCP"}},"cloud":{"account":{"id":"111122223333"},"availability_zone":"us-east-1a","provider":"aws","region":"us-east-1"},"destination":{"address":"198.51.100.80","ip":"198.51.100.80","port":80},"event":{"action":"blocked","category":["network","intrusion_detection"],"kind":"alert","severity":3,"type":["connection","denied"]},"network":{"community_id":"1:bbH7v/H8BcxMt5T67ISvXl30C3Y=","iana_number":"6","protocol":"http","transport":"tcp","type":"ipv4"},"observer":{"name":"egress-fw","product":"Network Firewall","type":"firewall","vendor":"AWS"},"related":{"ip":["10.0.1.25","198.51.100.80"]},"rule":{"id":"1000003","name":"Block HTTP to unapproved hosts","version":"2"},"source":{"address":"10.0.1.25","ip":"10.0.1.25","port":51254}}
}
