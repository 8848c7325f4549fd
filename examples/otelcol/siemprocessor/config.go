package siemprocessor

import (
	"errors"
	"fmt"
	"strings"

	"github.com/siem-go/siem"
)

// FailureAction says what happens to a log record that cannot become an
// ECS document (unparseable, no usable timestamp, unknown type).
type FailureAction string

const (
	// FailureKeep passes the record on unchanged, with the attributes
	// siem.outcome = "dead_letter" and siem.reason, so that a routing
	// connector or filter can send it to a dead-letter destination.
	FailureKeep FailureAction = "keep"
	// FailureDropAndCount removes the record; it is still counted in
	// the dead_lettered metric.
	FailureDropAndCount FailureAction = "drop_and_count"
)

// Config configures the siem processor.
type Config struct {
	// LogType is the registered log type name the records are read as,
	// e.g. "cloudtrail" or "alb". Required unless DetectFromAttribute is
	// set; with both, LogType is used for records that lack the
	// attribute.
	LogType string `mapstructure:"log_type"`
	// DetectFromAttribute names a log record (or resource) attribute
	// holding the S3 key or file path the record came from, e.g.
	// "aws.s3.key" or "log.file.path". The registry's key patterns pick
	// the log type from it.
	DetectFromAttribute string `mapstructure:"detect_from_attribute"`
	// OmitOriginal leaves event.original out of the documents.
	OmitOriginal bool `mapstructure:"omit_original"`
	// OnFailure is "keep" (the default) or "drop_and_count".
	OnFailure FailureAction `mapstructure:"on_failure"`
	// DocumentIDAttribute, when set, names an extra attribute that also
	// receives the document id, such as "elasticsearch.document_id" for
	// the Elasticsearch exporter's logs_dynamic_id setting. The id is
	// always in siem.document_id.
	DocumentIDAttribute string `mapstructure:"document_id_attribute"`
}

// Validate reports the first setting that cannot work, naming it.
func (c *Config) Validate() error {
	switch c.OnFailure {
	case FailureKeep, FailureDropAndCount:
	default:
		return fmt.Errorf("on_failure: %q is not a failure action; use %q or %q", c.OnFailure, FailureKeep, FailureDropAndCount)
	}
	if c.LogType == "" && c.DetectFromAttribute == "" {
		return errors.New("log_type: required unless detect_from_attribute is set; name a registered log type such as \"cloudtrail\", or the attribute that holds the S3 key or file path")
	}
	if strings.TrimSpace(c.DetectFromAttribute) != c.DetectFromAttribute {
		return fmt.Errorf("detect_from_attribute: %q has leading or trailing spaces; attribute names match exactly", c.DetectFromAttribute)
	}
	if c.LogType != "" {
		if _, ok := c.types().Lookup(c.LogType); !ok {
			return fmt.Errorf("log_type: %q is not a registered log type; known types: %s", c.LogType, strings.Join(typeNames(c.types()), ", "))
		}
	}
	if c.DocumentIDAttribute == attrDocumentID {
		return fmt.Errorf("document_id_attribute: %q is always set; name another attribute or leave it empty", attrDocumentID)
	}
	return nil
}

// types is the registry the processor reads with: the SDK's default one,
// filled with every built-in type by the import in factory.go.
func (c *Config) types() *siem.Registry { return siem.Default() }

func typeNames(r *siem.Registry) []string {
	types := r.Types()
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.Info().Name
	}
	return names
}
