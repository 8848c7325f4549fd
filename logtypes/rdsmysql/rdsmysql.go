package rdsmysql

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

const (
	// Name is the registry name of the type.
	Name = "rds-mysql"
	// Dataset is event.dataset; it is also the vendor namespace.
	Dataset = "aws.rds_mysql"
)

// keys is the reference system's four patterns in one,
// (MySQL|mysql|MariaDB|mariadb).*(audit|general|error|slowquery): it
// claims every key of rds-mysql-audit, -general, -error and -slowquery.
var keys = regexp.MustCompile(`(MySQL|mysql|MariaDB|mariadb).*(audit|general|error|slowquery)`)

var info = siem.Info{
	Name:        Name,
	Description: "Amazon RDS and Aurora MySQL and MariaDB audit, general, error and slow query logs (CloudWatch Logs subscriptions, or the log files)",
	Dataset:     Dataset,
	KeyPattern:  keys,
	SampleKeys: []string{
		// CloudWatch Logs subscription -> Firehose, under the reference
		// system's rds-mysql exporter prefix (one per log).
		"AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz",
		"AWSLogs/123456789012/RDS/MySQL/eu-west-1/slowquery/2026/11/27/10/siem-rds-mysql-slowquery-1-2026-11-27-10-05-00-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e.gz",
		"AWSLogs/123456789012/RDS/MariaDB/us-east-1/error/2026/11/27/10/siem-rds-mariadb-error-1-2026-11-27-10-05-00-3c4d5e6f-7a8b-9c0d-1e2f-3a4b5c6d7e8f.gz",
		// A log file downloaded with aws rds download-db-log-file-portion.
		"rds/mysql/prod-db-1/slowquery/mysql-slowquery.log.12",
		"rds/mariadb/prod-db-2/general/mysql-general.log",
	},
	Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
	Vendor:    vendorSchema,
}

var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	{Path: "query", Type: siem.VendorWildcard},
	{Path: "argument", Type: siem.VendorWildcard},
	{Path: "thread_id", Type: siem.VendorLong},
	{Path: "audit.query_id", Type: siem.VendorLong},
	{Path: "audit.retcode", Type: siem.VendorLong},
	{Path: "slowlog.lock_time_sec", Type: siem.VendorDouble},
	{Path: "slowlog.query_time_sec", Type: siem.VendorDouble},
	{Path: "slowlog.rows_sent", Type: siem.VendorLong},
	{Path: "slowlog.rows_examined", Type: siem.VendorLong},
	{Path: "slowlog.rows_affected", Type: siem.VendorLong},
	{Path: "slowlog.bytes_sent", Type: siem.VendorLong},
	{Path: "slowlog.tmp_tables", Type: siem.VendorLong},
	{Path: "slowlog.tmp_disk_tables", Type: siem.VendorLong},
	{Path: "slowlog.tmp_table_sizes", Type: siem.VendorLong},
	{Path: "slowlog.merge_passes", Type: siem.VendorLong},
	{Path: "slowlog.bytes_received", Type: siem.VendorLong},
	{Path: "slowlog.read_first", Type: siem.VendorLong},
	{Path: "slowlog.read_last", Type: siem.VendorLong},
	{Path: "slowlog.read_key", Type: siem.VendorLong},
	{Path: "slowlog.read_next", Type: siem.VendorLong},
	{Path: "slowlog.read_prev", Type: siem.VendorLong},
	{Path: "slowlog.read_rnd", Type: siem.VendorLong},
	{Path: "slowlog.read_rnd_next", Type: siem.VendorLong},
	{Path: "slowlog.sort_merge_passes", Type: siem.VendorLong},
	{Path: "slowlog.sort_range_count", Type: siem.VendorLong},
	{Path: "slowlog.sort_rows", Type: siem.VendorLong},
	{Path: "slowlog.sort_scan_count", Type: siem.VendorLong},
	{Path: "slowlog.created_tmp_disk_tables", Type: siem.VendorLong},
	{Path: "slowlog.created_tmp_tables", Type: siem.VendorLong},
	{Path: "slowlog.errno", Type: siem.VendorLong},
	{Path: "slowlog.killed", Type: siem.VendorLong},
	{Path: "slowlog.query_cache_hit", Type: siem.VendorBoolean},
	{Path: "slowlog.full_scan", Type: siem.VendorBoolean},
	{Path: "slowlog.full_join", Type: siem.VendorBoolean},
	{Path: "slowlog.tmp_table", Type: siem.VendorBoolean},
	{Path: "slowlog.tmp_table_on_disk", Type: siem.VendorBoolean},
	{Path: "slowlog.filesort", Type: siem.VendorBoolean},
	{Path: "slowlog.filesort_on_disk", Type: siem.VendorBoolean},
	{Path: "slowlog.priority_queue", Type: siem.VendorBoolean},
	{Path: "slowlog.set_timestamp", Type: siem.VendorDate},
}}

