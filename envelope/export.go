package envelope

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"path"
	"regexp"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// CloudWatchLogsExportMeta is what the key of a CloudWatch Logs export
// object says about its messages: parser.Delivery.Meta of every message
// the CloudWatchLogsExport envelope delivers. All the messages of one
// object share one *CloudWatchLogsExportMeta; a log type must not modify
// it.
type CloudWatchLogsExportMeta struct {
	// Prefix is the key before the task id: the export's destination
	// prefix ("exportedlogs" by default), with any folders before it.
	Prefix string
	// TaskID is the export task's id.
	TaskID string
	// LogStream is the log stream the object holds messages of.
	LogStream string
	// File is the object's name within the stream's folder, e.g.
	// 000000.gz.
	File string
	// LogGroup is the log group, when ExportOptions.LogGroup names it:
	// the key does not hold it.
	LogGroup string
}

// exportKey matches <prefix>/<taskId>/<logStream>/<NNNNNN>.gz. Log stream
// names may hold slashes (Lambda's 2026/11/27/[$LATEST]...), so the
// stream is everything between the task id and the file name.
var exportKey = regexp.MustCompile(`(?:^|/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(.+)/([0-9]{6}(?:\.gz)?)$`)

// exportWriteTest is the object AWS writes to the destination prefix to
// check that it may write there, before an export starts.
const exportWriteTest = "aws-logs-write-test"

// ParseExportKey reads the layout of a CloudWatch Logs export object's
// key, <prefix>/<taskId>/<logStream>/000000.gz, where the task id is a
// UUID. LogGroup is left empty.
func ParseExportKey(key string) (CloudWatchLogsExportMeta, bool) {
	m := exportKey.FindStringSubmatchIndex(key)
	if m == nil {
		return CloudWatchLogsExportMeta{}, false
	}
	prefixEnd := m[2] - 1 // before the slash ahead of the task id
	if prefixEnd < 0 {
		prefixEnd = 0
	}
	return CloudWatchLogsExportMeta{
		Prefix:    key[:prefixEnd],
		TaskID:    key[m[2]:m[3]],
		LogStream: key[m[4]:m[5]],
		File:      key[m[6]:m[7]],
	}, true
}

// ExportOptions configures the CloudWatch Logs export envelope.
type ExportOptions struct {
	// LogGroup names the log group of an export from its destination
	// prefix and task id, "" when it cannot tell. The key of an export
	// object holds no log group; a deployment whose prefixes follow a
	// convention (one prefix per log group, say) states it here. nil
	// leaves aws.cloudwatch.log_group unset.
	LogGroup func(prefix, taskID string) string
}

// CloudWatchLogsExport returns the envelope of the objects a CloudWatch
// Logs export task writes to S3. See the package documentation.
func CloudWatchLogsExport() siem.Envelope { return cloudWatchLogsExport{} }

// CloudWatchLogsExportWith is CloudWatchLogsExport with options.
func CloudWatchLogsExportWith(opts ExportOptions) siem.Envelope {
	return cloudWatchLogsExport{opts: opts}
}

type cloudWatchLogsExport struct{ opts ExportOptions }

func (cloudWatchLogsExport) Name() string { return NameCloudWatchLogsExport }

