package elasticache

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// Dataset is the type's dataset and vendor namespace.
const Dataset = "aws.elasticache"

// keyPattern is the reference system's pattern for slow logs,
// (redis|Redis).*(slow|SLOW), widened to the engine log, to Valkey and to
// prefixes naming ElastiCache.
var keyPattern = regexp.MustCompile(`(?:[Rr]edis|REDIS|[Vv]alkey|VALKEY|ElastiCache|elasticache).*(?:[Ss]low|SLOW|[Ee]ngine|ENGINE)`)

// keyAccount and keyRegion read the AWSLogs/<acct>/.../<region>/ layout
// the Firehose prefixes follow.
var (
	keyAccount = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/`)
	keyRegion  = regexp.MustCompile(`/([a-z]{2}(?:-[a-z]+)+-\d)/`)
)

const maxRecordBytes = 1 << 20

// New returns the log type of ElastiCache (Redis OSS, Valkey) slow and
// engine logs.
func New() siem.LogType { return logType{} }

type logType struct{}

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        "elasticache",
		Description: "Amazon ElastiCache (Redis OSS, Valkey) slow logs and engine logs, JSON or TEXT, through Firehose or CloudWatch Logs",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// ElastiCache's Firehose delivery, under a prefix naming the log.
			"AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/aes-siem-elasticache-slow-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz",
			"AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-engine-log/2026/11/27/10/aes-siem-elasticache-engine-1-2026-11-27-10-05-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.gz",
			// ElastiCache's CloudWatch Logs delivery, subscribed through Firehose.
			"AWSLogs/123456789012/ElastiCache/ap-northeast-1/cwl/redis-slow-log/2026/11/27/10/aes-siem-elasticache-cwl-1-2026-11-27-10-05-00-2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
		},
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor: siem.VendorSchema{Fields: []siem.VendorField{
			{Path: "command", Type: siem.VendorWildcard},
			{Path: "slowlog_id", Type: siem.VendorLong},
			{Path: "other", Type: siem.VendorWildcard},
		}},
	}
}

// Open reads an object of JSON records (one per line or back to back, as
// Firehose writes them) or of TEXT lines, told apart by its first byte.
func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	br := bufio.NewReaderSize(r, 4096)
	var recs parser.Reader
	if first, _ := firstByte(br); first == '{' {
		recs = parser.NewJSONValueReader(br, parser.JSONOptions{MaxRecordBytes: maxRecordBytes})
	} else {
		recs = parser.NewLineReader(br, parser.LineOptions{MaxLineBytes: maxRecordBytes})
	}
	return siem.NewObjectReader(recs, keyFacts(obj.Key).normalize), nil
}

func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, keyFacts(obj.Key).normalize), nil
}

// firstByte peeks at the first byte that is not white space.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; n <= br.Size(); n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
		default:
			return c, nil
		}
	}
	return 0, nil
}

type facts struct{ account, region string }

func keyFacts(key string) *facts {
	f := &facts{}
	if m := keyAccount.FindStringSubmatch(key); m != nil {
		f.account = m[1]
	}
	if m := keyRegion.FindStringSubmatch(key); m != nil {
		f.region = m[1]
	}
	return f
}

var parsers fastjson.ParserPool

func (f *facts) normalize(rec siem.Record, ev *ecs.Event) error {
	if err := Normalize(rec.Data, ev); err != nil {
		return err
	}
	ev.Keyword("cloud.account.id", f.account)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", f.region)
	ev.Keyword("cloud.service.name", "elasticache")
	return nil
}

// Normalize maps one slow-log or engine-log record, JSON or TEXT, onto
// ev (without what the object key or envelope says).
func Normalize(data []byte, ev *ecs.Event) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty record")
	}
	if data[0] == '{' {
		p := parsers.Get()
		defer parsers.Put(p)
		v, err := p.ParseBytes(data)
		if err != nil {
			return fmt.Errorf("bad JSON: %w", err)
		}
		o, err := v.Object()
		if err != nil {
			return err
		}
		return normalizeJSON(o, ev)
	}
	if engineText.Match(data) {
		return normalizeEngineText(string(data), ev)
	}
	return normalizeSlowText(string(data), ev)
}

// The members of the two JSON formats.
var known = map[string]bool{
	"CacheClusterId": true, "CacheNodeId": true, "Id": true, "Timestamp": true, "Duration (us)": true,
	"Command": true, "ClientAddress": true, "ClientName": true, "LogLevel": true, "Role": true, "Time": true, "Message": true,
}

func normalizeJSON(o *fastjson.Object, ev *ecs.Event) error {
	str := func(k string) (string, error) {
		v := o.Get(k)
		if v == nil || v.Type() == fastjson.TypeNull {
			return "", nil
		}
		switch v.Type() {
		case fastjson.TypeString:
			b, _ := v.StringBytes()
			return string(b), nil
		case fastjson.TypeNumber:
			return v.String(), nil
		}
		return "", fmt.Errorf("%s is a JSON %s, want a string", k, v.Type())
	}
	cluster, err := str("CacheClusterId")
	if err != nil {
		return err
	}
	node, err := str("CacheNodeId")
	if err != nil {
		return err
	}
	var other []byte
	o.Visit(func(k []byte, v *fastjson.Value) {
		if known[string(k)] {
			return
		}
		if other == nil {
			other = append(other, '{')
		} else {
			other = append(other, ',')
		}
		other = ecs.AppendString(other, string(k))
		other = append(other, ':')
		other = v.MarshalTo(other)
	})
	if other != nil {
		other = append(other, '}')
	}

	if o.Get("LogLevel") != nil || o.Get("Message") != nil || o.Get("Time") != nil {
		tm, err := str("Time")
		if err != nil {
			return err
		}
		ts, err := engineTime(tm)
		if err != nil {
			return err
		}
		level, err := str("LogLevel")
		if err != nil {
			return err
		}
		role, err := str("Role")
		if err != nil {
			return err
		}
		msg, err := str("Message")
		if err != nil {
			return err
		}
		setEngine(ev, ts, cluster, node, role, level, msg, other)
		return nil
	}

	tsv := o.Get("Timestamp")
	if tsv == nil {
		return errors.New("neither a slow-log record (no Timestamp) nor an engine-log record (no Time)")
	}
	ts, err := epoch(tsv)
	if err != nil {
		return err
	}
	var dur int64 = -1
	if d := o.Get("Duration (us)"); d != nil {
		if dur, err = count(d, "Duration (us)"); err != nil {
			return err
		}
	}
	var id int64 = -1
	if d := o.Get("Id"); d != nil {
		if id, err = count(d, "Id"); err != nil {
			return err
		}
	}
	cmd, err := str("Command")
	if err != nil {
		return err
	}
	addr, err := str("ClientAddress")
	if err != nil {
		return err
	}
	name, err := str("ClientName")
	if err != nil {
		return err
	}
	setSlow(ev, slow{ts: ts, cluster: cluster, node: node, id: id, dur: dur, cmd: cmd, addr: addr, name: name, other: other})
	return nil
}

// epoch reads the slow log's Timestamp, in seconds since the epoch.
func epoch(v *fastjson.Value) (time.Time, error) {
	n, err := count(v, "Timestamp")
	if err != nil {
		return time.Time{}, err
	}
	if n > 253402300799 { // 9999-12-31T23:59:59Z
		return time.Time{}, fmt.Errorf("the Timestamp %d is out of range", n)
	}
	return time.Unix(n, 0).UTC(), nil
}

// count reads a non-negative integer, a JSON number or a string of digits.
func count(v *fastjson.Value, k string) (int64, error) {
	var s string
	switch v.Type() {
	case fastjson.TypeNumber:
		s = v.String()
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		s = string(b)
	default:
		return 0, fmt.Errorf("%s is a JSON %s, want a number", k, v.Type())
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a non-negative integer", k, clip(s))
	}
	return n, nil
}

type slow struct {
	ts                             time.Time
	cluster, node, cmd, addr, name string
	id, dur                        int64
	other                          []byte
}

// maxIDPart bounds the cluster and node ids a document id is built from
// (OpenSearch refuses ids over 512 bytes); ElastiCache's own are at most
// 50 and 4 characters.
const maxIDPart = 256

// maxDurationUS keeps event.duration (ns) within an int64.
const maxDurationUS = 1<<63/1000 - 1

func setSlow(ev *ecs.Event, s slow) {
	ev.Date("@timestamp", s.ts)
	ev.Keyword("aws.elasticache.cache_cluster_id", s.cluster)
	ev.Keyword("aws.elasticache.cache_node_id", s.node)
	ev.Keyword("aws.elasticache.client_name", s.name)
	ev.Keyword("aws.elasticache.command", s.cmd)
	ev.Keyword("aws.elasticache.log_type", "slow-log")
	if s.other != nil {
		ev.KeywordBytes("aws.elasticache.other", s.other)
	}
	if s.id >= 0 {
		ev.Long("aws.elasticache.slowlog_id", s.id)
	}
	ev.Keyword("event.action", commandName(s.cmd))
	ev.Keywords("event.category", "database")
	if s.dur >= 0 && s.dur <= maxDurationUS {
		ev.Long("event.duration", s.dur*1000)
	}
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.type", "info")
	ip, port, ok := clientAddr(s.addr)
	if ok {
		ev.IPs("related.ip", ip)
	}
	ev.Keyword("service.name", s.cluster)
	ev.Keyword("service.node.name", s.node)
	ev.Keyword("service.type", "redis")
	ev.Keyword("source.address", s.addr)
	if ok {
		ev.IP("source.ip", ip)
		if port >= 0 {
			ev.Long("source.port", port)
		}
	}
	if s.id >= 0 && s.cluster != "" && len(s.cluster)+len(s.node) <= maxIDPart {
		// The slow log's id is unique per node until the node restarts:
		// with the time it names one entry, so a re-ingested entry
		// overwrites itself.
		ev.SetID(s.cluster + "/" + s.node + "/" + strconv.FormatInt(s.id, 10) + "/" + strconv.FormatInt(s.ts.Unix(), 10))
	}
}

// commandName is the command's first word, as logged (GET, HSET).
func commandName(cmd string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(cmd), " ")
	if name == "..." || len(name) > 64 {
		return ""
	}
	return name
}

// clientAddr splits "ip:port" or "[ipv6]:port"; a Unix socket path or
// anything else gives ok false.
func clientAddr(s string) (netip.Addr, int64, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), int64(ap.Port()), true
	}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if ip, err := netip.ParseAddr(s[:i]); err == nil && ip.Zone() == "" {
			if p, err := strconv.ParseUint(s[i+1:], 10, 16); err == nil {
				return ip.Unmap(), int64(p), true
			}
		}
	}
	if ip, err := netip.ParseAddr(s); err == nil && ip.Zone() == "" {
		return ip.Unmap(), -1, true
	}
	return netip.Addr{}, 0, false
}

// normalizeSlowText reads the TEXT slow log: CacheClusterId, CacheNodeId,
// [Id,] Timestamp, Duration (us), Command, ClientAddress, ClientName,
// joined by commas. The command may hold commas, so the client address
// is the last field from the right that is one, and the name what follows.
func normalizeSlowText(s string, ev *ecs.Event) error {
	f := strings.Split(s, ",")
	if len(f) < 7 {
		return fmt.Errorf("TEXT slow-log record has %d comma-separated fields, want at least 7 (cluster,node,timestamp,duration,command,client address,client name)", len(f))
	}
	isNum := func(x string) bool { _, err := strconv.ParseInt(x, 10, 64); return err == nil }
	var rec slow
	rec.id = -1
	rec.cluster, rec.node = f[0], f[1]
	i := 2
	if len(f) >= 8 && isNum(f[2]) && isNum(f[3]) && isNum(f[4]) {
		rec.id, _ = strconv.ParseInt(f[2], 10, 64)
		i = 3
	}
	sec, err := strconv.ParseInt(f[i], 10, 64)
	if err != nil || sec < 0 || sec > 253402300799 {
		return fmt.Errorf("bad timestamp %q: want seconds since the epoch", clip(f[i]))
	}
	rec.ts = time.Unix(sec, 0).UTC()
	if rec.dur, err = strconv.ParseInt(f[i+1], 10, 64); err != nil || rec.dur < 0 {
		return fmt.Errorf("bad duration %q: want microseconds", clip(f[i+1]))
	}
	a := len(f) - 2
	for j := len(f) - 2; j > i+2; j-- {
		if _, _, ok := clientAddr(f[j]); ok {
			a = j
			break
		}
	}
	rec.cmd = strings.Join(f[i+2:a], ",")
	rec.addr = f[a]
	rec.name = strings.Join(f[a+1:], ",")
	setSlow(ev, rec)
	return nil
}

// engineText matches the TEXT engine log's head:
// "<cluster>/<node>:<role> <D Mon YYYY hh:mm:ss.mmm> UTC <level> ".
var engineText = regexp.MustCompile(`^([^/\s,]+)/([^:\s,]+):([A-Z]) (\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}\.\d{3} [A-Z]{3}) ([.\-*#]) `)

// levels maps the engine's level marks to its level names.
var levels = map[string]string{".": "DEBUG", "-": "VERBOSE", "*": "NOTICE", "#": "WARNING"}

func normalizeEngineText(s string, ev *ecs.Event) error {
	m := engineText.FindStringSubmatch(s)
	ts, err := engineTime(m[4])
	if err != nil {
		return err
	}
	setEngine(ev, ts, m[1], m[2], m[3], levels[m[5]], s[len(m[0]):], nil)
	return nil
}

// engineTime reads "12 Nov 2020 01:28:57.994 UTC".
func engineTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New("engine-log record without Time")
	}
	rest, ok := strings.CutSuffix(s, " UTC")
	if !ok {
		return time.Time{}, fmt.Errorf("bad time %q: want \"12 Nov 2020 01:28:57.994 UTC\"", clip(s))
	}
	t, err := time.Parse("2 Jan 2006 15:04:05.000", rest)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q: want \"12 Nov 2020 01:28:57.994 UTC\"", clip(s))
	}
	return t, nil
}

func setEngine(ev *ecs.Event, ts time.Time, cluster, node, role, level, msg string, other []byte) {
	ev.Date("@timestamp", ts)
	ev.Keyword("aws.elasticache.cache_cluster_id", cluster)
	ev.Keyword("aws.elasticache.cache_node_id", node)
	ev.Keyword("aws.elasticache.log_type", "engine-log")
	if other != nil {
		ev.KeywordBytes("aws.elasticache.other", other)
	}
	ev.Keyword("aws.elasticache.role", role)
	ev.Keywords("event.category", "database")
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.type", "info")
	ev.Keyword("log.level", level)
	ev.Keyword("message", strings.TrimSpace(msg))
	ev.Keyword("service.name", cluster)
	ev.Keyword("service.node.name", node)
	ev.Keyword("service.type", "redis")
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
