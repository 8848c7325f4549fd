package rdsmysql_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/rdsmysql"
	"github.com/siem-go/siem/parser"
)

// An RDS MySQL audit record, recognised by its shape when neither a log
// group nor a key says which log it is from: the statement is unquoted
// and kept whole, and return code 0 is a success.
func Example() {
	line := `20261127 10:05:00,ip-172-31-20-17,app,10.0.12.34,8831,415223,QUERY,shop,'UPDATE orders SET note = \'late, again\' WHERE id = 7',0`
	var ev ecs.Event
	if err := rdsmysql.Normalize(siem.Record{Record: parser.Record{Data: []byte(line)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"@timestamp":"2026-11-27T10:05:00Z","aws":{"rds_mysql":{"audit":{"operation":"QUERY","query_id":415223,"retcode":0},"database":"shop","log_type":"audit","query":"UPDATE orders SET note = 'late, again' WHERE id = 7","thread_id":8831}},"cloud":{"provider":"aws","service":{"name":"rds"}},"event":{"action":"query","category":["database"],"kind":"event","outcome":"success","type":["change"]},"host":{"hostname":"ip-172-31-20-17"},"related":{"ip":["10.0.12.34"],"user":["app"]},"service":{"type":"mysql"},"source":{"address":"10.0.12.34","ip":"10.0.12.34"},"user":{"name":"app"}}
}
