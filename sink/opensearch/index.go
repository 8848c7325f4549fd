package opensearch

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rotation says how documents are spread over indices.
type Rotation string

const (
	// RotateMonthly appends "-2006-01". It is the default, as in the
	// reference system: one index a month keeps shard sizes reasonable for
	// most accounts without creating many small indices.
	RotateMonthly Rotation = "monthly"
	// RotateNone writes every document of a type to the base name.
	RotateNone Rotation = "none"
	// RotateDaily appends "-2006-01-02".
	RotateDaily Rotation = "daily"
	// RotateWeekly appends the ISO 8601 week-numbering year and week,
	// "-2026-w53": weeks start on Monday and week 1 is the week holding the
	// year's first Thursday, so 2027-01-01 (a Friday) is in 2026-w53 and
	// 2024-12-30 is in 2025-w01. The year is the week's year, never the
	// calendar year, so a week is never split over two indices.
	RotateWeekly Rotation = "weekly"
	// RotateYearly appends "-2006".
	RotateYearly Rotation = "yearly"
	// RotateAlias writes to the base name as a write alias, with op index
	// and ids; the cluster rolls the alias over (ISM policy or a manual
	// _rollover). The alias and its first index must exist before the first
	// write, otherwise OpenSearch creates a plain index of that name.
	RotateAlias Rotation = "alias"
	// RotateDataStream writes to the base name as a data stream, with op
	// create as data streams require. An index template with a
	// data_stream section must match the name before the first write.
	RotateDataStream Rotation = "datastream"
)

// Rotations lists the valid rotations, for flag help. The slice is the
// caller's own.
func Rotations() []Rotation {
	return []Rotation{RotateNone, RotateDaily, RotateWeekly, RotateMonthly, RotateYearly, RotateAlias, RotateDataStream}
}

// ParseRotation returns the rotation named s ("" is monthly).
func ParseRotation(s string) (Rotation, error) {
	if s == "" {
		return RotateMonthly, nil
	}
	rotations := Rotations()
	for _, r := range rotations {
		if string(r) == s {
			return r, nil
		}
	}
	names := make([]string, len(rotations))
	for i, r := range rotations {
		names[i] = string(r)
	}
	return "", fmt.Errorf("unknown index rotation %q; use one of %s", s, strings.Join(names, ", "))
}

// TimeSource says which time chooses a dated index.
type TimeSource string

const (
	// EventTime dates a document by its @timestamp, so re-ingesting an
	// object always reaches the same index and overwrites by id. A document
	// without a timestamp falls back to the ingest time.
	EventTime TimeSource = "event"
	// IngestTime dates a document by when it is written. Re-ingesting an
	// object in a later period writes it again into the later index: the
	// overwrite-by-id guarantee only holds within one index.
	IngestTime TimeSource = "ingest"
)

// IndexConfig chooses the index of each document.
//
// The name is Prefix + base + "-" + Suffix + "-" + date, where base is
// Names[type] or DefaultIndexName(type), the suffix part is left out when
// Suffix is empty and the date part depends on Rotation.
type IndexConfig struct {
	// Names overrides the base name of log types, keyed by type name, and
	// of the routes types send some documents to (siem.Info.Routes), keyed
	// by route.
	Names map[string]string
	// Prefix is put before every base name, e.g. "test-" to keep a trial
	// run apart. Templates installed for "log-aws-*" do not match prefixed
	// names unless they were installed with the same prefix.
	Prefix string
	// Suffix is put after the base name, before any date, e.g. "001".
	Suffix string
	// Rotation is RotateMonthly when empty.
	Rotation Rotation
	// Time is EventTime when empty.
	Time TimeSource
	// Location is the time zone that dates are taken in; nil means UTC.
	Location *time.Location
}

// builtinNames are the reference system's index names for the built-in
// types, so that dashboards and templates written for it keep working.
var builtinNames = map[string]string{
	"cloudtrail": "log-aws-cloudtrail",
	"vpcflow":    "log-aws-vpcflowlogs",
	"alb":        "log-aws-elb",
	"nlb":        "log-aws-elb",
	"clb":        "log-aws-elb",
	// Standard and real-time logs are two types with one index, as in
	// the reference system.
	"cloudfront-realtime": "log-aws-cloudfront",
	"route53resolver":     "log-aws-r53resolver",
	// Hosts, web servers and partners: the reference system's names.
	"linux-secure":  "log-linux-secure",
	"linux-syslog":  "log-linux-os",
	"windows-event": "log-win-event",
	"fsx-windows":   "log-aws-fsx-win",
	"apache-access": "log-web-apache",
	"apache-error":  "log-web-apache",
	"nginx-access":  "log-web-nginx",
	"nginx-error":   "log-web-nginx",
	"okta":          "log-intra-audit-okta",
	"deepsecurity":  "log-deepsecurity",
	// The reference system's names for the remaining types differ from
	// log-aws-<type> only here; index-metrics is a metrics index.
	"opensearch-audit": "log-aws-opensearch",
	"index-metrics":    "metrics-opensearch-index",
	// OCSF events without a known category; the others are routed to
	// log-ocsf-<category> (see DefaultIndexName).
	"securitylake": "log-ocsf",
}

