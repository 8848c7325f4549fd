package indexmetrics

import (
	"io"
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "index-metrics"
	// Dataset is the default event.dataset: each row names its own,
	// opensearch.index or opensearch.shard, which wins.
	Dataset = "opensearch.index"
	// Namespace is the vendor namespace the rows are written under.
	Namespace = "opensearch"
)

// keyPattern is the reference system's rule: the folder the index
// metrics exporter writes to,
// AWSLogs/<account>/OpenSearch/metrics/<region>/YYYY/MM/DD/aos_index_metrics_<uuid>.json.gz.
var keyPattern = regexp.MustCompile(`/OpenSearch/metrics/`)

// keyFields reads the account and region of the exporter's keys.
var keyFields = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/OpenSearch/metrics/([a-z]{2}(?:-[a-z]+)+-\d{1,2})/`)

type logType struct{}

// New returns the index metrics type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "OpenSearch index and shard statistics written hourly by the index metrics exporter (gzipped NDJSON)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// The exporter's only way of writing.
			"AWSLogs/123456789012/OpenSearch/metrics/us-east-1/2026/11/27/aos_index_metrics_3f2b9c1d7e4a45b8a6c0d9e8f7a6b5c4.json.gz",
		},
		Vendor: vendorSchema,
	}
}

// Open reads the exporter's rows, one JSON object per line. The account
// and region come from the key.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	var k keyInfo
	if m := keyFields.FindStringSubmatch(obj.Key); m != nil {
		k.account, k.region = m[1], m[2]
	}
	return siem.NewObjectReader(parser.NewJSONValueReader(r, parser.JSONOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, k)
	}), nil
}

// keyInfo is what an object's key says about its rows.
type keyInfo struct {
	account, region string
}

// Normalize maps one row onto ev, without key-derived fields.
func Normalize(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, keyInfo{}) }
