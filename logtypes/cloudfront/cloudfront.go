package cloudfront

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// Dataset is the event.dataset of both types; their vendor fields share
// the aws.cloudfront namespace.
const Dataset = "aws.cloudfront"

var (
	// standardKey matches the file names CloudFront gives standard log
	// files, "<DistributionID>.<YYYY-MM-DD-HH>.<unique id>.gz", after any
	// prefix: the reference system's pattern, with the dot before the
	// unique id escaped and the id's letters in either case (AWS's own
	// examples write it in upper case, real files in lower case).
	standardKey = regexp.MustCompile(`(?:^|/)[0-9A-Z]{12,14}\.20\d{2}-\d{2}-\d{2}-\d{2}\.[0-9A-Za-z]{8,16}\.gz$`)
	// realtimeKey matches the prefix the reference system's deployment
	// gives the Firehose stream that delivers real-time logs to S3:
	// ".../CloudFront/.../realtime/...". Firehose's own file names say
	// nothing about their content, so the prefix is what identifies them.
	realtimeKey = regexp.MustCompile(`(?:^|/)CloudFront/(?:[^/]+/)*realtime/`)
)

// New returns the log type of CloudFront standard logs (access logs):
// the legacy files delivered to S3, and standard logging v2 files in the
// W3C output format.
func New() siem.LogType {
	return &logType{info: siem.Info{
		Name:        "cloudfront",
		Description: "CloudFront standard (access) logs: W3C tab-separated files, legacy and v2, fields named by #Fields",
		Dataset:     Dataset,
		KeyPattern:  standardKey,
		SampleKeys: []string{
			// Legacy delivery to the bucket, with and without a prefix.
			"E2QWRUHAPOMQZL.2026-11-27-10.a1b2c3d4.gz",
			"cloudfront-logs/www.example.com/E2QWRUHAPOMQZL.2026-11-27-10.5f0e9d8c.gz",
			// Standard logging v2 to S3 with the default AWSLogs path.
			"AWSLogs/123456789012/CloudFront/E1PA6795UKMFR9/2026/11/27/10/E1PA6795UKMFR9.2026-11-27-10.0b1c2d3e.gz",
		},
		Vendor: vendorSchema,
	}}
}

// RealtimeOption configures the real-time log type.
type RealtimeOption func(*realtimeConfig)

type realtimeConfig struct{ fields []string }

// RealtimeWithFields sets the field list of the real-time log
// configuration: the fields it selects, in the order CloudFront writes
// them (the order of RealtimeFields, whatever order the configuration
// lists them in). Real-time records carry no header, so a record is read
// by position against this list. Names are those of the configuration
// ("timestamp", "c-ip", "cs-user-agent", ...); names this package does
// not know are kept under aws.cloudfront.fields. An empty list means
// RealtimeFields.
func RealtimeWithFields(fields []string) RealtimeOption {
	return func(c *realtimeConfig) { c.fields = slices.Clone(fields) }
}

// Realtime returns the log type of CloudFront real-time logs, delivered
// through Kinesis Data Streams and Firehose to S3: tab-separated lines
// without a header, holding the fields of the real-time log
// configuration (RealtimeFields unless RealtimeWithFields says otherwise).
func Realtime(opts ...RealtimeOption) siem.LogType {
	var c realtimeConfig
	for _, o := range opts {
		o(&c)
	}
	if len(c.fields) == 0 {
		c.fields = RealtimeFields
	}
	return &logType{
		realtime: true,
		fields:   slices.Clone(c.fields),
		info: siem.Info{
			Name:        "cloudfront-realtime",
			Description: "CloudFront real-time logs delivered by Kinesis Data Streams and Firehose: tab-separated, fields of the real-time log configuration",
			Dataset:     Dataset,
			KeyPattern:  realtimeKey,
			SampleKeys: []string{
				// The reference system's Firehose prefix, with Firehose's
				// date path and file name.
				"AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/cf-realtime-to-s3-1-2026-11-27-10-05-12-4b1c9e2a-6d3f-4a8b-9c0e-2f5a7b8c9d01.gz",
				"firehose/CloudFront/realtime/2026/11/27/10/cf-realtime-to-s3-3-2026-11-27-10-55-00-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
			},
			Vendor: vendorSchema,
		},
	}
}

