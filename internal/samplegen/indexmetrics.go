package samplegen

import (
	"math/rand/v2"
	"strconv"
)

// IndexMetrics returns n rows of the index metrics exporter, one JSON
// object per line as it writes them (Python's separators), uncompressed,
// of about 450 to 1,400 bytes each: per-index rows of hot, warm, cold and
// closed indices with their _stats statistics, and per-shard rows as
// _cat/shards gives them (numbers as strings), primaries and replicas,
// started, relocating and unassigned.
func IndexMetrics(n int) []byte {
	r := rand.New(rand.NewPCG(0x1d3e, 0x0e7a))
	b := make([]byte, 0, n*900)
	types := []string{"cloudtrail", "vpcflowlogs", "waf", "guardduty", "elb", "cloudfront", "r53resolver", "securityhub"}
	nodes := [][2]string{{"8f2a6c1e0b7d4e93a5c2f1d0e9b8a7c6", "Xq3Lb7nPT0mZ2kRwV9sYhA"}, {"2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e0b", "Pw8Ke2RqS1uH5nYcD4vTgQ"}, {"5d1c9e7a3b2f4c6e8a0b1c2d3e4f5a6b", "Lm4Nb8Vc2Xz6Qw1Er5Ty9A"}}
	num := func(k string, v int64) {
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, `": `...)
		b = strconv.AppendInt(b, v, 10)
	}
	for i := range n {
		hour := i / 500 % 24 // the exporter runs hourly; 500 rows an hour
		b = append(b, `{"@timestamp": "2026-11-27T`...)
		b = append(b, byte('0'+hour/10%3), byte('0'+hour%10))
		b = append(b, `:00:03.412853Z", "opensearch": {"cluster": {"id": "kQ7bX2mRTa6nW0pZ4cV8yA", "name": "search-prod"}, `...)
		month := 1 + r.IntN(11)
		name := "log-aws-" + types[r.IntN(len(types))] + "-2026-" + strconv.Itoa(100 + month)[1:]
		docs := int64(1000 + r.IntN(400000000))
		store := docs * int64(300+r.IntN(400))
		if r.IntN(3) == 0 { // shard row
			node := nodes[r.IntN(len(nodes))]
			state, primary := "STARTED", r.IntN(2) == 0
			switch k := r.IntN(40); {
			case k == 0:
				state = "UNASSIGNED"
			case k == 1:
				state = "RELOCATING"
			case k == 2:
				state = "INITIALIZING"
			}
			b = append(b, `"index": {"index_status": "open", "name": "`...)
			b = append(b, name...)
			b = append(b, `", "status": "green", "storage_tier": "hot"}, `...)
			if state != "UNASSIGNED" {
				b = append(b, `"node": {"id": "`...)
				b = append(b, node[1]...)
				b = append(b, `"}, "shard": {"docs": {"count": "`...)
				b = strconv.AppendInt(b, docs/3, 10)
				b = append(b, `"}, `...)
			} else {
				b = append(b, `"shard": {`...)
			}
			b = append(b, `"number": "`...)
			b = strconv.AppendInt(b, int64(r.IntN(3)), 10)
			b = append(b, `", "primary": `...)
			b = strconv.AppendBool(b, primary)
			if state != "UNASSIGNED" {
				b = append(b, `, "source_node": {"name": "`...)
				b = append(b, node[0]...)
				b = append(b, `", "uuid": "`...)
				b = append(b, node[1]...)
				b = append(b, `"}, "store": {"size_in_bytes": "`...)
				b = strconv.AppendInt(b, store/3, 10)
				b = append(b, `"}`...)
			}
			b = append(b, `, "state": "`...)
			b = append(b, state...)
			b = append(b, `"}}, "event": {"dataset": "opensearch.shard"}, "metricset": {"name": "shard", "period": 3600000}}`+"\n"...)
			continue
		}
		tier := "hot"
		switch k := r.IntN(20); {
		case k < 3:
			tier = "warm"
		case k < 5:
			tier = "cold"
		}
		b = append(b, `"index": {"name": "`...)
		b = append(b, name...)
		b = append(b, `", `...)
		switch tier {
		case "hot":
			b = append(b, `"primaries": {"docs": {`...)
			num("count", docs)
			b = append(b, `}, "indexing": {`...)
			num("index_time_in_millis", docs/50)
			b = append(b, `, `...)
			num("index_total", docs)
			b = append(b, `}, "store": {`...)
			num("size_in_bytes", store)
			b = append(b, `}}, "shards": {"total": 6, "primaries": 3}, "index_status": "open", "status": "green", "total": {"docs": {`...)
			num("count", docs*2)
			b = append(b, `}, "search": {`...)
			num("query_time_in_millis", int64(r.IntN(5000000)))
			b = append(b, `, `...)
			num("query_total", int64(1+r.IntN(100000)))
			b = append(b, `}, "segments": {`...)
			num("count", int64(2+r.IntN(60)))
			b = append(b, `, `...)
			num("index_writer_memory_in_bytes", int64(r.IntN(50000000)))
			b = append(b, `}, "store": {`...)
			num("size_in_bytes", store*2)
			b = append(b, `}}, `...)
		case "warm":
			b = append(b, `"primaries": {"docs": {`...)
			num("count", docs)
			b = append(b, `}, "store": {`...)
			num("size_in_bytes", store)
			b = append(b, `}}, "shards": {"total": 3, "primaries": 3}, "index_status": "open", "status": "green", "total": {"docs": {`...)
			num("count", docs)
			b = append(b, `}, "store": {`...)
			num("size_in_bytes", store)
			b = append(b, `}}, `...)
		case "cold":
			b = append(b, `"index_status": "cold", "status": "green", "total": {"store": {`...)
			num("size_in_bytes", store)
			b = append(b, `}}, "start_time": "2026-`...)
			b = append(b, strconv.Itoa(100 + month)[1:]...)
			b = append(b, `-01T00:00:00Z", "end_time": "2026-`...)
			b = append(b, strconv.Itoa(100 + month)[1:]...)
			b = append(b, `-28T23:59:59.999Z", "uuid": "cQ1wE2rT3yU4iO5pA6sD7f", `...)
		}
		b = append(b, `"creation": {"date": "2026-`...)
		b = append(b, strconv.Itoa(100 + month)[1:]...)
		b = append(b, `-01T00:00:12.345Z"}, "storage_tier": "`...)
		b = append(b, tier...)
		b = append(b, `"}}, "event": {"dataset": "opensearch.index"}, "metricset": {"name": "index", "period": 3600000}}`+"\n"...)
	}
	return b
}