// Sniff needs the key and the content: the key must have the export
// layout (or name the aws-logs-write-test object), and the object must be
// empty or start with a line "<RFC 3339 timestamp> ". Content alone cannot
// decide, since other logs (a Classic Load Balancer's) start their lines
// with timestamps too.
func (cloudWatchLogsExport) Sniff(key string, head []byte) bool {
	if path.Base(key) == exportWriteTest {
		return true
	}
	if _, ok := ParseExportKey(key); !ok {
		return false
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(head) == 0 {
		return true
	}
	_, _, ok := exportTimestamp(head)
	return ok
}

// Open reports the aws-logs-write-test object as holding no events
// (*siem.NotEventsError, so the object is skipped rather than failed), and
// reads any other object as lines of messages.
func (e cloudWatchLogsExport) Open(obj siem.Object, r io.Reader) (parser.Reader, error) {
	if path.Base(obj.Key) == exportWriteTest {
		return nil, &siem.NotEventsError{
			Object: obj,
			Type:   "CloudWatch Logs export",
			Reason: "the aws-logs-write-test object AWS writes to check that an export may write to the bucket; it holds no log events",
		}
	}
	meta, ok := ParseExportKey(obj.Key)
	if !ok {
		return nil, fmt.Errorf("key %q is not laid out as a CloudWatch Logs export object (<prefix>/<taskId>/<logStream>/000000.gz), so its log stream is unknown", obj.Key)
	}
	if e.opts.LogGroup != nil {
		meta.LogGroup = e.opts.LogGroup(meta.Prefix, meta.TaskID)
	}
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &exportReader{br: br, meta: &meta}, nil
}

// Map sets, in path order: aws.cloudwatch.log_group (when known) and
// log_stream, cloud.provider and event.created (the line's timestamp).
func (cloudWatchLogsExport) Map(d *parser.Delivery, ev *ecs.Event) {
	if m, _ := d.Meta.(*CloudWatchLogsExportMeta); m != nil {
		ev.Keyword("aws.cloudwatch.log_group", m.LogGroup)
		ev.Keyword("aws.cloudwatch.log_stream", m.LogStream)
	}
	ev.Keyword("cloud.provider", "aws")
	ev.Date("event.created", d.Time)
}

// Vendor declares aws.cloudwatch, whose fields are all keywords.
func (cloudWatchLogsExport) Vendor() siem.VendorSchema {
	return siem.VendorSchema{Namespace: "aws.cloudwatch"}
}

// exportTimestamp reads the "<RFC 3339 UTC timestamp> " an export line
// starts with: YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9
// digits, Z, then a space or the end of the line. n is the length of the
// prefix, space included.
func exportTimestamp(b []byte) (t time.Time, n int, ok bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, 0, false
	}
	year, ok1 := num(b[0:4])
	month, ok2 := num(b[5:7])
	day, ok3 := num(b[8:10])
	hour, ok4 := num(b[11:13])
	minute, ok5 := num(b[14:16])
	sec, ok6 := num(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, 0, false
	}
	i, nanos := 19, 0
	if b[i] == '.' {
		i++
		digits := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' && digits < 9 {
			nanos = nanos*10 + int(b[i]-'0')
			i++
			digits++
		}
		if digits == 0 {
			return time.Time{}, 0, false
		}
		for range 9 - digits {
			nanos *= 10
		}
	}
	if i >= len(b) || b[i] != 'Z' {
		return time.Time{}, 0, false
	}
	i++
	switch {
	case i == len(b) || b[i] == '\n' || b[i] == '\r':
	case b[i] == ' ':
		i++
	default:
		return time.Time{}, 0, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nanos, time.UTC)
	if t.Day() != day {
		return time.Time{}, 0, false // 31 April
	}
	return t, i, true
}

// num reads a fixed-width field of digits, such as a time's month.
func num(b []byte) (int, bool) {
	n, ok := parser.ParseUint(b)
	return int(n), ok
}

// exportMessage is a message being assembled from its first line and the
// lines that continue it, or (orphan) a run of lines before the first
// timestamped one.
type exportMessage struct {
	active bool
	orphan bool
	lines  int
	// stamp is the timestamp prefix as written, for the id.
	stamp  []byte
	t      time.Time
	buf    []byte
	size   int64
	line   int64
	offset int64
}

type exportReader struct {
	br     *bufio.Reader
	meta   *CloudWatchLogsExportMeta
	number int64
	// line is the number of lines read; off is the offset of the next
	// byte, lineOff that of the line last read.
	line    int64
	off     int64
	lineOff int64
	long    []byte
	// err is the end of the stream (io.EOF) or the read error that ended
	// it, returned once the message in progress is out.
	err  error
	cur  exportMessage
	out  []byte
	slab []parser.Delivery
	idb  []byte
}

func (r *exportReader) Next() (parser.Record, error) {
	for {
		if r.err != nil {
			if r.cur.active {
				return r.finish()
			}
			return parser.Record{}, r.err
		}
		line, size, err := r.readLine()
		if err != nil {
			r.err = err
			if err == io.EOF {
				continue
			}
			// The part read before the error is kept with the message
			// it cut.
			if size > 0 {
				r.appendLine(line, size)
			}
			if r.cur.active {
				r.cur.active = false
				r.number++
				return parser.Record{}, recordError(r.number, r.cur.line, r.cur.offset, "message cut off by a read error: "+err.Error(), r.cur.buf, r.cur.size, nil)
			}
			continue
		}
		t, n, ok := exportTimestamp(line)
		if !ok {
			r.appendLine(line, size)
			continue
		}
		if r.cur.active {
			rec, err := r.finish()
			r.start(line, n, t, size)
			return rec, err
		}
		r.start(line, n, t, size)
	}
}