type logType struct {
	info     siem.Info
	realtime bool
	// fields is the real-time configuration's field list.
	fields []string
}

func (t *logType) Info() siem.Info { return t.info }

// Open frames the object with the W3C reader. A standard log is read
// with the field lists of its #Fields lines; one without them, by AWS's
// documented order for its number of fields. A real-time log is read
// with the configured field list.
func (t *logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	o := &objectReader{realtime: t.realtime, origin: originOf(obj.Key, t.realtime)}
	opt := w3c.Options{}
	if t.realtime {
		opt.Fields = t.fields
	} else {
		o.headerless, o.firstFields = sniffStart(br)
	}
	o.r = w3c.NewReader(br, opt)
	return o, nil
}

// sniffStart reports whether a standard log object starts with data
// rather than a W3C directive (after a byte order mark and blank lines)
// and, if it starts with directives, the list of its first #Fields line
// when that is within the first 4 KiB.
func sniffStart(br *bufio.Reader) (headerless bool, first *w3c.Fields) {
	head, _ := br.Peek(4096)
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '#' {
		return len(head) > 0, nil
	}
	for len(head) > 0 && head[0] == '#' {
		line, rest, complete := bytes.Cut(head, []byte{'\n'})
		if !complete {
			break
		}
		const directive = "#fields:"
		if len(line) > len(directive) && bytes.EqualFold(line[:len(directive)], []byte(directive)) {
			if names := strings.Fields(string(line[len(directive):])); len(names) > 0 {
				first = w3c.NewFields(names...)
			}
			break
		}
		head = bytes.TrimLeft(rest, " \t\r\n")
	}
	return false, first
}

// objectReader frames one object and normalizes its records.
type objectReader struct {
	r        *w3c.Reader
	realtime bool
	// headerless is set for a standard log whose first line is data:
	// lines are then read by AWS's documented order for their number of
	// fields, until a #Fields line names them.
	headerless bool
	// firstFields is the list of the object's first #Fields line, for a
	// line without tabs read before any record told which list is in
	// effect.
	firstFields *w3c.Fields
	origin      origin
	plans       plans
}

// Next returns the next record. A line the W3C reader refuses is read
// anyway in two cases, each with a field list Normalize derives the same
// way (see choose): a standard log line without tabs whose fields,
// split on spaces, are as many as the list in effect or, in a log
// without #Fields, as a documented list (a copy whose tabs became
// spaces); and, in a standard log without #Fields, a line with as many
// fields as a documented list.
func (o *objectReader) Next() (parser.Record, error) {
	rec, err := o.r.Next()
	if err == nil || o.realtime {
		return rec, err
	}
	re, ok := parser.AsRecordError(err)
	if !ok || re.Size != 0 || len(re.Raw) == 0 || re.Raw[0] == '#' {
		return rec, err
	}
	f := o.r.Fields(parser.Record{Number: re.Number})
	tabs := bytes.IndexByte(re.Raw, '\t') >= 0
	if tabs && !(o.headerless && (f == nil || f.Line() == 0)) {
		// A tab-separated line that does not fit the #Fields line in
		// effect (or follows one that could not be read).
		return rec, err
	}
	if _, _, ok := o.choose(re.Raw, f); ok {
		return parser.Record{Data: re.Raw, Number: re.Number, Line: re.Line, Offset: re.Offset, Delivery: re.Delivery}, nil
	}
	switch {
	case o.headerless && (f == nil || f.Line() == 0):
		sep, name := byte('\t'), "tab"
		if !tabs {
			sep, name = ' ', "space"
		}
		re.Reason = fmt.Sprintf("line has %d %s-separated fields and no #Fields line names them: without one, only AWS's documented layouts of 24, 26 and 33 fields can be read",
			bytes.Count(re.Raw, []byte{sep})+1, name)
	case !tabs && bytes.IndexByte(re.Raw, ' ') >= 0:
		if f == nil {
			f = o.firstFields
		}
		if f != nil {
			re.Reason = fmt.Sprintf("line has no tabs; split on spaces it has %d fields, not as many as the field list in effect (%d fields); CloudFront separates fields with tabs and escapes spaces in values, so the line was altered after delivery",
				bytes.Count(re.Raw, []byte{' '})+1, f.Len())
		}
	}
	return rec, re
}