// New returns the rds-mysql log type.
func New() siem.LogType { return logType{} }

type logType struct{}

func (logType) Info() siem.Info { return info }

// The four logs, as the last segment of their log group names.
const (
	logUnknown = iota
	logAudit
	logGeneral
	logError
	logSlow
)

var logNames = [...]string{logUnknown: "", logAudit: "audit", logGeneral: "general", logError: "error", logSlow: "slowquery"}

// Record starts of the log files read directly (no envelope).
var (
	auditStart   = regexp.MustCompile(`^(?:\d{8} \d{1,2}:\d{2}:\d{2}|\d{10,19}),`)
	generalStart = regexp.MustCompile(`^(?:\d{4}-\d{2}-\d{2}[T ]\d|\d{6} [ \d]\d:\d{2}:\d{2}\t|\t\t)|^\S.*, Version: |^Tcp port: |^Time +Id +Command`)
	errorStart   = regexp.MustCompile(`^(?:\d{4}-\d{2}-\d{2}[T ]\d|\d{6} [ \d]\d:\d{2}:\d{2} )`)
	// slowStart is Elastic's first-line pattern: a "# Time:" line is a
	// record of its own (excluded), as in Elastic's pipeline tests.
	slowStart = regexp.MustCompile(`^# (?:User@Host|Time): |^\S.*, Version: |^Tcp port: |^Time +Id +Command`)
)

// Open reads a log file as RDS writes it (download-db-log-file-portion):
// which log it is comes from the key.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	var start *regexp.Regexp
	switch k.log {
	case logAudit:
		start = auditStart
	case logGeneral:
		start = generalStart
	case logError:
		start = errorStart
	case logSlow:
		start = slowStart
	default:
		return nil, &siem.NotEventsError{Object: obj, Type: Name, Reason: "the key names none of the logs audit, general, error or slowquery"}
	}
	recs, err := multiline.NewReader(r, multiline.Options{Start: start, MaxRecordBytes: maxRecordBytes})
	if err != nil {
		return nil, err
	}
	return siem.NewObjectReader(recs, func(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, &k) }), nil
}

// maxRecordBytes bounds a record read from a file: CloudWatch Logs caps an
// event at 256 KiB, and a statement longer than 1 MiB is no log line.
const maxRecordBytes = 1 << 20

// OpenMessages reads CloudWatch Logs subscription payloads: each log
// event is one record, and the log group's name says which log it is.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	return siem.NewObjectReader(messages, func(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, &k) }), nil
}

// Normalize maps one record onto ev with nothing known from its object's
// key: the record's log group (CloudWatch Logs) or its content says which
// log it is.
func Normalize(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, &keyInfo{}) }

// keyInfo is what an object key says.
type keyInfo struct {
	account, region string
	log             int
	mariadb         bool
}

var regionPattern = regexp.MustCompile(`(?:^|/)((?:us|ap|ca|eu|il|me|mx|sa|af|cn)-(?:gov-|iso-|isob-)?[a-z]+-[0-9])(?:/|$)`)

// logSegment finds the log's name as a segment of a key, or in a file
// name such as mysql-slowquery.log or audit.log.3.
var logSegment = regexp.MustCompile(`(?:^|[/_.-])(audit|general|error|slowquery)(?:[/_.-]|$)`)

