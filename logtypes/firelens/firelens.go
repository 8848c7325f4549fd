package firelens

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// Name is the registry name of the type.
const Name = "firelens"

// Dataset is event.dataset of a line no inner normalizer claimed.
const Dataset = "aws.firelens"

// Namespace is the vendor namespace of the type's own fields. It is not
// aws.firelens, which belongs to the FireLens envelope (container stream
// and task definition): one namespace has one schema.
const Namespace = "firelens"

// LineNormalizer normalizes one container log line of a format it knows
// (an Apache access line, an NGINX access line...). It reports
// matched=false, having set nothing on ev, when the line is not in its
// format, so that the next one can be tried; matched=true with a nil
// error when it set the line's fields; and an error (with matched=true)
// when the line is in its format but cannot be normalized, which
// dead-letters the record with that reason. It sets @timestamp from the
// line when the line has a time; the FireLens type falls back to the
// FireLens record time otherwise. It must be safe for concurrent use.
type LineNormalizer func(line []byte, ev *ecs.Event) (matched bool, err error)

// Option configures the type returned by New.
type Option func(*logType)

// Inner adds a normalizer for lines of the format whose ECS dataset is
// dataset (for example "apache.access"), tried after those added before
// it. A line it claims gets event.dataset = dataset, event.module = the
// part of dataset before its first dot, and firelens.format = dataset.
//
// Inner panics when dataset is not a dotted lower-case name or fn is nil:
// both are programming errors, found when the type is built.
func Inner(dataset string, fn LineNormalizer) Option {
	if !datasetPattern.MatchString(dataset) {
		panic(fmt.Sprintf("firelens.Inner: dataset %q is not a dotted lower-case name such as \"apache.access\"", dataset))
	}
	if fn == nil {
		panic("firelens.Inner: nil LineNormalizer for " + dataset)
	}
	module, _, _ := strings.Cut(dataset, ".")
	return func(t *logType) {
		t.inner = append(t.inner, inner{dataset: dataset, module: module, fn: fn})
	}
}

// InnerFor is Inner for the lines of the containers whose name (FireLens
// container_name) containers matches, and no others (nor lines read
// outside the FireLens envelope, which name no container). NGINX and
// Apache write the same combined access format, for example: InnerFor
// sends each container's lines to the right normalizer where Inner would
// give them all to the first.
func InnerFor(containers *regexp.Regexp, dataset string, fn LineNormalizer) Option {
	if containers == nil {
		panic("firelens.InnerFor: nil container pattern for " + dataset)
	}
	add := Inner(dataset, fn)
	return func(t *logType) {
		add(t)
		t.inner[len(t.inner)-1].containers = containers
	}
}

var datasetPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

// Embeds declares the vendor schemas of the fields the Inner normalizers
// write outside ECS (apache.access.*, nginx.access.*), with their
// namespaces, so that those fields are validated and mapped in the
// type's index like its own (siem.Info.Embedded).
func Embeds(schemas ...siem.VendorSchema) Option {
	return func(t *logType) { t.embedded = append(t.embedded, schemas...) }
}

// RouteInner sends the lines the Inner normalizer for dataset claims to
// the index family route (siem.Info.Routes), typically the type that
// reads the format outside containers: the reference system indexes
// Apache container logs with Apache's (route "apache-access"). Lines of a
// dataset without a route stay in the FireLens type's own family.
func RouteInner(dataset, route string) Option {
	return func(t *logType) {
		if t.routes == nil {
			t.routes = map[string]string{}
		}
		t.routes[dataset] = route
	}
}

// ExcludeStderr drops the lines containers wrote to stderr, counted under
// the rule "firelens-stderr". The reference system drops them by default
// (ignore_container_stderr); this type keeps them unless asked.
func ExcludeStderr() Option {
	return func(t *logType) { t.dropStderr = true }
}

// New returns the firelens log type: container logs shipped by FireLens
// (Fluent Bit or Fluentd on Amazon ECS) to S3, each line normalized by the
// first Inner normalizer that claims it, else as a JSON application log or
// a plain line.
func New(opts ...Option) siem.LogType {
	t := &logType{}
	for _, o := range opts {
		o(t)
	}
	for i := range t.inner {
		t.inner[i].route = t.routes[t.inner[i].dataset]
	}
	return t
}

