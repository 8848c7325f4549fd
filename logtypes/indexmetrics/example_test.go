package indexmetrics_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/parser"
)

func ExampleNormalize() {
	row := `{"@timestamp": "2026-11-27T10:00:03.412853Z", "opensearch": {"cluster": {"id": "kQ7bX2mRTa6nW0pZ4cV8yA", "name": "search-prod"}, ` +
		`"index": {"index_status": "open", "name": "log-aws-cloudtrail-2026-11", "status": "green", "storage_tier": "hot"}, "node": {"id": "Xq3Lb7nPT0mZ2kRwV9sYhA"}, ` +
		`"shard": {"docs": {"count": "6244840"}, "number": "0", "primary": true, "store": {"size_in_bytes": "3292181070"}, "state": "STARTED"}}, ` +
		`"event": {"dataset": "opensearch.shard"}, "metricset": {"name": "shard", "period": 3600000}}`

	var ev ecs.Event
	if err := indexmetrics.Normalize(siem.Record{Record: parser.Record{Data: []byte(row)}}, &ev); err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"@timestamp", "event.kind", "event.dataset", "service.name", "opensearch.index.name", "opensearch.shard.number", "opensearch.shard.docs.count", "opensearch.shard.store.size_in_bytes", "opensearch.metricset.period"} {
		v, _ := ev.Lookup(path)
		fmt.Printf("%s: %s\n", path, v)
	}
	// Output:
	// @timestamp: "2026-11-27T10:00:03.412853Z"
	// event.kind: "metric"
	// event.dataset: "opensearch.shard"
	// service.name: "search-prod"
	// opensearch.index.name: "log-aws-cloudtrail-2026-11"
	// opensearch.shard.number: 0
	// opensearch.shard.docs.count: 6244840
	// opensearch.shard.store.size_in_bytes: 3292181070
	// opensearch.metricset.period: 3600000
}