// choose returns the field list and separator of a standard log line,
// given the list f in effect where it was read (nil when none).
func (o *objectReader) choose(line []byte, f *w3c.Fields) (*w3c.Fields, byte, bool) {
	if f == nil && !o.headerless && !o.realtime {
		f = o.firstFields
	}
	tabs := bytes.Count(line, []byte{'\t'}) + 1
	trailing := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\t'; i-- {
		trailing++
	}
	if f != nil && (tabs == f.Len() || tabs > f.Len() && tabs-f.Len() <= trailing) {
		return f, '\t', true
	}
	configured := f == nil || f.Line() == 0
	if o.realtime || !o.headerless || !configured {
		// Only a list from a #Fields line (or the configuration) names
		// the columns; the line does not fit it.
		if tabs == 1 && f != nil && bytes.Count(line, []byte{' '})+1 == f.Len() {
			return f, ' ', true
		}
		return nil, 0, false
	}
	if tabs > 1 {
		if d := documentedStandard(tabs); d != nil {
			return d, '\t', true
		}
		if d := documentedStandard(tabs - trailing); d != nil {
			return d, '\t', true
		}
		return nil, 0, false
	}
	if d := documentedStandard(bytes.Count(line, []byte{' '}) + 1); d != nil {
		return d, ' ', true
	}
	return nil, 0, false
}

// Normalize maps one record.
func (o *objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	f, sep, ok := o.choose(rec.Data, o.r.Fields(rec.Record))
	if !ok {
		return fmt.Errorf("%s: the line fits no field list", o.what())
	}
	var buf [64][]byte
	fields := w3c.Split(rec.Data, sep, buf[:0])
	return normalize(fields, sep, o.plans.get(f), o, ev)
}

func (o *objectReader) what() string {
	if o.realtime {
		return "cloudfront real-time log record"
	}
	return "cloudfront standard log entry"
}

// origin is what an object's key says about all its records.
type origin struct {
	account, distribution string
}

// originOf reads the distribution id (from a standard log's file name,
// or the path segment before "realtime/") and the account (from an
// AWSLogs/<account>/ prefix or an aws-account-id=<account> partition)
// from a key.
func originOf(key string, realtime bool) origin {
	var o origin
	segs := strings.Split(key, "/")
	for i, s := range segs {
		switch {
		case s == "AWSLogs" && i+1 < len(segs) && isAccount(segs[i+1]):
			o.account = segs[i+1]
		case strings.HasPrefix(s, "aws-account-id=") && isAccount(s[len("aws-account-id="):]):
			// A Hive-style partitioned prefix.
			o.account = s[len("aws-account-id="):]
		case realtime && s == "realtime" && i > 0 && isDistributionID(segs[i-1]):
			o.distribution = segs[i-1]
		}
	}
	if realtime {
		return o
	}
	name := key[strings.LastIndexByte(key, '/')+1:]
	if id, _, ok := strings.Cut(name, "."); ok && isDistributionID(id) {
		o.distribution = id
	}
	return o
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isDistributionID reports an id of 12 to 14 upper-case letters and
// digits with at least one letter, such as E2QWRUHAPOMQZL.
func isDistributionID(s string) bool {
	if len(s) < 12 || len(s) > 14 {
		return false
	}
	letter := false
	for _, c := range []byte(s) {
		switch {
		case c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letter
}
