package elasticache_test

import (
	"fmt"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/elasticache"
)

// Normalize reads a TEXT slow-log line whose command holds commas.
func ExampleNormalize() {
	var ev ecs.Event
	err := elasticache.Normalize([]byte("sessions-0001-001,0001,1795774231,18230,MSET a 1,2 b 3,10.0.21.14:50120,web-api"), &ev)
	fmt.Println(err)
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// <nil>
	// {"@timestamp":"2026-11-27T10:10:31Z","aws":{"elasticache":{"cache_cluster_id":"sessions-0001-001","cache_node_id":"0001","client_name":"web-api","command":"MSET a 1,2 b 3","log_type":"slow-log"}},"event":{"action":"MSET","category":["database"],"duration":18230000,"kind":"event","type":["info"]},"related":{"ip":["10.0.21.14"]},"service":{"name":"sessions-0001-001","node":{"name":"0001"},"type":"redis"},"source":{"address":"10.0.21.14:50120","ip":"10.0.21.14","port":50120}}
}