// readLine returns the next line without its terminator (valid until the
// next call; cut to MaxMessageBytes) and its full length. err is io.EOF
// when no line is left, or a read error with the part of the line read
// before it.
func (r *exportReader) readLine() (line []byte, size int64, err error) {
	r.lineOff = r.off
	r.long = r.long[:0]
	long := false
	for {
		frag, err := r.br.ReadSlice('\n')
		r.off += int64(len(frag))
		if err == bufio.ErrBufferFull {
			long = true
			r.long = appendCapped(r.long, frag)
			continue
		}
		line = frag
		if long {
			r.long = appendCapped(r.long, frag)
			line = r.long
		}
		size = r.off - r.lineOff
		if size == 0 {
			return nil, 0, err
		}
		r.line++
		if err == nil { // the line ends with its line feed
			size--
			if n := len(line); n > 0 && line[n-1] == '\n' {
				line = line[:n-1]
			}
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
				size--
			}
		}
		if err == io.EOF {
			err = nil // the last line has no terminator; EOF comes next
		}
		return line, size, err
	}
}

func appendCapped(dst, b []byte) []byte {
	if room := MaxMessageBytes + 2 - len(dst); room > 0 {
		dst = append(dst, b[:min(len(b), room)]...)
	}
	return dst
}

// start begins a message with a timestamped line. The buffer of the
// message last returned is left alone until the next call.
func (r *exportReader) start(line []byte, n int, t time.Time, size int64) {
	c := &r.cur
	*c = exportMessage{
		active: true,
		lines:  1,
		stamp:  append(c.stamp[:0], line[:n]...),
		t:      t,
		buf:    append(c.buf[:0], line[n:]...),
		size:   size - int64(n),
		line:   r.line,
		offset: r.lineOff,
	}
}

// appendLine continues the current message with a line that does not
// start with a timestamp, or starts or continues a run of such lines
// before the first timestamped one.
func (r *exportReader) appendLine(line []byte, size int64) {
	c := &r.cur
	if !c.active {
		*c = exportMessage{active: true, orphan: true, buf: c.buf[:0], stamp: c.stamp[:0], line: r.line, offset: r.lineOff}
	} else {
		c.size++
		if len(c.buf) < MaxMessageBytes {
			c.buf = append(c.buf, '\n')
		}
	}
	c.lines++
	c.size += size
	if room := MaxMessageBytes - len(c.buf); room > 0 {
		c.buf = append(c.buf, line[:min(len(line), room)]...)
	}
}

// finish ends the current message and returns it.
func (r *exportReader) finish() (parser.Record, error) {
	c := &r.cur
	c.active = false
	r.number++
	if c.orphan {
		return parser.Record{}, recordError(r.number, c.line, c.offset,
			fmt.Sprintf("%d lines before the first line that starts with a timestamp: a CloudWatch Logs export line starts with an RFC 3339 UTC timestamp and a space (2026-11-27T10:05:00.123Z message), and lines without one continue the message before them", c.lines),
			c.buf, c.size, nil)
	}
	if c.size > MaxMessageBytes {
		return parser.Record{}, recordError(r.number, c.line, c.offset,
			fmt.Sprintf("message of %d bytes (%d lines) is longer than the limit of %d bytes", c.size, c.lines, MaxMessageBytes),
			c.buf, c.size, nil)
	}
	if len(r.slab) == 0 {
		r.slab = make([]parser.Delivery, slabSize)
	}
	d := &r.slab[0]
	r.slab = r.slab[1:]
	*d = parser.Delivery{Envelope: NameCloudWatchLogsExport, ID: r.id(c), Time: c.t, Meta: r.meta}
	// Hand out the buffer; the next message is assembled in the previous
	// one's.
	r.out, c.buf = c.buf, r.out[:0]
	return parser.Record{Data: r.out, Number: r.number, Line: c.line, Offset: c.offset, Delivery: d}, nil
}

// id derives the message's document id from what the export wrote for it
// (log stream, timestamp and message), so that exporting or reading the
// same events again overwrites their documents: a hash, as the pipeline
// derives ids for records without one, but over the timestamp too, which
// the message handed to the log type leaves out.
func (r *exportReader) id(c *exportMessage) string {
	h := xxh3.New()
	h.WriteString(NameCloudWatchLogsExport)
	h.Write([]byte{0})
	h.WriteString(r.meta.LogStream)
	h.Write([]byte{0})
	h.Write(c.stamp)
	h.Write(c.buf)
	sum := h.Sum128().Bytes()
	r.idb = base64.RawURLEncoding.AppendEncode(r.idb[:0], sum[:])
	return string(r.idb)
}
