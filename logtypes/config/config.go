package config

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "config"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it (aws.config.*).
	Dataset = "aws.config"
	// RuleStatusNotification is the exclusion rule counted for AWS Config's
	// delivery and evaluation status notifications (history or snapshot
	// delivered, rule evaluation started...), which describe Config's own
	// work, not a resource or a compliance state.
	RuleStatusNotification = "config-status-notification"
)

// keyPattern matches the keys AWS Config delivers to
// (AWSLogs/<account>/Config/<region>/..., with an o-xxxx level for
// organization buckets), the reference system's file-name tokens
// (_ConfigHistory_, _ConfigSnapshot_) and its Firehose prefix for rule
// compliance changes (Config.*Rules, as the reference's s3_key).
var keyPattern = regexp.MustCompile(`(?:^|/)AWSLogs/(?:o-[a-z0-9]{10,32}/)?\d{12}/Config/|_Config(?:History|Snapshot)_|Config.*Rules`)

// keyAccountRegion reads the account and region from a Config key.
var keyAccountRegion = regexp.MustCompile(`(?:^|/)AWSLogs/(?:o-[a-z0-9]{10,32}/)?(\d{12})/Config/([a-z]{2}(?:-[a-z]+)+-\d+)/`)

// snapshotTime reads the snapshot time of a ConfigSnapshot file name.
var snapshotTime = regexp.MustCompile(`_ConfigSnapshot_(\d{8}T\d{6}Z)_([0-9a-fA-F-]{36})`)

// writabilityCheck is the object Config writes to check that it may write
// to the bucket.
const writabilityCheck = "ConfigWritabilityCheckFile"

type logType struct{}

// New returns the AWS Config log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS Config configuration items (history and snapshot files, change notifications) and rule compliance changes (EventBridge events or SNS notifications written by Firehose)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// Direct delivery: history (month and day not zero-padded,
			// the resource type holds "::") and snapshot files.
			"AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigHistory/123456789012_Config_us-east-1_ConfigHistory_AWS::EC2::Instance_20261127T040000Z_20261127T100000Z_1.json.gz",
			"AWSLogs/123456789012/Config/eu-west-1/2026/1/5/ConfigSnapshot/123456789012_Config_eu-west-1_ConfigSnapshot_20260105T120000Z_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json.gz",
			// Organization bucket.
			"AWSLogs/o-a1b2c3d4e5/123456789012/Config/us-east-2/2026/11/27/ConfigHistory/123456789012_Config_us-east-2_ConfigHistory_AWS::IAM::Role_20261127T000000Z_20261127T060000Z_2.json.gz",
			// The full notification of an oversized change.
			"AWSLogs/123456789012/Config/us-west-2/2026/11/27/OversizedChangeNotification/AWS::EC2::Instance/i-0a1b2c3d4e5f60718/123456789012_Config_us-west-2_ChangeNotification_AWS::EC2::Instance_i-0a1b2c3d4e5f60718_20261127T101500Z_0.json.gz",
			// EventBridge rule -> Firehose -> S3 under the reference's
			// ConfigRules prefix (compliance changes) and a Config prefix
			// (configuration item changes); Firehose objects have no
			// extension.
			"AWSLogs/123456789012/ConfigRules/us-east-1/2026/11/27/10/siem-config-rules-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
			"AWSLogs/123456789012/Config/us-east-1/events/2026/11/27/10/siem-config-events-1-2026-11-27-10-15-00-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
		},
		// Compliance changes and configuration item changes matched by an
		// EventBridge rule arrive wrapped; each detail is one message.
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// fileContext is what a key says about the records of its object.
type fileContext struct {
	// kind is "ConfigHistory", "ConfigSnapshot", "ChangeNotification" or
	// "" (a Firehose object, a local file).
	kind            string
	account, region string
	snapshotTime    time.Time
	snapshotID      string
}

func contextOf(key string) fileContext {
	var c fileContext
	switch {
	case strings.Contains(key, "_ConfigHistory_") || strings.Contains(key, "/ConfigHistory/"):
		c.kind = kindHistory
	case strings.Contains(key, "_ConfigSnapshot_") || strings.Contains(key, "/ConfigSnapshot/"):
		c.kind = kindSnapshot
	case strings.Contains(key, "_ChangeNotification_"):
		c.kind = kindChangeNotification
	}
	if m := keyAccountRegion.FindStringSubmatch(key); m != nil {
		c.account, c.region = m[1], m[2]
	}
	if m := snapshotTime.FindStringSubmatch(key); m != nil {
		if t, err := time.Parse("20060102T150405Z", m[1]); err == nil {
			c.snapshotTime = t
		}
		c.snapshotID = m[2]
	}
	return c
}

const (
	kindHistory            = "ConfigHistory"
	kindSnapshot           = "ConfigSnapshot"
	kindChangeNotification = "ChangeNotification"
)

// maxTextDeadLetter bounds the raw bytes kept for an object that is not
// JSON at all.
const maxTextDeadLetter = 64 << 10

func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	if strings.HasSuffix(obj.Key, writabilityCheck) {
		return nil, &siem.NotEventsError{Object: obj, Type: Name, Reason: "AWS Config's bucket writability check file, written when a delivery channel is set up; it holds no configuration items"}
	}
	n := normalizer{ctx: contextOf(obj.Key)}
	br := bufio.NewReaderSize(r, 4096)
	if first, ok := firstByte(br); ok && first != '{' && first != '[' {
		return siem.NewObjectReader(&textReader{r: br}, n.normalize), nil
	}
	records := parser.NewJSONRecordsReader(br, "configurationItems", parser.JSONOptions{})
	return siem.NewObjectReader(records, n.normalize), nil
}

// OpenMessages reads the details an EventBridge envelope unwrapped: each
// is one compliance change or configuration item change.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	n := normalizer{ctx: contextOf(obj.Key)}
	return siem.NewObjectReader(messages, n.normalize), nil
}

// firstByte returns the first byte that is not white space or a UTF-8
// byte order mark, without consuming anything.
func firstByte(br *bufio.Reader) (byte, bool) {
	head, _ := br.Peek(br.Size())
	head = skipBOM(head)
	for _, c := range head {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, true
	}
	return 0, false
}

func skipBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// textReader reports an object that is not JSON (such as the e-mail
// rendering of an oversized change notification) as one record error
// holding its start, instead of one error per line of text.
type textReader struct {
	r    io.Reader
	done bool
}

func (t *textReader) Next() (parser.Record, error) {
	if t.done {
		return parser.Record{}, io.EOF
	}
	t.done = true
	raw, err := io.ReadAll(io.LimitReader(t.r, maxTextDeadLetter))
	if err != nil {
		return parser.Record{}, err
	}
	rest, err := io.Copy(io.Discard, t.r)
	if err != nil {
		return parser.Record{}, err
	}
	re := &parser.RecordError{
		Number: 1, Line: 1,
		Reason: "not an AWS Config file: the object is text, not JSON (Config delivers JSON configuration items and notifications; an e-mail rendering of an SNS notification, such as an oversized configuration item summary, is not a log record)",
		Raw:    raw,
	}
	if rest > 0 {
		re.Size = int64(len(raw)) + rest
	}
	return parser.Record{}, re
}

// describe names a JSON type for messages.
func describe(t fmt.Stringer) string { return t.String() }