func parseKey(key string) keyInfo {
	var k keyInfo
	if i := strings.Index(key, "AWSLogs/"); i >= 0 && (i == 0 || key[i-1] == '/') {
		rest := key[i+len("AWSLogs/"):]
		if j := strings.IndexByte(rest, '/'); j == 12 && allDigits(rest[:12]) {
			k.account = rest[:12]
		}
		if m := regionPattern.FindStringSubmatch(rest); m != nil {
			k.region = m[1]
		}
	}
	if m := logSegment.FindAllStringSubmatch(key, -1); m != nil {
		k.log = logByName(m[len(m)-1][1])
	}
	k.mariadb = strings.Contains(key, "MariaDB") || strings.Contains(key, "mariadb")
	return k
}

func logByName(s string) int {
	for i, n := range logNames {
		if i != logUnknown && n == s {
			return i
		}
	}
	return logUnknown
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// source is where a record came from: the log, and the DB instance and
// cluster that wrote it.
type source struct {
	log               int
	instance, cluster string
}

// fromLogGroup reads /aws/rds/instance/<db>/<log> and
// /aws/rds/cluster/<cluster>/<log>; in a cluster's group the stream is
// named after the instance that wrote it (the part before the first ".").
func fromLogGroup(group, stream string) source {
	var s source
	rest, ok := strings.CutPrefix(group, "/aws/rds/")
	if !ok {
		return s
	}
	kind, rest, _ := strings.Cut(rest, "/")
	id, log, ok := strings.Cut(rest, "/")
	if !ok || id == "" {
		return s
	}
	s.log = logByName(log)
	switch kind {
	case "instance":
		s.instance = id
	case "cluster":
		s.cluster = id
		if inst, _, _ := strings.Cut(stream, "."); inst != "" {
			s.instance = inst
		}
	}
	return s
}

// sniff tells the log from a record's content, for records whose log
// group and key do not say.
func sniff(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("# Time: ")) || bytes.HasPrefix(b, []byte("# User@Host: ")):
		return logSlow
	case auditStart.Match(b):
		return logAudit
	}
	return logUnknown
}

var errNoLog = errors.New("cannot tell which log (audit, general, error, slowquery) the record is from: neither its log group, nor the object key, nor its content says")

func normalize(rec siem.Record, ev *ecs.Event, k *keyInfo) error {
	var src source
	if rec.Delivery != nil {
		if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
			src = fromLogGroup(m.LogGroup, m.LogStream)
		}
	}
	log := src.log
	if log == logUnknown {
		log = k.log
	}
	if log == logUnknown {
		log = sniff(rec.Data)
	}
	if log == logUnknown {
		return errNoLog
	}
	if len(bytes.TrimSpace(rec.Data)) == 0 {
		return errors.New("empty record")
	}
	var err error
	switch log {
	case logAudit:
		err = normalizeAudit(rec, ev)
	case logGeneral:
		err = normalizeGeneral(rec, ev)
	case logError:
		err = normalizeError(rec, ev)
	case logSlow:
		err = normalizeSlow(rec, ev)
	}
	if err != nil {
		return err
	}
	if !ev.Has("@timestamp") {
		if rec.Delivery == nil || rec.Delivery.Time.IsZero() {
			return errors.New("the record has no time of its own and came in no envelope that stamped it")
		}
		ev.Date("@timestamp", rec.Delivery.Time)
	}
	ev.Keyword("event.kind", "event")
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.service.name", "rds")
	if !ev.Has("cloud.account.id") {
		ev.Keyword("cloud.account.id", k.account)
	}
	ev.Keyword("cloud.region", k.region)
	ev.Keyword("cloud.instance.id", src.instance)
	if k.mariadb {
		ev.Keyword("service.type", "mariadb")
	} else {
		ev.Keyword("service.type", "mysql")
	}
	if src.cluster != "" {
		ev.Keyword("service.name", src.cluster)
	} else {
		ev.Keyword("service.name", src.instance)
	}
	ev.Keyword("service.node.name", src.instance)
	ev.Keyword("aws.rds_mysql.instance_identifier", src.instance)
	ev.Keyword("aws.rds_mysql.cluster_identifier", src.cluster)
	ev.Keyword("aws.rds_mysql.log_type", logNames[log])
	return nil
}

// localUTC reads the zone-less times RDS writes: its servers run in UTC.
func localUTC(layout, s string) (time.Time, bool) {
	t, err := time.ParseInLocation(layout, s, time.UTC)
	return t, err == nil
}
