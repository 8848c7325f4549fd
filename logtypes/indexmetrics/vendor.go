package indexmetrics

import "github.com/siem-go/siem"

// kind is the JSON shape a field of the rows must have.
type kind uint8

const (
	kKeyword kind = iota
	kLong         // a JSON integer, or a string of digits (_cat APIs answer with strings)
	kBool
	kDate // RFC 3339
)

// field is a documented field of the rows, with its constant path.
type field struct {
	path string
	kind kind
}

// fields are the documented fields under opensearch, by path relative to
// it. Paths are constants: ecs.Event remembers layouts by path identity.
var fields = map[string]field{
	"cluster.id":   {"opensearch.cluster.id", kKeyword},
	"cluster.name": {"opensearch.cluster.name", kKeyword},

	"index.name":             {"opensearch.index.name", kKeyword},
	"index.uuid":             {"opensearch.index.uuid", kKeyword},
	"index.status":           {"opensearch.index.status", kKeyword},
	"index.index_status":     {"opensearch.index.index_status", kKeyword},
	"index.storage_tier":     {"opensearch.index.storage_tier", kKeyword},
	"index.creation.date":    {"opensearch.index.creation.date", kDate},
	"index.start_time":       {"opensearch.index.start_time", kDate},
	"index.end_time":         {"opensearch.index.end_time", kDate},
	"index.shards.total":     {"opensearch.index.shards.total", kLong},
	"index.shards.primaries": {"opensearch.index.shards.primaries", kLong},

	"index.primaries.docs.count":                       {"opensearch.index.primaries.docs.count", kLong},
	"index.primaries.docs.deleted":                     {"opensearch.index.primaries.docs.deleted", kLong},
	"index.primaries.indexing.index_time_in_millis":    {"opensearch.index.primaries.indexing.index_time_in_millis", kLong},
	"index.primaries.indexing.index_total":             {"opensearch.index.primaries.indexing.index_total", kLong},
	"index.primaries.indexing.throttle_time_in_millis": {"opensearch.index.primaries.indexing.throttle_time_in_millis", kLong},
	"index.primaries.merges.total_size_in_bytes":       {"opensearch.index.primaries.merges.total_size_in_bytes", kLong},
	"index.primaries.refresh.total_time_in_millis":     {"opensearch.index.primaries.refresh.total_time_in_millis", kLong},
	"index.primaries.segments.count":                   {"opensearch.index.primaries.segments.count", kLong},
	"index.primaries.store.size_in_bytes":              {"opensearch.index.primaries.store.size_in_bytes", kLong},

	"index.total.docs.count":                             {"opensearch.index.total.docs.count", kLong},
	"index.total.docs.deleted":                           {"opensearch.index.total.docs.deleted", kLong},
	"index.total.fielddata.memory_size_in_bytes":         {"opensearch.index.total.fielddata.memory_size_in_bytes", kLong},
	"index.total.indexing.index_time_in_millis":          {"opensearch.index.total.indexing.index_time_in_millis", kLong},
	"index.total.indexing.index_total":                   {"opensearch.index.total.indexing.index_total", kLong},
	"index.total.indexing.throttle_time_in_millis":       {"opensearch.index.total.indexing.throttle_time_in_millis", kLong},
	"index.total.merges.total_size_in_bytes":             {"opensearch.index.total.merges.total_size_in_bytes", kLong},
	"index.total.refresh.total_time_in_millis":           {"opensearch.index.total.refresh.total_time_in_millis", kLong},
	"index.total.search.query_time_in_millis":            {"opensearch.index.total.search.query_time_in_millis", kLong},
	"index.total.search.query_total":                     {"opensearch.index.total.search.query_total", kLong},
	"index.total.segments.count":                         {"opensearch.index.total.segments.count", kLong},
	"index.total.segments.doc_values_memory_in_bytes":    {"opensearch.index.total.segments.doc_values_memory_in_bytes", kLong},
	"index.total.segments.fixed_bit_set_memory_in_bytes": {"opensearch.index.total.segments.fixed_bit_set_memory_in_bytes", kLong},
	"index.total.segments.index_writer_memory_in_bytes":  {"opensearch.index.total.segments.index_writer_memory_in_bytes", kLong},
	"index.total.segments.memory_in_bytes":               {"opensearch.index.total.segments.memory_in_bytes", kLong},
	"index.total.segments.norms_memory_in_bytes":         {"opensearch.index.total.segments.norms_memory_in_bytes", kLong},
	"index.total.segments.points_memory_in_bytes":        {"opensearch.index.total.segments.points_memory_in_bytes", kLong},
	"index.total.segments.stored_fields_memory_in_bytes": {"opensearch.index.total.segments.stored_fields_memory_in_bytes", kLong},
	"index.total.segments.term_vectors_memory_in_bytes":  {"opensearch.index.total.segments.term_vectors_memory_in_bytes", kLong},
	"index.total.segments.terms_memory_in_bytes":         {"opensearch.index.total.segments.terms_memory_in_bytes", kLong},
	"index.total.segments.version_map_memory_in_bytes":   {"opensearch.index.total.segments.version_map_memory_in_bytes", kLong},
	"index.total.store.size_in_bytes":                    {"opensearch.index.total.store.size_in_bytes", kLong},

	"node.id": {"opensearch.node.id", kKeyword},

	"shard.number":              {"opensearch.shard.number", kLong},
	"shard.primary":             {"opensearch.shard.primary", kBool},
	"shard.state":               {"opensearch.shard.state", kKeyword},
	"shard.docs.count":          {"opensearch.shard.docs.count", kLong},
	"shard.store.size_in_bytes": {"opensearch.shard.store.size_in_bytes", kLong},
	"shard.source_node.name":    {"opensearch.shard.source_node.name", kKeyword},
	"shard.source_node.uuid":    {"opensearch.shard.source_node.uuid", kKeyword},
}

// vendorSchema declares the opensearch fields that are not keywords. The
// harness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Namespace,
	Fields: []siem.VendorField{
		{Path: "index.creation.date", Type: siem.VendorDate},
		{Path: "index.start_time", Type: siem.VendorDate},
		{Path: "index.end_time", Type: siem.VendorDate},
		{Path: "index.shards.total", Type: siem.VendorLong},
		{Path: "index.shards.primaries", Type: siem.VendorLong},
		// Every statistic of _stats: the documented ones and any the
		// exporter adds later, all integers.
		{Path: "index.primaries.*", Type: siem.VendorLong},
		{Path: "index.total.*", Type: siem.VendorLong},
		{Path: "shard.number", Type: siem.VendorLong},
		{Path: "shard.primary", Type: siem.VendorBoolean},
		{Path: "shard.docs.count", Type: siem.VendorLong},
		{Path: "shard.store.size_in_bytes", Type: siem.VendorLong},
		{Path: "metricset.period", Type: siem.VendorLong},
		// Members this package does not know, kept with their path.
		{Path: "other", Type: siem.VendorFlatObject},
	},
}
