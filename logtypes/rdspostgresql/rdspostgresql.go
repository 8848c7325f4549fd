package rdspostgresql

import (
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

const (
	// Name is the registry name of the type.
	Name = "rds-postgresql"
	// Dataset is event.dataset and the vendor namespace.
	Dataset = "aws.rds_postgresql"
)

// recordStart matches the first line of a record in a downloaded log file:
// the reference system's first line pattern (a %t time stamp) or the
// "END OF LOG" marker RDS appends to a downloaded log, a record of its own
// (excluded) so that it does not join the statement before it.
var recordStart = regexp.MustCompile(`^(?:20\d{2}-\d{2}-\d{2}|-+ END OF LOG -+\s*$)`)

var info = siem.Info{
	Name:        Name,
	Description: "Amazon RDS and Aurora PostgreSQL engine logs (log_line_prefix %t:%r:%u@%d:[%p]:, pgaudit), from CloudWatch Logs or downloaded files",
	Dataset:     Dataset,
	// The reference system's pattern.
	KeyPattern: regexp.MustCompile(`[Pp]ostgre`),
	SampleKeys: []string{
		// CloudWatch Logs subscription -> Firehose, with the reference
		// system's rds-postgresql-cwl exporter prefix.
		"AWSLogs/123456789012/RDS/PostgreSQL/eu-west-1/postgresql/2026/11/27/10/siem-rds-postgresql-1-2026-11-27-10-05-00-4f3e2d1c-0b9a-4887-a6b5-c4d3e2f1a0b9",
		// A log file downloaded with DownloadDBLogFilePortion and copied
		// to S3 under its own name.
		"rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	Vendor: siem.VendorSchema{Fields: []siem.VendorField{
		{Path: "query", Type: siem.VendorWildcard},
		{Path: "audit.parameter", Type: siem.VendorWildcard},
		{Path: "audit.statement_id", Type: siem.VendorLong},
		{Path: "audit.substatement_id", Type: siem.VendorLong},
		{Path: "tls_bits", Type: siem.VendorLong},
	}},
}

// New returns the rds-postgresql log type.
func New() siem.LogType { return logType{} }

type logType struct{}

func (logType) Info() siem.Info { return info }

// Open frames a downloaded log file into records: a line starting with a
// date opens one, the lines after it (the rest of a multi-line statement
// or DETAIL) continue it.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	lines, err := multiline.NewReader(r, multiline.Options{Start: recordStart})
	if err != nil {
		return nil, err
	}
	return &objectReader{Reader: lines, origin: originOf(obj.Key)}, nil
}

// OpenMessages takes each CloudWatch Logs message as one record: RDS
// publishes a multi-line entry as one log event.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return &objectReader{Reader: messages, origin: originOf(obj.Key)}, nil
}

type objectReader struct {
	parser.Reader
	origin origin
}

func (o *objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	data := rec.Data
	if red, ok := redacted(data); ok {
		// A password set in SQL is kept nowhere: not in the fields, and
		// not in event.original when the pipeline keeps it.
		data = red
		if ev.Has("event.original") {
			ev.KeywordBytes("event.original", red)
		}
	}
	if err := normalize(data, ev); err != nil {
		return err
	}
	o.origin.write(&rec, ev)
	return nil
}

// origin is what an object's key says: the reference system's exporter
// writes under AWSLogs/<account>/RDS/PostgreSQL/<region>/.
type origin struct {
	account, region string
}

func originOf(key string) origin {
	var o origin
	i := strings.Index(key, "AWSLogs/")
	if i < 0 || i > 0 && key[i-1] != '/' {
		return o
	}
	parts := strings.Split(key[i+len("AWSLogs/"):], "/")
	if len(parts) >= 4 && isAccount(parts[0]) && strings.EqualFold(parts[1], "RDS") && isRegion(parts[3]) {
		o.account, o.region = parts[0], parts[3]
	}
	return o
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var regionRE = regexp.MustCompile(`^[a-z]{2}(?:-[a-z]+)+-\d$`)

func isRegion(s string) bool { return regionRE.MatchString(s) }

// write sets cloud.* from the key and the RDS identifiers from the
// CloudWatch Logs log group and stream.
func (o *origin) write(rec *siem.Record, ev *ecs.Event) {
	if o.region != "" {
		ev.Keyword("cloud.region", o.region)
	}
	if o.account != "" && !ev.Has("cloud.account.id") {
		ev.Keyword("cloud.account.id", o.account)
	}
	if rec.Delivery == nil {
		return
	}
	m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta)
	if !ok {
		return
	}
	kind, id := logGroupID(m.LogGroup)
	switch kind {
	case "instance":
		ev.Keyword("aws.rds_postgresql.instance_identifier", id)
	case "cluster":
		ev.Keyword("aws.rds_postgresql.cluster_identifier", id)
		// Aurora names a cluster's streams <instance>.<n>.
		if inst, _, ok := strings.Cut(m.LogStream, "."); ok {
			ev.Keyword("aws.rds_postgresql.instance_identifier", inst)
		}
	}
}

// logGroupID splits /aws/rds/<instance|cluster>/<id>/<log>.
func logGroupID(group string) (kind, id string) {
	rest, ok := strings.CutPrefix(group, "/aws/rds/")
	if !ok {
		return "", ""
	}
	kind, rest, ok = strings.Cut(rest, "/")
	if !ok || kind != "instance" && kind != "cluster" {
		return "", ""
	}
	id, _, _ = strings.Cut(rest, "/")
	return kind, id
}
