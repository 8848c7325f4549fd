// Package indexmetrics is the log type of the rows the index metrics
// exporter writes: hourly statistics of an OpenSearch domain's indices and
// shards, written back to the log bucket so that the SIEM can chart its
// own storage ("OpenSearch Metrics" dashboard).
//
// # What is read
//
// Gzipped NDJSON objects at
// AWSLogs/<account>/OpenSearch/metrics/<region>/YYYY/MM/DD/aos_index_metrics_<uuid>.json.gz
// (the key pattern is the reference system's /OpenSearch/metrics/; the
// account and region come from the key). The reference system indexes the
// type into metrics-opensearch-index-YYYY-MM (monthly rotation, a
// metrics-* index, not log-aws-*).
//
// Each row is one JSON object (Python's json.dumps, so ", " and ": "
// separators; members whose value is absent are left out by the exporter):
//
//	{
//	  "@timestamp": "2026-11-27T10:00:03.412853Z",      required, RFC 3339: the export run's time
//	  "opensearch": {                                     required
//	    "cluster": {"id": "<cluster uuid>", "name": "<domain name>"},
//	    "index": {                                        required: "name"
//	      "name": "log-aws-cloudtrail-2026-11",
//	      "uuid": "...",                                  cold indices
//	      "status": "green|yellow|red",                   health
//	      "index_status": "open|close|cold",
//	      "storage_tier": "hot|warm|cold",
//	      "creation": {"date": "<RFC 3339>"},
//	      "start_time": "<RFC 3339>", "end_time": "<RFC 3339>",   cold indices
//	      "shards": {"total": 6, "primaries": 3},
//	      "primaries": {"docs": {"count", "deleted"}, "indexing": {"index_time_in_millis",
//	                    "index_total", "throttle_time_in_millis"}, "merges": {"total_size_in_bytes"},
//	                    "refresh": {"total_time_in_millis"}, "segments": {"count"},
//	                    "store": {"size_in_bytes"}},
//	      "total": {the same, plus "fielddata": {"memory_size_in_bytes"},
//	                "search": {"query_time_in_millis", "query_total"},
//	                "segments": {"count", "*_memory_in_bytes", "memory_in_bytes"}}
//	    },
//	    "node": {"id": "..."},                            shard rows with a node
//	    "shard": {"number", "primary": true|false, "state": "STARTED|RELOCATING|INITIALIZING|UNASSIGNED",
//	              "docs": {"count"}, "store": {"size_in_bytes"},
//	              "source_node": {"name", "uuid"}}        shard rows only
//	  },
//	  "event": {"dataset": "opensearch.index|opensearch.shard"},
//	  "metricset": {"name": "index|shard", "period": 3600000}   period in milliseconds
//	}
//
// Serverless collections give index rows with docs counts only; warm
// indices copy primaries into total; cold and closed indices have no
// _stats statistics.
//
// # Validation
//
// A row is dead-lettered, with the field and value named, when it is not
// a JSON object, has no @timestamp or one that is not RFC 3339, has no
// opensearch object or no opensearch.index.name, or when a documented
// field has the wrong type: every count, size, time and shard number must
// be an integer of 0 or more, either a JSON number with no fraction or a
// string of digits (_cat/shards answers with strings: they are written as
// numbers), metricset.period more than 0, every statistic under
// opensearch.index.primaries and .total (also ones the exporter may add
// later) an integer (those may be negative: OpenSearch writes -1 for an
// unset segments.max_unsafe_auto_id_timestamp), shard.primary a boolean, the
// dates RFC 3339 (or epoch milliseconds), the names strings, and
// event.dataset opensearch.<name>. A metrics row with a wrong number would
// skew the dashboards' sums silently, so it is not indexed half-read.
// Nulls are absent values. Nothing is excluded.
//
// # Mapping
//
//   - @timestamp: the row's, in UTC.
//   - opensearch.*: the row as it is, numbers as numbers (the vendor schema
//     declares them: longs, the dates, shard.primary boolean).
//   - event.dataset: the row's (opensearch.index or opensearch.shard); a
//     row without one is opensearch.shard when it has a shard object, else
//     opensearch.index (the type's default Dataset). event.module:
//     opensearch.
//   - event.kind: metric; event.category: database; event.type: info.
//   - cloud.provider: aws; cloud.account.id and cloud.region from the key.
//   - service.type: opensearch; service.name: opensearch.cluster.name (the
//     domain).
//   - metricset.name and metricset.period are written as
//     opensearch.metricset.name and opensearch.metricset.period (long,
//     milliseconds). metricset is a Beats field set, not ECS; the vendor
//     namespace keeps the documents valid ECS, and event.dataset already
//     carries the metricset's name for filtering.
//   - Unknown members (at the top level, under event or metricset, or
//     anywhere under opensearch outside the statistics) are kept under
//     opensearch.other (flat_object) with their path, so nothing is lost
//     and no mapping conflicts.
//
// # Document id
//
// Left to the pipeline (a hash of the row): re-ingesting an object
// overwrites its documents, and rows of different runs differ by their
// @timestamp.
//
// # Where we differ, on purpose
//
// There is no Elastic equivalent. From the reference system, which
// indexes the rows unchanged:
//   - metricset.* moves to opensearch.metricset.* (above): dashboards or
//     queries that read metricset.name/period need the new path.
//   - The _cat/shards values the exporter writes as strings (shard number,
//     docs count, store size) become numbers, so that they sum and sort.
//   - cloud.*, service.*, event.kind/category/type and event.module are
//     added; rows with wrong types are dead-lettered instead of being
//     indexed with ignore_malformed dropping the value.
package indexmetrics
