package rdsmysql_test

import (
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/logtypes/rdsmysql"
	"github.com/siem-go/siem/parser"
)

// FuzzNormalize feeds one message of each log group to the normalizer:
// it must return an error or a valid event, never panic.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"20261127 10:05:00,ip-1,app,10.0.0.5,7,9,QUERY,shop,'SELECT \\'a,b\\'\\nFROM t',0",
		"1795773905123456,ip-1,app,10.0.0.5,7,9,QUERY,shop,'x',0,SSL",
		"2026-11-27T10:05:30.100200Z\t  311 Connect\tappuser@10.0.12.34 on shop using SSL/TLS",
		"2026-11-27T10:05:20.118402Z 0 [Warning] [MY-010055] [Server] IP address '10.0.60.2' could not be resolved",
		"# Time: 2026-11-27T10:05:02.513870Z\n# User@Host: a[b] @ h [10.0.0.1]  Id: 1\n# Query_time: 3.2  Lock_time: 0.1 Rows_sent: 1  Rows_examined: 2\nuse shop;\nSET timestamp=1795773902;\nSELECT 1;",
		"# User@Host: a[b] @  [10.0.0.1]  Id: 1\n# Query_time: 3.2  Lock_time: 0.1 Rows_sent: 1  Rows_examined: 2 Thread_id: 1 Errno: 1205 Killed: 0 Bytes_received: 5 Read_key: 1 Start: 2026-11-27T10:05:00.000001Z End: 2026-11-27T10:05:03.2Z\n# Filesort: Yes  Priority_queue: No\nSET timestamp=1795773902;\nSELECT 1;",
	} {
		for log := range 4 {
			f.Add(uint8(log), s)
		}
	}
	logs := []string{"audit", "general", "error", "slowquery"}
	f.Fuzz(func(t *testing.T, log uint8, msg string) {
		meta := &envelope.CloudWatchLogsMeta{MessageType: "DATA_MESSAGE", Owner: "123456789012",
			LogGroup: "/aws/rds/instance/db-1/" + logs[int(log)%len(logs)], LogStream: "db-1"}
		rec := siem.Record{Record: parser.Record{Data: []byte(msg), Number: 1,
			Delivery: &parser.Delivery{Envelope: envelope.NameCloudWatchLogs, ID: "1", Time: time.Unix(1795773900, 0), Meta: meta}}}
		var ev ecs.Event
		if err := rdsmysql.Normalize(rec, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("%q: invalid event: %v", msg, err)
		}
		if err := ecs.Validate(ev.AppendJSON(nil), rdsmysql.Dataset); err != nil {
			t.Fatalf("%q: %v", msg, err)
		}
	})
}
