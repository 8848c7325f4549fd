package msk

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

// Dataset is the type's dataset and vendor namespace.
const Dataset = "aws.msk"

// keyPattern is the reference system's pattern: MSK's own S3 layout and
// the prefixes of Firehose deliveries, which must name KafkaBrokerLogs.
var keyPattern = regexp.MustCompile(`KafkaBrokerLogs`)

// recordStart matches the first line of a record (the reference's
// multiline first line).
var recordStart = regexp.MustCompile(`^\[20\d{2}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`)

// keyLayout reads MSK's direct-delivery key:
// AWSLogs/<acct>/KafkaBrokerLogs/<region>/<cluster>-<uuid>/<date>/Broker-<n>_<time>_<hash>.log.gz.
var keyLayout = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/KafkaBrokerLogs/([a-z]{2}(?:-[a-z]+)+-\d)/(?:([A-Za-z0-9-]+?)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\d+)/)?`)

// brokerName finds "Broker-<n>" in a key or a log stream name.
var brokerName = regexp.MustCompile(`(?:^|[/_])Broker-(\d{1,6})(?:_|/|$)`)

// maxRecordBytes bounds one record (a record with a long stack trace
// spans hundreds of lines).
const maxRecordBytes = 1 << 20

// New returns the log type of Amazon MSK broker logs.
func New() siem.LogType { return logType{} }

type logType struct{}

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        "msk",
		Description: "Amazon MSK Kafka broker logs (log4j server.log, multi-line), delivered to S3 directly, by Firehose or through CloudWatch Logs",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// MSK's direct delivery to S3.
			"AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log.gz",
			// MSK's delivery to Firehose, written under a prefix naming the logs.
			"AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/firehose/2026/11/27/10/aws-msk-broker-logs-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz",
			// MSK's delivery to CloudWatch Logs, subscribed through Firehose.
			"AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/cwl/2026/11/27/10/aes-siem-msk-cwl-1-2026-11-27-10-05-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor: siem.VendorSchema{Fields: []siem.VendorField{
			{Path: "consumer_lag.sum_lag", Type: siem.VendorLong},
			{Path: "consumer_lag.max_lag", Type: siem.VendorLong},
			{Path: "consumer_lag.time_lag", Type: siem.VendorLong},
		}},
	}
}

func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	lines, err := multiline.NewReader(r, multiline.Options{Start: recordStart, MaxRecordBytes: maxRecordBytes})
	if err != nil {
		return nil, err
	}
	return siem.NewObjectReader(lines, keyFacts(obj.Key).normalize), nil
}

// OpenMessages joins messages into records: a stack trace arrives as one
// log event per line.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(multiline.JoinMessages(messages, recordStart, maxRecordBytes), keyFacts(obj.Key).normalize), nil
}

// facts is what the object key says about the records' source.
type facts struct {
	account, region, cluster, uuid, broker string
}

func keyFacts(key string) *facts {
	f := &facts{}
	if m := keyLayout.FindStringSubmatch(key); m != nil {
		f.account, f.region, f.cluster, f.uuid = m[1], m[2], m[3], m[4]
	}
	if m := brokerName.FindStringSubmatch(key); m != nil {
		f.broker = m[1]
	}
	return f
}

func (f *facts) normalize(rec siem.Record, ev *ecs.Event) error {
	if err := Normalize(rec.Data, ev); err != nil {
		return err
	}
	broker := f.broker
	if rec.Delivery != nil {
		if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
			if b := brokerName.FindStringSubmatch(m.LogStream); b != nil {
				broker = b[1]
			}
		}
	}
	ev.Keyword("aws.msk.broker_id", broker)
	ev.Keyword("aws.msk.cluster.name", f.cluster)
	ev.Keyword("aws.msk.cluster.uuid", f.uuid)
	ev.Keyword("cloud.account.id", f.account)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", f.region)
	ev.Keyword("cloud.service.name", "kafka")
	ev.Keyword("service.name", f.cluster)
	if broker != "" {
		ev.Keyword("service.node.name", "Broker-"+broker)
	}
	ev.Keyword("service.type", "kafka")
	return nil
}

// errNoHeader is returned for a record that does not start with
// "[<time>] <LEVEL> ".
var errNoHeader = errors.New(`not a broker log record: want "[YYYY-MM-DD hh:mm:ss,mmm] LEVEL message (class)"`)

// Normalize maps one broker log record (its lines joined by "\n") onto
// ev: @timestamp (UTC), log.level, log.logger, message, error.* from a
// stack trace, aws.msk.component and aws.msk.consumer_lag.*.
func Normalize(data []byte, ev *ecs.Event) error {
	s := string(data)
	s = strings.TrimRight(s, "\r\n")
	if len(s) < 27 || s[0] != '[' || s[24] != ']' || s[25] != ' ' {
		return errNoHeader
	}
	ts, err := time.ParseInLocation("2006-01-02 15:04:05,000", s[1:24], time.UTC)
	if err != nil {
		return fmt.Errorf("bad time %q: %w", s[1:24], err)
	}
	if ts.IsZero() {
		// ECS has no way to write Go's zero time; no broker logs it.
		return fmt.Errorf("bad time %q: the first instant of year 1 is no record's time", s[1:24])
	}
	rest := s[26:]
	sp := strings.IndexByte(rest, ' ')
	if sp < 0 {
		sp = len(rest)
	}
	level := rest[:sp]
	if !isLevel(level) {
		return fmt.Errorf("bad log level %q: want an upper-case log4j level", clip(level))
	}
	rest = strings.TrimLeft(rest[sp:], " ")

	msg, logger, trace := splitClass(rest)
	component := ""
	if strings.HasPrefix(msg, "[") {
		if end := closing(msg); end > 0 {
			component = msg[1:end]
			msg = strings.TrimPrefix(msg[end+1:], ":")
			msg = strings.TrimLeft(msg, " ")
		}
	}
	msg = strings.TrimRight(msg, " \r")

	ev.Date("@timestamp", ts)
	ev.Keyword("aws.msk.component", strings.TrimSpace(component))
	setLag(msg, ev)
	if trace != "" {
		etype, emsg := exception(trace)
		ev.Keyword("error.message", emsg)
		ev.Keyword("error.stack_trace", trace)
		ev.Keyword("error.type", etype)
	}
	failedAuth := strings.HasPrefix(msg, "Failed authentication with /")
	if failedAuth {
		ev.Keyword("event.action", "authentication-failed")
		ev.Keywords("event.category", "authentication")
	}
	ev.Keyword("event.kind", "event")
	if failedAuth {
		ev.Keyword("event.outcome", "failure")
	}
	if failedAuth {
		ev.Keywords("event.type", "start")
	} else if level == "ERROR" || level == "FATAL" {
		ev.Keywords("event.type", "error")
	} else {
		ev.Keywords("event.type", "info")
	}
	ev.Keyword("log.level", level)
	ev.Keyword("log.logger", logger)
	ev.Keyword("message", msg)
	if ip, ok := peer(msg); ok {
		ev.IPs("related.ip", ip)
		ev.IP("source.ip", ip)
	}
	return nil
}

// peer reads the client address Kafka's network layer names as
// "with /<ip>" or "from /<ip>" (Selector, SocketServer).
func peer(msg string) (netip.Addr, bool) {
	for _, mark := range []string{" with /", " from /"} {
		i := strings.Index(msg, mark)
		if i < 0 {
			continue
		}
		rest := msg[i+len(mark):]
		end := 0
		for end < len(rest) && (rest[end] >= '0' && rest[end] <= '9' || rest[end] >= 'a' && rest[end] <= 'f' || rest[end] >= 'A' && rest[end] <= 'F' || rest[end] == '.' || rest[end] == ':') {
			end++
		}
		if ip, err := netip.ParseAddr(rest[:end]); err == nil {
			return ip.Unmap(), true
		}
	}
	return netip.Addr{}, false
}

func isLevel(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// splitClass splits a record's text after the level into the message,
// the logger (log4j's "(%c)" closing the message line) and the stack
// trace that follows it. The logger closes the first line that ends in
// " (<name>)"; without one, the whole text is the message.
func splitClass(rest string) (msg, logger, trace string) {
	off := 0
	for off <= len(rest) {
		nl := strings.IndexByte(rest[off:], '\n')
		end := len(rest)
		if nl >= 0 {
			end = off + nl
		}
		line := strings.TrimRight(rest[off:end], "\r")
		if lg, at := loggerAt(line); at >= 0 {
			msg = rest[:off+at]
			logger = lg
			if end < len(rest) {
				trace = strings.TrimRight(rest[end+1:], "\r\n")
			}
			return msg, logger, trace
		}
		if nl < 0 {
			break
		}
		off = end + 1
	}
	return rest, "", ""
}

// loggerAt returns the logger name closing line and the index of the
// " (" before it, or -1.
func loggerAt(line string) (string, int) {
	if !strings.HasSuffix(line, ")") {
		return "", -1
	}
	i := strings.LastIndex(line, " (")
	if i < 0 && strings.HasPrefix(line, "(") {
		i = -1
		name := line[1 : len(line)-1]
		if isLogger(name) {
			return name, 0
		}
		return "", -1
	}
	if i < 0 {
		return "", -1
	}
	name := line[i+2 : len(line)-1]
	if !isLogger(name) {
		return "", -1
	}
	return name, i
}

// isLogger accepts a log4j logger name: a Java class name
// (kafka.log.UnifiedLog$) or a dotted name (state.change.logger).
func isLogger(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '$' || c == '-') {
			return false
		}
	}
	return true
}

// closing returns the index of the "]" closing the "[" at s[0], or -1.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		case '\n':
			return -1
		}
	}
	return -1
}

// exception reads "<class>: <message>" (or "<class>") from the first line
// of a Java stack trace; a first line that names no class gives nothing.
func exception(trace string) (etype, emsg string) {
	line := trace
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	name, m, _ := strings.Cut(line, ": ")
	name = strings.TrimSuffix(name, ":")
	if !isLogger(name) || !strings.Contains(name, ".") {
		return "", ""
	}
	return name, strings.TrimSpace(m)
}

// setLag reads MSK's consumer-lag records, "ConsumerLag for groupId=G
// topic=T : SumLag=N MaxLag=N TimeLag=N", as the reference system does.
func setLag(msg string, ev *ecs.Event) {
	rest, ok := strings.CutPrefix(msg, "ConsumerLag for ")
	if !ok {
		return
	}
	head, tail, ok := strings.Cut(rest, " : ")
	if !ok {
		return
	}
	for f := range strings.FieldsSeq(head) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "groupId":
			ev.Keyword("aws.msk.consumer_lag.group_id", v)
		case "topic":
			ev.Keyword("aws.msk.consumer_lag.topic", v)
		}
	}
	for f := range strings.FieldsSeq(tail) {
		k, v, _ := strings.Cut(f, "=")
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "SumLag":
			ev.Long("aws.msk.consumer_lag.sum_lag", n)
		case "MaxLag":
			ev.Long("aws.msk.consumer_lag.max_lag", n)
		case "TimeLag":
			ev.Long("aws.msk.consumer_lag.time_lag", n)
		}
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
