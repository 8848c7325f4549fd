package cloudhsm

import (
	"bytes"
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
	Name = "cloudhsm"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it.
	Dataset = "aws.cloudhsm"
)

// keyPattern is the reference system's two patterns: /CloudHSM/ (the
// subscription exporter's prefix) and cloudhsm-cwl/ (CloudWatch Logs
// export tasks).
var keyPattern = regexp.MustCompile(`/CloudHSM/|(?:^|/)cloudhsm-cwl/`)

// recordStart is the first line of an audit record. The reference
// system's pattern lacked a backslash (d{2}); this one has it.
var recordStart = regexp.MustCompile(`^[ \t]*Time[ \t]*:[ \t]*\d{2}/\d{2}/\d{2}`)

type logType struct{}

// New returns the cloudhsm log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS CloudHSM audit logs (multi-line records, via CloudWatch Logs subscriptions or export tasks, or as files)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// CloudWatch Logs subscription -> Firehose, under the prefix
			// of the reference system's CloudHSM exporter.
			"AWSLogs/123456789012/CloudHSM/us-east-1/2026/11/27/10/siem-cloudhsm-1-2026-11-27-10-05-00-2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819",
			// A CloudWatch Logs export task (CreateExportTask) writing
			// under cloudhsm-cwl/<account>/<region>/<cluster>/: the
			// stream folder is the HSM.
			"cloudhsm-cwl/123456789012/us-east-1/cluster-2sdq3ftzp6a/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b/hsm-kdnzrbdd5ks/000000.gz",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs(), envelope.CloudWatchLogsExport()},
		Vendor:    vendorSchema,
	}
}

// Open reads an audit log file: records of lines, each starting with a
// "Time:" line, separated by blank lines.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	recs, err := multiline.NewReader(r, multiline.Options{Start: recordStart, MaxLines: maxLines})
	if err != nil {
		return nil, err
	}
	k := parseKey(obj.Key)
	return siem.NewObjectReader(recs, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k)
	}), nil
}

// OpenMessages reads CloudWatch Logs subscription payloads and export
// objects: each log event's message is one audit record; a message that
// holds several (each starting with a "Time:" line) is cut into them.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	return siem.NewObjectReader(&splitter{messages: messages}, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k)
	}), nil
}

// Normalize maps one audit record onto ev with nothing known from its
// object's key.
func Normalize(rec siem.Record, ev *ecs.Event) error { return normalize(rec, ev, &keyInfo{}) }

// maxLines bounds the lines of one record: AWS writes up to about twenty.
const maxLines = 200

// splitter cuts messages holding several records into records, each with
// the message's Delivery.
type splitter struct {
	messages parser.Reader
	rest     []byte
	cur      parser.Record
	number   int64
}

func (s *splitter) Next() (parser.Record, error) {
	if len(s.rest) == 0 {
		rec, err := s.messages.Next()
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				s.number++
				re.Number = s.number
			}
			return rec, err
		}
		s.cur = rec
		s.rest = rec.Data
		if len(s.rest) == 0 {
			s.number++
			rec.Number = s.number
			return rec, nil
		}
	}
	data := s.rest
	s.rest = nil
	// The next line, after the first, that starts a record.
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		if recordStart.Match(data[off:]) {
			s.rest = data[off:]
			data = data[:off-1]
			break
		}
	}
	s.number++
	rec := s.cur
	rec.Data = data
	rec.Number = s.number
	return rec, nil
}

// keyInfo is what an object key says: account and region, and the
// cluster and HSM of an export (the HSM is the export's log stream).
type keyInfo struct {
	account, region, cluster, hsm string
}

var (
	// clusterHSM is the reference system's pattern for export keys.
	clusterHSM    = regexp.MustCompile(`\W(cluster-[1-9a-z]{11})\W.*/(hsm-[1-9a-z]{11})\W`)
	regionPattern = regexp.MustCompile(`(?:^|/)((?:us|ap|ca|eu|il|me|mx|sa|af|cn)-(?:gov-|iso-|isob-)?[a-z]+-[0-9])(?:/|$)`)
	// accountPattern: AWSLogs/<account>/CloudHSM/ or cloudhsm-cwl/<account>/.
	accountPattern = regexp.MustCompile(`(?:^|/)(?:AWSLogs/([0-9]{12})/CloudHSM|cloudhsm-cwl/([0-9]{12}))/`)
)

func parseKey(key string) keyInfo {
	var k keyInfo
	if m := accountPattern.FindStringSubmatch(key); m != nil {
		k.account = m[1] + m[2]
	}
	if m := regionPattern.FindStringSubmatch(key); m != nil {
		k.region = m[1]
	}
	if m := clusterHSM.FindStringSubmatch(key); m != nil {
		k.cluster, k.hsm = m[1], m[2]
	}
	return k
}

// clusterOf reads the cluster from a log group /aws/cloudhsm/<cluster>.
func clusterOf(group string) string {
	const prefix = "/aws/cloudhsm/"
	if !strings.HasPrefix(group, prefix) {
		return ""
	}
	c := group[len(prefix):]
	if i := strings.IndexByte(c, '/'); i >= 0 {
		c = c[:i]
	}
	if !strings.HasPrefix(c, "cluster-") {
		return ""
	}
	return c
}