type inner struct {
	dataset, module string
	// route is the index family of the lines fn claims, "" for the
	// type's own.
	route string
	fn    LineNormalizer
	// containers, when set, limits fn to the lines of the containers
	// whose name it matches.
	containers *regexp.Regexp
}

type logType struct {
	inner      []inner
	embedded   []siem.VendorSchema
	routes     map[string]string // by inner dataset
	dropStderr bool
}

var info = siem.Info{
	Name:        Name,
	Description: "container logs shipped by AWS FireLens (Fluent Bit/Fluentd on ECS) to S3, directly or through Firehose; lines normalized by their own format",
	Dataset:     Dataset,
	// The reference system's pattern is "firelens" anywhere in the key,
	// first match wins; here types may not overlap, and the apache and
	// nginx types claim FireLens objects under their own prefixes
	// (fluent-bit-logs/nginx-access/<tag>/...). So this type takes the two
	// layouts that name no format: Fluent Bit's s3 output default,
	// /fluent-bit-logs/$TAG/%Y/%m/%d/%H/%M/%S, where FireLens tags a
	// container's records <container>-firelens-<task id>; and a prefix
	// (of a Firehose stream, or set in s3_key_format) whose directory is
	// named firelens.
	KeyPattern: regexp.MustCompile(`(?:^|/)firelens/|(?:^|/)fluent-bit-logs/[^/]+-firelens-[^/]+/`),
	SampleKeys: []string{
		"fluent-bit-logs/web-firelens-8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5/2026/12/06/17/30/00-objectQ3mX9aLp",
		"firelens/checkout/2026/12/06/17/checkout-firelens-stream-1-2026-12-06-17-30-12-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b.gz",
	},
	Envelopes: []siem.Envelope{envelope.FireLens()},
	Vendor: siem.VendorSchema{Namespace: Namespace, Fields: []siem.VendorField{
		{Path: "json", Type: siem.VendorFlatObject},
		{Path: "json_text", Type: siem.VendorWildcard},
	}},
}

func (t *logType) Info() siem.Info {
	i := info
	i.Embedded = t.embedded
	for _, in := range t.inner {
		if in.route != "" && !slices.Contains(i.Routes, in.route) {
			i.Routes = append(i.Routes, in.route)
		}
	}
	return i
}

// Open reads an object the pipeline found in no envelope. Most are plain
// files of container lines (for example one copied from a container's
// output), read one line per record with no container metadata. But the
// FireLens envelope decides from the object's first 4 KiB, and misses an
// object whose first line has a log longer than that before its container
// members: an object whose first line still looks like a FireLens line
// (see looksFireLens) is read with the FireLens envelope here, and its
// metadata mapped by this type.
func (t *logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	if looksFireLens(head) {
		fl := envelope.FireLens()
		messages, err := fl.Open(obj, br)
		if err != nil {
			return nil, err
		}
		keyTime := KeyTime(obj.Key)
		return siem.NewObjectReader(messages, func(rec siem.Record, ev *ecs.Event) error {
			if rec.Delivery != nil {
				fl.Map(rec.Delivery, ev)
			}
			return t.normalize(rec, ev, keyTime)
		}), nil
	}
	return siem.NewObjectReader(parser.NewLineReader(br, parser.LineOptions{}), t.normalizer(obj)), nil
}

// sniffBytes is how much of an object Open looks at.
const sniffBytes = 64 << 10

// looksFireLens reports whether the first line of head is a JSON object
// with a log member and a container_id, container_name or ecs_task_arn
// member, judged by the members' names alone (the line may be longer
// than head).
func looksFireLens(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if !bytes.Contains(head, []byte(`"log":`)) {
		return false
	}
	for _, k := range []string{`"container_id":`, `"container_name":`, `"ecs_task_arn":`} {
		if bytes.Contains(head, []byte(k)) {
			return true
		}
	}
	return false
}

// OpenMessages reads the container lines the FireLens envelope unwrapped.
func (t *logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, t.normalizer(obj)), nil
}