// DefaultIndexName returns the base index name of a log type when
// IndexConfig.Names does not override it: the reference system's name for
// the built-in types (cloudtrail is log-aws-cloudtrail, vpcflow is
// log-aws-vpcflowlogs, alb, nlb and clb share log-aws-elb, route53resolver
// is log-aws-r53resolver, cloudfront-realtime shares log-aws-cloudfront,
// the web servers' access and error logs share log-web-apache and
// log-web-nginx, Linux logs go to log-linux-secure and log-linux-os),
// "log-" followed by the name for the OCSF category routes ("ocsf-audit"
// is log-ocsf-audit), and "log-aws-" followed by the type name for any
// other type. A route (siem.Info.Routes) is named the same way as a type.
func DefaultIndexName(logType string) string {
	if n, ok := builtinNames[logType]; ok {
		return n
	}
	if strings.HasPrefix(logType, "ocsf-") {
		return "log-" + sanitizeIndexPart(logType)
	}
	return "log-aws-" + sanitizeIndexPart(logType)
}

// sanitizeIndexPart lower-cases s and replaces what index names forbid.
func sanitizeIndexPart(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if strings.IndexByte(invalidIndexChars, c) >= 0 {
			b[i] = '-'
		}
	}
	return string(b)
}

const invalidIndexChars = `\/*?"<>| ,#:`

// checkIndexName reports why name cannot be an index, alias or data stream
// name, or nil.
func checkIndexName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("index name is empty")
	case name == "." || name == "..":
		return fmt.Errorf("index name %q is not allowed", name)
	case len(name) > 255-len("-2006-01-02"):
		return fmt.Errorf("index name %q is too long (at most %d bytes before the date)", name, 255-len("-2006-01-02"))
	case strings.ContainsAny(name[:1], "-_+"):
		return fmt.Errorf("index name %q must not start with -, _ or +", name)
	case strings.ToLower(name) != name:
		return fmt.Errorf("index name %q must be lower case", name)
	case strings.ContainsAny(name, invalidIndexChars):
		return fmt.Errorf("index name %q must not contain any of %s", name, invalidIndexChars)
	}
	return nil
}

// namer turns a document's type (or route) and time into its index
// name. Write calls share it: only its cache changes after newNamer.
type namer struct {
	cfg   IndexConfig
	loc   *time.Location
	bases map[string]string // type -> prefix+base+suffix, filled at New for the known types
	// others caches the bases of the other types and routes seen, so
	// that naming a document allocates nothing.
	others sync.Map
}

func newNamer(cfg IndexConfig) (*namer, error) {
	if _, err := ParseRotation(string(cfg.Rotation)); err != nil {
		return nil, err
	}
	if cfg.Rotation == "" {
		cfg.Rotation = RotateMonthly
	}
	switch cfg.Time {
	case "":
		cfg.Time = EventTime
	case EventTime, IngestTime:
	default:
		return nil, fmt.Errorf("unknown index time %q; use %q or %q", cfg.Time, EventTime, IngestTime)
	}
	n := &namer{cfg: cfg, loc: cfg.Location, bases: map[string]string{}}
	if n.loc == nil {
		n.loc = time.UTC
	}
	if cfg.Suffix != "" && strings.ContainsAny(cfg.Suffix, invalidIndexChars) {
		return nil, fmt.Errorf("index suffix %q must not contain any of %s", cfg.Suffix, invalidIndexChars)
	}
	for typ := range builtinNames {
		if err := n.addType(typ); err != nil {
			return nil, err
		}
	}
	for typ := range cfg.Names {
		if err := n.addType(typ); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (n *namer) addType(typ string) error {
	base := n.base(typ)
	if err := checkIndexName(base); err != nil {
		return fmt.Errorf("log type %s: %w", typ, err)
	}
	n.bases[typ] = base
	return nil
}

// base returns prefix + base name + suffix of a type.
func (n *namer) base(typ string) string {
	name, ok := n.cfg.Names[typ]
	if !ok {
		name = DefaultIndexName(typ)
	}
	name = n.cfg.Prefix + name
	if n.cfg.Suffix != "" {
		name += "-" + n.cfg.Suffix
	}
	return name
}

// appendName appends the index of a document of type typ with event time
// ts to dst; ingest is the write's time, used for IngestTime and for
// documents without a timestamp.
func (n *namer) appendName(dst []byte, typ string, ts, ingest time.Time) []byte {
	base, ok := n.bases[typ]
	if !ok {
		if b, ok := n.others.Load(typ); ok {
			base = b.(string)
		} else {
			base = n.base(typ)
			n.others.Store(typ, base)
		}
	}
	dst = append(dst, base...)
	if n.cfg.Time == IngestTime || ts.IsZero() {
		ts = ingest
	}
	return appendDate(dst, n.cfg.Rotation, ts.In(n.loc))
}

// Name returns the index a document of logType with event time ts goes
// to, with ingest as the time of writing. It is what Write uses and lets
// callers and tests see the naming without a cluster.
func (c IndexConfig) Name(logType string, ts, ingest time.Time) (string, error) {
	n, err := newNamer(c)
	if err != nil {
		return "", err
	}
	if err := checkIndexName(n.base(logType)); err != nil {
		return "", err
	}
	return string(n.appendName(nil, logType, ts, ingest)), nil
}

func appendDate(dst []byte, r Rotation, t time.Time) []byte {
	switch r {
	case RotateDaily:
		y, m, d := t.Date()
		dst = appendYear(append(dst, '-'), y)
		dst = append2(append(dst, '-'), int(m))
		return append2(append(dst, '-'), d)
	case RotateWeekly:
		y, w := t.ISOWeek()
		dst = appendYear(append(dst, '-'), y)
		return append2(append(dst, '-', 'w'), w)
	case RotateMonthly:
		y, m, _ := t.Date()
		dst = appendYear(append(dst, '-'), y)
		return append2(append(dst, '-'), int(m))
	case RotateYearly:
		return appendYear(append(dst, '-'), t.Year())
	}
	return dst // none, alias, data stream: the base name itself
}

func appendYear(dst []byte, y int) []byte {
	for p := 1000; p > 1 && y >= 0 && y < p; p /= 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(y), 10)
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}
