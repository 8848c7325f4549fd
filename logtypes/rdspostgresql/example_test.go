package rdspostgresql_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/rdspostgresql"
)

// Example reads the end of a downloaded RDS PostgreSQL log, a statement
// on two lines and the END OF LOG marker, and prints the ECS document of
// each record. The pipeline adds ecs.version, event.dataset,
// event.original and the document id on top.
func Example() {
	object := "2026-11-27 10:00:04 UTC:10.20.4.17(51544):app_orders@orders:[20931]:LOG:  statement: SELECT id\n" +
		"\tFROM orders;\n" +
		"----------------------- END OF LOG ----------------------\n"
	key := "rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10"

	records, err := rdspostgresql.New().Open(siem.Object{Key: key}, strings.NewReader(object))
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
	// record 1: {"@timestamp":"2026-11-27T10:00:04Z","aws":{"rds_postgresql":{"database_name":"orders","query":"SELECT id\n\tFROM orders;"}},"cloud":{"provider":"aws","service":{"name":"rds"}},"event":{"action":"statement","category":["database"],"kind":"event","type":["info"]},"log":{"level":"LOG"},"message":"statement: SELECT id\n\tFROM orders;","process":{"pid":20931},"related":{"ip":["10.20.4.17"],"user":["app_orders"]},"service":{"type":"postgresql"},"source":{"address":"10.20.4.17","ip":"10.20.4.17","port":51544},"user":{"name":"app_orders"}}
	// record 2: excluded by rule rds-postgresql-end-of-log
}