// normalizer returns the normalization of the records of obj, which
// knows the time obj's key names, if any.
func (t *logType) normalizer(obj siem.Object) siem.NormalizeFunc {
	keyTime := KeyTime(obj.Key)
	return func(rec siem.Record, ev *ecs.Event) error { return t.normalize(rec, ev, keyTime) }
}

var (
	// Fluent Bit's s3 output: .../%Y/%m/%d/%H/%M/%S... by default.
	fluentBitKeyTime = regexp.MustCompile(`/(\d{4})/(\d{2})/(\d{2})/(\d{2})/(\d{2})/(\d{2})(?:[^/\d][^/]*)?$`)
	// Firehose: <stream>-<version>-YYYY-MM-DD-HH-MM-SS-<uuid>[.gz].
	firehoseKeyTime = regexp.MustCompile(`-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?:\.[a-z0-9]+)*$`)
)

// KeyTime returns the time an object's key names, in UTC: the upload
// time Fluent Bit's s3 output writes into its default key format
// (.../%Y/%m/%d/%H/%M/%S-object...) or the delivery time Firehose writes
// into its object names (...-YYYY-MM-DD-HH-MM-SS-<uuid>). It is the zero
// time for any other key, or a date that does not exist.
func KeyTime(key string) time.Time {
	m := firehoseKeyTime.FindStringSubmatch(key)
	if m == nil {
		m = fluentBitKeyTime.FindStringSubmatch(key)
	}
	if m == nil {
		return time.Time{}
	}
	var n [6]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	if t.Month() != time.Month(n[1]) || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}
	}
	return t
}

// Vendor paths.
const (
	pathFormat   = "firelens.format"
	pathJSON     = "firelens.json"
	pathJSONText = "firelens.json_text"
)

// The formats firelens.format names besides the inner datasets.
const (
	formatJSON  = "json"
	formatPlain = "plain"
)

func (t *logType) normalize(rec siem.Record, ev *ecs.Event, keyTime time.Time) error {
	var meta *envelope.FireLensMeta
	var delivered time.Time
	if rec.Delivery != nil {
		meta, _ = rec.Delivery.Meta.(*envelope.FireLensMeta)
		delivered = rec.Delivery.Time
	}
	if t.dropStderr && meta != nil && meta.Source == "stderr" {
		return siem.Exclude("firelens-stderr")
	}
	line := rec.Data
	if len(bytes.TrimSpace(line)) == 0 {
		return siem.Exclude("firelens-blank-line")
	}
	format := ""
	for i := range t.inner {
		in := &t.inner[i]
		if in.containers != nil && (meta == nil || !in.containers.MatchString(meta.ContainerName)) {
			continue
		}
		n := ev.Len()
		matched, err := in.fn(line, ev)
		if err != nil {
			return fmt.Errorf("%s line: %w", in.dataset, err)
		}
		if !matched {
			if ev.Len() != n {
				return fmt.Errorf("internal error: the %s line normalizer set fields but reported no match (please report it with this record)", in.dataset)
			}
			continue
		}
		ev.Keyword("event.dataset", in.dataset)
		ev.Keyword("event.module", in.module)
		if in.route != "" {
			ev.SetRoute(in.route)
		}
		format = in.dataset
		break
	}
	if format == "" {
		format = formatPlain
		if jsonLine(line, ev) {
			format = formatJSON
		} else {
			ev.KeywordBytes("message", trimLine(line))
		}
	}
	ev.Keyword(pathFormat, format)
	if !delivered.IsZero() {
		ev.Date("event.created", delivered)
	}
	if !ev.Has("@timestamp") {
		switch {
		case !delivered.IsZero():
			ev.Date("@timestamp", delivered)
		case !keyTime.IsZero():
			ev.Date("@timestamp", keyTime)
		case !rec.Ingested.IsZero():
			ev.Date("@timestamp", rec.Ingested)
		}
	}
	if !ev.Has("event.kind") {
		ev.Keyword("event.kind", "event")
	}
	return nil
}

// trimLine drops the line terminator and trailing white space a
// container wrote (Fluent Bit keeps a "\r" of a CRLF line).
func trimLine(b []byte) []byte {
	return bytes.TrimRight(b, " \t\r\n")
}
