package clientvpn_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/clientvpn"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	line := `{"connection-log-type":"connection-attempt","connection-attempt-status":"failed","connection-attempt-failure-reason":"authentication-failed","connection-id":"cvpn-connection-0a9b8c7d6e5f40312","client-vpn-endpoint-id":"cvpn-endpoint-0a1b2c3d4e5f60718","transport-protocol":"udp","connection-start-time":"NA","connection-last-update-time":"2026-11-27 10:02:40","client-ip":"NA","device-ip":"198.51.100.7","port":"61022","username":"bob"}`
	var ev ecs.Event
	if err := clientvpn.Normalize(siem.Record{Record: parser.Record{Data: []byte(line)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"@timestamp":"2026-11-27T10:02:40Z","aws":{"clientvpn":{"client_vpn_endpoint_id":"cvpn-endpoint-0a1b2c3d4e5f60718","connection_attempt_status":"failed","connection_id":"cvpn-connection-0a9b8c7d6e5f40312"}},"cloud":{"provider":"aws"},"event":{"action":"connection-attempt","category":["network","session"],"kind":"event","outcome":"failure","reason":"authentication-failed","type":["connection","denied"]},"network":{"transport":"udp","type":"ipv4"},"observer":{"product":"Client VPN","type":"vpn","vendor":"AWS"},"related":{"ip":["198.51.100.7"],"user":["bob"]},"source":{"address":"198.51.100.7","ip":"198.51.100.7","port":61022},"user":{"name":"bob"}}
}
